/**
 * Where a Django migration module sits, read from its path alone: what source
 * discovery asks before it knows whether the project uses Django, without
 * loading the Django reader.
 */

/** A migration module's app directory and its migration name. */
export interface MigrationPlace {
  appDir: string;
  name: string;
}

/** `<app>/migrations/<name>.py` → the app's directory and the migration's name. */
export function migrationPath(path: string): MigrationPlace | null {
  const m = /^(?:(.*)\/)?([^/]+)\/migrations\/([^/]+)\.py$/.exec(path);
  if (!m || m[3]!.startsWith("_") || m[3]!.startsWith("~")) return null;
  return { appDir: m[1] ? `${m[1]}/${m[2]}` : m[2]!, name: m[3]! };
}

/**
 * A configured migration file, whatever its directory is called (MIGRATION_MODULES
 * may name any package): `<app>/<dir>/<name>.py`. Like Django's loader, `_` and `~`
 * modules (`__init__.py`) are not migrations; nor is a file with no app directory above its own.
 */
export function configuredMigrationPath(path: string): MigrationPlace | null {
  const m = /^(?:(.*)\/)?([^/]+)\/[^/]+\/([^/]+)\.py$/.exec(path);
  if (!m || m[3]!.startsWith("_") || m[3]!.startsWith("~")) return null;
  return { appDir: m[1] ? `${m[1]}/${m[2]}` : m[2]!, name: m[3]! };
}
