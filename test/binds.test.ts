/**
 * What the driver sends is what PostgreSQL's parser sees: every DB-API
 * paramstyle and expanding binds are values, templates are holes, and only
 * SQL that PostgreSQL really rejects is an error.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createSqlParser, createToolkit, readStatements } from "../src/index.js";
import { analyze, dynamics, positions, problems } from "./helpers/analyze.js";
import { ROOT } from "./helpers/paths.js";
import { replaceBindParameters } from "../src/sql/binds.js";
import { byteMap } from "../src/sql/tokens.js";
import { findBindMarkers, findTemplateMarkers } from "../src/sql/templates.js";
import { looksLikeSql, otherDialect } from "../src/sql/dialect.js";
import { isParseError } from "../src/sql/parser.js";

const parser = await createSqlParser();

function replaced(sql: string): string {
  const tokens = parser.scan(sql);
  assert.ok(!isParseError(tokens));
  return replaceBindParameters(sql, tokens, byteMap(sql));
}

// [driver SQL, what the parser is given] — always the same length.
const BINDS: [string, string][] = [
  ["DELETE FROM tags WHERE name NOT IN :names", "DELETE FROM tags WHERE name NOT IN(1)    "],
  ["UPDATE t SET a = 1 WHERE id IN :ids", "UPDATE t SET a = 1 WHERE id IN(1)  "],
  ["DELETE FROM tags WHERE id IN %s", "DELETE FROM tags WHERE id IN(1)"],
  ["SELECT * FROM t WHERE (a, b) IN %(pairs)s", "SELECT * FROM t WHERE (a, b) IN(1)       "],
  ["SELECT * FROM t WHERE a = ? AND b = ?", "SELECT * FROM t WHERE a = 1 AND b = 1"],
  ["INSERT INTO t (a, b) VALUES (?,?)", "INSERT INTO t (a, b) VALUES (1,1)"],
  ["SELECT * FROM t WHERE a=? LIMIT ?", "SELECT * FROM t WHERE a=1 LIMIT 1"],
  ["SELECT * FROM t WHERE a = %(a)s AND b = %s", "SELECT * FROM t WHERE a = $1    AND b = $1"],
  ["SELECT * FROM t WHERE a = :1 AND b = :2", "SELECT * FROM t WHERE a = $1 AND b = $1"],
  ["SELECT * FROM t WHERE a = $1", "SELECT * FROM t WHERE a = $1"],
  ["SELECT * FROM t WHERE a = %s::int AND b::text = :b", "SELECT * FROM t WHERE a = $1::int AND b::text = $1"],
  // Not binds: jsonb's ? operator, array slices, casts.
  ["SELECT * FROM t WHERE data ? 'k' AND tags ?| array['a']", "SELECT * FROM t WHERE data ? 'k' AND tags ?| array['a']"],
  ["SELECT a[1:2], b[lo:hi] FROM t", "SELECT a[1:2], b[lo:hi] FROM t"],
];

// Not values: a bind glued to a name is part of it (filled in by formatting).
const NOT_BINDS = ["CREATE INDEX idx_%s ON t (a)", "CREATE INDEX idx_%(name)s ON t (a)"];

test("bind parameters of every paramstyle become values the parser accepts, in place", () => {
  for (const [sql, expected] of BINDS) {
    const out = replaced(sql);
    assert.equal(out, expected, sql);
    assert.equal(out.length, sql.length, sql);
    assert.deepEqual(readStatements(parser, sql).errors, [], sql);
  }
});

test("a bind glued to a name is left as written", () => {
  for (const sql of NOT_BINDS) assert.equal(replaced(sql), sql);
});

test("binds where a name must stand (psycopg's AsIs) are holes: a known name and table are listed, an unknown one is dynamic", async () => {
  const inv = await analyze(
    createToolkit(),
    [
      "def up(cur, schema):",
      '    cur.execute("CREATE INDEX IF NOT EXISTS idx_hosts_ip ON %(schema)s.hosts (ip)", {"schema": AsIs(schema)})',
      '    cur.execute("CREATE INDEX IF NOT EXISTS idx_%s ON hosts (ip)", (AsIs("x"),))',
      '    cur.execute("SELECT * FROM hosts WHERE ip = %s AND", ("1",))',
      "",
    ].join("\n"),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.schema, i.table, i.location.line, i.location.column]),
    [["idx_hosts_ip", "%(schema)s", "hosts", 2, 18]],
  );
  assert.deepEqual(
    inv.dynamic.map((d) => [d.template, d.reason, d.line, d.column]),
    [["CREATE INDEX IF NOT EXISTS idx_%s ON hosts (ip)", "%s is a bind parameter filled in at run time", 3, 18]],
  );
  // Broken with the binds as values and as names alike: really broken.
  assert.deepEqual(problems(inv), [["invalid-sql", 4, 54, "syntax error at end of input"]]);
});

test("template markers outside SQL literals and comments", () => {
  const text = `SELECT '{"a": 1}'::jsonb, "{x}" FROM {schema}.t -- {not}\nWHERE {% if a %}b = {{ v }}{% endif %} /* {c} */ AND d = '{1,2}' {# note #} AND e = $q$\{z}$q$ AND f = {}`;
  assert.deepEqual(
    findTemplateMarkers(text).map((m) => [text.slice(m.start, m.end), m.kind]),
    [
      ["{schema}", "expression"],
      ["{% if a %}", "statement"],
      ["{{ v }}", "expression"],
      ["{% endif %}", "statement"],
      ["{# note #}", "comment"],
      ["{}", "expression"],
    ],
  );
});

test("still rejected: an orphaned ON fragment, a typo, an unbalanced parenthesis", () => {
  for (const [sql, message] of [
    ["ON t(a)", 'syntax error at or near "ON"'],
    ["CREAT INDEX idx_a ON t (a)", 'syntax error at or near "CREAT"'],
    ["CREATE INDEX idx_a ON t (a", "syntax error at end of input"],
    ["SELECT * FROM t WHERE a IN ?", 'syntax error at or near "?"'],
  ] as const) {
    assert.deepEqual(
      readStatements(parser, sql).errors.map((e) => e.message),
      [message],
      sql,
    );
  }
});

test("a storage layer with every paramstyle, templates and text() expressions: no invalid-sql, no dynamic SQL", async () => {
  const source = readFileSync(join(ROOT, "fixtures/rules/invalid-sql/valid/driver-paramstyles-templates-and-expressions/server/db_migrate.py"), "utf8");
  const inv = await analyze(createToolkit(), source);
  assert.deepEqual(problems(inv), []);
  assert.deepEqual(dynamics(inv), []);
  assert.deepEqual(positions(inv), [["idx_tags_owner", 29, 17]]);
});

test("another database's SQL and text that is no SQL are not broken SQL; PostgreSQL's own still is", async () => {
  assert.deepEqual(
    [
      "CREATE TABLE t (id INTEGER PRIMARY KEY AUTOINCREMENT)",
      "INSERT OR IGNORE INTO t (a) VALUES (?)",
      "PRAGMA foreign_keys = ON",
      "SELECT `name` FROM `t`",
      "INSERT INTO t (a) VALUES (1) ON DUPLICATE KEY UPDATE a = 1",
      "CREATE INDEX idx_a ON t (a",
    ].map(otherDialect),
    ["SQLite", "SQLite", "SQLite", "MySQL", "MySQL", null],
  );
  assert.deepEqual(["healthcheck now", "query { rooms { id } }", "ON t (a)", "CREAT INDEX i ON t (a)"].map(looksLikeSql), [false, false, true, true]);
  const inv = await analyze(
    createToolkit(),
    ["def up(conn, jobs):", '    jobs.execute("healthcheck now")', '    conn.execute("INSERT OR REPLACE INTO t (a) VALUES (?)")', '    conn.execute("ON t (a)")', ""].join("\n"),
  );
  assert.deepEqual(problems(inv), [["invalid-sql", 4, 19, 'syntax error at or near "ON"']]);
});

test("seeded random SQL: binds keep the length, markers are ordered and in bounds", () => {
  const bits = ["SELECT ", "a", " IN ", "NOT IN ", ":ids", "%s", "%(n)s", "?", "=?", ":1", "::int", "'{x}'", '"{y}"', "{", "}", "{{ v }}", "{% if %}", "{# c #}", "$q$ {z} $q$", "-- {c}\n", "/* {d} */", "(", ")", ",", "[1:2]", " ", "\n", "é", "😀", "E'\\'{'"];
  let seed = 7;
  const next = (): number => ((seed = (seed * 1103515245 + 12345) >>> 0) % 1000) / 1000;
  for (let n = 0; n < 400; n++) {
    let sql = "";
    const len = 1 + Math.floor(next() * 30);
    for (let k = 0; k < len; k++) sql += bits[Math.floor(next() * bits.length)]!;
    const tokens = parser.scan(sql);
    if (!isParseError(tokens)) assert.equal(replaceBindParameters(sql, tokens, byteMap(sql)).length, sql.length, sql);
    for (const markers of [findTemplateMarkers(sql), findBindMarkers(sql)]) {
      let last = 0;
      for (const m of markers) {
        assert.ok(m.start >= last && m.end > m.start && m.end <= sql.length, sql);
        last = m.end;
      }
    }
  }
});
