import { readdirSync, readFileSync, statSync, type Stats } from "node:fs";
import { join, resolve, sep } from "node:path";
import { displayPath } from "../paths/display.js";
import { InputError } from "../errors.js";
import type { FileInput } from "../project/analyze.js";
import { importedModules } from "../python/imports.js";
import { globToRegExp, hasGlob } from "../paths/glob.js";

/** Largest file read; bigger inputs are not migrations a person wrote. */
const MAX_FILE_BYTES = 64 * 1024 * 1024;
const MAX_GLOB_FILES = 100_000;

/** Expands glob patterns (relative to `cwd`) to sorted absolute paths; a pattern that matches nothing is an error. */
export function expandGlobs(cwd: string, patterns: readonly string[], what: string): string[] {
  const found = new Set<string>();
  for (const pattern of patterns) {
    const normalized = pattern.split(sep).join("/");
    if (!hasGlob(normalized)) {
      const abs = resolve(cwd, normalized);
      requireFile(abs, displayPath(cwd, abs), what);
      found.add(abs);
      continue;
    }
    const segments = normalized.split("/");
    const firstGlob = segments.findIndex(hasGlob);
    const base = resolve(cwd, segments.slice(0, firstGlob).join("/") || ".");
    const re = globToRegExp(segments.slice(firstGlob).join("/"));
    const before = found.size;
    walk(base, "", re, found);
    if (found.size === before) throw new InputError(`no files match the ${what} pattern '${pattern}'`);
  }
  return [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function walk(dir: string, rel: string, re: RegExp, found: Set<string>): void {
  let entries;
  try {
    entries = readdirSync(dir, { withFileTypes: true });
  } catch {
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (found.size >= MAX_GLOB_FILES) throw new InputError(`more than ${MAX_GLOB_FILES} files match; narrow the pattern`);
    const path = rel ? `${rel}/${e.name}` : e.name;
    // Symlinked directories are not followed: they can loop.
    if (e.isDirectory()) {
      if (e.name === "node_modules" || e.name === ".git") continue;
      walk(join(dir, e.name), path, re, found);
    } else if ((e.isFile() || e.isSymbolicLink()) && re.test(path)) {
      const abs = join(dir, e.name);
      if (e.isSymbolicLink() && !isFile(abs)) continue;
      found.add(abs);
    }
  }
}

export function isFile(abs: string): boolean {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

function requireFile(abs: string, shown: string, what: string): Stats {
  let st;
  try {
    st = statSync(abs);
  } catch {
    throw new InputError(`${what} file not found: ${shown}`);
  }
  if (st.isDirectory()) throw new InputError(`${what} path is a directory, not a file: ${shown}`);
  return st;
}

/**
 * Reads a Python file as text. Binary files are refused; invalid UTF-8 is read with replacement characters.
 * `shown`, its path as displayPath gives it, when the caller already has it.
 */
export function readPythonFile(cwd: string, abs: string, what: string, shown = displayPath(cwd, abs)): FileInput & { invalidUtf8At: number | null } {
  const st = requireFile(abs, shown, what);
  let bytes: Buffer;
  try {
    if (st.size > MAX_FILE_BYTES) throw new InputError(`${what} file is larger than ${MAX_FILE_BYTES >> 20} MiB: ${shown}`);
    bytes = readFileSync(abs);
  } catch (e) {
    if (e instanceof InputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot read ${what} file ${shown}: ${code === "EACCES" ? "permission denied" : code}`);
  }
  return decodeSourceFile(bytes, shown, what);
}

/**
 * A source file's bytes as text, wherever they were read from (disk, the git
 * index, a revision): too large or binary is an input error; invalid UTF-8 is
 * read with replacement characters and its first offset kept for a finding.
 */
export function decodeSourceFile(bytes: Buffer, shown: string, what: string): FileInput & { invalidUtf8At: number | null } {
  if (bytes.length > MAX_FILE_BYTES) throw new InputError(`${what} file is larger than ${MAX_FILE_BYTES >> 20} MiB: ${shown}`);
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new InputError(`${what} file ${shown} is binary (NUL byte at offset ${nul}), not Python source`);
  let invalidUtf8At: number | null = null;
  let text: string;
  try {
    text = (strictUtf8 ??= new TextDecoder("utf-8", { fatal: true })).decode(bytes);
  } catch {
    text = (lenientUtf8 ??= new TextDecoder("utf-8")).decode(bytes);
    invalidUtf8At = firstInvalidUtf8(bytes);
  }
  return { path: shown, text, invalidUtf8At };
}

// Made once, when first needed: a run may read a thousand files, and decode() without `stream` starts afresh each call.
let strictUtf8: InstanceType<typeof TextDecoder> | null = null;
let lenientUtf8: InstanceType<typeof TextDecoder> | null = null;

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Buffer): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const n = b < 0x80 ? 1 : b >= 0xc2 && b < 0xe0 ? 2 : b >= 0xe0 && b < 0xf0 ? 3 : b >= 0xf0 && b < 0xf5 ? 4 : 0;
    if (n === 0 || i + n > bytes.length) return i;
    for (let k = 1; k < n; k++) if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    // Overlong forms, UTF-16 surrogates (ED A0..BF) and code points past U+10FFFF are invalid too.
    const second = bytes[i + 1]!;
    if ((b === 0xe0 && second < 0xa0) || (b === 0xed && second > 0x9f) || (b === 0xf0 && second < 0x90) || (b === 0xf4 && second > 0x8f)) return i;
    i += n;
  }
  return i;
}

/**
 * The project's own Python modules that `files` import from, transitively (for
 * constants such as `from app.config import SCHEMA`). A module that cannot be
 * read as text is left out: names from it are then reported as not in the project.
 */
export function readImportedModules(root: string, files: readonly FileInput[]): FileInput[] {
  return importedModules(files, (path) => {
    const abs = resolve(root, path);
    if (!isFile(abs)) return null;
    try {
      return readPythonFile(root, abs, "module");
    } catch (e) {
      if (e instanceof InputError) return null;
      throw e;
    }
  });
}
