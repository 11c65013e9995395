import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../src/index.js";
import type { Inventory } from "../src/model/types.js";
import { DETACH_AND_SCHEMA_CASCADE_SQL, DROP_CASCADE_SQL, DROP_CASCADE_UNDECIDED_SQL, ROLLBACK_BASIC_SQL } from "./helpers/replay-scenarios.js";

/**
 * Replay of plain SQL where it used to differ from what PostgreSQL keeps: ALTER SCHEMA … RENAME, ALTER TABLE IF
 * EXISTS on a table that is not there, and table DDL that builds keys where replay cannot read it.
 * test/e2e/replay-postgres.test.ts runs the same SQL on PostgreSQL.
 */
const toolkit = createToolkit();

async function inventory(sql: string, path = "V1__a.sql"): Promise<Inventory> {
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path, text: sql }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual(inv.errors, []);
  return inv;
}

/** `schema.name` of every index and constraint left at the end. */
function left(inv: Inventory): string[] {
  return [
    ...inv.indexes.filter((i) => i.effective).map((i) => `${i.schema ?? "public"}.${i.renamedTo ?? i.name}`),
    ...inv.constraints.filter((c) => c.effective && !c.usingIndex).map((c) => `${c.schema ?? "public"}.${c.renamedTo ?? c.name}`),
  ].sort();
}

describe("ALTER SCHEMA … RENAME TO", () => {
  it("moves what the schema holds under its names; a later statement finds it under the new name, and a search_path naming the old one no longer does", async () => {
    const inv = await inventory(`CREATE SCHEMA s;
CREATE TABLE s.t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_a ON s.t (a);
CREATE TABLE s.gone (id int PRIMARY KEY);
ALTER SCHEMA s RENAME TO s2;
CREATE INDEX t_b ON s2.t (b);
DROP TABLE s2.gone;
ALTER INDEX s2.t_a RENAME TO t_a2;
ALTER TABLE s2.t DROP COLUMN b;
CREATE SCHEMA app;
SET search_path TO app, public;
CREATE TABLE u (id int PRIMARY KEY);
ALTER SCHEMA app RENAME TO app2;
CREATE TABLE v (id int PRIMARY KEY);
CREATE SCHEMA z;
CREATE TABLE z.k (id int UNIQUE);
ALTER SCHEMA z RENAME TO z2;
DROP SCHEMA z2 CASCADE;
`);
    assert.deepEqual(left(inv), ["app2.u_pkey", "public.v_pkey", "s2.t_a2", "s2.t_pkey"]);
    assert.deepEqual(inv.dynamic, []);
  });
});

describe("ALTER TABLE IF EXISTS", () => {
  it("on a table no statement made, or one dropped or renamed away, is skipped: its constraints are not made, its renames not done", async () => {
    const inv = await inventory(`CREATE TABLE t (id int, a int);
ALTER TABLE IF EXISTS nosuch ADD CONSTRAINT nosuch_pk PRIMARY KEY (id);
ALTER TABLE IF EXISTS nosuch ADD COLUMN b int UNIQUE;
ALTER TABLE IF EXISTS nosuch RENAME TO t2;
ALTER TABLE IF EXISTS t ADD CONSTRAINT t_pk PRIMARY KEY (id);
ALTER TABLE t RENAME TO t3;
ALTER TABLE IF EXISTS t ADD CONSTRAINT t_a_key UNIQUE (a);
CREATE TEMP TABLE tt (id int);
ALTER TABLE IF EXISTS tt ADD PRIMARY KEY (id);
`);
    assert.deepEqual(
      inv.constraints.map((c) => `${c.name} ${c.effective ? "made" : "not made"}${c.guard ? ` (${c.guard.text})` : ""}`),
      ["nosuch_pk not made", "nosuch_b_key not made", "t_pk made", "t_a_key not made", "tt_pkey not made"],
    );
    assert.deepEqual(left(inv), ["public.t_pk"]);
  });

  it("after SQL replay does not read (a DO block that may make tables), a table never seen made may be there: the constraint is listed, and says it may not be made", async () => {
    const inv = await inventory(`DO $$ BEGIN CREATE TABLE made_in_do (id int); END $$;
ALTER TABLE IF EXISTS made_in_do ADD PRIMARY KEY (id);
`);
    assert.deepEqual(
      inv.constraints.map((c) => [c.name, c.effective, c.guard?.text]),
      [["made_in_do_pkey", true, "table made_in_do exists (ALTER TABLE IF EXISTS)"]],
    );
  });

  it("after a query psql runs the rows of (\\gexec), a table never seen made may be there too", async () => {
    const inv = await inventory("SELECT format('CREATE TABLE %I (id int)', 'w') \\gexec\nALTER TABLE IF EXISTS w ADD PRIMARY KEY (id);\n", "sql/001_a.sql");
    assert.deepEqual(
      inv.constraints.map((c) => [c.name, c.effective, c.guard?.undecided]),
      [["w_pkey", true, true]],
    );
  });
});

describe("table DDL that builds keys, where replay cannot read it", () => {
  it("a DO block, a function's body or a \\gexec query that creates a table with a PRIMARY KEY or UNIQUE, or adds one without CONSTRAINT, is dynamic", async () => {
    const inv = await inventory(
      `DO $$ BEGIN
  CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE);
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'u') THEN
    CREATE TABLE u (id int);
    ALTER TABLE u ADD PRIMARY KEY (id);
  END IF;
END $$;
CREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE v (id int PRIMARY KEY); END $$;
SELECT 'CREATE TABLE w (id int PRIMARY KEY)' \\gexec
DO $$ BEGIN CREATE TABLE plain (id int REFERENCES t (id)); END $$;
`,
      "sql/001_a.sql",
    );
    assert.deepEqual(
      inv.dynamic.map((d) => d.line),
      [1, 4, 10, 11],
    );
  });
});

describe("DROP FUNCTION | TYPE | DOMAIN | EXTENSION … CASCADE", () => {
  it("drops the indexes and constraints that call the function, use a column of the type (or a domain over it), or the extension's operator class, type or function", async () => {
    const inv = await inventory(DROP_CASCADE_SQL);
    assert.deepEqual(left(inv), ["public.t_name", "public.t_pkey", "public.u_m2", "public.u_m_key", "public.u_pkey", "public.u_x"]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("says which indexes and constraints it cannot tell about (a column whose type is not known, an extension not listed, btree_gist's default operator classes), and still lists them", async () => {
    // PostgreSQL drops r_no_overlap (its = on an int uses btree_gist's operator class) and keeps the others.
    const inv = await inventory(DROP_CASCADE_UNDECIDED_SQL);
    assert.deepEqual(
      inv.dynamic.map((d) => [d.line, d.reason.slice(d.reason.indexOf(": whether"))]),
      [
        // btree_gist makes no type: a btree index on a column of a type not known (l_room) does not use it.
        [6, ": whether r_during, r_no_overlap do is not known statically, so they are still listed"],
        // isn is not listed: what it makes is not known, and anything not plainly PostgreSQL's own may be of it.
        [8, ": whether l_room, r_during, r_no_overlap do is not known statically, so they are still listed"],
      ],
    );
    assert.deepEqual(left(inv), ["public.l_room", "public.r_during", "public.r_no_overlap", "public.r_pkey"]);
  });
});

describe("ROLLBACK in a file psql runs statement by statement", () => {

  it("undoes what its transaction (or savepoint) did: what it made is never kept, what it dropped stays", async () => {
    const inv = await inventory(ROLLBACK_BASIC_SQL, "sql/001_a.sql");
    assert.deepEqual(left(inv), ["public.t_b", "public.u_code"]);
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.effective, i.skipped]),
      [
        ["t_a", false, "rolled-back"],
        ["t_b", true, null],
        ["t_ab", false, "rolled-back"],
        ["u_code", true, null],
      ],
    );
  });

  it("a BEGIN a file does not end: sqitch's psql rolls it back with the script; of a plain file, whether the next one goes on inside it is not known, and said", async () => {
    const deploy = "CREATE TABLE t (id int PRIMARY KEY, a int);\nBEGIN;\nCREATE INDEX t_a ON t (a);\n";
    const plan = "%syntax-version=1.0.0\n%project=p\n\nt 2024-01-01T00:00:00Z D <d@x>\nu 2024-01-02T00:00:00Z D <d@x>\n";
    const sqitch = await analyzeProject(
      { migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "deploy/t.sql", text: deploy }, { path: "deploy/u.sql", text: "COMMIT;\nCREATE INDEX t_id_a ON t (id, a);\n" }], plan: { path: "sqitch.plan", text: plan } }] },
      DEFAULT_ANALYZE_OPTIONS,
      toolkit,
    );
    assert.deepEqual(sqitch.dynamic, []);
    assert.deepEqual(
      sqitch.indexes.map((i) => [i.name, i.effective, i.skipped]),
      [
        ["t_a", false, "rolled-back"],
        ["t_id_a", true, null],
      ],
    );
    const plain = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "sql/001_t.sql", text: deploy }] , plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(
      plain.dynamic.map((d) => [d.line, d.reason]),
      [[2, "the transaction opened here is not ended in sql/001_t.sql: psql rolls back what follows when its session ends (a psql for each file), or the next file goes on inside it (one psql for all), which is not known; it is listed as kept"]],
    );
    assert.deepEqual(
      plain.indexes.map((i) => [i.name, i.effective]),
      [["t_a", true]],
    );
  });

  it("sqitch: COMMIT AND CHAIN opens the next transaction, which the script's end rolls back; a BEGIN or COMMIT under an undecided \\if leaves it not known, and said", async () => {
    const plan = "%syntax-version=1.0.0\n%project=p\n\nt 2024-01-01T00:00:00Z D <d@x>\nu 2024-01-02T00:00:00Z D <d@x>\n";
    const files = [
      { path: "deploy/t.sql", text: "BEGIN;\nCREATE TABLE t (id int PRIMARY KEY, a int);\nCOMMIT AND CHAIN;\nCREATE INDEX t_a ON t (a);\n" },
      { path: "deploy/u.sql", text: "BEGIN;\nCREATE INDEX t_id_a ON t (id, a);\n\\if :done\nCOMMIT;\n\\endif\n" },
    ];
    const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files, plan: { path: "sqitch.plan", text: plan } }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.effective, i.skipped]),
      [
        ["t_a", false, "rolled-back"],
        ["t_id_a", true, null],
      ],
    );
    assert.deepEqual(
      inv.dynamic.map((d) => [d.file, d.line, d.reason]),
      [["deploy/u.sql", 1, "whether the transaction opened here is ended (a BEGIN, COMMIT or ROLLBACK under psql's \\if) is not known in deploy/u.sql: psql rolls back what follows when the script's session ends; it is listed as kept"]],
    );
  });

  it("inside a tool's own transaction (Flyway's), a ROLLBACK is not read as undoing the file's statements", async () => {
    const inv = await inventory(ROLLBACK_BASIC_SQL);
    assert.deepEqual(left(inv), ["public.t_a", "public.t_ab", "public.t_b", "public.u_code_key", "public.u_pkey"]);
  });
});

describe("DETACH PARTITION, and DROP SCHEMA … CASCADE of a schema holding an extension", () => {
  it("a detached partition keeps its indexes when its old parent is dropped; an index using the operator class of an extension made in a dropped schema goes", async () => {
    const inv = await inventory(DETACH_AND_SCHEMA_CASCADE_SQL);
    assert.deepEqual(left(inv), ["public.ev_2024_id", "public.s_name", "public.s_pkey"]);
    assert.deepEqual(inv.dynamic, []);
  });
});

describe("ALTER TABLE … DROP CONSTRAINT of a name that is only an index", () => {
  it("finds no constraint: PostgreSQL refuses it (constraint does not exist; with IF EXISTS, a notice) and the unique index stays, as LedgerSMB's upgrade meets it; a constraint of the name, CHECK included, goes", async () => {
    const inv = await inventory(`CREATE TABLE ar (id int, invnumber text, ref text, CONSTRAINT ar_ref_key UNIQUE (ref), CONSTRAINT ar_id_check CHECK (id > 0));
CREATE UNIQUE INDEX ar_invnumber_key ON ar (invnumber);
ALTER TABLE ar DROP CONSTRAINT ar_invnumber_key;
ALTER TABLE ar DROP CONSTRAINT IF EXISTS ar_invnumber_key;
ALTER TABLE ar DROP CONSTRAINT ar_ref_key;
ALTER TABLE ar DROP CONSTRAINT ar_id_check;
ALTER TABLE ar ADD CONSTRAINT ar_id_check UNIQUE (id);
`);
    assert.deepEqual(left(inv), ["public.ar_id_check", "public.ar_invnumber_key"]);
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.droppedAt?.line ?? null]),
      [["ar_invnumber_key", null]],
    );
  });
});
