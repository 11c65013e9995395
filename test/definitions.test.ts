/**
 * Two definitions PostgreSQL stores identically are equal; any difference in
 * what the index covers is not. Compared on the parse tree, never on text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createSqlParser, readStatements, type CreateIndexStatement } from "../src/index.js";

const parser = await createSqlParser();

function definition(sql: string): string {
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, [], sql);
  const st = r.statements.find((s): s is CreateIndexStatement => s.kind === "create-index");
  assert.ok(st, sql);
  return st.definition;
}

const BASE = "CREATE INDEX idx_a ON leads (owner_id, created_at DESC)";

const SAME: string[] = [
  'CREATE INDEX "idx_a" ON "leads" ("owner_id", "created_at" DESC)',
  "create index idx_a on LEADS (OWNER_ID, Created_At desc)",
  "CREATE INDEX idx_a\n    ON leads\n    (\n      owner_id ,created_at   DESC\n    )",
  "CREATE INDEX idx_a ON leads USING btree (owner_id, created_at DESC)",
  "CREATE INDEX idx_a ON leads USING BTREE (owner_id ASC, created_at DESC)",
  "CREATE INDEX idx_a ON public.leads (owner_id ASC NULLS LAST, created_at DESC NULLS FIRST)",
  "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON leads (owner_id, created_at DESC)",
  "CREATE INDEX idx_other_name ON leads (owner_id, created_at DESC)",
];

const DIFFERENT: [string, string][] = [
  ["CREATE UNIQUE INDEX idx_a ON leads (owner_id, created_at DESC)", "UNIQUE"],
  ["CREATE INDEX idx_a ON leads (owner_id, created_at)", "order of a key"],
  ["CREATE INDEX idx_a ON leads (owner_id, created_at DESC NULLS LAST)", "nulls order of a descending key"],
  ["CREATE INDEX idx_a ON leads (created_at DESC, owner_id)", "key order"],
  ["CREATE INDEX idx_a ON crm.leads (owner_id, created_at DESC)", "schema"],
  ['CREATE INDEX idx_a ON "Leads" (owner_id, created_at DESC)', "quoted upper-case table"],
  ["CREATE INDEX idx_a ON leads USING hash (owner_id, created_at DESC)", "method"],
  ["CREATE INDEX idx_a ON leads (owner_id, created_at DESC) WHERE deleted_at IS NULL", "predicate"],
  ["CREATE INDEX idx_a ON leads (owner_id, created_at DESC) INCLUDE (status)", "INCLUDE"],
  ["CREATE INDEX idx_a ON leads (owner_id, created_at DESC) WITH (fillfactor = 70)", "storage parameter"],
  ['CREATE INDEX idx_a ON leads (owner_id COLLATE "C", created_at DESC)', "collation"],
];

test("spellings PostgreSQL stores identically have one definition", () => {
  const base = definition(BASE);
  for (const sql of SAME) assert.equal(definition(sql), base, sql);
});

test("every difference in what the index covers makes another definition", () => {
  const base = definition(BASE);
  for (const [sql, what] of DIFFERENT) assert.notEqual(definition(sql), base, what);
});

test("the same predicate spelled differently is one definition", () => {
  const a = definition("CREATE INDEX i ON t (a) WHERE status = 'open' AND deleted_at IS NULL");
  assert.equal(definition("create index i on t (a) where (STATUS = 'open') and (deleted_at is null)"), a);
  assert.equal(definition("CREATE INDEX i ON t (a) WHERE ((status = 'open' AND deleted_at IS NULL))"), a);
});
