import type { SyntaxNode } from "../../python/syntax-node.js";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";
import { INDEX_CLASS_SUFFIX } from "./names.js";

/** `models.Index(...)` and the index classes of `django.contrib.postgres`, as written. */
export interface IndexSpec {
  cls: string;
  /** Null when not given (Django names it) or not readable (`unreadable` set). */
  name: string | null;
  /** Set when its name or a field name is not a literal: what Django would create is not known statically. */
  unreadable: SyntaxNode | null;
  fields: { field: string; descending: boolean }[];
  /** Positional expressions (`Lower("email")`). */
  expressions: SyntaxNode[];
  /** `condition=Q(...)`. */
  condition: SyntaxNode | null;
  include: string[];
  opclasses: string[];
  method: string;
  node: SyntaxNode;
}

export interface ConstraintSpec {
  cls: string;
  name: string | null;
  /** Set when a field name is not a literal: what Django would create is not known statically. */
  unreadable: SyntaxNode | null;
  fields: string[];
  expressions: SyntaxNode[];
  condition: SyntaxNode | null;
  include: string[];
  opclasses: string[];
  deferrable: boolean;
  /** ExclusionConstraint: `(expression, operator)` pairs and the access method. */
  exclusion: { expressions: string[]; operators: string[]; method: string } | null;
  node: SyntaxNode;
}

const METHOD: Readonly<Record<string, string>> = {
  Index: "btree",
  BTreeIndex: "btree",
  BloomIndex: "bloom",
  BrinIndex: "brin",
  GinIndex: "gin",
  GistIndex: "gist",
  HashIndex: "hash",
  SpGistIndex: "spgist",
};

export function readIndex(node: SyntaxNode, reader: ExprReader): IndexSpec | null {
  const e = reader.read(node);
  if (e.kind !== "call") return null;
  const cls = lastSegment(e.callee);
  if (!(cls in INDEX_CLASS_SUFFIX)) return null;
  const names = strict(e.kwargs.get("fields"), reader);
  const include = strict(e.kwargs.get("include"), reader);
  const opclasses = strict(e.kwargs.get("opclasses"), reader);
  const fields = (names ?? []).map((f) => (f.startsWith("-") ? { field: f.slice(1), descending: true } : { field: f, descending: false }));
  const nameNode = e.kwargs.get("name");
  const name = reader.string(nameNode);
  return {
    cls,
    name,
    unreadable: (nameNode && name === null && nameNode.type !== "none") || !names || !include || !opclasses ? node : null,
    fields,
    expressions: e.args,
    condition: e.kwargs.get("condition") ?? null,
    include: include ?? [],
    opclasses: opclasses ?? [],
    method: METHOD[cls] ?? "btree",
    node,
  };
}

/** `RangeOperators.X` as SQL (django.contrib.postgres.fields.ranges). */
const RANGE_OPERATORS: Readonly<Record<string, string>> = {
  EQUAL: "=",
  NOT_EQUAL: "<>",
  CONTAINS: "@>",
  CONTAINED_BY: "<@",
  OVERLAPS: "&&",
  FULLY_LT: "<<",
  FULLY_GT: ">>",
  NOT_LT: "&>",
  NOT_GT: "&<",
  ADJACENT_TO: "-|-",
};

export function readConstraint(node: SyntaxNode, reader: ExprReader): ConstraintSpec | null {
  const e = reader.read(node);
  if (e.kind !== "call") return null;
  const cls = lastSegment(e.callee);
  const fields = strict(e.kwargs.get("fields"), reader);
  const include = strict(e.kwargs.get("include"), reader);
  const opclasses = strict(e.kwargs.get("opclasses"), reader);
  const exprNode = e.kwargs.get("expressions");
  const exprItems = reader.items(exprNode);
  const exclusion =
    cls === "ExclusionConstraint"
      ? {
          expressions: (exprItems ?? []).map((pair) => {
            const items = reader.items(pair);
            const first = items?.[0];
            return first ? (reader.string(first) ?? first.text) : pair.text;
          }),
          operators: (exprItems ?? []).map((pair) => {
            const op = reader.items(pair)?.[1];
            return op ? (reader.string(op) ?? RANGE_OPERATORS[lastSegment(op.text)] ?? "=") : "=";
          }),
          method: (reader.string(e.kwargs.get("index_type")) ?? "gist").toLowerCase(),
        }
      : null;
  return {
    cls,
    name: reader.string(e.kwargs.get("name")),
    // An ExclusionConstraint whose expressions list cannot be read is as unknown as one whose fields cannot.
    unreadable: [fields, include, opclasses].some((x) => x === null) || (cls === "ExclusionConstraint" && exprNode !== undefined && exprItems === null) ? node : null,
    fields: fields ?? [],
    expressions: cls === "UniqueConstraint" ? e.args : [],
    condition: e.kwargs.get("condition") ?? null,
    include: include ?? [],
    opclasses: opclasses ?? [],
    deferrable: e.kwargs.has("deferrable") && e.kwargs.get("deferrable")!.type !== "none",
    exclusion,
    node,
  };
}

/** A list or tuple of strings; an absent argument is empty; null when it or an item is not a literal. */
export function strict(node: SyntaxNode | undefined, reader: ExprReader): string[] | null {
  if (!node) return [];
  const items = reader.items(node);
  if (!items) return null;
  const out: string[] = [];
  for (const item of items) {
    const s = reader.string(item);
    if (s === null) return null;
    out.push(s);
  }
  return out;
}

/**
 * `unique_together`: `("a", "b")` means one set, `[("a", "b"), ("c", "d")]`
 * several (Django's normalize_together); absent or None, none. Null when a
 * name is not a literal.
 */
export function togetherSets(node: SyntaxNode | undefined, reader: ExprReader): string[][] | null {
  if (!node || node.type === "none") return [];
  const items = reader.items(node);
  if (!items) return null;
  if (items.length === 0) return [];
  if (items.every((i) => reader.string(i) !== null)) return [items.map((i) => reader.string(i)!)];
  const sets = items.map((i) => strict(i, reader));
  return sets.every((s): s is string[] => s !== null) ? sets.filter((s) => s.length > 0) : null;
}
