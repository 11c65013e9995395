import { lines } from "./alembic.js";

/**
 * Revisions of a PostGIS project using GeoAlchemy2: read by the unit tests
 * (test/alembic-spatial.test.ts) and written out by Alembic itself
 * (`alembic upgrade head --sql`) in the end-to-end test
 * (test/e2e/alembic.test.ts), whose answer key they are held to.
 */

/** Spatial columns in op.create_table and op.add_column, imported every way a revision imports them. */
export const SPATIAL_REVISION = lines(
  "from alembic import op",
  "import sqlalchemy as sa",
  "import geoalchemy2",
  "import geoalchemy2 as ga",
  "from geoalchemy2 import Geography, Raster",
  "from geoalchemy2.types import Geometry as Geom",
  "",
  'revision = "a1"',
  "down_revision = None",
  "",
  "",
  "def upgrade():",
  "    op.create_table(",
  '        "places",',
  '        sa.Column("id", sa.Integer, primary_key=True),',
  '        sa.Column("geom", Geom("POINT", srid=4326)),',
  '        sa.Column("area", geoalchemy2.types.Geometry(geometry_type="POLYGON", srid=4326, from_text="ST_GeomFromEWKT", name="geometry"), nullable=True),',
  '        sa.Column("nd", ga.Geometry("POINTZ", use_N_D_index=True)),',
  '        sa.Column("flat", Geom("POINT", spatial_index=False)),',
  '        sa.Column("flat2", ga.Geometry("POINT", 4326, 2, False)),',
  '        sa.Column("geog", Geography),',
  '        sa.Column("rast", Raster()),',
  '        sa.Column("k", sa.Integer, index=True),',
  "    )",
  '    op.add_column("places", sa.Column("line", Geom("LINESTRING")))',
  '    op.execute("CREATE SCHEMA s")',
  '    op.create_table("zones", sa.Column("g", type_=ga.types.Geometry()), schema="s")',
  "",
  "",
  "def downgrade():",
  "    pass",
);

/** GeoAlchemy2's own operations (geoalchemy2.alembic_helpers), as its autogenerate writes them. */
export const SPATIAL_OPERATIONS_REVISION = lines(
  "from alembic import op",
  "import sqlalchemy as sa",
  "from geoalchemy2 import Geometry",
  "",
  'revision = "a2"',
  'down_revision = "a1"',
  "",
  "",
  "def upgrade():",
  '    op.create_geospatial_table("roads", sa.Column("id", sa.Integer, primary_key=True), sa.Column("path", Geometry("LINESTRING", spatial_index=False)))',
  '    op.create_geospatial_index("idx_roads_path", "roads", ["path"], unique=False, postgresql_using="gist", postgresql_ops={})',
  '    op.add_geospatial_column("roads", sa.Column("mid", Geometry("POINT")))',
  '    op.create_geospatial_index("idx_roads_mid", "roads", ["mid"], unique=False, postgresql_using="gist")',
  '    op.drop_geospatial_index("idx_roads_mid", "roads", column_name="mid")',
  '    op.create_geospatial_index("idx_roads_mid", "roads", ["mid"], unique=False, postgresql_using="gist")',
  '    with op.batch_alter_table("roads") as batch_op:',
  '        batch_op.add_geospatial_column(sa.Column("p2", Geometry("POINT")))',
  '    op.drop_geospatial_column("places", "flat")',
  '    op.create_geospatial_table("x", sa.Column("g", Geometry("POINT")))',
  '    op.create_geospatial_table("gone", sa.Column("g", Geometry("POINT")))',
  '    op.drop_geospatial_table("gone")',
  "",
  "",
  "def downgrade():",
  "    pass",
);
