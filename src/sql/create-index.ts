import type { IndexElem, IndexStmt, Node } from "@pgsql/types";
import type { Lexeme } from "./lexer.js";
import { isWord, parenthesized, writtenIdentifier } from "./tokens.js";
import type { CreateIndexStatement, IndexKey, IndexShape, Span } from "./types.js";

/** Reads a string index `i` from a byte offset into the statement's text. */
type ToIndex = (byte: number) => number;

/**
 * A CREATE INDEX from its parse tree and its tokens (`own`: the statement's,
 * without the `;`): the tree gives the meaning, the tokens the text as written.
 */
export function createIndex(node: IndexStmt, span: Span, own: readonly Lexeme[], text: string, base: number, toIndex: ToIndex): CreateIndexStatement {
  const rel = node.relation ?? {};
  const relLoc = base + (rel.location ?? 0);
  // Plain loops, not callbacks: this runs once per CREATE INDEX, mostly before V8 optimizes anything.
  let open = -1;
  for (let i = 0; i < own.length; i++) {
    const t = own[i]!;
    if (t.start > relLoc && t.text === "(") {
      open = i;
      break;
    }
  }
  const keyList = parenthesized(own, open);
  let after = keyList ? keyList.closeIndex + 1 : own.length;
  let include: string[] = [];
  if (own[after]?.text.toUpperCase() === "INCLUDE") {
    const inc = parenthesized(own, after + 1);
    if (inc) {
      include = slices(inc.items, text, toIndex);
      after = inc.closeIndex + 1;
    }
  }
  const params = node.indexParams ?? [];
  const keys: IndexKey[] = [];
  for (let k = 0; k < params.length; k++) {
    const param = params[k]!;
    const p: IndexElem = "IndexElem" in param ? param.IndexElem : {};
    const written = keyList?.items[k];
    keys.push({
      text: written ? text.slice(toIndex(written[0]), toIndex(written[1])) : (p.name ?? ""),
      column: p.name ?? null,
      opclass: names(p.opclass),
      collation: names(p.collation),
      order: p.ordering === "SORTBY_ASC" ? "asc" : p.ordering === "SORTBY_DESC" ? "desc" : null,
      nulls: p.nulls_ordering === "SORTBY_NULLS_FIRST" ? "first" : p.nulls_ordering === "SORTBY_NULLS_LAST" ? "last" : null,
    });
  }
  const schema = rel.schemaname ?? null;
  const table = rel.relname ?? "";
  const shape = shapeOf(node, schema, table);
  const header = indexHeader(own, node.idxname !== undefined);
  return {
    kind: "create-index",
    // Written out, not spread: a literal keeps one layout for every statement.
    start: span.start,
    end: span.end,
    insertionPoints: header && {
      concurrently: { index: toIndex(header.afterIndex.start), before: header.afterIndex.text },
      ifNotExists: header.name ? { index: toIndex(header.name.start), before: header.name.text } : null,
    },
    // As written, folded as PostgreSQL folds it but not cut to 63 bytes (the parser truncates; identifier-too-long needs the whole).
    name: node.idxname === undefined ? null : (writtenIdentifier(header?.name ?? undefined) ?? node.idxname),
    schema,
    table,
    unique: shape.unique,
    concurrently: node.concurrent === true,
    ifNotExists: node.if_not_exists === true,
    // The parse tree omits false booleans: no `inh` means ONLY.
    only: rel.inh !== true,
    method: shape.method,
    keys,
    include,
    where: node.whereClause ? whereText(own, after, text, toIndex) : null,
    nullsNotDistinct: shape.nullsNotDistinct,
    tablespace: node.tableSpace ?? null,
    shape,
    definition: JSON.stringify(shape),
  };
}

/** The text of each byte range. */
function slices(ranges: readonly [number, number][], text: string, toIndex: ToIndex): string[] {
  const out: string[] = [];
  for (const [a, b] of ranges) out.push(text.slice(toIndex(a), toIndex(b)));
  return out;
}

function shapeOf(node: IndexStmt, schema: string | null, table: string): IndexShape {
  const params = node.indexParams ?? [];
  const keys: Node[] = [];
  for (const p of params) keys.push(canonicalKey(p));
  return {
    table: `${schema ?? "public"}.${table}`,
    unique: node.unique === true,
    method: (node.accessMethod ?? "btree").toLowerCase(),
    keys,
    include: stripLocations(node.indexIncludingParams ?? []),
    where: node.whereClause ? stripLocations(node.whereClause) : null,
    nullsNotDistinct: node.nulls_not_distinct === true,
    with: stripLocations(node.options ?? []),
  };
}

/** The predicate as written: everything after the top-level WHERE that follows the keys. */
function whereText(own: readonly Lexeme[], after: number, text: string, toIndex: ToIndex): string | null {
  const last = own[own.length - 1];
  let depth = 0;
  for (let i = after; i < own.length; i++) {
    const t = own[i];
    if (!t) break;
    if (t.text === "(") depth++;
    else if (t.text === ")") depth--;
    else if (depth === 0 && isWord(t, "WHERE")) {
      const first = own[i + 1];
      if (first && last) return text.slice(toIndex(first.start), toIndex(last.end));
    }
  }
  return null;
}

/**
 * The tokens of `CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] [name]`,
 * in one walk: the token after INDEX (where `CONCURRENTLY ` goes) and the name
 * (where `IF NOT EXISTS ` goes, and how it is written). Null when the tokens are unusual.
 */
function indexHeader(tokens: readonly Lexeme[], named: boolean): { afterIndex: Lexeme; name: Lexeme | null } | null {
  // Comments are skipped as the walk meets them (no filtered copy of the tokens).
  let i = 0;
  while (i < tokens.length && (tokens[i]!.comment || !isWord(tokens[i], "INDEX"))) i++;
  if (i === tokens.length) return null;
  i = nextCode(tokens, i + 1);
  const afterIndex = tokens[i];
  if (!afterIndex) return null;
  if (isWord(afterIndex, "CONCURRENTLY")) i = nextCode(tokens, i + 1);
  if (isWord(tokens[i], "IF")) {
    const not = nextCode(tokens, i + 1);
    const exists = nextCode(tokens, not + 1);
    if (isWord(tokens[not], "NOT") && isWord(tokens[exists], "EXISTS")) i = nextCode(tokens, exists + 1);
  }
  return { afterIndex, name: named ? (tokens[i] ?? null) : null };
}

/** The first token at or after `i` that is not a comment (`tokens.length` when none is). */
function nextCode(tokens: readonly Lexeme[], i: number): number {
  while (i < tokens.length && tokens[i]!.comment) i++;
  return i;
}

function names(list: Node[] | undefined): string | null {
  if (!list || list.length === 0) return null;
  return list.map((n) => ("String" in n ? (n.String.sval ?? "") : "")).join(".");
}

/**
 * A key as PostgreSQL stores it: `ASC` is the default order, and `NULLS LAST`
 * the default for ascending keys (`NULLS FIRST` for descending ones), so
 * `a`, `a ASC` and `a ASC NULLS LAST` are one key.
 */
function canonicalKey(param: Node): Node {
  // The copy without positions is the key's own: default orders are written into it.
  const elem = ("IndexElem" in param ? strip(param.IndexElem) : {}) as IndexElem;
  if (elem.ordering === "SORTBY_ASC") elem.ordering = "SORTBY_DEFAULT";
  const descending = elem.ordering === "SORTBY_DESC";
  if ((!descending && elem.nulls_ordering === "SORTBY_NULLS_LAST") || (descending && elem.nulls_ordering === "SORTBY_NULLS_FIRST")) elem.nulls_ordering = "SORTBY_NULLS_DEFAULT";
  return { IndexElem: elem };
}

/** Parse-tree fields that hold offsets into the text (`location`, `stmt_len`, `rexpr_list_start`, …), not meaning. */
function isPositionKey(k: string): boolean {
  return k === "location" || k === "stmt_len" || k.endsWith("_location") || k.endsWith("_start") || k.endsWith("_end");
}

/** isPositionKey, asked once per field name: trees repeat a few dozen names thousands of times. */
const positionKeys = new Map<string, boolean>();

function isPositionField(k: string): boolean {
  let known = positionKeys.get(k);
  if (known === undefined) positionKeys.set(k, (known = isPositionKey(k)));
  return known;
}

/** The tree without its position fields; every such field is optional in the node types, so the type is kept. */
function stripLocations<T>(v: T): T {
  return strip(v) as T;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) {
    const out: unknown[] = [];
    for (const x of v) out.push(strip(x));
    return out;
  }
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k in v) if (!isPositionField(k)) out[k] = strip((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
