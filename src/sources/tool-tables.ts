import type { SourceInput } from "./types.js";

/**
 * The tables migration tools keep their own history in, by source kind:
 * created by the tool when it first runs, never by the project's migrations,
 * so their indexes (`alembic_version_pkc`, `django_migrations_pkey`,
 * `flyway_schema_history_s_idx`, …) are the tool's, not undeclared ones.
 * Plain SQL covers the tools whose layouts it reads: Flyway
 * (`flyway_schema_history`), golang-migrate and dbmate (`schema_migrations`),
 * goose (`goose_db_version`), sql-migrate (`gorp_migrations`), yoyo (`_yoyo_log`,
 * `_yoyo_migration`, `_yoyo_version`, `yoyo_lock`); sqitch keeps its registry in
 * a schema of its own.
 */
const TOOL_TABLES: Record<SourceInput["kind"], readonly string[]> = {
  alembic: ["alembic_version"],
  django: ["django_migrations"],
  sql: ["flyway_schema_history", "schema_migrations", "goose_db_version", "gorp_migrations", "_yoyo_log", "_yoyo_migration", "_yoyo_version", "yoyo_lock"],
};

/** The tool tables of the project's sources. */
export function toolTables(sources: readonly SourceInput[]): ReadonlySet<string> {
  return new Set(sources.flatMap((s) => TOOL_TABLES[s.kind]));
}
