import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, insertKeywords } from "../../src/model/indexes.js";

type MessageId = "notConcurrent";

/** Registry SQL must not lock writes while the index builds. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "registry-not-concurrent",
  meta: {
    type: "problem",
    description: "Registry SQL builds the index without CONCURRENTLY",
    docs: { url: docsUrl("registry-not-concurrent") },
    defaultSeverity: "error",
    fixable: true,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 5, text: "Every registry entry builds its index CONCURRENTLY" } },
    messages: {
      notConcurrent: "Registry index {name} is built without CONCURRENTLY",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
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
