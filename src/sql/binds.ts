import type { SqlToken } from "./parser.js";
import type { ByteMap } from "./tokens.js";

/*
 * Bind parameters as the driver sees them, replaced by what PostgreSQL's
 * parser accepts, with the text keeping its length (so every offset the
 * parser reports still points into the original string):
 *
 *   :name  :1  %s  %d  %(name)s   →  $1 (padded with spaces)
 *   ?                              →  1  (where a value stands, not the jsonb `?` operator)
 *   IN :ids  NOT IN %s  IN %(ids)s →  IN (1) — SQLAlchemy's expanding binds and psycopg's tuple
 *                                     adaptation both send a parenthesized list
 *
 * `$1` is PostgreSQL's own style and is left alone.
 */

/** A bind found in the token stream: token range [first, last] and the source it replaces. */
interface Bind {
  first: number;
  last: number;
}

export function replaceBindParameters(text: string, tokens: readonly SqlToken[], bytes: ByteMap): string {
  let out = "";
  let last = 0;
  const put = (from: number, to: number, replacement: string): void => {
    const a = bytes.toIndex(from);
    const b = bytes.toIndex(to);
    out += text.slice(last, a) + replacement + " ".repeat(Math.max(0, b - a - replacement.length));
    last = b;
  };
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) break;
    const bind = bindAt(tokens, t, i);
    if (bind) {
      const prev = tokens[i - 1];
      const end = tokens[bind.last]?.end ?? t.end;
      // `IN :ids` → `IN (1)`: the room between IN and the bind's end must hold the three characters.
      if (prev && isWord(prev, "IN") && bytes.toIndex(end) - bytes.toIndex(prev.end) >= 3) put(prev.end, end, "(1)");
      else if (t.text === "?") {
        // `IN ?` has no room for a list: left as written, so PostgreSQL's message names the `?`.
        if (!(prev && isWord(prev, "IN"))) put(t.start, end, "1");
      } else put(t.start, end, "$1");
      i = bind.last;
      continue;
    }
    // `a=?` scans as one operator token `=?`: the `?` is the value.
    if (/^(=|<>|!=|<=|>=|<|>)\?$/.test(t.text) && valueFollows(tokens, i)) put(t.end - 1, t.end, "1");
  }
  return out + text.slice(last);
}

function bindAt(tokens: readonly SqlToken[], t: SqlToken, i: number): Bind | null {
  const next = tokens[i + 1];
  const prev = tokens[i - 1];
  if (t.text === "?" && valueExpected(prev)) return { first: i, last: i };
  if (t.text === ":" && next?.start === t.end && !(prev?.end === t.start && prev.text === ":")) {
    // `:name` and `:1` (Oracle style) where a value can stand, not the bounds of a slice `a[lo:hi]`.
    if ((/^[A-Za-z_]/.test(next.text) || /^\d+$/.test(next.text)) && valueExpected(prev)) return { first: i, last: i + 1 };
    return null;
  }
  // Glued to a name (`idx_%s`), it is part of that name, filled in by formatting: not a value.
  if (t.text === "%" && next?.start === t.end && !(prev?.end === t.start && /[\p{L}\p{N}_$]$/u.test(prev.text))) {
    if (next.text === "s" || next.text === "d") return { first: i, last: i + 1 };
    if (next.text === "(") {
      const name = tokens[i + 2];
      const close = tokens[i + 3];
      const s = tokens[i + 4];
      if (name && close && s && close.text === ")" && s.text === "s" && name.start === next.end && close.start === name.end && s.start === close.end) return { first: i, last: i + 4 };
    }
  }
  return null;
}

/**
 * Whether a value (not an operator) can start after `prev`: at the start, after
 * punctuation or an operator, or after a reserved word (`WHERE`, `IN`, `LIMIT`,
 * `LIKE`). After a name, a literal or a closing bracket, `?` is jsonb's operator.
 */
function valueExpected(prev: SqlToken | undefined): boolean {
  if (!prev) return true;
  if (prev.text === ")" || prev.text === "]") return false;
  if (prev.keyword) return prev.keywordKind >= 3;
  return !/^[\p{L}_0-9"'$.]/u.test(prev.text);
}

/** After `=?`: the next token ends the value (a comma, a bracket, a reserved word) or there is none. */
function valueFollows(tokens: readonly SqlToken[], i: number): boolean {
  const next = tokens[i + 1];
  return !next || next.text === "," || next.text === ")" || next.text === ";" || (next.keyword && next.keywordKind >= 3);
}

function isWord(t: SqlToken, word: string): boolean {
  return t.keyword && t.text.toUpperCase() === word;
}
