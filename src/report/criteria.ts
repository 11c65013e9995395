/**
 * The report's decision-criteria section as data: how many indexes each
 * criterion classified, the configured overrides and the pragmas. The
 * criterion is read from each statement's classification reason, never from its words.
 */
import type { ClassificationOverrides } from "../model/classify.js";
import type { Classification, ClassificationReason, IndexDef, Location } from "../model/types.js";

/** What the criteria rows need of a report index. */
interface ClassifiedIndex {
  classification: Classification;
  defs: IndexDef[];
}

export type CriterionId = "unique" | "constraint" | "pragma-functional" | "config-functional" | "pragma-performance" | "config-performance" | "default";

export interface CriterionRow<I extends ClassifiedIndex> {
  id: CriterionId;
  classification: Classification;
  indexes: I[];
}

export interface OverrideRow<I extends ClassifiedIndex> {
  name: string;
  classification: Classification;
  reason: string;
  /** The indexes it applies to (empty: no index has that name). */
  matched: I[];
}

export interface PragmaRow<I extends ClassifiedIndex> {
  index: I;
  def: IndexDef;
  classification: Classification;
  reason: string;
}

const CRITERIA: readonly (readonly [CriterionId, Classification])[] = [
  ["pragma-functional", "functional"],
  ["config-functional", "functional"],
  ["constraint", "functional"],
  ["unique", "functional"],
  ["pragma-performance", "performance"],
  ["config-performance", "performance"],
  ["default", "performance"],
];

/** The criterion of an index: that of its first statement of the index's class. */
function criterionOf(index: ClassifiedIndex): CriterionId {
  const reason: ClassificationReason = index.defs.find((d) => d.classification === index.classification)?.reason ?? { kind: "performance", by: "default" };
  switch (reason.by) {
    case "pragma":
      return reason.kind === "functional" ? "pragma-functional" : "pragma-performance";
    case "config":
      return reason.kind === "functional" ? "config-functional" : "config-performance";
    default:
      return reason.by;
  }
}

export function criteriaRows<I extends ClassifiedIndex>(indexes: readonly I[]): CriterionRow<I>[] {
  return CRITERIA.map(([id, classification]) => ({ id, classification, indexes: indexes.filter((i) => criterionOf(i) === id) }));
}

export function overrideRows<I extends ClassifiedIndex>(indexes: readonly I[], overrides: ClassificationOverrides): OverrideRow<I>[] {
  const rows: OverrideRow<I>[] = [];
  for (const kind of ["functional", "performance"] as const) {
    for (const [name, reason] of [...overrides[kind]].sort((a, b) => compare(a[0], b[0]))) {
      const matched = indexes.filter((i) => i.defs.some((d) => d.name === name || d.renamedTo === name));
      rows.push({ name, classification: kind, reason, matched });
    }
  }
  return rows;
}

export function pragmaRows<I extends ClassifiedIndex>(indexes: readonly I[]): PragmaRow<I>[] {
  const rows: PragmaRow<I>[] = [];
  for (const index of indexes) {
    for (const def of index.defs) {
      if (def.reason.by === "pragma") rows.push({ index, def, classification: def.reason.kind, reason: def.reason.note ?? "" });
    }
  }
  return rows.sort((a, b) => compareLocation(a.def.location, b.def.location));
}

function compareLocation(a: Location, b: Location): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
