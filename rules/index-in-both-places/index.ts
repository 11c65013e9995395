import { at, docsUrl, frameworkCreates, locationKey, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { describeDifference, displayName, migrationSites, effectiveRegistryIndexes, groupByIdentity, where } from "../../src/model/indexes.js";

type MessageId = "same" | "differ";

/** One index name created both by migrations (effective state) and by the registry. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "index-in-both-places",
  meta: {
    type: "problem",
    description: "The same index is created by migrations and by the registry",
    docs: { url: docsUrl("index-in-both-places") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 2, text: "No index created both by migrations and by the registry" } },
    messages: {
      same: "Index {name} is created both in migrations and in the registry ({registry}), with the same definition",
      differ: "Index {name} is created both in migrations and in the registry ({registry}), with different definitions: {difference}",
    },
  },
  check({ inventory }) {
    const registry = groupByIdentity(effectiveRegistryIndexes(inventory));
    const reports: Report<MessageId>[] = [];
    const versioned = frameworkCreates(inventory);
    for (const def of migrationSites(inventory)) {
      const entries = registry.get(`${def.schema ?? "public"}.${def.renamedTo ?? def.name}`);
      if (!entries) continue;
      const entry = entries[0]!;
      const difference = describeDifference(def, entry);
      const functional = def.classification === "functional" || entry.classification === "functional";
      reports.push({
        ...at(def),
        messageId: difference.length ? "differ" : "same",
        data: {
          // Reported at the CREATE, which still spells the old name when a later ALTER INDEX renames it.
          name: def.renamedTo ? `${displayName(def)} (created as ${def.name}, renamed later)` : displayName(def),
          registry: where(entry),
          difference: difference.join("; "),
        },
        help: functional
          ? "It is functional: keep it in migrations and remove the registry entry."
          : difference.length
            ? "Decide which definition is right, keep it in the registry only, and remove the statement from migrations (IF NOT EXISTS would silently keep whichever ran first)."
            : "It is a performance index: remove the statement from migrations; the registry builds it.",
        // Only the same performance definition leaves migrations by command (fix --move); a differing one needs a decision and a DROP.
        ...(functional || difference.length > 0 || def.renamedTo || versioned.has(locationKey(def))
          ? {}
          : { suggestions: [{ desc: `Remove it from migrations; ${where(entry)} builds it`, command: "index-audit fix --move" }] }),
      });
    }
    return reports;
  },
};
