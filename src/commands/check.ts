import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { COMMAND_NAMES } from "./names.js";
import { didYouMean } from "../config/suggest.js";
import { UsageError } from "../errors.js";
import { FORMATTERS, summarize, type CheckReport } from "../format/check/index.js";
import type { ProjectInput } from "../project/analyze.js";
import type { CheckResult } from "../engine/run-rules.js";
import { readProjectAt, readProjectStaged } from "../disk/git.js";
import { writeFileAtomic } from "../disk/write.js";
import { createTimer, formatTimings, NO_TIMER, type Timer } from "../timing.js";
import { afterAnalysisOf, type CommandContext, type CommonArgs } from "./context.js";
import { touchesProject } from "./precommit.js";
import { loadProjectConfig, noRegistryNotice, readProject, registryMissing } from "./project.js";
import { diskTree } from "../disk/tree.js";
import { projectSources, sourcePatterns } from "../project/sources.js";
import { readRuleDocs, toolVersion } from "../disk/resources.js";
import { repositoryPrefix } from "./repository.js";
import { PLAIN } from "../format/color.js";
import { findingsExitCode, reportAsShown, writeOutputFile } from "./output.js";
import { baselineStep, staleBaselineNotice } from "./baseline-file.js";

export interface CheckArgs extends CommonArgs {
  files?: string[] | undefined;
  /** yargs puts what follows `--` here, after the command name when one was given. */
  _?: (string | number)[] | undefined;
  format?: string | undefined;
  "output-file"?: string | undefined;
  /** Absent: no limit. */
  "max-warnings"?: number | undefined;
  quiet: boolean;
  base?: string | undefined;
  baseline?: string | undefined;
  "update-baseline": boolean;
  fix: boolean;
  "fix-dry-run": boolean;
  /** Reuse the last result when no input changed (content hash). */
  cache?: boolean | undefined;
  "cache-location"?: string | undefined;
  /** Per-stage times on stderr (also INDEX_AUDIT_TIMING=1). */
  timing?: boolean | undefined;
  /** Check the content staged in the git index, not the work tree (the installed hook does). */
  staged?: boolean | undefined;
}

/** `index-audit check`: diagnostics, exit 1 on errors (or too many warnings). */
export async function checkCommand(args: CheckArgs, ctx: CommandContext): Promise<number> {
  if (!args.timing && ctx.io.env.INDEX_AUDIT_TIMING !== "1") return runCheck(args, ctx, NO_TIMER);
  const timer = createTimer(() => performance.now());
  // Time since the process started: Node's own start and loading the modules this far.
  const startup = performance.now();
  try {
    return await runCheck(args, ctx, timer);
  } finally {
    const stages = timer.stages();
    const total = performance.now();
    ctx.io.stderr(formatTimings([["startup + load", startup], ...stages, ["other", total - startup - stages.reduce((sum, [, ms]) => sum + ms, 0)], ["total", total]]));
  }
}

async function runCheck(args: CheckArgs, ctx: CommandContext, timer: Timer): Promise<number> {
  const first = args.files?.[0];
  // `index-audit lsit` must not pass silently as a file name that concerns no migration.
  if (first !== undefined && /^[a-z][a-z-]*$/.test(first) && !existsSync(resolve(ctx.io.cwd, first)))
    throw new UsageError(`unknown command '${first}'${didYouMean(first, COMMAND_NAMES)} (see index-audit --help)`);
  const project = loadProjectConfig(ctx.cwd, args);
  // The pre-commit hook passes the staged file names: skip all work when none concerns us.
  const files = [...(args.files ?? []), ...filesAfterDashDash(args)];
  const read = files.length > 0 ? projectSources(diskTree(project.root), project.config) : null;
  const paths = { migrations: read ? [...read.migrations, ...sourcePatterns(read.sources)] : [], registry: project.config.registry, configFile: project.config.file === null ? null : resolve(project.cwd, project.config.file), root: project.root };
  if (files.length > 0 && !(await touchesProject(files, paths, ctx.io.cwd))) return 0;

  const format = args.format ?? (ctx.io.env.GITHUB_ACTIONS === "true" ? "github" : "stylish");
  const formatter = FORMATTERS[format];
  if (!formatter) throw new UsageError(`unknown format '${format}' (use ${Object.keys(FORMATTERS).join(", ")})`);

  if (args.staged && (args.fix || args["fix-dry-run"])) throw new UsageError("--staged cannot be combined with --fix: fixes edit the work tree");
  const notice = (line: string): void => ctx.io.stderr(line);
  const noRegistryYet = registryMissing(project.root, project.config) ? () => notice(noRegistryNotice(project.config.registry)) : null;
  const input = timer.time("read", () => (args.staged ? readProjectStaged(project.root, project.config, noRegistryYet) : readProject(project.root, project.config, notice)));
  const base = args.base ? { ref: args.base, project: readProjectAt(project.root, args.base, project.config) } : null;
  // The cache holds one run's result; --base and --fix take other inputs and write files, so they always compute.
  // Loaded only with --cache (with node:crypto, which a plain check does not need).
  const stored = args.cache && !base && !args.fix && !args["fix-dry-run"] ? await import("../cache/result.js") : null;
  const cache = stored
    ? { dir: args["cache-location"] !== undefined ? resolve(ctx.cwd, args["cache-location"]) : stored.defaultCacheLocation(project.root), key: timer.time("cache", () => stored.cacheKey({ toolVersion: toolVersion(), config: project.config, project: input })) }
    : null;
  // The printed output may be served again (src/cache/output.ts) when the run writes no file and prints no timings.
  if (cache && !args["update-baseline"] && !args.staged && args["output-file"] === undefined && files.length === 0 && timer === NO_TIMER) (await import("../cache/record.js")).offerOutput(cache.dir);
  let printedDiff = false;
  let result: CheckResult | null = stored && cache ? timer.time("cache", () => stored.readCachedResult(cache.dir, cache.key)) : null;
  if (result === null) {
    // With --cache, the statements of every SQL string unchanged since the last run are read back, not parsed.
    const statementCache = cache ? await import("../cache/statements.js") : null;
    // A plain run starts loading the SQL parser in src/bin.ts, and so does a --cache run whose stored output is stale
    // (a file changed); otherwise with --cache it is loaded when a string is not in the statement cache, and at once
    // (overlapping the Python analysis) when there is no statement cache yet.
    if (cache && statementCache && !statementCache.hasStatementCache(cache.dir)) (await import("../sql/parser.js")).preloadSqlParser();
    // Loaded only when there is something to analyze: tree-sitter, the rules' engine (libpg-query loads later still, on demand).
    const [{ createToolkit }, { checkProject }] = await Promise.all([import("../project/analyze.js"), import("../project/check.js")]);
    const statements = cache && statementCache ? timer.time("cache", () => statementCache.openStatementCache(cache.dir, toolVersion())) : null;
    const toolkit = { ...createToolkit(timer, statements), ...afterAnalysisOf(ctx) };
    const run = (p: ProjectInput) => checkProject({ project: p, base, config: project.config, rules: RULES }, toolkit);
    result = await run(input);
    if (args.fix || args["fix-dry-run"]) {
      const [{ fixProject, MAX_FIX_PASSES }, { unifiedDiff }, { parsePython, syntaxProblems }] = await Promise.all([import("../fix/fix-loop.js"), import("../fix/apply.js"), import("../python/parser.js")]);
      const fixed = await fixProject(input, run, (text) => syntaxProblems(parsePython(toolkit.python, text).rootNode, text).length);
      result = fixed.result;
      // --fix-dry-run prints the diff, then (below) the findings the fixes would leave.
      printedDiff = args["fix-dry-run"] && fixed.changed.size > 0;
      if (args["fix-dry-run"]) for (const [path, [before, after]] of fixed.changed) ctx.io.stdout(unifiedDiff(path, before, after));
      else for (const [path, [, after]] of fixed.changed) writeFileAtomic(resolve(project.root, path), after, path);
      if (fixed.passLimitReached) {
        const left = fixed.result.diagnostics.filter((d) => d.fix !== null).length;
        ctx.io.stderr(`index-audit: stopped fixing after ${MAX_FIX_PASSES} passes (limit fixPasses); ${left} finding${left === 1 ? "" : "s"} with a fix left unfixed\n`);
      }
      if (!args["fix-dry-run"] && fixed.applied > 0) ctx.io.stderr(`index-audit: applied ${fixed.applied} fix${fixed.applied === 1 ? "" : "es"} in ${fixed.changed.size} file${fixed.changed.size === 1 ? "" : "s"}\n`);
    }
    if (stored && cache) {
      const computed = result;
      timer.time("cache", () => {
        stored.writeCachedResult(cache.dir, cache.key, computed);
        statements?.save();
      });
    }
  }

  const afterBaseline = baselineStep(ctx, project.root, args, project.config.baseline, result.diagnostics);
  if (!afterBaseline) return 0;
  const { diagnostics: kept, baselined, stale } = afterBaseline;
  let diagnostics = kept;
  // --quiet reports errors only; the warnings it hides do not count against --max-warnings.
  if (args.quiet) diagnostics = diagnostics.filter((d) => d.severity === "error");
  const warnings = diagnostics.filter((d) => d.severity === "warn").length;

  const report: CheckReport = { diagnostics, summary: summarize(diagnostics, result.suppressed, baselined, result.files.length), files: result.files, base: args.base ?? null };
  const toFile = args["output-file"];
  const chalk = toFile ? PLAIN : ctx.chalk;
  const shown = reportAsShown(report, format, ctx.io.cwd, project.root);
  const text = timer.time("format", () => formatter(shown, { chalk, rules: RULES, toolVersion: toolVersion(), ruleDocs: format === "sarif" ? readRuleDocs(RULES) : new Map(), repositoryPrefix: repositoryPrefix(project.root, ctx.io.env) }));
  if (toFile) writeOutputFile(resolve(ctx.io.cwd, toFile), text, toFile);
  else ctx.io.stdout(printedDiff && text !== "" ? `\n${text}` : text);
  if (stale > 0) ctx.io.stderr(staleBaselineNotice(stale, "check"));

  return findingsExitCode(report.summary.errors, warnings, args["max-warnings"] ?? -1, !toFile && format === "stylish", (line) => ctx.io.stdout(line));
}

/**
 * File names given after `--` (`check --cwd . -- a.py b.py`, as the installed
 * git hook calls it, so that names beginning with `-` stay names). yargs leaves
 * them in `_`, preceded by the command name when it was spelled out.
 */
function filesAfterDashDash(args: CheckArgs): string[] {
  const rest = (args._ ?? []).map(String);
  return rest[0] === "check" ? rest.slice(1) : rest;
}

