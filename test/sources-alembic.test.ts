import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RULES } from "../rules/index.js";
import { runRules } from "../src/engine/run-rules.js";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../src/project/analyze.js";
import type { Inventory } from "../src/model/types.js";
import { conventionalName, DEFAULT_CONVENTION } from "../src/sources/alembic/naming.js";
import { detectSources, projectSources, readSourceFiles, sourcePatterns, trackedTree, withUnread } from "../src/project/sources.js";
import { alembicSettings, scriptLocation, versionLocations } from "../src/project/alembic-config.js";
import { readAlembicSource } from "../src/sources/alembic/read.js";
import { LIMITS } from "../src/python/limits.js";

const toolkit = createToolkit();

/** A revision file: the identifiers, then the body of upgrade() (and of downgrade()). */
function revision(id: string, down: string | null | string[], upgrade: string, extra: { head?: string; downgrade?: string; depends?: string; labels?: string } = {}): string {
  const d = down === null ? "None" : Array.isArray(down) ? `(${down.map((x) => JSON.stringify(x)).join(", ")})` : JSON.stringify(down);
  return [
    "from alembic import op",
    "import sqlalchemy as sa",
    ...(extra.head ? [extra.head] : []),
    "",
    `revision = "${id}"`,
    `down_revision = ${d}`,
    `branch_labels = ${extra.labels ?? "None"}`,
    `depends_on = ${extra.depends ?? "None"}`,
    "",
    "",
    "def upgrade():",
    ...upgrade.split("\n").map((l) => (l ? `    ${l}` : l)),
    "",
    "",
    "def downgrade():",
    ...(extra.downgrade ?? "pass").split("\n").map((l) => (l ? `    ${l}` : l)),
    "",
  ].join("\n");
}

async function analyze(revisions: Record<string, string>, env: Record<string, string> = {}): Promise<Inventory> {
  return analyzeProject(
    {
      migrations: [],
      registry: null,
      sources: [
        {
          kind: "alembic",
          directory: "migrations/versions",
          revisions: Object.entries(revisions).map(([path, text]) => ({ path: `migrations/versions/${path}`, text })),
          env: Object.entries(env).map(([path, text]) => ({ path, text })),
        },
      ],
    },
    DEFAULT_ANALYZE_OPTIONS,
    toolkit,
  );
}

/** name table unique effective line:column [nameGenerated] — one row per index. */
function indexes(inv: Inventory): string[] {
  return inv.indexes.map((d) => `${d.schema ? d.schema + "." : ""}${d.name} ${d.table} ${d.unique ? "unique" : "-"} ${d.effective ? "kept" : "dropped"} ${d.location.line}:${d.location.column}${d.nameGenerated ? " generated" : ""}`);
}

function constraints(inv: Inventory): string[] {
  return inv.constraints.map((c) => `${c.type} ${c.name} ${c.table}(${c.columns.join(",")}) ${c.effective ? "kept" : "dropped"} ${c.location.line}:${c.location.column}${c.nameGenerated ? " generated" : ""}`);
}

function diagnostics(inv: Inventory, rule: string): string[] {
  const result = runRules({ inventory: inv, base: null, layout: { migrations: [], registry: null, registryVariable: "INDEX_DEFS", noRegistry: true }, rules: RULES, settings: new Map() });
  return result.diagnostics.filter((d) => d.rule === rule).map((d) => `${d.file.split("/").pop()}:${d.line}:${d.column} ${d.message}`);
}

describe("Alembic: op.create_index and op.drop_index", () => {
  it("reads every option, and reports the index at the call", async () => {
    const inv = await analyze({
      "a1_orders.py": revision(
        "a1",
        null,
        [
          'op.create_index("ix_orders_status", "orders", ["status", "created_at"], unique=False)',
          'op.create_index("uq_orders_ref", "orders", ["ref"], unique=True, schema="sales", if_not_exists=True)',
          'op.create_index(',
          '    "ix_orders_live", "orders", [sa.text("lower(email)"), "Region"],',
          '    postgresql_where=sa.text("deleted_at IS NULL"), postgresql_include=["total"],',
          ')',
          'op.create_index("ix_orders_tags", "orders", ["tags"], postgresql_using="gin", postgresql_ops={"tags": "array_ops"})',
          'op.create_index("ix_orders_note", "orders", ["note"], postgresql_where="note <> \'\'")',
          'op.create_index("uq_orders_code", "orders", ["code"], unique=True, postgresql_nulls_not_distinct=True, postgresql_with={"fillfactor": 70}, postgresql_tablespace="fast")',
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_orders_status orders - kept 11:5", "sales.uq_orders_ref orders unique kept 12:5", "ix_orders_live orders - kept 13:5", "ix_orders_tags orders - kept 17:5", "ix_orders_note orders - kept 18:5", "uq_orders_code orders unique kept 19:5"]);
    const [status, ref, live, tags, note, code] = inv.indexes;
    assert.deepEqual([code!.nullsNotDistinct, code!.tablespace, code!.sql], [true, "fast", "CREATE UNIQUE INDEX uq_orders_code ON orders (code) NULLS NOT DISTINCT WITH (fillfactor = 70) TABLESPACE fast"]);
    assert.deepEqual(status!.columns, ["status", "created_at"]);
    assert.equal(ref!.ifNotExists, true);
    assert.deepEqual([live!.columns, live!.where, live!.include], [["lower(email)", '"Region"'], "deleted_at IS NULL", ["total"]]);
    assert.deepEqual([tags!.method, tags!.keys[0]!.opclass], ["gin", "array_ops"]);
    assert.equal(note!.where, "note <> ''");
    assert.deepEqual([live!.location.endLine, live!.location.endColumn], [16, 6]);
    assert.equal(live!.context.executor, "op.create_index");
    assert.equal(live!.context.function, "upgrade");
  });

  it("drop_index (also concurrently, if_exists, on batch_op) ends the index; downgrade() is not read", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_index("ix_t_a", "t", ["a"])\nop.create_index("ix_t_b", "t", ["b"])\nop.create_index("ix_t_c", "t", ["c"])', { downgrade: 'op.drop_index("ix_t_a", table_name="t")' }),
      "b2_b.py": revision(
        "b2",
        "a1",
        [
          'op.drop_index("ix_t_a", table_name="t", if_exists=True)',
          "with op.get_context().autocommit_block():",
          '    op.drop_index(op.f("ix_t_b"), table_name="t", postgresql_concurrently=True)',
          'with op.batch_alter_table("t") as batch_op:',
          '    batch_op.drop_index("ix_t_c")',
          '    batch_op.create_index("ix_t_d", ["d"], unique=True)',
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_t_a t - dropped 11:5", "ix_t_b t - dropped 12:5", "ix_t_c t - dropped 13:5", "ix_t_d t unique kept 16:9"]);
    assert.deepEqual(inv.drops.map((d) => `${d.names[0]!.name} ${d.ifExists} ${d.location.line}:${d.location.column}`), ["ix_t_a true 11:5", "ix_t_b false 13:9", "ix_t_c false 15:9"]);
    assert.deepEqual(diagnostics(inv, "drop-index-not-concurrent"), ["b2_b.py:11:5 Index ix_t_a is dropped without CONCURRENTLY; the table is locked until the drop commits", "b2_b.py:15:9 Index ix_t_c is dropped without CONCURRENTLY; the table is locked until the drop commits"]);
  });

  it("a drop_index under a test replay answers no never runs: drop-index-not-concurrent does not report it", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("a", sa.Integer))\nop.create_index("ix_t_a", "t", ["a"])'),
      "b2_b.py": revision(
        "b2",
        "a1",
        [
          "inspector = sa.inspect(op.get_bind())",
          'if "ix_t_b" in [i["name"] for i in inspector.get_indexes("t")]:',
          '    op.drop_index("ix_t_b", table_name="t")',
          'if "ix_t_a" in [i["name"] for i in inspector.get_indexes("t")]:',
          '    op.drop_index("ix_t_a", table_name="t")',
        ].join("\n"),
      ),
    });
    assert.deepEqual(diagnostics(inv, "drop-index-not-concurrent"), ["b2_b.py:15:9 Index ix_t_a is dropped without CONCURRENTLY; the table is locked until the drop commits"]);
    // One drop_index in a loop: the pass that runs is reported though another pass does not run.
    const loop = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("a", sa.Integer))\nop.create_index("ix_t_a", "t", ["a"])'),
      "b2_b.py": revision(
        "b2",
        "a1",
        ["inspector = sa.inspect(op.get_bind())", 'existing = [i["name"] for i in inspector.get_indexes("t")]', 'for name in ["ix_t_b", "ix_t_a"]:', "    if name in existing:", '        op.drop_index(name, table_name="t")'].join("\n"),
      ),
    });
    assert.deepEqual(diagnostics(loop, "drop-index-not-concurrent"), ["b2_b.py:15:13 Index ix_t_a is dropped without CONCURRENTLY; the table is locked until the drop commits"]);
  });

  it("names: explicit, op.f, SQLAlchemy's default ix_<table>_<column>, and a convention with constraint_name", async () => {
    const inv = await analyze({ "a1_a.py": revision("a1", null, 'op.create_index(None, "users", ["email", "id"])\nop.create_index(op.f("ix_users_x"), "users", ["x"])\nop.create_index(None, "users", ["y"], schema="crm")') });
    assert.deepEqual(indexes(inv), ["ix_users_email users - kept 11:5 generated", "ix_users_x users - kept 12:5", "crm.ix_crm_users_y users - kept 13:5 generated"]);
    const convention = new Map([["ix", "ix_%(table_name)s_%(constraint_name)s"], ["uq", "uq_%(table_name)s_%(column_0N_name)s"]]);
    assert.deepEqual(conventionalName({ text: "email", final: false }, { kind: "ix", table: "users", schema: null, columns: ["email"] }, convention), { name: "ix_users_email", generated: false });
    assert.deepEqual(conventionalName({ text: "email", final: true }, { kind: "ix", table: "users", schema: null, columns: ["email"] }, convention), { name: "email", generated: false });
    assert.deepEqual(conventionalName(null, { kind: "uq", table: "t", schema: null, columns: ["a", "b"] }, convention), { name: "uq_t_ab", generated: true });
    assert.equal(conventionalName(null, { kind: "pk", table: "t", schema: null, columns: ["id"] }, DEFAULT_CONVENTION), null);
    // SQLAlchemy cuts a convention's name past 63 characters to 55, "_", and 4 hex digits of its MD5 (checked against SQLAlchemy 1.4).
    assert.deepEqual(conventionalName(null, { kind: "ix", table: "customer_notification_preferences", schema: null, columns: ["notification_channel_identifier"] }, DEFAULT_CONVENTION), {
      name: "ix_customer_notification_preferences_notification_chann_5fc7",
      generated: true,
    });
  });

  it("a name or table held where static reading cannot see is reported as dynamic, not guessed; other unknown parts leave the index listed", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.create_index(index_name(), "t", ["a"])',
          'op.create_index("ix_t_b", TABLES[0], ["b"])',
          'op.create_index("ix_t_c", "t", columns_for("t"))',
          'op.create_index("ix_t_d", "t", ["d", sa.column("e").desc()], postgresql_where=sa.and_(sa.column("x") > 1), postgresql_using=METHOD)',
          'op.create_index(None, "t", [sa.column("f")])',
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_t_c t - kept 13:5", "ix_t_d t - kept 14:5"]);
    const [c, d] = inv.indexes;
    assert.deepEqual([c!.columns, d!.columns, d!.where, d!.method], [['{columns_for("t")}'], ["d", "e DESC"], "x > 1", "{METHOD}"]);
    assert.deepEqual(inv.dynamic.map((x) => `${x.line}:${x.column} ${x.executor} ${x.reason}`), [
      "11:5 op.create_index its name, table or columns are not known statically",
      "12:5 op.create_index its name, table or columns are not known statically",
      "15:5 op.create_index its name comes from columns not known statically",
    ]);
  });

  it("loops over literal lists are unrolled; helper functions are followed and reported at their call in upgrade()", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'for t in ("orders", "invoices"):\n    op.create_index(f"ix_{t}_updated", t, ["updated_at"])\n_ix("users", "email")', {
        head: '\n\ndef _ix(table, column):\n    op.create_index(f"ix_{table}_{column}", table, [column])',
      }),
    });
    assert.deepEqual(indexes(inv), ["ix_invoices_updated invoices - kept 16:9", "ix_orders_updated orders - kept 16:9", "ix_users_email users - kept 17:5"]);
  });

  it("the multidb template's upgrade_<engine> functions are upgrades; a helper upgrade() calls is read once", async () => {
    const text = [
      "from alembic import op",
      "",
      'revision = "a1"',
      "down_revision = None",
      "",
      "",
      "def upgrade(engine_name: str) -> None:",
      '    globals()["upgrade_%s" % engine_name]()',
      "",
      "",
      "def upgrade_engine1() -> None:",
      '    op.create_index("ix_t_a", "t", ["a"])',
      "",
      "",
      "def upgrade_engine2() -> None:",
      '    op.create_index("ix_u_b", "u", ["b"])',
      "",
      "",
      "def downgrade_engine1() -> None:",
      '    op.drop_index("ix_t_a", table_name="t")',
      "",
    ].join("\n");
    const inv = await analyze({ "a1_a.py": text, "b2_b.py": revision("b2", "a1", "upgrade_tables()", { head: '\n\ndef upgrade_tables():\n    op.create_index("ix_v_c", "v", ["c"])' }) });
    assert.deepEqual(indexes(inv), ["ix_t_a t - kept 12:5", "ix_u_b u - kept 16:5", "ix_v_c v - kept 15:5"]);
  });

  it("without the multidb template's dispatch, an upgrade_<x> upgrade() does not call never runs: one behind a dialect test PostgreSQL does not take, one never called; getattr dispatch is the template's too", async () => {
    const text = [
      "from alembic import op",
      "",
      'revision = "a1"',
      "down_revision = None",
      "",
      "",
      "def upgrade():",
      '    if op.get_bind().dialect.name == "sqlite":',
      "        upgrade_sqlite()",
      "    else:",
      "        upgrade_postgresql()",
      "",
      "",
      "def upgrade_sqlite():",
      '    op.create_index("ix_t_sqlite", "t", ["a"])',
      "",
      "",
      "def upgrade_postgresql():",
      '    op.create_index("ix_t_a", "t", ["a"], postgresql_using="hash")',
      "",
      "",
      "def upgrade_old():",
      '    op.create_index("ix_t_old", "t", ["a"])',
      "",
    ].join("\n");
    const dispatched = [
      "import sys",
      "from alembic import op",
      "",
      'revision = "b2"',
      'down_revision = "a1"',
      "",
      "",
      "def upgrade(engine_name=\"\"):",
      '    getattr(sys.modules[__name__], f"upgrade_{engine_name}")()',
      "",
      "",
      "def upgrade_engine1():",
      '    op.create_index("ix_u_b", "u", ["b"])',
      "",
    ].join("\n");
    const inv = await analyze({ "a1_a.py": text, "b2_b.py": dispatched });
    assert.deepEqual(indexes(inv), ["ix_t_a t - kept 11:9", "ix_u_b u - kept 13:5"]);
  });

  it("helpers are followed four levels deep; a fifth is a dynamic-index-sql finding naming the limit at its call, never passed over", async () => {
    const head = [
      "",
      "",
      'def h1():\n    op.create_index("ix_t_one", "t", ["a"])\n    h2()',
      'def h2():\n    h3()',
      'def h3():\n    h4()',
      'def h4():\n    op.create_index("ix_t_four", "t", ["b"])\n    h5()',
      'def h5():\n    op.create_index("ix_t_five", "t", ["c"])',
    ].join("\n\n\n");
    const inv = await analyze({ "a1_a.py": revision("a1", null, "h1()", { head }) });
    assert.deepEqual(indexes(inv), ["ix_t_four t - kept 37:5", "ix_t_one t - kept 37:5"]);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      ["37:5 limit helperDepth (4 helper levels followed from upgrade()) reached: h5() is not read"],
    );
  });

  it("a function defined inside upgrade() is followed where it is called", async () => {
    const inv = await analyze({ "a1_a.py": revision("a1", null, 'def add(table, column, unique=False):\n    op.create_index(f"ix_{table}_{column}", table, [column], unique=unique)\n\nadd("orders", "status")\nadd("invoices", "number", unique=True)') });
    assert.deepEqual(indexes(inv), ["ix_orders_status orders - kept 14:5", "ix_invoices_number invoices unique kept 15:5"]);
  });

  it("upgrade() on a line that starts with a character tree-sitter takes for a blank (a BOM, a zero-width space, a vertical tab) is still read", async () => {
    const at = (text: string, blank: string): string => text.replace("\ndef upgrade", `\n${blank}def upgrade`);
    const inv = await analyze({
      "a1_bom.py": at(revision("a1", null, 'op.create_index("ix_bom", "t", ["a"])'), "\ufeff"),
      "a2_zwsp.py": at(revision("a2", "a1", 'op.create_index("ix_zwsp", "t", ["b"])'), "\u200b"),
      "a3_vt.py": at(revision("a3", "a2", 'op.create_index("ix_vt", "t", ["c"])'), "\v"),
    });
    assert.deepEqual(indexes(inv), ["ix_bom t - kept 11:5", "ix_zwsp t - kept 11:5", "ix_vt t - kept 11:5"]);
  });

});

describe("Alembic: op.create_table and constraints", () => {
  it("Column(index=True / unique=True / primary_key=True), sa.Index, UniqueConstraint, PrimaryKeyConstraint, under PostgreSQL's default names", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          "op.create_table(",
          '    "accounts",',
          '    sa.Column("id", sa.Integer(), primary_key=True),',
          '    sa.Column("email", sa.String(), unique=True),',
          '    sa.Column("created_at", sa.DateTime(), index=True),',
          '    sa.Column("code", sa.String(), index=True, unique=True),',
          '    sa.UniqueConstraint("owner_id", "name"),',
          '    sa.UniqueConstraint("slug", name="uq_accounts_slug"),',
          '    sa.Index("ix_accounts_lower_name", sa.text("lower(name)"), postgresql_where=sa.text("active")),',
          '    sa.Index(None, "owner_id", "created_at"),',
          ")",
          "op.create_table(",
          '    "members",',
          '    sa.Column("account_id", sa.Integer()),',
          '    sa.Column("user_id", sa.Integer()),',
          '    sa.PrimaryKeyConstraint("account_id", "user_id", name="members_pk"),',
          ")",
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), [
      "ix_accounts_created_at accounts - kept 15:9 generated",
      "ix_accounts_code accounts unique kept 16:9 generated",
      "ix_accounts_lower_name accounts - kept 19:9",
      "ix_accounts_owner_id accounts - kept 20:9 generated",
    ]);
    assert.deepEqual(constraints(inv), [
      "primary key accounts_pkey accounts(id) kept 13:9 generated",
      "unique accounts_email_key accounts(email) kept 14:9 generated",
      "unique accounts_owner_id_name_key accounts(owner_id,name) kept 17:9 generated",
      "unique uq_accounts_slug accounts(slug) kept 18:9",
      "primary key members_pk members(account_id,user_id) kept 26:9",
    ]);
  });

  it("create_unique_constraint, create_primary_key, drop_constraint, rename_table and drop_table replay", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("id", sa.Integer()), sa.Column("a", sa.Integer(), index=True))\nop.create_primary_key("pk_t", "t", ["id"])\nop.create_unique_constraint(None, "t", ["a"])'),
      "b2_b.py": revision("b2", "a1", 'op.drop_constraint("t_a_key", "t", type_="unique")\nop.rename_table("t", "t2")\nwith op.batch_alter_table("t2") as batch_op:\n    batch_op.create_unique_constraint("uq_t2_id", ["id"])'),
      "c3_c.py": revision("c3", "b2", 'op.drop_table("t2")'),
    });
    assert.deepEqual(indexes(inv), ["ix_t_a t - dropped 11:57 generated"]);
    assert.deepEqual(constraints(inv), ["primary key pk_t t(id) dropped 12:5", "unique t_a_key t(a) dropped 13:5 generated", "unique uq_t2_id t2(id) dropped 14:9"]);
  });

  it("a constraint made before rename_table keeps the table's last name", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("a", sa.Integer()))\nop.create_unique_constraint("uq_t_a", "t", ["a"])'),
      "b2_b.py": revision("b2", "a1", 'op.rename_table("t", "t2")'),
    });
    assert.deepEqual(
      inv.constraints.map((c) => [c.type, c.name, c.table, c.tableRenamedTo, c.effective]),
      [
        ["primary key", "t_pkey", "t", "t2", true],
        ["unique", "uq_t_a", "t", "t2", true],
      ],
    );
  });

  it("add_column: the index or UNIQUE constraint of the Column's flags, in a batch and in a schema too; what is not known is said", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True))',
          'op.add_column("t", sa.Column("a", sa.Integer(), index=True))',
          'op.add_column("t", sa.Column("b", sa.String(), unique=True))',
          'op.add_column("t", sa.Column("c", sa.String(), index=True, unique=True), schema="s")',
          'op.add_column("t", sa.Column("d", sa.Integer(), primary_key=True, nullable=True))',
          'op.add_column("t", sa.Column("e", sa.Integer()))',
          'with op.batch_alter_table("t") as batch_op:',
          '    batch_op.add_column(sa.Column("f", sa.Integer(), index=True))',
          'op.add_column(TABLE, sa.Column("g", sa.Integer(), index=True))',
          'op.add_column(TABLE, sa.Column("h", sa.Integer()))',
          'op.add_column("t", sa.Column(NAME, sa.Integer(), unique=True))',
          'op.add_column("t", sa.Column("i", sa.Integer(), **OPTIONS))',
          'op.add_column("t", COLUMN)',
        ].join("\n"),
      ),
    });
    // As Alembic emits them (alembic upgrade --sql): CREATE INDEX ix_t_a ON t (a); ALTER TABLE t ADD UNIQUE (b);
    // CREATE UNIQUE INDEX ix_s_t_c ON s.t (c); no constraint for primary_key=True (toimpl.add_column skips it).
    assert.deepEqual(indexes(inv), ["ix_t_a t - kept 12:24 generated", "s.ix_s_t_c t unique kept 14:24 generated", "ix_t_f t - kept 18:29 generated"]);
    assert.deepEqual(constraints(inv), ["primary key t_pkey t(id) kept 11:26 generated", "unique t_b_key t(b) kept 13:24 generated"]);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      [
        "19:5 the table is not known statically",
        "21:24 the column name is not known statically",
        "22:53 OPTIONS is not known statically",
        "23:24 the column is not written here as a Column(...): an index or constraint it makes is not read",
      ],
    );
  });

  it("drop_column takes the indexes and constraints that use the column; alter_column(new_column_name=) renames it first", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("a", sa.Integer(), index=True), sa.Column("b", sa.Integer(), unique=True), schema="s")',
          'op.create_index("ix_t_c_lower", "t", [sa.text("lower(c)")])',
          'op.alter_column("t", "a", new_column_name="a2", schema="s")',
          'op.alter_column("t", "c", nullable=False)',
          'op.alter_column("t", "c", new_column_name=None)',
          'op.drop_column("t", "a", schema="s")',
          'with op.batch_alter_table("t", schema="s") as batch_op:',
          '    batch_op.drop_column("b")',
          '    batch_op.alter_column("a2", new_column_name="a3")',
          'op.drop_column("t", "c")',
          'op.drop_column(TABLE, "id")',
          'op.alter_column("t", "id", new_column_name=NAME)',
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), ["s.ix_s_t_a t - kept 11:75 generated", "ix_t_c_lower t - dropped 12:5"]);
    assert.deepEqual(constraints(inv), ["primary key t_pkey t(id) kept 11:26 generated", "unique t_b_key t(b) dropped 11:117 generated"]);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      ["21:5 the table or column is not known statically", "22:5 the table or column names are not known statically"],
    );
  });

  it("SQLAlchemy expressions as keys and predicates are read as SQLAlchemy renders them, so drop_column takes the indexes whose expressions use the column", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.String), sa.Column("b", sa.String), sa.Column("c", sa.Integer), sa.Column("d", sa.Boolean), sa.Index("ix_t_lower_a", sa.func.lower(sa.column("a"))))',
          'op.create_index("ix_t_b_desc", "t", [sa.desc("b")])',
          'op.create_index("ix_t_a_nulls", "t", [sa.column("a").desc().nulls_last()], postgresql_where=sa.column("c") != None)',
          'op.create_index("ix_t_live", "t", ["id"], postgresql_where=sa.and_(sa.column("d") == True, sa.or_(sa.column("c") > 5, sa.column("a") == "x")))',
          'op.create_index("ix_t_c1", "t", [sa.column("c") + 1], postgresql_where=~sa.column("d") & sa.column("b").isnot(None))',
          'op.create_index("ix_t_in", "t", [sa.func.coalesce(sa.column("b"), "")], postgresql_where=sa.column("c").notin_([1, 2]) | sa.not_(sa.column("c") == 3))',
          'op.drop_column("t", "a")',
          'op.drop_column("t", "d")',
        ].join("\n"),
      ),
    });
    assert.deepEqual(
      inv.indexes.map((i) => `${i.name} ${i.effective ? "kept" : "dropped"}: ${i.sql}`),
      [
        "ix_t_lower_a dropped: CREATE INDEX ix_t_lower_a ON t (lower(a))",
        "ix_t_b_desc kept: CREATE INDEX ix_t_b_desc ON t (b DESC)",
        "ix_t_a_nulls dropped: CREATE INDEX ix_t_a_nulls ON t (a DESC NULLS LAST) WHERE c IS NOT NULL",
        "ix_t_live dropped: CREATE INDEX ix_t_live ON t (id) WHERE d = true AND (c > 5 OR a = 'x')",
        "ix_t_c1 dropped: CREATE INDEX ix_t_c1 ON t ((c + 1)) WHERE NOT d AND b IS NOT NULL",
        "ix_t_in kept: CREATE INDEX ix_t_in ON t (coalesce(b, '')) WHERE (c NOT IN (1, 2)) OR c != 3",
      ],
    );
    assert.deepEqual(inv.dynamic, []);
  });

  it("an unnamed index with text() keys: sa.Index is named by its columns alone, op.create_index by the column Alembic makes of the text (which postgresql_ops keys too)", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.String), sa.Index(None, sa.text("lower(a)")), sa.Index(None, sa.text("upper(a)"), "id"))',
          'op.create_index(None, "t", [sa.text("lower(a)"), "id"])',
          'op.create_index("ix_ops", "t", [sa.text("lower(a)")], postgresql_ops={"lower(a)": "text_pattern_ops"})',
        ].join("\n"),
      ),
    });
    assert.deepEqual(
      inv.indexes.map((i) => i.sql),
      ["CREATE INDEX ix_ ON t (lower(a))", "CREATE INDEX ix_t_id ON t (upper(a), id)", 'CREATE INDEX "ix_t_lower(a)" ON t (lower(a), id)', "CREATE INDEX ix_ops ON t (lower(a) text_pattern_ops)"],
    );
  });

  it("create_table: constructs under any module prefix, PrimaryKeyConstraint(name=) without columns, and elements made elsewhere said", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          "op.create_table(",
          '    "t",',
          '    sa.schema.Column("id", sa.Integer(), primary_key=True),',
          '    sa_schema.Column("a", sa.Integer(), index=True),',
          '    sa.Column("b", sa.Integer()),',
          '    sa.schema.PrimaryKeyConstraint(name="pk_t_named"),',
          '    sqlalchemy.schema.UniqueConstraint("b", name="uq_t_b"),',
          '    sa.ForeignKeyConstraint(["b"], ["u.id"]),',
          '    sa.CheckConstraint("b > 0"),',
          "    id_column(),",
          "    CODE,",
          '    sa.UniqueConstraint(*COLUMNS, name="uq_t_dyn"),',
          '    sa.Index("ix_t_b_later", "b"),',
          "    sa.UniqueConstraint(),",
          ")",
        ].join("\n"),
      ),
    });
    assert.deepEqual(inv.errors, [], "a UniqueConstraint of no columns is nothing, as SQLAlchemy renders it");
    assert.deepEqual(indexes(inv), ["ix_t_a t - kept 14:9 generated", "ix_t_b_later t - kept 23:9"]);
    assert.deepEqual(constraints(inv), ["primary key pk_t_named t(id) kept 16:9", "unique uq_t_b t(b) kept 17:9"]);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      [
        "20:9 an element not written as a Column, Index or constraint here: any index or constraint it makes is not read",
        "21:9 an element not written as a Column, Index or constraint here: any index or constraint it makes is not read",
        "22:29 COLUMNS is not defined in this file",
      ],
    );
  });

  it("the naming convention comes from env.py or a module it imports; explicit names stay unless it uses constraint_name", async () => {
    const env = {
      "migrations/env.py": "from alembic import context\nfrom app.meta import metadata\n\ntarget_metadata = metadata\n",
      "app/meta.py": 'import sqlalchemy as sa\n\nCONVENTION = {"ix": "ix_%(column_0_N_label)s", "uq": "uq_%(table_name)s_%(column_0_N_name)s", "pk": "pk_%(table_name)s", "ck": "ck_%(table_name)s_%(constraint_name)s"}\nmetadata = sa.MetaData(naming_convention=CONVENTION)\n',
    };
    const inv = await analyze(
      { "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("a", sa.Integer(), unique=True), sa.Index(None, "a", "id"))\nop.create_unique_constraint("t_b_unique", "t", ["b"])\nop.create_index(None, "t", ["b", "c"])') },
      env,
    );
    assert.deepEqual(indexes(inv), ["ix_t_a_t_id t - kept 11:118 generated", "ix_t_b_t_c t - kept 13:5 generated"]);
    assert.deepEqual(constraints(inv), ["primary key pk_t t(id) kept 11:26 generated", "unique uq_t_a t(a) kept 11:75 generated", "unique t_b_unique t(b) kept 12:5"]);
  });
});

describe("Alembic: raw SQL and transactions", () => {
  it("op.execute, sa.text, get_bind().execute, exec_driver_sql and a text() held in a variable go through the SQL path at the CREATE keyword", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.execute("CREATE INDEX ix_a ON t (a)")',
          'op.execute(sa.text("CREATE UNIQUE INDEX ix_b ON t (b)"))',
          "conn = op.get_bind()",
          'conn.exec_driver_sql("CREATE INDEX ix_c ON t (c); DROP INDEX ix_a")',
          "op.get_bind().execute(STMT)",
        ].join("\n"),
        { head: '\nSTMT = sa.text("""\n    -- newest first\n    CREATE INDEX ix_d ON t (d DESC)\n""")' },
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_d t - kept 6:5", "ix_a t - dropped 16:17", "ix_b t unique kept 17:25", "ix_c t - kept 19:27"]);
    assert.equal(inv.indexes[0]!.context.comment, "newest first");
  });

  it("op.execute of a function whose body builds an index is one dynamic finding at its CREATE, not an index", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, `op.execute("CREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS 'BEGIN CREATE INDEX ix_fn ON t (a); END'")`),
    });
    assert.deepEqual(indexes(inv), []);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      ["11:17 index DDL inside a function's body runs only when the function is called, which the inventory cannot know"],
    );
  });

  it("op under another name: an import alias, `import alembic`, a helper's parameter; an index operation on anything else is said", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'alembic_op.create_index("ix_alias", "t", ["a"])',
          'alembic.op.create_index("ix_module", "t", ["b"])',
          '_indexes(op, "t")',
          '_indexes(table="u", o=alembic_op)',
          "ops = op",
          'ops.create_index("ix_unknown", "t", ["c"])',
          'cache.rename_table("x", "y")',
        ].join("\n"),
        { head: 'from alembic import op as alembic_op\nimport alembic\n\n\ndef _indexes(o, table):\n    o.create_index(f"ix_{table}_d", table, ["d"])' },
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_alias t - kept 17:5", "ix_module t - kept 18:5", "ix_t_d t - kept 19:5", "ix_u_d u - kept 20:5"]);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      ["22:5 ops is not known to be Alembic's op: what create_index() does is not read", "23:5 cache is not known to be Alembic's op: what rename_table() does is not read"],
    );
  });

  it("an if that tests the dialect's name reads only the branches PostgreSQL takes; any other if reads every branch", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'if op.get_context().dialect.name == "sqlite":',
          '    op.create_index("ix_sqlite", "t", ["a"])',
          'elif op.get_bind().dialect.name in ("postgresql", "cockroachdb"):',
          '    op.create_index("ix_pg", "t", ["a"])',
          "else:",
          '    op.create_index("ix_other", "t", ["a"])',
          'if not (bind.engine.name != "postgresql") and FEATURE:',
          '    op.create_index("ix_feature", "t", ["b"])',
          'if FEATURE or op.get_bind().dialect.name == "mysql":',
          '    op.create_index("ix_maybe", "t", ["c"])',
          'elif op.get_bind().dialect.name == "postgresql":',
          '    op.create_index("ix_pg_else", "t", ["d"])',
          "if False:",
          '    op.create_index("ix_never", "t", ["e"])',
        ].join("\n"),
      ),
    });
    assert.deepEqual(
      inv.indexes.map((i) => i.name),
      ["ix_pg", "ix_feature", "ix_maybe", "ix_pg_else"],
    );
  });

  it("an index SQLAlchemy builds itself (CreateIndex, Index(...).create(bind)) on a table not declared here is said to be dynamic; sa.insert(...) is no index", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        ['op.execute(sa.schema.CreateIndex(sa.Index("ix_ddl", t.c.a)))', 'sa.Index("ix_bind", t.c.b).create(op.get_bind())', "op.execute(sa.insert(t).values(a=1))"].join("\n"),
      ),
    });
    assert.deepEqual(inv.indexes, []);
    const notDeclared = "its table is not a Table the revision declares with a MetaData() of its own";
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      [`11:16 a SQLAlchemy DDL construct: the index or constraint it builds is not read (${notDeclared})`, `12:5 an index SQLAlchemy builds with Index(...).create(): ${notDeclared}`],
    );
  });

  it("CreateIndex / DropIndex of an Index, and Index(...).create(bind) / .drop(bind) (the Index written there or held in a name), on a Table the revision declares with a MetaData() of its own are read: the name as written, the table's name and schema", async () => {
    const head = [
      "from sqlalchemy.schema import CreateIndex, DropIndex",
      "",
      "meta = sa.MetaData()",
      'tasks = sa.Table("tasks", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("state", sa.String), sa.Column("owner", sa.Integer), schema="ops")',
      'named = sa.Table("named", sa.MetaData(naming_convention={"ix": "x_%(column_0_label)s"}), sa.Column("a", sa.Integer))',
    ].join("\n");
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.execute(CreateIndex(sa.Index("ix_tasks_state", tasks.c.state)))',
          'op.execute(sa.schema.CreateIndex(sa.Index("ix_tasks_owner", tasks.c["owner"], unique=True, postgresql_where=sa.text("owner > 0"))))',
          'sa.Index("ix_tasks_owner_state", tasks.c.owner, "state").create(bind=op.get_bind())',
          'op.execute(DropIndex(sa.Index("ix_tasks_state", tasks.c.state)))',
          'sa.Index("ix_named_a", named.c.a).create(op.get_bind())',
          'sa.Index("ix_checked", tasks.c.id).create(op.get_bind(), checkfirst=True)',
          // An Index held in a name, and a table reflected into a MetaData() of its own (glance's revisions).
          'held = sa.Index("ix_held", tasks.c.state)',
          "held.create(op.get_bind())",
          "held.drop(op.get_bind())",
          'reflected = sa.Table("tasks", sa.MetaData(), autoload_with=op.get_bind(), schema="ops")',
          'created = sa.Index("ix_reflected", reflected.c.owner)',
          "created.create(op.get_bind())",
        ].join("\n"),
        { head },
      ),
    });
    assert.deepEqual(indexes(inv), [
      "ops.ix_tasks_state tasks - dropped 16:5",
      "ops.ix_tasks_owner tasks unique kept 17:5",
      "ops.ix_tasks_owner_state tasks - kept 18:5",
      "ops.ix_held tasks - dropped 23:5",
      "ops.ix_reflected tasks - kept 27:5",
    ]);
    assert.deepEqual(inv.indexes[1]!.where, "owner > 0");
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      [
        "20:5 an index SQLAlchemy builds with Index(...).create(): its table is not a Table the revision declares with a MetaData() of its own",
        "21:5 an index SQLAlchemy builds with Index(...).create(): checkfirst= asks the database whether the index is there",
      ],
    );
  });

  it("an Index on an expression of a declared Table's columns (sa.func.lower(t.c.a)) is read on that table; expressions of two tables are said", async () => {
    const head = ["from sqlalchemy.schema import CreateIndex, DropIndex", "", 'docs = sa.Table("docs", sa.MetaData(), sa.Column("body", sa.Text), sa.Column("title", sa.Text), schema="s")', 'other = sa.Table("other", sa.MetaData(), sa.Column("x", sa.Text))'].join("\n");
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.execute(CreateIndex(sa.Index("ix_lower", sa.func.lower(docs.c.body), docs.c["title"])))',
          'op.execute(CreateIndex(sa.Index("ix_two", sa.func.coalesce(docs.c.body, other.c.x))))',
          'op.execute(DropIndex(sa.Index("ix_lower", sa.func.lower(docs.c.body))))',
        ].join("\n"),
        { head },
      ),
    });
    // The DROP INDEX is in the table's schema, as SQLAlchemy writes it.
    assert.deepEqual(indexes(inv), ["s.ix_lower docs - dropped 15:5"]);
    assert.deepEqual(inv.indexes[0]!.columns, ["lower(body)", "title"]);
    assert.deepEqual(inv.dynamic.map((d) => `${d.line} ${d.reason.split(" (")[1] ?? d.reason}`), ["16 its columns are of more than one table)"]);
  });

  it("what follows a return or raise of upgrade() or a helper's body is not read; one inside a branch does not end the rest", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        ['op.create_index("ix_a", "t", ["a"])', "_more()", "if FEATURE:", "    return", 'op.create_index("ix_b", "t", ["b"])', "return", 'op.create_index("ix_never", "t", ["c"])'].join("\n"),
        { head: '\n\ndef _more():\n    op.create_index("ix_more", "t", ["d"])\n    raise NotImplementedError\n    op.create_index("ix_dead", "t", ["e"])' },
      ),
    });
    assert.deepEqual(
      inv.indexes.map((i) => i.name),
      ["ix_a", "ix_more", "ix_b"],
    );
  });

  it("text(...).execution_options(...) and .bindparams(...) are the same SQL; sa.DDL(...) too", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.execute(sa.text("CREATE INDEX ix_a ON t (a)").execution_options(autocommit=True))',
          'op.execute(sa.text("CREATE INDEX ix_b ON t (b) WHERE b > :n").bindparams(n=5))',
          'STMT = sa.text("CREATE INDEX ix_c ON t (c)")',
          "op.get_bind().execute(STMT.execution_options(autocommit=True))",
          'op.execute(sa.DDL("CREATE INDEX ix_d ON t (d)"))',
          'op.execute(sa.insert(t).values(a=1).execution_options(autocommit=True))',
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_a t - kept 11:25", "ix_b t - kept 12:25", "ix_c t - kept 13:21", "ix_d t - kept 15:24"]);
    assert.equal(inv.indexes[1]!.where, "b > :n");
    assert.deepEqual(inv.dynamic, []);
  });

  it("SQL built from values known only at run time: the index is dynamic when its name or table is, else listed with the part shown", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.execute(f"CREATE INDEX ix_{suffix()} ON t (a)")\nop.execute(f"CREATE INDEX ix_t_b ON t ({column_name()})")'),
    });
    assert.deepEqual(indexes(inv), ["ix_t_b t - kept 12:18"]);
    assert.deepEqual(inv.indexes[0]!.columns, ["{column_name()}"]);
    assert.deepEqual(inv.dynamic.map((d) => `${d.line}:${d.column} ${d.template}`), ["11:18 CREATE INDEX ix_{suffix()} ON t (a)"]);
  });

  it("autocommit_block() runs outside the transaction; CONCURRENTLY anywhere else is refused", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("a", sa.Integer()))'),
      "b2_b.py": revision(
        "b2",
        "a1",
        [
          'op.create_index("ix_t_a", "t", ["a"], postgresql_concurrently=True)',
          "with op.get_context().autocommit_block():",
          '    op.create_index("ix_t_b", "t", ["b"], postgresql_concurrently=True)',
          '    op.execute("CREATE INDEX CONCURRENTLY ix_t_c ON t (c)")',
          'op.execute("DROP INDEX CONCURRENTLY ix_t_b")',
          'op.create_index("ix_t_d", "t", ["d"])',
        ].join("\n"),
      ),
    });
    assert.deepEqual(diagnostics(inv, "concurrently-in-transaction"), [
      "b2_b.py:11:5 Index ix_t_a is built CONCURRENTLY inside a transaction; PostgreSQL refuses it when the migration runs",
      "b2_b.py:15:17 Index ix_t_b is dropped CONCURRENTLY inside a transaction; PostgreSQL refuses it when the migration runs",
    ]);
    assert.deepEqual(diagnostics(inv, "index-not-concurrent"), ["b2_b.py:16:5 Index ix_t_d on t is built without CONCURRENTLY; writes to t block for the whole build"]);
  });

  it("op.execute(\"COMMIT\") ends the migration's transaction until a BEGIN (the way out before autocommit_block)", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.execute("COMMIT")\nop.create_index("ix_t_a", "t", ["a"], postgresql_concurrently=True)\nop.execute("BEGIN")\nop.create_index("ix_t_b", "t", ["b"], postgresql_concurrently=True)'),
    });
    assert.deepEqual(diagnostics(inv, "concurrently-in-transaction"), ["a1_a.py:14:5 Index ix_t_b is built CONCURRENTLY inside a transaction; PostgreSQL refuses it when the migration runs"]);
  });

  it("an index on a table created by the same revision is exempt from index-not-concurrent", async () => {
    const inv = await analyze({ "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("a", sa.Integer()))\nop.create_index("ix_t_a", "t", ["a"])\nop.execute("CREATE TABLE u (b int); CREATE INDEX ix_u_b ON u (b)")') });
    assert.deepEqual(diagnostics(inv, "index-not-concurrent"), []);
  });

  it("a table created and renamed by the same revision is still new under its new name; an older table renamed is not", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_table("old", sa.Column("a", sa.Integer()))'),
      "b2_b.py": revision("b2", "a1", 'op.create_table("t", sa.Column("a", sa.Integer()))\nop.rename_table("t", "t2")\nop.create_index("ix_t2_a", "t2", ["a"])\nop.rename_table("old", "old2")\nop.create_index("ix_old2_a", "old2", ["a"])'),
    });
    assert.deepEqual(diagnostics(inv, "index-not-concurrent"), ["b2_b.py:15:5 Index ix_old2_a on old2 is built without CONCURRENTLY; writes to old2 block for the whole build"]);
  });
});

describe("Alembic: the revision graph", () => {
  it("applies parents before children, merges after both branches, depends_on after its target; ties by file name", () => {
    const files = {
      "z9_base.py": revision("base", null, 'op.create_index("ix_1", "t", ["a"])'),
      "b_left.py": revision("left", "base", 'op.drop_index("ix_1", table_name="t")'),
      "a_right.py": revision("right", "base", "pass", { labels: '("reporting",)' }),
      "m_merge.py": revision("merge", ["left", "right"], "pass"),
      "c_after.py": revision("after", "merge", "pass", { depends: '"reporting"' }),
      "d_side.py": revision("side", "right", "pass"),
      "e_tip.py": revision("tip", ["after", "side"], "pass", { depends: '"left"' }),
    };
    const read = readAlembicSource(Object.entries(files).map(([path, text]) => ({ path, text })), [], toolkit);
    assert.deepEqual(read.files.map((f) => f.source.path), ["z9_base.py", "a_right.py", "b_left.py", "d_side.py", "m_merge.py", "c_after.py", "e_tip.py"]);
    assert.deepEqual(read.problems, []);
    assert.deepEqual(read.statements.map((s) => `${s.migration} ${s.sql}`), ["base CREATE INDEX ix_1 ON t (a)", "left DROP INDEX ix_1"]);
  });

  it("alembic.ini's version_locations: several directories, one graph; env.py stays in script_location", () => {
    assert.deepEqual(versionLocations("[alembic]\nversion_locations = %(here)s/db/versions %(here)s/plugins/versions\n"), ["db/versions", "plugins/versions"]);
    assert.deepEqual(versionLocations("[alembic]\nversion_path_separator = os\nversion_locations = a/versions:b/versions\n"), ["a/versions", "b/versions"]);
    // Alembic 1.16's path_separator supersedes version_path_separator, and splits prepend_sys_path too.
    assert.deepEqual(versionLocations("[alembic]\npath_separator = newline\nversion_path_separator = space\nversion_locations =\n  a dir/versions\n  b/versions\n"), ["a dir/versions", "b/versions"]);
    assert.deepEqual(alembicSettings("alembic.ini", "[alembic]\npath_separator = ;\nprepend_sys_path = src;lib dir\n")?.prependSysPath, ["src", "lib dir"]);
    assert.deepEqual(alembicSettings("alembic.ini", "[alembic]\nprepend_sys_path = src:lib\n")?.prependSysPath, ["src", "lib"]);
    // A line indented under another key goes on that key's value: no key of its own.
    assert.equal(scriptLocation("[alembic]\nfile_template =\n    script_location = nowhere\nscript_location = migrations\n"), "migrations");
    const tree = trackedTree(["alembic.ini", "db/env.py", "db/versions/a.py", "plugins/versions/b.py"], (p) => (p === "alembic.ini" ? "[alembic]\nscript_location = db\nversion_locations = db/versions plugins/versions\n" : ""));
    assert.deepEqual(detectSources(tree), [{ kind: "alembic", directory: ["db/versions", "plugins/versions"], env: "db/env.py" }]);
    const nested = trackedTree(["alembic.ini", "migrations/env.py", "migrations/versions/2024/a.py", "migrations/versions/b.py"], (p) => (p === "alembic.ini" ? "[alembic]\nscript_location = migrations\nrecursive_version_locations = true\n" : ""));
    const [spec] = detectSources(nested);
    assert.deepEqual(spec, { kind: "alembic", directory: "migrations/versions", recursive: true });
    const input = readSourceFiles(nested, spec);
    assert.deepEqual(input.kind === "alembic" ? input.revisions.map((r) => r.path) : [], ["migrations/versions/b.py", "migrations/versions/2024/a.py"]);
  });

  it("an alembic.ini below the root: its paths taken from its directory, its prepend_sys_path too", () => {
    const files: Record<string, string> = {
      "backend/alembic.ini": "[alembic]\nscript_location = app/alembic\nprepend_sys_path = .\n",
      "backend/app/alembic/env.py": "from app.models import Base\ntarget_metadata = Base.metadata\n",
      "backend/app/alembic/versions/a1_init.py": "",
      "backend/app/models.py": 'from sqlalchemy import MetaData\nmetadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s"})\n',
      "frontend/package.json": "{}",
    };
    const tree = trackedTree(Object.keys(files), (p) => files[p]!);
    const [spec] = detectSources(tree);
    assert.deepEqual(spec, { kind: "alembic", directory: "backend/app/alembic/versions", config: "backend/alembic.ini" });
    const input = readSourceFiles(tree, spec);
    assert.ok(input.kind === "alembic");
    assert.deepEqual(input.sysPath, ["backend"]);
    // env.py's `from app.models import …` is found under backend/, which prepend_sys_path puts on sys.path.
    assert.deepEqual(input.env.map((f) => f.path), ["backend/app/alembic/env.py", "backend/app/models.py"]);
    assert.deepEqual(sourcePatterns([spec]), ["backend/app/alembic/versions/*.py", "backend/app/alembic/versions/*/*.py", "backend/app/alembic/env.py", "backend/alembic.ini"]);
  });

  it("Flask-Migrate's alembic.ini, in the scripts' directory without script_location, names that directory", () => {
    const tree = trackedTree(["migrations/alembic.ini", "migrations/env.py", "migrations/versions/a1.py", "app/__init__.py"], (p) => (p === "migrations/alembic.ini" ? "[alembic]\n# template used to generate migration files\n" : ""));
    assert.deepEqual(detectSources(tree), [{ kind: "alembic", directory: "migrations/versions", config: "migrations/alembic.ini" }]);
    // Without env.py beside it, an ini without script_location names nothing.
    const bare = trackedTree(["conf/alembic.ini", "conf/versions/a1.py"], () => "[alembic]\n");
    assert.deepEqual(detectSources(bare), []);
  });

  it("two Alembic projects below the root (two services, two databases): the first is read, each other is a not-read finding at its configuration", async () => {
    const files: Record<string, string> = {
      "svc_a/alembic.ini": "[alembic]\nscript_location = migrations\nversion_locations = %(here)s/migrations/versions %(here)s/migrations/extra\n",
      "svc_a/migrations/extra/e1_e.py": "",
      "svc_a/migrations/versions/a1_a.py": revision("a1", null, 'op.create_index("ix_a", "t", ["a"])'),
      "svc_b/alembic.ini": "[alembic]\nscript_location = migrations\n",
      "svc_b/migrations/env.py": "",
      "svc_b/migrations/versions/b1_b.py": revision("b1", null, 'op.create_index("ix_b", "t", ["b"])'),
      "tools/deep/er/still/alembic.ini": "[alembic]\nscript_location = m\n",
      "tools/deep/er/still/m/env.py": "",
      "tests/alembic.ini": "[alembic]\nscript_location = m\n",
      "tests/m/env.py": "",
      // Not another project: examples, and Flask-Migrate's own alembic.ini naming svc_a's scripts.
      "examples/alembic.ini": "[alembic]\nscript_location = m\n",
      "examples/m/env.py": "",
      "svc_a/migrations/alembic.ini": "[alembic]\n",
      // Scripts no configuration names.
      "jobs/db/env.py": "from alembic import context\n",
      "jobs/db/versions/j1.py": "",
      // svc_a's own scripts, found by their env.py: one of its version locations.
      "svc_a/migrations/env.py": "from alembic import context\n",
    };
    const tree = trackedTree(Object.keys(files), (p) => files[p]!);
    const config = { detectSources: true, migrations: ["server/db_migrate.py"], sources: [] };
    const { sources, unread } = projectSources(tree, config);
    assert.deepEqual(sources, [{ kind: "alembic", directory: ["svc_a/migrations/versions", "svc_a/migrations/extra"], env: "svc_a/migrations/env.py", config: "svc_a/alembic.ini" }]);
    const message = 'another Alembic project: zero configuration reads the first it finds (svc_a/alembic.ini); name the one to audit in "sources", or audit each with a configuration of its own';
    // Tests are not looked into; four levels down is.
    assert.deepEqual(unread.map((u) => [u.path, u.message]), [["svc_b/alembic.ini", message], ["jobs/db/env.py", message], ["tools/deep/er/still/alembic.ini", message]]);
    const inv = await analyzeProject({ migrations: [], registry: null, sources: withUnread(sources.map((s) => readSourceFiles(tree, s)), unread) }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(inv.indexes.map((d) => d.name), ["ix_a"]);
    assert.deepEqual(inv.errors.map((e) => `${e.kind} ${e.file}:${e.line}`), ["not-read jobs/db/env.py:1", "not-read svc_b/alembic.ini:1", "not-read tools/deep/er/still/alembic.ini:1"]);
    // Configured, or found at the root (alembic.ini or pyproject.toml): nothing else is looked for.
    assert.deepEqual(projectSources(tree, { ...config, sources: [{ kind: "alembic", directory: "svc_b/migrations/versions" }], detectSources: false }).unread, []);
    for (const root of [{ "alembic.ini": "[alembic]\nscript_location = top\n" }, { "pyproject.toml": '[tool.alembic]\nscript_location = "top"\n' }]) {
      const withRoot: Record<string, string> = { ...files, ...root, "top/env.py": "", "top/versions/t1.py": "" };
      const at = projectSources(trackedTree(Object.keys(withRoot), (p) => withRoot[p]!), config);
      assert.deepEqual([at.sources.length, at.unread], [1, []]);
    }
  });

  it("Alembic's scripts no alembic.ini names (Mailman's alembic.cfg): an env.py that imports alembic beside versions/ of .py files, the shallowest", () => {
    const files: Record<string, string> = {
      "mailman/config/alembic.cfg": "[alembic]\nscript_location: mailman.database:alembic\n",
      "mailman/database/alembic/env.py": "from alembic import context\n",
      "mailman/database/alembic/versions/a1_init.py": "",
      "mailman/database/alembic/versions/__init__.py": "",
      // Not Alembic's: an env.py that imports no alembic, a versions/ without revisions, tests.
      "docs/env.py": "import os\n",
      "docs/versions/v1.py": "",
      "other/env.py": "from alembic import context\n",
      "other/versions/__init__.py": "",
      "tests/alembic/env.py": "from alembic import context\n",
      "tests/alembic/versions/t1.py": "",
    };
    assert.deepEqual(detectSources(trackedTree(Object.keys(files), (p) => files[p]!)), [{ kind: "alembic", directory: "mailman/database/alembic/versions" }]);
    // The weakest sign, looked for last: a yoyo, sqitch or .sql project at the root is what the project says it is.
    const yoyo: Record<string, string> = { ...files, "yoyo.ini": "[DEFAULT]\nsources = sql\n", "sql/0001_init.sql": "" };
    assert.deepEqual(detectSources(trackedTree(Object.keys(yoyo), (p) => yoyo[p]!)), [{ kind: "sql", paths: ["sql/*.sql"] }]);
  });

  it("a nested alembic.ini's paths: %(here)s and .. worked out; a path that exists only from the root is taken from there", () => {
    const here = trackedTree(["config/alembic.ini", "db/env.py", "db/versions/a1.py"], (p) => (p === "config/alembic.ini" ? "[alembic]\nscript_location = %(here)s/../db\n" : ""));
    assert.deepEqual(detectSources(here), [{ kind: "alembic", directory: "db/versions", config: "config/alembic.ini" }]);
    const fromRoot = trackedTree(["svc/store/migrations/alembic.ini", "svc/store/migrations/env.py", "svc/store/migrations/versions/a1.py"], (p) =>
      p.endsWith(".ini") ? "[alembic]\nscript_location = svc/store/migrations\nversion_locations = svc/store/migrations/versions\n" : "",
    );
    assert.deepEqual(detectSources(fromRoot), [{ kind: "alembic", directory: "svc/store/migrations/versions", env: "svc/store/migrations/env.py", config: "svc/store/migrations/alembic.ini" }]);
  });

  it("pyproject.toml's [tool.alembic] (Alembic 1.16): script_location, version_locations and prepend_sys_path as TOML lists, taken from its directory", () => {
    const pyproject = '[project]\nname = "app"\n\n[tool.alembic]\nscript_location = "%(here)s/alembic"\nversion_locations = ["%(here)s/alembic/versions", "%(here)s/plugins/versions"]\nprepend_sys_path = ["src"]\n';
    const files: Record<string, string> = {
      // The ini of that template keeps only the database URL and logging.
      "alembic.ini": "[alembic]\nsqlalchemy.url = postgresql://localhost/app\n",
      "pyproject.toml": pyproject,
      "alembic/env.py": "",
      "alembic/versions/a1.py": "",
      "plugins/versions/b1.py": "",
    };
    const tree = trackedTree(Object.keys(files), (p) => files[p]!);
    const [spec] = detectSources(tree);
    assert.deepEqual(spec, { kind: "alembic", directory: ["alembic/versions", "plugins/versions"], env: "alembic/env.py", config: "pyproject.toml" });
    const input = readSourceFiles(tree, spec);
    assert.deepEqual(input.kind === "alembic" ? input.sysPath : null, ["src"]);
    // Below the root, beside its project; a pyproject.toml that is not TOML, or has no [tool.alembic], names nothing.
    const below = trackedTree(["api/pyproject.toml", "api/migrations/env.py", "api/migrations/versions/a1.py", "web/pyproject.toml"], (p) => (p === "api/pyproject.toml" ? '[tool.alembic]\nscript_location = "migrations"\n' : "[tool.alembic\nbroken"));
    assert.deepEqual(detectSources(below), [{ kind: "alembic", directory: "api/migrations/versions", config: "api/pyproject.toml" }]);
    assert.deepEqual(detectSources(trackedTree(["pyproject.toml", "alembic/versions/a1.py"], () => '[tool.black]\nline-length = 100\n# tool.alembic is not used\n')), []);
  });

  it("which alembic.ini: the root's first, then a Django project, then the shallowest below, by path; never one in tests or a hidden directory", () => {
    const ini = (dir: string) => [`${dir}/alembic.ini`, `${dir}/alembic/env.py`, `${dir}/alembic/versions/a.py`];
    const text = () => "[alembic]\nscript_location = alembic\n";
    const dirOf = (files: string[]) => {
      const [spec] = detectSources(trackedTree(files, text));
      return spec?.kind === "alembic" ? spec.directory : spec?.kind;
    };
    assert.equal(dirOf([...ini("b"), ...ini("a/x")]), "b/alembic/versions");
    assert.equal(dirOf([...ini("b"), ...ini("a")]), "a/alembic/versions");
    assert.equal(dirOf([...ini("tests"), ...ini(".venv"), ...ini("b/c/d/e/f")]), undefined);
    assert.equal(dirOf([...ini("tests"), ...ini("b/c/d")]), "b/c/d/alembic/versions");
    assert.equal(dirOf(["alembic.ini", "alembic/env.py", "alembic/versions/a.py", ...ini("b")]), "alembic/versions");
    assert.equal(dirOf(["manage.py", "shop/migrations/0001_initial.py", ...ini("b")]), "django");
  });

  it("scriptLocation reads alembic.ini's [alembic] section", () => {
    assert.equal(scriptLocation("[alembic]\nscript_location = %(here)s/db/alembic\n"), "db/alembic");
    assert.equal(scriptLocation("[loggers]\nscript_location = nope\n[alembic]\nscript_location: migrations/\n"), "migrations");
    assert.equal(scriptLocation("[alembic]\nsqlalchemy.url = x\n"), null);
    assert.equal(scriptLocation("[alembic]\nscript_location = myapp.db:migrations\n"), "myapp/db/migrations");
  });

  it("a package's resource as script_location is found where Python imports the package from: prepend_sys_path's directory, the root, or src/", () => {
    const spec = (ini: string, files: string[]): unknown => detectSources(trackedTree(["alembic.ini", ...files], (p) => (p === "alembic.ini" ? ini : "")))[0];
    const layout = ["src/myapp/__init__.py", "src/myapp/db/migrations/env.py", "src/myapp/db/migrations/versions/a.py"];
    assert.deepEqual(spec("[alembic]\nscript_location = myapp.db:migrations\nprepend_sys_path = src\n", layout), { kind: "alembic", directory: "src/myapp/db/migrations/versions" });
    // An installed src-layout package: not on prepend_sys_path, still the project's.
    assert.deepEqual(spec("[alembic]\nscript_location = myapp.db:migrations\n", layout), { kind: "alembic", directory: "src/myapp/db/migrations/versions" });
    // version_locations in that form too, as Alembic reads it.
    assert.deepEqual(spec("[alembic]\nscript_location = myapp.db:migrations\nversion_locations = myapp.db:migrations/versions\nprepend_sys_path = src\n", layout), {
      kind: "alembic",
      directory: "src/myapp/db/migrations/versions",
      env: "src/myapp/db/migrations/env.py",
    });
    // The same keys in pyproject.toml's [tool.alembic].
    assert.deepEqual([...(alembicSettings("pyproject.toml", '[tool.alembic]\nscript_location = "myapp.db:migrations"\nversion_locations = ["myapp.db:migrations/versions", "%(here)s/other"]\n')?.resources ?? [])], ["myapp/db/migrations", "myapp/db/migrations/versions"]);
    // At the root first.
    assert.deepEqual(spec("[alembic]\nscript_location = myapp.db:migrations\n", [...layout.map((f) => f.slice(4)), ...layout]), { kind: "alembic", directory: "myapp/db/migrations/versions" });
  });
});

describe("Alembic: exclusion constraints, suppressions, env imports", () => {
  it("create_exclude_constraint is an EXCLUDE constraint (PostgreSQL names an unnamed one)", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, 'op.create_exclude_constraint("no_overlap", "bookings", ("room_id", "="), (sa.column("during"), "&&"), using="gist", where="NOT cancelled")\nop.create_exclude_constraint(None, "slots", ("period", "&&"))'),
    });
    assert.deepEqual(constraints(inv), ["exclude no_overlap bookings(room_id,during) kept 11:5", "exclude slots_period_excl slots(period) kept 12:5 generated"]);
  });

  it("an ExcludeConstraint in create_table, however the dialect is imported, is an EXCLUDE constraint; one not known statically is said", async () => {
    const inv = await analyze({
      "a1_a.py": revision(
        "a1",
        null,
        [
          'op.create_table("bookings", sa.Column("id", sa.Integer(), primary_key=True), postgresql.ExcludeConstraint(("room_id", "="), (sa.column("during"), "&&"), name="no_overlap", where=sa.text("NOT cancelled")))',
          'op.create_table("slots", ExcludeConstraint(("period", "&&"), using="gist"), pg.ExcludeConstraint(("slot", "-|-")))',
          'op.create_table("holds", postgresql.ExcludeConstraint(("period", OPERATOR)), postgresql.ExcludeConstraint(("period", "&&"), name=NAME))',
        ].join("\n"),
      ),
    });
    assert.deepEqual(constraints(inv), [
      "primary key bookings_pkey bookings(id) kept 11:33 generated",
      "exclude no_overlap bookings(room_id,during) kept 11:82",
      "exclude slots_period_excl slots(period) kept 12:30 generated",
      "exclude slots_slot_excl slots(slot) kept 12:81 generated",
    ]);
    assert.deepEqual(
      inv.dynamic.map((d) => `${d.line}:${d.column} ${d.reason}`),
      ["13:30 its name, elements or options are not known statically", "13:82 its name, elements or options are not known statically"],
    );
  });

  it("a suppression comment above an operation silences it; one that silences nothing is reported", async () => {
    const inv = await analyze({
      "a1_a.py": revision("a1", null, '# index-audit: ignore[index-not-concurrent] -- built during the maintenance window\nop.create_index("ix_t_a", "t", ["a"])\nop.create_index("ix_t_b", "t", ["b"])  # index-audit: ignore[drop-index-not-concurrent]'),
    });
    const result = runRules({ inventory: inv, base: null, layout: { migrations: [], registry: null, registryVariable: "INDEX_DEFS", noRegistry: true }, rules: RULES, settings: new Map() });
    assert.deepEqual(
      result.diagnostics.map((d) => `${d.line}:${d.column} ${d.rule}`),
      ["13:5 index-not-concurrent", "13:44 unused-suppression"],
    );
    assert.equal(result.suppressed, 1);
  });

  it("the convention may sit two imports away from env.py, behind a relative import", async () => {
    const inv = await analyzeProject(
      {
        migrations: [],
        registry: null,
        sources: [
          {
            kind: "alembic",
            directory: "migrations/versions",
            revisions: [{ path: "migrations/versions/a1_a.py", text: revision("a1", null, 'op.create_unique_constraint(None, "t", ["a"])') }],
            env: [
              { path: "migrations/env.py", text: "from app.models import Base\n" },
              { path: "app/models/__init__.py", text: "from .base import Base\n" },
              { path: "app/models/base.py", text: 'from sqlalchemy import MetaData\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base(metadata=MetaData(naming_convention={"uq": "%(table_name)s_%(column_0_name)s_uniq"}))\n' },
            ],
          },
        ],
      },
      DEFAULT_ANALYZE_OPTIONS,
      toolkit,
    );
    assert.deepEqual(constraints(inv), ["unique t_a_uniq t(a) kept 11:5 generated"]);
  });
});


describe("Alembic: the modules env.py imports, for a naming convention", () => {
  it("follows from-imports of submodules, indented imports and relative imports with python/imports' candidates, first file found per module", () => {
    const files: Record<string, string> = {
      "migrations/env.py": "import os\ntry:\n    from app import models\nexcept ImportError:\n    models = None\n",
      "migrations/versions/a1_a.py": revision("a1", null, 'op.create_index("ix_t_a", "t", ["a"])'),
      "app/__init__.py": "",
      "app/models.py": "from .meta import metadata\n",
      "migrations/app/models.py": "X = 1\n",
      "app/meta.py": 'metadata = MetaData(naming_convention={"ix": "ix_%(column_0_label)s"})\n',
    };
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
    assert.equal(input.kind, "alembic");
    assert.deepEqual(input.env.map((f) => f.path), ["migrations/env.py", "app/__init__.py", "app/models.py", "app/meta.py"]);
    assert.deepEqual(input.limits, []);
  });
});

describe("Alembic: a naming convention held in a name, or set after the MetaData is made", () => {
  it("the modules the declaring module imports are read, and the name resolves through them", async () => {
    const files: Record<string, string> = {
      "migrations/env.py": "from app.models import Base\ntarget_metadata = Base.metadata\n",
      "migrations/versions/a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("a", sa.Integer(), index=True))'),
      "app/__init__.py": "",
      "app/models.py": "import sqlalchemy as sa\nfrom app.conventions import NAMING\nBase = declarative_base(metadata=sa.MetaData(naming_convention=NAMING))\n",
      "app/conventions.py": 'NAMING = {"ix": "idx_%(table_name)s_%(column_0_name)s"}\n',
    };
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
    assert.equal(input.kind, "alembic");
    assert.deepEqual(input.env.map((f) => f.path), ["migrations/env.py", "app/models.py", "app/conventions.py"]);
    const env = Object.fromEntries(input.env.map((f) => [f.path, f.text]));
    const inv = await analyze({ "a1_a.py": files["migrations/versions/a1_a.py"]! }, env);
    assert.deepEqual(indexes(inv), ["idx_t_a t - kept 11:26 generated"]);
  });

  it("`Base.metadata.naming_convention = {...}` counts; a convention not known statically is a finding, never assumed silently", async () => {
    const revisions = { "a1_a.py": revision("a1", null, 'op.create_table("t", sa.Column("a", sa.Integer(), index=True))') };
    const assigned = await analyze(revisions, { "migrations/env.py": 'Base = declarative_base()\nBase.metadata.naming_convention = {"ix": "idx_%(column_0_label)s"}\n' });
    assert.deepEqual(indexes(assigned), ["idx_t_a t - kept 11:26 generated"]);
    const unknown = await analyze(revisions, { "migrations/env.py": "from elsewhere import NAMING\nmetadata = MetaData(naming_convention=NAMING)\n" });
    assert.deepEqual(indexes(unknown), ["ix_t_a t - kept 11:26 generated"]);
    assert.deepEqual(
      unknown.errors.map((e) => `${e.kind} ${e.file}:${e.line}:${e.column} ${e.message}`),
      ["limit migrations/env.py:2:39 this naming convention is not known statically: index and constraint names follow SQLAlchemy's default convention and may differ"],
    );
  });
});

describe("Alembic: budgets of finding the files", () => {
  it("revisions deeper than the recursive walk goes, and imported modules past the naming-convention search, are limit findings", async () => {
    const deep = "migrations/versions/" + Array.from({ length: 10 }, (_, k) => `d${k}`).join("/");
    const modules = Array.from({ length: 25 }, (_, k) => `app/m${String(k).padStart(2, "0")}.py`);
    const files: Record<string, string> = {
      "migrations/env.py": modules.map((m) => `import ${m.slice(0, -3).replace("/", ".")}`).join("\n") + "\n",
      "migrations/versions/a1_a.py": revision("a1", null, 'op.create_index("ix_t_a", "t", ["a"])'),
      [`${deep}/b2_b.py`]: revision("b2", "a1", 'op.create_index("ix_t_b", "t", ["b"])'),
      ...Object.fromEntries(modules.map((m) => [m, "X = 1\n"])),
    };
    const tree = trackedTree(Object.keys(files), (p) => files[p]!);
    const input = readSourceFiles(tree, { kind: "alembic", directory: "migrations/versions", recursive: true });
    assert.equal(input.kind, "alembic");
    const inv = await analyzeProject({ migrations: [], registry: null, sources: [input] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(indexes(inv), ["ix_t_a t - kept 11:5"]);
    assert.deepEqual(
      inv.errors.filter((e) => e.kind === "limit").map((e) => `${e.file} ${e.message}`),
      [
        "migrations/env.py limit envModules (20 project modules read from env.py's imports for a naming convention) reached: 6 more imported modules are not read; index names follow SQLAlchemy's default convention",
        "migrations/versions/d0/d1/d2/d3/d4/d5/d6/d7 limit versionDepth (8 directory levels below a versions directory) reached: the revisions in migrations/versions/d0/d1/d2/d3/d4/d5/d6/d7/d8 are not read",
      ],
    );
  });
});

describe("Alembic: a versions directory of one subdirectory per database", () => {
  const files = (dirs: readonly string[]): Record<string, string> => ({
    "migrations/env.py": "from alembic import context\n",
    ...Object.fromEntries(dirs.map((d) => [`migrations/versions/${d}/a1_init.py`, revision("a1", null, `op.create_index("ix_${d}", "t", ["a"])`)])),
  });
  const read = async (f: Record<string, string>, recursive = false): Promise<{ indexes: string[]; notRead: string[] }> => {
    const input = readSourceFiles(trackedTree(Object.keys(f), (p) => f[p]!), { kind: "alembic", directory: "migrations/versions", ...(recursive ? { recursive } : {}) });
    const inv = await analyzeProject({ migrations: [], registry: null, sources: [input] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    return { indexes: inv.indexes.map((d) => `${d.name} ${d.location.file}`), notRead: inv.errors.filter((e) => e.kind === "not-read").map((e) => `${e.file} ${e.message}`) };
  };

  it("is said, not read as empty: the one named for PostgreSQL is read, the others are a not-read finding", async () => {
    assert.deepEqual(await read(files(["postgresql", "sqlite"])), {
      indexes: ["ix_postgresql migrations/versions/postgresql/a1_init.py"],
      notRead: [
        "migrations/versions the revisions in migrations/versions/sqlite: migrations/versions holds none itself, and Alembic reads its subdirectories only with recursive_version_locations = true, or where env.py points it (migrations/versions/postgresql, named for PostgreSQL, is read); configure the source's directory to choose",
      ],
    });
    // An __init__.py is no revision (Alembic skips it); a subdirectory of only an __init__.py holds none.
    const init = { ...files(["postgresql", "sqlite"]), "migrations/versions/__init__.py": "", "migrations/versions/empty/__init__.py": "" };
    assert.deepEqual((await read(init)).indexes, ["ix_postgresql migrations/versions/postgresql/a1_init.py"]);
    assert.match((await read(init)).notRead[0]!, /^migrations\/versions the revisions in migrations\/versions\/sqlite:/);
    // Only one, named for PostgreSQL: read, nothing left to say.
    assert.deepEqual(await read(files(["postgresql"])), { indexes: ["ix_postgresql migrations/versions/postgresql/a1_init.py"], notRead: [] });
  });

  it("none named for PostgreSQL (or two): none is read, each is named", async () => {
    const { indexes: none, notRead } = await read(files(["mysql", "sqlite"]));
    assert.deepEqual(none, []);
    assert.match(notRead[0]!, /the revisions in migrations\/versions\/mysql, migrations\/versions\/sqlite: /);
    assert.deepEqual((await read(files(["pg", "postgres"]))).indexes, []);
  });

  it("with recursive_version_locations, or a revision beside them, Alembic reads what it is configured to: nothing is said", async () => {
    assert.deepEqual((await read(files(["postgresql", "sqlite"]), true)).notRead, []);
    const beside = { ...files(["postgresql"]), "migrations/versions/b2_b.py": revision("b2", "a1", "pass") };
    assert.deepEqual(await read(beside), { indexes: [], notRead: [] });
  });

  it("the pre-commit fast path sees a revision staged in such a subdirectory", () => {
    assert.deepEqual(sourcePatterns([{ kind: "alembic", directory: "migrations/versions" }]).slice(0, 2), ["migrations/versions/*.py", "migrations/versions/*/*.py"]);
  });
});

describe("Alembic: starred arguments", () => {
  it("*[Column(...) for c in (...)] in create_table is expanded in place: each index at its Column(...) call", async () => {
    const inv = await analyze({
      "s1_a.py": revision("s1", null, 'op.create_table("u", sa.Column("id", sa.Integer, primary_key=True), *[sa.Column(c, sa.Integer, index=True) for c in ("x", "y")])'),
    });
    assert.deepEqual(indexes(inv), ["ix_u_x u - kept 11:75 generated", "ix_u_y u - kept 11:75 generated"]);
    assert.deepEqual(constraints(inv), ["primary key u_pkey u(id) kept 11:26 generated"]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("*COLUMNS (a module tuple), *timestamps(prefix) (a helper returning a list) and UniqueConstraint(*KEYS) are read where their elements are written", async () => {
    const head = [
      "COLUMNS = (",
      '    sa.Column("created_at", sa.DateTime, index=True),',
      '    sa.Column("owner_id", sa.Integer, index=True),',
      ")",
      'KEYS = ("org_id", "slug")',
      "",
      "",
      "def timestamps(prefix):",
      '    return [sa.Column(f"{prefix}_at", sa.DateTime, index=True), sa.Column("token", sa.String, unique=True)]',
    ].join("\n");
    const inv = await analyze({
      "s2_a.py": revision("s2", null, ['op.create_table("doc", sa.Column("id", sa.Integer, primary_key=True), *COLUMNS, *timestamps("seen"), sa.UniqueConstraint(*KEYS), sa.Index("ix_doc_lower", *[sa.text(f"lower({c})") for c in KEYS]))'].join("\n"), { head }),
    });
    assert.deepEqual(indexes(inv), ["ix_doc_created_at doc - kept 4:5 generated", "ix_doc_owner_id doc - kept 5:5 generated", "ix_doc_seen_at doc - kept 11:13 generated", "ix_doc_lower doc - kept 20:134"]);
    assert.deepEqual(inv.indexes[3]!.columns, ["lower(org_id)", "lower(slug)"]);
    assert.deepEqual(constraints(inv), [
      "unique doc_token_key doc(token) kept 11:65 generated",
      "primary key doc_pkey doc(id) kept 20:28 generated",
      "unique doc_org_id_slug_key doc(org_id,slug) kept 20:106 generated",
    ]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("a starred argument static reading cannot enumerate is a dynamic finding at the *, naming what is unknown; the other elements are still read", async () => {
    const inv = await analyze({
      "s3_a.py": revision(
        "s3",
        null,
        [
          "extra = load_columns()",
          'op.create_table("v", sa.Column("a", sa.Integer, index=True), *extra)',
          'op.create_table("w", *[sa.Column(c, sa.Integer, index=True) for c in columns_of("w")])',
          'op.create_index("ix_w_k", *index_target())',
        ].join("\n"),
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_v_a v - kept 12:26 generated"]);
    assert.deepEqual(inv.dynamic.map((d) => `${d.line}:${d.column} ${d.executor} ${d.template} | ${d.reason}`), [
      "12:66 op.create_table *extra | the result of load_columns() is not known statically: its columns and constraints are not read",
      '13:26 op.create_table *[sa.Column(c, sa.Integer, index=True) for c in columns_of("w")] | columns_of("w") is not known statically: its columns and constraints are not read',
      "14:31 op.create_index *index_target() | the result of index_target() is not known statically",
    ]);
  });

  it("**OPTS in an operation is enumerated when it is a dict literal (or dict(...)) bound once; otherwise a dynamic finding at the **", async () => {
    const head = ['OPTS = {"unique": True}', "MORE = dict(postgresql_using=\"gin\")"].join("\n");
    const inv = await analyze({
      "s4_a.py": revision(
        "s4",
        null,
        [
          'op.create_index("ix_t_a", "t", ["a"], **OPTS)',
          'op.create_index("ix_t_b", "t", ["b"], **MORE)',
          'op.create_index(*("ix_t_c", "t", ["c"]), **{"unique": True})',
          'op.create_index("ix_t_d", "t", ["d"], **options())',
        ].join("\n"),
        { head },
      ),
    });
    assert.deepEqual(indexes(inv), ["ix_t_a t unique kept 13:5", "ix_t_b t - kept 14:5", "ix_t_c t unique kept 15:5"]);
    assert.equal(inv.indexes[1]!.method, "gin");
    assert.deepEqual(inv.dynamic.map((d) => `${d.line}:${d.column} ${d.executor} ${d.template} | ${d.reason}`), ["16:43 op.create_index **options() | options() is not known statically"]);
  });

  it("5,000 nested calls in upgrade() and a *(E + E + … + B) of 5,000 terms are read without overflowing the stack", async () => {
    const nested = `${"f(".repeat(5000)}1${")".repeat(5000)}`;
    const sum = [...Array.from({ length: 5000 }, () => "E"), "B"].join(" + ");
    const head = ["E = []", 'B = [sa.Column("b", sa.Integer, index=True)]'].join("\n");
    const inv = await analyze({ "s6_a.py": revision("s6", null, [`x = ${nested}`, `op.create_table("t", *(${sum}))`, 'op.create_index("ix_t_a", "t", ["a"])'].join("\n"), { head }) });
    assert.deepEqual(indexes(inv), ["ix_t_b t - kept 4:6 generated", "ix_t_a t - kept 15:5"]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("**x is followed through four names bound once; a fifth is a dynamic finding at the ** naming splatDepth", async () => {
    // O1 = O2, …, O4 = {...}: four names; P1 = P2, …, P5 = {...}: five.
    const chain = (p: string, n: number): string[] => [...Array.from({ length: n - 1 }, (_, i) => `${p}${i + 1} = ${p}${i + 2}`), `${p}${n} = {"unique": True}`];
    const head = [...chain("O", LIMITS.splatDepth), ...chain("P", LIMITS.splatDepth + 1)].join("\n");
    const inv = await analyze({ "s5_a.py": revision("s5", null, ['op.create_index("ix_t_a", "t", ["a"], **O1)', 'op.create_index("ix_t_b", "t", ["b"], **P1)'].join("\n"), { head }) });
    assert.deepEqual(indexes(inv), ["ix_t_a t unique kept 20:5"]);
    assert.deepEqual(inv.dynamic.map((d) => `${d.line}:${d.column} ${d.executor} ${d.template} | ${d.reason}`), [
      "21:43 op.create_index **P1 | limit splatDepth (4 names or helpers followed) reached: P5 is not read",
    ]);
  });
});

describe("Alembic: each module is parsed once", () => {
  it("a project module read both for a constant and for a helper, and env.py read for its convention and its imports", () => {
    let parses = 0;
    const python = new Proxy(toolkit.python, {
      get(target, key, receiver) {
        if (key !== "parse") return Reflect.get(target, key, receiver) as unknown;
        return (...args: Parameters<typeof target.parse>) => {
          parses++;
          return target.parse(...args);
        };
      },
    });
    const utils = { path: "migrations/utils.py", text: 'from alembic import op\n\nPREFIX = "ix"\n\n\ndef add_index(table, column):\n    op.create_index(f"{PREFIX}_{table}_{column}", table, [column])\n' };
    const env = { path: "migrations/env.py", text: 'import sqlalchemy as sa\nfrom migrations.utils import PREFIX\n\ntarget_metadata = sa.MetaData(naming_convention={"ix": PREFIX + "_%(column_0_label)s"})\n' };
    const rev = { path: "migrations/versions/a1.py", text: revision("a1", null, 'add_index("t", PREFIX)', { head: "from migrations.utils import PREFIX, add_index" }) };
    const read = readAlembicSource([rev], [env], { python }, [], [utils]);
    assert.deepEqual(read.statements.map((s) => s.sql), ["CREATE INDEX ix_t_ix ON t (ix)"]);
    assert.equal(parses, 3);
  });
});
