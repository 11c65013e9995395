/**
 * The configuration's file names and defaults, with no imports: the pre-commit
 * fast path reads them without loading the validator.
 */

/** Configuration files, in the order each directory is searched (a pyproject.toml counts only with [tool.index-audit]). */
export const CONFIG_FILES = ["index-audit.json", ".index-audit.json", "pyproject.toml"] as const;

/** What a run uses where the configuration names nothing. */
export const DEFAULTS = {
  migrations: ["server/db_migrate.py"],
  registry: "server/db_indexes.py",
  registryVariable: "INDEX_DEFS",
  baseline: ".index-audit-baseline.json",
  databaseUrlEnv: "DATABASE_URL",
} as const;
