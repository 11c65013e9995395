/**
 * SQL written for another database, which PostgreSQL's parser rejects without
 * the statement being broken where it runs: a storage layer on SQLite
 * (`INTEGER PRIMARY KEY AUTOINCREMENT`, `INSERT OR REPLACE`, `PRAGMA`) or MySQL
 * (backquoted names, `AUTO_INCREMENT`, `ON DUPLICATE KEY`). Asked only of a
 * string PostgreSQL could not parse. Linear: alternations of fixed words, and
 * a backquoted name stops at its closing quote or the line end.
 */
const SQLITE = /\b(autoincrement|pragma|without\s+rowid|insert\s+or\s+(replace|ignore|abort|fail|rollback)|attach\s+database|detach\s+database)\b/i;
const MYSQL = /`[^`\n]*`|\b(auto_increment|on\s+duplicate\s+key\s+update|engine\s*=\s*\w+|unsigned|replace\s+into)\b/i;

export function otherDialect(text: string): "SQLite" | "MySQL" | null {
  if (SQLITE.test(text)) return "SQLite";
  if (MYSQL.test(text)) return "MySQL";
  return null;
}

/**
 * A word that any SQL statement or fragment holds. A string with none
 * (`"healthcheck"`, a GraphQL query, a shell command handed to some other
 * `execute`) is not SQL, so it cannot be broken SQL.
 */
// Linear: one pass of word-boundary alternatives.
const SQL_WORD = /\b(select|insert|update|delete|create|alter|drop|index|table|from|where|into|values|set|on|grant|revoke|truncate|begin|commit|rollback|with|vacuum|analyze|comment|copy|do|declare|prepare|lock|refresh|reindex|cluster|explain|returning|join|unique|constraint|primary|references)\b/i;

export function looksLikeSql(text: string): boolean {
  return SQL_WORD.test(text);
}
