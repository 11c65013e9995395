"""Performance indexes, built after each deploy."""

INDEX_DEFS = [
    {
        "name": "idx_leads_business_status",
        "table": "leads",
        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_business_status ON leads (business_id, status)",
        "critical": True,
        "description": "Pipeline board, per business",
    },
]
