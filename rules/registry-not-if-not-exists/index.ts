import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, insertKeywords } from "../../src/model/indexes.js";

type MessageId = "notIfNotExists";

/** Registry SQL runs on every deploy, so it must be a no-op when the index exists. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "registry-not-if-not-exists",
  meta: {
    type: "problem",
    description: "Registry SQL lacks IF NOT EXISTS",
    docs: { url: docsUrl("registry-not-if-not-exists") },
    defaultSeverity: "error",
    fixable: true,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 6, text: "Every registry entry uses IF NOT EXISTS" } },
    messages: {
      notIfNotExists: "Registry index {name} is created without IF NOT EXISTS",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
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
