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
