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
  const slice = (a: number, b: number): string => text.slice(toIndex(a), toIndex(b));
  const rel = node.relation ?? {};
  const relLoc = base + (rel.location ?? 0);
  const params = (node.indexParams ?? []).map((p) => ("IndexElem" in p ? p.IndexElem : {}));
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
  const keys: IndexKey[] = params.map((p, k) => ({
    text: keyTexts[k] ?? p.name ?? "",
    column: p.name ?? null,
    opclass: names(p.opclass),
    collation: names(p.collation),
    order: p.ordering === "SORTBY_ASC" ? "asc" : p.ordering === "SORTBY_DESC" ? "desc" : null,
    nulls: p.nulls_ordering === "SORTBY_NULLS_FIRST" ? "first" : p.nulls_ordering === "SORTBY_NULLS_LAST" ? "last" : null,
  }));
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
    where: node.whereClause ? whereText(own, after, slice) : null,
    nullsNotDistinct: shape.nullsNotDistinct,
    tablespace: node.tableSpace ?? null,
    shape,
    definition: JSON.stringify(shape),
  };
}

function shapeOf(node: IndexStmt, schema: string | null, table: string): IndexShape {
  return {
    table: `${schema ?? "public"}.${table}`,
    unique: node.unique === true,
    method: (node.accessMethod ?? "btree").toLowerCase(),
    keys: (node.indexParams ?? []).map(canonicalKey),
    include: stripLocations(node.indexIncludingParams ?? []),
    where: node.whereClause ? stripLocations(node.whereClause) : null,
    nullsNotDistinct: node.nulls_not_distinct === true,
    with: stripLocations(node.options ?? []),
  };
}

/** The predicate as written: everything after the top-level WHERE that follows the keys. */
function whereText(own: readonly Lexeme[], after: number, slice: (a: number, b: number) => string): string | null {
  const last = own[own.length - 1];
  let depth = 0;
  for (let i = after; i < own.length; i++) {
    const t = own[i];
    if (!t) break;
    if (t.text === "(") depth++;
    else if (t.text === ")") depth--;
    else if (depth === 0 && isWord(t, "WHERE")) {
      const first = own[i + 1];
      if (first && last) return slice(first.start, last.end);
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
  const own = tokens.filter((t) => !t.comment);
  let i = own.findIndex((t) => isWord(t, "INDEX")) + 1;
  const afterIndex = own[i];
  if (i === 0 || !afterIndex) return null;
  if (isWord(own[i], "CONCURRENTLY")) i++;
  if (isWord(own[i], "IF") && isWord(own[i + 1], "NOT") && isWord(own[i + 2], "EXISTS")) i += 3;
  return { afterIndex, name: named ? (own[i] ?? null) : null };
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
  const elem: IndexElem = "IndexElem" in param ? { ...param.IndexElem } : {};
  if (elem.ordering === "SORTBY_ASC") elem.ordering = "SORTBY_DEFAULT";
  const descending = elem.ordering === "SORTBY_DESC";
  if ((!descending && elem.nulls_ordering === "SORTBY_NULLS_LAST") || (descending && elem.nulls_ordering === "SORTBY_NULLS_FIRST")) elem.nulls_ordering = "SORTBY_NULLS_DEFAULT";
  return stripLocations({ IndexElem: elem });
}

/** Parse-tree fields that hold offsets into the text (`location`, `stmt_len`, `rexpr_list_start`, …), not meaning. */
function isPositionKey(k: string): boolean {
  return k === "location" || k === "stmt_len" || k.endsWith("_location") || k.endsWith("_start") || k.endsWith("_end");
}

/** The tree without its position fields; every such field is optional in the node types, so the type is kept. */
function stripLocations<T>(v: T): T {
  return strip(v) as T;
}

function strip(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(strip);
  if (v && typeof v === "object") {
    const out: Record<string, unknown> = {};
    for (const k in v) if (!isPositionKey(k)) out[k] = strip((v as Record<string, unknown>)[k]);
    return out;
  }
  return v;
}
