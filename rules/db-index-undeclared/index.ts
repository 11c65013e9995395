import { docsUrl, noOptions, type Rule } from "../../src/engine/rule.js";
import { dbAt, prettySize } from "../../src/db/where.js";

type MessageId = "undeclared" | "constraint";

/** `index-audit db`: an index in the database that neither migrations nor registry declare. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "db-index-undeclared",
  meta: {
    type: "problem",
    description: "An index in the database is declared nowhere (neither migrations nor registry, nor as a declared constraint's index)",
    docs: { url: docsUrl("db-index-undeclared") },
    defaultSeverity: "warn",
    fixable: false,
    hasSuggestions: false,
    requiresDatabase: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      undeclared: "Index {schema}.{name} on {table} ({size}) exists in the database but is declared nowhere",
      constraint: "Index {schema}.{name} on {table} ({size}) backs constraint {constraint}, which is declared nowhere",
    },
  },
  check({ database }) {
    if (!database) return [];
    return database.undeclared.map((index) => ({
      ...dbAt(null, index),
      messageId: index.constraint ? "constraint" : "undeclared",
      data: { schema: index.schema, name: index.name, table: index.table, size: prettySize(index.sizeBytes), constraint: index.constraint?.name ?? "" },
      help: index.constraint
        ? "Declare the constraint in a migration, or drop it if nothing relies on it."
        : `Declare it (the registry for a performance index, a migration for a functional one), or drop it: DROP INDEX CONCURRENTLY ${index.schema}.${index.name};`,
    }));
  },
};
