/**
 * One statement is one index: a string reached along several paths (a text()
 * object executed later, a list of them run in a loop, a constant executed in
 * two functions) is listed once, at the call that runs it.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createToolkit } from "../src/index.js";
import { analyze, problems } from "./helpers/analyze.js";
import { ROOT } from "./helpers/paths.js";

const toolkit = createToolkit();
const FIXTURE = join(ROOT, "fixtures/rules/duplicate-index-name/valid/text-objects-executed-later/server/db_migrate.py");

test("text() objects, lists of them and constants executed later: each index once, at its executor", async () => {
  const inv = await analyze(toolkit, readFileSync(FIXTURE, "utf8"));
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column, i.context.executor, i.context.function]),
    [
      // The constants: at the literal, executed first by migrate_v50_leads.
      ["idx_leads_search", 5, 22, "conn.execute", "migrate_v50_leads"],
      ["idx_leads_owner", 6, 20, "conn.execute", "migrate_v50_leads"],
      ["idx_leads_status", 10, 18, "conn.execute", "migrate_v50_leads"],
      ["idx_leads_source", 13, 15, "conn.execute", "migrate_v50_leads"],
      ["idx_leads_stage", 14, 15, "conn.execute", "migrate_v50_leads"],
    ],
  );
  assert.deepEqual(problems(inv), []);
  assert.deepEqual(inv.dynamic, []);
});

test("sql.SQL(…).format(…) held in a name and executed later: one index, not also its raw template", async () => {
  const inv = await analyze(
    toolkit,
    [
      "from psycopg2 import sql",
      "",
      "",
      "def up(cur):",
      '    q = sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} (a)").format(sql.Identifier("idx_a"), sql.Identifier("t"))',
      "    cur.execute(q)",
      "",
    ].join("\n"),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.table, i.location.line, i.location.column, i.context.executor]),
    [["idx_a", "t", 5, 18, "cur.execute"]],
  );
  assert.deepEqual(inv.dynamic, []);
});

test("one statement reached as SQL and as SQL.strip(): one index and one error", async () => {
  const inv = await analyze(
    toolkit,
    ['SQL = """', "    CREATE INDEX IF NOT EXISTS idx_a ON t (a);", "    ON t (b);", '"""', "", "", "def up(conn):", "    conn.execute(SQL)", "    conn.execute(SQL.strip())", ""].join("\n"),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column]),
    [["idx_a", 2, 5]],
  );
  assert.deepEqual(problems(inv), [["invalid-sql", 3, 5, 'syntax error at or near "ON"']]);
});
