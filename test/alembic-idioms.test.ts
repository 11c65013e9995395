import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { readSourceFiles, trackedTree } from "../src/project/sources.js";
import { LIMITS } from "../src/python/limits.js";
import { analyzeAlembic, constraintRows, dynamicRows, indexRows, lines, REVISION_HEAD } from "./helpers/alembic.js";
import { LOOP_DATA, STATIC_IFS } from "./helpers/alembic-branch-projects.js";
import { OP_FUNCTIONS_FORMS, OP_FUNCTIONS_IMPORTED } from "./helpers/alembic-helper-projects.js";

const toolkit = createToolkit();


describe("Alembic: op's functions imported by name", () => {
  it("from alembic.op import create_index (also as another name, f among them): each call is that operation, as op.<name>(...) is", async () => {
    const inv = await analyzeAlembic(toolkit, OP_FUNCTIONS_IMPORTED);
    assert.deepEqual(indexRows(inv), ["ix_t_a t - dropped 10:5", "ix_t_b t - dropped 11:5", "ix_t_ab t - dropped 12:5", "ix_t_ba t - kept 13:14", "ix_t_batch t - kept 9:9"]);
    assert.deepEqual(constraintRows(inv), ["primary key t_pkey t(id) kept 9:23", "unique uq_t_b t(b) kept 11:5"]);
    assert.deepEqual(dynamicRows(inv), []);
    // The drop in autocommit_block() runs outside the transaction.
    assert.deepEqual((inv.steps ?? []).filter((s) => s.concurrently).map((s) => [s.name, s.transaction]), [["ix_t_ab", false]]);
  });
});

describe("Alembic: op's functions imported by name, in other forms", () => {
  it("imported inside upgrade(), with import *, batch_alter_table renamed, held in a name; one in a lambda said; a name the function binds otherwise is not op's; a name held from f(...) stays final", async () => {
    const inv = await analyzeAlembic(toolkit, OP_FUNCTIONS_FORMS);
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 7:5", "ix_t_b t - kept 5:5", "ix_t_ab t - kept 7:9", "ix_t_ba t - kept 8:9", "ix_t_id_a t - kept 10:5"]);
    assert.deepEqual(constraintRows(inv), ["primary key t_pkey t(id) kept 6:23", "unique final_a t(a) kept 12:5", "unique uq_t_b t(b) kept 13:5"]);
    assert.deepEqual(dynamicRows(inv), ["a3_names.py:14 an operation inside a lambda runs when something calls the lambda: when and how often is not read"]);
  });
});

describe("Alembic: names a nested function assigns", () => {
  it("are its own: they neither hide an op function the outer function calls nor make the outer name final", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/env.py": lines(
        "import sqlalchemy as sa",
        "from alembic import context",
        'target_metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(constraint_name)s"})',
        'context.configure(url="postgresql://", literal_binds=True, target_metadata=target_metadata)',
      ),
      "migrations/versions/a1_init.py": lines(
        "import sqlalchemy as sa",
        "from alembic import op",
        "from alembic.op import create_index",
        'revision = "a1"',
        "down_revision = None",
        'name = "b"',
        "def upgrade():",
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
        "    def unused():",
        "        create_index = None",
        '        name = op.f("keep_a")',
        '    create_index("ix_t_a", "t", ["a"])',
        '    op.create_unique_constraint(name, "t", ["b"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 12:5"]);
    assert.deepEqual(constraintRows(inv), ["primary key t_pkey t(id) kept 8:26", "unique uq_t_b t(b) kept 13:5"]);
  });
});

describe("Alembic: functools.partial of one of op's methods", () => {
  it("a call through it is said: the arguments the partial binds are not read", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(...REVISION_HEAD, "    import functools", '    ix = functools.partial(op.create_index, table_name="t")', '    ix("ix_t_a", columns=["a"])'),
    });
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:11 ix holds functools.partial of one of op's methods: the arguments it binds are not read"]);
  });
});

describe("Alembic: keys that PostgreSQL merges in one CREATE TABLE", () => {
  it("a Column(unique=True) or UniqueConstraint on the primary key's columns builds nothing; the primary key may take its name", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("registered_models", sa.Column("name", sa.String(256), unique=True), sa.PrimaryKeyConstraint("name", name="registered_model_pk"))',
        '    op.create_table("tags", sa.Column("key", sa.String(250), primary_key=True, unique=True))',
        '    op.create_table("params", sa.Column("key", sa.String), sa.Column("run", sa.String), sa.PrimaryKeyConstraint("key", "run", name="param_pk"), sa.UniqueConstraint("key", "run", name="param_uq"), sa.UniqueConstraint("run", "key", name="param_uq_rev"))',
        '    op.create_table("b", sa.Column("id", sa.Integer, primary_key=True), sa.UniqueConstraint("id", name="b_id_named"))',
      ),
    });
    assert.deepEqual(constraintRows(inv), [
      "primary key registered_model_pk registered_models(name) kept 9:90",
      "primary key tags_pkey tags(key) kept 10:29",
      "primary key param_pk params(key,run) kept 11:89",
      "unique param_uq_rev params(run,key) kept 11:197",
      "primary key b_id_named b(id) kept 12:26",
    ]);
  });

  it("of two UNIQUEs on the same columns the first SQLAlchemy writes is kept: the table's own before a Column's unique=True", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/env.py": lines("import sqlalchemy as sa", 'target_metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s"})'),
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        "    op.create_table(",
        '        "experiments",',
        '        sa.Column("id", sa.Integer, primary_key=True),',
        '        sa.Column("name", sa.String(256), unique=True),',
        '        sa.UniqueConstraint("name", name="experiments_name_explicit"),',
        '        sa.Column("slug", sa.String(256), unique=True),',
        '        sa.UniqueConstraint("slug", "name"),',
        "    )",
        '    op.add_column("experiments", sa.Column("code", sa.String(10), unique=True))',
      ),
    });
    assert.deepEqual(constraintRows(inv), [
      "primary key experiments_pkey experiments(id) kept 11:9",
      "unique experiments_name_explicit experiments(name) kept 13:9",
      "unique uq_experiments_slug experiments(slug) kept 14:9",
      "unique uq_experiments_slug experiments(slug,name) kept 15:9",
      "unique uq_experiments_code experiments(code) kept 17:34",
    ]);
    assert.deepEqual(indexRows(inv), []);
  });
});

describe("Alembic: helpers imported from the project's modules", () => {
  const table = '    op.create_table("report", sa.Column("id", sa.Integer, primary_key=True), sa.Column("owner_id", sa.Integer), sa.Column("name", sa.String(50)))';

  it("a helper a sibling module defines is read there, with its own op and constants, and reported at the revision's call", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/env.py": "",
      "migrations/__init__.py": "",
      "migrations/utils.py": lines(
        "from alembic import op as alembic_op",
        "",
        'PREFIX = "ix"',
        "",
        "",
        "def create_index_if_missing(name, table, columns, unique=False):",
        "    alembic_op.create_index(name, table, columns, unique=unique)",
        "",
        "",
        "def add_fk_and_index(table, column, ref):",
        '    alembic_op.create_index(f"{PREFIX}_{table}_{column}", table, [column])',
      ),
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from migrations.utils import create_index_if_missing, add_fk_and_index as fk_index",
        'revision = "a1"',
        "down_revision = None",
        "",
        "def upgrade():",
        table,
        '    create_index_if_missing("ix_report_name", "report", ["name"], unique=True)',
        '    fk_index("report", "owner_id", "user")',
        "    from migrations.utils import add_fk_and_index as local_index",
        '    local_index("report", "id", "user")',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_report_name report unique kept 9:5", "ix_report_owner_id report - kept 10:5", "ix_report_id report - kept 12:5"]);
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("a helper from a module not in the project is said where it is called for what it does; a value it returns is not", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from sqlalchemy import text",
        "from airflow.migrations.utils import mssql_drop_unique, get_mssql_table_constraints",
        'revision = "a1"',
        "down_revision = None",
        "",
        "def upgrade():",
        table,
        '    mssql_drop_unique("report", "ix_report_name")',
        '    constraints = get_mssql_table_constraints(op.get_bind(), "report")',
        '    op.execute(text("CREATE INDEX ix_report_owner ON report (owner_id)"))',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_report_owner report - kept 12:22"]);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:10 mssql_drop_unique() is imported from airflow.migrations.utils, which is not among the project modules read: what it does is not read"]);
  });

  it("such a call in a loop is said once, however many turns the loop is read for (networking-sfc's foreign keys)", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "from neutron.db import migration",
        'revision = "a1"',
        "down_revision = None",
        "",
        "def upgrade():",
        '    for table, column in {"a": "x", "b": "y", "c": "z"}.items():',
        "        migration.remove_foreign_keys(table, column)",
        '    op.create_index("ix_a_x", "a", ["x"])',
      ),
    });
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:8 migration.remove_foreign_keys() is in neutron.db.migration, which is not among the project modules read: what it does is not read"]);
    // Two such calls in one helper are two findings, both at the helper's call.
    const helper = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "from app.naming import index_name",
        'revision = "a1"',
        "down_revision = None",
        "",
        "def _indexes(t, cols):",
        "    op.create_index(index_name(t, cols[0]), t, [cols[0]])",
        "    op.create_index(index_name(t, cols[1]), t, [cols[1]])",
        "",
        "def upgrade():",
        '    _indexes("a", ["x", "y"])',
      ),
    });
    assert.deepEqual(
      helper.dynamic.map((d) => `${d.line} ${d.template}`),
      ["11 op.create_index(index_name(t, cols[0]), t, [cols[0]])", "11 op.create_index(index_name(t, cols[1]), t, [cols[1]])"],
    );
  });
});

describe("Alembic: constants imported from the project's modules", () => {
  it("a table, name or column list a revision imports from a project module is known", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/__init__.py": "",
      "migrations/constants.py": lines('TABLE = "dashboard_slices"', 'UQ_NAME = "uq_dashboard_slice"', 'COLUMNS = ["dashboard_id", "slice_id"]'),
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "from migrations.constants import TABLE, UQ_NAME, COLUMNS",
        'revision = "a1"',
        "down_revision = None",
        "def upgrade():",
        '    op.create_table(TABLE, sa.Column("id", sa.Integer, primary_key=True), sa.Column("dashboard_id", sa.Integer), sa.Column("slice_id", sa.Integer))',
        "    op.create_unique_constraint(UQ_NAME, TABLE, COLUMNS)",
        '    op.create_index(f"ix_{TABLE}_slice_id", TABLE, ["slice_id"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_dashboard_slices_slice_id dashboard_slices - kept 9:5"]);
    assert.deepEqual(constraintRows(inv), ["primary key dashboard_slices_pkey dashboard_slices(id) kept 7:28", "unique uq_dashboard_slice dashboard_slices(dashboard_id,slice_id) kept 8:5"]);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: the modules the revisions import", () => {
  it("are read once each, up to a budget whose end is said", () => {
    const files: Record<string, string> = {
      "migrations/env.py": "from app import conventions\n",
      "app/conventions.py": "",
      "migrations/versions/a1_a.py": lines("from alembic import op", "from app import conventions", ...Array.from({ length: LIMITS.helperModules + 2 }, (_, k) => `from app.h${k} import f${k}`), 'revision = "a1"'),
      "migrations/versions/b2_b.py": lines("from app.h0 import f0", "from app.missing import g", 'revision = "b2"'),
    };
    for (let k = 0; k < LIMITS.helperModules + 2; k++) files[`app/h${k}.py`] = `def f${k}(): pass\n`;
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
    assert.equal(input.kind, "alembic");
    // env.py's own module is read there, not twice.
    assert.deepEqual(input.helpers?.map((f) => f.path), Array.from({ length: LIMITS.helperModules }, (_, k) => `app/h${k}.py`));
    assert.deepEqual(input.limits, [{ path: "migrations/versions/a1_a.py", message: "limit helperModules (50 project modules read from the revisions' imports for their helpers) reached: 2 more imported modules are not read; a helper defined there is said, not followed" }]);
  });
});

describe("Alembic: while loops", () => {
  it("a while loop's body may not run: its operations have the condition as a guard; while True runs it; an else runs surely unless the body breaks; a name the loop assigns again is not known", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
        "    conn = op.get_bind()",
        '    while conn.execute(sa.text("SELECT count(*) FROM t WHERE a IS NULL")).scalar():',
        '        op.create_index("ix_t_a", "t", ["a"])',
        "        break",
        "    else:",
        '        op.create_index("ix_t_a_else", "t", ["a", "id"])',
        "    while True:",
        '        op.create_index("ix_t_b", "t", ["b"])',
        "        break",
        "    else:",
        '        op.create_index("ix_t_never", "t", ["b", "id"])',
        "    while conn.execute(sa.text(\"SELECT 1\")).scalar():",
        "        pass",
        "    else:",
        '        op.create_index("ix_t_ends", "t", ["id", "b"])',
        "    i = 0",
        "    while i < 2:",
        '        op.create_index(f"ix_t_{i}", "t", ["id"])',
        "        i += 1",
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 12:9", "ix_t_a_else t - kept 15:9", "ix_t_b t - kept 17:9", "ix_t_ends t - kept 24:9"]);
    assert.deepEqual(
      inv.indexes.map((d) => d.context.guards.map((g) => `${g.text}${g.undecided ? " (undecided)" : ""}`).join("; ")),
      ['conn.execute(sa.text("SELECT count(*) FROM t WHERE a IS NULL")).scalar() (undecided)', 'not (conn.execute(sa.text("SELECT count(*) FROM t WHERE a IS NULL")).scalar()) (undecided)', "", ""],
    );
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:27 its name, table or columns are not known statically"]);
  });

  it("a while body is read as a block: a break decided (online, not offline) or not ends what follows it; an else after a body that may return is not sure to run; a list appended to in the body is not known", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import context",
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
        "    conn = op.get_bind()",
        "    while True:",
        "        if not context.is_offline_mode():",
        "            break",
        '        op.create_index("ix_t_offline", "t", ["a"])',
        "    while True:",
        "        if conn.dialect.server_version_info < (12,):",
        "            break",
        '        op.create_index("ix_t_pg12", "t", ["b"])',
        "        break",
        "    n = 0",
        "    while n < 3:",
        "        n += 1",
        "        if n == 2:",
        "            return",
        "    else:",
        '        op.create_index("ix_t_else", "t", ["a", "b"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_pg12 t - kept 19:9", "ix_t_else t - kept 27:9"]);
    assert.deepEqual(
      inv.indexes.map((d) => d.context.guards.map((g) => `${g.text}${g.undecided ? " (undecided)" : ""}`).join("; ")),
      ["not (conn.dialect.server_version_info < (12,)) (undecided)", "not (n < 3) (undecided)"],
    );
    const appended = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True))',
        "    cols = []",
        "    while len(cols) < 2:",
        '        cols.append(sa.Column("c%d" % len(cols), sa.Integer, index=True))',
        "    for col in cols:",
        '        op.add_column("t", col)',
      ),
    });
    assert.deepEqual(indexRows(appended), []);
    assert.deepEqual(dynamicRows(appended), ["a1_init.py:14 the column is not written here as a Column(...): an index or constraint it makes is not read"]);
  });

  it("a for loop over what the reader cannot list: its else runs (replay no longer sure of it when the body breaks)", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
        "    conn = op.get_bind()",
        '    for row in conn.execute(sa.text("SELECT id FROM t")):',
        "        pass",
        "    else:",
        '        op.create_index("ix_t_a", "t", ["a"])',
        '    for row in conn.execute(sa.text("SELECT id FROM t")):',
        "        break",
        "    else:",
        '        op.create_index("ix_t_id_a", "t", ["id", "a"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 14:9", "ix_t_id_a t - kept 18:9"]);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: operations in a conditional expression or a lambda", () => {
  it("a if condition else b runs the side a dialect test or a value known statically picks, else both under undecided guards; an operation in a lambda is said", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "import os",
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
        '    op.create_index("ix_t_pg", "t", ["a"]) if op.get_bind().dialect.name == "postgresql" else op.create_index("ix_t_other", "t", ["a"])',
        "    names = []",
        '    op.create_index("ix_t_names", "t", ["b"]) if names else op.create_index("ix_t_no_names", "t", ["b"])',
        '    flag = os.environ.get("WITH_AB")',
        '    op.create_index("ix_t_ab", "t", ["a", "b"]) if flag else op.create_index("ix_t_ba", "t", ["b", "a"])',
        '    list(map(lambda c: op.create_index("ix_t_" + c + "_id", "t", [c, "id"]), ["a", "b"]))',
        '    ordered = sorted(["b", "a"], key=lambda c: c)',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_pg t - kept 11:5", "ix_t_no_names t - kept 13:61", "ix_t_ab t - kept 15:5", "ix_t_ba t - kept 15:62"]);
    assert.deepEqual(
      inv.indexes.map((d) => d.context.guards.map((g) => `${g.text}${g.undecided ? " (undecided)" : ""}`).join("; ")),
      ["", "", "flag (undecided)", "not (flag) (undecided)"],
    );
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:16 an operation inside a lambda runs when something calls the lambda: when and how often is not read"]);
  });

  it("a lambda that runs SQL through op.get_bind().execute(...) is said", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(...REVISION_HEAD, '    run = lambda sql: op.get_bind().execute(sa.text(sql))', '    run("CREATE INDEX ix_t_a ON t (a)")'),
    });
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:9 an operation inside a lambda runs when something calls the lambda: when and how often is not read"]);
  });

  it("a lambda that only calls op.f or op.get_bind is no operation: nothing is said, and an inspector test after it is still decided", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
        "    get_conn = lambda: op.get_bind()",
        '    name = lambda c: op.f("ix_t_" + c)',
        "    insp = sa.inspect(op.get_bind())",
        '    if "ix_t_a" not in [i["name"] for i in insp.get_indexes("t")]:',
        '        op.create_index("ix_t_a", "t", ["a"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 14:9"]);
    assert.deepEqual(inv.indexes[0]!.context.guards, []);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: SQL a DDL or text object executes itself", () => {
  it("sa.DDL(sql).execute(bind) (SQLAlchemy 1.x) runs its SQL on the bind given, read at it as op.execute's; with no bind, or text(sql).execute(), SQLAlchemy refuses it", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from sqlalchemy import DDL, text",
        ...REVISION_HEAD,
        '    op.execute("CREATE TABLE t (id int PRIMARY KEY, a int, b int)")',
        '    sa.DDL("CREATE INDEX ix_t_a ON t (a)").execute(bind=op.get_bind())',
        '    DDL("CREATE UNIQUE INDEX ux_t_b ON t (b)").execute(op.get_bind())',
        '    DDL("CREATE INDEX ix_t_unbound ON t (a, b)").execute()',
        '    DDL("CREATE INDEX ix_t_made_bound ON t (b, id)", bind=op.get_bind()).execute()',
        '    text("CREATE INDEX ix_t_text ON t (b, a)").execute()',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 11:13", "ux_t_b t unique kept 12:10", "ix_t_made_bound t - kept 14:10"]);
    assert.deepEqual(inv.indexes.map((d) => d.context.executor), ["DDL.execute", "DDL.execute", "DDL.execute"]);
  });
});

describe("Alembic: create_table(if_not_exists=True)", () => {
  it("CREATE TABLE IF NOT EXISTS: the table and its keys are made only when no relation has the name; its indexes either way", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.execute("CREATE TABLE t (a int PRIMARY KEY, z int)")',
        '    op.create_table("t", sa.Column("a", sa.Integer, primary_key=True), sa.Column("z", sa.Integer, index=True), sa.UniqueConstraint("a", "z", name="uq_t_az"), if_not_exists=True)',
        '    op.create_table("v", sa.Column("a", sa.Integer, primary_key=True), sa.Column("z", sa.Integer, index=True), sa.UniqueConstraint("a", "z", name="uq_v_az"), if_not_exists=True)',
        '    op.create_table("w", sa.Column("a", sa.Integer, primary_key=True), if_not_exists=False)',
        "    again = False",
        '    op.create_table("t", sa.Column("a", sa.Integer, primary_key=True), if_not_exists=again)',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_z t - kept 10:72", "ix_v_z v - kept 11:72"]);
    assert.deepEqual(constraintRows(inv), [
      "primary key t_pkey t(a) kept 9:17",
      // Not made: t was there (the helper's rows call what is not in effect "dropped").
      "primary key t_pkey t(a) dropped 10:26",
      "unique uq_t_az t(a,z) dropped 10:112",
      "primary key v_pkey v(a) kept 11:26",
      "unique uq_v_az v(a,z) kept 11:112",
      "primary key w_pkey w(a) kept 12:26",
      // if_not_exists=again, False: a plain CREATE TABLE (of a table there, which PostgreSQL refuses).
      "primary key t_pkey1 t(a) kept 14:26",
    ]);
  });
});

describe("Alembic: the order of a merge's branches", () => {
  const rev = (id: string, down: string, body: string[], extra: string[] = []): string => lines("from alembic import op", "import sqlalchemy as sa", `revision = "${id}"`, `down_revision = ${down}`, ...extra, "", "def upgrade():", ...body.map((l) => `    ${l}`));

  it("as Alembic walks it: the parent a merge lists last is applied first, each branch whole", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/r0_root.py": rev("r0", "None", ['op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))']),
      "migrations/versions/a1_left.py": rev("a1", '"r0"', ['op.execute("DROP INDEX IF EXISTS ix_t")', 'op.create_index("ix_t", "t", ["a"])']),
      "migrations/versions/a2_left.py": rev("a2", '"a1"', ['op.create_index("ix_t_left_only", "t", ["a", "id"])']),
      "migrations/versions/b1_right.py": rev("b1", '"r0"', ['op.execute("DROP INDEX IF EXISTS ix_t")', 'op.create_index("ix_t", "t", ["b"])', 'op.execute("DROP INDEX IF EXISTS ix_t_left_only")']),
      "migrations/versions/m9_merge.py": rev("m9", '("a2", "b1")', ["pass"]),
    });
    // Alembic 1.8 `upgrade head --sql`: r0, b1, a1, a2, m9 (by file name a1 would come before b1).
    assert.deepEqual(
      inv.indexes.map((i) => `${i.name} ${i.location.file.split("/").pop()} (${i.columns.join(",")}) ${i.effective ? "kept" : "dropped"}`),
      ["ix_t a1_left.py (a) kept", "ix_t_left_only a2_left.py (a,id) kept", "ix_t b1_right.py (b) dropped"],
    );
  });

  it("a revision another branch depends on is applied before that branch, then its own line goes on", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/core_001.py": rev("core001", "None", ['op.create_table("users", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String(200)))'], ['branch_labels = ("core",)']),
      "migrations/versions/plugin_001.py": rev("plug001", "None", ['op.create_index("ix_users_email_plugin", "users", ["email"])'], ['branch_labels = ("plugin",)', 'depends_on = "core"']),
      "migrations/versions/core_002.py": rev("core002", '"core001"', ['op.drop_index("ix_users_email_plugin", table_name="users")', 'op.create_index("ix_users_email", "users", ["email"], unique=True)']),
      "migrations/versions/merge_003.py": rev("merge003", '("core002", "plug001")', ["pass"]),
    });
    // Alembic: core001, plug001, core002, merge003.
    assert.deepEqual(indexRows(inv), ["ix_users_email users unique kept 8:5", "ix_users_email_plugin users - dropped 9:5"]);
  });
});

describe("Alembic: constraints found at run time", () => {
  it("dropping a foreign key or check whose name is looked up is no index SQL; a UNIQUE or an unknown type is dynamic", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("tables", sa.Column("id", sa.Integer, primary_key=True), sa.Column("database_id", sa.Integer))',
        "    insp = sa.inspect(op.get_bind())",
        '    fk_name = insp.get_foreign_keys("tables")[0]["name"]',
        '    with op.batch_alter_table("tables") as batch_op:',
        '        batch_op.drop_constraint(fk_name, type_="foreignkey")',
        '    op.drop_constraint(fk_name, "tables", type_="check")',
        '    for uq in insp.get_unique_constraints("tables"):',
        '        op.drop_constraint(uq["name"], "tables", type_="unique")',
        '    op.drop_constraint(fk_name, "tables")',
      ),
    });
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:16 the constraint or its table is not known statically", "a1_init.py:17 the constraint or its table is not known statically"]);
  });
});

describe("Alembic: SQL known only at run time", () => {
  it("op.execute of a file's text or an unknown string is dynamic; a SQLAlchemy data statement is not", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "import os",
        ...REVISION_HEAD,
        '    t = op.create_table("notifications", sa.Column("id", sa.Integer, primary_key=True), sa.Column("read_at", sa.DateTime))',
        '    with open(os.path.join(os.path.dirname(__file__), "a1.sql")) as f:',
        "        op.execute(f.read())",
        '    op.execute(t.update().where(t.c.id == 1).values(read_at=None))',
        "    stmt = sa.insert(t).values(id=2)",
        "    op.execute(stmt)",
        '    op.execute(sa.table("notifications", sa.column("id")).delete())',
        '    op.execute(sa.schema.CreateSequence(sa.Sequence("notification_seq")))',
        "    session = sa.orm.Session(bind=op.get_bind())",
        "    session.execute(session.query(t).filter(t.c.id > 2))",
        '    op.get_bind().execute(os.environ["EXTRA_SQL"])',
      ),
    });
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:12 result of f.read() is not known statically: any index its SQL makes is not read", "a1_init.py:20 subscript not known statically: any index its SQL makes is not read"]);
  });
});

describe("Alembic: tables built from the models", () => {
  it("metadata.create_all(bind) and Model.__table__.create(bind) are dynamic: the models' indexes are not read", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from app.models import Base, Report",
        ...REVISION_HEAD,
        "    bind = op.get_bind()",
        "    Base.metadata.create_all(bind=bind)",
        "    Report.__table__.create(bind, checkfirst=True)",
        "    Report.__table__.drop(bind)",
        '    op.create_index("ix_report_name", "report", ["name"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_report_name report - kept 14:5"]);
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:11 tables of the models built with create_all(): their indexes are not read",
      "a1_init.py:12 tables of the models built with create(): their indexes are not read",
      "a1_init.py:13 tables of the models dropped with drop(): their indexes are not read",
    ]);
  });

  it("Table(...).create() and .drop() are read like create_table and drop_table, names from the Table's own MetaData: held in a name, in a loop over Tables the revision declares (an OpenStack initial revision), in a helper", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    meta = sa.MetaData(naming_convention={"ix": "idx_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s"})',
        '    users = sa.Table("users", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String(50), unique=True), mysql_engine="InnoDB")',
        '    orders = sa.Table("orders", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("user_id", sa.Integer, index=True), sa.Index("orders_lower", sa.text("lower(note)")))',
        "    tables = [users, orders]",
        "    for table in tables:",
        "        table.create(op.get_bind())",
        '    tmp = sa.Table("tmp", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("k", sa.Integer, unique=True), schema="stage")',
        "    tmp.create(op.get_bind())",
        "    tmp.drop(op.get_bind())",
      ),
    });
    assert.deepEqual(indexRows(inv), ["idx_orders_user_id orders - kept 11:86", "orders_lower orders - kept 11:132"]);
    assert.deepEqual(constraintRows(inv), [
      "primary key users_pkey users(id) kept 10:37",
      "unique uq_users_email users(email) kept 10:84",
      "primary key orders_pkey orders(id) kept 11:39",
      "primary key tmp_pkey tmp(id) dropped 15:42",
      "unique tmp_k_key tmp(k) dropped 15:89",
    ]);
    assert.deepEqual(inv.constraints.map((c) => c.schema), [null, null, null, "stage", "stage"]);
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("Table(...).create() with meta = MetaData() and then meta.bind = engine (manila's initial revision, under if not table.exists()): the MetaData's convention; one whose naming_convention is set afterwards is said", async () => {
    const body = [
      "    meta = sa.MetaData()",
      "    meta.bind = op.get_bind()",
      '    quotas = sa.Table("quotas", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("project_id", sa.String(255), index=True), mysql_engine="InnoDB")',
      '    messages = sa.Table("messages", meta, sa.Column("id", sa.String(36), primary_key=True), sa.Column("request_id", sa.String(255), unique=True))',
      "    for table in [quotas, messages]:",
      "        if not table.exists():",
      "            try:",
      "                table.create()",
      "            except Exception:",
      '                LOG.exception("Exception while creating table.")',
    ];
    const inv = await analyzeAlembic(toolkit, { "migrations/versions/a1_init.py": lines(...REVISION_HEAD, ...body) });
    assert.deepEqual(indexRows(inv), ["ix_quotas_project_id quotas - kept 11:86"]);
    assert.deepEqual(constraintRows(inv), ["primary key quotas_pkey quotas(id) kept 11:39", "primary key messages_pkey messages(id) kept 12:43", "unique messages_request_id_key messages(request_id) kept 12:93"]);
    assert.deepEqual(dynamicRows(inv), []);
    const convention = await analyzeAlembic(toolkit, { "migrations/versions/a1_init.py": lines(...REVISION_HEAD, body[0]!, '    meta.naming_convention = {"ix": "idx_%(column_0_label)s"}', ...body.slice(2)) });
    assert.deepEqual(indexRows(convention), []);
    assert.deepEqual(dynamicRows(convention), ["a1_init.py:16 a table SQLAlchemy builds with Table(...).create(): the naming convention of its MetaData is not known statically"]);
    // Anything else that may change what the Table takes from it: the convention changed in place, its schema, setattr,
    // another binding (global) with the MetaData assigned in a nested function.
    for (const change of ['    meta.naming_convention["ix"] = "idx_%(column_0_label)s"', '    meta.naming_convention.update({"ix": "idx_%(column_0_label)s"})', '    meta.schema = "s"', '    setattr(meta, "naming_convention", {})']) {
      const changed = await analyzeAlembic(toolkit, { "migrations/versions/a1_init.py": lines(...REVISION_HEAD, ...body.slice(0, 2), change, ...body.slice(2)) });
      assert.deepEqual(indexRows(changed), [], change);
      assert.deepEqual(dynamicRows(changed), ["a1_init.py:17 a table SQLAlchemy builds with Table(...).create(): the naming convention of its MetaData is not known statically"], change);
    }
    const nested = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "",
        'revision = "a1"',
        "down_revision = None",
        'meta = sa.MetaData(naming_convention={"ix": "idx_%(column_0_label)s"})',
        "",
        "def upgrade():",
        "    global meta",
        "    meta.bind = op.get_bind()",
        "    def other():",
        "        meta = sa.MetaData()",
        '    sa.Table("t", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer, index=True)).create()',
      ),
    });
    assert.deepEqual(indexRows(nested), []);
    assert.deepEqual(dynamicRows(nested), ["a1_init.py:13 a table SQLAlchemy builds with Table(...).create(): the naming convention of its MetaData is not known statically"]);
  });

  it("Table(...).create() is dynamic where what it builds is not known: checkfirst=, a MetaData not known statically, a loop over what is not listed; said once for the loop", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from app.db import meta, define_tables",
        ...REVISION_HEAD,
        '    users = sa.Table("users", meta, sa.Column("id", sa.Integer, primary_key=True))',
        "    users.create(op.get_bind())",
        '    sa.Table("t", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True)).create(op.get_bind(), checkfirst=True)',
        "    for table in define_tables(sa.MetaData()):",
        "        table.create(op.get_bind())",
        '    for table in ["users", "orders"]:',
        '        op.execute("ANALYZE %s" % table)',
      ),
    });
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:11 a table SQLAlchemy builds with Table(...).create(): the naming convention of its MetaData is not known statically",
      "a1_init.py:12 a table SQLAlchemy builds with Table(...).create(): checkfirst= asks the database whether the table is there",
      "a1_init.py:14 a table SQLAlchemy builds with Table(...).create() in a loop over what is not known statically: its indexes are not read",
    ]);
    // In a helper, over Tables it declares: read at the helper's call, where upgrade() calls it.
    const helper = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        'revision = "a1"',
        "down_revision = None",
        "def _create():",
        "    meta = sa.MetaData()",
        '    users = sa.Table("users", meta, sa.Column("id", sa.Integer, primary_key=True))',
        '    orders = sa.Table("orders", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer, index=True))',
        "    for table in [users, orders]:",
        "        table.create(op.get_bind())",
        "def upgrade():",
        "    _create()",
      ),
    });
    assert.deepEqual(indexRows(helper), ["ix_orders_a orders - kept 12:5"]);
    assert.deepEqual(dynamicRows(helper), []);
  });
});

describe("Alembic: a schema known only at run time", () => {
  it("is dynamic at each operation that takes it, never taken for the default schema; None is the default schema", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "import os",
        ...REVISION_HEAD,
        '    schema = os.environ.get("APP_SCHEMA")',
        '    op.create_table("job", sa.Column("id", sa.Integer, primary_key=True), sa.Column("state", sa.String(20), index=True), schema=schema)',
        '    op.create_index("ix_job_state2", "job", ["state", "id"], schema=schema)',
        '    with op.batch_alter_table("job", schema=schema) as batch_op:',
        '        batch_op.create_index("ix_job_id", ["id"])',
        '    op.create_index("ix_job_state3", "job", ["state"], schema=None)',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_job_state3 job - kept 15:5"]);
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:11 the schema is not known statically",
      "a1_init.py:12 the schema is not known statically",
      "a1_init.py:13 the batch's schema is not known statically",
      "a1_init.py:14 batch_op is not known to be Alembic's op: what create_index() does is not read",
    ]);
  });
});

describe("Alembic: functions of the standard library", () => {
  it("called for what they do, are not said", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines("from time import sleep", "from warnings import warn", ...REVISION_HEAD, "    sleep(1)", '    warn("slow")', '    op.create_index("ix_t_a", "t", ["a"])'),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 13:5"]);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: the dialect's name held in a variable", () => {
  it("dialect_name = conn.dialect.name (assigned once, or the same each time), and a flag assigned a dialect test, choose the branches PostgreSQL takes", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        "    conn = op.get_bind()",
        "    dialect_name = conn.dialect.name",
        '    if dialect_name == "mysql":',
        '        op.create_index("idx_mysql", "dag", ["owners"], mysql_length=100)',
        '    elif dialect_name in ("mssql", "sqlite"):',
        '        op.create_index("idx_mssql", "dag", ["owners"])',
        "    else:",
        '        op.create_index("idx_dag_owners", "dag", ["owners"])',
        '    is_postgres = conn.dialect.name == "postgresql"',
        "    if not is_postgres:",
        '        op.create_index("idx_not_pg", "dag", ["fileloc"])',
        "    dialect_name = conn.dialect.name",
        "    unknown = conn.info.get('flag')",
        "    if unknown:",
        '        op.create_index("idx_maybe", "dag", ["fileloc", "owners"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["idx_dag_owners dag - kept 16:9", "idx_maybe dag - kept 23:9"]);
  });
});

describe("Alembic: a dialect test behind a function", () => {
  it("if is_sqlite(bind): with def is_sqlite(bind): return bind.dialect.name == \"sqlite\" (here or in a project module) reads the branch PostgreSQL takes", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/__init__.py": "",
      "migrations/helpers.py": lines("def is_sqlite(bind):", '    """Whether the database is SQLite."""', '    return bind.dialect.name == "sqlite"'),
      "migrations/versions/a1_init.py": lines(
        "from migrations.helpers import is_sqlite",
        ...REVISION_HEAD,
        '    if is_sqlite(op.get_bind()):',
        '        op.create_index("ix_sqlite_only", "t", ["a"])',
        "    else:",
        '        op.create_index("ix_t_a", "t", ["a"], unique=True)',
        "    if not is_mysql(op.get_bind()):",
        '        op.create_index("ix_t_b", "t", ["b"])',
        "    if uses_sequences(op.get_bind()):",
        '        op.create_index("ix_t_c", "t", ["c"])',
        "",
        "def is_mysql(bind):",
        '    return bind.dialect.name in ("mysql", "mariadb")',
        "",
        "def uses_sequences(bind):",
        "    name = bind.dialect.name",
        '    return name == "postgresql"',
      ),
    });
    // uses_sequences is more than one return: not a test this reads, so its branch is read (it may run).
    assert.deepEqual(indexRows(inv), ["ix_t_a t unique kept 13:9", "ix_t_b t - kept 15:9", "ix_t_c t - kept 17:9"]);
  });
});

describe("Alembic: a helper called through its module", () => {
  it("utils.add_index(...) with from migrations import utils, or import migrations.utils as mu, is read in that module; one of a module not read, or not defined there, is said", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/__init__.py": "",
      "migrations/utils.py": lines("from alembic import op", "", "def add_index(table, column):", '    op.create_index(f"ix_{table}_{column}", table, [column])', "", "adder = add_index", "registry = make_registry()"),
      "migrations/versions/a1_init.py": lines(
        "from migrations import utils",
        "import migrations.utils as mu",
        "import json",
        "from glance.db import add_images_tables",
        "from migrations.utils import registry",
        ...REVISION_HEAD,
        '    utils.add_index("t", "a")',
        '    mu.add_index("t", "b")',
        '    json.dumps({"a": 1})',
        '    utils.adder("t", "c")',
        "    add_images_tables.upgrade()",
        '    tables = add_images_tables.names("t")',
        "    registry.create_all()",
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 14:5", "ix_t_b t - kept 15:5"]);
    // glance's initial revision calls its helper modules so; a value taken from one (tables = ...) is not taken for an operation.
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:17 utils.adder() is in migrations.utils, which does not define it as a function: what it does is not read",
      "a1_init.py:18 add_images_tables.upgrade() is in glance.db.add_images_tables, which is not among the project modules read: what it does is not read",
      "a1_init.py:20 registry.create_all(): registry is imported from migrations.utils, where it is no module or function read: what it does is not read",
    ]);
  });
});

describe("Alembic: a helper module with a syntax error elsewhere", () => {
  it("its helper is still found and read", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/__init__.py": "",
      "migrations/utils.py": lines("from alembic import op", "", "def broken(:", "    pass", "", "def add_index(table, column):", '    op.create_index(f"ix_{table}_{column}", table, [column])'),
      "migrations/versions/a1_init.py": lines("from migrations.utils import add_index", ...REVISION_HEAD, '    add_index("t", "a")'),
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 10:5"]);
  });
});

describe("Alembic: a flag known only at run time", () => {
  it("unique=, index=, primary_key=, postgresql_concurrently= or if_exists= not known statically make the operation dynamic, not a guess of False", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("leads", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String, unique=EMAIL_UNIQUE))',
        '    add_lookup("leads", "email", unique=is_unique())',
        '    op.create_index("ix_leads_id", "leads", ["id"], unique=False, postgresql_concurrently=None)',
        '    op.drop_index("ix_old", table_name="leads", postgresql_concurrently=ONLINE)',
        '    op.create_table("calls", sa.Column("id", sa.Integer, primary_key=PK), sa.Index("ix_calls_id", "id", unique=UNIQUE))',
        "",
        "",
        "def add_lookup(table, column, unique):",
        '    op.create_index(f"ix_{table}_{column}", table, [column], unique=unique)',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_leads_id leads - kept 11:5"]);
    assert.deepEqual(constraintRows(inv), ["primary key leads_pkey leads(id) kept 9:30"]);
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:9 unique= is not known statically",
      "a1_init.py:10 unique= is not known statically",
      "a1_init.py:12 postgresql_concurrently= is not known statically",
      "a1_init.py:13 primary_key= is not known statically",
      "a1_init.py:13 unique= is not known statically",
    ]);
  });
});

describe("Alembic: budgets hit inside a helper module", () => {
  it("a budget the helper's evaluation reaches in its own module is a finding at the helper, not dropped", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/__init__.py": "",
      "migrations/utils.py": lines(
        "from alembic import op",
        "",
        "",
        "def add_commented_index(table, column):",
        `    op.execute("CREATE INDEX ix_" + table + " ON " + table + " (" + column + ") -- " + ${"(\"y\" + ".repeat(80)}"x"${")".repeat(80)})`,
      ),
      "migrations/versions/a1_init.py": lines("from alembic import op", "from migrations.utils import add_commented_index", 'revision = "a1"', "down_revision = None", "", "def upgrade():", '    add_commented_index("report", "owner_id")'),
    });
    assert.deepEqual(
      inv.errors.map((e) => `${e.kind} ${e.file}:${e.line}:${e.column} ${e.message}`),
      ["limit migrations/utils.py:5:65 limit depth (60 expression nesting depth) reached while evaluating this expression; it is not known statically"],
    );
    assert.deepEqual(indexRows(inv), ["ix_report report - kept 7:5"]);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: a naming convention with an entry not known statically", () => {
  it("a callable token (SQLAlchemy's all_column_names idiom) is said at it: the names that use it may differ", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/env.py": lines(
        "import sqlalchemy as sa",
        "target_metadata = sa.MetaData(naming_convention={",
        '    "ix": "ix_%(column_0_label)s",',
        '    "all_column_names": lambda constraint, table: "_".join(c.name for c in constraint.columns.values()),',
        '    "uq": "uq_%(table_name)s_%(all_column_names)s",',
        "})",
      ),
      "migrations/versions/a1_init.py": lines(...REVISION_HEAD, '    op.create_table("leads", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.String, index=True), sa.UniqueConstraint("email"))'),
    });
    assert.deepEqual(
      inv.errors.map((e) => `${e.kind} ${e.file}:${e.line}:${e.column} ${e.message}`),
      ["limit migrations/env.py:4:25 this entry of the naming convention is not known statically (a callable token, a class key): the names that use it may differ"],
    );
    // The entries that are known still name what uses them.
    assert.deepEqual(indexRows(inv), ["ix_leads_email leads - kept 9:77"]);
    assert.deepEqual(constraintRows(inv), ["primary key leads_pkey leads(id) kept 9:30", "unique leads_email_key leads(email) kept 9:120"]);
  });
});

describe("Alembic: a column held in a variable", () => {
  it("assigned once in upgrade() or at module level, or an item of a loop over a literal list, or passed to a helper, it is read where its Column(...) is written; a name assigned twice stays dynamic", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "",
        'revision = "a1"',
        "down_revision = None",
        'email = sa.Column("email", sa.String, unique=True)',
        'col = sa.Column("shadowed", sa.Integer, index=True)',
        "",
        "",
        "def upgrade():",
        '    code = sa.Column("code", sa.String, index=True, unique=True)',
        '    op.create_table("u", sa.Column("id", sa.Integer, primary_key=True), code, email)',
        '    extra = sa.Column("extra", sa.Integer, index=True)',
        '    op.add_column("u", extra)',
        '    for col in [sa.Column("x", sa.Integer, index=True)]:',
        '        op.add_column("u", col)',
        '    twice = sa.Column("a", sa.Integer, index=True)',
        '    twice = sa.Column("b", sa.Integer, index=True)',
        '    op.add_column("u", twice)',
        '    add(sa.Column("y", sa.Integer, index=True))',
        "",
        "",
        "def add(col):",
        '    op.add_column("u", col)',
      ),
    });
    // A helper's operations are reported at its call (20:5).
    assert.deepEqual(indexRows(inv), ["ix_u_code u unique kept 11:12", "ix_u_extra u - kept 13:13", "ix_u_x u - kept 15:17", "ix_u_y u - kept 20:5"]);
    assert.deepEqual(constraintRows(inv), ["unique u_email_key u(email) kept 6:9", "primary key u_pkey u(id) kept 12:26"]);
    assert.deepEqual(
      dynamicRows(inv).map((d) => d.split(" ").slice(0, 1).join("")),
      ["a1_init.py:19"],
    );
  });
});

describe("Alembic: a batch handed to a helper", () => {
  it("a helper's parameter given the batch is that batch, whatever its name; one given anything else is no batch of the caller's", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("jobs", sa.Column("id", sa.Integer, primary_key=True), sa.Column("state", sa.String))',
        '    op.create_table("runs", sa.Column("id", sa.Integer, primary_key=True), sa.Column("state", sa.String))',
        '    with op.batch_alter_table("jobs") as batch_op:',
        '        with op.batch_alter_table("runs") as runs_batch:',
        '            _add_state(runs_batch, "runs")',
        '            _add_state(b=batch_op, table="jobs")',
        "            _shadowed(op)",
        "",
        "",
        "def _add_state(b, table):",
        '    b.create_index(f"ix_{table}_state", ["state"])',
        "",
        "",
        "def _shadowed(batch_op):",
        '    batch_op.create_index("ix_runs_id_state", "runs", ["id", "state"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_runs_state runs - kept 13:13", "ix_jobs_state jobs - kept 14:13", "ix_runs_id_state runs - kept 15:13"]);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: index arguments held in a loop's items", () => {
  it("op.create_index(**spec) over a list of dict literals or dict(...) calls, and a dict comprehension's items, are read", async () => {
    const inv = await analyzeAlembic(toolkit, { ...STATIC_IFS, ...LOOP_DATA });
    assert.deepEqual(
      indexRows(inv).filter((r) => r.startsWith("ix_d_")),
      ["ix_d_a d - kept 17:9", "ix_d_ab d unique kept 17:9", "ix_d_b d unique kept 17:9", "ix_d_a_id d - kept 19:9"],
    );
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("dict.get with a default, len(), < and >, and enumerate(..., start=) are known: the flags they give and the ifs they decide", async () => {
    const inv = await analyzeAlembic(toolkit, { ...STATIC_IFS, ...LOOP_DATA });
    assert.deepEqual(
      indexRows(inv).filter((r) => r.startsWith("ix_e")),
      ["ix_e1_x e1 unique kept 13:9", "ix_e2_x e2 - kept 13:9", "ix_e2_second e2 - kept 15:13", "ix_e2_plain e2 - kept 19:9"],
    );
    assert.deepEqual(
      inv.indexes.filter((i) => i.name.startsWith("ix_e")).map((i) => i.context.guard),
      [null, null, null, null],
    );
  });

  it("a script known statically run piece by piece (for statement in SCRIPT.split(\";\")) is read, each index at its CREATE", async () => {
    const inv = await analyzeAlembic(toolkit, { ...STATIC_IFS, ...LOOP_DATA });
    assert.deepEqual(
      indexRows(inv).filter((r) => r.startsWith("ix_f")),
      ["ix_f_a f - kept 7:1", "ix_f_b f unique kept 8:1"],
    );
    assert.deepEqual(
      constraintRows(inv).filter((r) => r.includes(" f(")),
      ["primary key f_pkey f(id) kept 6:1"],
    );
    assert.deepEqual(dynamicRows(inv), []);
  });
});
