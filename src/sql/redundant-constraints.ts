/**
 * PostgreSQL's rule for the UNIQUE and PRIMARY KEY constraints of one CREATE
 * TABLE (transformIndexConstraints): a constraint that would build the same
 * index as one before it (same keys, INCLUDE, NULLS NOT DISTINCT and
 * deferrability) builds nothing and does not exist afterwards. The primary key
 * is kept in preference to the others; a kept constraint written without a
 * name takes the name of the first named one it absorbs.
 * `CREATE TABLE t (k text PRIMARY KEY UNIQUE)` makes only `t_pkey`.
 */

export interface IndexConstraintShape {
  primary: boolean;
  /** Equal for two constraints that build the same index; null for one never merged (EXCLUDE). */
  sameIndex: string | null;
  named: boolean;
}

/** The constraints that survive, in their written order: each one's position, and the position whose name it bears. */
export function survivingConstraints(all: readonly IndexConstraintShape[]): { at: number; nameFrom: number }[] {
  const kept: { at: number; nameFrom: number }[] = [];
  const pk = all.findIndex((c) => c.primary);
  if (pk >= 0) kept.push({ at: pk, nameFrom: pk });
  for (const [at, c] of all.entries()) {
    if (at === pk) continue;
    const prior = c.sameIndex === null ? undefined : kept.find((k) => all[k.at]?.sameIndex === c.sameIndex);
    if (prior === undefined) {
      kept.push({ at, nameFrom: at });
      continue;
    }
    if (!(all[prior.nameFrom]?.named ?? false) && c.named) prior.nameFrom = at;
  }
  return kept.sort((a, b) => a.at - b.at);
}
