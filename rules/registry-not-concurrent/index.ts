import { at, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, insertKeywords } from "../../src/model/indexes.js";

/** Registry SQL must not lock writes while the index builds. */
export const rule: Rule = {
  id: "registry-not-concurrent",
  meta: {
    description: "Registry SQL builds the index without CONCURRENTLY",
    defaultSeverity: "error",
    fixable: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      notConcurrent: "Registry index {name} is built without CONCURRENTLY",
    },
  },
  check({ inventory }) {
    const reports: Report[] = [];
    for (const def of inventory.indexes) {
      if (def.origin !== "registry" || def.concurrently) continue;
      const fix = insertKeywords(def, def.span.concurrentlyAt, "CONCURRENTLY");
      reports.push({
        ...at(def),
        ...(fix ? { fix } : {}),
        messageId: "notConcurrent",
        data: { name: displayName(def) },
        help: "Write CREATE INDEX CONCURRENTLY: without it the build blocks writes to the table on a live database.",
      });
    }
    return reports;
  },
};
