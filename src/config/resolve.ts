import { Ajv, type ValidateFunction } from "ajv";
import type { AnyRule } from "../engine/rule.js";
import type { RuleSetting } from "../engine/run-rules.js";
import { ConfigError } from "../errors.js";
import type { ClassificationOverrides } from "../model/classify.js";
import { ajvMessage } from "./ajv-message.js";
import { didYouMean } from "./suggest.js";

/** The configuration as written in the file (after schema validation). */
export interface RawConfig {
  /** A list of globs, or one. */
  migrations?: string | string[];
  registry?: string | { path: string; variable?: string; format?: "python" };
  executors?: string[];
  functional?: string[] | Record<string, string>;
  performance?: string[] | Record<string, string>;
  domains?: Record<string, string | string[]>;
  rules?: Record<string, SeverityValue | [SeverityValue, Record<string, unknown>?]>;
  baseline?: string;
  database?: { urlEnv?: string };
}

/** "warning" is accepted as another spelling of "warn" (the word the output uses). */
type SeverityValue = "error" | "warn" | "warning" | "off";

/** What a run uses: every field filled, paths still relative to `root`. */
export interface Config {
  /** The configuration file as shown to the user, or null when the defaults apply. */
  file: string | null;
  migrations: string[];
  registry: string;
  /** The registry path was set by the configuration or a flag (a missing file is then an error, not "no registry yet"). */
  registryExplicit: boolean;
  registryVariable: string;
  executors: string[];
  overrides: ClassificationOverrides;
  domains: { name: string; tables: string[] }[];
  rules: Map<string, Partial<RuleSetting>>;
  baseline: string;
  /** `index-audit db`: the environment variable holding the database URL. */
  databaseUrlEnv: string;
}

export const DEFAULT_CONFIG: Omit<Config, "file" | "rules" | "overrides" | "registryExplicit"> = {
  migrations: ["server/db_migrate.py"],
  registry: "server/db_indexes.py",
  registryVariable: "INDEX_DEFS",
  executors: [],
  domains: [],
  baseline: ".index-audit-baseline.json",
  databaseUrlEnv: "DATABASE_URL",
};

/**
 * Validates a parsed configuration against schemas/config.schema.json and each
 * rule's options schema, and fills in the defaults. Errors name the file and key.
 */
export function resolveConfig(raw: unknown, file: string | null, schema: object, rules: readonly AnyRule[]): Config {
  // verbose: errors carry their schema, so an unknown key can be matched against the keys allowed there.
  const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false, verbose: true });
  const validate = ajv.compile(schema) as ValidateFunction<RawConfig>;
  const where = file ?? "configuration";
  if (!validate(raw)) throw new ConfigError(`${where}: ${ajvMessage(validate.errors ?? [])}`);
  const config = raw;

  const settings = new Map<string, Partial<RuleSetting>>();
  for (const [id, value] of Object.entries(config.rules ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) throw new ConfigError(`${where}: unknown rule '${id}' in rules${didYouMean(id, rules.map((r) => r.id))} (see index-audit rules)`);
    const [severity, options] = Array.isArray(value) ? value : [value, undefined];
    if (options !== undefined) {
      const check = ajv.compile(rule.meta.optionsSchema);
      if (!check(options)) throw new ConfigError(`${where}: ${ajvMessage(check.errors ?? [], `rules.${id}[1]`)}`);
    }
    settings.set(id, { severity: severity === "warning" ? "warn" : severity, ...(options ? { options } : {}) });
  }

  const registry = typeof config.registry === "string" ? { path: config.registry } : config.registry;
  return {
    file,
    migrations: typeof config.migrations === "string" ? [config.migrations] : (config.migrations ?? DEFAULT_CONFIG.migrations),
    registry: registry?.path ?? DEFAULT_CONFIG.registry,
    registryExplicit: registry?.path !== undefined,
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
