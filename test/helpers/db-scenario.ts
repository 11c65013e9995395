import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * One project and one database that disagree in every way `index-audit db`
 * reports, used against PGlite (test/db.test.ts) and a real server
 * (test/e2e/db-postgres.test.ts). Everything lives in schema `app`.
 */
export const MIGRATIONS = `from sqlalchemy import text


def migrate_v1_core(conn):
    conn.execute(text("""
        CREATE TABLE IF NOT EXISTS leads (
            id SERIAL PRIMARY KEY,
            business_id INTEGER NOT NULL,
            email VARCHAR(200),
            status VARCHAR(20) NOT NULL DEFAULT 'new',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            deleted_at TIMESTAMPTZ
        )
    """))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_business_email ON leads (business_id, lower(email)) WHERE deleted_at IS NULL"))


def migrate_v2_calls(conn):
    conn.execute(text("CREATE TABLE IF NOT EXISTS calls (id SERIAL PRIMARY KEY, lead_id INTEGER, started_at TIMESTAMPTZ)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_calls_lead_id ON calls (lead_id)"))


def migrate_v3_unique_email(conn):
    # Built concurrently: on a table with duplicate e-mails it fails and leaves an INVALID index.
    with conn.execution_options(isolation_level="AUTOCOMMIT"):
        conn.execute(text("CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_leads_email ON leads (email)"))
`;

export const REGISTRY = `INDEX_DEFS = [
    {
        "name": "idx_leads_status",
        "table": "leads",
        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status ON leads (status) WHERE status IN ('new', 'open')",
    },
    {
        "name": "idx_leads_business_created",
        "table": "leads",
        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_business_created ON leads (business_id, created_at DESC)",
    },
    {
        "name": "idx_calls_started_at",
        "table": "calls",
        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_calls_started_at ON calls (started_at)",
    },
]
`;

/** The database's state, in order; the last statement fails (duplicate e-mails) and leaves uq_leads_email INVALID. */
export const SETUP: readonly string[] = [
  "CREATE SCHEMA app",
  `CREATE TABLE app.leads (id SERIAL PRIMARY KEY, business_id INTEGER NOT NULL, email VARCHAR(200),
     status VARCHAR(20) NOT NULL DEFAULT 'new', created_at TIMESTAMPTZ NOT NULL DEFAULT now(), deleted_at TIMESTAMPTZ)`,
  "CREATE TABLE app.calls (id SERIAL PRIMARY KEY, lead_id INTEGER, started_at TIMESTAMPTZ)",
  "INSERT INTO app.leads (business_id, email, status) VALUES (1, 'ana@example.com', 'new'), (2, 'ana@example.com', 'open'), (2, 'bo@example.com', 'won')",
  "CREATE UNIQUE INDEX uq_leads_business_email ON app.leads (business_id, lower(email)) WHERE deleted_at IS NULL",
  "CREATE INDEX idx_calls_lead_id ON app.calls (lead_id)",
  // By hand during an incident: undeclared, and a duplicate of idx_calls_lead_id.
  "CREATE INDEX calls_lead_id_idx ON app.calls (lead_id)",
  "CREATE INDEX idx_leads_status ON app.leads (status) WHERE status IN ('new', 'open')",
  // Built before the registry entry gained DESC: IF NOT EXISTS kept this one.
  "CREATE INDEX idx_leads_business_created ON app.leads (business_id, created_at)",
];
export const FAILING_BUILD = "CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_leads_email ON app.leads (email)";

/** What `db --schema app -f compact` prints for the scenario (exit 1). */
export const EXPECTED_COMPACT = [
  "database:1:1: warning db-duplicate-index Index app.calls_lead_id_idx on calls (8192 bytes) has the same definition as app.idx_calls_lead_id",
  "database:1:1: warning db-index-undeclared Index app.calls_lead_id_idx on calls (8192 bytes) exists in the database but is declared nowhere",
  "server/db_indexes.py:10:17: error db-definition-drift Index app.idx_leads_business_created differs from its declaration: columns (business_id, created_at DESC) declared, (business_id, created_at) in the database",
  "server/db_indexes.py:15:17: error db-index-missing Index app.idx_calls_started_at on calls is declared (registry) but absent from the database",
  "server/db_migrate.py:26:28: error db-index-invalid Index app.uq_leads_email on leads is INVALID and not ready (its concurrent build stopped in the first phase, or is still running): queries never use it, and CREATE INDEX … IF NOT EXISTS will skip it forever",
  "",
].join("\n");

/** What `db --schema app --repair-sql` prints, after its first line (which names the URL). */
export const EXPECTED_REPAIR = `-- Run outside a transaction block: CONCURRENTLY cannot run inside one.

-- INVALID indexes (1): queries never use them, and IF NOT EXISTS skips them
DROP INDEX CONCURRENTLY IF EXISTS app.uq_leads_email;

-- declared indexes to build (2)
-- server/db_migrate.py:26
CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_leads_email ON leads (email);
-- server/db_indexes.py:15
CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_calls_started_at ON calls (started_at);

-- app.idx_leads_business_created differs from its declaration (db-definition-drift): rebuild it by hand
-- app.calls_lead_id_idx is declared nowhere (db-index-undeclared): declare it or drop it
`;

/** A temporary project directory holding the scenario's migrations and registry (and `config`, as index-audit.json). */
export function scenarioProject(config?: object): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-db-"));
  mkdirSync(join(dir, "server"));
  writeFileSync(join(dir, "server/db_migrate.py"), MIGRATIONS);
  writeFileSync(join(dir, "server/db_indexes.py"), REGISTRY);
  if (config) writeFileSync(join(dir, "index-audit.json"), JSON.stringify(config));
  return dir;
}
