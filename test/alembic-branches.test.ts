import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { analyzeAlembic, constraintRows, dynamicRows, indexRows, lines } from "./helpers/alembic.js";

/**
 * Which code of upgrade() runs when `alembic upgrade` runs it on PostgreSQL,
 * connected to the database: Alembic's mode, a `return` inside a branch, and a
 * batch that copies the table. Each expectation was checked by running the
 * revision with `alembic upgrade head` against a real PostgreSQL.
 */
const toolkit = createToolkit();

const HEAD = ["from alembic import op, context", "import sqlalchemy as sa", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():"];
const TABLE = '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer), sa.Column("b", sa.Integer))';

describe("Alembic: branches on the mode Alembic runs in", () => {
  it("context.is_offline_mode() and op.get_context().as_sql are false when the migrations run on the database: only the other branches are read", async () => {
    const inv = await analyzeAlembic(toolkit, {
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
    });
    assert.deepEqual(indexRows(inv), ["ix_online t - kept 13:9", "ix_online2 t - kept 15:9", "ix_always t - kept 21:5"]);
  });
});

describe("Alembic: a return inside a branch", () => {
  it("ends upgrade() when the branch PostgreSQL takes returns; when it is the branch PostgreSQL skips, or may not run, what follows is read", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...HEAD,
        TABLE,
        "    bind = op.get_bind()",
        '    if bind.dialect.name == "sqlite":',
        '        op.create_index("ix_sqlite_only", "t", ["a"])',
        "        return",
        "    if bind.info.get('skip'):",
        '        op.create_index("ix_maybe", "t", ["b"])',
        "        return",
        '    op.create_index("ix_after_ifs", "t", ["b"])',
        '    if bind.dialect.name == "postgresql":',
        '        op.create_index("ix_pg", "t", ["a", "b"])',
        "        # done on PostgreSQL",
        "        return",
        '        op.create_index("ix_after_return", "t", ["b", "a"])',
        '    op.create_index("ix_not_pg", "t", ["b", "a"])',
      ),
    });
    assert.deepEqual(indexRows(inv), ["ix_maybe t - kept 15:9", "ix_after_ifs t - kept 17:5", "ix_pg t - kept 19:9"]);
  });

  it("an if/else whose every branch returns ends upgrade() too; one that raises in the branch taken does", async () => {
    const inv = await analyzeAlembic(toolkit, {
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
    });
    assert.deepEqual(indexRows(inv), ["ix_other t - kept 14:9"]);
  });
});

describe("Alembic: a batch that copies the table", () => {
  it('batch_alter_table(recreate="always") is dynamic (its indexes are rebuilt from a reflection of the live table); its operations are still read, and "auto" is not', async () => {
    const inv = await analyzeAlembic(toolkit, {
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
    });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - dropped 10:5", "ix_t_b t - kept 12:9", "ix_t_ab t - kept 16:9"]);
    assert.deepEqual(constraintRows(inv), ["primary key t_pkey t(id) kept 9:26", "unique uq_t_ab t(a,b) kept 14:9"]);
    assert.deepEqual(dynamicRows(inv), [
      'a1_init.py:11 batch_alter_table(recreate="always") copies the table from what SQLAlchemy reflects of it in the live database (Alembic refuses it with --sql): indexes it cannot reflect, such as expression indexes, are not rebuilt, so which indexes the table keeps is not known statically',
    ]);
  });
});
