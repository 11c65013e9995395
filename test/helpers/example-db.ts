import { readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../../src/project/analyze.js";
import { DEFAULT_EXECUTORS, DEFAULT_WRAPPERS, extractSql } from "../../src/python/extract.js";
import { parsePython } from "../../src/python/parser.js";
import { analyzeModule } from "../../src/python/scope.js";
import { EXAMPLE } from "./paths.js";

/** The registry list the example database's "deploy step" never reached. */
export const NOT_BUILT = "INDEX_DEFS_MESSAGING";

export interface ExampleLoad {
  migrationStatements: number;
  registryIndexes: number;
  failed: string[];
}

/**
 * Loads the example project into a database as its deploys would have left
 * it, with deliberate drift: every statement the migrations' executors run
 * (in file order, data migrations with bind parameters aside), the registry
 * but for one list, one registry index built before its definition changed,
 * one index made by hand, and one concurrent unique build that failed on
 * duplicate data (an INVALID index).
 */
export async function loadExample(pg: { exec(sql: string): Promise<void> }): Promise<ExampleLoad> {
  const toolkit = createToolkit();
  const text = readFileSync(join(EXAMPLE, "server/db_migrate.py"), "utf8");
  const root = parsePython(toolkit.python, text).rootNode;
  const { sources } = extractSql(analyzeModule(root, text), { executors: DEFAULT_EXECUTORS, wrappers: DEFAULT_WRAPPERS });
  const out: ExampleLoad = { migrationStatements: 0, registryIndexes: 0, failed: [] };
  for (const s of [...sources].sort((a, b) => a.start - b.start)) {
    if (s.executor === null || s.value.kind !== "str") continue;
    // Linear: fixed prefixes, one bounded run of letters.
    if (/(^|[^:]):[a-z_]+|%\(|%s/i.test(s.value.text)) continue;
    await pg.exec(s.value.text).then(
      () => out.migrationStatements++,
      (e: unknown) => out.failed.push((e as Error).message),
    );
  }
  const inventory = await analyzeProject(
    { migrations: [], registry: { path: "server/db_indexes.py", text: readFileSync(join(EXAMPLE, "server/db_indexes.py"), "utf8") } },
    DEFAULT_ANALYZE_OPTIONS,
    toolkit,
  );
  for (const def of inventory.indexes) {
    if (!def.effective || def.registry?.list === NOT_BUILT) continue;
    const sql = def.name === "idx_leads_stage" ? "CREATE INDEX IF NOT EXISTS idx_leads_stage ON leads (stage) WHERE deleted_at IS NULL" : def.sql;
    await pg.exec(sql).then(
      () => out.registryIndexes++,
      (e: unknown) => out.failed.push((e as Error).message),
    );
  }
  await pg.exec("CREATE INDEX idx_calls_tmp_debug ON calls (lead_id, started_at)");
  await pg.exec("INSERT INTO businesses (name, slug) VALUES ('Acme', 'acme'), ('Acme', 'acme-2')");
  await pg.exec("CREATE UNIQUE INDEX CONCURRENTLY uq_businesses_name ON businesses (name)").then(
    () => out.failed.push("uq_businesses_name was built: expected it to fail"),
    () => undefined,
  );
  return out;
}
