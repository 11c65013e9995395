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
  return catalogRows(server, database, "schemaname || '.' || indexname");
}

/** `schema.index ON table` for the same indexes: the table each one is on now. */
export async function indexTablesIn(server: PostgresServer, database: string): Promise<string[]> {
  // Sorted as tablesLeftBehind sorts, whatever the database's collation does with the spaces.
  return (await catalogRows(server, database, "schemaname || '.' || indexname || ' ON ' || tablename")).sort();
}

/**
 * A temporary table is gone once the session that made it ends, but its backend drops it while exiting, after psql has
 * returned: read too soon, the catalog still lists its indexes under pg_temp_N. No migration leaves them behind.
 */
async function catalogRows(server: PostgresServer, database: string, row: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: server.url(database) });
  await client.connect();
  try {
    const r = await client.query<{ row: string }>(
      `SELECT ${row} AS row FROM pg_indexes WHERE schemaname NOT IN ('pg_catalog', 'information_schema') AND schemaname NOT LIKE 'pg\\_temp\\_%' AND schemaname NOT LIKE 'pg\\_toast\\_temp\\_%' AND tablename <> 'alembic_version' ORDER BY 1`,
    );
    return r.rows.map((x) => x.row);
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

/** `schema.index ON table` for the same ones, each on its table's last name (a later rename of the table). */
export function tablesLeftBehind(inv: Inventory): string[] {
  return [
    ...inv.indexes.filter((i) => i.effective && i.origin === "migration").map((i) => `${i.schema ?? "public"}.${i.renamedTo ?? i.name} ON ${i.tableRenamedTo ?? i.table}`),
    ...inv.constraints.filter((c) => c.effective && c.origin === "migration" && !c.usingIndex).map((c) => `${c.schema ?? "public"}.${c.renamedTo ?? c.name} ON ${c.tableRenamedTo ?? c.table}`),
  ].sort();
}
