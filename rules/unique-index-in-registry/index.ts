import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName } from "../../src/model/indexes.js";
import { reasonText } from "../../src/model/reason.js";

type MessageId = "functional" | "functionalUnbuilt";

/** A functional index (UNIQUE, constraint-backed, declared functional) in the registry. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "unique-index-in-registry",
  meta: {
    type: "problem",
    description: "A functional (UNIQUE or constraint-backed) index is in the registry",
    docs: { url: docsUrl("unique-index-in-registry") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 3, text: "No functional (UNIQUE or constraint-backed) index in the registry" } },
    messages: {
      functional: "Functional index {name} is in the registry ({reason})",
      functionalUnbuilt: "Functional index {name} is in the registry ({reason}); its list {list} never reaches {variable}, so nothing builds it",
    },
  },
  check({ inventory, layout }) {
    const reports: Report<MessageId>[] = [];
    for (const def of inventory.indexes) {
      if (def.origin !== "registry" || def.classification !== "functional") continue;
      reports.push({
        ...at(def),
        // An entry whose list never reaches the registry variable still sits in the registry, and nothing enforces the rule.
        messageId: def.effective ? "functional" : "functionalUnbuilt",
        data: { name: displayName(def), reason: reasonText(def.reason), list: def.registry?.list ?? "", variable: layout.registryVariable },
        help: `Create it in a migration, where a failed build stops the deploy, and remove it from ${layout.registry ?? "the registry"}; a registry build may fail and leave the rule unenforced.`,
      });
    }
    return reports;
  },
};
