import pg from "pg";
import type { Inventory } from "../../src/model/types.js";
import type { PostgresServer } from "./postgres-server.js";

/**
 * PostgreSQL as the answer key of replay: the indexes a database holds after
 * the migrations ran, and the ones the inventory says they leave behind, in
 * the same `schema.index` form.
 */

/** `schema.index` for every index in the database's own schemas (Alembic's version table aside). */
export async function indexesIn(server: PostgresServer, database: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    const r = await client.query<{ name: string }>(
      "SELECT schemaname || '.' || indexname AS name FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND tablename <> 'alembic_version' ORDER BY 1",
    );
    return r.rows.map((row) => row.name);
  } finally {
    await client.end();
  }
}

/** `schema.index` for every index the inventory says migrations leave: effective indexes under their final names, and the effective constraints' indexes. */
export function leftBehind(inv: Inventory): string[] {
  return [
    ...inv.indexes.filter((i) => i.effective && i.origin === "migration").map((i) => `${i.schema ?? "public"}.${i.renamedTo ?? i.name}`),
    ...inv.constraints.filter((c) => c.effective && c.origin === "migration" && !c.usingIndex).map((c) => `${c.schema ?? "public"}.${c.renamedTo ?? c.name}`),
  ].sort();
}
