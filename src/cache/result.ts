import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Config } from "../config/resolve.js";
import type { CheckResult } from "../engine/run-rules.js";
import type { ProjectInput } from "../project/analyze.js";
import { filesOf } from "../sources/read.js";
import { storeCacheFile } from "./store.js";

/**
 * `check --cache` (ESLint's `--cache`, Ruff's cache): the result of the last
 * run, kept with a content hash of everything it was computed from — the
 * bytes of every migration (framework sources' files included) and of the registry with their paths, the whole
 * validated configuration (rule settings included), and the tool version. A
 * run whose hash differs recomputes; nothing is ever served on a timestamp.
 * One file per cache location, overwritten atomically: the cache cannot grow.
 */

/** Bumped whenever the stored shape or what the key covers changes. */
const CACHE_FORMAT = 2;
const FILE = "check-result.json";

export interface CacheKeyInput {
  toolVersion: string;
  config: Config;
  project: ProjectInput;
}

/** The default cache directory's name, in the project root (`init` adds it to .gitignore). */
export const DEFAULT_CACHE_DIR = ".index-audit-cache";

/**
 * Default location: `.index-audit-cache/` in the project root. A Python
 * project has no node_modules/, and creating one there would leave an
 * untracked directory that looks like a JavaScript project.
 */
export function defaultCacheLocation(root: string): string {
  return join(root, DEFAULT_CACHE_DIR);
}

/** sha256 over a canonical encoding of the inputs (Maps as sorted entries, file texts in full). */
export function cacheKey(input: CacheKeyInput): string {
  const hash = createHash("sha256");
  const part = (s: string): void => {
    // Length-prefixed, so no two different inputs concatenate to the same stream.
    hash.update(`${s.length}:`);
    hash.update(s);
  };
  part(`index-audit-cache/${CACHE_FORMAT}`);
  part(input.toolVersion);
  part(canonicalJson(input.config));
  const files = [...input.project.migrations, ...(input.project.registry ? [input.project.registry] : [])];
  part(String(input.project.migrations.length));
  for (const f of files) {
    part(f.path);
    part(String(f.invalidUtf8At ?? ""));
    part(f.text);
  }
  part(input.project.registry ? "registry" : "no registry");
  // Modules the migrations import constants from change what they create.
  const modules = input.project.modules ?? [];
  part(String(modules.length));
  for (const f of modules) {
    part(f.path);
    part(f.text);
  }
  // Framework sources: every file each one read (revisions, env modules, .sql files, sqitch.plan).
  for (const source of input.project.sources ?? []) {
    const read = filesOf(source);
    part(`${source.kind}:${read.length}`);
    // Where env.py's imports are found (alembic.ini's prepend_sys_path) changes which module declares the convention.
    if (source.kind === "alembic") part((source.sysPath ?? []).join("\n"));
    // What reading the files met (a budget reached over the project's other files, a file that could not be read) is reported, and depends on more than the files read.
    if (source.kind === "alembic") part(JSON.stringify(source.limits ?? []));
    for (const f of read) {
      part(f.path);
      part(String(f.invalidUtf8At ?? ""));
      part(f.text);
    }
  }
  return hash.digest("hex");
}

function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v instanceof Map) return { $map: [...v.entries()].sort(([a], [b]) => (String(a) < String(b) ? -1 : String(a) > String(b) ? 1 : 0)) };
    if (v instanceof Set) return { $set: [...v].map(String).sort() };
    if (v && typeof v === "object" && !Array.isArray(v)) return Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
    return v;
  });
}

/** The stored result when its key is `key`; null on a miss or an unreadable cache (never an error). */
export function readCachedResult(dir: string, key: string): CheckResult | null {
  try {
    const text = readFileSync(join(dir, FILE), "utf8");
    // writeCachedResult writes the key first: another key is a miss without parsing the whole result (most of a megabyte).
    if (!text.startsWith(`{"key":${JSON.stringify(key)},`)) return null;
    const stored = JSON.parse(text) as { key?: unknown; result?: CheckResult };
    return stored.key === key && stored.result ? stored.result : null;
  } catch {
    return null;
  }
}

/** Stores the result under `key` (temp file + rename), the key first. A cache that cannot be written is skipped silently. */
export function writeCachedResult(dir: string, key: string, result: CheckResult): void {
  storeCacheFile(dir, FILE, JSON.stringify({ key, result: { diagnostics: result.diagnostics, suppressed: result.suppressed, files: result.files } }));
}
