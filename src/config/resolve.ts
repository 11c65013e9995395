import type { AnyRule } from "../engine/rule.js";
import type { RuleSetting } from "../engine/run-rules.js";
import { ConfigError } from "../errors.js";
import type { ClassificationOverrides } from "../model/classify.js";
import type { SourceSpec } from "../sources/types.js";
import { ajvMessage } from "./ajv-message.js";
import { DEFAULTS } from "./defaults.js";
import { didYouMean } from "./suggest.js";
import { ruleOptionsErrors, validateConfig } from "./validate.js";

/** What a run uses: every field filled, paths still relative to `root`. */
export interface Config {
  /** The configuration file as shown to the user, or null when the defaults apply. */
  file: string | null;
  /** Hand-written migration modules (`migrations`, and `module` sources). */
  migrations: string[];
  /** Framework sources (Alembic, `.sql` files), in the order written. */
  sources: SourceSpec[];
  /** Neither `migrations` nor `sources` is written: when the default module is absent, the source is detected. */
  detectSources: boolean;
  registry: string;
  /** `registry.format`, when written; else the registry's extension decides (`.sql` or Python). */
  registryFormat: "python" | "sql" | null;
  /**
   * The registry is named (file or flag). A named registry must exist; otherwise a
   * module project without the default file has "no registry yet" (an empty one),
   * and a framework-source project has none (the policy rules apply).
   */
  registryConfigured: boolean;
  registryVariable: string;
  executors: string[];
  overrides: ClassificationOverrides;
  domains: { name: string; tables: string[] }[];
  rules: Map<string, Partial<RuleSetting>>;
  baseline: string;
  /** `index-audit db`: the environment variable holding the database URL. */
  databaseUrlEnv: string;
}

export const DEFAULT_CONFIG: Omit<Config, "file" | "rules" | "overrides"> = {
  migrations: [...DEFAULTS.migrations],
  sources: [],
  detectSources: true,
  registry: DEFAULTS.registry,
  registryFormat: null,
  registryConfigured: false,
  registryVariable: DEFAULTS.registryVariable,
  executors: [],
  domains: [],
  baseline: DEFAULTS.baseline,
  databaseUrlEnv: DEFAULTS.databaseUrlEnv,
};

/**
 * Validates a parsed configuration against schemas/config.schema.json and each
 * rule's options schema, and fills in the defaults. Errors name the file and key.
 */
export function resolveConfig(raw: unknown, file: string | null, rules: readonly AnyRule[]): Config {
  const where = file ?? "configuration";
  const validated = validateConfig(raw);
  if ("errors" in validated) throw new ConfigError(`${where}: ${ajvMessage(validated.errors)}`);
  const { config } = validated;

  const settings = new Map<string, Partial<RuleSetting>>();
  for (const [id, value] of Object.entries(config.rules ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) throw new ConfigError(`${where}: unknown rule '${id}' in rules${didYouMean(id, rules.map((r) => r.id))} (see index-audit rules)`);
    const [severity, options] = Array.isArray(value) ? value : [value, undefined];
    if (options !== undefined) {
      const errors = ruleOptionsErrors(rule.meta.optionsSchema, options);
      if (errors) throw new ConfigError(`${where}: ${ajvMessage(errors, `rules.${id}[1]`)}`);
    }
    settings.set(id, { severity: severity === "warning" ? "warn" : severity, ...(options ? { options } : {}) });
  }

  const registry = typeof config.registry === "string" ? { path: config.registry } : config.registry;
  const modules = (config.sources ?? []).flatMap((s) => (s.kind === "module" ? s.paths : []));
  const named = config.migrations !== undefined || config.sources !== undefined;
  return {
    file,
    migrations: named ? [...(typeof config.migrations === "string" ? [config.migrations] : (config.migrations ?? [])), ...modules] : DEFAULT_CONFIG.migrations,
    sources: (config.sources ?? []).filter((s): s is SourceSpec => s.kind !== "module"),
    detectSources: !named,
    registry: registry?.path ?? DEFAULT_CONFIG.registry,
    registryFormat: registry?.format ?? null,
    registryConfigured: registry !== undefined,
    registryVariable: registry?.variable ?? DEFAULT_CONFIG.registryVariable,
    executors: config.executors ?? DEFAULT_CONFIG.executors,
    overrides: { functional: overrideMap(config.functional), performance: overrideMap(config.performance) },
    domains: Object.entries(config.domains ?? {}).map(([name, tables]) => ({ name, tables: typeof tables === "string" ? [tables] : tables })),
    rules: settings,
    baseline: config.baseline ?? DEFAULT_CONFIG.baseline,
    databaseUrlEnv: config.database?.urlEnv ?? DEFAULT_CONFIG.databaseUrlEnv,
  };
}

function overrideMap(value: string[] | Record<string, string> | undefined): Map<string, string> {
  if (!value) return new Map();
  if (Array.isArray(value)) return new Map(value.map((n) => [n, ""]));
  return new Map(Object.entries(value));
}
