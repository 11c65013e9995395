import type { Config } from "../config/resolve.js";
import type { AnyRule } from "../engine/rule.js";
import { runRules, type CheckResult } from "../engine/run-rules.js";
import type { Inventory } from "../model/types.js";
import { analyzeProject, DEFAULT_ANALYZE_OPTIONS, type AnalyzeOptions, type ProjectInput, type Toolkit } from "./analyze.js";

export interface CheckInput {
  project: ProjectInput;
  /** The same files at `--base REF`, when given. */
  base: { ref: string; project: ProjectInput } | null;
  config: Config;
  rules: readonly AnyRule[];
}

export interface CheckOutput extends CheckResult {
  inventory: Inventory;
}

export function analyzeOptionsOf(config: Config): AnalyzeOptions {
  return {
    ...DEFAULT_ANALYZE_OPTIONS,
    executors: [...DEFAULT_ANALYZE_OPTIONS.executors, ...config.executors],
    registryVariable: config.registryVariable,
    ...(config.registryFormat ? { registryFormat: config.registryFormat } : {}),
    overrides: config.overrides,
  };
}

/** Analyzes the project (and its base revision) and runs the rules. No I/O: the files are given. */
export async function checkProject(input: CheckInput, toolkit: Toolkit): Promise<CheckOutput> {
  const options = analyzeOptionsOf(input.config);
  const inventory = await analyzeProject(input.project, options, toolkit);
  const base = input.base ? { ref: input.base.ref, inventory: await analyzeProject(input.base.project, options, toolkit) } : null;
  if (toolkit.afterAnalysis) toolkit.timer.time("heap collection", toolkit.afterAnalysis);
  const result = toolkit.timer.time("rules", () => runRules({
    inventory,
    base,
    layout: {
      migrations: input.config.migrations,
      registry: input.project.registry?.path ?? null,
      registryVariable: input.config.registryVariable,
      noRegistry: buildsInMigrations(input.project),
    },
    rules: input.rules,
    settings: input.config.rules,
  }));
  return { ...result, inventory };
}

/**
 * The project has no registry and builds its indexes in framework migrations
 * (Alembic, Django, `.sql`): the policy rules for that apply instead of the
 * ownership rules, and the report does not ask to move them.
 */
export function buildsInMigrations(project: ProjectInput): boolean {
  return project.registry === null && (project.sources?.length ?? 0) > 0;
}
