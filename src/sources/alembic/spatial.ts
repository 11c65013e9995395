import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Env } from "../../python/evaluate.js";
import { calleeText } from "../../python/expand.js";
import { argsOf, flagValue, type Args } from "./arguments.js";
import type { RevisionContext } from "./context.js";
import { elementAt, envValue } from "./elements.js";
import { libraryClass } from "./library-names.js";

/** GeoAlchemy2's column types that get a spatial index. */
export type SpatialType = "Geometry" | "Geography" | "Raster";

const SPATIAL_TYPES: ReadonlySet<string> = new Set<SpatialType>(["Geometry", "Geography", "Raster"]);

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
export function spatialIndexOf(ctx: RevisionContext, column: Args, env: Env, adding = false): SpatialIndex {
  // Column(name, type, ...), or Column(type, name=...).
  const written = column.arg(-1, "type_") ?? column.positional[column.arg(-1, "name") ? 0 : 1] ?? null;
  if (!written) return null;
  // A dotted type (`sa.String(64)`, `ga.Geometry`) is named where it is written: most columns end here.
  const dotted = written.type === "attribute" || (written.type === "call" && written.childForFieldName("function")?.type === "attribute");
  if (dotted && libraryClass(written.tree.rootNode, "geoalchemy2", SPATIAL_TYPES, written.type === "call" ? calleeText(written) : written.text) === null) return null;
  // A type held in a name (`POINT = Geometry("POINT")`) or given to a helper: read where it is written.
  const el = elementAt(ctx, written, env);
  // A class a helper was given (`col("g", Geometry)`): the name as its caller wrote it, in the caller's module.
  const given = el.node.type === "identifier" ? envValue(el.env, el.node.text) : undefined;
  const typeNode = given?.kind === "unknown" && (given.node.type === "identifier" || given.node.type === "attribute") ? given.node : el.node;
  const called = typeNode.type === "call";
  const type = libraryClass(typeNode.tree.rootNode, "geoalchemy2", SPATIAL_TYPES, called ? calleeText(typeNode) : typeNode.text) as SpatialType | null;
  if (type === null) return null;
  if (!called) return { type, nd: false };
  const args = argsOf(typeNode, { ctx: el.ctx, env: el.env });
  if (args.unread) return { unknown: args.unread.reason, node: args.unread.node };
  // Geometry(geometry_type, srid, dimension, spatial_index, use_N_D_index, management, ...); Raster(spatial_index, ...).
  const raster = type === "Raster";
  const read = (position: number, name: string, fallback: boolean): boolean | { unknown: string; node: SyntaxNode } => {
    const node = args.arg(position, name);
    if (!node) return fallback;
    const value = flagValue(el.ctx, node, el.env);
    return value ?? { unknown: `${name}= is not known statically`, node };
  };
  const spatial = read(raster ? 0 : 3, "spatial_index", true);
  if (typeof spatial !== "boolean") return spatial;
  if (!spatial) return null;
  const managed = raster ? false : read(5, "management", false);
  if (typeof managed !== "boolean") return managed;
  // A managed column gets no Index: GeoAlchemy2's own DDL makes one after a table it creates (not read), none for an added column.
  if (managed) return adding ? null : { unknown: "management=True (GeoAlchemy2 before 0.14 makes the index with its own DDL)", node: typeNode };
  const nd = raster ? false : read(4, "use_N_D_index", false);
  if (typeof nd !== "boolean") return nd;
  return { type, nd };
}

/** The key of a spatial index on `column` (quoted as given). */
export function spatialKey(index: { type: SpatialType; nd: boolean }, column: string): string {
  if (index.type === "Raster") return `ST_ConvexHull(${column})`;
  return index.nd ? `${column} gist_geometry_ops_nd` : column;
}
