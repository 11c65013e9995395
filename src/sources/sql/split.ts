import { isParseError, type SqlParser, type SqlToken } from "../../sql/parser.js";
import { byteMap } from "../../sql/tokens.js";

/** One statement of a SQL text: string indices of its first and past its last token (comments and `;` excluded). */
export interface SqlPiece {
  start: number;
  end: number;
  /** Its first keyword, lowercase (`create`, `begin`, `commit`). */
  keyword: string;
}

/**
 * The statements of a SQL file, as PostgreSQL's parser splits them (psql
 * meta-commands, which psql runs itself, left out)
 * (`stmt_location` / `stmt_len`). A text PostgreSQL rejects is split at the
 * scanner's `;` tokens instead, so one bad statement does not hide the rest
 * (the model reports its error).
 */
export function splitSql(parser: SqlParser, text: string, from = 0, to = text.length): SqlPiece[] {
  // psql's meta-commands (`\set ON_ERROR_STOP on`, `\echo`) are not SQL: blanked, so offsets stay put.
  // Linear: anchored at a line start; the rest of the line is one run.
  const body = blankCopyData(text.slice(from, to)).replace(/^[ \t]*\\[^\n]*/gm, (m) => " ".repeat(m.length));
  const tokens = parser.scan(body);
  if (isParseError(tokens)) return body.trim() === "" ? [] : [{ start: from, end: to, keyword: "" }];
  const bytes = byteMap(body);
  const parsed = parser.parse(body);
  const ranges: [number, number][] = [];
  if (!isParseError(parsed)) {
    for (const raw of parsed.stmts) {
      const loc = raw.stmt_location ?? 0;
      ranges.push([loc, raw.stmt_len ? loc + raw.stmt_len : bytes.length]);
    }
  } else {
    let start = 0;
    for (const t of tokens) {
      if (t.text !== ";") continue;
      ranges.push([start, t.start]);
      start = t.end;
    }
    ranges.push([start, bytes.length]);
  }
  const out: SqlPiece[] = [];
  // Ranges and tokens are both sorted: one walk over the tokens.
  let k = 0;
  for (const [a, b] of ranges) {
    const own: SqlToken[] = [];
    while (k < tokens.length && tokens[k]!.start < a) k++;
    for (; k < tokens.length && tokens[k]!.end <= b; k++) if (!tokens[k]!.comment && tokens[k]!.text !== ";") own.push(tokens[k]!);
    if (own.length === 0) continue;
    out.push({ start: from + bytes.toIndex(own[0]!.start), end: from + bytes.toIndex(own[own.length - 1]!.end), keyword: own[0]!.text.toLowerCase() });
  }
  return out;
}

// Linear: anchored at a line start; the rest of the line is one run.
const COPY_LINE = /^[ \t]*copy\b[^\n]*/gim;
// Linear: one attempt per word boundary before a fixed word.
const FROM_STDIN = /\bfrom\s+stdin\b/i;

/**
 * The rows after `COPY … FROM stdin;` (pg_dump's data blocks, seed data) are
 * psql's input to the COPY, not SQL, up to a line `\.` or the end of the
 * text: blanked, newlines kept, so the statements after them keep their
 * positions. pg_dump writes the COPY statement on one line.
 */
function blankCopyData(text: string): string {
  let out = "";
  let last = 0;
  for (const m of text.matchAll(COPY_LINE)) {
    const start = m.index + m[0].length;
    if (start < last || !FROM_STDIN.test(m[0]) || !m[0].trimEnd().endsWith(";")) continue;
    const end = endOfCopyData(text, start);
    out += text.slice(last, start) + text.slice(start, end).replace(/[^\n]/g, " ");
    last = end;
  }
  return last === 0 ? text : out + text.slice(last);
}

/** Where a COPY's data ends: the start of its `\.` line (blanked as a meta-command), or the end of the text. */
function endOfCopyData(text: string, from: number): number {
  let at = text.indexOf("\n", from);
  while (at !== -1) {
    const next = text.indexOf("\n", at + 1);
    const line = text.slice(at + 1, next === -1 ? text.length : next);
    if (line.replace(/\r$/, "") === "\\.") return at + 1;
    at = next;
  }
  return text.length;
}
