import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { analyzeAlembic, constraintRows, indexRows, lines } from "./helpers/alembic.js";

const toolkit = createToolkit();

const HEAD = ["from alembic import op", "import sqlalchemy as sa", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():"];

describe("Alembic: keys that PostgreSQL merges in one CREATE TABLE", () => {
  it("a Column(unique=True) or UniqueConstraint on the primary key's columns builds nothing; the primary key may take its name", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...HEAD,
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
        ...HEAD,
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
