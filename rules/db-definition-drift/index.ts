import { docsUrl, noOptions, type Rule } from "../../src/engine/rule.js";
import { dbAt } from "../../src/db/where.js";
import type { DefinitionPart } from "../../src/db/definition.js";
import type { IndexDef } from "../../src/model/types.js";
import type { CreateIndexStatement } from "../../src/sql/types.js";

type MessageId = "drift" | "constraint";

/** `index-audit db`: one name, and the database's definition is not the declared one. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "db-definition-drift",
  meta: {
    type: "problem",
    description: "An index in the database has its declared name but a different definition",
    docs: { url: docsUrl("db-definition-drift") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    requiresDatabase: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      drift: "Index {schema}.{name} differs from its declaration: {differences}",
      constraint: "Constraint {schema}.{name} ({type}) differs from its declaration: columns ({declared}) declared, ({database}) in the database",
    },
  },
  check({ database }) {
    if (!database) return [];
    const constraints = database.constraintDrift.map(({ constraint, schema, name, columns }) => ({
      location: constraint.location,
      index: `${schema}.${name}`,
      messageId: "constraint" as const,
      data: { schema, name, type: constraint.type.toUpperCase(), declared: constraint.columns.join(", "), database: columns.join(", ") },
      help: "Migrations that add a constraint under an existing name do not replace it. Drop the database's constraint and add the declared one (its index built first with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX).",
    }));
    return [...constraints, ...database.drift.map(({ declared, index, parts }) => ({
      ...dbAt(declared, index),
      messageId: "drift" as const,
      data: { schema: index.schema, name: index.name, differences: parts.map((p) => describe(p, declared.def, index.statement!, `${declared.schema}.${declared.table}`, `${index.schema}.${index.table}`)).join("; ") },
      help: `CREATE INDEX … IF NOT EXISTS never replaces it. Build the declared definition under a new name, then DROP INDEX CONCURRENTLY ${index.schema}.${index.name} (or drop it first and run the declared statement, if the table can go without it meanwhile).`,
    }))];
  },
};

/** One differing part in words: declared first, then the database (pg_get_indexdef's spelling). */
function describe(part: DefinitionPart, def: IndexDef, db: CreateIndexStatement, declaredTable: string, dbTable: string): string {
  switch (part) {
    case "table":
      return `table ${declaredTable} declared, ${dbTable} in the database`;
    case "unique":
      return def.unique ? "declared UNIQUE, not unique in the database" : "declared not unique, UNIQUE in the database";
    case "method":
      return `method ${def.method} declared, ${db.method} in the database`;
    case "keys":
      return `columns (${def.columns.join(", ")}) declared, (${db.keys.map((k) => k.text).join(", ")}) in the database`;
    case "include":
      return `INCLUDE (${def.include.join(", ")}) declared, (${db.include.join(", ")}) in the database`;
    case "where":
      return `WHERE ${def.where ?? "(none)"} declared, ${db.where ?? "(none)"} in the database`;
    case "nullsNotDistinct":
      return def.nullsNotDistinct ? "declared NULLS NOT DISTINCT, not in the database" : "NULLS NOT DISTINCT in the database, not declared";
  }
}
