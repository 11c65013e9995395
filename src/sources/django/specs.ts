import type { SyntaxNode } from "tree-sitter";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";
import { INDEX_CLASS_SUFFIX } from "./names.js";

/** `models.Index(...)` and the index classes of `django.contrib.postgres`, as written. */
export interface IndexSpec {
  cls: string;
  /** Null when not given (Django names it) or not readable (`nameNode` set). */
  name: string | null;
  /** The `name=` argument when it is not a string literal Django's name could be read from. */
  unreadableName: SyntaxNode | null;
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
  const fields = strings(e.kwargs.get("fields"), reader).map((f) => (f.startsWith("-") ? { field: f.slice(1), descending: true } : { field: f, descending: false }));
  const nameNode = e.kwargs.get("name");
  const name = reader.string(nameNode);
  return {
    cls,
    name,
    unreadableName: nameNode && name === null && nameNode.type !== "none" ? nameNode : null,
    fields,
    expressions: e.args,
    condition: e.kwargs.get("condition") ?? null,
    include: strings(e.kwargs.get("include"), reader),
    opclasses: strings(e.kwargs.get("opclasses"), reader),
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
  const exclusion =
    cls === "ExclusionConstraint"
      ? {
          expressions: (reader.items(e.kwargs.get("expressions")) ?? []).map((pair) => {
            const items = reader.items(pair);
            const first = items?.[0];
            return first ? (reader.string(first) ?? first.text) : pair.text;
          }),
          operators: (reader.items(e.kwargs.get("expressions")) ?? []).map((pair) => {
            const op = reader.items(pair)?.[1];
            return op ? (reader.string(op) ?? RANGE_OPERATORS[lastSegment(op.text)] ?? "=") : "=";
          }),
          method: (reader.string(e.kwargs.get("index_type")) ?? "gist").toLowerCase(),
        }
      : null;
  return {
    cls,
    name: reader.string(e.kwargs.get("name")),
    fields: strings(e.kwargs.get("fields"), reader),
    expressions: cls === "UniqueConstraint" ? e.args : [],
    condition: e.kwargs.get("condition") ?? null,
    include: strings(e.kwargs.get("include"), reader),
    opclasses: strings(e.kwargs.get("opclasses"), reader),
    deferrable: e.kwargs.has("deferrable") && e.kwargs.get("deferrable")!.type !== "none",
    exclusion,
    node,
  };
}

/** A list or tuple of strings (unreadable items are left out). */
export function strings(node: SyntaxNode | undefined, reader: ExprReader): string[] {
  const out: string[] = [];
  for (const item of reader.items(node) ?? []) {
    const s = reader.string(item);
    if (s !== null) out.push(s);
  }
  return out;
}

/** `unique_together`: `("a", "b")` means one set, `[("a", "b"), ("c", "d")]` several (Django's normalize_together). */
export function togetherSets(node: SyntaxNode | undefined, reader: ExprReader): string[][] {
  const items = reader.items(node);
  if (!items || items.length === 0) return [];
  if (items.every((i) => reader.string(i) !== null)) return [items.map((i) => reader.string(i)!)];
  return items.map((i) => strings(i, reader)).filter((s) => s.length > 0);
}
