/**
 * Names other databases go by, in directory names (`migrations/mysql/`,
 * Spring's `db/migration/{vendor}`) and pop's file names
 * (`….cockroach.up.sql`): what is written for another database is not
 * PostgreSQL's migration.
 */
const OTHER_DATABASES = new Set(["cockroach", "cockroachdb", "crdb", "mysql", "mariadb", "sqlite", "sqlite3", "mssql", "sqlserver", "oracle", "h2", "hsqldb", "derby", "db2", "clickhouse", "tidb", "snowflake", "redshift"]);
const POSTGRES_NAMES = new Set(["postgres", "postgresql", "pg", "pgsql"]);

export function isOtherDatabase(name: string): boolean {
  return OTHER_DATABASES.has(name.toLowerCase());
}

export function isPostgresName(name: string): boolean {
  return POSTGRES_NAMES.has(name.toLowerCase());
}
