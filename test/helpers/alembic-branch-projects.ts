import { lines } from "./alembic.js";

/**
 * Alembic projects whose upgrade() runs differently with the database connected
 * than with `--sql` (Alembic's mode, a `return` in a branch, a batch that copies
 * the table): read by the unit tests (test/alembic-branches.test.ts) and run
 * with `alembic upgrade head` on a real PostgreSQL by the end-to-end test
 * (test/e2e/alembic-online.test.ts).
 */

const HEAD = ["from alembic import op, context", "import sqlalchemy as sa", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():"];
const TABLE = '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))';

export const MODE_BRANCHES: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    ...HEAD,
    TABLE,
    "    if context.is_offline_mode():",
    '        op.create_index("ix_offline", "t", ["a"])',
    "    else:",
    '        op.create_index("ix_online", "t", ["a"])',
    "    if not context.is_offline_mode():",
    '        op.create_index("ix_online2", "t", ["b"])',
    "    if op.get_context().as_sql:",
    '        op.create_index("ix_as_sql", "t", ["b"])',
    "    offline = context.is_offline_mode()",
    "    if offline:",
    '        op.create_index("ix_offline2", "t", ["a", "b"])',
    '    op.create_index("ix_always", "t", ["b", "a"])',
  ),
};

export const RETURN_IN_BRANCH: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    ...HEAD,
    TABLE,
    "    bind = op.get_bind()",
    '    if bind.dialect.name == "sqlite":',
    '        op.create_index("ix_sqlite_only", "t", ["a"])',
    "        return",
    '    op.create_index("ix_after_ifs", "t", ["b"])',
    '    if bind.dialect.name == "postgresql":',
    '        op.create_index("ix_pg", "t", ["a", "b"])',
    "        # done on PostgreSQL",
    "        return",
    '        op.create_index("ix_after_return", "t", ["b", "a"])',
    '    op.create_index("ix_not_pg", "t", ["b", "a"])',
  ),
};

export const EVERY_BRANCH_RETURNS: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    ...HEAD,
    TABLE,
    '    if op.get_bind().dialect.name == "mysql":',
    '        op.create_index("ix_mysql", "t", ["a"])',
    "        return",
    "    else:",
    '        op.create_index("ix_other", "t", ["b"])',
    "        return",
    '    op.create_index("ix_never", "t", ["a", "b"])',
  ),
  "migrations/versions/a2_next.py": lines(
    "from alembic import op, context",
    'revision = "a2"',
    'down_revision = "a1"',
    "def upgrade():",
    "    if not context.is_offline_mode():",
    '        raise RuntimeError("run this one with --sql")',
    '    op.create_index("ix_offline_only", "t", ["b", "a"])',
  ),
};

export const BATCH_RECREATE: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    ...HEAD,
    TABLE,
    '    op.create_index("ix_t_a", "t", ["a"])',
    '    with op.batch_alter_table("t", recreate="always") as batch_op:',
    '        batch_op.create_index("ix_t_b", ["b"])',
    '        batch_op.drop_index("ix_t_a")',
    '        batch_op.create_unique_constraint("uq_t_ab", ["a", "b"])',
    '    with op.batch_alter_table("t", recreate="auto") as batch_op:',
    '        batch_op.create_index("ix_t_ab", ["a", "b"])',
  ),
};

const IMPORTS = ["from alembic import op", "import sqlalchemy as sa", "from sqlalchemy import inspect"];

/** A revision `name` after `down` (none: a root) whose upgrade() is `body`. */
function revision(name: string, down: string | null, ...body: string[]): string {
  return lines(...IMPORTS, `revision = "${name}"`, `down_revision = ${down === null ? "None" : `"${down}"`}`, "", "def upgrade():", ...body);
}

/**
 * Revisions made idempotent with SQLAlchemy's inspector (runs on SQLAlchemy
 * 1.4 and 2.0): a list of index names taken once, `has_table`,
 * `get_table_names`, a dialect's `has_table` (of a table dropped before),
 * an `if …: return`, and a helper that asks a new inspector each time it is
 * called.
 */
export const INSPECTOR_GUARDS: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer), sa.Column("c", sa.Integer))',
    '    op.create_index("ix_t_a", "t", ["a"])',
    '    op.create_table("ghost", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    '    op.drop_table("ghost")',
    // Whether a table no statement makes or drops is there is not known (it may predate the revisions): audit is known to be gone.
    '    op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True))',
    '    op.drop_table("audit")',
  ),
  "migrations/versions/a2_guards.py": revision(
    "a2",
    "a1",
    "    bind = op.get_bind()",
    "    inspector = inspect(bind)",
    '    existing = [ix["name"] for ix in inspector.get_indexes("t")]',
    '    if "ix_t_a" not in existing:',
    '        op.create_index("ix_t_a", "t", ["b"])',
    '    if "ix_t_b" not in existing:',
    '        op.create_index("ix_t_b", "t", ["b"])',
    '    if not inspector.has_table("audit"):',
    '        op.create_table("audit", sa.Column("id", sa.Integer, primary_key=True), sa.Column("at", sa.DateTime, index=True))',
    // A new inspector: one asked before may answer from what it kept.
    '    if sa.inspect(bind).has_table("t"):',
    '        op.create_index("ix_t_c", "t", ["c"])',
    "    else:",
    '        op.create_index("ix_never", "t", ["c"])',
    '    if "t" in sa.inspect(bind).get_table_names() and "ghost" not in sa.inspect(bind).get_table_names():',
    '        op.create_index("ix_t_ab", "t", ["a", "b"])',
    '    if bind.dialect.has_table(bind, "ghost"):',
    '        op.create_index("ix_ghost", "ghost", ["a"])',
    "    else:",
    '        op.create_index("ix_t_bc", "t", ["b", "c"])',
  ),
  "migrations/versions/a3_return.py": revision(
    "a3",
    "a2",
    "    inspector = sa.inspect(op.get_bind())",
    '    if inspector.has_table("audit"):',
    "        return",
    // Never sent: no concurrently-in-transaction either.
    '    op.create_index("ix_unreached", "t", ["a", "c"], postgresql_concurrently=True)',
  ),
  "migrations/versions/a4_helper.py": lines(
    ...IMPORTS,
    'revision = "a4"',
    'down_revision = "a3"',
    "",
    "def ensure_index(name, table, columns):",
    "    insp = inspect(op.get_bind())",
    '    if name in [i["name"] for i in insp.get_indexes(table)]:',
    "        return",
    "    op.create_index(name, table, columns)",
    "",
    "def upgrade():",
    '    ensure_index("ix_t_a", "t", ["c"])',
    '    ensure_index("ix_t_ac", "t", ["a", "c"])',
    '    ensure_index("ix_t_ac", "t", ["c"])',
  ),
  // A test inside a block that runs on a test: the inner one is asked when it is reached, the table made by then.
  "migrations/versions/a5_nested.py": revision(
    "a5",
    "a4",
    "    inspector = inspect(op.get_bind())",
    '    if not inspector.has_table("n"):',
    '        op.create_table("n", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    '        if "ix_n_a" not in [i["name"] for i in inspector.get_indexes("n")]:',
    '            op.create_index("ix_n_a", "n", ["a"])',
  ),
};

/**
 * Revisions that ask the inspector which columns a table has before they add
 * a column, index it or drop an index (as teams keep a revision safe to run
 * on a database made by the ORM): a list of column names taken once, `any()`
 * over `get_columns`, and a helper that asks a new inspector each time. The
 * tables are made by create_table, so replay knows their columns through
 * add_column, drop_column and a rename by alter_column.
 */
export const COLUMN_GUARDS: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
    '    op.create_index("ix_t_a", "t", ["a"])',
  ),
  "migrations/versions/a2_taken_once.py": revision(
    "a2",
    "a1",
    "    inspector = sa.inspect(op.get_bind())",
    '    columns = [c["name"] for c in inspector.get_columns("t")]',
    '    if "c" not in columns:',
    '        op.add_column("t", sa.Column("c", sa.Integer))',
    '        op.create_index("ix_t_c", "t", ["c"])',
    // Adding c and indexing it changes no answer about other columns.
    '    if "legacy" in columns:',
    '        op.drop_index("ix_t_a", table_name="t")',
    '    if "a" in columns:',
    '        op.create_index("ix_t_ab", "t", ["a", "b"])',
    "    else:",
    '        op.create_index("ix_never", "t", ["b"])',
    // The list was taken before c was added: a test of c is then not decided (read as it runs).
    '    if "c" not in columns:',
    '        op.create_index("ix_t_c_again", "t", ["c", "a"])',
  ),
  "migrations/versions/a3_helper.py": lines(
    ...IMPORTS,
    'revision = "a3"',
    'down_revision = "a2"',
    "",
    "def column_exists(table, column):",
    "    insp = inspect(op.get_bind())",
    '    return any(c["name"] == column for c in insp.get_columns(table))',
    "",
    "def upgrade():",
    '    with op.batch_alter_table("t") as batch_op:',
    '        batch_op.add_column(sa.Column("d", sa.Integer))',
    '    if column_exists("t", "d"):',
    '        op.create_index("ix_t_d", "t", ["d"])',
    '    if not column_exists("t", "e"):',
    '        op.create_index("ix_t_bd", "t", ["b", "d"])',
    '    op.drop_column("t", "b")',
    '    if column_exists("t", "b"):',
    '        op.create_index("ix_t_b_again", "t", ["a", "b"])',
    '    op.alter_column("t", "c", new_column_name="c2")',
    '    if column_exists("t", "c2") and not column_exists("t", "c"):',
    '        op.create_index("ix_t_c2", "t", ["c2", "d"])',
  ),
};

/**
 * A list of a table's index names taken once, then tested before each index
 * is made (as teams make a revision safe to run again): making one index
 * changes no answer about another, nor about tables; a key PostgreSQL names
 * (`create_unique_constraint(None, ...)`) may take any name, so a test after
 * it is not decided, nor is a test of a name made since the list was taken.
 */
export const INDEX_LIST_SEQUENCE: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer), sa.Column("c", sa.Integer))',
    '    op.create_index("ix_t_b", "t", ["b"])',
    // Made and dropped: replay knows u is not there.
    '    op.create_table("u", sa.Column("id", sa.Integer, primary_key=True))',
    '    op.drop_table("u")',
  ),
  "migrations/versions/a2_sequence.py": revision(
    "a2",
    "a1",
    "    inspector = sa.inspect(op.get_bind())",
    '    indexes = [i["name"] for i in inspector.get_indexes("t")]',
    "    tables = inspector.get_table_names()",
    '    if "ix_t_a" not in indexes:',
    '        op.create_index("ix_t_a", "t", ["a"])',
    '    if "ix_t_b" not in indexes:',
    '        op.create_index("ix_t_b", "t", ["b", "a"])',
    '    if "ix_t_c" not in indexes:',
    '        op.create_unique_constraint("uq_t_c", "t", ["c"])',
    '        op.create_index("ix_t_c", "t", ["c", "b"])',
    '    if "ix_t_a" not in indexes:',
    '        op.create_index("ix_t_a2", "t", ["a", "c"])',
    '    if "u" in tables:',
    '        op.create_index("ix_t_cab", "t", ["c", "a", "b"])',
    '    if "u" not in tables:',
    '        op.create_table("u", sa.Column("id", sa.Integer, primary_key=True))',
    '    op.create_unique_constraint(None, "t", ["a", "b"])',
    '    if "t_a_b_key" not in indexes:',
    '        op.create_index("ix_t_ab", "t", ["a", "b", "c"])',
  ),
};

/**
 * A revision adds a column the reader cannot read (a Column from a module
 * the project does not hold): which columns any table has is then not known,
 * and a test of a column is not decided; both branches are read.
 */
export const COLUMN_GUARDS_UNSEEN: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    ...IMPORTS,
    'revision = "a1"',
    "down_revision = None",
    "",
    "from app.columns import audit_column",
    "",
    "def upgrade():",
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    '    op.add_column("t", audit_column())',
  ),
  "migrations/versions/a2_test.py": revision(
    "a2",
    "a1",
    '    if "a" in [c["name"] for c in sa.inspect(op.get_bind()).get_columns("t")]:',
    '        op.create_index("ix_t_a", "t", ["a"])',
    "    else:",
    '        op.create_index("ix_t_id_a", "t", ["id", "a"])',
  ),
};

/**
 * SQLAlchemy's `get_unique_constraints` lists a table's UNIQUE constraints
 * only: a plain index or a unique index of the name is not among them (as an
 * OpenStack revision asks before it drops an index).
 */
export const UNIQUE_CONSTRAINT_GUARDS: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer), sa.Column("c", sa.Integer), sa.UniqueConstraint("a", name="uq_t_a"))',
    '    op.create_index("ix_t_b", "t", ["b"])',
    '    op.create_index("ux_t_c", "t", ["c"], unique=True)',
  ),
  "migrations/versions/a2_drop.py": revision(
    "a2",
    "a1",
    "    inspector = sa.inspect(op.get_bind())",
    '    uniques = [uc["name"] for uc in inspector.get_unique_constraints("t")]',
    '    if "ix_t_b" in uniques:',
    '        op.drop_index("ix_t_b", table_name="t")',
    '    if any(uc["name"] == "ux_t_c" for uc in inspector.get_unique_constraints("t")):',
    '        op.drop_index("ux_t_c", table_name="t")',
    '    if "uq_t_a" in uniques:',
    '        op.drop_constraint("uq_t_a", "t", type_="unique")',
  ),
};

/**
 * `get_pk_constraint` asks whether a table has a primary key, whatever its
 * name (octavia adds one to a table only when it has none): the dict's
 * `constrained_columns` or `name`, tested for truth, taken once in a name or
 * asked inline, with `.get()`; the last asks a new inspector, since the first
 * may answer from what it kept.
 */
export const PRIMARY_KEY_GUARDS: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("spares", sa.Column("updated_at", sa.DateTime(), primary_key=True), sa.Column("a", sa.Integer))',
    '    op.create_table("bare", sa.Column("id", sa.Integer, nullable=False), sa.Column("a", sa.Integer))',
  ),
  "migrations/versions/a2_keys.py": revision(
    "a2",
    "a1",
    "    inspector = sa.inspect(op.get_bind())",
    '    pk = inspector.get_pk_constraint("spares")',
    '    if not pk["constrained_columns"]:',
    '        op.create_primary_key("pk_spares", "spares", ["updated_at"])',
    '    if not inspector.get_pk_constraint("bare").get("name"):',
    '        op.create_primary_key("pk_bare", "bare", ["id"])',
    '    if sa.inspect(op.get_bind()).get_pk_constraint("spares")["name"]:',
    '        op.create_index("ix_spares_a", "spares", ["a"])',
    "    else:",
    '        op.create_index("ix_spares_never", "spares", ["a"])',
  ),
};

/**
 * A primary key dropped by the name the inspector gives it (neutron's
 * ml2_port_bindings, octavia's spares_pool): whatever replay calls it, the
 * table's key goes, and a new one takes its place. The inspector asked about
 * another table names that table's key, which is not the one dropped: said.
 */
export const PRIMARY_KEY_DROPPED_BY_ASKED_NAME: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("bindings", sa.Column("port_id", sa.String(36), primary_key=True), sa.Column("host", sa.String(255), nullable=False, server_default=""))',
    '    op.create_table("pool", sa.Column("id", sa.Integer), sa.Column("b", sa.Integer), sa.PrimaryKeyConstraint("id", name="pool_key"))',
    '    op.create_table("other", sa.Column("id", sa.Integer, primary_key=True))',
  ),
  "migrations/versions/a2_keys.py": revision(
    "a2",
    "a1",
    "    inspector = sa.inspect(op.get_bind())",
    '    pk_constraint = inspector.get_pk_constraint("bindings")',
    '    op.drop_constraint(pk_constraint.get("name"), "bindings", type_="primary")',
    '    op.create_primary_key(op.f("pk_bindings"), "bindings", ["port_id", "host"])',
    '    name = sa.inspect(op.get_bind()).get_pk_constraint("pool")["name"]',
    '    op.drop_constraint(name, "pool", type_="primary")',
    '    op.create_primary_key("pool_pkey", "pool", ["id", "b"])',
  ),
};

/**
 * Inspector tests whose answer differs from what replay sees at first sight
 * (each run with `alembic upgrade head` on SQLAlchemy 1.4 too): an if/else
 * and an `if …: return` answered once for both branches, an expression index
 * (SQLAlchemy 1.4 does not list it, 2.0 does), a materialized view (not a
 * table to `get_table_names`), an inspector asked again after a statement
 * that may change its answer (it may answer from what it kept).
 */
export const INSPECTOR_EDGES: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    "a1",
    null,
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Text))',
    '    op.create_table("u", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    '    op.drop_table("u")',
    '    op.create_table("v", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    '    op.drop_table("v")',
    '    op.execute("CREATE INDEX ix_t_lower ON t (lower(b))")',
    '    op.execute("CREATE MATERIALIZED VIEW mv AS SELECT id, a FROM t")',
  ),
  "migrations/versions/a2_edges.py": revision(
    "a2",
    "a1",
    '    if not inspect(op.get_bind()).has_table("u"):',
    '        op.create_table("u", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    "    else:",
    '        op.create_index("ix_u_a", "u", ["a"])',
    '    if "ix_t_lower" not in [i["name"] for i in inspect(op.get_bind()).get_indexes("t")]:',
    '        op.create_index("ix_t_other", "t", ["a"])',
    '    if "mv" not in inspect(op.get_bind()).get_table_names():',
    '        op.create_index("ix_t_mv", "t", ["a", "b"])',
    "    insp = inspect(op.get_bind())",
    '    if "ix_q" not in [i["name"] for i in insp.get_indexes("t")]:',
    '        op.create_index("ix_q", "t", ["b", "a"])',
    "    if \"ix_q\" not in [i['name'] for i in insp.get_indexes('t')]:",
    '        op.create_index("ix_q3", "t", ["id"])',
  ),
  "migrations/versions/a3_exits.py": revision(
    "a3",
    "a2",
    '    if not inspect(op.get_bind()).has_table("v"):',
    '        op.create_table("v", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    "        return",
    '    op.create_index("ix_v_a", "v", ["a"])',
  ),
};

const EDGES_BASE = {
  "migrations/versions/a1_init.py": INSPECTOR_EDGES["migrations/versions/a1_init.py"]!,
};



/**
 * A test about a table SQLAlchemy built itself with Table(...).create(),
 * which replay decides, and tests whose answer replay cannot know, which
 * therefore decide nothing: a PRIMARY KEY that took an index over
 * (get_indexes leaves it out), and
 * (`INSPECTOR_UNKNOWNS` only, not run: replay reads both branches of the first
 * `if`, as before) what a statement that may not have run changed, and a
 * changed search_path.
 */
export const INSPECTOR_BUILT_ELSEWHERE: Record<string, string> = {
  ...EDGES_BASE,
  "migrations/versions/a2_table_create.py": revision(
    "a2",
    "a1",
    '    sa.Table("u", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer)).create(op.get_bind())',
    '    if not inspect(op.get_bind()).has_table("u"):',
    '        op.create_table("u", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    "    else:",
    '        op.create_index("ix_u_a", "u", ["a"])',
  ),
  "migrations/versions/a3_pk_using_index.py": revision(
    "a3",
    "a2",
    '    op.execute("CREATE TABLE w (id int NOT NULL, a int)")',
    '    op.execute("CREATE UNIQUE INDEX w_pk ON w (id)")',
    '    op.execute("ALTER TABLE w ADD CONSTRAINT w_pk PRIMARY KEY USING INDEX w_pk")',
    '    if "w_pk" not in [i["name"] for i in inspect(op.get_bind()).get_indexes("w")]:',
    '        op.create_index("ix_w_a", "w", ["a"])',
  ),
};

export const INSPECTOR_UNKNOWNS: Record<string, string> = {
  ...INSPECTOR_BUILT_ELSEWHERE,
  "migrations/versions/a4_maybe.py": revision(
    "a4",
    "a3",
    '    if inspect(op.get_bind()).has_table("external"):',
    '        op.create_table("v", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
    '    if not inspect(op.get_bind()).has_table("v"):',
    '        op.create_index("ix_v_a", "v", ["a"])',
    '    if op.get_context().opts.get("legacy"):',
    '        op.drop_table("w")',
    '    if inspect(op.get_bind()).has_table("w"):',
    '        op.create_index("ix_w_id", "w", ["id"])',
  ),
  "migrations/versions/a5_search_path.py": revision(
    "a5",
    "a4",
    '    op.execute("SET search_path TO s, public")',
    '    if inspect(op.get_bind()).has_table("t"):',
    '        op.create_index("ix_t_ab2", "t", ["a", "b"])',
  ),
  "migrations/versions/a6_create_all.py": revision(
    "a6",
    "a5",
    "    m = sa.MetaData()",
    '    sa.Table("x", m, sa.Column("id", sa.Integer, primary_key=True))',
    "    m.create_all(op.get_bind())",
    '    if inspect(op.get_bind()).has_table("t"):',
    '        op.create_index("ix_t_b2", "t", ["b"])',
  ),
};

/**
 * Dialect tests the reader decides besides `.dialect.name ==`: isinstance() with
 * classes of `sqlalchemy.dialects`, a function returning the dialect's name,
 * the URL's driver and backend names, `startswith`.
 */
export const DIALECT_CLASSES: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    "from alembic import op",
    "import sqlalchemy as sa",
    "from sqlalchemy.dialects import sqlite",
    "from sqlalchemy.dialects.mysql.base import MySQLDialect",
    "from sqlalchemy.dialects.postgresql.base import PGDialect",
    "from sqlalchemy.dialects.sqlite.base import SQLiteDialect",
    "",
    'revision = "a1"',
    "down_revision = None",
    "",
    "",
    "def get_dialect_name():",
    "    return op.get_bind().dialect.name",
    "",
    "",
    "def upgrade():",
    TABLE,
    "    bind = op.get_bind()",
    "    if isinstance(bind.dialect, SQLiteDialect):",
    '        op.create_index("ix_sqlite", "t", ["a"])',
    "    if isinstance(bind.dialect, (MySQLDialect, sqlite.dialect)):",
    '        op.create_index("ix_mysql", "t", ["b"])',
    "    if isinstance(op.get_bind().dialect, PGDialect):",
    '        op.create_index("ix_pg_class", "t", ["a", "b"])',
    '    if get_dialect_name() == "mysql":',
    '        op.create_index("ix_mysql_name", "t", ["b", "a"])',
    '    if get_dialect_name() in ("postgresql", "sqlite"):',
    '        op.create_index("ix_pg_name", "t", ["a", "id"])',
    '    if bind.engine.url.drivername.startswith("postgresql"):',
    '        op.create_index("ix_pg_driver", "t", ["b", "id"])',
    '    if bind.engine.url.drivername == "mysql+pymysql":',
    '        op.create_index("ix_mysql_driver", "t", ["id", "a"])',
    '    if bind.engine.url.get_backend_name() != "postgresql":',
    '        op.create_index("ix_not_pg_backend", "t", ["id", "b"])',
    '    if bind.dialect.name.startswith("sqlite"):',
    '        op.create_index("ix_sqlite_prefix", "t", ["id"])',
  ),
};

/**
 * `if`s the reader does not decide (a feature switch from the environment, a
 * row count): every branch is read, each create listed with the condition
 * as its guard; after an undecided `if …: return`, the guard is its negation.
 * Run here as PostgreSQL takes them (the switch on, a small table).
 */
export const UNDECIDED_IFS: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    "import os",
    "",
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    'revision = "a1"',
    "down_revision = None",
    "",
    "",
    "def feature_enabled():",
    '    return os.environ.get("INDEX_AUDIT_FEATURE", "1") == "1"',
    "",
    "",
    "def table_is_big(bind):",
    '    count = bind.execute(sa.text("SELECT count(*) FROM t")).scalar()',
    "    return count > 1000",
    "",
    "",
    "def upgrade():",
    TABLE,
    "    bind = op.get_bind()",
    '    if bind.dialect.name == "postgresql":',
    '        op.create_index("ix_pg", "t", ["a"])',
    "    if feature_enabled():",
    '        op.create_index("ix_feature", "t", ["b"])',
    "    if table_is_big(bind):",
    "        return",
    '    op.create_index("ix_small", "t", ["b", "a"])',
  ),
};

/** Ifs decided by values the reader knows (a loop variable, a module constant), and a loop's `continue` and `break`. */
export const STATIC_IFS: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    'revision = "a1"',
    "down_revision = None",
    'TABLES = ("alpha", "beta")',
    'SKIP = {"beta"}',
    "EXTRA = False",
    "",
    "",
    "def upgrade():",
    "    for table in TABLES:",
    '        op.create_table(table, sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.Integer))',
    '        if table == "alpha":',
    '            op.create_index(f"ix_{table}_only", table, ["x"])',
    "        if table in SKIP:",
    "            continue",
    '        op.create_index(f"ix_{table}_kept", table, ["x", "id"])',
    "    for table in TABLES:",
    "        if table not in SKIP:",
    '            op.create_index(f"ix_{table}_in", table, ["id", "x"])',
    "        elif EXTRA is None:",
    '            op.create_index(f"ix_{table}_none", table, ["id"])',
    "        else:",
    '            op.create_index(f"ix_{table}_else", table, ["id", "x"])',
    "            break",
    '        op.create_index(f"ix_{table}_after", table, ["x", "id"], unique=True)',
    "    else:",
    '        op.create_index("ix_not_broken", "alpha", ["x"])',
    "    if EXTRA:",
    '        op.create_index("ix_extra", "alpha", ["x"], unique=True)',
    "    for table in TABLES:",
    "        if op.get_bind().dialect.name != \"postgresql\":",
    "            continue",
    "        if table == \"beta\":",
    "            return",
    '        op.create_index(f"ix_{table}_pg", table, ["id", "x"])',
    '    op.create_index("ix_never", "alpha", ["id"])',
  ),
};

/** After STATIC_IFS: keywords from a loop's dict items (`**spec`), a dict comprehension; `dict.get`, `len`, `<` / `>` and `enumerate(..., start=)`; a script run piece by piece (`SCRIPT.split(";")`). */
export const LOOP_DATA: Record<string, string> = {
  "migrations/versions/a2_loop_data.py": lines(
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    'revision = "a2"',
    'down_revision = "a1"',
    "SPECS = [",
    '    {"index_name": "ix_d_a", "table_name": "d", "columns": ["a"]},',
    '    dict(index_name="ix_d_b", table_name="d", columns=["b"], unique=True),',
    '    {"index_name": "ix_d_ab", "table_name": "d", "columns": ["a", "b"], "unique": True},',
    "]",
    'BY_NAME = {f"ix_d_{c}_id": [c, "id"] for c in ("a", "b") if c != "b"}',
    "",
    "",
    "def upgrade():",
    '    op.create_table("d", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
    "    for spec in SPECS:",
    "        op.create_index(**spec)",
    "    for name, cols in BY_NAME.items():",
    '        op.create_index(name, "d", cols)',
  ),
  "migrations/versions/a3_lookups.py": lines(
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    'revision = "a3"',
    'down_revision = "a2"',
    'TABLES = ["e1", "e2"]',
    'UNIQUE = {"e1": True}',
    "",
    "",
    "def upgrade():",
    "    for i, table in enumerate(TABLES, start=1):",
    '        op.create_table(table, sa.Column("id", sa.Integer, primary_key=True), sa.Column("x", sa.Integer))',
    '        op.create_index(f"ix_{table}_x", table, ["x"], unique=UNIQUE.get(table, False))',
    "        if i > 1:",
    '            op.create_index(f"ix_{table}_second", table, ["x", "id"])',
    "    if len(TABLES) >= 3:",
    '        op.create_index("ix_e1_many", "e1", ["id", "x"])',
    '    if not UNIQUE.get("e2"):',
    '        op.create_index("ix_e2_plain", "e2", ["id", "x"])',
  ),
  "migrations/versions/a4_script.py": lines(
    "from alembic import op",
    "",
    'revision = "a4"',
    'down_revision = "a3"',
    'SCRIPT = """',
    "CREATE TABLE f (id serial PRIMARY KEY, a int, b text);",
    "CREATE INDEX ix_f_a ON f (a);",
    "CREATE UNIQUE INDEX ix_f_b ON f (b)",
    '"""',
    "",
    "",
    "def upgrade():",
    '    for statement in SCRIPT.split(";"):',
    "        if statement.strip():",
    "            op.execute(statement)",
  ),
};

/**
 * Tables SQLAlchemy builds itself, `sa.Table(...).create(bind)` and
 * `.drop(bind)`: a loop over Tables declared in the revision (an OpenStack
 * initial revision), names from the Table's own MetaData's convention, and
 * tables in another schema, one of them dropped again.
 */
export const TABLE_CREATE: Record<string, string> = {
  "migrations/versions/a0_bound.py": revision(
    "a0",
    null,
    "    bind = op.get_bind()",
    "    meta = sa.MetaData()",
    "    meta.bind = bind",
    '    quotas = sa.Table("quotas", meta, sa.Column("id", sa.Integer, primary_key=True), sa.Column("project_id", sa.String(255), index=True))',
    "    quotas.create(bind)",
  ),
  "migrations/versions/a1_init.py": revision(
    "a1",
    "a0",
    "    bind = op.get_bind()",
    '    meta = sa.MetaData(naming_convention={"ix": "idx_%(column_0_label)s", "uq": "uq_%(table_name)s_%(column_0_name)s"})',
    "    services = sa.Table(",
    '        "services", meta,',
    '        sa.Column("id", sa.Integer, primary_key=True),',
    '        sa.Column("host", sa.String(255), index=True),',
    '        sa.Column("topic", sa.String(255)),',
    '        sa.UniqueConstraint("host", "topic"),',
    '        mysql_engine="InnoDB",',
    "    )",
    "    shares = sa.Table(",
    '        "shares", meta,',
    '        sa.Column("id", sa.String(36), primary_key=True),',
    '        sa.Column("service_id", sa.Integer, sa.ForeignKey("services.id")),',
    '        sa.Column("name", sa.String(255), unique=True),',
    '        sa.Index("shares_name_lower", sa.text("lower(name)")),',
    "    )",
    "    tables = [services, shares]",
    "    for table in tables:",
    "        table.create(bind)",
    '    op.execute("CREATE SCHEMA stage")',
    '    tmp = sa.Table("tmp", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("k", sa.Integer, unique=True), schema="stage")',
    "    tmp.create(bind)",
    '    keep = sa.Table("keep", sa.MetaData(), sa.Column("id", sa.Integer, primary_key=True), sa.Column("k", sa.Integer, index=True), schema="stage")',
    "    keep.create(bind)",
    "    tmp.drop(bind)",
  ),
};
