import { docsUrl, noOptions, type Rule } from "../../src/engine/rule.js";
import { dbAt, prettySize } from "../../src/db/where.js";

type MessageId = "unused" | "neverReset";

/** `index-audit db`, when switched on: `idx_scan = 0` since the statistics were reset. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "db-unused-index",
  meta: {
    type: "suggestion",
    description: "An index has not been scanned since the statistics were reset (off by default)",
    docs: { url: docsUrl("db-unused-index") },
    defaultSeverity: "off",
    fixable: false,
    hasSuggestions: false,
    requiresDatabase: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      unused: "Index {schema}.{name} on {table} ({size}) has not been scanned since the statistics were reset at {reset}",
      neverReset: "Index {schema}.{name} on {table} ({size}) has not been scanned since the statistics began (never reset)",
    },
  },
  check({ database }) {
    if (!database) return [];
    return database.unused.map(({ index, declared }) => ({
      ...dbAt(declared, index),
      messageId: database.statsReset ? "unused" : "neverReset",
      data: { schema: index.schema, name: index.name, table: index.table, size: prettySize(index.sizeBytes), reset: database.statsReset ?? "" },
      help: "Statistics are per server: check the replicas that serve reads, and a period that covers monthly jobs, before dropping it (DROP INDEX CONCURRENTLY) and its declaration.",
    }));
  },
};
