import { at, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, insertKeywords } from "../../src/model/indexes.js";

/** Registry SQL runs on every deploy, so it must be a no-op when the index exists. */
export const rule: Rule = {
  id: "registry-not-if-not-exists",
  meta: {
    description: "Registry SQL lacks IF NOT EXISTS",
    defaultSeverity: "error",
    fixable: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      notIfNotExists: "Registry index {name} is created without IF NOT EXISTS",
    },
  },
  check({ inventory }) {
    const reports: Report[] = [];
    for (const def of inventory.indexes) {
      if (def.origin !== "registry" || def.ifNotExists || def.nameGenerated) continue;
      const fix = insertKeywords(def, def.span.ifNotExistsAt, "IF NOT EXISTS");
      reports.push({
        ...at(def),
        ...(fix ? { fix } : {}),
        messageId: "notIfNotExists",
        data: { name: displayName(def) },
        help: "Write CREATE INDEX CONCURRENTLY IF NOT EXISTS: the registry is applied on every deploy and fails once the index exists.",
      });
    }
    return reports;
  },
};
