import type { SearchPathStatement, SqlStatement } from "../sql/types.js";
import type { SessionCarry } from "../sources/types.js";
import type { SearchPath } from "./search-path.js";

const SEARCH_PATH = /\bsearch_path\b/i;

/** A function's own setting (`CREATE FUNCTION … SET search_path = …`, ALTER FUNCTION): it applies while the function runs, not to the session. */
const FUNCTION_DDL: ReadonlySet<string> = new Set(["CreateFunctionStmt", "AlterFunctionStmt"]);

/**
 * Whether a statement not read as a SET (its text `text`) may change the
 * session's search_path: it names search_path, and is not a function's own
 * setting (nor its body, which runs when it is called, also one that builds
 * an index). A DO block, ALTER ROLE … SET (the next session's) and the like may.
 */
export function mayChangeSearchPath(st: SqlStatement, text: string): boolean {
  return SEARCH_PATH.test(text) && !(st.kind === "other" && FUNCTION_DDL.has(st.type)) && !(st.kind === "procedural" && st.body !== "do");
}

/** Text that names search_path: a statement in it may change the path (when it has no statements to ask). */
export function namesSearchPath(text: string): boolean {
  return SEARCH_PATH.test(text);
}

/** Follows a source's search_path statements; each step returns the path now in force when it changed (else undefined). */
export interface SearchPathScope {
  /** A SET or RESET; `transaction`: it runs inside a transaction. */
  set(st: Pick<SearchPathStatement, "schemas" | "local">, transaction: boolean): SearchPath | undefined;
  /** A statement that changes the path in a way not read (a DO block, a SET with a bind): not known from here on. */
  unknown(): SearchPath | undefined;
  /** COMMIT ends a SET LOCAL; ROLLBACK also undoes the transaction's SETs, which are not followed. */
  transactionEnd(commit: boolean): SearchPath | undefined;
  /** The migration ended (the next statement is another's). */
  migrationEnd(): SearchPath | undefined;
}

/**
 * The path in force is the transaction's SET LOCAL (`local`), else the
 * session's (`session`); `initial` until a statement changes it, null when
 * not known. How long each lasts past its migration is the source's to say
 * (`carry`): without a word, not known.
 */
export function searchPathScope(carry: SessionCarry): SearchPathScope {
  let session: SearchPath = "initial";
  let local: SearchPath | undefined;
  let changed = false;
  let now: SearchPath = "initial";
  const settle = (): SearchPath | undefined => {
    const next = local !== undefined ? local : session;
    if (samePath(next, now)) return undefined;
    now = next;
    return next;
  };
  return {
    set(st, transaction) {
      changed = true;
      const path = st.schemas === "default" ? "initial" : st.schemas;
      if (!st.local) {
        // A session SET in a transaction outlasts a SET LOCAL made before it.
        session = path;
        local = undefined;
      } else {
        // Outside a transaction PostgreSQL ignores SET LOCAL, unless the tool sends the statements as one query (one implicit transaction).
        local = transaction ? path : null;
      }
      return settle();
    },
    unknown() {
      changed = true;
      session = null;
      local = undefined;
      return settle();
    },
    transactionEnd(commit) {
      if (!commit && changed) session = null;
      local = undefined;
      return settle();
    },
    migrationEnd() {
      if (local !== undefined) local = carry.localEndsWithMigration ? undefined : null;
      if (carry.sessionAfterMigration === "reset") session = "initial";
      else if (carry.sessionAfterMigration !== "kept" && session !== "initial") session = null;
      return settle();
    },
  };
}

function samePath(a: SearchPath, b: SearchPath): boolean {
  if (a === null || b === null || a === "initial" || b === "initial") return a === b;
  return a.length === b.length && a.every((s, i) => s === b[i]);
}
