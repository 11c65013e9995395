/**
 * Index DDL written in code that PostgreSQL stores and runs later or runs
 * itself: a DO block's body, a function's or procedure's. Which indexes such
 * a body makes depends on its data and control flow (and, for a function, on
 * whether and when it is called), so it is recognized, never read.
 */
import type { DefElem, Node } from "@pgsql/types";
import { lexPlainSql, type Lexeme } from "./lexer.js";
import { isParseError, type SqlParser } from "./parser.js";

/** Index DDL in a body (ALTER INDEX too: a rename changes which names exist). */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
const PROCEDURAL_INDEX_DDL = /\b(?:create\s+(?:unique\s+)?index|drop\s+index|alter\s+index)\b/i;

/** Each ADD CONSTRAINT in a body; those that make no index (below) do not count. */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
const ADD_CONSTRAINT = /\badd\s+constraint\b/gi;

/** A foreign key or check added in a body (the guard against re-adding one is a common idiom): no index. */
// Linear: a quoted name's two alternatives start differently; `[\w$]+` and `\s+` runs end at the next token.
const ADD_NON_INDEX_CONSTRAINT = /\badd\s+constraint\s+(?:"(?:[^"]|"")*"|[\w$]+)\s+(?:foreign\s+key|check)\b/gi;

/** A string constant token: quoted, prefixed (`E'…'`, `U&'…'`) or dollar-quoted. */
// Linear: anchored; the one `[^$\s]*` run ends at the tag's closing `$`.
const STRING_TOKEN = /^(?:(?:[EeNnBbXx]|[Uu]&)?'|\$[^$\s]*\$)/;

/**
 * Whether a body in `language` creates, drops or alters an index, or adds a
 * constraint that may make one (a name built at run time counts). A PL/pgSQL
 * or SQL body is PostgreSQL's tokens: its comments say nothing, and neither do
 * an SQL body's strings (a PL/pgSQL string may be EXECUTEd, so it counts).
 * Another language's body is taken as written.
 */
export function bodyBuildsIndex(parser: SqlParser, body: string, language: string): boolean {
  return codeMatches(parser, body, language, buildsIndex);
}

/** `test` on the body as written (cheap, and enough to say no), then on its code alone. */
function codeMatches(parser: SqlParser, body: string, language: string, test: (code: string) => boolean): boolean {
  if (!test(body)) return false;
  return language === "plpgsql" || language === "sql" ? test(codeOf(parser, body, language === "sql")) : true;
}

/** What in a body may drop or rename a column, or make a table anew (`ALTER TABLE t DROP a` needs no COLUMN). */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
const PROCEDURAL_COLUMN_DDL = /\b(?:drop|rename|set\s+schema|create\s+table)\b/i;

/** Whether a body in `language` may change which columns a table has (its comments say nothing, as for bodyBuildsIndex). */
export function bodyMayChangeColumns(parser: SqlParser, body: string, language: string): boolean {
  return codeMatches(parser, body, language, (code) => PROCEDURAL_COLUMN_DDL.test(code));
}

/** Whether SQL text (a body, or SQL a query builds for psql to run) creates, drops or alters an index, or makes a constraint that may make one. */
export function buildsIndex(code: string): boolean {
  if (PROCEDURAL_INDEX_DDL.test(code)) return true;
  if ((code.match(ADD_CONSTRAINT)?.length ?? 0) > (code.match(ADD_NON_INDEX_CONSTRAINT)?.length ?? 0)) return true;
  return code.split(";").some(tableDdlMakesIndex);
}

/** CREATE TABLE or ALTER TABLE, up to the end of its statement. */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
const TABLE_DDL = /\b(?:create\s+(?:(?:global|local)\s+)?(?:(?:temp|temporary|unlogged)\s+)?table|alter\s+table)\b/i;

/** What makes an index in table DDL: a key (inline, ADD PRIMARY KEY, ADD UNIQUE, ADD COLUMN … UNIQUE), LIKE … INCLUDING INDEXES, a partition (it gets its parent's). */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
const INDEX_MAKING = /\b(?:primary\s+key|unique|exclude|including\s+(?:indexes|all)|partition\s+of|attach\s+partition)\b/i;

/**
 * Whether one statement's text (a piece between semicolons) is a CREATE or ALTER TABLE that makes an index: a
 * CREATE TABLE with a PRIMARY KEY or UNIQUE builds one as surely as CREATE INDEX does.
 */
function tableDdlMakesIndex(piece: string): boolean {
  const at = TABLE_DDL.exec(piece);
  return at !== null && INDEX_MAKING.test(piece.slice(at.index));
}

/** The body's tokens, without comments (and without strings when `dropStrings`); the body as written when the scanner rejects it. */
function codeOf(parser: SqlParser, body: string, dropStrings: boolean): string {
  const tokens: readonly Lexeme[] | null = lexPlainSql(body) ?? scanned(parser, body);
  if (!tokens) return body;
  return tokens
    .filter((t) => !t.comment && !(dropStrings && STRING_TOKEN.test(t.text)))
    .map((t) => t.text)
    .join(" ");
}

function scanned(parser: SqlParser, body: string): readonly Lexeme[] | null {
  const tokens = parser.scan(body);
  return isParseError(tokens) ? null : tokens;
}

/** A DO block's or function's options: its body (`AS`, the first of its strings) and its language (plpgsql, a DO block's default). */
export function bodyOptions(options: readonly Node[] | undefined, defaultLanguage: string): { body: string | null; language: string } {
  let body: string | null = null;
  let language = defaultLanguage;
  for (const o of options ?? []) {
    if (!("DefElem" in o)) continue;
    const d: DefElem = o.DefElem;
    if (d.defname === "language" && d.arg && "String" in d.arg) language = d.arg.String.sval ?? "";
    if (d.defname === "as" && d.arg) body = firstString(d.arg);
  }
  return { body, language };
}

function firstString(n: Node): string | null {
  if ("String" in n) return n.String.sval ?? "";
  const first = "List" in n ? n.List.items?.[0] : undefined;
  return first && "String" in first ? (first.String.sval ?? "") : null;
}

/**
 * The command tag of the first index DDL among a `BEGIN ATOMIC … END` body's
 * statements, or null. PostgreSQL parses such a body when the function is
 * created and rejects every utility statement in it
 * ("CREATE INDEX is not yet supported in unquoted SQL function body").
 */
export function atomicBodyIndexDdl(sqlBody: Node | undefined): string | null {
  // BEGIN ATOMIC gives a list holding the list of statements; RETURN gives a ReturnStmt.
  const outer = sqlBody && "List" in sqlBody ? sqlBody.List.items?.[0] : undefined;
  const statements = outer && "List" in outer ? (outer.List.items ?? []) : [];
  for (const st of statements) {
    const tag = indexDdlTag(st);
    if (tag) return tag;
  }
  return null;
}

function indexDdlTag(st: Node): string | null {
  if ("IndexStmt" in st) return "CREATE INDEX";
  if ("DropStmt" in st && st.DropStmt.removeType === "OBJECT_INDEX") return "DROP INDEX";
  if ("RenameStmt" in st && st.RenameStmt.renameType === "OBJECT_INDEX") return "ALTER INDEX";
  if ("AlterTableStmt" in st) {
    if (st.AlterTableStmt.objtype === "OBJECT_INDEX") return "ALTER INDEX";
    const adds = (st.AlterTableStmt.cmds ?? []).some((c) => "AlterTableCmd" in c && c.AlterTableCmd.subtype === "AT_AddConstraint");
    if (st.AlterTableStmt.objtype === "OBJECT_TABLE" && adds) return "ALTER TABLE";
  }
  return null;
}
