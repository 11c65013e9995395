import type { SyntaxNode } from "../../python/syntax-node.js";
import { ROOT_ENV, type Evaluator } from "../../python/evaluate.js";
import type { ModuleInfo } from "../../python/scope.js";
import { truthy, type StrValue, type TemplateValue } from "../../python/values.js";
import { LIMITS, limitReached } from "../../python/limits.js";
import { keywordNameAt, plainLiteral } from "../literal.js";
import { KeywordArguments } from "./kwargs.js";

/**
 * What a migration file says, read from its syntax tree: calls keep their
 * callee and arguments as nodes (read lazily), sequences their items; leaf
 * values (strings, numbers, names bound once to a literal) come from the
 * shared static evaluator, so strings keep their source offsets.
 */
export type Expr =
  | { kind: "str"; value: StrValue | TemplateValue; node: SyntaxNode }
  | { kind: "num"; value: number; node: SyntaxNode }
  | { kind: "bool"; value: boolean; node: SyntaxNode }
  | { kind: "none"; node: SyntaxNode }
  | { kind: "seq"; items: SyntaxNode[]; node: SyntaxNode }
  | { kind: "dict"; entries: [SyntaxNode, SyntaxNode][]; node: SyntaxNode }
  | { kind: "call"; callee: string; args: SyntaxNode[]; kwargs: ReadonlyMap<string, SyntaxNode>; node: SyntaxNode }
  /** A dotted name that is not a literal (`settings.AUTH_USER_MODEL`, `models.CASCADE`). */
  | { kind: "ref"; text: string; node: SyntaxNode }
  | { kind: "other"; node: SyntaxNode };

export interface ExprReader {
  read(node: SyntaxNode): Expr;
  /** The string a node holds, when it is a known string. */
  string(node: SyntaxNode | undefined): string | null;
  /** Items of a list or tuple; a single non-sequence is not a sequence. */
  items(node: SyntaxNode | undefined): SyntaxNode[] | null;
  /**
   * Items of a list, also of lists joined with `+` where some part is not
   * known statically (`COMMON + ([...] if app_settings.SITES_ENABLED else [])`):
   * the items of the parts known, and the parts that are not.
   */
  parts(node: SyntaxNode): { items: SyntaxNode[]; unread: SyntaxNode[] };
  /** A boolean keyword value, or `fallback` when absent or not a literal. */
  bool(node: SyntaxNode | undefined, fallback: boolean): boolean;
  /** Where a budget of the reader ran out (once per place), in the order they were met: each is a `limit` finding. */
  readonly limitHits: readonly { index: number; message: string }[];
}

const SEQUENCE_CALLS = new Set(["set", "frozenset", "list", "tuple"]);

export function createExprReader(info: ModuleInfo, evaluator: Evaluator): ExprReader {
  const limitHits: { index: number; message: string }[] = [];
  const hitAt = new Set<number>();
  function read(node: SyntaxNode, depth = 0): Expr {
    switch (node.type) {
      case "parenthesized_expression": {
        const inner = node.namedChildren.find((c) => c.type !== "comment");
        return inner ? read(inner, depth) : { kind: "other", node };
      }
      case "list":
      case "tuple":
      case "expression_list":
      case "set":
        return { kind: "seq", items: node.namedChildren.filter((c) => c.type !== "comment"), node };
      case "dictionary": {
        const entries: [SyntaxNode, SyntaxNode][] = [];
        for (const pair of node.namedChildren) {
          if (pair.type !== "pair") continue;
          const k = pair.childForFieldName("key");
          const v = pair.childForFieldName("value");
          if (k && v) entries.push([k, v]);
        }
        return { kind: "dict", entries, node };
      }
      case "call": {
        const fn = node.childForFieldName("function");
        const args: SyntaxNode[] = [];
        const kwargs = new KeywordArguments();
        for (const a of node.childForFieldName("arguments")?.namedChildren ?? []) {
          if (a.type === "comment") continue;
          if (a.type === "keyword_argument") {
            const name = keywordNameAt(a, info.source);
            if (name) kwargs.add(name, a);
          } else args.push(a);
        }
        const callee = (fn?.text ?? "").replace(/\s+/g, "");
        // `set([...])`, `frozenset(...)`, `list(...)`, `tuple(...)` of a sequence written out (older makemigrations wrote
        // `unique_together=set([("a", "b")])`): its items, in the order written (Django's names do not depend on it).
        if (SEQUENCE_CALLS.has(callee) && args.length <= 1 && kwargs.size === 0 && args[0]?.type !== "list_splat") {
          const inner = args[0] ? read(args[0], depth) : null;
          if (inner === null) return { kind: "seq", items: [], node };
          if (inner.kind === "seq") return { ...inner, node };
        }
        return { kind: "call", callee, args, kwargs, node };
      }
      case "identifier": {
        // A module-level name bound once (`SQL = "..."`, `FIELDS = [...]`) stands for its value.
        const binding = info.module.bindings.get(node.text);
        if (binding?.value && binding.count === 1 && binding.mutations.length === 0) {
          if (depth < LIMITS.aliasDepth) return read(binding.value, depth + 1);
          // Not followed any further: what the name holds is unknown, and the finding says why.
          if (!hitAt.has(node.startIndex)) {
            hitAt.add(node.startIndex);
            limitHits.push({ index: node.startIndex, message: `${limitReached("aliasDepth")}: ${node.text} is not read` });
          }
        }
        return { kind: "ref", text: node.text, node };
      }
      case "attribute":
        return { kind: "ref", text: node.text.replace(/\s+/g, ""), node };
      case "binary_operator": {
        // `[...] + [...]`: one list, when both are.
        const parts = node.childForFieldName("operator")?.type === "+" ? joined(node, depth) : null;
        return parts?.unread.length === 0 ? { kind: "seq", items: parts.items, node } : { kind: "other", node };
      }
      case "conditional_expression": {
        // `[...] if EXTRA else []` on a module constant: the branch taken.
        const [a, condition, b] = node.namedChildren.filter((c) => c.type !== "comment");
        const taken = condition ? truthy(evaluator.evaluate(condition, ROOT_ENV)) : null;
        return a && b && taken !== null ? read(taken ? a : b, depth) : { kind: "other", node };
      }
      default: {
        const v = evaluator.evaluate(node, ROOT_ENV);
        switch (v.kind) {
          case "str":
          case "template":
            return { kind: "str", value: v, node };
          case "num":
            return { kind: "num", value: v.value, node };
          case "bool":
            return { kind: "bool", value: v.value, node };
          case "none":
            return { kind: "none", node };
          default:
            return { kind: "other", node };
        }
      }
    }
  }
  /** The items of the parts of `a + b + ...` that are sequences, and the parts that are not. */
  function joined(node: SyntaxNode, depth: number): { items: SyntaxNode[]; unread: SyntaxNode[] } {
    const inner = node.type === "parenthesized_expression" ? node.namedChildren.find((c) => c.type !== "comment") : undefined;
    if (inner) return joined(inner, depth);
    if (node.type === "binary_operator" && node.childForFieldName("operator")?.type === "+") {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      if (left && right) {
        const l = joined(left, depth);
        const r = joined(right, depth);
        return { items: [...l.items, ...r.items], unread: [...l.unread, ...r.unread] };
      }
    }
    const e = read(node, depth);
    return e.kind === "seq" ? { items: e.items, unread: [] } : { items: [], unread: [node] };
  }
  return {
    limitHits,
    read: (node) => read(node),
    parts: (node) => joined(node, 0),
    string(node) {
      if (!node) return null;
      const plain = plainLiteral(node);
      if (plain !== null) return plain;
      const e = read(node);
      return e.kind === "str" && e.value.kind === "str" ? e.value.text : null;
    },
    items(node) {
      if (!node) return null;
      const e = read(node);
      return e.kind === "seq" ? e.items : null;
    },
    bool(node, fallback) {
      if (!node) return fallback;
      if (node.type === "true" || node.type === "false") return node.type === "true";
      const e = read(node);
      return e.kind === "bool" ? e.value : fallback;
    },
  };
}

/** `migrations.AddField` → `AddField`. */
export function lastSegment(callee: string): string {
  return callee.slice(callee.lastIndexOf(".") + 1);
}
