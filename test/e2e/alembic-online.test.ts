import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, before, describe, it } from "node:test";
import { createToolkit } from "../../src/project/analyze.js";
import { analyzeAlembic } from "../helpers/alembic.js";
import { BATCH_RECREATE, COLUMN_GUARDS, DIALECT_CLASSES, INDEX_LIST_SEQUENCE, INSPECTOR_BUILT_ELSEWHERE, LOOP_DATA, STATIC_IFS, TABLE_CREATE, UNDECIDED_IFS, INSPECTOR_EDGES, INSPECTOR_GUARDS, MODE_BRANCHES, PRIMARY_KEY_DROPPED_BY_ASKED_NAME, PRIMARY_KEY_GUARDS, RETURN_IN_BRANCH, UNIQUE_CONSTRAINT_GUARDS } from "../helpers/alembic-branch-projects.js";
import { FLASK_METADATA, FLASK_MODEL_ASSIGNED, FLASK_MODEL_CLASS, FLASK_PLAIN, FLASK_STANDINS, PREPEND_SYS_PATH, TARGET_DECLARATIVE, TARGET_LIST, TARGET_NONE, TARGET_PACKAGE_SUBMODULE, TARGET_SECOND } from "../helpers/alembic-convention-projects.js";
import { ARGS_HELPERS, COLUMN_HELPERS, HELD_OPS_AND_CONTEXT_MANAGERS, IMPORTED_CLASSES, KWARGS_HELPERS, REASSIGNED_PARAMS, REEXPORTED_HELPERS, SUPERSET_HELPERS, SUPERSET_INDEX_HELPERS, SYS_PATH_HELPERS } from "../helpers/alembic-helper-projects.js";
import { indexesIn, leftBehind } from "../helpers/answer-key.js";
import { ALEMBIC, POSTGRES, PSYCOPG2, PYTHON, requireComponent } from "../helpers/component.js";
import { startPostgresServer, type PostgresServer } from "../helpers/postgres-server.js";

/**
 * Alembic run as a team runs it, connected to the database (`alembic upgrade
 * head`, not `--sql`): the indexes PostgreSQL holds afterwards are exactly the
 * inventory's effective ones. `--sql` cannot be the answer key here: it takes
 * the offline branches and refuses a batch that copies its table.
 */
const skip = requireComponent(POSTGRES) || requireComponent(ALEMBIC) || requireComponent(PSYCOPG2);
const toolkit = createToolkit();
let server: PostgresServer;
const dirs: string[] = [];

before(async () => {
  if (!skip) server = await startPostgresServer("local all all trust\nhost all all 127.0.0.1/32 trust\n");
});
after(() => {
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- before() may fail before it assigns the server
  server?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

const ENV = `from alembic import context
import sqlalchemy as sa

engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=None)
    with context.begin_transaction():
        context.run_migrations()
`;

/**
 * Runs `alembic upgrade head` for the project on a new database; returns the indexes it holds, having checked the
 * inventory agrees. The project's own env.py replaces the plain one when it has one; `ini` adds lines to alembic.ini's
 * `[alembic]`; `harness` files (stand-ins for packages Alembic imports) are written but are not the project's.
 */
async function upgraded(database: string, files: Record<string, string>, options: { ini?: string; harness?: Record<string, string> } = {}): Promise<string[]> {
  server.psql(`CREATE DATABASE ${database}`);
  const dir = mkdtempSync(join(tmpdir(), "alembic-online-"));
  dirs.push(dir);
  const url = server.url(database).replace(/^postgres(?:ql)?:/, "postgresql+psycopg2:");
  const project: Record<string, string> = { "alembic.ini": `[alembic]\nscript_location = migrations\nsqlalchemy.url = ${url}\n${options.ini ?? ""}`, "migrations/env.py": ENV, ...files };
  for (const [path, text] of Object.entries({ ...project, "migrations/script.py.mako": "", ...options.harness })) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const r = spawnSync(PYTHON, ["-m", "alembic", "upgrade", "head"], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const inv = await analyzeAlembic(toolkit, project);
  assert.deepEqual(inv.errors, []);
  const expected = await indexesIn(server, database);
  assert.deepEqual(leftBehind(inv), expected);
  return expected;
}

describe("alembic upgrade head, connected to PostgreSQL, keeps exactly the inventory's effective indexes", { skip }, () => {
  it("branches on Alembic's mode (context.is_offline_mode(), op.get_context().as_sql)", async () => {
    assert.deepEqual(await upgraded("mode_branches", MODE_BRANCHES), ["public.ix_always", "public.ix_online", "public.ix_online2", "public.t_pkey"]);
  });

  it("dialect tests besides the dialect's name (isinstance with dialect classes, a function returning the name, the URL's driver and backend names)", async () => {
    assert.deepEqual(await upgraded("dialect_classes", DIALECT_CLASSES), ["public.ix_pg_class", "public.ix_pg_driver", "public.ix_pg_name", "public.t_pkey"]);
  });

  it("ifs the reader does not decide, run as PostgreSQL takes them: the guarded creates it lists are built", async () => {
    assert.deepEqual(await upgraded("undecided_ifs", UNDECIDED_IFS), ["public.ix_feature", "public.ix_pg", "public.ix_small", "public.t_pkey"]);
  });

  it("ifs on a loop variable or a module constant, a loop's continue, break and return, **spec of a loop's dict, a dict comprehension, dict.get, len, enumerate(start=), a script's split(\";\")", async () => {
    assert.deepEqual(await upgraded("static_ifs", { ...STATIC_IFS, ...LOOP_DATA }), [
      "public.alpha_pkey",
      "public.beta_pkey",
      "public.d_pkey",
      "public.e1_pkey",
      "public.e2_pkey",
      "public.f_pkey",
      "public.ix_alpha_after",
      "public.ix_alpha_in",
      "public.ix_alpha_kept",
      "public.ix_alpha_only",
      "public.ix_alpha_pg",
      "public.ix_beta_else",
      "public.ix_d_a",
      "public.ix_d_a_id",
      "public.ix_d_ab",
      "public.ix_d_b",
      "public.ix_e1_x",
      "public.ix_e2_plain",
      "public.ix_e2_second",
      "public.ix_e2_x",
      "public.ix_f_a",
      "public.ix_f_b",
    ]);
  });

  it("a return inside the branch PostgreSQL takes, and inside one it skips", async () => {
    assert.deepEqual(await upgraded("return_in_branch", RETURN_IN_BRANCH), ["public.ix_after_ifs", "public.ix_pg", "public.t_pkey"]);
  });

  it("revisions that ask SQLAlchemy's inspector what the database holds (has_table, get_table_names, get_indexes, a dialect's has_table, an early return, a helper, a test inside a tested block)", async () => {
    assert.deepEqual(await upgraded("inspector_guards", INSPECTOR_GUARDS), ["public.audit_pkey", "public.ix_audit_at", "public.ix_n_a", "public.ix_t_a", "public.ix_t_ab", "public.ix_t_ac", "public.ix_t_b", "public.ix_t_bc", "public.ix_t_c", "public.n_pkey", "public.t_pkey"]);
  });

  it("revisions that ask the inspector which columns a table has (a list taken once, any() over get_columns in a helper) around add_column, drop_column and a rename", async () => {
    assert.deepEqual(await upgraded("column_guards", COLUMN_GUARDS), ["public.ix_t_a", "public.ix_t_c", "public.ix_t_c2", "public.ix_t_c_again", "public.ix_t_d", "public.t_pkey"]);
  });

  it("a list of index names taken once, tested before each index is made", async () => {
    assert.deepEqual(await upgraded("index_list_sequence", INDEX_LIST_SEQUENCE), ["public.ix_t_a", "public.ix_t_a2", "public.ix_t_ab", "public.ix_t_b", "public.ix_t_c", "public.t_a_b_key", "public.t_pkey", "public.u_pkey", "public.uq_t_c"]);
  });

  it("Table(...).create() and .drop(): held in a name, in a loop over the Tables a revision declares, in another schema; names from the Table's own MetaData (also one whose bind is set)", async () => {
    assert.deepEqual(await upgraded("table_create", TABLE_CREATE), [
      "public.idx_services_host",
      "public.ix_quotas_project_id",
      "public.quotas_pkey",
      "public.services_pkey",
      "public.shares_name_lower",
      "public.shares_pkey",
      "public.uq_services_host",
      "public.uq_shares_name",
      "stage.ix_stage_keep_k",
      "stage.keep_pkey",
    ]);
  });

  it("get_unique_constraints: a plain or unique index of the name is no UNIQUE constraint, so the drop it guards does not run", async () => {
    assert.deepEqual(await upgraded("unique_constraint_guards", UNIQUE_CONSTRAINT_GUARDS), ["public.ix_t_b", "public.t_pkey", "public.ux_t_c"]);
  });

  it("get_pk_constraint: a table that has a primary key of any name gets no second one, a table without gets one", async () => {
    assert.deepEqual(await upgraded("primary_key_guards", PRIMARY_KEY_GUARDS), ["public.ix_spares_a", "public.pk_bare", "public.spares_pkey"]);
  });

  it("drop_constraint of the name get_pk_constraint gives: the table's primary key goes, whatever its name", async () => {
    assert.deepEqual(await upgraded("primary_key_asked_name", PRIMARY_KEY_DROPPED_BY_ASKED_NAME), ["public.other_pkey", "public.pk_bindings", "public.pool_pkey"]);
  });

  it("inspector tests answered once for both branches, or left undecided where SQLAlchemy's answer depends on its version or on what an inspector kept", async () => {
    assert.deepEqual(await upgraded("inspector_edges", INSPECTOR_EDGES), ["public.ix_q", "public.ix_q3", "public.ix_t_lower", "public.ix_t_mv", "public.ix_t_other", "public.t_pkey", "public.u_pkey", "public.v_pkey"]);
  });

  it("an inspector test about a table SQLAlchemy built itself (Table(...).create()) is decided; one about a key that took an index over is left undecided", async () => {
    assert.deepEqual(await upgraded("inspector_built_elsewhere", INSPECTOR_BUILT_ELSEWHERE), ["public.ix_t_lower", "public.ix_u_a", "public.ix_w_a", "public.t_pkey", "public.u_pkey", "public.w_pk"]);
  });

  it("op's methods held in a name (func = op.create_primary_key), and @contextmanager helpers entered with with (before the yield, after it, a try's finally)", async () => {
    assert.deepEqual(await upgraded("held_ops", HELD_OPS_AND_CONTEXT_MANAGERS), ["public.ix_t_a_inside", "public.ix_t_ab", "public.ix_t_b_v2", "public.pk_t", "public.uq_t_a_v2"]);
  });

  it("helpers that assign their parameters again (if name is None: name = ..., name = name or ..., an if/else on an argument)", async () => {
    // Without the helper whose parameter an undecided if assigns (dynamic: what PostgreSQL gets depends on the environment).
    const revision = REASSIGNED_PARAMS["migrations/versions/a1_init.py"]!.replace('    _unsure("t", "b", "ix_unsure")\n', "");
    assert.deepEqual(await upgraded("reassigned_params", { "migrations/versions/a1_init.py": revision }), ["public.i_t_b_id", "public.idx_t_code", "public.index_t_code", "public.ix_t_b_code", "public.my_b", "public.named", "public.t_pkey"]);
  });

  it("Superset's create_table(name, *columns) and add_columns(name, *columns) helpers, a list parameter, a local helper", async () => {
    assert.deepEqual(await upgraded("superset_helpers", SUPERSET_HELPERS), [
      "public.ix_tag_fav_c",
      "public.ix_tag_fav_created_on",
      "public.ix_tag_fav_d",
      "public.ix_tag_fav_e",
      "public.ix_tag_fav_tag",
      "public.ix_tag_fav_user_id",
      "public.tag_fav_f_key",
      "public.tag_fav_pkey",
      "public.tag_fav_uuid_key",
      "public.uq_tag_fav",
    ]);
  });

  it("Superset's has_table / table_has_index guards in its create_table, create_index and drop_index helpers, and a local helper asking with any(...)", async () => {
    assert.deepEqual(await upgraded("superset_index_helpers", SUPERSET_INDEX_HELPERS), ["public.ix_t_a", "public.ix_t_ab", "public.ix_t_ba", "public.ix_t_id", "public.t_pkey"]);
  });

  it("upgrade_<x> functions that upgrade() calls behind a dialect test, or never: only the one PostgreSQL's branch calls runs", async () => {
    const revision = [
      "from alembic import op",
      "import sqlalchemy as sa",
      "",
      'revision = "a1"',
      "down_revision = None",
      "",
      "",
      "def upgrade():",
      '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
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
    assert.deepEqual(await upgraded("dialect_dispatch", { "migrations/versions/a1_init.py": revision }), ["public.ix_t_a", "public.t_pkey"]);
  });

  it("a batch handed to a helper under another name, and op handed to a parameter named like the caller's batch", async () => {
    const revision = [
      "from alembic import op",
      "import sqlalchemy as sa",
      "",
      'revision = "a1"',
      "down_revision = None",
      "",
      "",
      "def upgrade():",
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
      "",
    ].join("\n");
    assert.deepEqual(await upgraded("batch_helpers", { "migrations/versions/a1_init.py": revision }), ["public.ix_jobs_state", "public.ix_runs_id_state", "public.ix_runs_state", "public.jobs_pkey", "public.runs_pkey"]);
  });

  it("CreateIndex / DropIndex handed to op.execute, and Index(...).create(bind) / .drop(bind), also held in a name, on a Table the revision declares or reflects", async () => {
    const revision = [
      "from alembic import op",
      "import sqlalchemy as sa",
      "from sqlalchemy.schema import CreateIndex, DropIndex",
      "",
      'revision = "a1"',
      "down_revision = None",
      "",
      "meta = sa.MetaData()",
      'tasks = sa.Table("tasks", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("state", sa.String(20)), sa.Column("owner", sa.Integer))',
      "",
      "",
      "def upgrade():",
      '    op.create_table("tasks", sa.Column("id", sa.Integer, primary_key=True), sa.Column("state", sa.String(20)), sa.Column("owner", sa.Integer))',
      '    op.execute(CreateIndex(sa.Index("ix_tasks_state", tasks.c.state)))',
      '    op.execute(sa.schema.CreateIndex(sa.Index("ix_tasks_owner", tasks.c["owner"], unique=True, postgresql_where=sa.text("owner > 0"))))',
      '    sa.Index("ix_tasks_owner_state", tasks.c.owner, "state").create(bind=op.get_bind())',
      '    op.execute(DropIndex(sa.Index("ix_tasks_state", tasks.c.state)))',
      // Held in a name, on a table reflected into a MetaData() of its own.
      "    bind = op.get_bind()",
      '    reflected = sa.Table("tasks", sa.MetaData(), autoload_with=bind)',
      '    held = sa.Index("ix_tasks_id_owner", reflected.c.id, reflected.c.owner)',
      "    held.create(bind)",
      '    gone = sa.Index("ix_tasks_gone", tasks.c.state)',
      "    gone.create(bind)",
      "    gone.drop(bind)",
      "",
    ].join("\n");
    assert.deepEqual(await upgraded("standalone_indexes", { "migrations/versions/a1_init.py": revision }), ["public.ix_tasks_id_owner", "public.ix_tasks_owner", "public.ix_tasks_owner_state", "public.tasks_pkey"]);
  });

  it("helpers that hand their **kwargs on to op.create_index", async () => {
    assert.deepEqual(await upgraded("kwargs_helpers", KWARGS_HELPERS), ["public.ix_project_id_x", "public.ix_project_lower", "public.ix_project_name", "public.ix_project_owner_hash", "public.ix_project_owner_x", "public.project_pkey"]);
  });

  it("helpers that hand their *args on to op.create_index", async () => {
    // The call whose name is not known is said to be dynamic: PostgreSQL would have it, the inventory does not.
    const files = { ...ARGS_HELPERS, "migrations/versions/a1_init.py": ARGS_HELPERS["migrations/versions/a1_init.py"]!.replace(/ {4}create_index\(index_name.*\n/, "") };
    assert.deepEqual(await upgraded("args_helpers", files), ["public.ix_t_a", "public.ix_t_b", "public.ix_t_c", "public.ix_t_lower_b", "public.t_pkey"]);
  });

  it("Columns and constraints functions return (id_column(), fk_column(name, unique=) of a project module)", async () => {
    assert.deepEqual(await upgraded("column_helpers", COLUMN_HELPERS), ["public.a_code_key", "public.a_pkey", "public.ix_a_owner_id", "public.ix_a_parent_id", "public.uq_a_id_code"]);
  });

  it("attributes of a model class imported from the project (MLflow's SqlDataset.__tablename__)", async () => {
    // ix_x_built is said to be dynamic (Names.BUILT is not a literal): PostgreSQL has it, the inventory does not.
    const files = { ...IMPORTED_CLASSES, "migrations/versions/a1_init.py": IMPORTED_CLASSES["migrations/versions/a1_init.py"]!.replace(/ {4}op\.create_index\(f"ix_\{Names\.BUILT\}".*\n/, "") };
    assert.deepEqual(await upgraded("imported_classes", files), ["public.archive_items_pkey", "public.built_pkey", "public.dataset_pk", "public.index_datasets_dataset_uuid"]);
  });

  it("a helper in a module on alembic.ini's prepend_sys_path", async () => {
    assert.deepEqual(await upgraded("sys_path_helpers", SYS_PATH_HELPERS, { ini: "prepend_sys_path = src\n" }), ["public.ix_t_a", "public.t_pkey"]);
    assert.deepEqual(await upgraded("reexported_helpers", REEXPORTED_HELPERS, { ini: "prepend_sys_path = src\n" }), ["public.ix_t_a", "public.t_pkey", "public.uq_t_b"]);
  });

  it("keys and predicates written as SQLAlchemy expressions: drop_column takes the indexes that use the column; unnamed indexes with text() keys", async () => {
    const revision = [
      "from alembic import op",
      "import sqlalchemy as sa",
      "from sqlalchemy.dialects import postgresql",
      "",
      'revision = "a1"',
      "down_revision = None",
      "",
      "",
      "def upgrade():",
      "    op.create_table(",
      '        "t",',
      '        sa.Column("id", sa.Integer, primary_key=True),',
      '        sa.Column("a", sa.String),',
      '        sa.Column("b", sa.String),',
      '        sa.Column("c", sa.Integer),',
      '        sa.Column("d", sa.Boolean),',
      '        sa.Column("s", sa.DateTime),',
      '        sa.Column("e", sa.DateTime),',
      '        sa.Index("ix_t_lower_a", sa.func.lower(sa.column("a"))),',
      '        sa.Index(None, sa.text("upper(b)")),',
      '        postgresql.ExcludeConstraint((sa.func.tsrange(sa.column("s"), sa.column("e")), "&&"), where=sa.column("c") > 0, name="ex_t_period"),',
      "    )",
      '    op.create_index("ix_t_b_desc", "t", [sa.desc("b")])',
      '    op.create_index(None, "t", [sa.text("lower(b)"), "id"])',
      '    op.create_index("ix_t_a_nulls", "t", [sa.column("a").desc().nulls_last()], postgresql_where=sa.column("c") != None)',
      '    op.create_index("ix_t_live", "t", ["id"], postgresql_where=sa.and_(sa.column("d") == True, sa.or_(sa.column("c") > 5, sa.column("a") == "x")))',
      '    op.create_index("ix_t_c1", "t", [sa.column("c") + 1], postgresql_where=~sa.column("d") & sa.column("b").isnot(None))',
      '    op.create_index("ix_t_in", "t", [sa.func.coalesce(sa.column("b"), "")], postgresql_where=sa.column("c").notin_([1, 2]) | sa.not_(sa.column("c") == 3))',
      '    op.drop_column("t", "a")',
      '    op.drop_column("t", "d")',
      "",
    ].join("\n");
    assert.deepEqual(await upgraded("sa_expressions", { "migrations/versions/a1_init.py": revision }), ["public.ex_t_period", "public.ix_", "public.ix_t_b_desc", "public.ix_t_in", "public.ix_t_lower(b)", "public.t_pkey"]);
  });

  it('a batch_alter_table(recreate="always") whose table has no index SQLAlchemy cannot reflect', async () => {
    assert.deepEqual(await upgraded("batch_recreate", BATCH_RECREATE), ["public.ix_t_ab", "public.ix_t_b", "public.t_pkey", "public.uq_t_ab"]);
  });
});

describe("alembic upgrade head names constraints by the metadata env.py passes to context.configure(), as the inventory does", { skip }, () => {
  const PROJECT = ["public.pk_t", "public.uq_t_a"];
  const DEFAULT = ["public.t_a_key", "public.t_pkey"];

  it("target_metadata=None, though env.py imports a module declaring a convention; a list of MetaData", async () => {
    assert.deepEqual(await upgraded("target_none", TARGET_NONE), DEFAULT);
    assert.deepEqual(await upgraded("target_list", TARGET_LIST), DEFAULT);
  });

  it("the MetaData passed, not the first one env.py makes; models.Base.metadata through a submodule and a star import", async () => {
    assert.deepEqual(await upgraded("target_second", TARGET_SECOND), PROJECT);
    assert.deepEqual(await upgraded("target_declarative", TARGET_DECLARATIVE), PROJECT);
  });

  it("models.base.Base.metadata with models a package that only imports from base; registry(metadata=...).generate_base()", async () => {
    assert.deepEqual(await upgraded("target_package_submodule", TARGET_PACKAGE_SUBMODULE), PROJECT);
  });

  it("alembic.ini's prepend_sys_path = src", async () => {
    assert.deepEqual(await upgraded("prepend_sys_path", PREPEND_SYS_PATH, { ini: "prepend_sys_path = src\n" }), PROJECT);
  });

  it("Flask-Migrate's env.py: the app's SQLAlchemy(metadata=...), db.Model.metadata.naming_convention = ..., SQLAlchemy(model_class=...), SQLAlchemy()", async () => {
    const harness = { harness: FLASK_STANDINS };
    assert.deepEqual(await upgraded("flask_metadata", FLASK_METADATA, harness), PROJECT);
    assert.deepEqual(await upgraded("flask_model_assigned", FLASK_MODEL_ASSIGNED, harness), PROJECT);
    assert.deepEqual(await upgraded("flask_model_class", FLASK_MODEL_CLASS, harness), PROJECT);
    assert.deepEqual(await upgraded("flask_plain", FLASK_PLAIN, harness), DEFAULT);
  });
});
