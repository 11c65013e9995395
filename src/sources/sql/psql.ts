/**
 * psql's meta-commands in a SQL file (`\set ON_ERROR_STOP on`, `\i other.sql`,
 * `SELECT … \gexec`): psql runs them itself, they are not SQL. As psql's own
 * scanner does, a backslash starts one only outside quoted strings, quoted
 * names, comments and dollar quotes, wherever on the line it stands; the
 * command's arguments run to the end of the line.
 */
export interface MetaCommand {
  /** String indices of the backslash and of the end of the line (its newline excluded). */
  start: number;
  end: number;
  /** The command's name, without the backslash (`gexec`, `ir`, `set`). */
  name: string;
  /** The rest of the line, trimmed. */
  args: string;
  /** The `\.` line that ends the rows of a `COPY … FROM stdin` (Flyway reads it as the COPY's end too). */
  endsCopy?: true;
}

/** The commands that send the query buffer to the server, as `;` does: the statement ends there (on an empty buffer, the last query is sent again). */
const SENDS_QUERY: ReadonlySet<string> = new Set(["g", "gx", "gexec", "gset", "crosstabview", "watch"]);

/** The commands that end the query buffer without running it: `\r` empties it, `\gdesc` describes its result. */
const DISCARDS_QUERY: ReadonlySet<string> = new Set(["r", "reset", "gdesc"]);

/** The commands that run another file's statements in place. */
const INCLUDES: ReadonlySet<string> = new Set(["i", "include", "ir", "include_relative"]);

export function sendsQuery(c: MetaCommand): boolean {
  return SENDS_QUERY.has(c.name);
}

export function discardsQuery(c: MetaCommand): boolean {
  return DISCARDS_QUERY.has(c.name);
}

export function includes(c: MetaCommand): boolean {
  return INCLUDES.has(c.name);
}

/**
 * The project path of the file `\ir` (`\include_relative`) runs, from the
 * directory of the file holding the command; null for `\i`, whose path is
 * psql's working directory's (not known here), for an absolute path, and for
 * one that leaves the project.
 */
export function includedPath(c: MetaCommand, from: string): string | null {
  if (c.name !== "ir" && c.name !== "include_relative") return null;
  // psql takes a quoted file name whole; otherwise the name ends at a blank.
  const quoted = /^'((?:[^']|'')*)'/.exec(c.args);
  const name = quoted ? quoted[1]!.replace(/''/g, "'") : (c.args.split(/\s/)[0] ?? "");
  if (name === "" || name.startsWith("/")) return null;
  const parts = from.split("/").slice(0, -1);
  for (const part of name.split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") parts.push(part);
    else if (parts.pop() === undefined) return null;
  }
  return parts.join("/");
}

// Linear: a run of name characters.
const NAME = /[A-Za-z_?!+][A-Za-z0-9_]*/y;
// Linear: a `$tag$` is a fixed `$`, a run of word characters, a fixed `$`.
const DOLLAR_TAG = /\$(?:[A-Za-z_][A-Za-z0-9_]*)?\$/y;

// Linear: anchored at a line start; the rest of the line is one run.
const COPY_LINE = /[ \t]*copy\b[^\n]*/iy;
// Linear: one attempt per word boundary before a fixed word.
const FROM_STDIN = /\bfrom\s+stdin\b/i;

/** What psql itself takes from a SQL file: its meta-commands, and the rows after `COPY … FROM stdin;` (string indices, each `[start, end)`). */
export interface PsqlScan {
  commands: MetaCommand[];
  copyData: [number, number][];
}

export function scanPsql(text: string): PsqlScan {
  const commands: MetaCommand[] = [];
  const copyData: [number, number][] = [];
  const n = text.length;
  // Where the rows of a COPY … FROM stdin begin (past the end of its line), and where they end.
  let rows: [number, number] | null = null;
  // Where the `\.` line after a COPY's rows starts.
  let copyEnd = -1;
  let i = 0;
  while (i < n) {
    if (rows && i >= rows[0]) {
      copyData.push(rows);
      i = copyEnd = rows[1];
      rows = null;
      continue;
    }
    const c = text[i]!;
    if (rows === null && (i === 0 || text[i - 1] === "\n") && (c === "c" || c === "C" || c === " " || c === "\t")) rows = copyRows(text, i);
    if (c === "'") i = endOfQuoted(text, i + 1, "'", isEscapeString(text, i));
    else if (c === '"') i = endOfQuoted(text, i + 1, '"', false);
    else if (c === "-" && text[i + 1] === "-") i = lineEnd(text, i);
    else if (c === "/" && text[i + 1] === "*") i = endOfBlockComment(text, i);
    else if (c === "$" && !isWordChar(text[i - 1])) {
      DOLLAR_TAG.lastIndex = i;
      const tag = DOLLAR_TAG.exec(text);
      if (tag) {
        const close = text.indexOf(tag[0], i + tag[0].length);
        i = close === -1 ? n : close + tag[0].length;
      } else i++;
    } else if (c === "\\") {
      const end = lineEnd(text, i);
      NAME.lastIndex = i + 1;
      const name = NAME.exec(text)?.[0] ?? "";
      commands.push({ start: i, end, name, args: text.slice(i + 1 + name.length, end).trim(), ...(i === copyEnd ? { endsCopy: true as const } : {}) });
      i = end;
    } else i++;
  }
  if (rows && rows[0] < n) copyData.push(rows);
  return { commands, copyData };
}

/**
 * A line `COPY … FROM stdin;` (pg_dump writes the statement on one line)
 * starting at `at`: its rows, psql's input to the COPY, not SQL, run from the
 * next line up to a line `\.` (a meta-command) or the end of the text.
 */
function copyRows(text: string, at: number): [number, number] | null {
  COPY_LINE.lastIndex = at;
  const line = COPY_LINE.exec(text)?.[0];
  if (line === undefined || !FROM_STDIN.test(line) || !line.trimEnd().endsWith(";")) return null;
  const start = at + line.length + 1;
  return [start, endOfCopyData(text, start)];
}

/** Where a COPY's rows end: the start of its `\.` line, or the end of the text. */
function endOfCopyData(text: string, from: number): number {
  for (let at = from; at < text.length; ) {
    const next = text.indexOf("\n", at);
    const line = text.slice(at, next === -1 ? text.length : next);
    if (line.replace(/\r$/, "") === "\\.") return at;
    if (next === -1) break;
    at = next + 1;
  }
  return text.length;
}

function lineEnd(text: string, from: number): number {
  const nl = text.indexOf("\n", from);
  const end = nl === -1 ? text.length : nl;
  return text[end - 1] === "\r" ? end - 1 : end;
}

/** `E'…'` (and `e'…'`): a backslash escapes the next character. A standard string does not know backslashes. */
function isEscapeString(text: string, quote: number): boolean {
  const p = text[quote - 1];
  return (p === "E" || p === "e") && !isWordChar(text[quote - 2]);
}

/** Past the closing quote (a doubled quote stays inside); the end of the text when there is none. */
function endOfQuoted(text: string, from: number, quote: string, escapes: boolean): number {
  for (let i = from; i < text.length; i++) {
    const c = text[i];
    if (escapes && c === "\\") i++;
    else if (c === quote) {
      if (text[i + 1] !== quote) return i + 1;
      i++;
    }
  }
  return text.length;
}

/** Past the `*\/` closing a block comment, which nests in PostgreSQL. */
function endOfBlockComment(text: string, from: number): number {
  let depth = 0;
  for (let i = from; i < text.length - 1; i++) {
    if (text[i] === "/" && text[i + 1] === "*") {
      depth++;
      i++;
    } else if (text[i] === "*" && text[i + 1] === "/") {
      depth--;
      i++;
      if (depth === 0) return i + 1;
    }
  }
  return text.length;
}

function isWordChar(c: string | undefined): boolean {
  return c !== undefined && /[A-Za-z0-9_$]/.test(c);
}
