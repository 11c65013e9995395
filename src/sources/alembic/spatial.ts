import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Env } from "../../python/evaluate.js";
import { calleeText } from "../../python/expand.js";
import { argsOf, flagValue, type Args } from "./arguments.js";
import type { RevisionContext } from "./context.js";

/** GeoAlchemy2's column types that get a spatial index. */
export type SpatialType = "Geometry" | "Geography" | "Raster";

const SPATIAL_TYPES: ReadonlySet<string> = new Set<SpatialType>(["Geometry", "Geography", "Raster"]);

/** How a module names GeoAlchemy2's spatial types: bare names (with their class), and module prefixes (`ga.`, `geoalchemy2.types.`). */
interface SpatialNames {
  bare: Map<string, SpatialType>;
  prefixes: Set<string>;
}

const NAMES = new WeakMap<SyntaxNode, SpatialNames>();

/** What the module-level imports of `root` make of GeoAlchemy2 (read once per module). */
function spatialNames(root: SyntaxNode): SpatialNames {
  let names = NAMES.get(root);
  if (names) return names;
  names = { bare: new Map(), prefixes: new Set() };
  for (const stmt of root.namedChildren) {
    if (stmt.type === "import_from_statement") {
      const from = stmt.childForFieldName("module_name")?.text;
      if (from !== "geoalchemy2" && from !== "geoalchemy2.types") continue;
      // `from geoalchemy2 import *`: the package exports the types.
      if (stmt.namedChildren.some((c) => c.type === "wildcard_import")) for (const t of SPATIAL_TYPES) names.bare.set(t, t as SpatialType);
      for (const n of stmt.childrenForFieldName("name")) {
        const name = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
        const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : name;
        if (!name || !alias) continue;
        if (SPATIAL_TYPES.has(name)) names.bare.set(alias, name as SpatialType);
        else if (from === "geoalchemy2" && name === "types") names.prefixes.add(`${alias}.`);
      }
    } else if (stmt.type === "import_statement") {
      for (const n of stmt.childrenForFieldName("name")) {
        const dotted = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
        const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : null;
        if (dotted === "geoalchemy2") {
          names.prefixes.add(`${alias ?? "geoalchemy2"}.`);
          names.prefixes.add(`${alias ?? "geoalchemy2"}.types.`);
        } else if (dotted === "geoalchemy2.types") {
          // `import geoalchemy2.types` binds geoalchemy2 (the package exports the types too).
          if (alias) names.prefixes.add(`${alias}.`);
          else names.prefixes.add("geoalchemy2.").add("geoalchemy2.types.");
        }
      }
    }
  }
  NAMES.set(root, names);
  return names;
}

/** The GeoAlchemy2 spatial type `name` (as written: `Geometry`, `ga.types.Geography`) is in the module of `root`; null for any other. */
function spatialTypeNamed(root: SyntaxNode, name: string): SpatialType | null {
  const names = spatialNames(root);
  const bare = names.bare.get(name);
  if (bare) return bare;
  const dot = name.lastIndexOf(".");
  const last = name.slice(dot + 1);
  return dot > 0 && SPATIAL_TYPES.has(last) && names.prefixes.has(name.slice(0, dot + 1)) ? (last as SpatialType) : null;
}

/** A spatial column's index as GeoAlchemy2 adds it, or why it is not known statically. */
export type SpatialIndex = { type: SpatialType; nd: boolean } | { unknown: string; node: SyntaxNode } | null;

/**
 * The spatial index GeoAlchemy2 adds to a table for a `Column(name,
 * Geometry(...))` (also `Geography`, `Raster`, given as a class or an
 * instance): when the revision imports the type from geoalchemy2, its
 * `spatial_index` is true (the default) and its `management` false (the
 * default; removed in GeoAlchemy2 0.14). Its listener for a Column attached to
 * a Table appends `Index("idx_<table>_<column>", column, postgresql_using=
 * "gist")`, which op.create_table and op.add_column then create, as they
 * create the table's other indexes (`gist_geometry_ops_nd` with
 * `use_N_D_index=True`; `ST_ConvexHull(column)` for a Raster). Null for any
 * other column.
 */
export function spatialIndexOf(ctx: RevisionContext, column: Args, env: Env): SpatialIndex {
  const typeNode = column.arg(1, "type_");
  if (!typeNode) return null;
  const called = typeNode.type === "call";
  const type = spatialTypeNamed(ctx.info.root, called ? calleeText(typeNode) : typeNode.text);
  if (type === null) return null;
  if (!called) return { type, nd: false };
  const args = argsOf(typeNode, { ctx, env });
  if (args.unread) return { unknown: args.unread.reason, node: args.unread.node };
  // Geometry(geometry_type, srid, dimension, spatial_index, use_N_D_index, management, ...); Raster(spatial_index, ...).
  const raster = type === "Raster";
  const read = (position: number, name: string, fallback: boolean): boolean | { unknown: string; node: SyntaxNode } => {
    const node = args.arg(position, name);
    if (!node) return fallback;
    const value = flagValue(ctx, node, env);
    return value ?? { unknown: `${name}= is not known statically`, node };
  };
  const spatial = read(raster ? 0 : 3, "spatial_index", true);
  if (typeof spatial !== "boolean") return spatial;
  if (!spatial) return null;
  const managed = raster ? false : read(5, "management", false);
  if (typeof managed !== "boolean") return managed;
  // A managed column's index is made by GeoAlchemy2's own DDL after the table (AddGeometryColumn), not by Alembic.
  if (managed) return { unknown: "management=True (GeoAlchemy2 before 0.14 makes the index with its own DDL)", node: typeNode };
  const nd = raster ? false : read(4, "use_N_D_index", false);
  if (typeof nd !== "boolean") return nd;
  return { type, nd };
}

/** The key of a spatial index on `column` (quoted as given). */
export function spatialKey(index: { type: SpatialType; nd: boolean }, column: string): string {
  if (index.type === "Raster") return `ST_ConvexHull(${column})`;
  return index.nd ? `${column} gist_geometry_ops_nd` : column;
}
