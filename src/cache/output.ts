import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import type { Io } from "../io.js";
import { toolVersion } from "../disk/resources.js";
import { stillHolds, type Observation } from "./observation.js";

/**
 * `check --cache`, served before anything else loads: the bytes a run printed
 * and its exit code, kept with every file-system observation that run made
 * (the configuration files looked for and read, every migration, registry,
 * module, framework file and baseline read, every directory listed, every path
 * tested) and keyed on what else the output depends on: the command line, the
 * working directory, the environment variables the CLI reads, whether stdout is
 * a terminal, and the tool version. A warm run re-asks the observations
 * (hashing file contents, never timestamps) and, when all hold, prints the
 * stored bytes without parsing arguments, validating the configuration or
 * formatting. Any difference is a miss, and the full CLI runs.
 *
 * This module imports node built-ins only: it is what a warm run loads.
 */

/** Bumped whenever the record's layout or what its key covers changes. */
const OUTPUT_FORMAT = 1;

/** The environment variables that change what `check` prints. */
const ENV_NAMES = ["GITHUB_ACTIONS", "GITHUB_WORKSPACE", "NO_COLOR", "FORCE_COLOR", "INDEX_AUDIT_TIMING", "COLUMNS"] as const;

/** The default cache directory's name (the same as the result cache's). */
const DEFAULT_DIR = ".index-audit-cache";

export interface OutputRecord {
  observations: Observation[];
  exitCode: number;
  /** What was written, in order: stream (1 stdout, 2 stderr) and text. */
  chunks: [1 | 2, string][];
}

/** The record's file name in a cache directory: a hash of everything but the file system. */
export function recordFileName(argv: readonly string[], io: Io, version = toolVersion()): string {
  const env = Object.fromEntries(ENV_NAMES.map((n) => [n, io.env[n] ?? null]));
  const key = JSON.stringify({ format: OUTPUT_FORMAT, tool: version, argv, cwd: io.cwd, env, tty: io.stdoutIsTTY, columns: io.stdoutColumns ?? null });
  return `output-${createHash("sha256").update(key).digest("hex").slice(0, 32)}.bin`;
}

/** A header line of JSON (observations, exit code, chunk lengths in bytes), then the output bytes. */
export function encodeRecord(record: OutputRecord): Buffer {
  const bodies = record.chunks.map(([, text]) => Buffer.from(text, "utf8"));
  const header = { observations: record.observations, exitCode: record.exitCode, chunks: record.chunks.map(([stream], k) => [stream, bodies[k]!.length]) };
  return Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`, "utf8"), ...bodies]);
}

interface Header {
  observations: Observation[];
  exitCode: number;
  chunks: [1 | 2, number][];
}

/** The record, or null when it is unreadable or not one. */
export function decodeRecord(bytes: Buffer): OutputRecord | null {
  const newline = bytes.indexOf(10);
  if (newline < 0) return null;
  try {
    const header = JSON.parse(bytes.toString("utf8", 0, newline)) as Header;
    if (!Array.isArray(header.observations) || !Array.isArray(header.chunks) || typeof header.exitCode !== "number") return null;
    let at = newline + 1;
    const chunks = header.chunks.map(([stream, length]): [1 | 2, string] => {
      const text = bytes.toString("utf8", at, at + length);
      at += length;
      return [stream, text];
    });
    return at === bytes.length ? { observations: header.observations, exitCode: header.exitCode, chunks } : null;
  } catch {
    return null;
  }
}

/** `--cwd` and `--cache-location` as given (the last one wins, as in the full parser); they only say where to look. */
function optionValue(argv: readonly string[], name: string): string | null {
  let value: string | null = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") break;
    if (a === name) value = argv[i + 1] ?? null;
    else if (a.startsWith(`${name}=`)) value = a.slice(name.length + 1);
  }
  return value;
}

/**
 * Where a record may be: `--cache-location`, or `.index-audit-cache/` in the
 * working directory or any directory above it (the project root is where the
 * configuration is, which only the full CLI knows). Finding a record anywhere
 * is safe: its key and observations decide whether it is served.
 */
function recordDirs(argv: readonly string[], io: Io): string[] {
  const cwd = resolve(io.cwd, optionValue(argv, "--cwd") ?? ".");
  const location = optionValue(argv, "--cache-location");
  if (location !== null) return [resolve(cwd, location)];
  const dirs: string[] = [];
  for (let dir = cwd; ; dir = dirname(dir)) {
    dirs.push(join(dir, DEFAULT_DIR));
    if (dirname(dir) === dir) return dirs;
  }
}

/** The io objects already tried and missed: the CLI may ask again for the same run, which must cost nothing. */
const missed = new WeakSet<Io>();

/**
 * What looking up the stored output found: printed, with its exit code; or
 * missed, and `stale` when a record for this command line was there but a
 * file it observed has changed since (the analysis will run again).
 */
export type CachedOutput = { exitCode: number } | { exitCode: null; stale: boolean };

/**
 * Prints the stored output when a record for this command line holds, and
 * says whether it did. Never throws: an unreadable cache is a miss.
 */
export function serveCachedOutput(argv: readonly string[], io: Io): CachedOutput {
  if (!argv.includes("--cache") || missed.has(io)) return { exitCode: null, stale: false };
  missed.add(io);
  let stale = false;
  try {
    const name = recordFileName(argv, io);
    for (const dir of recordDirs(argv, io)) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(join(dir, name));
      } catch {
        continue;
      }
      const record = decodeRecord(bytes);
      if (record === null) continue;
      if (!stillHolds(record.observations)) {
        stale = true;
        continue;
      }
      for (const [stream, text] of record.chunks) {
        if (stream === 1) io.stdout(text);
        else io.stderr(text);
      }
      return { exitCode: record.exitCode };
    }
  } catch {
    // A cache that cannot be read is a miss.
  }
  return { exitCode: null, stale };
}
