import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
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
});
