import { mkdirSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { InputError, UsageError } from "../errors.js";
import { createToolkit } from "../project/analyze.js";
import { buildsInMigrations, checkProject } from "../project/check.js";
import { readProjectAt } from "../disk/git.js";
import { writeFileAtomic } from "../disk/write.js";
import { generateReport, lineDiff } from "../report/index.js";
import { afterAnalysisOf, type CommandContext, type CommonArgs } from "./context.js";
import type { DatabaseArgs } from "./db.js";
import { loadProjectConfig, readProject } from "./project.js";

export interface ReportArgs extends CommonArgs, Partial<Omit<DatabaseArgs, keyof CommonArgs>> {
  output?: string | undefined;
  check: boolean;
  date?: string | undefined;
  base?: string | undefined;
}

/**
 * `index-audit report`: the markdown audit report on stdout or in `--output`.
 * With `--check`, writes nothing: exit 0 when the file holds exactly what would
 * be generated (line ends aside), 1 with a short diff on stdout when it differs
 * or does not exist, 2 when it cannot be read.
 */
export async function reportCommand(args: ReportArgs, ctx: CommandContext): Promise<number> {
  const date = args.date === undefined ? null : parseDate(args.date);
  if (args.output === "") throw new UsageError("--output needs a file name");
  if (args.check && args.output === undefined) throw new UsageError("--check needs --output FILE: the committed report to compare with");

  const project = loadProjectConfig(ctx.cwd, args);
  const input = readProject(project.root, project.config, (line) => ctx.io.stderr(line));
  const base = args.base ? { ref: args.base, project: readProjectAt(project.root, args.base, project.config) } : null;
  const toolkit = { ...createToolkit(), ...afterAnalysisOf(ctx) };
  const result = await checkProject({ project: input, base, config: project.config, rules: RULES }, toolkit);
  let text = generateReport({
    inventory: result.inventory,
    diagnostics: result.diagnostics,
    suppressed: result.suppressed,
    rules: RULES,
    config: project.config,
    base: args.base ?? null,
    date,
    noRegistry: buildsInMigrations(input),
  });
  // --database-url: the live database, read-only, as a last section.
  if (args["database-url"] !== undefined) {
    const [{ checkLiveDatabase }, { databaseSection }] = await Promise.all([import("./db.js"), import("../report/database.js")]);
    const { result: db } = await checkLiveDatabase({ ...args, "connect-timeout": args["connect-timeout"] ?? 10 }, ctx, project, { input, inventory: result.inventory, toolkit });
    text += `\n${databaseSection(db.comparison)}`;
  }

  if (args.output === undefined) {
    ctx.io.stdout(text);
    return 0;
  }
  const path = resolve(ctx.cwd, args.output);
  const shown = args.output;
  if (!args.check) {
    // `--output docs/index-audit.md` in a project without docs/ yet.
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (e) {
      throw new InputError(`cannot write ${shown}: cannot create its directory (${(e as NodeJS.ErrnoException).code ?? "error"})`);
    }
    writeFileAtomic(path, text, shown);
    return 0;
  }
  const committed = readCommitted(path, shown);
  if (committed === null) {
    ctx.io.stdout(`${shown} does not exist; generate it with the same options, without --check.\n`);
    return 1;
  }
  // A checkout with CRLF line ends (core.autocrlf) holds the same report.
  const current = committed.replace(/\r\n/g, "\n");
  if (current === text) return 0;
  ctx.io.stdout(lineDiff(current, text, `${shown} (committed)`, `${shown} (generated)`));
  ctx.io.stdout(`${shown} is stale; regenerate it with the same options, without --check.\n`);
  return 1;
}

/** `YYYY-MM-DD` naming a real calendar day. */
export function parseDate(value: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const day = new Date(Date.UTC(y, mo - 1, d));
    if (day.getUTCFullYear() === y && day.getUTCMonth() === mo - 1 && day.getUTCDate() === d) return value;
  }
  throw new UsageError(`--date ${JSON.stringify(value)}: not a date (use YYYY-MM-DD, e.g. 2025-01-31)`);
}

/** The committed report, or null when there is none. */
function readCommitted(path: string, shown: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return null;
    throw new InputError(`cannot read ${shown}: ${code === "EISDIR" ? "is a directory" : code === "EACCES" || code === "EPERM" ? "permission denied" : (code ?? "error")}`);
  }
}
