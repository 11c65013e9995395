import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { Chalk } from "chalk";
import { run } from "../src/cli.js";
import { formatListTable } from "../src/format/list.js";
import { createToolkit } from "../src/project/analyze.js";
import { fakeIo } from "./helpers/io.js";
import { writeProject } from "./helpers/project.js";
import { leftBehind } from "./helpers/answer-key.js";
import { analyzeAlembic, checkAlembic, constraintRows, dynamicRows, indexRows, lines } from "./helpers/alembic.js";
import { BATCH_RECREATE, DIALECT_CLASSES, EVERY_BRANCH_RETURNS, STATIC_IFS, UNDECIDED_IFS, INSPECTOR_EDGES, INSPECTOR_GUARDS, INSPECTOR_UNKNOWNS, MODE_BRANCHES, PRIMARY_KEY_DROPPED_BY_ASKED_NAME, PRIMARY_KEY_GUARDS, RETURN_IN_BRANCH, UNIQUE_CONSTRAINT_GUARDS } from "./helpers/alembic-branch-projects.js";

/**
 * Which code of upgrade() runs when `alembic upgrade` runs it on PostgreSQL,
 * connected to the database: Alembic's mode, a `return` inside a branch, and a
 * batch that copies the table. test/e2e/alembic-online.test.ts runs the same
 * projects with `alembic upgrade head` on a real PostgreSQL.
 */
const toolkit = createToolkit();


describe("Alembic: branches on the mode Alembic runs in", () => {
  it("context.is_offline_mode() and op.get_context().as_sql are false when the migrations run on the database: only the other branches are read", async () => {
    const inv = await analyzeAlembic(toolkit, MODE_BRANCHES);
    assert.deepEqual(indexRows(inv), ["ix_online t - kept 13:9", "ix_online2 t - kept 15:9", "ix_always t - kept 21:5"]);
  });
});

describe("Alembic: dialect tests besides the dialect's name", () => {
  it("isinstance(bind.dialect, <class of sqlalchemy.dialects>), a function returning the dialect's name, the URL's drivername and get_backend_name(), startswith: only the branches PostgreSQL takes are read", async () => {
    const inv = await analyzeAlembic(toolkit, DIALECT_CLASSES);
    assert.deepEqual(indexRows(inv), ["ix_pg_class t - kept 24:9", "ix_pg_name t - kept 28:9", "ix_pg_driver t - kept 30:9"]);
  });

  it("the name of a name assigned bind.engine or bind.dialect, compared with a module constant: only PostgreSQL's branch is read (an OpenStack revision's MySQL-only primary key)", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        'revision = "a1"',
        "down_revision = None",
        'MYSQL_ENGINE = "mysql"',
        "def upgrade():",
        "    engine = op.get_bind().engine",
        "    dialect = op.get_bind().dialect",
        "    if (engine.name == MYSQL_ENGINE):",
        '        op.create_index("ix_mysql", "t", ["a"])',
        '    if dialect.name != "postgresql":',
        '        op.create_index("ix_other", "t", ["b"])',
        "    else:",
        '        op.create_index("ix_pg", "t", ["b"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_pg t - kept 13:9"]);
  });

  it("is left undecided where PostgreSQL's answer depends on the driver: a driver's own class, a drivername equal to postgresql", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "from sqlalchemy.dialects.postgresql.psycopg2 import PGDialect_psycopg2",
        'revision = "a1"',
        "down_revision = None",
        "def upgrade():",
        "    bind = op.get_bind()",
        "    if isinstance(bind.dialect, PGDialect_psycopg2):",
        '        op.create_index("ix_psycopg2", "t", ["a"])',
        '    if bind.engine.url.drivername == "postgresql":',
        '        op.create_index("ix_plain_url", "t", ["b"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_psycopg2 t - kept 8:9", "ix_plain_url t - kept 10:9"]);
  });
});

describe("Alembic: an if the reader does not decide", () => {
  it("every branch is read, and each create there has the condition as its guard, marked undecided (list: may not run); after an undecided if …: return, its negation; a dialect test is no guard", async () => {
    const withElse = { "migrations/versions/a1_init.py": UNDECIDED_IFS["migrations/versions/a1_init.py"]!.replace('        op.create_index("ix_feature", "t", ["b"])\n', '        op.create_index("ix_feature", "t", ["b"])\n    else:\n        op.create_index("ix_no_feature", "t", ["a", "id"])\n') };
    const inv = await analyzeAlembic(toolkit, withElse);
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.effective, i.context.guard, i.context.guards.map((g) => g.undecided === true)]),
      [
        ["ix_pg", true, null, []],
        ["ix_feature", true, "feature_enabled()", [true]],
        ["ix_no_feature", true, "not (feature_enabled())", [true]],
        ["ix_small", true, "not (table_is_big(bind))", [true]],
      ],
    );
    const table = formatListTable(inv, new Chalk({ level: 0 }), { width: null, wide: true });
    assert.ok(table.includes("may not run: only if feature_enabled()"), table);
    assert.ok(table.includes("may not run: only if not (table_is_big(bind))"), table);
  });
});

/** A root revision's lines up to `def upgrade():`, importing os for the switches the reader does not decide. */
const OS_HEAD = ["import os", "from alembic import op", "import sqlalchemy as sa", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():"];

describe("Alembic: raw SQL under an if the reader does not decide", () => {
  it("op.execute, conn.execute and exec_driver_sql take the condition as their guard, as op.create_index does: listed as may not run, never as surely built", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...OS_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
        '    if os.environ.get("BIG_TABLES"):',
        '        op.create_index("ix_t_a_op", "t", ["a"])',
        '        op.execute("CREATE INDEX ix_t_a_sql ON t (a)")',
        '        op.get_bind().execute(sa.text("CREATE INDEX ix_t_a_bind ON t (a, id)"))',
        "    else:",
        '        op.get_bind().exec_driver_sql("ALTER TABLE t ADD CONSTRAINT uq_t_a UNIQUE (a)")',
        '    op.execute("CREATE INDEX ix_t_id_a ON t (id, a)")',
      ),
    });
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.effective, i.context.guard]),
      [
        ["ix_t_a_op", true, 'os.environ.get("BIG_TABLES")'],
        ["ix_t_a_sql", true, 'os.environ.get("BIG_TABLES")'],
        ["ix_t_a_bind", true, 'os.environ.get("BIG_TABLES")'],
        ["ix_t_id_a", true, null],
      ],
    );
    assert.deepEqual(
      inv.constraints.map((c) => [c.name, c.guard?.text ?? null]),
      [
        ["t_pkey", null],
        ["uq_t_a", 'not (os.environ.get("BIG_TABLES"))'],
      ],
    );
  });
});

describe("Alembic: elif chains the reader decides in part", () => {
  it("an elif or else runs only when each condition before it is false: the undecided ones are its guards, with its own; a dialect test decides, and is no guard", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...OS_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
        "    bind = op.get_bind()",
        '    if os.environ.get("FLAG"):',
        '        op.create_index("ix_flag", "t", ["a"])',
        '    elif bind.dialect.name == "postgresql":',
        '        op.create_index("ix_pg", "t", ["a", "id"])',
        "    else:",
        '        op.create_index("ix_other", "t", ["id"])',
        '    if bind.dialect.name == "sqlite":',
        '        op.create_index("ix_sqlite", "t", ["id", "a"])',
        '    elif os.environ.get("FLAG2"):',
        '        op.create_index("ix_flag2", "t", ["a"], unique=True)',
        '    if os.environ.get("FLAG3"):',
        '        op.create_index("ix_flag3", "t", ["id"], unique=True)',
        '    elif os.environ.get("FLAG4"):',
        '        op.create_index("ix_flag4", "t", ["a", "id"], unique=True)',
        "    else:",
        '        op.create_index("ix_none", "t", ["id", "a"], unique=True)',
      ),
    });
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.effective, i.context.guards.map((g) => `${g.text}${g.undecided === true ? "" : " (decided)"}`)]),
      [
        ["ix_flag", true, ['os.environ.get("FLAG")']],
        ["ix_pg", true, ['not (os.environ.get("FLAG"))']],
        ["ix_flag2", true, ['os.environ.get("FLAG2")']],
        ["ix_flag3", true, ['os.environ.get("FLAG3")']],
        ["ix_flag4", true, ['os.environ.get("FLAG4")', 'not (os.environ.get("FLAG3"))']],
        ["ix_none", true, ['not (os.environ.get("FLAG4"))', 'not (os.environ.get("FLAG3"))']],
      ],
    );
  });
});

describe("Alembic: a constraint under an if the reader does not decide", () => {
  it("has the condition as its guard (JSON), and the report says it may not run; a decided one has none", async () => {
    const revision = {
      "migrations/versions/a1_init.py": lines(
        ...OS_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
        '    if os.environ.get("FLAG"):',
        '        op.create_unique_constraint("uq_t_a", "t", ["a"])',
        '    if op.get_bind().dialect.name == "postgresql":',
        '        op.create_unique_constraint("uq_t_b", "t", ["b"])',
      ),
    };
    const inv = await analyzeAlembic(toolkit, revision);
    assert.deepEqual(
      inv.constraints.map((c) => [c.name, c.guard?.text ?? null, c.guard?.undecided === true]),
      [
        ["t_pkey", null, false],
        ["uq_t_a", 'os.environ.get("FLAG")', true],
        ["uq_t_b", null, false],
      ],
    );
    const dir = writeProject("ia-constraint-guard-", { "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": "", ...revision });
    const io = fakeIo(dir);
    assert.equal(await run(["report"], io), 0, io.err);
    const rows = io.out.split("\n").filter((l) => /^\| `(uq_t_a|uq_t_b)`/.test(l));
    assert.deepEqual(rows, [
      '| `uq_t_a` (may not run: only if `os.environ.get("FLAG")`) | UNIQUE | `t` | `(a)` | `migrations/versions/a1_init.py:12` |',
      "| `uq_t_b` | UNIQUE | `t` | `(b)` | `migrations/versions/a1_init.py:14` |",
    ]);
  });
});

describe("Alembic: a return inside a branch", () => {
  it("ends upgrade() when the branch PostgreSQL takes returns; when it is the branch PostgreSQL skips, or may not run, what follows is read", async () => {
    const inv = await analyzeAlembic(toolkit, RETURN_IN_BRANCH);
    assert.deepEqual(indexRows(inv), ["ix_after_ifs t - kept 14:5", "ix_pg t - kept 16:9"]);
  });

  it("after a branch that may not run (its condition is not known statically) and returns, what follows is read: it may run", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        'revision = "a1"',
        "down_revision = None",
        "def upgrade():",
        "    if op.get_bind().info.get('skip'):",
        '        op.create_index("ix_maybe", "t", ["b"])',
        "        return",
        '    op.create_index("ix_after", "t", ["a"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_maybe t - kept 6:9", "ix_after t - kept 8:5"]);
  });

  it("an if/else whose every branch returns ends upgrade() too; one that raises in the branch taken does", async () => {
    const inv = await analyzeAlembic(toolkit, EVERY_BRANCH_RETURNS);
    assert.deepEqual(indexRows(inv), ["ix_other t - kept 14:9"]);
  });
});

describe("Alembic: a batch that copies the table", () => {
  it('batch_alter_table(recreate="always") is dynamic (its indexes are rebuilt from a reflection of the live table); its operations are still read, and "auto" is not', async () => {
    const inv = await analyzeAlembic(toolkit, BATCH_RECREATE);
    assert.deepEqual(indexRows(inv), ["ix_t_a t - dropped 10:5", "ix_t_b t - kept 12:9", "ix_t_ab t - kept 16:9"]);
    assert.deepEqual(constraintRows(inv), ["primary key t_pkey t(id) kept 9:26", "unique uq_t_ab t(a,b) kept 14:9"]);
    assert.deepEqual(dynamicRows(inv), [
      'a1_init.py:11 batch_alter_table(recreate="always") copies the table from what SQLAlchemy reflects of it in the live database (Alembic refuses it with --sql): indexes it cannot reflect, such as expression indexes, are not rebuilt, so which indexes the table keeps is not known statically',
    ]);
  });

  it('with copy_from=, the new table is built from the Table given: dynamic too, for another reason', async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "a1"',
        "down_revision = None",
        "def upgrade():",
        '    copy = sa.Table("t", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
        '    with op.batch_alter_table("t", recreate="always", copy_from=copy) as batch_op:',
        '        batch_op.create_index("ix_t_a", ["a"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 8:9"]);
    assert.deepEqual(dynamicRows(inv), [
      'a1_init.py:7 batch_alter_table(recreate="always", copy_from=...) builds a new table from the Table it is given and renames it into place (an unnamed key is named after the temporary table, _alembic_tmp_<table>_pkey): which indexes the table keeps is not read',
    ]);
  });
});

describe("Alembic: revisions that ask SQLAlchemy's inspector what the database holds", () => {
  it("get_unique_constraints lists UNIQUE constraints only: a plain or unique index of the name is not there, so the drop it guards is skipped", async () => {
    const inv = await analyzeAlembic(toolkit, UNIQUE_CONSTRAINT_GUARDS);
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(leftBehind(inv), ["public.ix_t_b", "public.t_pkey", "public.ux_t_c"]);
  });

  it("get_pk_constraint: a table with a primary key of any name gets no second one; a table without gets one", async () => {
    const inv = await analyzeAlembic(toolkit, PRIMARY_KEY_GUARDS);
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(indexRows(inv), ["ix_spares_a spares - kept 15:9", "ix_spares_never spares - skipped 17:9"]);
    assert.deepEqual(leftBehind(inv), ["public.ix_spares_a", "public.pk_bare", "public.spares_pkey"]);
  });

  it("drop_constraint of the name get_pk_constraint gives drops the table's primary key, whatever replay calls it; a name asked of another table is said", async () => {
    const inv = await analyzeAlembic(toolkit, PRIMARY_KEY_DROPPED_BY_ASKED_NAME);
    assert.deepEqual(inv.errors, []);
    assert.deepEqual(inv.dynamic, []);
    assert.deepEqual(leftBehind(inv), ["public.other_pkey", "public.pk_bindings", "public.pool_pkey"]);
    const other = await analyzeAlembic(toolkit, {
      ...PRIMARY_KEY_DROPPED_BY_ASKED_NAME,
      "migrations/versions/a2_keys.py": PRIMARY_KEY_DROPPED_BY_ASKED_NAME["migrations/versions/a2_keys.py"]!.replace('get_pk_constraint("pool")', 'get_pk_constraint("other")'),
    });
    assert.deepEqual(dynamicRows(other), ["a2_keys.py:13 the constraint or its table is not known statically"]);
    // Two keys replay holds for one table (branches of an undecided if, one of which ran): the drop takes the one there was.
    const either = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "import os",
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "a1"',
        "down_revision = None",
        "",
        "def upgrade():",
        '    op.create_table("t", sa.Column("id", sa.Integer, nullable=False), sa.Column("b", sa.Integer, nullable=False))',
        '    if os.environ.get("BY_B"):',
        '        op.create_primary_key("pk_b", "t", ["b"])',
        "    else:",
        '        op.create_primary_key("pk_id", "t", ["id"])',
        '    name = sa.inspect(op.get_bind()).get_pk_constraint("t")["name"]',
        '    op.drop_constraint(name, "t", type_="primary")',
      ),
    });
    assert.deepEqual(leftBehind(either), []);
  });

  it("get_pk_constraint after a primary key dropped under an if replay cannot decide: not known, both branches run", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines("from alembic import op", "import sqlalchemy as sa", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():", '    op.create_table("keyed", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'),
      "migrations/versions/a2_maybe.py": lines(
        "import os",
        "",
        "from alembic import op",
        "import sqlalchemy as sa",
        "",
        'revision = "a2"',
        'down_revision = "a1"',
        "",
        "",
        "def upgrade():",
        '    if os.environ.get("DROP_KEY"):',
        '        op.drop_constraint("keyed_pkey", "keyed", type_="primary")',
        '    if sa.inspect(op.get_bind()).get_pk_constraint("keyed")["name"]:',
        '        op.create_index("ix_keyed_a", "keyed", ["a"])',
        "    else:",
        '        op.create_index("ix_keyed_id", "keyed", ["id"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_keyed_a keyed - kept 14:9", "ix_keyed_id keyed - kept 16:9"]);
  });

  it("replay decides each test as the database is then: a create whose test fails made nothing (skipped), the other branch runs", async () => {
    const inv = await analyzeAlembic(toolkit, INSPECTOR_GUARDS);
    assert.deepEqual(indexRows(inv), [
      "ix_t_a t - kept 9:5",
      "ix_t_a t - skipped 12:9",
      "ix_t_b t - kept 14:9",
      "ix_audit_at audit - kept 16:81",
      "ix_t_c t - kept 18:9",
      "ix_never t - skipped 20:9",
      "ix_t_ab t - kept 22:9",
      "ix_ghost ghost - skipped 24:9",
      "ix_t_bc t - kept 26:9",
      "ix_unreached t - skipped 11:5",
      "ix_t_a t - skipped 14:5",
      "ix_t_ac t - kept 15:5",
      "ix_t_ac t - skipped 16:5",
      "ix_n_a n - kept 12:13",
    ]);
    // Written to be skipped: no duplicate-index-name; and a skipped create blocks no writes.
    const skipped = new Set(inv.indexes.filter((d) => d.skipped).map((d) => `${d.location.file}:${d.location.line}`));
    const found = (await checkAlembic(toolkit, INSPECTOR_GUARDS)).map((d) => `${d.rule} ${d.index ?? ""} ${d.file}:${d.line}`);
    assert.equal(skipped.size, 6);
    assert.deepEqual(found.filter((f) => f.startsWith("duplicate-index-name") || skipped.has(f.slice(f.lastIndexOf(" ") + 1))), []);
    // Not vacuous: the creates that ran have their findings.
    assert.ok(found.includes("index-not-concurrent ix_t_ac migrations/versions/a4_helper.py:15"), found.join("\n"));
  });

  it("a question asked again of the same inspector after a statement that may change its answer, or about a table no statement read makes or drops, is not decided: every branch is read, as before", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from sqlalchemy import inspect",
        'revision = "a1"',
        "down_revision = None",
        "def upgrade():",
        "    inspector = inspect(op.get_bind())",
        '    if not inspector.has_table("t"):',
        '        op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
        '    if inspector.has_table("t"):',
        '        op.create_index("ix_cached_no", "t", ["a"])',
        "    else:",
        '        op.create_index("ix_cached_yes", "t", ["a", "id"])',
        '    tables = inspector.get_table_names()',
        '    op.create_table("u", sa.Column("id", sa.Integer, primary_key=True))',
        '    if "u" not in tables:',
        '        op.create_index("ix_snapshot", "u", ["id"])',
        '    if "w" not in tables:',
        '        op.create_index("ix_untouched", "t", ["id"])',
        '    if op.get_bind().info.get("x") and inspector.has_table("t"):',
        '        op.create_index("ix_unknown", "t", ["id", "a"])',
        '    if inspector.has_table("legacy"):',
        '        op.create_index("ix_legacy", "legacy", ["id"])',
        "    else:",
        '        op.create_index("ix_no_legacy", "t", ["id", "a", "id2"])',
      ),
    });
    // legacy: no statement read makes, drops or renames it, so whether it is there is not known (it may predate the revisions).
    assert.deepEqual(indexRows(inv), ["ix_cached_no t - kept 11:9", "ix_cached_yes t - kept 13:9", "ix_snapshot u - kept 17:9", "ix_untouched t - kept 19:9", "ix_unknown t - kept 21:9", "ix_legacy legacy - kept 23:9", "ix_no_legacy t - kept 25:9"]);
    // A test replay reads but cannot answer is the guard the statement may not run under (list's "may not run").
    const guards = new Map(inv.indexes.map((d) => [d.name, d.context.guards.filter((g) => g.undecided).map((g) => g.text)]));
    assert.deepEqual(guards.get("ix_legacy"), ['inspector.has_table("legacy")']);
    assert.deepEqual(guards.get("ix_no_legacy"), ['not (inspector.has_table("legacy"))']);
    assert.deepEqual(guards.get("ix_untouched"), ['"w" not in tables']);
  });

  it("index DDL replay cannot read leaves the index tests after it undecided (it may have made or dropped the index asked about); those before it stay decided", async () => {
    const asks = (rev: string, down: string | null, name: string, ...first: string[]): string =>
      lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from app.names import index_name",
        `revision = "${rev}"`,
        `down_revision = ${down === null ? "None" : `"${down}"`}`,
        "def upgrade():",
        ...first.map((l) => `    ${l}`),
        `    if "${name}" not in [i["name"] for i in sa.inspect(op.get_bind()).get_indexes("t")]:`,
        `        op.create_index("${name}", "t", ["a"])`,
      );
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": asks("a1", null, "ix_before", 'op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'),
      "migrations/versions/a2_unread.py": lines("from alembic import op", "from app.names import index_name", 'revision = "a2"', 'down_revision = "a1"', "def upgrade():", '    op.create_index(index_name("t"), "t", ["a", "id"])'),
      "migrations/versions/a3_after.py": asks("a3", "a2", "ix_after"),
    });
    assert.deepEqual(dynamicRows(inv).length, 1);
    assert.deepEqual(indexRows(inv), ["ix_before t - kept 9:9", "ix_after t - kept 8:9"]);
    const guards = new Map(inv.indexes.map((d) => [d.name, d.context.guards.filter((g) => g.undecided).length]));
    assert.deepEqual([...guards], [["ix_before", 0], ["ix_after", 1]]);
  });

  it("SQL known only at run time without the words of index DDL (ALTER TABLE t {clause}) may still add a constraint: the tests after it are undecided, with no finding", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines("from alembic import op", "import sqlalchemy as sa", 'revision = "a1"', "down_revision = None", "def upgrade():", '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'),
      "migrations/versions/a2_clause.py": lines("from alembic import op", "from app.ddl import clause", 'revision = "a2"', 'down_revision = "a1"', "def upgrade():", '    op.execute(f"ALTER TABLE t {clause()}")'),
      "migrations/versions/a3_test.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "a3"',
        'down_revision = "a2"',
        "def upgrade():",
        '    if "uq_t_a" not in [u["name"] for u in sa.inspect(op.get_bind()).get_unique_constraints("t")]:',
        '        op.create_unique_constraint("uq_t_a", "t", ["a"])',
      ),
    });
    assert.deepEqual(inv.dynamic, []);
    const uq = inv.constraints.find((c) => c.name === "uq_t_a")!;
    assert.equal(uq.effective, true);
    assert.equal(uq.guard?.undecided, true);
  });

  it("a test of whether a table is there is undecided after something unread that may make, drop or rename a table (SQL, drop_table of a name known only at run time, DROP TABLE {name}), not after an index operation of a name known only at run time", async () => {
    const project = (unread: string): Record<string, string> => ({
      "migrations/versions/a1_init.py": lines("from alembic import op", "import sqlalchemy as sa", 'revision = "a1"', "down_revision = None", "def upgrade():", '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'),
      "migrations/versions/a2_unread.py": lines("from alembic import op", "import sqlalchemy as sa", "from app.names import get_sql, name", "from app.helpers import create_index", "from app import shop", 'revision = "a2"', 'down_revision = "a1"', "def upgrade():", `    ${unread}`),
      "migrations/versions/a3_test.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "a3"',
        'down_revision = "a2"',
        "def upgrade():",
        '    if sa.inspect(op.get_bind()).has_table("t"):',
        '        op.create_index("ix_t_a", "t", ["a"])',
        "    else:",
        '        op.create_index("ix_never", "t", ["id"])',
      ),
    });
    const rows = async (unread: string): Promise<string[]> => {
      const inv = await analyzeAlembic(toolkit, project(unread));
      assert.equal(inv.dynamic.length, 1, unread);
      return inv.indexes.map((d) => `${d.name} ${d.effective ? "kept" : "skipped"} ${d.context.guards.filter((g) => g.undecided).length}`);
    };
    // A helper whose code is not read may drop a table, whatever it is called.
    for (const unread of ["op.execute(get_sql())", "op.drop_table(name())", 'op.rename_table(name(), "t2")', 'create_index("t")', 'shop.create_index("t")', 'op.execute(f"DROP TABLE {name()}")', 'op.execute(f"ALTER TABLE {name()} RENAME TO t_old")'])
      assert.deepEqual(await rows(unread), ["ix_t_a kept 1", "ix_never kept 1"], unread);
    // A table made (or dropped) after it is known again.
    assert.deepEqual(await rows('op.execute(get_sql())\n    op.drop_table("t")\n    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))'), ["ix_t_a kept 0", "ix_never skipped 0"]);
    for (const unread of ['op.create_index(name(), "t", ["a"])', 'op.drop_index(name(), table_name="t")'])
      assert.deepEqual(await rows(unread), ["ix_t_a kept 0", "ix_never skipped 0"], unread);
  });

  it("an if/else and an if …: return are answered once for both branches; an expression index, a materialized view or an inspector asked again leave the test undecided", async () => {
    const inv = await analyzeAlembic(toolkit, INSPECTOR_EDGES);
    assert.deepEqual(indexRows(inv), [
      "ix_t_lower t - kept 13:17",
      "ix_u_a u - skipped 11:9",
      "ix_t_other t - kept 13:9",
      "ix_t_mv t - kept 15:9",
      "ix_q t - kept 18:9",
      "ix_q3 t - kept 20:9",
      "ix_v_a v - skipped 11:5",
    ]);
  });

  it("the report's index table holds no index a test kept from being built; list says why each skipped create made nothing", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ia-inspector-report-"));
    try {
      const again = lines("from alembic import op", 'revision = "a6"', 'down_revision = "a5"', "def upgrade():", '    op.create_index("ix_t_a", "t", ["a"], if_not_exists=True)');
      const files: Record<string, string> = { "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": "", ...INSPECTOR_GUARDS, "migrations/versions/a6_again.py": again };
      for (const [path, text] of Object.entries(files)) {
        mkdirSync(dirname(join(dir, path)), { recursive: true });
        writeFileSync(join(dir, path), text);
      }
      const io = fakeIo(dir);
      assert.equal(await run(["report"], io), 0, io.err);
      for (const never of ["ix_never", "ix_ghost", "ix_unreached"]) assert.ok(!io.out.includes(never), `${never} in the report`);
      assert.ok(io.out.includes("ix_t_c"));
      const list = fakeIo(dir);
      assert.equal(await run(["list"], list), 0, list.err);
      const note = (location: string): string | undefined => list.out.split("\n").find((l) => l.startsWith(location))?.trimEnd().split(/\s{2,}/).at(-1);
      assert.equal(note("migrations/versions/a2_guards.py:20:9"), "skipped: its revision's test of the database was false");
      assert.equal(note("migrations/versions/a6_again.py:5:5"), "skipped: IF NOT EXISTS found the name taken");
      assert.equal(note("migrations/versions/a2_guards.py:18:9"), "migration");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("decides nothing replay cannot know: a key that took an index over, what a statement that may not have run changed, a changed search_path, what create_all() built; a Table(...).create() is read and decides", async () => {
    const inv = await analyzeAlembic(toolkit, INSPECTOR_UNKNOWNS);
    const rows = indexRows(inv).filter((r) => !r.startsWith("ix_t_lower"));
    // Every create is read as if it ran, none skipped (w's go with the DROP TABLE of the unread `if`, as before).
    assert.deepEqual(rows, ["ix_u_a u - kept 12:9", "w_pk w unique dropped 9:17", "ix_w_a w - dropped 12:9", "ix_v_a v - kept 11:9", "ix_w_id w - kept 15:9", "ix_t_ab2 t - kept 10:9", "ix_t_b2 t - kept 12:9"]);
    assert.deepEqual(dynamicRows(inv).map((d) => d.slice(0, d.indexOf(" "))), ["a6_create_all.py:10"]);
    assert.ok(constraintRows(inv).includes("primary key u_pkey u(id) kept 8:34"), constraintRows(inv).join("\n"));
  });
});

describe("Alembic: ifs and loop control decided by values known statically", () => {
  it("an if on a loop variable or a module constant (==, in, not in, is None) reads only the branch taken; continue and break end the turn or the loop", async () => {
    const inv = await analyzeAlembic(toolkit, STATIC_IFS);
    assert.deepEqual(indexRows(inv), [
      "ix_alpha_only alpha - kept 15:13",
      "ix_alpha_kept alpha - kept 18:9",
      "ix_alpha_in alpha - kept 21:13",
      "ix_beta_else beta - kept 25:13",
      "ix_alpha_after alpha unique kept 27:9",
      "ix_alpha_pg alpha - kept 37:9",
    ]);
    assert.deepEqual(inv.indexes.map((i) => i.context.guard), [null, null, null, null, null, null]);
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("an if the reader cannot decide that continues guards what follows in the turn", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...OS_HEAD.slice(1),
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.Integer))',
        '    for col in ["id", "x"]:',
        "        if feature_enabled(col):",
        "            continue",
        '        op.create_index(f"ix_t_{col}", "t", [col])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_id t - kept 13:9", "ix_t_x t - kept 13:9"]);
    assert.deepEqual(inv.indexes.map((i) => i.context.guard), ["not (feature_enabled(col))", "not (feature_enabled(col))"]);
  });
});
