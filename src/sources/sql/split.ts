import { isParseError, type SqlParser, type SqlToken } from "../../sql/parser.js";
import { byteMap } from "../../sql/tokens.js";
import { metaCommands, sendsQuery, type MetaCommand } from "./psql.js";

/** One statement of a SQL text: string indices of its first and past its last token (comments and `;` excluded). */
export interface SqlPiece {
  start: number;
  end: number;
  /** Its first keyword, lowercase (`create`, `begin`, `commit`). */
  keyword: string;
  /** The psql meta-command that sent it instead of a `;` (`\gexec`), if one did. */
  sentBy: MetaCommand | null;
}

export interface SqlSplit {
  pieces: SqlPiece[];
  /** psql's meta-commands, in text order (string indices into the whole text). */
  commands: MetaCommand[];
}

/** The psql meta-commands of a whole file (COPY data left out), for the files `\ir` runs to be found where the file is read. */
export function psqlCommands(text: string): MetaCommand[] {
  return metaCommands(blankCopyData(text));
}

/**
 * The statements of a SQL file, as PostgreSQL's parser splits them
 * (`stmt_location` / `stmt_len`), and the psql meta-commands between them,
 * which psql runs itself. A text PostgreSQL rejects is split at the
 * scanner's `;` tokens instead, so one bad statement does not hide the rest
 * (the model reports its error).
 */
export function splitSql(parser: SqlParser, text: string, from = 0, to = text.length): SqlSplit {
  const data = blankCopyData(text.slice(from, to));
  const commands = metaCommands(data);
  // Meta-commands are blanked, so offsets stay put; one that sends the query buffer (`\g`, `\gexec`) ends the statement as `;` would.
  let body = "";
  let last = 0;
  for (const c of commands) {
    body += data.slice(last, c.start) + (sendsQuery(c) ? ";" : " ") + " ".repeat(c.end - c.start - 1);
    last = c.end;
  }
  body += data.slice(last);
  const shifted = commands.map((c) => ({ ...c, start: c.start + from, end: c.end + from }));
  const sender = (end: number): MetaCommand | null => shifted.find((c) => sendsQuery(c) && c.start >= end && data.slice(end - from, c.start - from).trim() === "") ?? null;
  const tokens = parser.scan(body);
  if (isParseError(tokens)) return { pieces: body.trim() === "" ? [] : [{ start: from, end: to, keyword: "", sentBy: null }], commands: shifted };
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
  const pieces: SqlPiece[] = [];
  // Ranges and tokens are both sorted: one walk over the tokens.
  let k = 0;
  for (const [a, b] of ranges) {
    const own: SqlToken[] = [];
    while (k < tokens.length && tokens[k]!.start < a) k++;
    for (; k < tokens.length && tokens[k]!.end <= b; k++) if (!tokens[k]!.comment && tokens[k]!.text !== ";") own.push(tokens[k]!);
    if (own.length === 0) continue;
    const end = from + bytes.toIndex(own[own.length - 1]!.end);
    pieces.push({ start: from + bytes.toIndex(own[0]!.start), end, keyword: own[0]!.text.toLowerCase(), sentBy: sender(end) });
  }
  return { pieces, commands: shifted };
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
