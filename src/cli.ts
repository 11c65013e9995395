import type { Argv } from "yargs";
import { isUserError, UsageError } from "./errors.js";
import type { Io } from "./io.js";
import { statSync } from "node:fs";
import { resolve } from "node:path";
import type { CheckArgs } from "./commands/check.js";
import type { CommandContext, CommonArgs } from "./commands/context.js";
import type { InitArgs } from "./commands/init.js";
import type { FixArgs } from "./commands/fix.js";
import type { ListArgs } from "./commands/list.js";
import type { ReportArgs } from "./commands/report.js";
import type { DbArgs } from "./commands/db.js";
import { skipsPreCommit } from "./commands/precommit.js";
import { toolVersion } from "./commands/resources.js";
import { closest } from "./config/suggest.js";
import { preloadSqlParser } from "./sql/parser.js";

// Commands, yargs and chalk are imported when a run needs them: a pre-commit
// run whose staged files concern no migration loads none of them.

const FORMATS = ["stylish", "compact", "json", "sarif", "github"] as const;

type Parsed =
  | { kind: "output"; text: string }
  | { kind: "args"; command: string; args: CommonArgs & Record<string, unknown> & { _: (string | number)[] } };

/** Runs the CLI with `argv` (without `node` and the script) and returns the exit code. */
export async function run(argv: readonly string[], io: Io): Promise<number> {
  let debug = argv.includes("--debug");
  try {
    // The hook's common case, decided before yargs loads: no staged file concerns the project.
    if (skipsPreCommit(argv, io.cwd)) return 0;
    if (needsSqlParser(argv)) preloadSqlParser();
    const parsed = await parseArgs(argv, io);
    if (parsed.kind === "output") {
      io.stdout(parsed.text + "\n");
      return 0;
    }
    const { command, args } = parsed;
    debug = args.debug;
    const { makeColors } = await import("./commands/color.js");
    const cwd = resolve(io.cwd, args.cwd);
    if (!isDirectory(cwd)) throw new UsageError(`--cwd ${args.cwd}: no such directory`);
    const maxWarnings = args["max-warnings"];
    if (maxWarnings !== undefined && !Number.isInteger(maxWarnings)) throw new UsageError("--max-warnings must be a whole number");
    const ctx: CommandContext = { io, chalk: await makeColors(args.color, io), cwd };
    switch (command) {
      case "check":
        return await (await import("./commands/check.js")).checkCommand(args as unknown as CheckArgs, ctx);
      case "list":
        return await (await import("./commands/list.js")).listCommand(args as unknown as ListArgs, ctx);
      case "report":
        return await (await import("./commands/report.js")).reportCommand(args as unknown as ReportArgs, ctx);
      case "rules":
        return (await import("./commands/rules.js")).rulesCommand(args.format === "json" ? "json" : "table", ctx);
      case "explain":
        return (await import("./commands/rules.js")).explainCommand(String(args.rule), ctx);
      case "fix":
        return await (await import("./commands/fix.js")).fixCommand(args as unknown as FixArgs, ctx);
      case "init":
        return (await import("./commands/init.js")).initCommand(args as unknown as InitArgs, ctx);
      case "db":
        return await (await import("./commands/db.js")).dbCommand(args as unknown as DbArgs, ctx);
      default:
        throw new UsageError(`unknown command '${command}'`);
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

function projectOptions<T>(y: Argv<T>) {
  return y
    .option("config", { alias: "c", type: "string", describe: "Config file (default: the nearest one, walking up)" })
    .option("migrations", { type: "array", string: true, describe: "Migration files (globs); default server/db_migrate.py" })
    .option("registry", { type: "string", describe: "Index registry file; default server/db_indexes.py" })
    .option("registry-variable", { type: "string", describe: "Registry variable holding the entries; default INDEX_DEFS" })
    .option("executor", { type: "array", string: true, describe: "Extra calls whose argument is SQL (e.g. exec_index)" });
}

/** How `db` and `report --database-url` reach the database. */
function databaseOptions<T>(y: Argv<T>) {
  return y
    .option("database-url", { type: "string", describe: "postgresql://user:password@host:port/database (default: $DATABASE_URL, or the configured database.urlEnv)" })
    .option("schema", { type: "array", string: true, describe: "Schemas to examine (default: the search_path)" })
    .option("connect-timeout", { type: "number", default: 10, describe: "Seconds to wait for the database" });
}

async function parseArgs(argv: readonly string[], io: Io): Promise<Parsed> {
  const { default: yargs } = await import("yargs");
  let command = "check";
  const parser = yargs([...argv])
    .scriptName("index-audit")
    .usage("$0 [command] [options]")
    .command(
      ["check [files..]", "$0 [files..]"],
      "Check migrations and registry against the policy",
      (y) =>
        projectOptions(y)
          .positional("files", { type: "string", array: true, describe: "Changed files (from a hook): check only if one matters" })
          .option("format", { alias: "f", choices: FORMATS, describe: "Output format (default stylish; github in GitHub Actions)" })
          .option("output-file", { alias: "o", type: "string", describe: "Write the report to a file instead of stdout" })
          .option("max-warnings", { type: "number", describe: "Exit 1 past this many warnings (default: no limit)" })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Report errors only" })
          .option("base", { type: "string", describe: "Git revision to compare with (index-missing)" })
          .option("baseline", { type: "string", describe: "Baseline of accepted findings (default .index-audit-baseline.json)" })
          .option("staged", { type: "boolean", default: false, describe: "Check what is staged in git, not the work tree" })
          .option("fix", { type: "boolean", default: false, describe: "Apply the available fixes (atomic writes)" })
          .option("fix-dry-run", { type: "boolean", default: false, describe: "Print the fixes as a diff; write nothing" })
          .option("update-baseline", { type: "boolean", default: false, describe: "Write the current findings to the baseline, exit 0" })
          .option("cache", { type: "boolean", default: false, describe: "Reuse the last result while no input changed (content hash of files, config, version)" })
          .option("cache-location", { type: "string", describe: "Cache directory (default .index-audit-cache in the project root)" })
          .option("timing", { type: "boolean", default: false, describe: "Print the time of each stage on stderr (also INDEX_AUDIT_TIMING=1)" }),
      () => {
        command = "check";
      },
    )
    .command(
      "list",
      "List every index, where it is, its class and reason",
      (y) =>
        projectOptions(y)
          .option("format", { alias: "f", choices: ["table", "json", "csv"] as const, default: "table", describe: "Output format" })
          .option("wide", { type: "boolean", default: false, describe: "Table: every cell in full (default: fit the terminal)" }),
      () => {
        command = "list";
      },
    )
    .command(
      "report",
      "Write the markdown audit report (stdout or --output)",
      (y) =>
        projectOptions(y)
          .option("output", { alias: "o", type: "string", describe: "Write the report to this file (atomically) instead of stdout" })
          .option("check", { type: "boolean", default: false, describe: "With --output: write nothing; exit 1 with a diff when the file is stale" })
          .option("date", { type: "string", describe: "Date printed under the title (YYYY-MM-DD); none by default" })
          .option("base", { type: "string", describe: "Git revision to compare with (index-missing)" })
          .option("database-url", { type: "string", describe: "Add a Database section: the declared indexes held against this database (read-only)" })
          .option("schema", { type: "array", string: true, describe: "With --database-url: schemas to examine (default: the search_path)" })
          .option("connect-timeout", { type: "number", default: 10, describe: "With --database-url: seconds to wait for the database" }),
      () => {
        command = "report";
      },
    )
    .command(
      "rules",
      "List the rules, their severity and fixability",
      (y) => y.option("format", { alias: "f", choices: ["table", "json"] as const, default: "table", describe: "Output format" }),
      () => {
        command = "rules";
      },
    )
    .command(
      "explain <rule>",
      "Print a rule's documentation",
      (y) => y.positional("rule", { type: "string", demandOption: true, describe: "Rule id" }),
      () => {
        command = "explain";
      },
    )
    .command(
      "fix",
      "Move performance indexes from migrations to the registry",
      (y) =>
        projectOptions(y)
          .option("move", { type: "boolean", default: false, describe: "Move every performance index out of migrations" })
          .option("dry-run", { type: "boolean", default: false, describe: "Print the change as a diff; write nothing" }),
      () => {
        command = "fix";
      },
    )
    .command(
      "init",
      "Write index-audit.json (--hook: a pre-commit hook)",
      (y) =>
        y
          .option("hook", { type: "boolean", default: false, describe: "Also install .git/hooks/pre-commit" })
          .option("force", { type: "boolean", default: false, describe: "Overwrite an existing config or hook" })
          .option("migrations", { type: "array", string: true, describe: "Migration files (globs) to write into the config" })
          .option("registry", { type: "string", describe: "Registry file to write into the config" }),
      () => {
        command = "init";
      },
    )
    .command(
      "db",
      "Hold the declared indexes against a live PostgreSQL database (read-only)",
      (y) =>
        databaseOptions(projectOptions(y))
          .option("format", { alias: "f", choices: FORMATS, describe: "Output format (default stylish; github in GitHub Actions)" })
          .option("output-file", { alias: "o", type: "string", describe: "Write the report to a file instead of stdout" })
          .option("max-warnings", { type: "number", default: -1, describe: "Exit 1 when there are more warnings than this" })
          .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Report errors only" })
          .option("baseline", { type: "string", describe: "Baseline of accepted findings (default .index-audit-db-baseline.json)" })
          .option("update-baseline", { type: "boolean", default: false, describe: "Write the current findings to the baseline, exit 0" })
          .option("repair-sql", { type: "boolean", default: false, describe: "Print (never run) the SQL that brings the database in line" }),
      () => {
        command = "db";
      },
    )
    .option("cwd", { type: "string", default: ".", describe: "Project directory" })
    .option("color", { type: "boolean", describe: "Colour output (--no-color to disable)" })
    .option("debug", { type: "boolean", default: false, describe: "Show stack traces of internal errors" })
    .strict()
    .exitProcess(false)
    .help()
    .version(toolVersion())
    .wrap(Math.min(100, io.env.COLUMNS ? Number(io.env.COLUMNS) : 100));
  return new Promise((resolvePromise, reject) => {
    // The callback settles the promise; what parse returns is not needed.
    void parser.parse([...argv], {}, (err, args, output) => {
      if (err) reject(new UsageError(withSuggestions(err.message.replace(/\s*\n\s*/g, " ").trim(), optionNames(parser))));
      else if (output) resolvePromise({ kind: "output", text: output });
      else resolvePromise({ kind: "args", command, args: args as unknown as CommonArgs & Record<string, unknown> & { _: (string | number)[] } });
    });
  });
}

/** The options yargs knows for the command it parsed (getOptions is public at run time, absent from the types). */
function optionNames(parser: unknown): string[] {
  return Object.keys((parser as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
}

/** yargs' "Unknown argument: formt" with the closest option names (`--format`). */
function withSuggestions(message: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const near = [...new Set(m[1]!.split(", ").flatMap((name) => closest(name.replace(/^-+/, ""), known, 2)))].map((n) => `--${n}`);
  return near.length ? `${message}; did you mean ${near.join(" or ")}?` : message;
}

const COMMANDS = new Set(["check", "list", "report", "fix", "rules", "explain", "init", "db"]);
const SQL_COMMANDS = new Set(["check", "list", "report", "fix"]);

/**
 * Whether the run analyzes migrations, so loading the SQL parser can start
 * before yargs: the first command word (none means `check`), and no --help or
 * --version. A wrong guess costs time only, never a result.
 */
function needsSqlParser(argv: readonly string[]): boolean {
  if (argv.some((a) => a === "--help" || a === "-h" || a === "--version")) return false;
  const command = argv.find((a) => COMMANDS.has(a));
  return command === undefined || SQL_COMMANDS.has(command);
}
