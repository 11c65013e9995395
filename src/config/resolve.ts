import { Ajv, type ValidateFunction } from "ajv";
import type { AnyRule } from "../engine/rule.js";
import type { RuleSetting } from "../engine/run-rules.js";
import { ConfigError } from "../errors.js";
import type { ClassificationOverrides } from "../model/classify.js";
import type { SourceSpec } from "../sources/types.js";
import { ajvMessage } from "./ajv-message.js";

/** A source as the configuration file writes it: `module` is the long form of `migrations`. */
export type RawSource = { kind: "module"; paths: string[] } | SourceSpec;

/** The configuration as written in the file (after schema validation). */
export interface RawConfig {
  migrations?: string[];
  sources?: RawSource[];
  registry?: string | { path: string; variable?: string; format?: "python" | "sql" };
  executors?: string[];
  functional?: string[] | Record<string, string>;
  performance?: string[] | Record<string, string>;
  domains?: Record<string, string[]>;
  rules?: Record<string, SeverityValue | [SeverityValue, Record<string, unknown>?]>;
  baseline?: string;
}

type SeverityValue = "error" | "warn" | "off";

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
  /** The registry is named (file or flag); otherwise a project without the default registry file has none. */
  registryConfigured: boolean;
  registryVariable: string;
  executors: string[];
  overrides: ClassificationOverrides;
  domains: { name: string; tables: string[] }[];
  rules: Map<string, Partial<RuleSetting>>;
  baseline: string;
}

export const DEFAULT_CONFIG: Omit<Config, "file" | "rules" | "overrides"> = {
  migrations: ["server/db_migrate.py"],
  sources: [],
  detectSources: true,
  registry: "server/db_indexes.py",
  registryConfigured: false,
  registryVariable: "INDEX_DEFS",
  executors: [],
  domains: [],
  baseline: ".index-audit-baseline.json",
};

/**
 * Validates a parsed configuration against schemas/config.schema.json and each
 * rule's options schema, and fills in the defaults. Errors name the file and key.
 */
export function resolveConfig(raw: unknown, file: string | null, schema: object, rules: readonly AnyRule[]): Config {
  const ajv = new Ajv({ allErrors: true, strict: true, strictTuples: false });
  const validate = ajv.compile(schema) as ValidateFunction<RawConfig>;
  const where = file ?? "configuration";
  if (!validate(raw)) throw new ConfigError(`${where}: ${ajvMessage(validate.errors ?? [])}`);
  const config = raw;

  const settings = new Map<string, Partial<RuleSetting>>();
  for (const [id, value] of Object.entries(config.rules ?? {}).sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rule = rules.find((r) => r.id === id);
    if (!rule) throw new ConfigError(`${where}: unknown rule '${id}' in rules (see index-audit rules)`);
    const [severity, options] = Array.isArray(value) ? value : [value, undefined];
    if (options !== undefined) {
      const check = ajv.compile(rule.meta.optionsSchema);
      if (!check(options)) throw new ConfigError(`${where}: ${ajvMessage(check.errors ?? [], `rules.${id}[1]`)}`);
    }
    settings.set(id, { severity, ...(options ? { options } : {}) });
  }

  const registry = typeof config.registry === "string" ? { path: config.registry } : config.registry;
  const modules = (config.sources ?? []).flatMap((s) => (s.kind === "module" ? s.paths : []));
  const named = config.migrations !== undefined || config.sources !== undefined;
  return {
    file,
    migrations: named ? [...(config.migrations ?? []), ...modules] : DEFAULT_CONFIG.migrations,
    sources: (config.sources ?? []).filter((s): s is SourceSpec => s.kind !== "module"),
    detectSources: !named,
    registry: registry?.path ?? DEFAULT_CONFIG.registry,
    registryConfigured: registry !== undefined,
    registryVariable: registry?.variable ?? DEFAULT_CONFIG.registryVariable,
    executors: config.executors ?? DEFAULT_CONFIG.executors,
    overrides: { functional: overrideMap(config.functional), performance: overrideMap(config.performance) },
    domains: Object.entries(config.domains ?? {}).map(([name, tables]) => ({ name, tables })),
    rules: settings,
    baseline: config.baseline ?? DEFAULT_CONFIG.baseline,
  };
}

function overrideMap(value: string[] | Record<string, string> | undefined): Map<string, string> {
  if (!value) return new Map();
  if (Array.isArray(value)) return new Map(value.map((n) => [n, ""]));
  return new Map(Object.entries(value));
}
