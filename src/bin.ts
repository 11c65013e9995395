#!/usr/bin/env node
import type { Io } from "./io.js";

const argv = process.argv.slice(2);
const io: Io = {
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  stdoutIsTTY: process.stdout.isTTY === true,
  ...(process.stdout.isTTY && process.stdout.columns ? { stdoutColumns: process.stdout.columns } : {}),
};
// A warm `check --cache` is served before the CLI (yargs, the configuration, the commands) loads.
const served = argv.includes("--cache") ? (await import("./cache/output.js")).serveCachedOutput(argv, io) : null;
process.exitCode = served ?? (await (await import("./cli.js")).run(argv, io));
