import type { JSONSchemaType } from "ajv";
import { at, docsUrl, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, displayTable } from "../../src/model/indexes.js";
import { isExistenceGuard } from "../../src/model/guards.js";

type MessageId = "notIdempotent" | "unnamed";

interface Options {
  /** Calls that test whether the index exists (`index_exists`) or is missing (`index_missing`: a name with "missing" in it is true when absent). */
  guardFunctions: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: { guardFunctions: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true } },
  required: [],
  additionalProperties: false,
};

/** A migration that is re-run (or partly applied before a failure) fails on CREATE INDEX of an existing index. */
export const rule: Rule<Options, MessageId> = {
  id: "non-idempotent-migration-index",
  meta: {
    type: "problem",
    description: "A migration CREATE INDEX has neither IF NOT EXISTS nor an existence guard",
    docs: { url: docsUrl("non-idempotent-migration-index") },
    defaultSeverity: "warn",
    fixable: false,
    hasSuggestions: false,
    optionsSchema,
    defaultOptions: { guardFunctions: ["index_exists", "has_index", "_index_exists", "index_missing"] },
    report: { checklist: { order: 13, text: "Every migration CREATE INDEX has IF NOT EXISTS or an existence guard" } },
    messages: {
      notIdempotent: "Migration index {name} is created without IF NOT EXISTS and without an existence guard",
      unnamed: "Migration index on {table} has no name: each run builds another copy ({name}, then {name}1, ...)",
    },
  },
  check({ inventory, options }) {
    const reports: Report<MessageId>[] = [];
    // Framework migrations (Alembic, .sql files) are versioned: the framework runs each one once.
    const versioned = new Set((inventory.steps ?? []).map((s) => s.index));
    for (const def of inventory.indexes) {
      // An index on a temporary table is built on a table each run creates anew: a re-run neither fails nor duplicates it.
      if (def.origin !== "migration" || def.ifNotExists || def.temporary || versioned.has(def)) continue;
      if (isExistenceGuard(def.context.guards, def.name, options.guardFunctions)) continue;
      if (def.nameGenerated) {
        // No IF NOT EXISTS is possible without a name, and a re-run does not fail: it silently adds a duplicate.
        reports.push({
          ...at(def),
          messageId: "unnamed",
          data: { table: displayTable(def), name: def.name },
          help: "Name the index and write CREATE INDEX IF NOT EXISTS <name>: an unnamed CREATE INDEX never fails on a re-run, it builds a duplicate index every time.",
        });
        continue;
      }
      reports.push({
        ...at(def),
        messageId: "notIdempotent",
        data: { name: displayName(def) },
        help: "Write CREATE INDEX IF NOT EXISTS, so a migration that is run again (or resumed after a failure) does not fail.",
      });
    }
    return reports;
  },
};
