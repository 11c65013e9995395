import { createRequire } from "node:module";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { SqlParser } from "../sql/parser.js";
import { SqlParserNeeded, type StatementCache } from "../sql/statement-cache.js";
import type { ReadResult } from "../sql/types.js";
import { storeCacheFile } from "./store.js";

/**
 * `check --cache` between edits: the statements read from each SQL string,
 * kept from the last run. Reading a string's statements is a pure function of
 * its text (PostgreSQL's parser, then our reading of the tree), so an unchanged
 * string skips libpg-query, and a run whose every string was read before skips
 * loading it at all. The file holds the strings of the last run only (it
 * cannot grow), under the tool's and libpg-query's versions.
 */

/** Bumped whenever the stored shape, or what is read from a text, changes. */
const FORMAT = 12;
const FILE = "statements.json";

interface Stored {
  version: string;
  /** SQL text and its ReadResult as JSON (kept as text: every hit gets its own copy). */
  entries: [string, string][];
}

function versionOf(toolVersion: string): string {
  const pg = (createRequire(import.meta.url)("libpg-query/package.json") as { version: string }).version;
  return `${FORMAT}/${toolVersion}/libpg-query ${pg}`;
}

/** Whether `dir` holds a statement cache at all: without one, every string goes to the parser. */
export function hasStatementCache(dir: string): boolean {
  return existsSync(join(dir, FILE));
}

/** The statement cache in `dir` (empty when absent, unreadable or of another version). */
export function openStatementCache(dir: string, toolVersion: string): StatementCache {
  const version = versionOf(toolVersion);
  const known = new Map<string, string>();
  try {
    const stored = JSON.parse(readFileSync(join(dir, FILE), "utf8")) as Stored;
    if (stored.version === version && Array.isArray(stored.entries)) for (const [text, json] of stored.entries) known.set(text, json);
  } catch {
    // Absent or unreadable: every string is read by the parser.
  }
  const used = new Map<string, string>();
  let hits = 0;
  let misses = 0;
  return {
    parser(real) {
      const need = (): SqlParser => {
        if (real === null) throw new SqlParserNeeded();
        return real;
      };
      return {
        parse: (text) => need().parse(text),
        scan: (text) => need().scan(text),
        memo(text, read) {
          const json = used.get(text) ?? known.get(text);
          if (json !== undefined) {
            hits++;
            used.set(text, json);
            return JSON.parse(json) as ReadResult;
          }
          const result = read(need(), text);
          misses++;
          used.set(text, JSON.stringify(result));
          return result;
        },
      };
    },
    counts: () => ({ hits, misses }),
    save() {
      storeCacheFile(dir, FILE, JSON.stringify({ version, entries: [...used] } satisfies Stored));
    },
  };
}
