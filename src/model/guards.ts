import type { Guard, GuardTest } from "../python/guards.js";

/**
 * Whether the guards make a CREATE INDEX run only while the index is absent:
 * `if not index_exists(conn, "idx")`, `if "idx" not in existing`,
 * `if index_exists(...): return` before it, `if pg_index_missing(...)`. A test
 * counts when it names the index (a string, or a name spelled like it), or
 * calls a configured guard function with no string naming another index; and
 * its required outcome is the one it has when the index is absent —
 * `if index_exists(conn, "idx"): CREATE INDEX idx` runs only when it exists.
 */
export function isExistenceGuard(guards: readonly Guard[], name: string, functions: readonly string[]): boolean {
  const lower = name.toLowerCase();
  return guards.some((g) =>
    g.tests.some((t) => t.requires !== null && t.requires === valueWhenAbsent(t) && about(t, lower, functions)),
  );
}

function about(t: GuardTest, lower: string, functions: readonly string[]): boolean {
  if (t.literals.some((s) => s.toLowerCase() === lower) || t.names.some((s) => s.toLowerCase() === lower)) return true;
  return isGuardFunction(t, functions) && t.literals.length === 0;
}

/** `index_missing(...)` is true when the index is absent; `index_exists(...)` and `"idx" in existing` are false then. */
function valueWhenAbsent(t: GuardTest): boolean {
  return t.kind === "call" && /missing|absent|not_?exists?/i.test(t.callee ?? "");
}

/** `index_exists` matches `index_exists(...)` and `helpers.index_exists(...)`; `db.relation_missing` matches whole. */
function isGuardFunction(t: GuardTest, functions: readonly string[]): boolean {
  const callee = t.callee;
  if (t.kind !== "call" || callee === null) return false;
  return functions.some((f) => callee === f || callee.endsWith("." + f));
}
