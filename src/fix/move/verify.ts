import { effectiveMigrationIndexes, effectiveRegistryIndexes, identityOf } from "../../model/indexes.js";
import type { Diagnostic } from "../../engine/rule.js";
import type { Inventory } from "../../model/types.js";
import type { MovePlan } from "./plan.js";

/** Every index name the project ends up with: effective migrations ∪ the registry's built entries. */
function indexNames(inv: Inventory): string[] {
  return [...new Set([...effectiveMigrationIndexes(inv), ...effectiveRegistryIndexes(inv)].map(identityOf))].sort();
}

/**
 * Why the edited project is not what the move promised, or null when it is:
 * the same index names as before, no new syntax errors, and no performance
 * index left in migrations except those reported as unmovable.
 */
export function verifyMove(before: Inventory, after: Inventory, afterDiagnostics: readonly Diagnostic[], plan: MovePlan): string | null {
  for (const f of after.files) {
    const old = before.files.find((b) => b.path === f.path);
    if (old && f.syntaxErrors > old.syntaxErrors) return `the edit would add a Python syntax error to ${f.path}`;
  }
  const a = indexNames(before);
  const b = indexNames(after);
  const lost = a.filter((n) => !b.includes(n));
  const gained = b.filter((n) => !a.includes(n));
  if (lost.length || gained.length) return `the set of index names would change (${[...lost.map((n) => `-${n}`), ...gained.map((n) => `+${n}`)].slice(0, 5).join(", ")})`;
  const allowed = new Set(plan.unmovable.map((u) => u.name));
  const left = afterDiagnostics.filter((d) => (d.rule === "performance-index-in-migration" || d.rule === "index-in-both-places") && d.index !== null && !allowed.has(d.index));
  const moved = new Set([...plan.moved, ...plan.removed].map((m) => m.name));
  const stuck = left.filter((d) => moved.has(d.index!));
  if (stuck.length) return `${stuck[0]!.index} would still be reported by ${stuck[0]!.rule} at ${stuck[0]!.file}:${stuck[0]!.line}`;
  return null;
}
