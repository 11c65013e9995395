import type { SqlParser } from "./parser.js";

/**
 * What the pipeline asks of a statement cache (`check --cache`); the cache
 * itself reads and writes files, so it lives at the edge (src/cache).
 */

/** A string was not read before and the run has no SQL parser yet: the caller loads it and reads again. */
export class SqlParserNeeded extends Error {
  constructor() {
    super("the SQL parser is needed for a string not in the statement cache");
  }
}

export interface StatementCache {
  /**
   * A parser whose statement reading is answered from the cache; what the
   * cache lacks goes to `real`, or, when that is null, throws SqlParserNeeded.
   */
  parser(real: SqlParser | null): SqlParser;
  /** Strings read from the cache and by the parser in this run, as counted for `--timing`. */
  counts(): { hits: number; misses: number };
  /** Writes the strings this run used (temp file + rename); a cache that cannot be written is skipped. */
  save(): void;
}
