import type { Pragma } from "../python/context.js";
import type { ClassificationReason, IndexDef } from "./types.js";

/** Index names forced to one class by configuration, with the reason given there. */
export interface ClassificationOverrides {
  functional: ReadonlyMap<string, string>;
  performance: ReadonlyMap<string, string>;
}

export const NO_OVERRIDES: ClassificationOverrides = { functional: new Map(), performance: new Map() };

/**
 * Functional: UNIQUE, backs a constraint, or declared so by a pragma or the
 * configuration. Everything else only speeds queries up: performance.
 */
export function classify(def: Pick<IndexDef, "name" | "renamedTo" | "backsConstraint" | "unique">, pragma: Pragma | null, overrides: ClassificationOverrides): ClassificationReason {
  const name = def.renamedTo ?? def.name;
  if (pragma) return { kind: pragma.kind, by: "pragma", line: pragma.line, note: pragma.reason };
  // Most projects configure no override: the lookups are skipped, not made twice per index.
  if (overrides.functional.size > 0 || overrides.performance.size > 0) {
    for (const kind of ["functional", "performance"] as const) {
      const note = overrides[kind].get(name) ?? overrides[kind].get(def.name);
      if (note !== undefined) return { kind, by: "config", note: note || null };
    }
  }
  if (def.backsConstraint) return { kind: "functional", by: "constraint", constraint: def.backsConstraint };
  if (def.unique) return { kind: "functional", by: "unique" };
  return { kind: "performance", by: "default" };
}
