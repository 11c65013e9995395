import type { SyntaxNode } from "./syntax-node.js";
import { bindPattern, extendEnv, type Env } from "./env.js";
import { evaluateAttribute, lookup } from "./bindings.js";
import { iterate } from "./builtins.js";
import { bindCall, evaluateCall, notString } from "./calls.js";
import { codeChildren, unknownFrom, type EvalContext, type EvaluatorOptions } from "./eval-context.js";
import { LIMITS, type LimitHit, type LimitName } from "./limits.js";
import { decodeStringLiteral, type LiteralPart } from "./literal.js";
import type { Binding, ModuleInfo } from "./scope.js";
import { readPlainDict } from "./plain-dict.js";
import { percentFormat } from "./string-ops.js";
import { concatStringLike, concatStrings, str, strAt, toStr, truthy, unknown, type DictValue, type StrValue, type TemplateValue, type UnknownValue, type Value } from "./values.js";

export { bindPattern, extendEnv, lastName, ROOT_ENV, type Env } from "./env.js";
export type { EvaluatorOptions, ImportResolver } from "./eval-context.js";

export interface Evaluator {
  evaluate(node: SyntaxNode, env: Env): Value;
  /** Values of an iterable expression (a `for` loop's or a comprehension's). */
  iterate(node: SyntaxNode, env: Env): Value[] | UnknownValue;
  /** Binds a function's parameters to a call's arguments; `defaults` reads a default value (by default this evaluator, at module level). */
  bindCall(fn: SyntaxNode, call: SyntaxNode, env: Env, defaults?: (node: SyntaxNode) => Value): Map<string, Value>;
  /** String literal nodes read so far (their ids). */
  readonly consumed: ReadonlySet<number>;
  /** Budgets that ran out, where (one entry per limit and place, in the order hit). */
  readonly limitHits: readonly LimitHit[];
}

/**
 * Static evaluation of Python expressions of one file: this part reads
 * literals and operators; names (bindings.ts), calls (calls.ts), iterables
 * (builtins.ts) and string operations (string-ops.ts) are the other parts,
 * sharing one EvalContext.
 */
export function createEvaluator(info: ModuleInfo, options: EvaluatorOptions): Evaluator {
  const consumed = new Set<number>();
  // A literal is read again for every call site and loop turn it is evaluated for; its pieces do not change.
  const literals = new Map<SyntaxNode, LiteralPart[]>();
  let steps = 0;
  let depth = 0;
  const limitHits: LimitHit[] = [];
  const hitKeys = new Set<string>();
  const cx: EvalContext = {
    info,
    options,
    evaluate,
    iterate: (node, env) => iterate(cx, node, env),
    hit,
    stringLike,
    moduleCache: new Map<Binding, Value>(),
    functionCache: new WeakMap<Env, Map<Binding, Value>>(),
    inProgress: new Set<Binding>(),
  };

  /** Records a budget that ran out at `node` (at the call site, inside a helper expanded for one); the value is unknown. */
  function hit(limit: LimitName, node: SyntaxNode, env: Env | null, reason: string): UnknownValue {
    record(limit, node, env);
    return { kind: "unknown", node, reason: `${reason} (limit ${limit}, ${LIMITS[limit]})`, limit };
  }

  function record(limit: LimitName, node: SyntaxNode, env: Env | null): void {
    // The step budget is per file: once spent, every later evaluation stops; one finding says so.
    const index = env?.remap ?? node.startIndex;
    const key = limit === "steps" ? limit : `${limit}:${index}`;
    if (hitKeys.has(key)) return;
    hitKeys.add(key);
    limitHits.push({ limit, index, where: "expression" });
  }

  function evaluate(node: SyntaxNode, env: Env): Value {
    // An expression another module wrote (an item of a list a helper was given) is read by that module's evaluator, never by this one's scopes and text.
    if (node.tree !== info.root.tree) return unknown(node, "written in another module");
    if (++steps > LIMITS.steps) {
      return hit("steps", node, env, "too complex to evaluate statically");
    }
    if (depth > LIMITS.depth) {
      return hit("depth", node, env, "nested too deeply to evaluate statically");
    }
    depth++;
    try {
      return checkSize(node, env, evaluateNode(node, env));
    } finally {
      depth--;
    }
  }

  function checkSize(node: SyntaxNode, env: Env, v: Value): Value {
    // Long strings are charged to the step budget (one step per 64 characters): `B = A + A`,
    // `C = B + B`, … builds a megabyte per step, and 2,000,000 such steps took seconds.
    if (v.kind === "str") steps += v.text.length >> 6;
    if (v.kind === "str" && v.text.length > LIMITS.stringLength) {
      return hit("stringLength", node, env, "string too long to evaluate statically");
    }
    if (v.kind === "list" && v.items.length > LIMITS.listItems) {
      return hit("listItems", node, env, "list too long to evaluate statically");
    }
    return v;
  }

  function evaluateNode(node: SyntaxNode, env: Env): Value {
    switch (node.type) {
      case "string":
        return evaluateString(node, env);
      case "concatenated_string":
        consumed.add(node.id);
        return stringLike(node, codeChildren(node).map((c) => evaluate(c, env)));
      case "parenthesized_expression": {
        const inner = node.firstNamedChild;
        return inner ? evaluate(inner, env) : unknown(node, "empty expression");
      }
      case "integer": {
        const t = node.text.replace(/_/g, "");
        const value = Number(t.toLowerCase().startsWith("0o") ? parseInt(t.slice(2), 8) : t);
        return Number.isFinite(value) ? { kind: "num", value, text: String(value) } : unknown(node, "number");
      }
      case "float": {
        const value = Number(node.text.replace(/_/g, ""));
        return Number.isFinite(value) ? { kind: "num", value, text: node.text } : unknown(node, "number");
      }
      case "true":
        return { kind: "bool", value: true };
      case "false":
        return { kind: "bool", value: false };
      case "none":
        return { kind: "none" };
      case "unary_operator": {
        const arg = node.childForFieldName("argument");
        const op = node.childForFieldName("operator")?.text;
        const v = arg ? evaluate(arg, env) : null;
        if (v?.kind === "num" && op === "-") return { kind: "num", value: -v.value, text: "-" + v.text };
        if (v?.kind === "num" && op === "+") return v;
        return unknown(node, "unsupported operator");
      }
      case "list":
      case "tuple":
      case "expression_list":
      case "set":
        return evaluateSequence(node, env);
      case "dictionary":
        return evaluateDict(node, env);
      case "binary_operator":
        return evaluateBinary(node, env);
      case "call":
        return evaluateCall(cx, node, env);
      case "identifier":
        return lookup(cx, node, env);
      case "conditional_expression": {
        const [a, cond, b] = codeChildren(node);
        if (!a || !cond || !b) return unknown(node, "incomplete expression");
        const t = truthy(evaluate(cond, env));
        if (t === null) return unknown(node, "condition not known statically");
        return evaluate(t ? a : b, env);
      }
      case "not_operator": {
        const arg = node.childForFieldName("argument");
        const t = arg ? truthy(evaluate(arg, env)) : null;
        return t === null ? unknown(node, "condition not known statically") : { kind: "bool", value: !t };
      }
      case "boolean_operator": {
        const left = node.childForFieldName("left");
        const right = node.childForFieldName("right");
        const op = node.childForFieldName("operator")?.text;
        if (!left || !right) return unknown(node, "incomplete expression");
        const l = evaluate(left, env);
        const t = truthy(l);
        if (t === null) return unknown(node, "condition not known statically");
        if (op === "and") return t ? evaluate(right, env) : l;
        return t ? l : evaluate(right, env);
      }
      case "comparison_operator":
        return evaluateComparison(node, env);
      case "attribute":
        return evaluateAttribute(cx, node, env);
      case "subscript":
        return evaluateSubscript(node, env);
      case "list_comprehension":
      case "generator_expression":
      case "set_comprehension":
      case "dictionary_comprehension":
        return evaluateComprehension(node, env);
      default:
        return unknown(node, `${node.type.replace(/_/g, " ")} is not evaluated statically`);
    }
  }

  function stringLike(node: SyntaxNode, values: Value[]): Value {
    const parts: (StrValue | TemplateValue | UnknownValue)[] = [];
    for (const v of values) {
      if (v.kind === "str" || v.kind === "template" || v.kind === "unknown") parts.push(v);
      else return unknown(node, "not a string");
    }
    return concatStringLike(parts);
  }

  function evaluateString(node: SyntaxNode, env: Env): Value {
    let decoded = literals.get(node);
    if (!decoded) {
      consumed.add(node.id);
      decoded = decodeStringLiteral(node, info.source);
      literals.set(node, decoded);
    }
    const parts: Value[] = [];
    for (const part of decoded) {
      if (part.kind === "str") parts.push(env.remap === null ? part : strAt(part.text, env.remap));
      else parts.push(evaluateInterpolation(part.node, env));
    }
    if (parts.length === 0) return str("", []);
    return stringLike(node, parts);
  }

  function evaluateInterpolation(node: SyntaxNode, env: Env): Value {
    const children = node.namedChildren;
    const expr = children.find((c) => c.type !== "type_conversion" && c.type !== "format_specifier");
    if (!expr) return unknown(node, "empty placeholder");
    const spec = children.find((c) => c.type === "format_specifier");
    const conversion = children.find((c) => c.type === "type_conversion")?.text;
    // `{x=}` prints the expression too; a format spec changes the text: neither is followed.
    if ((spec && spec.text !== ":") || node.text.replace(/\s+/g, "").endsWith("=}")) return unknown(node, "formatted placeholder");
    const v = evaluate(expr, env);
    if (v.kind === "unknown" || v.kind === "template") return v;
    const at = env.remap ?? expr.startIndex;
    const s = toStr(v, at);
    if (!s) return unknown(node, "placeholder is not a string");
    if (conversion === "!r" || conversion === "!a") return v.kind === "str" ? concatStrings([strAt("'", at), s, strAt("'", at)]) : s;
    return s;
  }

  function evaluateSequence(node: SyntaxNode, env: Env): Value {
    const items: Value[] = [];
    const itemNodes: (SyntaxNode | null)[] = [];
    const children = node.namedChildren;
    // A registry entry asks for its list (the parent) later.
    info.noteChildren(node, children);
    for (const child of children) {
      if (child.type === "comment") continue;
      if (child.type === "list_splat") {
        const inner = child.firstNamedChild;
        const v = inner ? evaluate(inner, env) : null;
        if (v?.kind !== "list") return unknown(node, "unpacked value is not known statically");
        items.push(...v.items);
        itemNodes.push(...v.itemNodes);
        continue;
      }
      items.push(evaluate(child, env));
      itemNodes.push(child);
    }
    return { kind: "list", items, itemNodes };
  }

  function evaluateDict(node: SyntaxNode, env: Env): Value {
    // A dict evaluated for a helper's call site (remap) stands at that call, which only the tree path places it at.
    if (options.plainDicts && env.remap === null) {
      // Read from the text when every key and value is a plain constant, and the budgets would not run out reading them one by one.
      const plain = readPlainDict(info.source, node.startIndex, node.endIndex);
      if (plain && steps + plain.steps <= LIMITS.steps && depth <= LIMITS.depth) {
        steps += plain.steps;
        return { kind: "dict", entries: plain.entries, node };
      }
    }
    const entries: DictValue["entries"] = [];
    for (const child of node.namedChildren) {
      if (child.type === "pair") {
        const k = child.childForFieldName("key");
        const v = child.childForFieldName("value");
        if (!k || !v) continue;
        // An index in a registry entry's value asks for its pair (the parent) later.
        info.noteChildren(child, [v]);
        entries.push({ key: evaluate(k, env), value: evaluate(v, env) });
      } else if (child.type === "dictionary_splat") {
        const inner = child.firstNamedChild;
        const v = inner ? evaluate(inner, env) : null;
        if (v?.kind !== "dict") return unknown(node, "unpacked value is not known statically");
        entries.push(...v.entries);
      }
    }
    return { kind: "dict", entries, node };
  }

  function evaluateBinary(node: SyntaxNode, env: Env): Value {
    const left = node.childForFieldName("left");
    const right = node.childForFieldName("right");
    const op = node.childForFieldName("operator")?.text;
    if (!left || !right) return unknown(node, "incomplete expression");
    if (op === "+") {
      const l = evaluate(left, env);
      const r = evaluate(right, env);
      if (l.kind === "list" && r.kind === "list")
        return { kind: "list", items: [...l.items, ...r.items], itemNodes: [...l.itemNodes, ...r.itemNodes] };
      if (l.kind === "num" && r.kind === "num") return { kind: "num", value: l.value + r.value, text: String(l.value + r.value) };
      return stringLike(node, [l, r]);
    }
    if (op === "%") {
      const l = evaluate(left, env);
      if (l.kind !== "str") return l.kind === "num" ? unknown(node, "arithmetic") : unknownFrom(node, l);
      const formatted = percentFormat(l, evaluate(right, env), () => notString(cx));
      return "reason" in formatted ? unknown(node, formatted.reason) : stringLike(node, formatted.parts);
    }
    return unknown(node, `operator ${op ?? "?"} is not evaluated statically`);
  }

  function evaluateComparison(node: SyntaxNode, env: Env): Value {
    const operands = codeChildren(node);
    const op = node.children.filter((c) => !c.isNamed).map((c) => c.text).join(" ");
    if (operands.length !== 2 || !COMPARISONS.has(op)) return unknown(node, "comparison");
    const a = evaluate(operands[0]!, env);
    const b = evaluate(operands[1]!, env);
    if (ORDERINGS.has(op)) {
      if (a.kind !== "num" || b.kind !== "num") return unknown(node, "comparison not known statically");
      return { kind: "bool", value: op === "<" ? a.value < b.value : op === "<=" ? a.value <= b.value : op === ">" ? a.value > b.value : a.value >= b.value };
    }
    const answer = op === "in" || op === "not in" ? contains(b, a) : op === "is" || op === "is not" ? isNone(a, b) : sameScalar(a, b);
    if (answer === null) return unknown(node, "comparison not known statically");
    return { kind: "bool", value: answer === (op === "==" || op === "in" || op === "is") };
  }

  function evaluateSubscript(node: SyntaxNode, env: Env): Value {
    const valueNode = node.childForFieldName("value");
    const subs = node.childrenForFieldName("subscript");
    if (!valueNode || subs.length !== 1) return unknown(node, "subscript");
    const v = evaluate(valueNode, env);
    const k = evaluate(subs[0]!, env);
    if (v.kind === "dict") {
      const keyText = k.kind === "str" ? k.text : null;
      for (let i = v.entries.length - 1; i >= 0; i--) {
        const e = v.entries[i]!;
        if (keyText !== null && e.key.kind === "str" && e.key.text === keyText) return e.value;
      }
      return unknown(node, "key not found statically");
    }
    if (v.kind === "list" && k.kind === "num" && Number.isInteger(k.value)) {
      const i = k.value < 0 ? v.items.length + k.value : k.value;
      return v.items[i] ?? unknown(node, "index out of range");
    }
    return unknown(node, "subscript not known statically");
  }

  function evaluateComprehension(node: SyntaxNode, env: Env): Value {
    const body = node.childForFieldName("body") ?? node.firstNamedChild;
    if (!body) return unknown(node, "comprehension");
    const clauses = node.namedChildren.filter((c) => c.type === "for_in_clause" || c.type === "if_clause");
    const items: Value[] = [];
    const itemNodes: (SyntaxNode | null)[] = [];
    // `{f"ix_{c}": [c] for c in COLUMNS}`: its pairs, a key given again keeping its first place, as a dict does.
    const entries: DictValue["entries"] = [];
    const run = (k: number, e: Env): UnknownValue | null => {
      if (items.length + entries.length > LIMITS.listItems) return hit("listItems", node, e, "too many items");
      const clause = clauses[k];
      if (!clause && body.type === "pair") {
        const key = body.childForFieldName("key");
        const value = body.childForFieldName("value");
        if (!key || !value) return unknown(node, "comprehension");
        const entry = { key: evaluate(key, e), value: evaluate(value, e) };
        const same = entries.findIndex((x) => x.key.kind === "str" && entry.key.kind === "str" && x.key.text === entry.key.text);
        if (same >= 0) entries[same] = entry;
        else entries.push(entry);
        return null;
      }
      if (!clause) {
        items.push(evaluate(body, e));
        itemNodes.push(body);
        return null;
      }
      if (clause.type === "if_clause") {
        const cond = clause.firstNamedChild;
        const t = cond ? truthy(evaluate(cond, e)) : null;
        if (t === null) return unknown(node, "filter not known statically");
        return t ? run(k + 1, e) : null;
      }
      const left = clause.childForFieldName("left");
      const right = clause.childForFieldName("right");
      if (!left || !right) return unknown(node, "comprehension");
      const values = cx.iterate(right, e);
      if (!Array.isArray(values)) return values;
      for (const value of values) {
        const vars = new Map<string, Value>();
        if (!bindPattern(left, value, vars)) return unknown(left, "cannot unpack statically");
        const failed = run(k + 1, extendEnv(e, vars));
        if (failed) return failed;
      }
      return null;
    };
    const failed = run(0, env);
    if (failed) return failed;
    return body.type === "pair" ? { kind: "dict", entries, node: null } : { kind: "list", items, itemNodes };
  }

  return {
    evaluate,
    iterate: (node, env) => cx.iterate(node, env),
    bindCall: (fn, call, env, defaults) => bindCall(cx, fn, call, env, defaults),
    get consumed() {
      return consumed;
    },
    get limitHits() {
      return limitHits;
    },
  };
}

const ORDERINGS = new Set(["<", "<=", ">", ">="]);
const COMPARISONS = new Set(["==", "!=", "in", "not in", "is", "is not", ...ORDERINGS]);

/** A string, number, Boolean or None as one comparable key; null for anything else. */
function scalarKey(v: Value): string | null {
  return v.kind === "str" ? `s:${v.text}` : v.kind === "num" ? `n:${v.value}` : v.kind === "bool" ? `b:${String(v.value)}` : v.kind === "none" ? "none" : null;
}

function sameScalar(a: Value, b: Value): boolean | null {
  const ka = scalarKey(a);
  const kb = scalarKey(b);
  return ka === null || kb === null ? null : ka === kb;
}

/** `x is None` (either side None): known when the other side is known. */
function isNone(a: Value, b: Value): boolean | null {
  const other = a.kind === "none" ? b : b.kind === "none" ? a : null;
  if (!other || other.kind === "unknown" || other.kind === "template") return null;
  return other.kind === "none";
}

/** `needle in haystack` for a list, tuple or set, a dict's keys, or a substring; null when an item that could match is not known. */
function contains(haystack: Value, needle: Value): boolean | null {
  const key = scalarKey(needle);
  if (key === null) return null;
  if (haystack.kind === "str") return needle.kind === "str" ? haystack.text.includes(needle.text) : null;
  const items = haystack.kind === "list" ? haystack.items : haystack.kind === "dict" ? haystack.entries.map((e) => e.key) : null;
  if (!items) return null;
  const keys = items.map(scalarKey);
  if (keys.includes(key)) return true;
  return keys.includes(null) ? null : false;
}
