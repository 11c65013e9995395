import type { Pragma } from "../python/context.js";
import type { Classification, IndexDef } from "./types.js";

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
export function classify(def: IndexDef, pragma: Pragma | null, overrides: ClassificationOverrides): { classification: Classification; reason: string } {
  const name = def.renamedTo ?? def.name;
  if (pragma) {
    const why = pragma.reason ? `: ${pragma.reason}` : "";
    return { classification: pragma.kind, reason: `marked ${pragma.kind} by pragma on line ${pragma.line}${why}` };
  }
  for (const kind of ["functional", "performance"] as const) {
    const why = overrides[kind].get(name) ?? overrides[kind].get(def.name);
    if (why !== undefined) return { classification: kind, reason: `configured as ${kind}${why ? `: ${why}` : ""}` };
  }
  if (def.backsConstraint) return { classification: "functional", reason: `backs constraint ${def.backsConstraint}` };
  if (def.unique) return { classification: "functional", reason: "UNIQUE index: enforces a rule on the data" };
  return { classification: "performance", reason: "not UNIQUE and backs no constraint: only speeds up queries" };
}
