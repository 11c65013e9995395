/**
 * Each SQL text of a project is parsed once per run, however many strings
 * hold it (src/sql/statements.ts readingEachTextOnce, with the asks counted
 * by src/model/read-files.ts plainTextAsks): the count decides only how long
 * a text's statements are kept, never what is read.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { DEFAULT_ANALYZE_OPTIONS, analyzeProject, type Toolkit } from "../src/project/analyze.js";
import { createPythonParser } from "../src/python/parser.js";
import { createSqlParser, type SqlParser } from "../src/sql/parser.js";
import { NO_TIMER } from "../src/timing.js";

const real = await createSqlParser();

function countingToolkit(): { toolkit: Toolkit; parsed: string[] } {
  const parsed: string[] = [];
  const sql: SqlParser = { parse: (text) => (parsed.push(text), real.parse(text)), scan: (text) => real.scan(text) };
  return { toolkit: { python: createPythonParser(), sql: () => Promise.resolve(sql), timer: NO_TIMER }, parsed };
}

const SHARED = "CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)";

const MIGRATION = [
  "from sqlalchemy import text",
  "",
  "def migrate_v1(conn):",
  `    conn.execute(text("${SHARED}"))`,
  "",
  "def migrate_v2(conn):",
  `    conn.execute(text("${SHARED}"))`,
  '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_owner ON leads (owner_id)"))',
  "",
  "def migrate_v3(conn):",
  `    conn.execute("${SHARED}")`,
  "",
].join("\n");

const REGISTRY = [
  "INDEX_DEFS = [",
  `    {"name": "idx_leads_status", "table": "leads", "sql": "${SHARED}"},`,
  '    {"name": "idx_calls_day", "table": "calls", "sql": "CREATE INDEX IF NOT EXISTS idx_calls_day ON calls (day)"},',
  "]",
  "",
].join("\n");

test("a text held by three calls and a registry entry is parsed once, and each place still gets its index", async () => {
  const { toolkit, parsed } = countingToolkit();
  const inventory = await analyzeProject(
    { migrations: [{ path: "server/db_migrate.py", text: MIGRATION }], registry: { path: "server/db_indexes.py", text: REGISTRY } },
    DEFAULT_ANALYZE_OPTIONS,
    toolkit,
  );
  assert.deepEqual(
    [...new Set(parsed)].sort(),
    ["CREATE INDEX IF NOT EXISTS idx_calls_day ON calls (day)", "CREATE INDEX IF NOT EXISTS idx_leads_owner ON leads (owner_id)", SHARED].sort(),
  );
  assert.equal(parsed.length, 3, parsed.join("\n"));
  assert.deepEqual(
    inventory.indexes.map((i) => [i.name, i.origin, i.location.file, i.location.line, i.location.column]),
    [
      // By file, then line: the registry's file sorts first. Columns are where CREATE stands.
      ["idx_leads_status", "registry", "server/db_indexes.py", 2, 60],
      ["idx_calls_day", "registry", "server/db_indexes.py", 3, 57],
      ["idx_leads_status", "migration", "server/db_migrate.py", 4, 24],
      ["idx_leads_status", "migration", "server/db_migrate.py", 7, 24],
      ["idx_leads_owner", "migration", "server/db_migrate.py", 8, 24],
      ["idx_leads_status", "migration", "server/db_migrate.py", 11, 19],
    ],
  );
});
