import { docsUrl, noOptions, type Rule } from "../../src/engine/rule.js";
import { dbAt, prettySize } from "../../src/db/where.js";

type MessageId = "duplicate";

/** `index-audit db`: two indexes of the database with one definition on one table. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "db-duplicate-index",
  meta: {
    type: "suggestion",
    description: "Two indexes in the database have the same definition on the same table",
    docs: { url: docsUrl("db-duplicate-index") },
    defaultSeverity: "warn",
    fixable: false,
    hasSuggestions: false,
    requiresDatabase: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      duplicate: "Index {schema}.{name} on {table} ({size}) has the same definition as {other}",
    },
  },
  check({ database }) {
    if (!database) return [];
    return database.duplicates.map(({ index, of, declared }) => ({
      ...dbAt(declared, index),
      messageId: "duplicate",
      data: { schema: index.schema, name: index.name, table: index.table, size: prettySize(index.sizeBytes), other: `${of.schema}.${of.name}${of.constraint ? ` (${of.constraint.type} ${of.constraint.name})` : ""}` },
      help: `Every write maintains both. Drop one (DROP INDEX CONCURRENTLY ${index.schema}.${index.name};) and its declaration.`,
    }));
  },
};
