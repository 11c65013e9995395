import type { ArgumentsCamelCase, Argv, CommandModule } from "yargs";
import { FORMAT_NAMES } from "../format/check/index.js";
import type { ParsedCommand, GlobalArgs } from "./parsed.js";

/**
 * The commands as typed yargs command modules: each builder declares the
 * options, and the handler hands the parsed arguments on as the command's own
 * type (yargs' inferred option types are checked against it, no cast).
 */
export function withCommands(y: Argv<GlobalArgs>, done: (parsed: ParsedCommand) => void): Argv<GlobalArgs> {
  return y
    .command(commandModule(["check [files..]", "$0 [files..]"], "Check migrations and registry against the policy", checkOptions, (args) => done({ command: "check", args })))
    .command(commandModule("list", "List every index, where it is, its class and reason", listOptions, (args) => done({ command: "list", args })))
    .command(commandModule("report", "Write the markdown audit report (stdout or --output)", reportOptions, (args) => done({ command: "report", args })))
    .command(commandModule("rules", "List the rules, their severity and fixability", rulesOptions, (args) => done({ command: "rules", args })))
    .command(commandModule("explain <rule>", "Print a rule's documentation", explainOptions, (args) => done({ command: "explain", args })))
    .command(commandModule("fix", "Move performance indexes from migrations to the registry", fixOptions, (args) => done({ command: "fix", args })))
    .command(commandModule("init", "Write index-audit.json (--hook: a pre-commit hook)", initOptions, (args) => done({ command: "init", args })))
    .command(commandModule("db", "Hold the declared indexes against a live PostgreSQL database (read-only)", dbOptions, (args) => done({ command: "db", args })));
}

function commandModule<U>(command: string | string[], describe: string, builder: (y: Argv<GlobalArgs>) => Argv<U>, handler: (args: ArgumentsCamelCase<U>) => void): CommandModule<GlobalArgs, U> {
  return { command, describe, builder, handler };
}

/** The options every command takes, declared once on the top-level parser. */
export function globalOptions(y: Argv): Argv<GlobalArgs> {
  return y
    .option("cwd", { type: "string", default: ".", describe: "Project directory" })
    .option("color", { type: "boolean", describe: "Colour output (--no-color to disable)" })
    .option("debug", { type: "boolean", default: false, describe: "Show stack traces of internal errors" });
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

function checkOptions(y: Argv<GlobalArgs>) {
  return projectOptions(y)
    .positional("files", { type: "string", array: true, describe: "Changed files (from a hook): check only if one matters" })
    .option("format", { alias: "f", choices: FORMAT_NAMES, describe: "Output format (default stylish; github in GitHub Actions)" })
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
    .option("timing", { type: "boolean", default: false, describe: "Print the time of each stage on stderr (also INDEX_AUDIT_TIMING=1)" });
}

function listOptions(y: Argv<GlobalArgs>) {
  return projectOptions(y)
    .option("format", { alias: "f", choices: ["table", "json", "csv"] as const, default: "table" as const, describe: "Output format" })
    .option("wide", { type: "boolean", default: false, describe: "Table: every cell in full (default: fit the terminal)" });
}

function reportOptions(y: Argv<GlobalArgs>) {
  return projectOptions(y)
    .option("output", { alias: "o", type: "string", describe: "Write the report to this file (atomically) instead of stdout" })
    .option("check", { type: "boolean", default: false, describe: "With --output: write nothing; exit 1 with a diff when the file is stale" })
    .option("date", { type: "string", describe: "Date printed under the title (YYYY-MM-DD); none by default" })
    .option("base", { type: "string", describe: "Git revision to compare with (index-missing)" })
    .option("database-url", { type: "string", describe: "Add a Database section: the declared indexes held against this database (read-only)" })
    .option("schema", { type: "array", string: true, describe: "With --database-url: schemas to examine (default: the search_path)" })
    .option("connect-timeout", { type: "number", default: 10, describe: "With --database-url: seconds to wait for the database" });
}

function rulesOptions(y: Argv<GlobalArgs>) {
  return y.option("format", { alias: "f", choices: ["table", "json"] as const, default: "table" as const, describe: "Output format" });
}

function explainOptions(y: Argv<GlobalArgs>) {
  return y.positional("rule", { type: "string", demandOption: true, describe: "Rule id" });
}

function fixOptions(y: Argv<GlobalArgs>) {
  return projectOptions(y)
    .option("move", { type: "boolean", default: false, describe: "Move every performance index out of migrations" })
    .option("dry-run", { type: "boolean", default: false, describe: "Print the change as a diff; write nothing" });
}

function initOptions(y: Argv<GlobalArgs>) {
  return y
    .option("hook", { type: "boolean", default: false, describe: "Also install .git/hooks/pre-commit" })
    .option("force", { type: "boolean", default: false, describe: "Overwrite an existing config or hook" })
    .option("migrations", { type: "array", string: true, describe: "Migration files (globs) to write into the config" })
    .option("registry", { type: "string", describe: "Registry file to write into the config" });
}

function dbOptions(y: Argv<GlobalArgs>) {
  return databaseOptions(projectOptions(y))
    .option("format", { alias: "f", choices: FORMAT_NAMES, describe: "Output format (default stylish; github in GitHub Actions)" })
    .option("output-file", { alias: "o", type: "string", describe: "Write the report to a file instead of stdout" })
    .option("max-warnings", { type: "number", default: -1, describe: "Exit 1 when there are more warnings than this" })
    .option("quiet", { alias: "q", type: "boolean", default: false, describe: "Report errors only" })
    .option("baseline", { type: "string", describe: "Baseline of accepted findings (default .index-audit-db-baseline.json)" })
    .option("update-baseline", { type: "boolean", default: false, describe: "Write the current findings to the baseline, exit 0" })
    .option("repair-sql", { type: "boolean", default: false, describe: "Print (never run) the SQL that brings the database in line" });
}
