import { at, docsUrl, frameworkCreates, locationKey, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, displayTable, migrationSites, identityOf } from "../../src/model/indexes.js";

type MessageId = "inMigration" | "orphanEntry";

/** A performance index the migrations create and the registry does not build: it belongs in the registry. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "performance-index-in-migration",
  meta: {
    type: "problem",
    description: "A performance index is created by migrations and is not in the registry",
    docs: { url: docsUrl("performance-index-in-migration") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: true,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 1, text: "No performance index left in migrations" } },
    messages: {
      inMigration: "Performance index {name} on {table} is created in migrations",
      orphanEntry: "Performance index {name} on {table} is created in migrations; its registry entry in {list} is never built",
    },
  },
  check({ inventory, layout }) {
    // Without a registry, indexes belong in migrations: index-not-concurrent and its kin judge them.
    if (layout.noRegistry) return [];
    const registry = new Map<string, { list: string; effective: boolean }>();
    for (const d of inventory.indexes) {
      if (d.origin !== "registry") continue;
      const key = identityOf(d);
      if (!registry.get(key)?.effective) registry.set(key, { list: d.registry?.list ?? "", effective: d.effective });
    }
    const target = layout.registry ?? "the index registry";
    const versioned = frameworkCreates(inventory);
    const reports: Report<MessageId>[] = [];
    for (const def of migrationSites(inventory)) {
      if (def.classification !== "performance") continue;
      const entry = registry.get(identityOf(def));
      if (entry?.effective) continue; // index-in-both-places reports it
      // Reported at the CREATE, which still spells the old name when a later ALTER INDEX renames it.
      const name = def.renamedTo ? `${displayName(def)} (created as ${def.name}, renamed later)` : displayName(def);
      const data = { name, table: displayTable(def), list: entry?.list ?? "" };
      reports.push({
        ...at(def),
        messageId: entry ? "orphanEntry" : "inMigration",
        data,
        help: entry
          ? `Add ${entry.list} to ${layout.registryVariable} so the deploy step builds it, then remove the statement from migrations.`
          : `Move it to ${target} as CREATE INDEX CONCURRENTLY IF NOT EXISTS (index-audit fix --move), or mark it "# index-audit: functional <reason>" if it enforces a rule.`,
        // Moving changes two files and who builds the index: offered for review, never applied by check --fix.
        // fix --move leaves a renamed index and a framework migration's (whose history is not rewritten), saying why.
        ...(entry || def.renamedTo || (versioned.size > 0 && versioned.has(locationKey(def))) ? {} : { suggestions: [{ desc: `Move it to ${target}`, command: "index-audit fix --move" }] }),
      });
    }
    return reports;
  },
};
