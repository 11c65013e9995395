import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { UsageError, InputError } from "../errors.js";
import { applyEdits, unifiedDiff } from "../fix/apply.js";
import { planMove, type MovePlan } from "../fix/move/plan.js";
import { verifyMove } from "../fix/move/verify.js";
import type { Edit } from "../engine/rule.js";
import { analyzeProjectParsed, createToolkit, type FileInput, type ParsedPython, type ProjectInput } from "../project/analyze.js";
import { newRegistryText } from "../fix/move/new-registry.js";
import { analyzeOptionsOf, checkProject } from "../project/check.js";
import { writeFileAtomic } from "../disk/write.js";
import type { CommandContext, CommonArgs } from "./context.js";
import { loadProjectConfig, readProject } from "./project.js";

export interface FixArgs extends CommonArgs {
  move: boolean;
  "dry-run": boolean;
}

/**
 * `index-audit fix --move`: performance indexes leave the migrations for the
 * registry. Both files are edited in memory, re-read and re-checked; only when
 * every check holds is anything written (atomically).
 */
export async function fixCommand(args: FixArgs, ctx: CommandContext): Promise<number> {
  if (!args.move) throw new UsageError("fix needs --move (the registry SQL fixes are `index-audit check --fix`)");
  const { config, root } = loadProjectConfig(ctx.cwd, args);
  const read = readProject(root, config, () => {});
  if (read.registry && (config.registryFormat === "sql" || (config.registryFormat === null && read.registry.path.toLowerCase().endsWith(".sql"))))
    throw new InputError(`fix --move writes Python registry entries; ${read.registry.path} is a .sql registry (move the statements into it by hand)`);
  // A framework-source project without a registry follows the policy for projects without one: nothing to move into.
  if (read.registry === null && (read.sources?.length ?? 0) > 0 && read.migrations.length === 0)
    throw new UsageError(`fix --move moves performance indexes into the registry, and this project has none (${config.registry} does not exist): its migrations follow the rules for projects without a registry (see index-audit check); name a registry with --registry or "registry" in the configuration to start one`);
  // No registry yet: the moved entries start one, in the documented layout (written only when something moves).
  const created = read.registry === null;
  const input: ProjectInput & { registry: FileInput } = { ...read, registry: read.registry ?? { path: config.registry, text: newRegistryText(config.registryVariable) } };
  const toolkit = createToolkit();
  const options = analyzeOptionsOf(config);
  // The trees the analysis parsed are the ones the edits are planned on: each file is parsed once.
  const { inventory, parsed } = await analyzeProjectParsed(input, options, toolkit);
  const parsedFile = (f: FileInput): ParsedPython => parsed.find((p) => p.path === f.path)!;
  const plan = planMove({ inventory, migrations: input.migrations.map(parsedFile), registry: parsedFile(input.registry), registryVariable: config.registryVariable, sql: await toolkit.sql() });

  // Only migrations and registry are edited; framework sources and imported modules go into the re-check unchanged.
  const edited: ProjectInput = {
    ...input,
    migrations: input.migrations.map((f) => withEdits(f, plan.edits.get(f.path))),
    registry: withEdits(input.registry, plan.edits.get(input.registry.path)),
  };
  if (plan.edits.size > 0) {
    const after = await checkProject({ project: edited, base: null, config, rules: RULES }, toolkit);
    const problem = verifyMove(inventory, after.inventory, after.diagnostics, plan);
    if (problem) throw new InputError(`fix --move stopped: ${problem}; nothing was written`);
  }

  const registryEdited = plan.edits.has(input.registry.path);
  const originalRegistry = created ? { path: input.registry.path, text: "" } : input.registry;
  const changed = [...input.migrations, originalRegistry]
    .map((f, k) => [f, k < input.migrations.length ? edited.migrations[k]! : edited.registry!] as const)
    .filter(([a, b], k) => a.text !== b.text && (k < input.migrations.length || !created || registryEdited));
  if (args["dry-run"]) for (const [a, b] of changed) ctx.io.stdout(unifiedDiff(a.path, a.text, b.text));
  else
    for (const [, b] of changed) {
      if (created && b.path === input.registry.path) createParentDirectory(resolve(root, b.path), b.path);
      writeFileAtomic(resolve(root, b.path), b.text, b.path);
    }
  if (created) ctx.io.stderr(`index-audit: no registry yet: ${registryEdited ? (args["dry-run"] ? "would create" : "created") : "nothing to move, so not created:"} ${input.registry.path}\n`);
  ctx.io.stderr(summary(plan, input.registry.path, args["dry-run"]));
  return 0;
}

function createParentDirectory(path: string, shown: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new InputError(`cannot write ${shown}: cannot create its directory (${(e as NodeJS.ErrnoException).code ?? "error"})`);
  }
}

function withEdits(f: FileInput, edits: readonly Edit[] | undefined): FileInput {
  return edits && edits.length > 0 ? { ...f, text: applyEdits(f.text, edits) } : f;
}

function summary(plan: MovePlan, registry: string, dryRun: boolean): string {
  const verb = dryRun ? "would move" : "moved";
  const lines = [`index-audit: ${verb} ${plan.moved.length} index${plan.moved.length === 1 ? "" : "es"} to ${registry}; ${dryRun ? "would remove" : "removed"} ${plan.removed.length} already built there from migrations`];
  if (plan.unmovable.length) {
    lines.push(`left in place (${plan.unmovable.length}):`);
    for (const u of plan.unmovable) {
      lines.push(`  ${u.file}:${u.line} ${u.name}: ${u.reason}`);
      if (u.drop) lines.push(`    ${u.drop}`);
    }
  }
  return lines.join("\n") + "\n";
}
