import { isParseError, type RawStmt, type SqlParser, type SqlToken } from "./parser.js";
import { chooseIndexName } from "./names.js";
import { replaceBindParameters } from "./binds.js";

/**
 * The index-related statements of one SQL string, read from PostgreSQL's
 * parse tree. Every position is an index into the string given (not bytes).
 */
export type SqlStatement = CreateIndexStatement | DropIndexStatement | DropTableStatement | RenameIndexStatement | RenameTableStatement | ConstraintStatement | DropConstraintStatement | OtherStatement;

interface Span {
  /** Index of the statement's first keyword (the CREATE of a CREATE INDEX). */
  start: number;
  /** Index just past the statement's last token. */
  end: number;
}

export interface IndexKey {
  /** The key as written (`lower(email)`, `created_at DESC NULLS LAST`). */
  text: string;
  /** The column, when the key is a plain column. */
  column: string | null;
  opclass: string | null;
  collation: string | null;
  order: "asc" | "desc" | null;
  nulls: "first" | "last" | null;
}

export interface CreateIndexStatement extends Span {
  kind: "create-index";
  /** As PostgreSQL folds it; null when the statement names no index (PostgreSQL then picks one). */
  name: string | null;
  schema: string | null;
  table: string;
  unique: boolean;
  concurrently: boolean;
  ifNotExists: boolean;
  only: boolean;
  method: string;
  keys: IndexKey[];
  include: string[];
  where: string | null;
  nullsNotDistinct: boolean;
  tablespace: string | null;
  /** Canonical form of what the index covers (table, method, keys, include, predicate), for comparison. */
  definition: string;
  /**
   * Where `CONCURRENTLY ` goes (before the token after INDEX) and `IF NOT EXISTS `
   * (before the name), with the token found there; null when the tokens are unusual.
   */
  insertionPoints: { concurrently: InsertionPoint; ifNotExists: InsertionPoint | null } | null;
}

export interface InsertionPoint {
  /** Index into the statement's string. */
  index: number;
  /** The token that starts there, as written. */
  before: string;
}

export interface QualifiedName {
  schema: string | null;
  name: string;
}

export interface DropIndexStatement extends Span {
  kind: "drop-index";
  names: QualifiedName[];
  ifExists: boolean;
  concurrently: boolean;
}

export interface DropTableStatement extends Span {
  kind: "drop-table";
  tables: QualifiedName[];
}

export interface RenameIndexStatement extends Span {
  kind: "rename-index";
  schema: string | null;
  from: string;
  to: string;
}

/** `ALTER TABLE a RENAME TO b`: the table's indexes keep their names and move with it. */
export interface RenameTableStatement extends Span {
  kind: "rename-table";
  schema: string | null;
  from: string;
  to: string;
}

export interface ConstraintStatement extends Span {
  kind: "constraint";
  constraintType: "unique" | "primary key" | "exclude";
  /** The constraint's name, or the one PostgreSQL would give it. */
  name: string;
  nameGenerated: boolean;
  schema: string | null;
  table: string;
  columns: string[];
  /** `USING INDEX idx`: the existing index that now backs the constraint (and takes its name). */
  usingIndex: string | null;
  /** Declared in the CREATE TABLE that creates its table. */
  inCreateTable?: boolean;
}

export interface DropConstraintStatement extends Span {
  kind: "drop-constraint";
  schema: string | null;
  table: string;
  name: string;
}

export interface OtherStatement extends Span {
  kind: "other";
  type: string;
  /** The table a CREATE TABLE creates. */
  table?: QualifiedName;
}

export interface SqlProblem {
  message: string;
  /** Index into the SQL string. */
  index: number;
}

export interface ReadResult {
  statements: SqlStatement[];
  errors: SqlProblem[];
}

/** Looks like it may hold index DDL: a cheap test before any parsing. */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
export const INDEX_SQL_HINT = /\b(index|unique|primary\s+key|constraint|drop\s+table)\b/i;

export function readStatements(parser: SqlParser, text: string): ReadResult {
  const bytes = byteMap(text);
  const tokens = parser.scan(text);
  if (isParseError(tokens)) return { statements: [], errors: [{ message: tokens.error, index: codePointIndex(text, tokens.position ?? 0) }] };
  const sql = replaceBindParameters(text, tokens, bytes);
  const whole = parser.parse(sql);
  const statements: SqlStatement[] = [];
  const errors: SqlProblem[] = [];
  if (!isParseError(whole)) {
    for (const raw of whole.stmts) {
      const st = interpret(raw, 0, bytes.length, tokens, text, bytes);
      if (st) statements.push(...st);
    }
    return { statements, errors };
  }
  // One bad statement must not hide the good ones around it: parse each on its own.
  for (const [from, to] of splitStatements(tokens, bytes.length)) {
    const pieceStart = bytes.toIndex(from);
    const piece = sql.slice(pieceStart, bytes.toIndex(to));
    const result = parser.parse(piece);
    if (isParseError(result)) {
      const first = tokens[firstTokenAt(tokens, from)];
      // PostgreSQL's error position counts characters (code points), unlike token offsets (bytes).
      const index = result.position === null ? bytes.toIndex(first ? first.start : from) : pieceStart + codePointIndex(piece, result.position);
      errors.push({ message: result.error, index });
      continue;
    }
    for (const raw of result.stmts) {
      const st = interpret(raw, from, to, tokens, text, bytes);
      if (st) statements.push(...st);
    }
  }
  return { statements, errors };
}

function splitStatements(tokens: SqlToken[], total: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const t of tokens) {
    if (t.text !== ";") continue;
    out.push([from, t.start]);
    from = t.end;
  }
  if (firstTokenAt(tokens, from) < tokens.length) out.push([from, total]);
  return out.filter(([a, b]) => tokensWithin(tokens, a, b).length > 0);
}

/**
 * Index of the first token starting at or after byte `from` (tokens are sorted
 * and do not overlap). Binary search: a string of 20,000 statements must not
 * cost statements × tokens.
 */
function firstTokenAt(tokens: readonly SqlToken[], from: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (tokens[mid]!.start < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens lying wholly in bytes [from, to). */
function tokensWithin(tokens: readonly SqlToken[], from: number, to: number): SqlToken[] {
  const out: SqlToken[] = [];
  for (let i = firstTokenAt(tokens, from); i < tokens.length && tokens[i]!.end <= to; i++) out.push(tokens[i]!);
  return out;
}

type Node = Record<string, unknown>;

function interpret(raw: RawStmt, base: number, limit: number, tokens: SqlToken[], text: string, bytes: ByteMap): SqlStatement[] | null {
  const loc = base + (raw.stmt_location ?? 0);
  // A statement length of 0 means "to the end of the input".
  const end = raw.stmt_len ? loc + raw.stmt_len : limit;
  const own = tokensWithin(tokens, loc, end).filter((t) => t.text !== ";");
  if (own.length === 0) return null;
  const span = { start: bytes.toIndex(own[0]!.start), end: bytes.toIndex(own[own.length - 1]!.end) };
  const [type, node] = Object.entries(raw.stmt)[0] as [string, Node];
  const slice = (a: number, b: number): string => text.slice(bytes.toIndex(a), bytes.toIndex(b));
  switch (type) {
    case "IndexStmt":
      return [createIndex(node, span, own, slice, base, bytes.toIndex)];
    case "DropStmt": {
      const objects = (node.objects as Node[] | undefined) ?? [];
      const names = objects.map((o) => qualified(((o.List as Node | undefined)?.items as Node[] | undefined) ?? []));
      if (node.removeType === "OBJECT_INDEX")
        return [{ kind: "drop-index", ...span, names, ifExists: node.missing_ok === true, concurrently: node.concurrent === true }];
      if (node.removeType === "OBJECT_TABLE") return [{ kind: "drop-table", ...span, tables: names }];
      return [{ kind: "other", ...span, type }];
    }
    case "RenameStmt": {
      const rel = node.relation as Node | undefined;
      if (node.renameType === "OBJECT_INDEX" && rel)
        return [{ kind: "rename-index", ...span, schema: str(rel.schemaname), from: str(rel.relname) ?? "", to: writtenIdentifier(own.filter((t) => !t.comment).at(-1)) ?? str(node.newname) ?? "" }];
      if (node.renameType === "OBJECT_TABLE" && rel && typeof node.newname === "string")
        return [{ kind: "rename-table", ...span, schema: str(rel.schemaname), from: str(rel.relname) ?? "", to: node.newname }];
      return [{ kind: "other", ...span, type }];
    }
    case "AlterTableStmt": {
      const rel = node.relation as Node;
      const out: SqlStatement[] = [];
      for (const c of (node.cmds as Node[] | undefined) ?? []) {
        const cmd = c.AlterTableCmd as Node | undefined;
        if (!cmd) continue;
        if (cmd.subtype === "AT_AddConstraint") {
          const con = (cmd.def as Node | undefined)?.Constraint as Node | undefined;
          const st = con && constraint(con, rel, null, span);
          if (st) out.push(st);
        } else if (cmd.subtype === "AT_AddColumn") {
          // ADD COLUMN code text UNIQUE: the column's inline constraints build indexes too.
          const col = (cmd.def as Node | undefined)?.ColumnDef as Node | undefined;
          for (const c of (col?.constraints as Node[] | undefined) ?? []) {
            const st = constraint(c.Constraint as Node, rel, str(col?.colname), span);
            if (st) out.push(st);
          }
        } else if (cmd.subtype === "AT_DropConstraint" && typeof cmd.name === "string") {
          out.push({ kind: "drop-constraint", ...span, schema: str(rel.schemaname), table: str(rel.relname) ?? "", name: cmd.name });
        }
      }
      return out.length ? out : [{ kind: "other", ...span, type }];
    }
    case "CreateStmt": {
      const rel = node.relation as Node;
      const out: SqlStatement[] = [];
      for (const elt of (node.tableElts as Node[] | undefined) ?? []) {
        const col = elt.ColumnDef as Node | undefined;
        if (col) {
          for (const c of (col.constraints as Node[] | undefined) ?? []) {
            const st = constraint(c.Constraint as Node, rel, str(col.colname), span);
            if (st) out.push(st);
          }
        } else if (elt.Constraint) {
          const st = constraint(elt.Constraint as Node, rel, null, span);
          if (st) out.push(st);
        }
      }
      for (const st of out) if (st.kind === "constraint") st.inCreateTable = true;
      return out.length ? out : [{ kind: "other", ...span, type, table: { schema: str(rel.schemaname), name: str(rel.relname) ?? "" } }];
    }
    default:
      return [{ kind: "other", ...span, type }];
  }
}

function createIndex(node: Node, span: Span, own: SqlToken[], slice: (a: number, b: number) => string, base: number, toIndex: (byte: number) => number): CreateIndexStatement {
  const rel = node.relation as Node;
  const relLoc = base + ((rel.location as number | undefined) ?? 0);
  const params = ((node.indexParams as Node[] | undefined) ?? []).map((p) => p.IndexElem as Node);
  const keyList = parenthesized(own, own.findIndex((t) => t.start > relLoc && t.text === "("));
  const keyTexts = keyList ? keyList.items.map(([a, b]) => slice(a, b)) : [];
  let after = keyList ? keyList.closeIndex + 1 : own.length;
  let include: string[] = [];
  if (own[after]?.text.toUpperCase() === "INCLUDE") {
    const inc = parenthesized(own, after + 1);
    if (inc) {
      include = inc.items.map(([a, b]) => slice(a, b));
      after = inc.closeIndex + 1;
    }
  }
  let where: string | null = null;
  if (node.whereClause) {
    let depth = 0;
    for (let i = after; i < own.length; i++) {
      const t = own[i]!;
      if (t.text === "(") depth++;
      else if (t.text === ")") depth--;
      else if (depth === 0 && t.keyword && t.text.toUpperCase() === "WHERE" && own[i + 1]) {
        where = slice(own[i + 1]!.start, own[own.length - 1]!.end);
        break;
      }
    }
  }
  const keys: IndexKey[] = params.map((p, k) => ({
    text: keyTexts[k] ?? str(p.name) ?? "",
    column: str(p.name),
    opclass: names(p.opclass as Node[] | undefined),
    collation: names(p.collation as Node[] | undefined),
    order: p.ordering === "SORTBY_ASC" ? "asc" : p.ordering === "SORTBY_DESC" ? "desc" : null,
    nulls: p.nulls_ordering === "SORTBY_NULLS_FIRST" ? "first" : p.nulls_ordering === "SORTBY_NULLS_LAST" ? "last" : null,
  }));
  const schema = str(rel.schemaname);
  const table = str(rel.relname) ?? "";
  const method = (str(node.accessMethod) ?? "btree").toLowerCase();
  const unique = node.unique === true;
  const nullsNotDistinct = node.nulls_not_distinct === true;
  const definition = JSON.stringify({
    table: `${schema ?? "public"}.${table}`,
    unique,
    method,
    keys: ((node.indexParams as Node[] | undefined) ?? []).map(canonicalKey),
    include: stripLocations(node.indexIncludingParams ?? []),
    where: stripLocations(node.whereClause ?? null),
    nullsNotDistinct,
    with: stripLocations(node.options ?? []),
  });
  const name = str(node.idxname) === null ? null : (writtenIndexName(own) ?? str(node.idxname));
  return {
    kind: "create-index",
    ...span,
    insertionPoints: insertionPoints(own, name !== null, toIndex),
    name,
    schema,
    table,
    unique,
    concurrently: node.concurrent === true,
    ifNotExists: node.if_not_exists === true,
    // The parse tree omits false booleans: no `inh` means ONLY.
    only: rel.inh !== true,
    method,
    keys,
    include,
    where,
    nullsNotDistinct,
    tablespace: str(node.tableSpace),
    definition,
  };
}

/** Where CONCURRENTLY and IF NOT EXISTS go, for rewriting the statement in place. */
function insertionPoints(tokens: SqlToken[], named: boolean, toIndex: (byte: number) => number): CreateIndexStatement["insertionPoints"] {
  const own = tokens.filter((t) => !t.comment);
  let i = own.findIndex((t) => t.keyword && t.text.toUpperCase() === "INDEX");
  if (i < 0 || !own[i + 1]) return null;
  const afterIndex = own[i + 1]!;
  i++;
  if (own[i]?.text.toUpperCase() === "CONCURRENTLY") i++;
  if (own[i]?.text.toUpperCase() === "IF") i += 3;
  const nameToken = named ? own[i] : undefined;
  return {
    concurrently: { index: toIndex(afterIndex.start), before: afterIndex.text },
    ifNotExists: nameToken ? { index: toIndex(nameToken.start), before: nameToken.text } : null,
  };
}

/**
 * The index name as written, folded as PostgreSQL folds it but not cut to 63
 * bytes (the parser truncates; the identifier-too-long rule needs the whole).
 */
function writtenIndexName(tokens: SqlToken[]): string | null {
  const own = tokens.filter((t) => !t.comment);
  let i = own.findIndex((t) => t.keyword && t.text.toUpperCase() === "INDEX");
  if (i < 0) return null;
  i++;
  for (const word of ["CONCURRENTLY", "IF", "NOT", "EXISTS"]) if (own[i]?.text.toUpperCase() === word) i++;
  const t = own[i];
  if (!t || (t.keyword && t.text.toUpperCase() === "ON")) return null;
  return writtenIdentifier(t);
}

/** An identifier token as PostgreSQL folds it, without cutting it to 63 bytes. */
function writtenIdentifier(t: SqlToken | undefined): string | null {
  if (!t) return null;
  if (t.text.startsWith('"')) return t.text.slice(1, -1).replace(/""/g, '"');
  if (!/^[\p{L}_][\p{L}\p{N}_$]*$/u.test(t.text)) return null;
  // PostgreSQL folds only ASCII letters in UTF-8 identifiers.
  return t.text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

function constraint(con: Node | undefined, rel: Node, column: string | null, span: Span): ConstraintStatement | null {
  if (!con) return null;
  const type = con.contype === "CONSTR_UNIQUE" ? "unique" : con.contype === "CONSTR_PRIMARY" ? "primary key" : con.contype === "CONSTR_EXCLUSION" ? "exclude" : null;
  if (!type) return null;
  const table = str(rel.relname) ?? "";
  let columns = ((con.keys as Node[] | undefined) ?? []).map((k) => str((k.String as Node | undefined)?.sval) ?? "");
  if (columns.length === 0 && column) columns = [column];
  if (type === "exclude") {
    columns = ((con.exclusions as Node[] | undefined) ?? []).map((e) => {
      const elem = ((e.List as Node | undefined)?.items as Node[] | undefined)?.[0]?.IndexElem as Node | undefined;
      return str(elem?.name) ?? "expr";
    });
  }
  const given = str(con.conname);
  // PostgreSQL's own choice of name when none is given.
  const name = given ?? chooseIndexName(table, columns, type === "primary key" ? "pkey" : type === "unique" ? "key" : "excl");
  return {
    kind: "constraint",
    ...span,
    constraintType: type,
    name,
    nameGenerated: given === null,
    schema: str(rel.schemaname),
    table,
    columns,
    usingIndex: str(con.indexname),
  };
}

interface ParenList {
  items: [number, number][];
  closeIndex: number;
}

/** The comma-separated items of the parenthesized list opening at token `open`, as byte ranges. */
function parenthesized(tokens: SqlToken[], open: number): ParenList | null {
  if (open < 0 || tokens[open]?.text !== "(") return null;
  const items: [number, number][] = [];
  let depth = 0;
  let itemStart = -1;
  let itemEnd = -1;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.text === "(" || t.text === "[") {
      depth++;
      if (depth === 1) continue;
    } else if (t.text === ")" || t.text === "]") {
      depth--;
      if (depth === 0) {
        if (itemStart >= 0) items.push([itemStart, itemEnd]);
        return { items, closeIndex: i };
      }
    } else if (t.text === "," && depth === 1) {
      if (itemStart >= 0) items.push([itemStart, itemEnd]);
      itemStart = -1;
      continue;
    }
    if (itemStart < 0) itemStart = t.start;
    itemEnd = t.end;
  }
  return null;
}

function qualified(items: Node[]): QualifiedName {
  const parts = items.map((i) => str((i.String as Node | undefined)?.sval) ?? "");
  const name = parts[parts.length - 1] ?? "";
  return { schema: parts.length > 1 ? parts[parts.length - 2]! : null, name };
}

function names(list: Node[] | undefined): string | null {
  if (!list || list.length === 0) return null;
  return list.map((n) => str((n.String as Node | undefined)?.sval) ?? "").join(".");
}

function str(v: unknown): string | null {
  return typeof v === "string" ? v : null;
}

/**
 * A key as PostgreSQL stores it: `ASC` is the default order, and `NULLS LAST`
 * the default for ascending keys (`NULLS FIRST` for descending ones), so
 * `a`, `a ASC` and `a ASC NULLS LAST` are one key.
 */
function canonicalKey(param: Node): unknown {
  const elem = { ...(param.IndexElem as Node) };
  if (elem.ordering === "SORTBY_ASC") elem.ordering = "SORTBY_DEFAULT";
  const descending = elem.ordering === "SORTBY_DESC";
  if ((!descending && elem.nulls_ordering === "SORTBY_NULLS_LAST") || (descending && elem.nulls_ordering === "SORTBY_NULLS_FIRST")) elem.nulls_ordering = "SORTBY_NULLS_DEFAULT";
  return stripLocations({ IndexElem: elem });
}

/** Parse-tree fields that hold offsets into the text (`location`, `rexpr_list_start`, …), not meaning. */
const POSITION_KEYS = /^(location|stmt_location|stmt_len)$|_(start|end|location)$/;

function stripLocations(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(stripLocations);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) if (!POSITION_KEYS.test(k)) out[k] = stripLocations(x);
    return out;
  }
  return v;
}

/** String index of the `cp`-th code point. */
function codePointIndex(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += text.codePointAt(i)! > 0xffff ? 2 : 1;
  return i;
}

export interface ByteMap {
  length: number;
  toIndex: (byte: number) => number;
}

/** PostgreSQL reports UTF-8 byte offsets; JavaScript strings index UTF-16 units. */
export function byteMap(text: string): ByteMap {
  // eslint-disable-next-line no-control-regex -- the ASCII range starts at NUL
  if (/^[\x00-\x7f]*$/.test(text)) return { length: text.length, toIndex: (b) => Math.min(b, text.length) };
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i)!;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  const length = map.length;
  map.push(text.length);
  return { length, toIndex: (b) => map[Math.max(0, Math.min(b, length))]! };
}
