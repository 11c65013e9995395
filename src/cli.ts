import { isUserError, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { CommandContext } from "./commands/context.js";
import { skipsPreCommit } from "./commands/precommit.js";
import type { ParsedCommand } from "./cli/parsed.js";
import { needsSqlParser } from "./cli/sql-preload.js";
import { preloadSqlParser } from "./sql/parser.js";

// Commands, yargs and chalk are imported when a run needs them: a pre-commit
// run whose staged files concern no migration loads none of them, and a plain
// `check` is parsed without yargs (src/cli/fast-check.ts).

/** The cheap answers src/bin.ts gives before it loads the CLI: what it tried need not be tried again. */
export interface Tried {
  /** `check --cache`: the stored output was looked up, and missed. */
  cachedOutput: boolean;
  /** No --cache: the pre-commit skip was decided, and it is not one. */
  preCommitSkip: boolean;
}

const NOTHING_TRIED: Tried = { cachedOutput: false, preCommitSkip: false };

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io, tried: Tried = NOTHING_TRIED): Promise<number> {
  // `check --cache` with nothing changed prints the stored output; a run that may store one is recorded.
  if (argv.includes("--cache")) {
    if (!tried.cachedOutput) {
      const cached = (await import("./cache/output.js")).serveCachedOutput(argv, io);
      if (cached.exitCode !== null) return cached.exitCode;
      if (needsSqlParser(argv, cached.stale)) preloadSqlParser();
    }
    return (await import("./cache/record.js")).recordRun(argv, io, (recorded) => runCli(argv, recorded, false));
  }
  return runCli(argv, io, tried.preCommitSkip);
}

async function runCli(argv: readonly string[], io: Io, preCommitTried: boolean): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    // The hook's common case, decided before yargs loads: no staged file concerns the project.
    if (!preCommitTried && (await skipsPreCommit(argv, io.cwd))) return 0;
    if (needsSqlParser(argv)) preloadSqlParser();
    const parsed = await parseCommandLine(argv, io);
    if ("text" in parsed) {
      io.stdout(parsed.text + "\n");
      return 0;
    }
    const { args } = parsed;
    debug = args.debug;
    const { makeColors } = await import("./format/color.js");
    const cwd = resolve(io.cwd, args.cwd);
    if (!isDirectory(cwd)) throw new UsageError(`--cwd ${args.cwd}: no such directory`);
    const maxWarnings = "max-warnings" in args ? args["max-warnings"] : undefined;
    if (maxWarnings !== undefined && !Number.isInteger(maxWarnings)) throw new UsageError("--max-warnings must be a whole number");
    const ctx: CommandContext = { io, chalk: await makeColors(args.color, io), cwd };
    switch (parsed.command) {
      case "check":
        return await (await import("./commands/check.js")).checkCommand(parsed.args, ctx);
      case "list":
        return await (await import("./commands/list.js")).listCommand(parsed.args, ctx);
      case "report":
        return await (await import("./commands/report.js")).reportCommand(parsed.args, ctx);
      case "rules":
        return (await import("./commands/rules.js")).rulesCommand(parsed.args.format, ctx);
      case "explain":
        return (await import("./commands/rules.js")).explainCommand(parsed.args.rule, ctx);
      case "fix":
        return await (await import("./commands/fix.js")).fixCommand(parsed.args, ctx);
      case "init":
        return (await import("./commands/init.js")).initCommand(parsed.args, ctx);
      case "db":
        return await (await import("./commands/db.js")).dbCommand(parsed.args, ctx);
    }
  } catch (e) {
    if (isUserError(e)) {
      io.stderr(`index-audit: ${e.message}\n`);
      return 2;
    }
    const message = e instanceof Error ? e.message : String(e);
    io.stderr(debug && e instanceof Error && e.stack ? `${e.stack}\n` : `index-audit: internal error: ${message} (run with --debug for details)\n`);
    return 2;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

/** The command line as the fast parser reads it when it can (a plain `check`), else as yargs does; or yargs' --help / --version text. */
async function parseCommandLine(argv: readonly string[], io: Io): Promise<ParsedCommand | { text: string }> {
  const fast = (await import("./cli/fast-check.js")).fastCheckArgs(argv);
  if (fast) return { command: "check", args: fast };
  const result = await (await import("./cli/yargs-parse.js")).parseWithYargs(argv, io);
  return result.kind === "output" ? { text: result.text } : result.parsed;
}
