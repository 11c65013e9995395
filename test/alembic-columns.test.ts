import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { analyzeProject, DEFAULT_ANALYZE_OPTIONS, type Inventory } from "../src/index.js";
import { readSourceFiles, trackedTree } from "../src/project/sources.js";
import { analyzeAlembic, indexRows, lines } from "./helpers/alembic.js";
import { COLUMN_GUARDS, COLUMN_GUARDS_UNSEEN, INDEX_LIST_SEQUENCE } from "./helpers/alembic-branch-projects.js";

const toolkit = createToolkit();

describe("Alembic: tests of a table's columns (inspector.get_columns)", () => {
  it("a list of index names taken once stays decided past the indexes made since, but for a name one of them took or a key PostgreSQL named", async () => {
    const inv = await analyzeAlembic(toolkit, INDEX_LIST_SEQUENCE);
    // The table tests after the creates are decided too: u is not there.
    assert.deepEqual(indexRows(inv), ["ix_t_b t - kept 9:5", "ix_t_a t - kept 12:9", "ix_t_b t - skipped 14:9", "ix_t_c t - kept 17:9", "ix_t_a2 t - kept 19:9", "ix_t_cab t - skipped 21:9", "ix_t_ab t - kept 26:9"]);
    const undecided = inv.indexes.filter((d) => d.context.guards.length > 0).map((d) => d.name);
    assert.deepEqual(undecided, ["ix_t_a2", "ix_t_ab"]);
  });

  it("replay decides them from the columns create_table, add_column, drop_column and alter_column's rename leave", async () => {
    const inv = await analyzeAlembic(toolkit, COLUMN_GUARDS);
    assert.deepEqual(indexRows(inv), [
      "ix_t_a t - kept 9:5",
      // c is not there: added and indexed.
      "ix_t_c t - kept 12:9",
      // There is no legacy column: ix_t_a is not dropped. a is there: ix_t_ab is made (and goes with b in a3).
      "ix_t_ab t - dropped 16:9",
      "ix_never t - skipped 18:9",
      // Asked of a list taken before c was added: not decided, read as it runs.
      "ix_t_c_again t - kept 20:9",
      "ix_t_d t - kept 15:9",
      "ix_t_bd t - dropped 17:9",
      // b was dropped; c was renamed c2.
      "ix_t_b_again t - skipped 20:9",
      "ix_t_c2 t - kept 23:9",
    ]);
    assert.deepEqual(inv.dynamic, []);
    const undecided = inv.indexes.filter((d) => d.context.guards.length > 0).map((d) => d.name);
    assert.deepEqual(undecided, ["ix_t_c_again"]);
  });

  it("a column the reader cannot read leaves every column test undecided: both branches are read", async () => {
    const inv = await analyzeAlembic(toolkit, COLUMN_GUARDS_UNSEEN);
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 9:9", "ix_t_id_a t - kept 11:9"]);
    assert.equal(inv.dynamic.length, 1);
    // Each says the test it may not run under, as one the reader does not read would.
    const test = '"a" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]';
    assert.deepEqual(
      inv.indexes.map((d) => [d.context.guard, d.context.guards.map((g) => g.undecided)]),
      [
        [test, [true]],
        [`not (${test})`, [true]],
      ],
    );
  });

  it("what the reader cannot read leaves the column tests undecided from its revision on: those of the revisions before it are still decided", async () => {
    const test = (rev: string, down: string | null, prefix: string): string =>
      lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        `revision = "${rev}"`,
        `down_revision = ${down === null ? "None" : `"${down}"`}`,
        "def upgrade():",
        '    cols = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]',
        '    if "a" in cols:',
        `        op.create_index("${prefix}_yes", "t", ["id", "a"])`,
        "    else:",
        `        op.create_index("${prefix}_no", "t", ["a"])`,
      );
    const project = (unread: string): Record<string, string> => ({
      "migrations/versions/a1_init.py": lines("from alembic import op", "import sqlalchemy as sa", 'revision = "a1"', "down_revision = None", "def upgrade():", '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'),
      "migrations/versions/a2_before.py": test("a2", "a1", "before"),
      "migrations/versions/a3_unread.py": lines("from alembic import op", "import sqlalchemy as sa", "from app.columns import audit_column, index_name", 'revision = "a3"', 'down_revision = "a2"', "def upgrade():", `    ${unread}`),
      "migrations/versions/a4_after.py": test("a4", "a3", "after"),
    });
    for (const unread of ['op.add_column("t", audit_column())', 'op.create_index(index_name("t"), "t", ["a"])']) {
      const inv = await analyzeAlembic(toolkit, project(unread));
      assert.equal(inv.dynamic.length, 1, unread);
      assert.deepEqual(
        indexRows(inv).map((r) => r.split(" ").slice(0, 4).join(" ")),
        ["before_yes t - kept", "before_no t - skipped", "after_yes t - kept", "after_no t - kept"],
        unread,
      );
    }
    // Where the revisions' order is not known (a second head), it is taken before every statement, as before.
    const inv = await analyzeAlembic(toolkit, { ...project('op.add_column("t", audit_column())'), "migrations/versions/b1_head.py": lines("from alembic import op", 'revision = "b1"', 'down_revision = "a1"', "def upgrade():", "    pass") });
    assert.deepEqual(
      indexRows(inv).map((r) => r.split(" ").slice(0, 4).join(" ")),
      ["before_yes t - kept", "before_no t - kept", "after_yes t - kept", "after_no t - kept"],
    );
  });

  describe("what another branch leaves unread, where the order of the branches is not fixed", () => {
    const revision = (rev: string, down: string | readonly string[] | null, labels: string | null, ...body: string[]): string =>
      lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from app.columns import audit_column",
        `revision = "${rev}"`,
        `down_revision = ${down === null ? "None" : typeof down === "string" ? `"${down}"` : `(${down.map((d) => `"${d}"`).join(", ")})`}`,
        `branch_labels = ${labels === null ? "None" : `("${labels}",)`}`,
        "def upgrade():",
        ...(body.length > 0 ? body : ["pass"]).map((l) => `    ${l}`),
      );
    const base = revision("a0", null, null, 'op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))');
    const asks = ['if "audit" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]:', '    op.create_index("ix_audit", "t", ["audit"])', "else:", '    op.create_index("ix_a", "t", ["a"])'];
    const undecided = (inv: Inventory): string[] => inv.indexes.map((d) => `${d.name} ${d.effective ? "kept" : "skipped"} ${d.context.guards.filter((g) => g.undecided).length}`);

    it("heads on branches of their own (expand and contract): a test on one branch is undecided whatever the branch it comes after in file order leaves unread", async () => {
      for (const [expand, contract] of [["b1_expand.py", "c1_contract.py"], ["c1_expand.py", "b1_contract.py"]] as const) {
        const inv = await analyzeAlembic(toolkit, {
          "migrations/versions/a0_base.py": base,
          [`migrations/versions/${expand}`]: revision("e1", "a0", "expand", 'op.add_column("t", audit_column())'),
          [`migrations/versions/${contract}`]: revision("k1", "a0", "contract", ...asks),
        });
        assert.deepEqual(undecided(inv), ["ix_audit kept 1", "ix_a kept 1"], expand);
      }
    });

    it("two branches a merge joins: a test on either is undecided, whichever holds the unread operation; one after the merge too; one before the branches stays decided", async () => {
      const test = (n: number): string[] => asks.map((l) => l.replace(/ix_(audit|a)"/, `ix_$1_${n}"`));
      for (const [tested, unread] of [["b1", "c1"], ["c1", "b1"]] as const) {
        const inv = await analyzeAlembic(toolkit, {
          "migrations/versions/a0_base.py": base,
          "migrations/versions/a1_before.py": revision("a1", "a0", null, ...test(1)),
          [`migrations/versions/${tested}_test.py`]: revision(tested, "a1", null, ...test(2)),
          [`migrations/versions/${unread}_unread.py`]: revision(unread, "a1", null, 'op.add_column("t", audit_column())'),
          "migrations/versions/m1_merge.py": revision("m1", ["b1", "c1"], null, ...test(3)),
        });
        const rows = undecided(inv);
        assert.deepEqual(rows.slice(0, 2), ["ix_audit_1 skipped 0", "ix_a_1 kept 0"], tested);
        assert.deepEqual(rows.slice(2).sort(), ["ix_a_2 kept 1", "ix_a_3 kept 1", "ix_audit_2 kept 1", "ix_audit_3 kept 1"], tested);
      }
    });
  });

  it("what the last revision of one source leaves unread is still taken before the next source's statements", async () => {
    const project = (files: Record<string, string>, dirs: string[]): Parameters<typeof analyzeProject>[0] => ({
      migrations: [],
      registry: null,
      sources: dirs.map((directory) => readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory })),
    });
    const files = {
      "one/versions/a1_init.py": lines("from alembic import op", "import sqlalchemy as sa", 'revision = "a1"', "down_revision = None", "def upgrade():", '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'),
      "one/versions/a2_unread.py": lines("from alembic import op", "from app.columns import audit_column", 'revision = "a2"', 'down_revision = "a1"', "def upgrade():", '    op.add_column("t", audit_column())'),
      "two/versions/b1_test.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "b1"',
        "down_revision = None",
        "def upgrade():",
        '    if "audit" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]:',
        '        op.create_index("ix_audit", "t", ["a", "id"])',
        "    else:",
        '        op.create_index("ix_a", "t", ["a"])',
      ),
    };
    const inv = await analyzeProject(project(files, ["one/versions", "two/versions"]), DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(
      inv.indexes.map((d) => `${d.name} ${d.effective ? "kept" : "skipped"} ${d.context.guards.filter((g) => g.undecided).length}`),
      ["ix_audit kept 1", "ix_a kept 1"],
    );
  });

  it("a table made by raw SQL has its columns known too; one whose columns are not all read (an element not written as a Column, a Column with no known name) does not", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "a1"',
        "down_revision = None",
        "NAME = None",
        "def upgrade():",
        '    op.execute("CREATE TABLE raw (id int PRIMARY KEY, a int)")',
        '    op.create_table("named", sa.Column("id", sa.Integer, primary_key=True), sa.Column(NAME, sa.Integer))',
        '    cols = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("raw")]',
        '    if "b" in cols:',
        '        op.create_index("ix_raw_b", "raw", ["b"])',
        '    if "x" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("named")]:',
        '        op.create_index("ix_named_x", "named", ["id"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_raw_b raw - skipped 11:9", "ix_named_x named - kept 13:9"]);
  });

  const undecided = (...body: string[]): Record<string, string> => ({
    "migrations/versions/a1_init.py": lines(
      "from alembic import op",
      "import sqlalchemy as sa",
      "from app.settings import AUDITED_TABLE, EXTRA_COLUMN_DDL",
      "from alembic.operations.ops import AddColumnOp",
      'revision = "a1"',
      "down_revision = None",
      "def upgrade():",
      '    op.create_table("parent", sa.Column("id", sa.Integer, primary_key=True), sa.Column("tenant", sa.Integer))',
      '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
      ...body.map((b) => `    ${b}`),
      '    if "c" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]:',
      '        op.create_index("ix_yes", "t", ["id"])',
      "    else:",
      '        op.create_index("ix_no", "t", ["a"])',
    ),
  });

  it("what may give a table a column replay does not see leaves the test undecided (both branches read)", async () => {
    const cases: [string, string[]][] = [
      ["a table made with INHERITS has its parent's columns too", ['op.create_table("t2", sa.Column("c", sa.Integer), postgresql_inherits="parent")', 'op.rename_table("t", "t0")', 'op.rename_table("t2", "t")']],
      ["quote= decides how PostgreSQL stores the name", ['op.add_column("t", sa.Column("C", sa.Integer, quote=False))']],
      ["SQL known only at run time", ['op.execute(f"ALTER TABLE t {EXTRA_COLUMN_DDL}")']],
      ["an add_column on a table not known statically", ['op.add_column(AUDITED_TABLE, sa.Column("c", sa.Integer))']],
      ["an operation object run by op.invoke", ['op.invoke(AddColumnOp("t", sa.Column("c", sa.Integer)))']],
      ["a list taken before a DROP TYPE … CASCADE", ['op.execute("CREATE TYPE mood AS ENUM (\'x\')")', 'op.add_column("t", sa.Column("c", sa.Enum("x", name="mood", create_type=False)))', 'cols = [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]', 'op.execute("DROP TYPE mood CASCADE")', 'if "c" in cols:', '    op.create_index("ix_stale", "t", ["a", "id"])']],
    ];
    for (const [why, body] of cases) {
      const inv = await analyzeAlembic(toolkit, undecided(...body));
      assert.deepEqual(
        indexRows(inv).filter((r) => r.startsWith("ix_yes") || r.startsWith("ix_no")).map((r) => r.split(" ").slice(0, 4).join(" ")),
        ["ix_yes t - kept", "ix_no t - kept"],
        why,
      );
    }
    // Decided where nothing of that kind ran.
    const inv = await analyzeAlembic(toolkit, undecided('op.add_column("t", sa.Column("c", sa.Integer))'));
    assert.deepEqual(indexRows(inv).map((r) => r.split(" ").slice(0, 4).join(" ")), ["ix_yes t - kept", "ix_no t - skipped"]);
  });

  it("a Table made with Table(...).create() is in its MetaData's schema: it does not change the columns of public's table of the name", async () => {
    const inv = await analyzeAlembic(toolkit, undecided('op.execute("CREATE SCHEMA s")', 'sa.Table("t", sa.MetaData(schema="s"), sa.Column("id", sa.Integer, primary_key=True), sa.Column("c", sa.Integer)).create(op.get_bind())'));
    assert.deepEqual(indexRows(inv).map((r) => r.split(" ").slice(0, 4).join(" ")), ["ix_yes t - skipped", "ix_no t - kept"]);
    assert.deepEqual(inv.constraints.map((c) => `${c.schema ?? "public"}.${c.name}`), ["public.parent_pkey", "public.t_pkey", "s.t_pkey"]);
  });

  it("an undecided test's guard comes after those read with the statement (an unread if inside it stays first); a constraint's ALTER TABLE IF EXISTS comes first", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from app.flags import FLAG",
        'revision = "a1"',
        "down_revision = None",
        "def upgrade():",
        "    inspector = sa.inspect(op.get_bind())",
        '    if inspector.has_table("other"):',
        "        if FLAG:",
        '            op.create_index("ix_other_a", "other", ["a"])',
        '        op.execute("ALTER TABLE IF EXISTS y ADD CONSTRAINT uq_y UNIQUE (b)")',
      ),
    });
    const ix = inv.indexes.find((d) => d.name === "ix_other_a")!;
    assert.equal(ix.context.guard, "FLAG");
    assert.deepEqual(ix.context.guards.map((g) => g.text), ["FLAG", 'inspector.has_table("other")']);
    assert.deepEqual(inv.constraints.map((c) => [c.name, c.guard?.text]), [["uq_y", "table y exists (ALTER TABLE IF EXISTS)"]]);
  });
});
