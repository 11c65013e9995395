import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { analyzeAlembic, constraintRows, dynamicRows, indexRows, lines } from "./helpers/alembic.js";
import { BATCH_RECREATE, EVERY_BRANCH_RETURNS, MODE_BRANCHES, RETURN_IN_BRANCH } from "./helpers/alembic-branch-projects.js";

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
