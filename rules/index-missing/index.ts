import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { displayName, effectiveMigrationIndexes, effectiveRegistryIndexes, identityOf } from "../../src/model/indexes.js";
import type { IndexDef, Location } from "../../src/model/types.js";

type MessageId = "missing" | "unbuilt";

/**
 * With `--base REF`: an index the migrations or the registry created at REF
 * that now exists in neither place, and that no migration drops.
 */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "index-missing",
  meta: {
    type: "problem",
    description: "An index that existed at the base revision is now in neither place, without a DROP",
    docs: { url: docsUrl("index-missing") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    requiresBase: true,
    report: { checklist: { order: 4, text: "No index lost since the base revision without an explicit DROP" } },
    messages: {
      missing: "Index {name} existed at {ref} ({origin} {file}:{line}) and now exists neither in migrations nor in the registry",
      unbuilt: "Index {name} existed at {ref} ({origin} {file}:{line}) and now exists neither in migrations nor in the registry: its entry here sits in {list}, which never reaches {variable}",
    },
  },
  check({ inventory, base, layout }) {
    if (!base) return [];
    const present = new Set<string>();
    // A migration statement counts even when dropped or renamed later: then the DROP or the
    // ALTER INDEX … RENAME is the explicit removal of the old name.
    for (const d of inventory.indexes) {
      if (d.origin === "migration" || d.effective) present.add(identityOf(d));
      if (d.origin === "migration") present.add(`${d.schema ?? "public"}.${d.name}`);
    }
    // Registry entries whose list never reaches the registry variable: written, but never built.
    const unbuilt = new Map<string, IndexDef>();
    for (const d of inventory.indexes) if (d.origin === "registry" && !d.effective && !unbuilt.has(identityOf(d))) unbuilt.set(identityOf(d), d);
    for (const drop of inventory.drops) for (const n of drop.names) present.add(`${n.schema ?? "public"}.${n.name}`);

    const lost = new Map<string, IndexDef>();
    for (const d of [...effectiveMigrationIndexes(base.inventory), ...effectiveRegistryIndexes(base.inventory)]) {
      const key = identityOf(d);
      if (!present.has(key) && !lost.has(key)) lost.set(key, d);
    }
    const files = new Set(inventory.files.map((f) => f.path));
    const reports: Report<MessageId>[] = [];
    for (const def of [...lost.values()].sort((a, b) => (identityOf(a) < identityOf(b) ? -1 : 1))) {
      const data = { name: displayName(def), ref: base.ref, origin: def.origin, file: def.location.file, line: def.location.line };
      const entry = unbuilt.get(identityOf(def));
      if (entry) {
        // Moved into a registry list the deploy step never builds: reported at that entry.
        reports.push({
          ...at(entry),
          messageId: "unbuilt",
          data: { ...data, list: entry.registry?.list ?? "", variable: layout.registryVariable },
          help: `Add ${entry.registry?.list ?? "its list"} to ${layout.registryVariable} so the deploy step builds it, or drop the index explicitly in a migration if it should go.`,
        });
        continue;
      }
      // Reported at the top of the file it was in, when that file still exists.
      const file = files.has(def.location.file) ? def.location.file : (layout.registry ?? inventory.files[0]?.path ?? def.location.file);
      const location: Location = { file, line: 1, column: 1, endLine: 1, endColumn: 1 };
      reports.push({
        location,
        index: displayName(def),
        messageId: "missing",
        data,
        help:
          def.classification === "performance"
            ? `Add it to ${layout.registry ?? "the registry"} (CREATE INDEX CONCURRENTLY IF NOT EXISTS), or drop it explicitly in a migration if it should go.`
            : "Restore it in migrations, or drop it explicitly in a migration if it should go.",
      });
    }
    return reports;
  },
};
