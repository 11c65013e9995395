import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { describeDifference, displayName, displayTable, groupByIdentity, migrationSites, where } from "../../src/model/indexes.js";
import type { IndexDef } from "../../src/model/types.js";

type MessageId = "differ" | "same";

/**
 * Index names are unique per schema. Two live definitions under one name mean
 * one of them never exists (with IF NOT EXISTS, silently). The same name in
 * migrations and registry for one table is index-in-both-places' concern;
 * across places this rule reports only a name used for two different tables.
 */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "duplicate-index-name",
  meta: {
    type: "problem",
    description: "One index name has two definitions (or the same definition is listed twice)",
    docs: { url: docsUrl("duplicate-index-name") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 8, text: "No index name created twice" }, findingsOrder: 1 },
    messages: {
      differ: "Index name {name} is already created at {first} with a different definition: {difference}",
      same: "Index {name} is created twice with the same definition (first at {first})",
    },
  },
  check({ inventory }) {
    // Deploy order: migrations run first, then the deploy step builds the registry, so a
    // registry entry that reuses a migration's name is the one that never exists.
    // A CREATE INDEX IF NOT EXISTS that replay skipped, its name taken, is the clash this rule is about.
    const live = migrationSites(inventory);
    live.push(...inventory.indexes.filter((d) => d.effective && d.origin === "registry"));
    const reports: Report<MessageId>[] = [];
    for (const defs of groupByIdentity(live).values()) {
      if (defs.length < 2) continue;
      for (let k = 1; k < defs.length; k++) {
        const def = defs[k]!;
        const first = firstClash(defs.slice(0, k), def);
        if (!first) continue;
        const difference = describeDifference(first, def);
        reports.push({
          ...at(def),
          messageId: difference.length ? "differ" : "same",
          data: {
            name: displayName(def),
            first: first.renamedTo ? `${where(first)} (as ${first.name}, renamed later)` : where(first),
            difference: difference.join("; "),
          },
          help: difference.length
            ? `Give one of them another name; PostgreSQL keeps only the first ${displayName(def)}${def.ifNotExists ? " and IF NOT EXISTS silently skips this one" : " and this statement fails"}.`
            : "Remove the second statement.",
          ...(difference.length ? {} : { severity: "warn" as const }),
        });
      }
    }
    return reports;
  },
};

/** The earlier definition this one clashes with: same place, or another place on another table. */
function firstClash(earlier: readonly IndexDef[], def: IndexDef): IndexDef | null {
  for (const e of earlier) {
    if (e.origin === def.origin) return e;
    if (displayTable(e) !== displayTable(def)) return e;
  }
  return null;
}
