import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { analyzeAlembic, dynamicRows, indexRows, lines, REVISION_HEAD } from "./helpers/alembic.js";
import { SPATIAL_OPERATIONS_REVISION, SPATIAL_REVISION } from "./helpers/alembic-spatial-projects.js";

const toolkit = createToolkit();

/** A one-revision project: `imports` after REVISION_HEAD's, then upgrade()'s body. */
function project(imports: readonly string[], ...body: string[]): Record<string, string> {
  const [opImport, saImport, ...rest] = REVISION_HEAD;
  return { "migrations/versions/a1_init.py": lines(opImport!, saImport!, ...imports, ...rest, ...body) };
}

describe("Alembic: GeoAlchemy2's spatial columns and operations", () => {
  it("a spatial column in create_table or add_column gets GeoAlchemy2's GiST index idx_<table>_<column>, at the Column; spatial_index=False (by keyword or position) gets none", async () => {
    const inv = await analyzeAlembic(toolkit, { "migrations/versions/a1_places.py": SPATIAL_REVISION });
    assert.deepEqual(indexRows(inv), [
      "idx_places_geom places - kept 16:9",
      "idx_places_area places - kept 17:9",
      "idx_places_nd places - kept 18:9",
      "idx_places_geog places - kept 21:9",
      "idx_places_rast places - kept 22:9",
      "ix_places_k places - kept 23:9",
      "idx_places_line places - kept 25:29",
      "s.idx_zones_g zones - kept 27:30",
    ]);
    const by = new Map(inv.indexes.map((d) => [d.name, d]));
    assert.equal(by.get("idx_places_geom")!.method, "gist");
    assert.deepEqual(by.get("idx_places_nd")!.columns, ["nd gist_geometry_ops_nd"]);
    assert.deepEqual(by.get("idx_places_rast")!.columns, ["ST_ConvexHull(rast)"]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("GeoAlchemy2's operations do what Alembic's of the same shape do; add_geospatial_column makes no index, even for a spatial column", async () => {
    const inv = await analyzeAlembic(toolkit, { "migrations/versions/a1_places.py": SPATIAL_REVISION, "migrations/versions/a2_roads.py": SPATIAL_OPERATIONS_REVISION });
    assert.deepEqual(
      indexRows(inv).filter((r) => !r.startsWith("idx_places") && !r.startsWith("ix_places") && !r.startsWith("s.")),
      ["idx_roads_path roads - kept 11:5", "idx_roads_mid roads - dropped 13:5", "idx_roads_mid roads - kept 15:5", "idx_x_g x - kept 19:37", "idx_gone_g gone - dropped 20:40"],
    );
    // drop_geospatial_column dropped the column flat, which had no index; nothing is left unread.
    assert.deepEqual(inv.dynamic, []);
  });

  it("only GeoAlchemy2's types count: a Geometry of another module, or one the revision does not import, makes no index", async () => {
    const inv = await analyzeAlembic(
      toolkit,
      project(
        ["from myapp.types import Geometry", "import shapely as geoalchemy2"],
        '    op.create_table("t", sa.Column("a", Geometry("POINT")), sa.Column("b", geoalchemy2.Geometry()), sa.Column("c", Raster()))',
      ),
    );
    assert.deepEqual(indexRows(inv), []);
  });

  it("from geoalchemy2 import * and import geoalchemy2.types name the types too", async () => {
    const star = await analyzeAlembic(toolkit, project(["from geoalchemy2 import *"], '    op.create_table("t", sa.Column("a", Geometry("POINT")), sa.Column("b", Geography))'));
    assert.deepEqual(indexRows(star), ["idx_t_a t - kept 10:26", "idx_t_b t - kept 10:61"]);
    const dotted = await analyzeAlembic(toolkit, project(["import geoalchemy2.types"], '    op.add_column("t", sa.Column("a", geoalchemy2.types.Geometry("POINT")))', '    op.add_column("t", sa.Column("b", geoalchemy2.Raster))'));
    assert.deepEqual(indexRows(dotted), ["idx_t_a t - kept 10:24", "idx_t_b t - kept 11:24"]);
  });

  it("a type held in a name, given to a helper (called or not), or imported inside upgrade() or through another module of the package, is read where it is written", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "from alembic import op",
        "import sqlalchemy as sa",
        "import geoalchemy2.alembic_helpers",
        "",
        'revision = "a1"',
        "down_revision = None",
        'POINT = geoalchemy2.Geometry("POINT", spatial_index=True)',
        "",
        "",
        "def col(name, t):",
        "    return sa.Column(name, t)",
        "",
        "",
        "def upgrade():",
        "    from geoalchemy2 import Geography",
        '    op.create_table("t", sa.Column("a", POINT), col("b", Geography("POINT")), col("c", Geography))',
      ),
    });
    assert.deepEqual(indexRows(inv), ["idx_t_a t - kept 16:26", "idx_t_b t - kept 16:49", "idx_t_c t - kept 16:79"]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("add_column of a managed column makes no index (its listener adds none); add_geospatial_column of a column it cannot read makes none either: nothing is said", async () => {
    const inv = await analyzeAlembic(
      toolkit,
      project(["from geoalchemy2 import Geometry", "from myapp.columns import location"], '    op.add_column("t", sa.Column("a", Geometry(management=True)))', '    op.add_geospatial_column("t", location())'),
    );
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(inv.dynamic, []);
  });

  it("a spatial_index= or management=True known only at run time, or a managed column, is said, and the column's other flags are still read", async () => {
    const inv = await analyzeAlembic(
      toolkit,
      project(
        ["from geoalchemy2 import Geometry", "import os"],
        '    SPATIAL = os.environ.get("SPATIAL") == "1"',
        '    op.create_table("t", sa.Column("a", Geometry("POINT", spatial_index=SPATIAL), index=True), sa.Column("b", Geometry(management=True)), sa.Column("c", Geometry(**OPTIONS)))',
      ),
    );
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 12:26"]);
    assert.deepEqual(
      dynamicRows(inv).map((r) => r.replace(/: the spatial index.*/, "")),
      ["a1_init.py:12 spatial_index= is not known statically", "a1_init.py:12 management=True (GeoAlchemy2 before 0.14 makes the index with its own DDL)", "a1_init.py:12 OPTIONS is not known statically"],
    );
  });

  it("the naming convention changes GeoAlchemy2's name only through %(constraint_name)s, as for any Index given a name", async () => {
    const files = project(["from geoalchemy2 import Geometry"], '    op.create_table("t", sa.Column("a", Geometry("POINT")))');
    const plain = await analyzeAlembic(toolkit, { ...files, "migrations/env.py": lines("import sqlalchemy as sa", 'target_metadata = sa.MetaData(naming_convention={"ix": "ix_%(column_0_label)s"})', "context.configure(target_metadata=target_metadata)") });
    assert.deepEqual(indexRows(plain), ["idx_t_a t - kept 10:26"]);
    const named = await analyzeAlembic(toolkit, { ...files, "migrations/env.py": lines("import sqlalchemy as sa", 'target_metadata = sa.MetaData(naming_convention={"ix": "ix_%(constraint_name)s"})', "context.configure(target_metadata=target_metadata)") });
    assert.deepEqual(indexRows(named), ["ix_idx_t_a t - kept 10:26"]);
  });
});

describe("Alembic: operations a project or a library registered", () => {
  it("an operation Alembic does not define is said where it is called: its implementation may make an index", async () => {
    const inv = await analyzeAlembic(toolkit, project([], '    op.create_index_concurrently("ix_t_a", "t", ["a"])', '    with op.batch_alter_table("t") as batch_op:', '        batch_op.replace_sp("x")'));
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:9 create_index_concurrently() is not one of Alembic's operations: a custom operation (Operations.register_operation), whose implementation is not read",
      "a1_init.py:11 replace_sp() is not one of Alembic's operations: a custom operation (Operations.register_operation), whose implementation is not read",
    ]);
  });

  it("an alembic_utils entity held in a name is read where it is built; dropping or replacing a materialized view drops the indexes made on it", async () => {
    const inv = await analyzeAlembic(
      toolkit,
      project(
        ["from alembic_utils.pg_view import PGView", "from alembic_utils import pg_materialized_view as pmv"],
        '    public_v = PGView(schema="public", signature="v", definition="select 1")',
        "    op.create_entity(public_v)",
        '    mv = pmv.PGMaterializedView(schema="public", signature="mv", definition="select 1 as a")',
        "    op.create_entity(mv)",
        '    op.create_index("ix_mv_a", "mv", ["a"])',
        "    op.replace_entity(mv)",
        "    op.create_module_class_proxy(globals(), locals())",
        '    op.drop_entity(PGView(schema="public", signature="x", definition="select 1"))',
      ),
    );
    assert.deepEqual(indexRows(inv), ["ix_mv_a mv - dropped 15:5"]);
    assert.deepEqual(inv.dynamic, []);
  });

  it("an entity class not imported from alembic_utils is not taken for one", async () => {
    const inv = await analyzeAlembic(toolkit, project(["from myapp.entities import PGView"], '    op.create_entity(PGView(schema="public", signature="v", definition="select 1"))'));
    assert.deepEqual(dynamicRows(inv).map((r) => r.split(" is not one")[0]), ["a1_init.py:10 create_entity()"]);
  });

  it("libraries' operations that make no index are not said: alembic_utils' entities written in the call (but a function), alembic-postgresql-enum's sync_enum_values", async () => {
    const inv = await analyzeAlembic(
      toolkit,
      project(
        ["from alembic_utils.pg_view import PGView", "from alembic_utils.pg_function import PGFunction", "from myapp.entities import report_view"],
        '    op.create_entity(PGView(schema="public", signature="v", definition="select 1"))',
        '    op.replace_entity(PGView(schema="public", signature="v", definition="select 2"))',
        '    op.sync_enum_values("public", "status", ["a", "b"], [])',
        '    op.create_entity(PGFunction(schema="public", signature="f()", definition="returns void as $$ begin create index i on t (a); end $$ language plpgsql"))',
        "    op.create_entity(report_view)",
        '    op.create_foreign_key("fk", "t", "u", ["a"], ["id"])',
        '    op.create_check_constraint("ck", "t", "a > 0")',
        '    op.bulk_insert(sa.table("t", sa.column("a")), [{"a": 1}])',
      ),
    );
    assert.deepEqual(
      dynamicRows(inv).map((r) => r.split(" is not one")[0]),
      ["a1_init.py:15 create_entity()", "a1_init.py:16 create_entity()"],
    );
  });
});
