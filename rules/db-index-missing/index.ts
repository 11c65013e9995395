import { docsUrl, noOptions, type Rule } from "../../src/engine/rule.js";
import { dbAt } from "../../src/db/where.js";

type MessageId = "missing" | "noTable" | "constraint" | "constraintNoTable";

/** `index-audit db`: an index the migrations or the registry declare that the database lacks. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "db-index-missing",
  meta: {
    type: "problem",
    description: "A declared index is absent from the database",
    docs: { url: docsUrl("db-index-missing") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    requiresDatabase: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      missing: "Index {schema}.{name} on {table} is declared ({origin}) but absent from the database",
      noTable: "Index {schema}.{name} on {table} is declared ({origin}) but absent from the database, and so is its table",
      constraint: "The index of constraint {schema}.{name} ({type}) on {table} is declared ({origin}) but absent from the database",
      constraintNoTable: "The index of constraint {schema}.{name} ({type}) on {table} is declared ({origin}) but absent from the database, and so is its table",
    },
  },
  check({ database }) {
    if (!database) return [];
    const constraints = database.missingConstraints.map(({ constraint, schema, name, table, tableExists }) => ({
      location: constraint.location,
      index: `${schema}.${name}`,
      messageId: tableExists ? ("constraint" as const) : ("constraintNoTable" as const),
      data: { schema, name, type: constraint.type.toUpperCase(), table, origin: constraint.origin },
      help: tableExists
        ? "The migration that adds it did not run here, or it was dropped by hand: run the migrations, or add the constraint again (building its index first with CREATE UNIQUE INDEX CONCURRENTLY, then ADD CONSTRAINT … USING INDEX)."
        : "The migrations that create its table have not run on this database.",
    }));
    return [...constraints, ...database.missing.map(({ declared, tableExists }) => ({
      ...dbAt(declared, declared),
      messageId: tableExists ? ("missing" as const) : ("noTable" as const),
      data: { schema: declared.schema, name: declared.name, table: declared.table, origin: declared.def.origin },
      help:
        declared.def.origin === "registry"
          ? "Run the registry's deploy step (it builds missing indexes with CREATE INDEX CONCURRENTLY IF NOT EXISTS); `index-audit db --repair-sql` prints the statements."
          : tableExists
            ? "The migration that creates it did not run here, or its build failed: run the migrations, or `index-audit db --repair-sql` for the statement."
            : "The migrations that create its table have not run on this database.",
    }))];
  },
};
