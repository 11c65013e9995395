import type { CatalogIndex, CatalogSnapshot } from "./snapshot.js";

/** Runs one parameterized statement; user text only ever travels in `params`. */
export type QueryFn = (text: string, params: readonly unknown[]) => Promise<Record<string, unknown>[]>;

/**
 * The session is read-only before anything is read: every later transaction
 * defaults to READ ONLY, a statement or a lock wait cannot last past its
 * timeout, and pg_stat_activity names the tool. One statement, parameters only.
 */
export const SESSION_SETUP = `SELECT pg_catalog.set_config('default_transaction_read_only', 'on', false) AS read_only,
  pg_catalog.set_config('statement_timeout', $1, false) AS statement_timeout,
  pg_catalog.set_config('lock_timeout', $2, false) AS lock_timeout,
  pg_catalog.set_config('application_name', $3, false) AS application_name,
  pg_catalog.current_schemas(false)::text[] AS search_path,
  (SELECT d.stats_reset FROM pg_catalog.pg_stat_database d WHERE d.datname = pg_catalog.current_database()) AS stats_reset`;

/** $1: schema names to examine. */
const NAMESPACES = `SELECT n.oid::text AS oid, n.nspname AS name FROM pg_catalog.pg_namespace n WHERE n.nspname = ANY($1::text[])`;

/** $1: namespace oids. Tables, partitioned tables, materialized views and their indexes. */
const CLASSES = `SELECT c.oid::text AS oid, c.relname AS name, c.relnamespace::text AS namespace, c.relkind::text AS kind,
  CASE WHEN c.relkind IN ('i', 'I') THEN pg_catalog.pg_relation_size(c.oid) END AS size, c.relispartition AS is_partition
FROM pg_catalog.pg_class c WHERE c.relnamespace = ANY($1::oid[]) AND c.relkind IN ('r', 'p', 'm', 'i', 'I')`;

/** $1: index oids. */
const INDEXES = `SELECT i.indexrelid::text AS oid, i.indrelid::text AS table_oid, i.indisunique AS is_unique, i.indisprimary AS is_primary,
  i.indisvalid AS is_valid, i.indisready AS is_ready, pg_catalog.pg_get_indexdef(i.indexrelid) AS definition
FROM pg_catalog.pg_index i WHERE i.indexrelid = ANY($1::oid[])`;

/** $1: index oids. Foreign keys also point at an index (the referenced one); only the constraints an index backs count. */
const CONSTRAINTS = `SELECT c.conindid::text AS index_oid, c.conname AS name, c.contype::text AS type
FROM pg_catalog.pg_constraint c WHERE c.conindid = ANY($1::oid[]) AND c.contype IN ('p', 'u', 'x')`;

/** $1: index oids. */
const STATS = `SELECT s.indexrelid::text AS oid, s.idx_scan AS scans FROM pg_catalog.pg_stat_user_indexes s WHERE s.indexrelid = ANY($1::oid[])`;

const CATALOG_QUERIES = { NAMESPACES, CLASSES, INDEXES, CONSTRAINTS, STATS } as const;

export interface SessionSettings {
  statementTimeoutMs: number;
  lockTimeoutMs: number;
  applicationName: string;
}

/**
 * Reads the snapshot: the session setup, then one query per catalog
 * (pg_namespace, pg_class, pg_index with pg_get_indexdef, pg_constraint,
 * pg_stat_user_indexes), whatever the number of indexes.
 */
export async function readCatalog(query: QueryFn, schemas: readonly string[] | null, session: SessionSettings): Promise<CatalogSnapshot> {
  const [setup] = await query(SESSION_SETUP, [`${session.statementTimeoutMs}`, `${session.lockTimeoutMs}`, session.applicationName]);
  const searchPath = textArray(setup?.search_path);
  const wanted = schemas ?? searchPath;
  const namespaces = await query(NAMESPACES, [wanted]);
  const schemaOf = new Map(namespaces.map((r) => [String(r.oid), String(r.name)]));
  // The order asked for (or the search_path's), schemas that do not exist left out.
  const examined = wanted.filter((s) => [...schemaOf.values()].includes(s));
  const classes = await query(CLASSES, [[...schemaOf.keys()]]);
  const tables = new Map<string, { schema: string; name: string }>();
  const indexClasses = new Map<string, { schema: string; name: string; size: number; partition: boolean }>();
  for (const c of classes) {
    const schema = schemaOf.get(String(c.namespace))!;
    if (c.kind === "i" || c.kind === "I") indexClasses.set(String(c.oid), { schema, name: String(c.name), size: Number(c.size ?? 0), partition: c.is_partition === true });
    else tables.set(String(c.oid), { schema, name: String(c.name) });
  }
  const indexOids = [...indexClasses.keys()];
  const [rows, constraints, stats] = [await query(CATALOG_QUERIES.INDEXES, [indexOids]), await query(CONSTRAINTS, [indexOids]), await query(STATS, [indexOids])];
  const constraintOf = new Map(constraints.map((r) => [String(r.index_oid), { name: String(r.name), type: r.type === "p" ? ("primary key" as const) : r.type === "u" ? ("unique" as const) : ("exclude" as const) }]));
  const scansOf = new Map(stats.map((r) => [String(r.oid), r.scans === null || r.scans === undefined ? null : Number(r.scans)]));
  const indexes: CatalogIndex[] = [];
  for (const r of rows) {
    const cls = indexClasses.get(String(r.oid));
    const table = tables.get(String(r.table_oid));
    if (!cls || !table) continue;
    indexes.push({
      schema: cls.schema,
      name: cls.name,
      table: table.name,
      definition: String(r.definition),
      valid: r.is_valid === true,
      ready: r.is_ready === true,
      unique: r.is_unique === true,
      primary: r.is_primary === true,
      constraint: constraintOf.get(String(r.oid)) ?? null,
      sizeBytes: cls.size,
      scans: scansOf.get(String(r.oid)) ?? null,
      ...(cls.partition ? { partition: true } : {}),
    });
  }
  indexes.sort((a, b) => cmp(a.schema, b.schema) || cmp(a.name, b.name));
  const tableList = [...tables.values()].sort((a, b) => cmp(a.schema, b.schema) || cmp(a.name, b.name));
  const reset = setup?.stats_reset;
  return { version: 1, searchPath, schemas: examined, tables: tableList, indexes, statsReset: reset instanceof Date ? reset.toISOString() : typeof reset === "string" ? reset : null };
}

/** node-postgres returns `name[]` as text (`{public,"my schema"}`) unless it knows the type: read both. */
function textArray(v: unknown): string[] {
  if (Array.isArray(v)) return v.map(String);
  if (typeof v !== "string") return [];
  const inner = v.replace(/^\{|\}$/g, "");
  if (inner === "") return [];
  const out: string[] = [];
  // Linear: each element is one quoted run (with \" escapes) or one run up to a comma.
  for (const m of inner.matchAll(/"((?:[^"\\]|\\.)*)"|([^,]+)/g)) out.push(m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2]!);
  return out;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
