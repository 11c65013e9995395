/**
 * No silent caps: loops are unrolled only when the SQL reads their variable,
 * helpers with thousands of call sites are read at every call site, and every
 * budget that runs out is a finding at the place it ran out.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createToolkit } from "../src/index.js";
import { LIMITS } from "../src/python/limits.js";
import { analyze, positions, problems, py } from "./helpers/analyze.js";

const toolkit = createToolkit();

/** The retry helper real migration modules grow: its loop variable never reaches the SQL. */
const RETRY_HELPER = [
  "from sqlalchemy import text",
  "",
  "",
  "def execute_with_retry(engine, sql, params=None, *, max_retries=10):",
  "    for attempt in range(max_retries):",
  "        try:",
  "            with engine.begin() as conn:",
  "                conn.execute(text(sql), params or {})",
  "            return",
  "        except Exception:",
  "            if attempt == max_retries - 1:",
  "                raise",
  "",
  "",
  "def upgrade(engine):",
];
const FIRST_SITE_LINE = RETRY_HELPER.length + 1;
const SITES = 2_000;

/** Four shapes in turn: an index, a column with an inline UNIQUE, a plain UPDATE, an orphaned `ON t(a)` fragment. */
function siteLine(i: number): string {
  switch (i % 4) {
    case 0:
      return `    execute_with_retry(engine, "CREATE INDEX IF NOT EXISTS idx_t${i} ON t${i} (a)")`;
    case 1:
      return `    execute_with_retry(engine, "ALTER TABLE t${i} ADD COLUMN code text UNIQUE")`;
    case 2:
      return `    execute_with_retry(engine, "UPDATE t${i} SET a = 1 WHERE a IS NULL", max_retries=3)`;
    default:
      return `    execute_with_retry(engine, "ON t${i}(a)")`;
  }
}

test("2,000 call sites of a retry helper: every string parsed, nothing dropped, no limit hit", async () => {
  const source = py(...RETRY_HELPER, ...Array.from({ length: SITES }, (_, i) => siteLine(i)));
  const inv = await analyze(toolkit, source);
  const line = (i: number): number => FIRST_SITE_LINE + i;
  const of = (k: number): number[] => Array.from({ length: SITES / 4 }, (_, j) => 4 * j + k);
  // The SQL is reported at the call site, at the column of CREATE inside the literal.
  assert.deepEqual(
    positions(inv),
    of(0).map((i) => [`idx_t${i}`, line(i), 33]),
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.type, c.table, c.columns, c.location.line, c.location.column]),
    of(1).map((i) => [`t${i}_code_key`, "unique", `t${i}`, ["code"], line(i), 33]),
  );
  assert.deepEqual(
    problems(inv),
    of(3).map((i) => ["invalid-sql", line(i), 33, 'syntax error at or near "ON"']),
  );
  assert.deepEqual(inv.dynamic, []);
  // Each index once: no iteration of the retry loop counts it again.
  assert.equal(new Set(inv.indexes.map((i) => i.name)).size, SITES / 4);
});

test("a loop whose variable the SQL reads is still unrolled, inside a retry loop that is not", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def upgrade(conn):",
      '    for table in ("leads", "calls"):',
      "        for attempt in range(5):",
      '            conn.execute(f"CREATE INDEX IF NOT EXISTS idx_{table}_tenant ON {table} (tenant_id)")',
    ),
  );
  // Both come from the same call and literal: listed by name.
  assert.deepEqual(positions(inv), [
    ["idx_calls_tenant", 4, 28],
    ["idx_leads_tenant", 4, 28],
  ]);
  assert.deepEqual(problems(inv), []);
});

test("a loop variable read through a local name is unrolled", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def upgrade(conn):",
      '    for t in ["a", "b"]:',
      '        sql = "CREATE INDEX idx_%s ON %s (x)" % (t, t)',
      "        conn.execute(sql)",
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.table, i.location.line]),
    [
      ["idx_a", "a", 3],
      ["idx_b", "b", 3],
    ],
  );
});

test("loops unrolled past the limit are a finding at the statement, naming the limit", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def upgrade(conn):",
      "    for a in range(100):",
      "        for b in range(100):",
      '            conn.execute(f"CREATE INDEX idx_{a}_{b} ON t{a} (c{b})")',
    ),
  );
  assert.equal(inv.indexes.length, LIMITS.unrolledIterations);
  assert.deepEqual(problems(inv), [
    ["limit", 4, 13, `the SQL passed here was not read in full: limit unrolledIterations (${LIMITS.unrolledIterations} unrolled loop iterations per statement) reached`],
  ]);
});

test("helpers nested past the call-depth limit are a finding at the innermost call site not followed", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def run(conn, sql):",
      "    conn.execute(sql)",
      "def h1(conn, s):",
      "    run(conn, s)",
      "def h2(conn, s):",
      "    h1(conn, s)",
      "def h3(conn, s):",
      "    h2(conn, s)",
      "def h4(conn, s):",
      "    h3(conn, s)",
      "def upgrade(conn):",
      '    h4(conn, "CREATE INDEX idx_deep ON t (a)")',
    ),
  );
  assert.deepEqual(positions(inv), [["idx_deep", 12, 15]]);
  // The string literal itself is still read (it holds index SQL); the helper chain past h3 is named.
  assert.deepEqual(problems(inv), [["limit", 10, 5, `the SQL passed here was not read in full: limit callDepth (${LIMITS.callDepth} helper call levels) reached`]]);
});

test("range() past its limit is named at the range and at the statement it feeds", async () => {
  const inv = await analyze(toolkit, py("def upgrade(conn):", "    for i in range(5000):", '        conn.execute(f"CREATE INDEX idx_{i} ON t (a)")'));
  assert.deepEqual(problems(inv), [
    ["limit", 2, 14, `limit range (${LIMITS.range} iterations of range()) reached while evaluating this expression; it is not known statically`],
    ["limit", 3, 9, `the SQL passed here was not read in full: limit range (${LIMITS.range} iterations of range()) reached`],
  ]);
  assert.deepEqual(
    inv.dynamic.map((d) => [d.template, d.line, d.column]),
    [["CREATE INDEX idx_{i} ON t (a)", 3, 24]],
  );
});

test("syntax errors past the listing limit: the first few listed, then one finding naming the limit at the next", async () => {
  const lines = ["def up(conn):", '    conn.execute("CREATE INDEX IF NOT EXISTS idx_a ON t (a)")'];
  for (let i = 0; i < 7; i++) lines.push(`def f${i}():`, `    x = ${i}`, `      y = ${i}`);
  const inv = await analyze(toolkit, py(...lines));
  assert.deepEqual(positions(inv), [["idx_a", 2, 19]]);
  assert.deepEqual(problems(inv), [
    ["python-syntax", 5, 7, "unexpected indent"],
    ["python-syntax", 8, 7, "unexpected indent"],
    ["python-syntax", 11, 7, "unexpected indent"],
    ["python-syntax", 14, 7, "unexpected indent"],
    ["python-syntax", 17, 7, "unexpected indent"],
    ["python-syntax", 20, 7, `limit syntaxErrors (${LIMITS.syntaxErrors} syntax errors listed per file) reached: this syntax error and any later ones are not listed`],
  ]);
});
