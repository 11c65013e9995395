import type { SyntaxNode } from "./syntax-node.js";
import type { Env } from "./env.js";
import { unknownFrom, type EvalContext } from "./eval-context.js";
import { LIMITS } from "./limits.js";
import { unknown, type ListValue, type UnknownValue, type Value } from "./values.js";

/**
 * The values an iterable expression yields (a `for` loop's or a
 * comprehension's): `dict.items()` / `.keys()` / `.values()`, `enumerate()`,
 * `zip()`, `sorted()`, `list()`, `tuple()`, `range()` over known values, and
 * lists and dicts themselves.
 */
export function iterate(cx: EvalContext, node: SyntaxNode, env: Env): Value[] | UnknownValue {
  if (node.type === "call") {
    const fn = node.childForFieldName("function");
    const args = node.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
    if (fn?.type === "attribute" && args.length === 0) {
      const method = fn.childForFieldName("attribute")?.text;
      const obj = fn.childForFieldName("object");
      if (obj && (method === "items" || method === "keys" || method === "values")) {
        const d = cx.evaluate(obj, env);
        if (d.kind !== "dict") return unknownFrom(node, d);
        return d.entries.map((e) =>
          method === "keys" ? e.key : method === "values" ? e.value : { kind: "list", items: [e.key, e.value], itemNodes: [null, null] },
        );
      }
    }
    if (fn?.type === "identifier" && fn.text === "enumerate" && (args.length === 1 || args.length === 2)) {
      // `enumerate(xs, 1)` or `enumerate(xs, start=1)`.
      const startArg = args[1]?.type === "keyword_argument" ? (args[1].childForFieldName("name")?.text === "start" ? args[1].childForFieldName("value") : null) : args[1];
      const start = startArg ? cx.evaluate(startArg, env) : { kind: "num" as const, value: 0, text: "0" };
      if (start.kind !== "num" || !Number.isInteger(start.value)) return unknown(node, "enumerate() start not known statically");
      const inner = cx.iterate(args[0]!, env);
      if (!Array.isArray(inner)) return inner;
      return inner.map((v, i) => ({ kind: "list", items: [{ kind: "num", value: start.value + i, text: String(start.value + i) }, v], itemNodes: [null, null] }));
    }
    if (fn?.type === "identifier" && (fn.text === "sorted" || fn.text === "list" || fn.text === "tuple") && args.length === 1) {
      const inner = cx.iterate(args[0]!, env);
      if (!Array.isArray(inner) || fn.text !== "sorted") return inner;
      if (!inner.every((v) => v.kind === "str")) return unknown(node, "sorted() of non-strings");
      return [...inner].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
    }
    if (fn?.type === "identifier" && fn.text === "zip" && args.length >= 1) {
      const lists = args.map((a) => cx.iterate(a, env));
      const bad = lists.find((l) => !Array.isArray(l));
      if (bad && !Array.isArray(bad)) return bad;
      const arrays = lists.filter((l) => Array.isArray(l));
      const n = Math.min(...arrays.map((a) => a.length));
      return Array.from({ length: n }, (_, i): ListValue => ({ kind: "list", items: arrays.map((a) => a[i]!), itemNodes: arrays.map(() => null) }));
    }
    if (fn?.type === "identifier" && fn.text === "range" && args.length >= 1 && args.length <= 3) return range(cx, node, args, env);
  }
  const v = cx.evaluate(node, env);
  if (v.kind === "list") return v.items;
  if (v.kind === "dict") return v.entries.map((e) => e.key);
  return unknownFrom(node, v);
}

function range(cx: EvalContext, node: SyntaxNode, args: readonly SyntaxNode[], env: Env): Value[] | UnknownValue {
  const nums = args.map((a) => cx.evaluate(a, env));
  if (!nums.every((n) => n.kind === "num" && Number.isInteger(n.value))) return unknown(node, "range() bounds not known statically");
  const [a, b, s] = nums.map((n) => (n as { value: number }).value);
  const [start, stop, step] = args.length === 1 ? [0, a!, 1] : [a!, b!, s ?? 1];
  if (step === 0) return unknown(node, "range() step is zero");
  const count = Math.max(0, Math.ceil((stop - start) / step));
  if (count > LIMITS.range) return cx.hit("range", node, env, "range() too long to unroll");
  return Array.from({ length: count }, (_, i) => ({ kind: "num", value: start + i * step, text: String(start + i * step) }));
}
