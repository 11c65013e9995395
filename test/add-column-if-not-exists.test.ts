import assert from "node:assert/strict";
import { it } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../src/index.js";
import { analyze, py } from "./helpers/analyze.js";

/**
 * ALTER TABLE … ADD COLUMN IF NOT EXISTS on a column that is there is skipped by PostgreSQL (a NOTICE), its
 * inline constraints with it. Replay says so only where the column certainly is there; elsewhere the
 * constraints are listed as made. test/e2e/replay-postgres.test.ts holds the same cases against PostgreSQL.
 */
const toolkit = createToolkit();

/** Each constraint of `sql`, read as one .sql migration: name, and whether it is left. */
async function constraints(sql: string): Promise<string[]> {
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "V1__a.sql", text: sql }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual([inv.errors, inv.dynamic], [[], []]);
  return inv.constraints.map((c) => `${c.name} ${c.effective ? "made" : "not made"}`);
}

it("a column the table was created with, or added since: the subcommand's constraints are not made; another subcommand's are", async () => {
  assert.deepEqual(
    await constraints(`CREATE TABLE t (id int, email text);
ALTER TABLE t ADD COLUMN IF NOT EXISTS email text UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS code text UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS code text CONSTRAINT t_code_uq UNIQUE, ADD COLUMN IF NOT EXISTS ref int PRIMARY KEY;
ALTER TABLE t ADD COLUMN IF NOT EXISTS id int CONSTRAINT t_id_uq UNIQUE, ADD CONSTRAINT t_id_email_uq UNIQUE (id, email);
ALTER TABLE t ADD COLUMN email2 text CONSTRAINT t_email2_ck CHECK (email2 <> ''), ADD COLUMN IF NOT EXISTS email2 text CONSTRAINT t_email2_ck2 UNIQUE;
`),
    ["t_email_key not made", "t_code_key made", "t_code_uq not made", "t_pkey made", "t_id_email_uq made", "t_id_uq not made", "t_email2_ck2 not made"],
  );
});

it("a skipped column's CHECK takes no name: an unnamed UNIQUE later gets it", async () => {
  assert.deepEqual(
    await constraints(`CREATE TABLE t (id int, a int);
ALTER TABLE t ADD COLUMN IF NOT EXISTS a int CONSTRAINT t_a_key CHECK (a > 0);
ALTER TABLE t ADD UNIQUE (a);
ALTER TABLE t ADD COLUMN IF NOT EXISTS b int CONSTRAINT t_b_key CHECK (b > 0);
ALTER TABLE t ADD UNIQUE (b);
`),
    ["t_a_key made", "t_b_key1 made"],
  );
});

it("a column renamed or dropped is not there, its new name is; the table keeps its columns under a new name or schema", async () => {
  assert.deepEqual(
    await constraints(`CREATE TABLE t (id int, a int, b int);
ALTER TABLE t RENAME COLUMN a TO a2;
ALTER TABLE t DROP COLUMN b;
ALTER TABLE t ADD COLUMN IF NOT EXISTS a int UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS a2 int UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS b int UNIQUE;
ALTER TABLE t RENAME TO u;
CREATE SCHEMA s;
ALTER TABLE u SET SCHEMA s;
ALTER TABLE s.u ADD COLUMN IF NOT EXISTS id int UNIQUE;
`),
    ["t_a_key made", "t_a2_key not made", "t_b_key made", "u_id_key not made"],
  );
});

it("a table whose columns are not all known keeps its constraints: created IF NOT EXISTS, elsewhere, AS SELECT, with LIKE or INHERITS, or after a DO block alters it", async () => {
  assert.deepEqual(
    await constraints(`CREATE TABLE IF NOT EXISTS a (id int);
ALTER TABLE a ADD COLUMN IF NOT EXISTS id int UNIQUE;
ALTER TABLE elsewhere ADD COLUMN IF NOT EXISTS id int UNIQUE;
CREATE TABLE b AS SELECT 1 AS id;
ALTER TABLE b ADD COLUMN IF NOT EXISTS id int UNIQUE;
CREATE TABLE c (LIKE a, x int);
ALTER TABLE c ADD COLUMN IF NOT EXISTS x int UNIQUE;
CREATE TABLE d (id int);
CREATE TABLE e (x int) INHERITS (d);
ALTER TABLE e ADD COLUMN IF NOT EXISTS x int UNIQUE;
CREATE TABLE g (id int, x int);
DO $$ BEGIN ALTER TABLE g DROP COLUMN x; END $$;
ALTER TABLE g ADD COLUMN IF NOT EXISTS x int UNIQUE;
`),
    ["a_id_key made", "elsewhere_id_key made", "b_id_key made", "c_x_key made", "e_x_key made", "g_x_key made"],
  );
});

it("a hand-written module's ADD COLUMN IF NOT EXISTS keeps its constraints: SQL it does not read may have dropped the column", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "from sqlalchemy import text",
      "def up(conn):",
      '    conn.execute(text("CREATE TABLE t (id int, email text)"))',
      '    conn.execute(text("ALTER TABLE t ADD COLUMN IF NOT EXISTS email text UNIQUE"))',
    ),
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.effective]),
    [["t_email_key", true]],
  );
});

it("a registry entry's ALTER TABLE is one statement, whatever columns it adds", async () => {
  const inv = await analyze(
    toolkit,
    null,
    py(
      "INDEX_DEFS = [",
      '    {"name": "x", "table": "t", "sql": "ALTER TABLE t ADD COLUMN c int UNIQUE"},',
      '    {"name": "y", "table": "t", "sql": "ALTER TABLE t ADD COLUMN d int, ADD COLUMN e int; CREATE INDEX CONCURRENTLY y ON t (d)"},',
      "]",
    ),
  );
  assert.deepEqual(
    inv.registryEntries.map((e) => e.statements.map((s) => s.kind)),
    [["constraint"], ["add-column", "create-index"]],
  );
});

/** Each constraint of one Alembic revision whose upgrade() runs `body`: name, and whether it is left. */
async function alembicConstraints(body: readonly string[]): Promise<string[]> {
  const text = ["from alembic import op", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade(table):", ...body.map((l) => `    ${l}`), ""].join("\n");
  const source = { kind: "alembic" as const, directory: "migrations/versions", revisions: [{ path: "migrations/versions/a1_a.py", text }], env: [] };
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [source] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  return inv.constraints.map((c) => `${c.name} ${c.effective ? "made" : "not made"}`);
}

it("Alembic's op.execute is replayed so too, unless SQL known only at run time ran before, or the source holds SQL it could not read at all", async () => {
  const [create, add] = ['op.execute("CREATE TABLE t (id int, email text)")', 'op.execute("ALTER TABLE t ADD COLUMN IF NOT EXISTS email text UNIQUE")'];
  assert.deepEqual(await alembicConstraints([create, add]), ["t_email_key not made"]);
  assert.deepEqual(await alembicConstraints([create, 'op.execute(f"ALTER TABLE {table} DROP COLUMN email")', add]), ["t_email_key made"]);
  assert.deepEqual(await alembicConstraints([create, add, "op.execute(table.sql)"]), ["t_email_key made"]);
});
