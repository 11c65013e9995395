/**
 * Budgets of the migration readers' own walks (the static evaluator's are in
 * src/python/limits.ts; the findings read the same way). They exist so that a
 * generated file cannot make a reader recurse without end. Hitting one is
 * never silent: the reader reports a `limit` problem that names it, at the
 * place it stopped.
 */
export const SOURCE_LIMITS = {
  /** Django: module-level names followed from one name to the value it stands for (`OPS = BASE_OPS`, `BASE_OPS = [...]`). */
  aliasDepth: 8,
} as const;

export type SourceLimitName = keyof typeof SOURCE_LIMITS;

/** What each limit bounds, for the finding's message. */
const SUBJECTS: Readonly<Record<SourceLimitName, string>> = {
  aliasDepth: "module-level names followed from one name",
};

/** "limit NAME (VALUE SUBJECT) reached", as src/python/limits.ts words its own. */
export function sourceLimitReached(limit: SourceLimitName): string {
  return `limit ${limit} (${SOURCE_LIMITS[limit]} ${SUBJECTS[limit]}) reached`;
}
