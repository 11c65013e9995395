import { AsyncLocalStorage } from "node:async_hooks";
import fs, { readdirSync, rmSync, statSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { basename, dirname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import type { Io } from "../io.js";
import { failure, hashBytes, isCacheFileName, listingAnswer, statAnswer, type Observation } from "./observation.js";
import { encodeRecord, recordFileName } from "./output.js";
import { storeCacheFile } from "./store.js";

/**
 * Records what a `check --cache` run observes of the file system, for the
 * output cache (output.ts). The run's reads go through node:fs wherever they
 * are made (configuration lookup, globbing, source detection, imports,
 * baseline), so the recorder wraps node:fs's synchronous readers while a
 * recording is active and notes each call made inside one (AsyncLocalStorage:
 * concurrent runs in one process do not mix). A call it cannot follow (a file
 * descriptor, a recursive listing) makes the run unstorable. The cache's own
 * files and the tool's dependencies are left out.
 */

interface Recording {
  observations: Observation[];
  /** A call the recorder could not follow: nothing is stored. */
  untracked: boolean;
  /** Set by `check` when its output may be stored: the cache directory. */
  cacheDir: string | null;
}

/** Output records kept per cache directory (one per command line, the oldest dropped). */
const MAX_RECORDS = 8;

const recording = new AsyncLocalStorage<Recording>();
const mutableFs = fs as unknown as Record<string, (...args: unknown[]) => unknown>;
const WRAPPED = ["readFileSync", "statSync", "lstatSync", "existsSync", "readdirSync"] as const;
const originals = new Map<string, (...args: unknown[]) => unknown>(WRAPPED.map((name) => [name, mutableFs[name]!]));
let active = 0;

function call(name: string, args: unknown[]): unknown {
  return Reflect.apply(originals.get(name)!, fs, args);
}

function pathOf(p: unknown): string | null {
  if (typeof p === "string") return resolve(p);
  if (p instanceof URL) return p.protocol === "file:" ? fileURLToPath(p) : null;
  if (Buffer.isBuffer(p)) return resolve(p.toString());
  return null;
}

function encodingOf(options: unknown): BufferEncoding | null {
  if (typeof options === "string") return options as BufferEncoding;
  if (typeof options === "object" && options !== null && "encoding" in options) return (options as { encoding?: BufferEncoding | null }).encoding ?? null;
  return null;
}

/** Each wrapper answers exactly as answerNow (observation.ts) will when the record is checked. */
const wrappers: Record<(typeof WRAPPED)[number], (rec: Recording, path: string, args: unknown[]) => unknown> = {
  readFileSync(rec, path, args) {
    let bytes: Buffer;
    try {
      bytes = call("readFileSync", [args[0]]) as Buffer;
    } catch (e) {
      rec.observations.push(["r", path, failure(e)]);
      throw e;
    }
    rec.observations.push(["r", path, hashBytes(bytes)]);
    const encoding = encodingOf(args[1]);
    return encoding === null ? bytes : bytes.toString(encoding);
  },
  statSync: (rec, path, args) => stat(rec, "statSync", "s", path, args),
  lstatSync: (rec, path, args) => stat(rec, "lstatSync", "l", path, args),
  existsSync(rec, path, args) {
    const exists = call("existsSync", args) === true;
    rec.observations.push(["e", path, exists ? "1" : "0"]);
    return exists;
  },
  readdirSync(rec, path, args) {
    const options = args[1];
    const typed = typeof options === "object" && options !== null && (options as { withFileTypes?: boolean }).withFileTypes === true;
    if ((typeof options === "object" && options !== null && (options as { recursive?: boolean }).recursive === true) || (encodingOf(options) as string | null) === "buffer") rec.untracked = true;
    let entries: (string | fs.Dirent)[];
    try {
      entries = call("readdirSync", args) as (string | fs.Dirent)[];
    } catch (e) {
      rec.observations.push([typed ? "t" : "n", path, failure(e)]);
      throw e;
    }
    rec.observations.push([typed ? "t" : "n", path, listingAnswer(path, entries)]);
    return entries;
  },
};

function stat(rec: Recording, name: string, op: "s" | "l", path: string, args: unknown[]): unknown {
  try {
    const st = call(name, args) as fs.Stats | undefined;
    rec.observations.push([op, path, statAnswer(st)]);
    return st;
  } catch (e) {
    rec.observations.push([op, path, failure(e)]);
    throw e;
  }
}

function install(): void {
  if (active++ > 0) return;
  for (const name of WRAPPED) {
    mutableFs[name] = (...args: unknown[]): unknown => {
      const rec = recording.getStore();
      if (rec === undefined) return call(name, args);
      const path = pathOf(args[0]);
      if (path === null) {
        rec.untracked = true;
        return call(name, args);
      }
      return wrappers[name](rec, path, args);
    };
  }
  // ES-module imports of node:fs (`import { readFileSync }`) follow the new functions.
  syncBuiltinESMExports();
}

function uninstall(): void {
  if (--active > 0) return;
  for (const name of WRAPPED) mutableFs[name] = originals.get(name)!;
  syncBuiltinESMExports();
}

/**
 * Runs the CLI with its file-system observations and output recorded; when
 * `check` offered its output (offerOutput) and the run ended with 0 or 1, the
 * record is stored for output.ts to serve.
 */
export async function recordRun(argv: readonly string[], io: Io, run: (io: Io) => Promise<number>): Promise<number> {
  const rec: Recording = { observations: [], untracked: false, cacheDir: null };
  const chunks: [1 | 2, string][] = [];
  const capturing: Io = {
    ...io,
    stdout(text) {
      chunks.push([1, text]);
      io.stdout(text);
    },
    stderr(text) {
      chunks.push([2, text]);
      io.stderr(text);
    },
  };
  install();
  let code: number;
  try {
    code = await recording.run(rec, () => run(capturing));
  } finally {
    uninstall();
  }
  if (rec.cacheDir !== null && !rec.untracked && (code === 0 || code === 1)) store(rec.cacheDir, recordFileName(argv, io), rec.observations, code, chunks);
  return code;
}

/** Called by `check` when this run's output may be served again: no flag of it writes files or prints timings. */
export function offerOutput(cacheDir: string): void {
  const rec = recording.getStore();
  if (rec) rec.cacheDir = cacheDir;
}

/**
 * Where node finds the tool's own dependencies: node_modules/ in its package
 * directory and in every directory above it. What is read there (modules
 * loaded with require, the SQL parser's WebAssembly) is covered by the tool
 * version, not an input of the project; a project's migrations are never
 * looked for inside node_modules/.
 */
const DEPENDENCY_DIRS = ((): string[] => {
  const out: string[] = [];
  for (let dir = fileURLToPath(new URL("../../../", import.meta.url)); ; dir = dirname(dir)) {
    out.push(join(dir, "node_modules") + sep);
    if (dirname(dir) === dir) return out;
  }
})();

function isDependencyFile(path: string): boolean {
  return DEPENDENCY_DIRS.some((d) => path.startsWith(d));
}

/** The cache's own files: what they hold is not an input of the output (the key and observations decide what is used). */
function isCacheFile(dir: string, path: string): boolean {
  return dirname(path) === dir && isCacheFileName(basename(path));
}

function store(dir: string, name: string, all: readonly Observation[], exitCode: number, chunks: [1 | 2, string][]): void {
  const seen = new Set<string>();
  const observations = all.filter((o) => {
    const id = `${o[0]}\0${o[1]}\0${o[2]}`;
    if (isCacheFile(dir, o[1]) || isDependencyFile(o[1]) || seen.has(id)) return false;
    seen.add(id);
    return true;
  });
  if (storeCacheFile(dir, name, encodeRecord({ observations, exitCode, chunks }))) prune(dir);
}

/** Keeps the newest MAX_RECORDS output records: the cache cannot grow without bound. */
function prune(dir: string): void {
  const records = readdirSync(dir)
    .filter((n) => n.startsWith("output-") && n.endsWith(".bin"))
    .map((n) => ({ n, at: statSync(join(dir, n)).mtimeMs }))
    .sort((a, b) => b.at - a.at);
  for (const { n } of records.slice(MAX_RECORDS)) rmSync(join(dir, n), { force: true });
}
