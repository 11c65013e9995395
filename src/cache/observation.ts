import { createHash } from "node:crypto";
import { basename } from "node:path";
import { existsSync, lstatSync, readdirSync, readFileSync, statSync, type Dirent, type Stats } from "node:fs";

/**
 * One thing a run learnt from the file system, as an answer that can be asked
 * again: a file's bytes (as a hash), what a path is, whether it exists, what a
 * directory holds. A stored output is served only when every observation of
 * the run that printed it gives the same answer now. Timestamps are never
 * asked: only content, kinds and names.
 */
export type Observation = [op: Op, path: string, answer: string];

/** r: read a file; s: stat; l: lstat; e: exists; n: directory names; t: directory names and kinds. */
export type Op = "r" | "s" | "l" | "e" | "n" | "t";

export function hashBytes(bytes: Buffer | string): string {
  return createHash("sha256").update(bytes).digest("base64");
}

export function failure(e: unknown): string {
  return `!${(e as NodeJS.ErrnoException).code ?? "error"}`;
}

/** A directory, a file or something else; the size and times are not part of the answer. */
export function statAnswer(st: Stats | undefined): string {
  if (st === undefined) return "!ENOENT";
  return st.isFile() ? "f" : st.isDirectory() ? "d" : st.isSymbolicLink() ? "l" : "o";
}

function direntKind(e: Dirent): string {
  return e.isFile() ? "f" : e.isDirectory() ? "d" : e.isSymbolicLink() ? "l" : "o";
}

/**
 * The cache is not an input: a listing answers the same before and after the
 * default cache directory is created, and a listing of that directory (a `**`
 * glob walks into it) leaves out the files the cache writes.
 */
const CACHE_DIR_NAME = ".index-audit-cache";

export function isCacheFileName(name: string): boolean {
  return name === "check-result.json" || name === "statements.json" || name.endsWith(".tmp") || (name.startsWith("output-") && name.endsWith(".bin"));
}

/** Names (and kinds), sorted, hashed: a listing of a thousand files stays one short answer. */
export function listingAnswer(dir: string, entries: readonly (string | Dirent)[]): string {
  const inCache = basename(dir) === CACHE_DIR_NAME;
  const names = entries.filter((e) => {
    const name = typeof e === "string" ? e : e.name;
    return name !== CACHE_DIR_NAME && !(inCache && isCacheFileName(name));
  }).map((e) => (typeof e === "string" ? e : `${e.name}\0${direntKind(e)}`)).sort();
  return hashBytes(names.join("\n"));
}

/** The answer the file system gives now. */
function answerNow(op: Op, path: string): string {
  try {
    switch (op) {
      case "r":
        return hashBytes(readFileSync(path));
      case "s":
        return statAnswer(statSync(path));
      case "l":
        return statAnswer(lstatSync(path));
      case "e":
        return existsSync(path) ? "1" : "0";
      case "n":
        return listingAnswer(path, readdirSync(path));
      case "t":
        return listingAnswer(path, readdirSync(path, { withFileTypes: true }));
    }
  } catch (e) {
    return failure(e);
  }
}

/** Whether every observation still holds (stops at the first that does not). */
export function stillHolds(observations: readonly Observation[]): boolean {
  return observations.every(([op, path, answer]) => answerNow(op, path) === answer);
}
