import { lines, REVISION_HEAD } from "./alembic.js";

/**
 * Alembic projects whose revisions build their tables through the project's
 * own helpers (Superset's `add_columns` / `create_table`, a helper that
 * hands its `**kwargs` on, a helper returning a Column): read by the unit
 * tests (test/alembic-helpers.test.ts) and run with `alembic upgrade head`
 * on a real PostgreSQL by the end-to-end test (test/e2e/alembic-online.test.ts).
 */

/** A revision `a1` (a root) importing `imports`, whose upgrade() is `body`. */
function revision(imports: readonly string[], ...body: string[]): string {
  return lines("from alembic import op", "import sqlalchemy as sa", ...imports, "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():", ...body);
}

/** Superset's superset/migrations/shared/utils.py helpers as they are (has_table, table_has_column, create_table, add_columns), and a list-parameter variant. */
const SUPERSET_UTILS = lines(
  "import logging",
  "",
  "import sqlalchemy as sa",
  "from alembic import op",
  "from sqlalchemy import Column, inspect",
  "from sqlalchemy.sql.schema import SchemaItem",
  "",
  'logger = logging.getLogger("alembic")',
  "",
  "",
  "def has_table(table_name: str) -> bool:",
  "    insp = inspect(op.get_context().bind)",
  "    table_exists = insp.has_table(table_name)",
  "    return table_exists",
  "",
  "",
  "def table_has_column(table_name: str, column_name: str) -> bool:",
  "    insp = inspect(op.get_context().bind)",
  "    try:",
  '        return any(col["name"] == column_name for col in insp.get_columns(table_name))',
  "    except sa.exc.NoSuchTableError:",
  "        return False",
  "",
  "",
  "def create_table(table_name: str, *columns: SchemaItem) -> None:",
  "    if has_table(table_name=table_name):",
  '        logger.info(f"Table {table_name} already exists. Skipping table creation.")',
  "        return",
  '    logger.info(f"Creating table {table_name}...")',
  "    op.create_table(table_name, *columns)",
  "",
  "",
  "def add_columns(table_name: str, *columns: Column) -> None:",
  "    cols_to_add = []",
  "    for col in columns:",
  "        if table_has_column(table_name=table_name, column_name=col.name):",
  '            logger.info(f"Column {col.name} already present on {table_name}. Skipping.")',
  "        else:",
  "            cols_to_add.append(col)",
  "    with op.batch_alter_table(table_name) as batch_op:",
  "        for col in cols_to_add:",
  "            batch_op.add_column(col)",
  "",
  "",
  "def add_columns_list(table_name, columns):",
  "    cols_to_add = []",
  "    for col in columns:",
  "        cols_to_add.append(col)",
  "    for col in cols_to_add:",
  "        op.add_column(table_name, col)",
);

export const SUPERSET_HELPERS: Record<string, string> = {
  "superset/__init__.py": "",
  "superset/migrations/__init__.py": "",
  "superset/migrations/shared/__init__.py": "",
  "superset/migrations/shared/utils.py": SUPERSET_UTILS,
  "migrations/versions/a1_init.py": revision(
    ["from superset.migrations.shared.utils import add_columns, add_columns_list, create_table"],
    "    create_table(",
    '        "tag_fav",',
    '        sa.Column("id", sa.Integer(), primary_key=True),',
    '        sa.Column("user_id", sa.Integer(), nullable=False, index=True),',
    '        sa.Column("tag_id", sa.Integer(), nullable=False),',
    '        sa.UniqueConstraint("user_id", "tag_id", name="uq_tag_fav"),',
    '        sa.Index("ix_tag_fav_tag", "tag_id"),',
    "    )",
    '    add_columns("tag_fav", sa.Column("uuid", sa.String(36), unique=True), sa.Column("created_on", sa.DateTime(), index=True))',
    '    add_columns_list("tag_fav", [sa.Column("c", sa.Integer(), index=True)])',
    '    for name in ("d", "e"):',
    '        add_columns("tag_fav", sa.Column(name, sa.Integer(), index=True))',
    "    local_add(\"tag_fav\", sa.Column(\"f\", sa.Integer(), unique=True))",
    "",
    "",
    "def local_add(table_name, *columns):",
    "    cols = []",
    "    for col in columns:",
    "        cols.append(col)",
    "    for col in cols:",
    "        op.add_column(table_name, col)",
  ),
};

/**
 * Superset's idempotent index helpers (superset/migrations/shared/utils.py's
 * shape: `table_has_index` asks a fresh inspector, `create_index` /
 * `drop_index` return early on its answer), a `has_table` that holds its
 * answer in a name before returning it, and a revision-local helper asking
 * with `any(...)`. t is made by the revision, so every test is decided but
 * the one a helper asks after doing something else (`print`): that create
 * may not run.
 */
export const SUPERSET_INDEX_HELPERS: Record<string, string> = {
  "superset/__init__.py": "",
  "superset/migrations/__init__.py": "",
  "superset/migrations/shared/__init__.py": "",
  "superset/migrations/shared/utils.py": lines(
    "import logging",
    "",
    "from alembic import op",
    "from sqlalchemy import inspect",
    "",
    'logger = logging.getLogger("alembic")',
    "",
    "",
    "def has_table(table_name: str) -> bool:",
    '    """Whether the table exists."""',
    "    insp = inspect(op.get_context().bind)",
    "    table_exists = insp.has_table(table_name)",
    "    return table_exists",
    "",
    "",
    "def table_has_index(table: str, index: str) -> bool:",
    '    """Whether the table has the index."""',
    "    insp = inspect(op.get_context().bind)",
    '    return any(ind["name"] == index for ind in insp.get_indexes(table))',
    "",
    "",
    "def create_table(table_name, *columns):",
    "    if has_table(table_name=table_name):",
    '        logger.info("Table %s already exists", table_name)',
    "        return",
    "    op.create_table(table_name, *columns)",
    "",
    "",
    "def create_index(table_name, index_name, columns, *, unique=False):",
    "    if table_has_index(table=table_name, index=index_name):",
    '        logger.info("Table %s already has index %s", table_name, index_name)',
    "        return",
    "    op.create_index(table_name=table_name, index_name=index_name, unique=unique, columns=columns)",
    "",
    "",
    "def drop_index(table_name, index_name):",
    "    if not table_has_index(table=table_name, index=index_name):",
    "        return",
    "    op.drop_index(table_name=table_name, index_name=index_name)",
  ),
  "migrations/versions/a1_init.py": revision(
    ["from superset.migrations.shared.utils import create_index, create_table, drop_index"],
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer, index=True))',
    '    create_index("t", "ix_t_a", ["a"])',
    '    create_index("t", "ix_t_a", ["b"], unique=True)',
    '    create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("c", sa.Integer, index=True))',
    '    drop_index("t", "ix_t_b")',
    '    drop_index("t", "ix_t_gone")',
    '    for name, cols in (("ix_t_ab", ["a", "b"]), ("ix_t_a", ["a", "id"])):',
    '        create_index("t", name, cols)',
    '    add_local("ix_t_id", ["id"])',
    '    add_local("ix_t_ab", ["b", "a"])',
    '    add_logged("ix_t_ba", ["b", "a"])',
    "",
    "",
    "def index_exists(name):",
    "    insp = sa.inspect(op.get_bind())",
    '    return any(name == ix["name"] for ix in insp.get_indexes("t"))',
    "",
    "",
    "def add_local(name, columns):",
    "    if not index_exists(name):",
    '        op.create_index(name, "t", columns)',
    "",
    "",
    "def logged_exists(name):",
    '    print("asking")',
    "    return index_exists(name)",
    "",
    "",
    "def add_logged(name, columns):",
    "    if not logged_exists(name):",
    '        op.create_index(name, "t", columns)',
  ),
};

/** Helpers that hand their `**kwargs` on to op.create_index (one in a project module, one in the revision), called with keywords in a loop too. */
export const KWARGS_HELPERS: Record<string, string> = {
  "app/__init__.py": "",
  "app/utils.py": lines(
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    "",
    "def index_exists(name):",
    "    insp = sa.inspect(op.get_bind())",
    '    return any(name in [i["name"] for i in insp.get_indexes(t)] for t in insp.get_table_names())',
    "",
    "",
    "def create_index_if_not_exists(name, table, columns, **kwargs):",
    "    if not index_exists(name):",
    "        op.create_index(name, table, columns, **kwargs)",
  ),
  "migrations/versions/a1_init.py": revision(
    ["from app.utils import create_index_if_not_exists"],
    '    op.create_table("project", sa.Column("id", sa.Integer, primary_key=True), sa.Column("name", sa.String), sa.Column("owner", sa.String))',
    '    create_index_if_not_exists("ix_project_name", "project", ["name"], unique=True)',
    '    for u, col in ((True, "owner"), (False, "id")):',
    '        create_index_if_not_exists(f"ix_project_{col}_x", "project", [col], unique=u, postgresql_where=sa.text("owner IS NOT NULL"))',
    '    create_index_if_not_exists("ix_project_lower", "project", [sa.text("lower(name)")])',
    '    add_index("ix_project_owner_hash", "project", ["owner"], postgresql_using="hash")',
    "",
    "",
    "def add_index(name, table, columns, **kw):",
    "    op.create_index(name, table, columns, **kw)",
  ),
};

/** Helpers that hand their `*args` on to op.create_index (with `**kwargs`, after a named parameter, from a project module), called in a loop too; one caller's name is not known. */
export const ARGS_HELPERS: Record<string, string> = {
  "app/__init__.py": "",
  "app/ops.py": lines("from alembic import op", "", "", "def create_index(*args, **kwargs):", "    op.create_index(*args, **kwargs)"),
  "migrations/versions/a1_init.py": revision(
    ["from app.ops import create_index", "from app.naming import index_name"],
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.String), sa.Column("c", sa.Integer))',
    '    create_index("ix_t_a", "t", ["a"], unique=True)',
    '    for col in ("b", "c"):',
    '        safe_index(f"ix_t_{col}", "t", [col, "id"])',
    '    safe_index("ix_t_lower_b", "t", [sa.text("lower(b)")], postgresql_where=sa.text("c > 0"))',
    '    create_index(index_name("t", "c"), "t", ["c"])',
    "",
    "",
    "def safe_index(name, *args, **kw):",
    "    op.create_index(name, *args, **kw)",
  ),
  "app/naming.py": lines("def index_name(table, column):", '    return "ix_" + table + "_" + column + "_n"'),
};

/** Columns and constraints a function returns (`id_column()`), in the revision or a project module, with arguments. */
export const COLUMN_HELPERS: Record<string, string> = {
  "app/__init__.py": "",
  "app/columns.py": lines(
    "import sqlalchemy as sa",
    "",
    "",
    "def fk_column(name, unique=False):",
    '    """A column other tables point at."""',
    "    return sa.Column(name, sa.Integer, index=not unique, unique=unique)",
  ),
  "migrations/versions/a1_init.py": revision(
    ["from app.columns import fk_column"],
    '    op.create_table("a", id_column(), fk_column("owner_id"), fk_column("code", unique=True), slug_key("a"))',
    '    op.add_column("a", fk_column("parent_id"))',
    "",
    "",
    "def id_column():",
    '    return sa.Column("id", sa.Integer, primary_key=True)',
    "",
    "",
    "def slug_key(table):",
    '    return sa.UniqueConstraint("id", "code", name=f"uq_{table}_id_code")',
  ),
};

/** MLflow's idiom: a model class imported from the project, its `__tablename__` naming the table and its indexes; a class of constants. */
export const IMPORTED_CLASSES: Record<string, string> = {
  "mlflow/__init__.py": "",
  "mlflow/store/__init__.py": "",
  "mlflow/store/dbmodels/__init__.py": "",
  "mlflow/store/dbmodels/models.py": lines(
    "import sqlalchemy as sa",
    "from sqlalchemy.orm import declarative_base",
    "",
    "Base = declarative_base()",
    'PREFIX = "x_"',
    "",
    "",
    "class SqlDataset(Base):",
    '    __tablename__ = "datasets"',
    "    dataset_uuid = sa.Column(sa.String(36), primary_key=True)",
    "",
    "",
    "class Names:",
    '    ARCHIVE = "archive_items"',
    '    BUILT = PREFIX + "built"',
  ),
  "migrations/versions/a1_init.py": revision(
    ["from mlflow.store.dbmodels.models import Names, SqlDataset"],
    "    op.create_table(",
    "        SqlDataset.__tablename__,",
    '        sa.Column("dataset_uuid", sa.String(36), nullable=False),',
    '        sa.Column("experiment_id", sa.Integer, nullable=False),',
    '        sa.Column("name", sa.String(500), nullable=False),',
    '        sa.PrimaryKeyConstraint("experiment_id", "name", name="dataset_pk"),',
    '        sa.Index(f"index_{SqlDataset.__tablename__}_dataset_uuid", "dataset_uuid"),',
    "    )",
    '    op.create_table(Names.ARCHIVE, sa.Column("id", sa.Integer, primary_key=True))',
    '    op.create_table("built", sa.Column("id", sa.Integer, primary_key=True))',
    '    op.create_index(f"ix_{Names.BUILT}", "built", ["id"])',
  ),
};

/** A helper module in src/, found only through alembic.ini's `prepend_sys_path = src` (the ini line is the test's). */
export const SYS_PATH_HELPERS: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(["from dbtools.indexes import add_index"], '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))', '    add_index("t", "a")'),
  "src/dbtools/__init__.py": "",
  "src/dbtools/indexes.py": lines("from alembic import op", "", "", "def add_index(table, column):", '    op.create_index(f"ix_{table}_{column}", table, [column])'),
};

/**
 * Helpers a package re-exports (`from dbtools import add_index`, where
 * dbtools/__init__.py imports it from a submodule; an alias in a
 * subpackage's __init__.py): followed to where they are defined.
 */
export const REEXPORTED_HELPERS: Record<string, string> = {
  "migrations/versions/a1_init.py": revision(
    ["from dbtools import add_index", "from dbtools.shared import add_unique"],
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
    '    add_index("t", "a")',
    '    add_unique("t", "b")',
  ),
  "src/dbtools/__init__.py": lines('"""Database tools."""', "from .indexes import add_index", "", '__all__ = ["add_index"]'),
  "src/dbtools/indexes.py": lines("from alembic import op", "", "", "def add_index(table, column):", '    op.create_index(f"ix_{table}_{column}", table, [column])'),
  "src/dbtools/shared/__init__.py": lines("from dbtools.shared.impl import make_unique as add_unique"),
  "src/dbtools/shared/impl.py": lines("from alembic import op", "", "", "def make_unique(table, column):", '    op.create_unique_constraint(f"uq_{table}_{column}", table, [column])'),
  "src/dbtools/constants.py": lines('PREFIX = "ix"'),
};

/**
 * Helpers that assign their parameters again (`if name is None: name = ...`,
 * `name = name or ...`, `cols = list(cols)`): the walk follows those
 * assignments in order; one it cannot place (inside a loop, a `with`, or an
 * `if` it does not decide) leaves the parameter not known.
 */
export const REASSIGNED_PARAMS: Record<string, string> = {
  "migrations/versions/a1_init.py": [
    "import os",
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    'revision = "a1"',
    "down_revision = None",
    "",
    "",
    "def _index(table, column, name=None, unique=None):",
    "    if name is None:",
    '        name = "idx_%s_%s" % (table, column)',
    "    if unique is None:",
    '        unique = column == "code"',
    "    op.create_index(name, table, [column], unique=unique)",
    "",
    "",
    "def _composite(table, cols, name=None):",
    '    name = name or "ix_%s_%s" % (table, "_".join(cols))',
    "    cols = list(cols)",
    "    op.create_index(name, table, cols)",
    "",
    "",
    "def _either(table, column, short):",
    "    if short:",
    '        prefix = "i"',
    "    else:",
    '        prefix = "index"',
    "    if short:",
    '        column = column + "_id"',
    "    else:",
    "        pass",
    '    op.create_index("%s_%s_%s" % (prefix, table, column), table, [column])',
    "",
    "",
    "def _unsure(table, column, name):",
    '    if os.environ.get("LEGACY"):',
    '        name = "legacy_" + name',
    "    op.create_index(name, table, [column])",
    "",
    "",
    "def upgrade():",
    '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("code", sa.String(5)), sa.Column("b", sa.Integer), sa.Column("b_id", sa.Integer))',
    '    _index("t", "code")',
    '    _index("t", "b", name="my_b")',
    '    _composite("t", ["b", "code"])',
    '    _composite("t", ("code",), name="named")',
    '    _either("t", "b", True)',
    '    _either("t", "code", False)',
    '    _unsure("t", "b", "ix_unsure")',
    "",
  ].join("\n"),
};

/**
 * op's methods called through a name (`func = op.create_primary_key`, in an
 * if/elif on a helper's argument, as cloudkitty's revisions do) and a
 * `@contextlib.contextmanager` helper entered with `with` (what it does
 * before its yield runs on entering, after it on leaving; also around a
 * `try: yield` / `finally:`).
 */
export const HELD_OPS_AND_CONTEXT_MANAGERS: Record<string, string> = {
  "migrations/versions/a1_init.py": [
    "import contextlib",
    "",
    "from alembic import op",
    "import sqlalchemy as sa",
    "",
    'revision = "a1"',
    "down_revision = None",
    "",
    "",
    "def _constraint(kind, name, table, columns):",
    '    if kind == "primary":',
    "        func = op.create_primary_key",
    '    elif kind == "unique":',
    "        func = op.create_unique_constraint",
    "    else:",
    "        func = op.create_index",
    "    func(name, table, columns)",
    "",
    "",
    "@contextlib.contextmanager",
    "def index_rebuilt_as(old, new, table, columns):",
    "    op.drop_index(old, table_name=table)",
    "    yield",
    "    op.create_index(new, table, columns)",
    "",
    "",
    "@contextlib.contextmanager",
    "def unique_dropped(name, table, columns):",
    '    op.drop_constraint(name, table, type_="unique")',
    "    try:",
    "        yield",
    "    finally:",
    "        op.create_unique_constraint(name + \"_v2\", table, columns)",
    "",
    "",
    "def upgrade():",
    '    op.create_table("t", sa.Column("id", sa.Integer, nullable=False), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
    '    _constraint("primary", "pk_t", "t", ["id"])',
    '    _constraint("unique", "uq_t_a", "t", ["a"])',
    '    _constraint("index", "ix_t_b", "t", ["b"])',
    "    make = op.create_index",
    '    make("ix_t_ab", "t", ["a", "b"])',
    '    with index_rebuilt_as("ix_t_b", "ix_t_b_v2", "t", ["b"]):',
    '        op.execute("UPDATE t SET b = b")',
    '    with unique_dropped("uq_t_a", "t", ["a"]):',
    '        op.create_index("ix_t_a_inside", "t", ["a"])',
    "",
  ].join("\n"),
};

/**
 * `return op.create_index(...)` in a helper, `return _upgrade()` in upgrade()
 * and a helper returning a call of itself while an argument says: what a
 * return evaluates runs, nothing after it (shared with the e2e test that asks
 * Alembic's offline SQL).
 */
export const RETURN_REVISION = lines(
  ...REVISION_HEAD,
  "    return _upgrade()",
  '    op.create_index("ix_t_never", "t", ["a"])',
  "",
  "",
  "def _index(name, columns):",
  '    return op.create_index(name, "t", columns)',
  "",
  "",
  "def _chain(n):",
  '    op.create_index("ix_t_chain_%d" % n, "t", ["a"])',
  "    if n < 2:",
  "        return _chain(n + 1)",
  "",
  "",
  "def _upgrade():",
  '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer))',
  '    created = _index("ix_t_a", ["a"])',
  '    if _index("ix_t_id_a", ["id", "a"]):',
  "        pass",
  "    _chain(0)",
);

/**
 * Revisions that import op's functions by name (`from alembic.op import
 * create_index`, as older revisions do), also under another name, `f`
 * among them (shared with the e2e test that asks Alembic's offline SQL).
 */
export const OP_FUNCTIONS_IMPORTED: Record<string, string> = {
  "migrations/versions/a1_init.py": lines(
    "from alembic.op import create_table, create_index, execute",
    "import sqlalchemy as sa",
    "",
    'revision = "a1"',
    "down_revision = None",
    "",
    "",
    "def upgrade():",
    '    create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
    '    create_index("ix_t_a", "t", ["a"])',
    '    create_index("ix_t_b", "t", ["b"])',
    '    create_index("ix_t_ab", "t", ["a", "b"])',
    '    execute("CREATE INDEX ix_t_ba ON t (b, a)")',
  ),
  "migrations/versions/a2_more.py": lines(
    "from alembic.op import batch_alter_table, drop_index, get_bind, get_context, create_unique_constraint as unique, f",
    "",
    'revision = "a2"',
    'down_revision = "a1"',
    "",
    "",
    "def upgrade():",
    '    with batch_alter_table("t") as batch_op:',
    '        batch_op.create_index("ix_t_batch", ["a", "b", "id"])',
    '    drop_index("ix_t_a", table_name="t")',
    '    unique(f("uq_t_b"), "t", ["b"])',
    '    if get_bind().dialect.name == "postgresql":',
    '        drop_index("ix_t_b", table_name="t")',
    "    with get_context().autocommit_block():",
    '        drop_index("ix_t_ab", table_name="t", postgresql_concurrently=True)',
  ),
};

/**
 * More ways a revision reaches op's functions by name: imported inside
 * upgrade(), `import *`, batch_alter_table under another name, held in a
 * name, inside a lambda; a name the function binds to something else is not
 * op's; a name assigned op.f("…") stays final under a naming convention
 * that would wrap any other name.
 */
export const OP_FUNCTIONS_FORMS: Record<string, string> = {
  "migrations/env.py": lines(
    "import sqlalchemy as sa",
    "from alembic import context",
    'target_metadata = sa.MetaData(naming_convention={"uq": "uq_%(table_name)s_%(constraint_name)s"})',
    'context.configure(url="postgresql://", literal_binds=True, target_metadata=target_metadata)',
    "with context.begin_transaction():",
    "    context.run_migrations()",
  ),
  "migrations/versions/a1_local.py": lines(
    "import sqlalchemy as sa",
    'revision = "a1"',
    "down_revision = None",
    "def upgrade():",
    "    from alembic.op import create_table, create_index",
    '    create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))',
    '    create_index("ix_t_a", "t", ["a"])',
  ),
  "migrations/versions/a2_star.py": lines(
    "from alembic.op import *",
    'revision = "a2"',
    'down_revision = "a1"',
    "def upgrade():",
    '    create_index("ix_t_b", "t", ["b"])',
    '    with batch_alter_table("t") as batch_op:',
    '        batch_op.create_index("ix_t_ab", ["a", "b"])',
  ),
  "migrations/versions/a3_names.py": lines(
    "from alembic.op import batch_alter_table as batch, create_index, create_unique_constraint, f",
    'revision = "a3"',
    'down_revision = "a2"',
    "def _noop(*args, **kwargs):",
    "    pass",
    "def upgrade():",
    '    with batch("t") as b:',
    '        b.create_index("ix_t_ba", ["b", "a"])',
    "    make = create_index",
    '    make("ix_t_id_a", "t", ["id", "a"])',
    '    name = f("final_a")',
    '    create_unique_constraint(name, "t", ["a"])',
    '    create_unique_constraint("b", "t", ["b"])',
    "    go = lambda: create_index(\"ix_t_later\", \"t\", [\"id\", \"b\"])",
    "    go()",
    "    _local()",
    "def _local():",
    "    create_index = _noop",
    '    create_index("ix_t_never", "t", ["a"])',
  ),
};
