/**
 * What `index-audit db` reads from a live database: plain data, taken in one
 * query per catalog at the I/O edge (src/db/client.ts). Everything after it —
 * parsing the definitions, comparing with the declared indexes, the rules —
 * is a pure function of this snapshot, so tests can give one as JSON.
 */
export interface CatalogSnapshot {
  version: 1;
  /** `current_schemas(false)`: the connection's search_path (schemas that exist), in order. */
  searchPath: string[];
  /** The schemas examined (`--schema`, else the search_path), in that order. */
  schemas: string[];
  /** Tables, partitioned tables and materialized views in those schemas. */
  tables: CatalogTable[];
  /** Every index in those schemas, sorted by schema and name. */
  indexes: CatalogIndex[];
  /** `pg_stat_database.stats_reset` (ISO 8601), null when the statistics were never reset. */
  statsReset: string | null;
}

export interface CatalogTable {
  schema: string;
  name: string;
}

export interface CatalogIndex {
  schema: string;
  name: string;
  table: string;
  /** `pg_get_indexdef(indexrelid)`. */
  definition: string;
  /** `indisvalid`: false after a failed CREATE INDEX CONCURRENTLY (or one still running). */
  valid: boolean;
  /** `indisready`: false while a concurrent build has not reached its second phase. */
  ready: boolean;
  unique: boolean;
  primary: boolean;
  /** The PRIMARY KEY, UNIQUE or EXCLUDE constraint it backs. */
  constraint: { name: string; type: "primary key" | "unique" | "exclude" } | null;
  /** `pg_relation_size` in bytes. */
  sizeBytes: number;
  /** `pg_stat_user_indexes.idx_scan` since the statistics were reset; null when not tracked. */
  scans: number | null;
  /** A partition's index, attached to its partitioned table's index (which declares it); absent when not. */
  partition?: boolean;
}
