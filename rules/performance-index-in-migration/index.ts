import { at, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, displayTable, effectiveMigrationIndexes, identityOf } from "../../src/model/indexes.js";

/** A performance index the migrations create and the registry does not build: it belongs in the registry. */
export const rule: Rule = {
  id: "performance-index-in-migration",
  meta: {
    description: "A performance index is created by migrations and is not in the registry",
    defaultSeverity: "error",
    fixable: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
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
    const reports: Report[] = [];
    for (const def of effectiveMigrationIndexes(inventory)) {
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
      });
    }
    return reports;
  },
};
