import { docsUrl, noOptions, type Rule } from "../../src/engine/rule.js";
import { dbAt } from "../../src/db/where.js";

type MessageId = "invalid" | "notReady";

/** `index-audit db`: `pg_index.indisvalid = false`, the remains of a failed CREATE INDEX CONCURRENTLY. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "db-index-invalid",
  meta: {
    type: "problem",
    description: "An index is INVALID in the database (a failed concurrent build): unused by queries, skipped by IF NOT EXISTS",
    docs: { url: docsUrl("db-index-invalid") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    requiresDatabase: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      invalid: "Index {schema}.{name} on {table} is INVALID: queries never use it, writes still maintain it, and CREATE INDEX … IF NOT EXISTS will skip it forever",
      notReady: "Index {schema}.{name} on {table} is INVALID and not ready (its concurrent build stopped in the first phase, or is still running): queries never use it, and CREATE INDEX … IF NOT EXISTS will skip it forever",
    },
  },
  check({ database }) {
    if (!database) return [];
    return database.invalid.map(({ index, declared }) => ({
      ...dbAt(declared, index),
      messageId: index.ready ? "invalid" : "notReady",
      data: { schema: index.schema, name: index.name, table: index.table },
      help: `DROP INDEX CONCURRENTLY ${index.schema}.${index.name}; then build it again${declared ? " with its declared statement" : ""} (index-audit db --repair-sql prints both).`,
    }));
  },
};
