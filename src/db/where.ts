import type { Location } from "../model/types.js";
import type { DeclaredIndex } from "./compare.js";

/** The "file" of findings about indexes the code does not declare: they live only in the database. */
export const DATABASE_FILE = "database";

const DATABASE_LOCATION: Location = { file: DATABASE_FILE, line: 1, column: 1, endLine: 1, endColumn: 1 };

/**
 * Where a database finding is reported: at the declaring statement when there
 * is one (so its suppression comments apply), else in `database`. The index
 * is always named with its schema, so baselines do not depend on which.
 */
export function dbAt(declared: DeclaredIndex | null, index: { schema: string; name: string }): { location: Location; anchorLine?: number; index: string } {
  const name = `${index.schema}.${index.name}`;
  if (!declared) return { location: DATABASE_LOCATION, index: name };
  return { location: declared.def.location, anchorLine: declared.def.anchorLine, index: name };
}

/** Bytes as pg_size_pretty shows them (bytes, kB, MB, GB, TB; 1024-based, rounded). */
export function prettySize(bytes: number): string {
  const units = ["bytes", "kB", "MB", "GB", "TB"];
  let n = bytes;
  let u = 0;
  // pg_size_pretty switches unit past 10 × 1024 of the smaller one.
  while (u < units.length - 1 && Math.abs(n) >= 10 * 1024 - 0.5) {
    n /= 1024;
    u++;
  }
  return `${Math.round(n)} ${units[u]}`;
}
