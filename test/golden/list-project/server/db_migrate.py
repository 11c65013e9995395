"""Lead migrations (a small project for the list formatters' goldens)."""
from sqlalchemy import text


def migrate_v1_leads(conn):
    # Leads: one row per prospect — e-mail unique per business.
    conn.execute(text("CREATE TABLE IF NOT EXISTS leads (id BIGSERIAL PRIMARY KEY, business_id BIGINT, email TEXT, status TEXT, name TEXT)"))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_business_email ON leads (business_id, email)"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status) WHERE status <> 'archived'"))


def migrate_v2_leads_search(conn):
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_name_trgm ON leads USING gin (name gin_trgm_ops)"))
    conn.execute(text("DROP INDEX IF EXISTS idx_leads_status"))
