import { isParseError, type SqlParser, type SqlToken } from "../../sql/parser.js";
import { byteMap } from "../../sql/tokens.js";
import { discardsQuery, scanPsql, sendsQuery, type MetaCommand } from "./psql.js";

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
  return scanPsql(text).commands;
}

/**
 * The statements of a SQL file, as PostgreSQL's parser splits them
 * (`stmt_location` / `stmt_len`), and the psql meta-commands between them,
 * which psql runs itself. A text PostgreSQL rejects is split at the
 * scanner's `;` tokens instead, so one bad statement does not hide the rest
 * (the model reports its error).
 */
export function splitSql(parser: SqlParser, text: string, from = 0, to = text.length): SqlSplit {
  const data = text.slice(from, to);
  const { commands, copyData } = scanPsql(data);
  // Meta-commands and COPY rows are blanked (newlines kept), so offsets stay put; a command that sends the query buffer (`\g`, `\gexec`) ends the statement as `;` would.
  const blanks = [...commands.map((c): [number, number, string] => [c.start, c.end, sendsQuery(c) || discardsQuery(c) ? ";" : ""]), ...copyData.map(([a, b]): [number, number, string] => [a, b, ""])].sort((x, y) => x[0] - y[0]);
  let body = "";
  let last = 0;
  for (const [a, b, first] of blanks) {
    body += data.slice(last, a) + first + data.slice(a + first.length, b).replace(/[^\n]/g, " ");
    last = b;
  }
  body += data.slice(last);
  const shifted = commands.map((c) => ({ ...c, start: c.start + from, end: c.end + from }));
  // The command that ends a statement: the first after it with only blanks and comments between, or a `;` too for one
  // that sends (it sends the last query again); a `\r` or `\gdesc` after a `;` ends nothing.
  const sender = (end: number): MetaCommand | null => {
    for (const c of shifted) {
      if (c.start < end || !(sendsQuery(c) || discardsQuery(c))) continue;
      // Linear: every comment in the gap is closed (else the scan would have taken the command into it), so each lazy run ends at the nearest `*/`.
      const gap = data.slice(end - from, c.start - from).replace(/--[^\n]*|\/\*[\s\S]*?\*\//g, "");
      if (/^\s*$/.test(gap) || (sendsQuery(c) && /^\s*;\s*$/.test(gap))) return c;
      if (!/^[\s;]*$/.test(gap)) return null;
    }
    return null;
  };
  const whole = parser.scan(body);
  const bytes = byteMap(body);
  // A text the scanner rejects (an unterminated string or quoted name) is split up to where it does: psql runs the
  // statements before it, and the rest, from there to the end, is one statement for the model to report.
  let rest: number | null = null;
  let tokens: readonly SqlToken[];
  if (!isParseError(whole)) tokens = whole;
  else {
    const before = whole.position === null ? null : parser.scan(body.slice(0, bytes.toIndex(whole.position)));
    if (before === null || isParseError(before)) return { pieces: body.trim() === "" ? [] : [{ start: from, end: to, keyword: "", sentBy: null }], commands: shifted };
    const lastEnd = before.findLast((t) => t.text === ";")?.end ?? 0;
    tokens = before.filter((t) => t.end <= lastEnd);
    rest = bytes.toIndex(before.find((t) => t.start >= lastEnd && !t.comment)?.start ?? whole.position!);
  }
  const parsed: ReturnType<SqlParser["parse"]> = rest === null ? parser.parse(body) : { error: "the scanner rejects the text", position: null };
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
  if (rest !== null) pieces.push({ start: from + rest, end: from + body.trimEnd().length, keyword: /^\w*/.exec(body.slice(rest))![0].toLowerCase(), sentBy: null });
  return { pieces, commands: shifted };
}
