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
