#!/usr/bin/env node
import type { Io } from "./io.js";
import { skipsPreCommit } from "./commands/precommit.js";
import { collectLargeHeap, setProcessFlags } from "./process-flags.js";

setProcessFlags();

const argv = process.argv.slice(2);
const io: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- typed boolean, but undefined when stdout is not a terminal
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
  releaseMemory: collectLargeHeap,
};

/**
 * The cheap answers come before the CLI (yargs, the configuration, the
 * commands) loads: a warm `check --cache` prints its stored output, and a
 * pre-commit run whose staged files concern no migration exits 0. The
 * installed CLI is two bundles (scripts/bundle.mjs): these answers and the
 * rest, so they do not pay for compiling the rest.
 */
async function main(): Promise<number> {
  if (argv.includes("--cache")) {
    const cached = (await import("./cache/output.js")).serveCachedOutput(argv, io);
    if (cached.exitCode !== null) return cached.exitCode;
    await preloadSqlParserIfNeeded(cached.stale);
    return (await import("./cli.js")).run(argv, io, { cachedOutput: true, preCommitSkip: false });
  }
  const skips = await skipsPreCommitSafely();
  if (skips === true) return 0;
  await preloadSqlParserIfNeeded(false);
  return (await import("./cli.js")).run(argv, io, { cachedOutput: false, preCommitSkip: skips === false });
}

/** The SQL parser's load (its WebAssembly compiles on another thread) overlaps loading the CLI. */
async function preloadSqlParserIfNeeded(stale: boolean): Promise<void> {
  const [{ needsSqlParser }, { preloadSqlParser }] = await Promise.all([import("./cli/sql-preload.js"), import("./sql/parser.js")]);
  if (needsSqlParser(argv, stale)) preloadSqlParser();
}

/** Whether the run is a pre-commit skip; null when deciding failed: the CLI decides again and reports why. */
async function skipsPreCommitSafely(): Promise<boolean | null> {
  try {
    return await skipsPreCommit(argv, io.cwd);
  } catch {
    return null;
  }
}

/**
 * Exit as soon as stdout and stderr have taken everything written. Left to
 * end by itself, Node first tears down the V8 heap, the parse trees and the
 * SQL parser's WebAssembly (about 10 ms of a real-size check) and waits for a
 * parser load the run did not need. An empty write's callback runs only after
 * every earlier write to that stream is flushed, also where pipes are
 * asynchronous (macOS, Windows), so no output is cut short.
 */
function exitWhenFlushed(code: number): void {
  process.exitCode = code;
  process.stdout.write("", () => process.stderr.write("", () => process.exit()));
}

main().then(exitWhenFlushed, (e: unknown) => {
  process.stderr.write(`index-audit: internal error: ${e instanceof Error ? e.message : String(e)}\n`);
  exitWhenFlushed(2);
});
