/**
 * Where PostgreSQL puts and finds an unqualified name under a search_path
 * replay knows (namespace.c: recomputeNamespacePath, RangeVarGetCreationNamespace,
 * RelnameGetRelid). Every answer is certain or null: `$user` depends on the
 * role that runs the migrations, and a schema replay has not seen made or
 * dropped may or may not be there.
 */

/** Where unqualified names are looked for: the schemas in order; `initial`, the session's own (what today's replay calls the default schema); null, not known. */
export type SearchPath = readonly string[] | "initial" | null;

/** What replay knows: whether a schema exists, whether a schema holds a relation of the name (null: not known), whether the session has a temporary one. */
export interface PathCatalog {
  schemaExists(schema: string): boolean | null;
  holds(schema: string, name: string): boolean | null;
  temporary(name: string): boolean;
}

/** Where an unqualified name of an operation is, under the search_path in force: null when not certain. */
export interface Qualifier {
  /** The schema an unqualified CREATE (TABLE, SEQUENCE, VIEW) makes its relation in. */
  created(): string | null;
  /** The schema an unqualified reference to a relation (table, index, sequence) finds it in; `pg_temp` for the session's temporary table, which replay finds itself. */
  found(name: string): string | null;
}

/** The role's own schema, whose name replay does not know. */
const USER = "$user";

/** The session's schema of temporary relations. */
const TEMP = "pg_temp";

/** Schemas a name is made in only by PostgreSQL's own rules: pg_temp (a temporary table), pg_catalog (refused). */
function special(schema: string): boolean {
  return schema === USER || schema === "pg_catalog" || schema === TEMP || schema.startsWith("pg_temp_");
}

/**
 * The schema an unqualified CREATE makes its object in: the first schema of the
 * path that exists. One replay does not know to exist gets it when every later
 * one is known not to (the statement fails otherwise). Null when not certain.
 */
export function creationSchema(path: readonly string[], catalog: PathCatalog): string | null {
  for (let i = 0; i < path.length; i++) {
    const s = path[i]!;
    if (special(s)) return null;
    const exists = catalog.schemaExists(s);
    if (exists === false) continue;
    if (exists === true) return s;
    return path.slice(i + 1).every((later) => !special(later) && catalog.schemaExists(later) === false) ? s : null;
  }
  return null;
}

/**
 * The schema an unqualified reference finds its relation in: the first of the
 * path that holds one of the name (`pg_temp` for the session's temporary one,
 * searched first unless the path names pg_temp later). Null when not certain: a
 * schema before it may hold one replay does not know of, `$user` may be any
 * schema, and pg_catalog, searched first unless the path names it, holds the
 * system's `pg_` relations.
 */
export function lookupSchema(path: readonly string[], name: string, catalog: PathCatalog): string | null {
  const temporary = catalog.temporary(name);
  if (temporary && !path.includes(TEMP)) return TEMP;
  if (name.startsWith("pg_")) return null;
  for (const s of path) {
    if (s === USER || s.startsWith("pg_temp_")) return null;
    if (s === TEMP && temporary) return TEMP;
    if (s === TEMP || s === "pg_catalog") continue;
    const found = catalog.schemaExists(s) === false ? false : catalog.holds(s, name);
    if (found === null) return null;
    if (found) return s;
  }
  return null;
}
