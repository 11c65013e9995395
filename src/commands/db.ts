import { resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { DEFAULT_SESSION, readDatabase } from "../db/client.js";
import { repairSql } from "../fix/repair-sql.js";
import type { CatalogSnapshot } from "../db/snapshot.js";
import { parseDatabaseUrl, type ConnectionSettings } from "../db/url.js";
import { InputError, UsageError } from "../errors.js";
import { FORMATTERS, summarize, type CheckReport } from "../format/check/index.js";
import { createToolkit, type ProjectInput, type Toolkit } from "../project/analyze.js";
import type { Inventory } from "../model/types.js";
import { checkDatabase, type DatabaseCheckOutput } from "../project/db-check.js";
import { PLAIN } from "../format/color.js";
import type { CommandContext, CommonArgs } from "./context.js";
import { loadProjectConfig, readProject, type LoadedProject } from "./project.js";
import { repositoryPrefix } from "./repository.js";
import { readRuleDocs, toolVersion } from "../disk/resources.js";
import { findingsExitCode, reportAsShown, writeOutputFile } from "./output.js";
import { baselineStep, staleBaselineNotice } from "./baseline-file.js";

/** Options shared by `db` and `report --database-url`. */
export interface DatabaseArgs extends CommonArgs {
  "database-url"?: string | undefined;
  schema?: string[] | undefined;
  "connect-timeout": number;
}

export interface DbArgs extends DatabaseArgs {
  format?: string | undefined;
  "output-file"?: string | undefined;
  "max-warnings": number;
  quiet: boolean;
  baseline?: string | undefined;
  "update-baseline": boolean;
  "repair-sql": boolean;
}

/** Where `db` keeps accepted findings unless --baseline says otherwise (apart from check's: they are other findings). */
export const DB_BASELINE = ".index-audit-db-baseline.json";

/**
 * `index-audit db`: the declared indexes held against a live database, read
 * only. Formats, exit codes and --output-file as in `check`; `--repair-sql`
 * prints the SQL that brings the database in line instead.
 */
export async function dbCommand(args: DbArgs, ctx: CommandContext): Promise<number> {
  const format = args.format ?? (ctx.io.env.GITHUB_ACTIONS === "true" ? "github" : "stylish");
  const formatter = FORMATTERS[format];
  if (!formatter) throw new UsageError(`unknown format '${format}' (use ${Object.keys(FORMATTERS).join(", ")})`);
  const project = loadProjectConfig(ctx.cwd, args);
  const { result, connection, toolkit } = await checkLiveDatabase(args, ctx, project);

  if (args["repair-sql"]) {
    const text = repairSql(await toolkit.sql(), result.comparison, connection.shown);
    if (args["output-file"]) writeOutputFile(resolve(ctx.io.cwd, args["output-file"]), text, args["output-file"]);
    else ctx.io.stdout(text);
    return 0;
  }

  const afterBaseline = baselineStep(ctx, project.root, args, DB_BASELINE, result.diagnostics);
  if (!afterBaseline) return 0;
  const { diagnostics: kept, baselined, stale } = afterBaseline;
  let diagnostics = kept;
  if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  const warnings = diagnostics.filter((d) => d.severity === "warn").length;
  const report: CheckReport = { diagnostics, summary: summarize(diagnostics, result.suppressed, baselined, result.files.length), files: result.files, base: null };
  const toFile = args["output-file"];
  const chalk = toFile ? PLAIN : ctx.chalk;
  const text = formatter(reportAsShown(report, format, ctx.io.cwd, project.root), { chalk, rules: RULES, toolVersion: toolVersion(), ruleDocs: format === "sarif" ? readRuleDocs(RULES) : new Map(), repositoryPrefix: repositoryPrefix(project.root, ctx.io.env) });
  if (toFile) writeOutputFile(resolve(ctx.io.cwd, toFile), text, toFile);
  else ctx.io.stdout(text);
  if (stale > 0) ctx.io.stderr(staleBaselineNotice(stale, "db"));
  return findingsExitCode(report.summary.errors, warnings, args["max-warnings"], !toFile && format === "stylish", (line) => ctx.io.stdout(line));
}

/**
 * Reads the project and the database's catalog, and compares them (the toolkit is returned for --repair-sql to reuse its SQL parser).
 * `analyzed`: the project as the caller read and analyzed it already (`report`), neither read nor analyzed again.
 */
export async function checkLiveDatabase(args: DatabaseArgs, ctx: CommandContext, project: LoadedProject, analyzed?: { input: ProjectInput; inventory: Inventory; toolkit: Toolkit }): Promise<{ result: DatabaseCheckOutput; connection: ConnectionSettings; snapshot: CatalogSnapshot; toolkit: Toolkit }> {
  const connection = connectionOf(args, ctx, project);
  const timeout = args["connect-timeout"];
  if (!(typeof timeout === "number" && timeout > 0 && timeout <= 3600)) throw new UsageError("--connect-timeout must be a number of seconds between 0 and 3600");
  const schemas = args.schema?.length ? args.schema : null;
  const input = analyzed?.input ?? readProject(project.root, project.config, (line) => ctx.io.stderr(line));
  const snapshot = await readDatabase(connection, { connectTimeoutSeconds: timeout, schemas, session: DEFAULT_SESSION });
  if (schemas) {
    const absent = schemas.filter((s) => !snapshot.schemas.includes(s));
    if (absent.length) throw new InputError(`--schema: no schema ${absent.map((s) => JSON.stringify(s)).join(", ")} in ${connection.shown}`);
  } else if (snapshot.schemas.length === 0) throw new InputError(`${connection.shown}: the search_path names no schema that exists; choose one with --schema`);
  const toolkit = analyzed?.toolkit ?? createToolkit();
  const result = await checkDatabase({ project: input, config: project.config, snapshot, rules: RULES, inventory: analyzed?.inventory }, toolkit);
  return { result, connection, snapshot, toolkit };
}

/** --database-url, else the configured environment variable (DATABASE_URL by default). */
function connectionOf(args: DatabaseArgs, ctx: CommandContext, project: LoadedProject): ConnectionSettings {
  if (args["database-url"] !== undefined) return parseDatabaseUrl(args["database-url"], "--database-url");
  const name = project.config.databaseUrlEnv;
  const value = ctx.io.env[name];
  if (value === undefined || value === "") throw new UsageError(`no database URL: give --database-url or set ${name}`);
  return parseDatabaseUrl(value, name);
}
