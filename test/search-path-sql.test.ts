import { test } from "node:test";
import assert from "node:assert/strict";
import { createSqlParser, readStatements } from "../src/index.js";
import { identifierList } from "../src/sql/session.js";

const parser = await createSqlParser();

/** What each statement of `sql` reads as, without its span. */
function read(sql: string): unknown[] {
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, []);
  return r.statements.map(({ start: _s, end: _e, ...rest }) => rest);
}

test("SET search_path takes each value as one schema name, as written (SET quotes what it is given)", () => {
  assert.deepEqual(read(`SET search_path TO app, "My App", public`), [{ kind: "search-path", schemas: ["app", "My App", "public"], local: false }]);
  assert.deepEqual(read(`SET search_path = 'App, public'`), [{ kind: "search-path", schemas: ["App, public"], local: false }]);
  assert.deepEqual(read(`set local search_path to "$user", public`), [{ kind: "search-path", schemas: ["$user", "public"], local: true }]);
  assert.deepEqual(read(`SET SESSION search_path TO app`), [{ kind: "search-path", schemas: ["app"], local: false }]);
});

test("RESET, TO DEFAULT, RESET ALL and DISCARD ALL go back to the session's own search_path", () => {
  for (const sql of ["RESET search_path", "SET search_path TO DEFAULT", "RESET ALL", "DISCARD ALL"]) assert.deepEqual(read(sql), [{ kind: "search-path", schemas: "default", local: false }], sql);
  assert.deepEqual(read("SET LOCAL search_path TO DEFAULT"), [{ kind: "search-path", schemas: "default", local: true }]);
});

test("a search_path that is not a literal PostgreSQL accepts is not known", () => {
  assert.deepEqual(read("SET search_path FROM CURRENT"), [{ kind: "search-path", schemas: null, local: false }]);
  assert.deepEqual(read("SET search_path TO ''"), [{ kind: "search-path", schemas: null, local: false }]);
  assert.deepEqual(read("SELECT set_config('search_path', $1, false)"), [{ kind: "search-path", schemas: null, local: false }]);
  assert.deepEqual(read("SELECT set_config('search_path', 'app', $1)"), [{ kind: "search-path", schemas: null, local: false }]);
  assert.deepEqual(read(`SELECT set_config('search_path', '"ab', false)`), [{ kind: "search-path", schemas: null, local: false }]);
});

test("set_config('search_path', …) splits its value as PostgreSQL does; any other SELECT is no SET", () => {
  assert.deepEqual(read(`SELECT set_config('search_path', ' App ,"My ""x""", public', false)`), [{ kind: "search-path", schemas: ["app", 'My "x"', "public"], local: false }]);
  assert.deepEqual(read(`select pg_catalog.set_config('SEARCH_PATH', 'app', true)`), [{ kind: "search-path", schemas: ["app"], local: true }]);
  assert.deepEqual(read(`SELECT set_config('search_path', '', false)`), [{ kind: "search-path", schemas: [], local: false }]);
  // Run once per row of a FROM, or beside other columns: left to the caller, which sees search_path in the text.
  assert.deepEqual(read(`SELECT set_config('search_path', 'app', false) FROM t`), [{ kind: "other", type: "SelectStmt" }]);
  assert.deepEqual(read(`SELECT set_config('work_mem', '1MB', false)`), [{ kind: "other", type: "SelectStmt" }]);
});

test("transaction ends and CREATE SCHEMA", () => {
  assert.deepEqual(read("BEGIN; COMMIT; END; ROLLBACK; ABORT; SAVEPOINT s; ROLLBACK TO s"), [
    { kind: "other", type: "TransactionStmt" },
    { kind: "transaction-end", commit: true },
    { kind: "transaction-end", commit: true },
    { kind: "transaction-end", commit: false },
    { kind: "transaction-end", commit: false },
    { kind: "other", type: "TransactionStmt" },
    { kind: "transaction-end", commit: false },
  ]);
  assert.deepEqual(read("CREATE SCHEMA app; CREATE SCHEMA IF NOT EXISTS app2; CREATE SCHEMA AUTHORIZATION joe; CREATE SCHEMA s CREATE TABLE t (a int)"), [
    { kind: "create-schema", schema: "app", empty: true },
    { kind: "create-schema", schema: "app2", empty: false },
    { kind: "create-schema", schema: "joe", empty: true },
    { kind: "create-schema", schema: "s", empty: false },
    // Its elements follow it, in the new schema.
    { kind: "create-table", schema: "s", table: "t", temporary: false, ifNotExists: false, columns: ["a"] },
  ]);
});

test("identifierList: names longer than 63 bytes are cut, only ASCII letters fold", () => {
  assert.deepEqual(identifierList(`${"A".repeat(70)}, "${"b".repeat(70)}", Ärger`), ["a".repeat(63), "b".repeat(63), "Ärger"]);
  assert.equal(identifierList("a,,b"), null);
  assert.equal(identifierList("a b"), null);
  assert.deepEqual(identifierList("  "), []);
});
