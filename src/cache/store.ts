import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { replaceFile } from "../disk/write.js";

/**
 * Writes one cache file with the one atomic write (temp file + rename). A cache
 * that cannot be written (read-only, a file where the directory should be) is
 * skipped: the run's result does not depend on it. Not flushed to disk: every
 * reader of the cache (result.ts, output.ts, statements.ts) takes a file a
 * system crash cut short for a miss.
 */
export function storeCacheFile(dir: string, name: string, data: string | Uint8Array): boolean {
  try {
    mkdirSync(dir, { recursive: true });
    replaceFile(join(dir, name), data, { durable: false });
    return true;
  } catch {
    return false;
  }
}
