import assert from "node:assert/strict";
import { it } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../src/project/analyze.js";
import type { Inventory } from "../src/model/types.js";
import { EXPRESSION_NAMES_SQL, LONG_NAMES_SQL, NUMBERED_LATER_SQL, NUMBERED_SQL, PARTITION_ATTACH_SQL, SET_SCHEMA_SQL } from "./helpers/name-scenarios.js";
import { analyzeAlembic, lines } from "./helpers/alembic.js";

/**
 * Names replay gives as PostgreSQL does when they depend on what exists when
 * the statement runs: an unnamed index or constraint whose first name is taken
 * (ChooseRelationName numbers the label), and a table moved to another schema
 * (its indexes and constraints go with it). Each expectation was checked
 * against a real PostgreSQL (test/e2e/replay-postgres.test.ts runs the same SQL).
 */
const toolkit = createToolkit();

async function inventoryOf(sql: string): Promise<Inventory> {
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "V1__init.sql", text: sql }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual(inv.errors, []);
  return inv;
}

/** `schema.name line effective` of every index, then of every constraint. */
function rows(inv: Inventory): string[] {
  return [
    ...inv.indexes.map((i) => `${i.schema ?? "public"}.${i.renamedTo ?? i.name} L${i.location.line} ${i.effective ? "kept" : "gone"}`),
    ...inv.constraints.map((c) => `${c.type} ${c.schema ?? "public"}.${c.renamedTo ?? c.name} L${c.location.line} ${c.effective ? "kept" : "gone"}`),
  ];
}

it("an unnamed index or constraint whose name is taken (by an index, a constraint, a table, a sequence, a view) gets the label numbered, as PostgreSQL chooses", async () => {
  assert.deepEqual(rows(await inventoryOf(NUMBERED_SQL)), [
    "public.t_a_idx L2 kept",
    "public.t_a_idx1 L3 gone",
    "public.t_a_idx2 L4 kept",
    "public.t_b_idx1 L7 kept",
    "public.t_id_b_idx1 L11 kept",
    "public.t_a_idx1 L13 kept",
    "public.v_pkey L18 kept",
    // The view that held t_id_b_idx is gone: the name is free again.
    "public.t_id_b_idx L21 kept",
    "unique public.t_a_key L1 kept",
    // Two UNIQUEs of one CREATE TABLE on the same columns (one DEFERRABLE, so two indexes): the second is numbered.
    "unique public.t_a_key1 L1 kept",
    "primary key public.t_pkey L1 kept",
    "unique public.t_a_key2 L5 kept",
    "unique public.t_b_key1 L9 kept",
    // A CHECK constraint's name is a constraint's name too.
    "unique public.t_b_a_key1 L15 kept",
    // The table's CHECK constraints are made before its indexes.
    "unique public.u_x_key1 L16 kept",
    "primary key public.v_pkey1 L19 kept",
    "unique public.t_b_a_key L23 kept",
  ]);
});

it("a numbered name is the name later statements use: dropped, renamed or taken over by it", async () => {
  const inv = await inventoryOf(NUMBERED_LATER_SQL);
  // Without a name of its own, a constraint made USING INDEX takes the index's.
  assert.deepEqual(rows(inv), ["public.t_id_idx L4 kept", "public.t_id_uq L5 kept", "unique public.t_a_key L1 kept", "unique public.t_a_uq L2 kept", "unique public.t_id_uq L6 kept", "primary key public.t_id_idx L7 kept", "unique s.c_a_key1 L11 kept"]);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.nameGenerated, i.backsConstraint]),
    [
      ["t_id_idx", true, "t_id_idx"],
      ["t_id_idx1", true, "t_id_uq"],
    ],
  );
});

it("ALTER TABLE … SET SCHEMA moves the table's indexes and constraints with it, under their names", async () => {
  assert.deepEqual(rows(await inventoryOf(SET_SCHEMA_SQL)), [
    "archive.ix_t_b L4 gone",
    "public.ix_t_b L8 kept",
    "other.u_x_idx L10 kept",
    // u_x_idx is taken in the schema the table is in now.
    "other.u_x_idx1 L12 kept",
    "other.mv_id L18 kept",
    "unique archive.t_a_old L3 gone",
    "primary key archive.t_pkey L3 gone",
    "unique public.t_a_uq L6 kept",
    "primary key public.t_pkey L6 kept",
    "primary key other.u_pkey L9 kept",
    "primary key public.w_pkey L15 kept",
  ]);
});

it("an unnamed index on expressions is named from what PostgreSQL figures of each (function, column under a cast, type of a cast, case, coalesce, …), a repeated name numbered", async () => {
  assert.deepEqual(rows(await inventoryOf(EXPRESSION_NAMES_SQL)), [
    "public.t_lower_idx L2 kept",
    "public.t_lower_lower1_idx L3 kept",
    "public.t_n_expr_expr1_idx L4 kept",
    "public.t_a_idx L5 kept",
    "public.t_lower_idx1 L6 kept",
    "public.t_case_idx L7 kept",
    "public.t_n_idx L8 kept",
    "public.t_text_idx L9 kept",
    "public.t_n_idx1 L10 kept",
    "public.t_a_a1_a2_idx L11 kept",
    "public.t_coalesce_greatest_nullif_array_idx L12 kept",
    "public.t_n_n1_idx L13 kept",
    "exclude public.t_lower_excl L1 kept",
    "unique public.t_a_a1_key L14 kept",
    "exclude public.t_lower_lower1_n_expr_excl L15 kept",
  ]);
});

it("a name written longer than 63 bytes is the object PostgreSQL stores under its first 63 (never cutting a character): a DROP or RENAME by either spelling finds it", async () => {
  const inv = await inventoryOf(LONG_NAMES_SQL);
  const long = "ix_" + "ı".repeat(40);
  assert.deepEqual(rows(inv), [`public.${long} L2 gone`, "public.ix_t_id L4 kept", `public.${"ğ".repeat(40)} L6 gone`, "public.t_a_idx L8 kept"]);
});

it("Alembic: a name SQLAlchemy's naming convention makes (cut to 63 characters) is cut by PostgreSQL to 63 bytes", async () => {
  const inv = await analyzeAlembic(toolkit, {
    "migrations/versions/a1_init.py": lines(
      "from alembic import op",
      "import sqlalchemy as sa",
      'revision = "a1"',
      "down_revision = None",
      "def upgrade():",
      '    op.create_table("ürünler_kategorileri_ve_özellikleri", sa.Column("id", sa.Integer, primary_key=True), sa.Column("görüntülenme_sayısı_ölçümü", sa.Integer, index=True))',
      '    op.create_table("şşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşşş", sa.Column("id", sa.Integer, primary_key=True), sa.Column("çç", sa.Integer, index=True))',
    ),
  });
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, Buffer.byteLength(i.name), i.effective]),
    [
      // SQLAlchemy's name is 63 characters (its md5 suffix 0acb included), 73 bytes: PostgreSQL keeps 63 bytes of it.
      ["ix_ürünler_kategorileri_ve_özellikleri_görüntülenme_say_0", 63, true],
      [`ix_${"ş".repeat(30)}`, 63, true],
    ],
  );
});

it("copies of indexes PostgreSQL names when the statement runs (LIKE … INCLUDING INDEXES | ALL, a partition of an indexed table) are dynamic-index-sql, not left out in silence", async () => {
  const inv = await inventoryOf(`CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int);
CREATE INDEX ix_t_b ON t (b);
CREATE TABLE t2 (LIKE t INCLUDING INDEXES);
CREATE TABLE t3 (LIKE t INCLUDING ALL EXCLUDING INDEXES, LIKE t INCLUDING DEFAULTS);
CREATE TABLE t4 (LIKE t INCLUDING ALL);
CREATE TABLE m (id int, d date, a int) PARTITION BY RANGE (d);
CREATE INDEX ix_m_a ON m (a);
CREATE TABLE m_2020 PARTITION OF m FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
CREATE TABLE m_2021 (id int, d date, a int);
ALTER TABLE m ATTACH PARTITION m_2021 FOR VALUES FROM ('2021-01-01') TO ('2022-01-01');
`);
  assert.deepEqual(
    inv.dynamic.map((d) => [d.line, d.column, d.reason]),
    [
      [3, 1, "LIKE t INCLUDING INDEXES copies the indexes t has when it runs, under names PostgreSQL chooses then: the copies are not listed"],
      [5, 1, "LIKE t INCLUDING INDEXES copies the indexes t has when it runs, under names PostgreSQL chooses then: the copies are not listed"],
      [8, 1, "the partition m_2020 gets its own copy of each index of m (those it has and those created on it later), under names PostgreSQL chooses: the copies are not listed"],
      [10, 1, "the partition m_2021 gets its own copy of each index of m it has no equivalent of (now, or when one is created on m later), under names PostgreSQL chooses: the copies are not listed"],
    ],
  );
  // The tables' own indexes are listed; the index on the partitioned table is one PostgreSQL keeps.
  assert.deepEqual(rows(inv), ["public.ix_t_b L2 kept", "public.ix_m_a L7 kept", "unique public.t_a_key L1 kept", "primary key public.t_pkey L1 kept"]);
});

it("ATTACH PARTITION of a partition that has an equivalent of each index of its parent copies none: no finding (ALTER INDEX … ATTACH PARTITION makes none either); dropping the parent's index, column or table takes the partition's", async () => {
  const inv = await inventoryOf(PARTITION_ATTACH_SQL);
  assert.deepEqual(inv.dynamic, []);
  assert.deepEqual(rows(inv), [
    "public.ev_at_idx L3 kept",
    "public.ev_2024_at_idx L4 kept",
    "public.ev_2025_at L8 kept",
    "public.ev_2025_kind L9 gone",
    "public.ev_2024_kind L11 gone",
    "public.ev_kind L12 gone",
    "public.logs_at_idx L17 kept",
    "public.logs_note_idx L18 gone",
    "public.logs_2024_at_idx L19 kept",
    "public.logs_2024_note_idx L20 gone",
    "public.logs_2024_id L23 kept",
    "public.old_2020_id L27 gone",
  ]);
});

it("ATTACH PARTITION keeps its finding where the partition lacks an equivalent (then, or of an index made on the parent later), the parent has a constraint, a table is not one replay made, or index DDL it cannot read ran before", async () => {
  const inv = await inventoryOf(`CREATE TABLE p (id int, a int, b int) PARTITION BY LIST (id);
CREATE INDEX p_a ON p (a);
CREATE TABLE p1 (id int, a int, b int);
CREATE INDEX p1_b ON p1 (b);
ALTER TABLE p ATTACH PARTITION p1 FOR VALUES IN (1);
CREATE TABLE p2 (id int, a int, b int);
CREATE INDEX p2_a ON p2 (a);
ALTER TABLE p ATTACH PARTITION p2 FOR VALUES IN (2);
CREATE INDEX p_b ON p (b);
CREATE TABLE p3 (id int, a int, b int);
CREATE INDEX p3_a ON p3 (a);
CREATE INDEX p3_b ON p3 (b);
ALTER TABLE p ATTACH PARTITION p3 FOR VALUES IN (3);
CREATE TABLE q (id int PRIMARY KEY) PARTITION BY LIST (id);
CREATE TABLE q1 (id int PRIMARY KEY);
ALTER TABLE q ATTACH PARTITION q1 FOR VALUES IN (1);
ALTER TABLE p ATTACH PARTITION r1 FOR VALUES IN (4);
DO $$ BEGIN CREATE INDEX IF NOT EXISTS s_id ON s (id); END $$;
CREATE TABLE s (id int) PARTITION BY LIST (id);
CREATE TABLE s1 (id int);
ALTER TABLE s ATTACH PARTITION s1 FOR VALUES IN (1);
`);
  assert.deepEqual(
    inv.dynamic.map((d) => `${d.line} ${d.reason.split(" gets ")[0]}`),
    ["5 the partition p1", "8 the partition p2", "16 the partition q1", "17 the partition r1", "18 index DDL inside a DO block (PL/pgSQL) is not read statically", "21 the partition s1"],
  );
});

it("Alembic: an unnamed UniqueConstraint that differs from another only by deferrable= builds its own index, numbered; op.create_unique_constraint(None, …) after one is numbered too", async () => {
  const inv = await analyzeAlembic(toolkit, {
    "migrations/versions/a1_init.py": lines(
      "from alembic import op",
      "import sqlalchemy as sa",
      'revision = "a1"',
      "down_revision = None",
      "def upgrade():",
      '    op.create_table("w", sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.Integer), sa.UniqueConstraint("x"), sa.UniqueConstraint("x", deferrable=True), sa.UniqueConstraint("x", initially="DEFERRED"))',
      '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer, unique=True))',
      '    op.create_unique_constraint(None, "t", ["a"])',
      '    op.create_unique_constraint(None, "t", ["a"])',
      '    op.drop_constraint("t_a_key1", "t", type_="unique")',
      '    op.create_table("u", sa.Column("id", sa.Integer), sa.Column("x", sa.Integer))',
      '    op.create_index("u_pkey", "u", ["x"])',
      '    op.create_primary_key(None, "u", ["id"])',
    ),
  });
  assert.deepEqual(
    inv.constraints.map((c) => `${c.type} ${c.name} L${c.location.line}:${c.location.column} ${c.effective ? "kept" : "gone"}`),
    [
      "primary key w_pkey L6:26 kept",
      "unique w_x_key L6:101 kept",
      "unique w_x_key1 L6:127 kept",
      // INITIALLY DEFERRED: deferrable too, but deferred, unlike the second.
      "unique w_x_key2 L6:170 kept",
      "primary key t_pkey L7:26 kept",
      "unique t_a_key L7:73 kept",
      "unique t_a_key1 L8:5 gone",
      "unique t_a_key2 L9:5 kept",
      "primary key u_pkey1 L13:5 kept",
    ],
  );
});

it("Alembic: of two unnamed UNIQUEs of one create_table with one stem, the first SQLAlchemy renders (the table's own, before a Column's unique=True) gets the name, the other the number", async () => {
  const inv = await analyzeAlembic(toolkit, {
    "migrations/versions/a1_init.py": lines(
      "from alembic import op",
      "import sqlalchemy as sa",
      'revision = "a1"',
      "down_revision = None",
      "def upgrade():",
      '    op.create_table("w", sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.Integer, unique=True), sa.UniqueConstraint("x", deferrable=True))',
    ),
  });
  assert.deepEqual(
    inv.constraints.map((c) => `${c.type} ${c.name} L${c.location.line}:${c.location.column}`),
    ["primary key w_pkey L6:26", "unique w_x_key1 L6:73", "unique w_x_key L6:114"],
  );
});
