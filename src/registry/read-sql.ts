import type { SqlParser } from "../sql/parser.js";
import { splitSql } from "../sources/sql/split.js";
import type { RegistryRead } from "./read.js";
import { offsetsSpan } from "../python/offsets.js";

/**
 * A registry kept as a `.sql` file: one `CREATE INDEX CONCURRENTLY IF NOT
 * EXISTS` per index, each statement an entry. A statement names its index and
 * table in its own SQL, so the entry has those keys; it belongs to the
 * registry variable's list (the deploy step runs the whole file).
 */
export function readSqlRegistry(sql: SqlParser, text: string, list: string): RegistryRead {
  const entries = splitSql(sql, text).pieces.map((p) => {
    return {
      list,
      reachable: true,
      start: p.start,
      end: p.end,
      keys: ["name", "table", "sql"],
      name: null,
      table: null,
      sql: { kind: "str" as const, text: text.slice(p.start, p.end), offsets: offsetsSpan(p.start, p.end - p.start) },
      critical: null,
      description: null,
    };
  });
  return { entries, problems: [] };
}
