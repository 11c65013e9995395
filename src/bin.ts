#!/usr/bin/env node
import { setFlagsFromString } from "node:v8";
import type { Io } from "./io.js";

// Compile WebAssembly (libpg-query) with Liftoff only, never tiering up to TurboFan: measured on the
// 10k-line bench (2 cores), loading fell from ~240 to ~190 ms and parsing from ~550 to ~290 ms, since
// the optimizing compiler's background work competes with the parse for the CPU. A process flag, so it
// is set here, before run() can start loading the parser, and never by the library.
setFlagsFromString("--liftoff-only");

const argv = process.argv.slice(2);
const io: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-boolean-literal-compare -- typed boolean, but undefined when stdout is not a terminal
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
};
// A warm `check --cache` is served before the CLI (yargs, the configuration, the commands) loads.
const served = argv.includes("--cache") ? (await import("./cache/output.js")).serveCachedOutput(argv, io) : null;
process.exitCode = served ?? (await (await import("./cli.js")).run(argv, io));
