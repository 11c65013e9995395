import type { SyntaxNode } from "tree-sitter";
import { decodeStringLiteral } from "./literal.js";
import { LIMITS, type LimitHit, type LimitName } from "./limits.js";
import { scopeOf, paramNames, type ModuleInfo, type Scope, type Binding, type ImportedName } from "./scope.js";
import { unknownBindingReason } from "./reasons.js";
import {
  concatStringLike,
  concatStrings,
  firstUnknown,
  relocate,
  str,
  strAt,
  toStr,
  truthy,
  unknown,
  type DictValue,
  type StrValue,
  type TemplateValue,
  type UnknownValue,
  type Value,
} from "./values.js";


/** Loop variables and parameters in force where an expression is evaluated. */
export interface Env {
  vars: ReadonlyMap<string, Value>;
  parent: Env | null;
  /**
   * Inside a function evaluated for one call site: literals of the function
   * body are reported at the call site (the index is defined there).
   */
  remap: number | null;
}

export const ROOT_ENV: Env = { vars: new Map(), parent: null, remap: null };

export function extendEnv(env: Env, vars: ReadonlyMap<string, Value>, remap: number | null = env.remap): Env {
  return { vars, parent: env, remap };
}

export interface EvaluatorOptions {
  /** Calls that return their first argument unchanged (`text`, `DDL`, `sql.SQL`). */
  wrappers: ReadonlySet<string>;
  /** Values of names imported from other modules of the project; null or a reason when not known. */
  imports?: ImportResolver;
}

/**
 * Looks up `NAME` of `from pkg.mod import NAME` in the project's own modules;
 * with `attribute`, `NAME.attribute` (`config.SCHEMA` after `from app import config`).
 */
export type ImportResolver = (imported: ImportedName, attribute?: string) => { value: Value } | { reason: string } | null;

export interface Evaluator {
  evaluate(node: SyntaxNode, env: Env): Value;
  /** Values of an iterable expression (a `for` loop's or a comprehension's). */
  iterate(node: SyntaxNode, env: Env): Value[] | UnknownValue;
  /** Binds a function's parameters to a call's arguments. */
  bindCall(fn: SyntaxNode, call: SyntaxNode, env: Env): Map<string, Value>;
  /** String literal nodes read so far (their ids). */
  readonly consumed: ReadonlySet<number>;
  /** Budgets that ran out, where (one entry per limit and place, in the order hit). */
  readonly limitHits: readonly LimitHit[];
}

const DEDENT_NAMES = new Set(["dedent", "textwrap.dedent", "inspect.cleandoc", "cleandoc"]);

/** psycopg's composable identifier (`sql.Identifier`, `psycopg2.sql.Identifier`, or imported bare). */
const PSYCOPG_IDENTIFIER = /^(?:(?:psycopg2?\.)?sql\.)?Identifier$/;

export function createEvaluator(info: ModuleInfo, options: EvaluatorOptions): Evaluator {
  const consumed = new Set<number>();
  const moduleCache = new Map<Binding, Value>();
  const functionCache = new WeakMap<Env, Map<Binding, Value>>();
  const inProgress = new Set<Binding>();
  let steps = 0;
  let depth = 0;
  const limitHits: LimitHit[] = [];
  const hitKeys = new Set<string>();

  /** Records a budget that ran out at `node` (at the call site, inside a helper expanded for one); the value is unknown. */
  function hit(limit: LimitName, node: SyntaxNode, env: Env | null, reason: string): UnknownValue {
    record(limit, node, env);
    return { kind: "unknown", node, reason: `${reason} (limit ${limit}, ${LIMITS[limit]})`, limit };
  }

  function record(limit: LimitName, node: SyntaxNode, env: Env | null): void {
    // The step budget is per file: once spent, every later evaluation stops; one finding says so.
    const index = limit === "steps" ? -1 : (env?.remap ?? node.startIndex);
    const key = `${limit}:${index}`;
    if (hitKeys.has(key)) return;
    hitKeys.add(key);
    limitHits.push({ limit, index: limit === "steps" ? (env?.remap ?? node.startIndex) : index, where: "expression" });
  }

  function evaluate(node: SyntaxNode, env: Env): Value {
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
        return evaluateCall(node, env);
      case "identifier":
        return lookup(node, env);
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
        return evaluateAttribute(node, env);
      case "subscript":
        return evaluateSubscript(node, env);
      case "list_comprehension":
      case "generator_expression":
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
    consumed.add(node.id);
    const parts: Value[] = [];
    for (const part of decodeStringLiteral(node, info.source)) {
      if (part.kind === "str") parts.push(env.remap === null ? part : strAt(part.text, env.remap));
      else parts.push(evaluateInterpolation(part.node, env));
    }
    if (parts.length === 0) return str("", []);
    return stringLike(node, parts);
  }

  function evaluateInterpolation(node: SyntaxNode, env: Env): Value {
    const expr = node.namedChildren.find((c) => c.type !== "type_conversion" && c.type !== "format_specifier");
    if (!expr) return unknown(node, "empty placeholder");
    const spec = node.namedChildren.find((c) => c.type === "format_specifier");
    const conversion = node.namedChildren.find((c) => c.type === "type_conversion")?.text;
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
    for (const child of node.namedChildren) {
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
    const entries: DictValue["entries"] = [];
    for (const child of node.namedChildren) {
      if (child.type === "pair") {
        const k = child.childForFieldName("key");
        const v = child.childForFieldName("value");
        if (!k || !v) continue;
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
      return percentFormat(node, l, evaluate(right, env));
    }
    return unknown(node, `operator ${op ?? "?"} is not evaluated statically`);
  }

  function evaluateComparison(node: SyntaxNode, env: Env): Value {
    const operands = codeChildren(node);
    const ops = node.children.filter((c) => !c.isNamed).map((c) => c.text);
    if (operands.length !== 2 || ops.length !== 1 || (ops[0] !== "==" && ops[0] !== "!=")) return unknown(node, "comparison");
    const a = evaluate(operands[0]!, env);
    const b = evaluate(operands[1]!, env);
    const key = (v: Value): string | null =>
      v.kind === "str" ? "s:" + v.text : v.kind === "num" ? `n:${v.value}` : v.kind === "bool" ? `b:${String(v.value)}` : v.kind === "none" ? "none" : null;
    const ka = key(a);
    const kb = key(b);
    if (ka === null || kb === null) return unknown(node, "comparison not known statically");
    return { kind: "bool", value: (ka === kb) === (ops[0] === "==") };
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
    const run = (k: number, e: Env): UnknownValue | null => {
      if (items.length > LIMITS.listItems) return hit("listItems", node, e, "too many items");
      const clause = clauses[k];
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
      const values = iterate(right, e);
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
    return failed ?? { kind: "list", items, itemNodes };
  }

  function iterate(node: SyntaxNode, env: Env): Value[] | UnknownValue {
    // dict.items() / .keys() / .values(), enumerate(), zip(), range() over known values.
    if (node.type === "call") {
      const fn = node.childForFieldName("function");
      const args = node.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
      if (fn?.type === "attribute" && args.length === 0) {
        const method = fn.childForFieldName("attribute")?.text;
        const obj = fn.childForFieldName("object");
        if (obj && (method === "items" || method === "keys" || method === "values")) {
          const d = evaluate(obj, env);
          if (d.kind !== "dict") return unknownFrom(node, d);
          return d.entries.map((e) =>
            method === "keys" ? e.key : method === "values" ? e.value : { kind: "list", items: [e.key, e.value], itemNodes: [null, null] },
          );
        }
      }
      if (fn?.type === "identifier" && fn.text === "enumerate" && args.length === 1) {
        const inner = iterate(args[0]!, env);
        if (!Array.isArray(inner)) return inner;
        return inner.map((v, i) => ({ kind: "list", items: [{ kind: "num", value: i, text: String(i) }, v], itemNodes: [null, null] }));
      }
      if (fn?.type === "identifier" && (fn.text === "sorted" || fn.text === "list" || fn.text === "tuple") && args.length === 1) {
        const inner = iterate(args[0]!, env);
        if (!Array.isArray(inner) || fn.text !== "sorted") return inner;
        if (!inner.every((v) => v.kind === "str")) return unknown(node, "sorted() of non-strings");
        return [...inner].sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
      }
      if (fn?.type === "identifier" && fn.text === "zip" && args.length >= 1) {
        const lists = args.map((a) => iterate(a, env));
        const bad = lists.find((l) => !Array.isArray(l));
        if (bad) return bad;
        const arrays = lists as Value[][];
        const n = Math.min(...arrays.map((a) => a.length));
        return Array.from({ length: n }, (_, i) => ({ kind: "list", items: arrays.map((a) => a[i]!), itemNodes: arrays.map(() => null) }));
      }
      if (fn?.type === "identifier" && fn.text === "range" && args.length >= 1 && args.length <= 3) {
        const nums = args.map((a) => evaluate(a, env));
        if (!nums.every((n) => n.kind === "num" && Number.isInteger(n.value))) return unknown(node, "range() bounds not known statically");
        const [a, b, s] = nums.map((n) => (n as { value: number }).value);
        const [start, stop, step] = args.length === 1 ? [0, a!, 1] : [a!, b!, s ?? 1];
        if (step === 0) return unknown(node, "range() step is zero");
        const count = Math.max(0, Math.ceil((stop - start) / step));
        if (count > LIMITS.range) return hit("range", node, env, "range() too long to unroll");
        return Array.from({ length: count }, (_, i) => ({ kind: "num", value: start + i * step, text: String(start + i * step) }));
      }
    }
    const v = evaluate(node, env);
    if (v.kind === "list") return v.items;
    if (v.kind === "dict") return v.entries.map((e) => e.key);
    return unknownFrom(node, v);
  }

  function evaluateCall(node: SyntaxNode, env: Env): Value {
    const fn = node.childForFieldName("function");
    const argsNode = node.childForFieldName("arguments");
    if (!fn || !argsNode) return unknown(node, "call");
    const args = argsNode.namedChildren.filter((a) => a.type !== "comment");
    const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "list_splat" && a.type !== "dictionary_splat");
    const callee = fn.text;
    if (options.wrappers.has(callee) || options.wrappers.has(lastName(callee))) {
      return positional[0] ? evaluate(positional[0], env) : unknown(node, "call without argument");
    }
    if (DEDENT_NAMES.has(callee) && positional.length === 1) {
      const v = evaluate(positional[0]!, env);
      return v.kind === "str" ? dedent(v) : unknownFrom(node, v);
    }
    if (callee === "dict") return keywordsToDict(node, args, env);
    if (PSYCOPG_IDENTIFIER.test(callee) && positional.length > 0 && positional.length === args.length) {
      // psycopg's sql.Identifier("crm", "leads") renders "crm"."leads": quoted, so the parser keeps the case.
      const parts = positional.map((a) => evaluate(a, env));
      const strs = parts.filter((p): p is StrValue => p.kind === "str");
      if (strs.length !== parts.length) return unknownFrom(node, parts.find((p) => p.kind !== "str")!);
      const at = env.remap ?? node.startIndex;
      const pieces: StrValue[] = [];
      strs.forEach((s, k) => {
        if (k > 0) pieces.push(strAt(".", at));
        pieces.push(strAt('"', at), { kind: "str", text: s.text.replace(/"/g, '""'), offsets: s.text.includes('"') ? new Array<number>(s.text.replace(/"/g, '""').length).fill(at) : s.offsets }, strAt('"', at));
      });
      return concatStrings(pieces);
    }
    if (fn.type === "attribute") {
      const obj = fn.childForFieldName("object");
      const method = fn.childForFieldName("attribute")?.text;
      if (!obj || !method) return unknown(node, "call");
      if (method === "format") return formatCall(node, obj, args, env);
      if (method === "join" && positional.length === 1) {
        const sep = evaluate(obj, env);
        const items = iterate(positional[0]!, env);
        if (sep.kind !== "str") return unknownFrom(node, sep);
        if (!Array.isArray(items)) return items;
        const parts: Value[] = [];
        items.forEach((item, i) => {
          if (i > 0) parts.push(sep);
          parts.push(item);
        });
        return parts.length ? stringLike(node, parts) : str("", []);
      }
      if ((method === "strip" || method === "lstrip" || method === "rstrip") && positional.length === 0) {
        const v = evaluate(obj, env);
        return v.kind === "str" ? strip(v, method) : unknownFrom(node, v);
      }
      return unknown(node, `result of ${callee}() is not known statically`);
    }
    if (fn.type === "identifier") {
      const def = info.functions.get(callee);
      if (def && scopeOf(info, node) !== info.scopes.get(def.id)) return callFunction(node, def, env);
    }
    return unknown(node, `result of ${callee}() is not known statically`);
  }

  /** A module function whose body ends in `return expr`: evaluated with this call's arguments. */
  function callFunction(call: SyntaxNode, def: SyntaxNode, env: Env): Value {
    const body = def.childForFieldName("body");
    const stmts = body?.namedChildren.filter((s) => s.type !== "comment") ?? [];
    const last = stmts[stmts.length - 1];
    const returns = body?.descendantsOfType("return_statement") ?? [];
    if (last?.type !== "return_statement" || returns.length !== 1) return unknown(call, `result of ${def.childForFieldName("name")?.text}() is not known statically`);
    const expr = last.firstNamedChild;
    if (!expr) return { kind: "none" };
    const vars = bindCall(def, call, env);
    return evaluate(expr, { vars, parent: null, remap: env.remap ?? call.startIndex });
  }

  function bindCall(fn: SyntaxNode, call: SyntaxNode, env: Env): Map<string, Value> {
    const vars = new Map<string, Value>();
    const params = fn.childForFieldName("parameters")?.namedChildren ?? [];
    const args = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
    const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "list_splat" && a.type !== "dictionary_splat");
    const keywords = new Map<string, SyntaxNode>();
    for (const a of args) {
      if (a.type !== "keyword_argument") continue;
      const name = a.childForFieldName("name")?.text;
      const value = a.childForFieldName("value");
      if (name && value) keywords.set(name, value);
    }
    const names = paramNames(fn);
    let k = 0;
    for (const p of params) {
      const name = p.type === "identifier" ? p : names.find((n) => n.startIndex >= p.startIndex && n.endIndex <= p.endIndex);
      if (!name) continue;
      const star = p.type === "list_splat_pattern" || p.type === "dictionary_splat_pattern";
      if (star) {
        vars.set(name.text, unknown(call, "variadic argument"));
        continue;
      }
      const arg = positional[k] ?? keywords.get(name.text);
      if (positional[k]) k++;
      if (arg) vars.set(name.text, evaluate(arg, env));
      else {
        const dflt = p.childForFieldName("value");
        vars.set(name.text, dflt ? evaluate(dflt, ROOT_ENV) : unknown(call, `argument ${name.text} missing`));
      }
    }
    return vars;
  }

  function keywordsToDict(node: SyntaxNode, args: SyntaxNode[], env: Env): Value {
    const entries: DictValue["entries"] = [];
    for (const a of args) {
      if (a.type !== "keyword_argument") return unknown(node, "dict() with positional arguments");
      const name = a.childForFieldName("name");
      const value = a.childForFieldName("value");
      if (name && value) entries.push({ key: strAt(name.text, name.startIndex), value: evaluate(value, env) });
    }
    return { kind: "dict", entries, node };
  }

  function lookup(node: SyntaxNode, env: Env): Value {
    const name = node.text;
    for (let e: Env | null = env; e; e = e.parent) {
      const v = e.vars.get(name);
      if (v) return v;
    }
    const start = scopeOf(info, node);
    for (let scope: Scope | null = start; scope; scope = scope.parent) {
      // A class body's names are seen in the class body only, not from the methods inside it.
      if (scope !== start && scope.node.type === "class_definition") continue;
      const b = scope.bindings.get(name);
      if (scope.params.has(name) && !b) return unknown(node, `parameter ${name}`, scope.node);
      if (!b) continue;
      if (b.count === 1 && b.imported) return importedValue(node, name, b.imported);
      if (b.count !== 1 || !b.value) return unknown(node, unknownBindingReason(name, b));
      return evaluateBinding(b, scope, node, env);
    }
    return unknown(node, `${name} is not defined in this file`);
  }

  /**
   * `cfg.SCHEMA` where `cfg` is a project module (`import app.config as cfg`,
   * `from app import config`), and `Settings.SCHEMA` for a class of this file:
   * constants read statically. Any other attribute is not known.
   */
  function evaluateAttribute(node: SyntaxNode, env: Env): Value {
    const obj = node.childForFieldName("object");
    const attr = node.childForFieldName("attribute")?.text;
    if (obj?.type !== "identifier" || !attr) return unknown(node, `${node.text} is not known statically`);
    for (let e: Env | null = env; e; e = e.parent) if (e.vars.has(obj.text)) return unknown(node, `${node.text} is not known statically`);
    const start = scopeOf(info, node);
    for (let scope: Scope | null = start; scope; scope = scope.parent) {
      if (scope !== start && scope.node.type === "class_definition") continue;
      const b = scope.bindings.get(obj.text);
      if (scope.params.has(obj.text) && !b) return unknown(node, `${node.text} is an attribute of parameter ${obj.text}`);
      if (!b) continue;
      if (b.count === 1 && b.imported) {
        const found = options.imports ? options.imports(b.imported, attr) : null;
        const module = `${".".repeat(b.imported.level)}${b.imported.module}`;
        if (found === null || "reason" in found) return unknown(node, found ? `${node.text} is read from ${module}, ${found.reason}` : `${node.text} is read from ${module}, which is not in the project`);
        return relocate(found.value, node, `${node.text} is read from ${module}, where it is not known statically`);
      }
      const cls = b.count === 1 && b.kind === "definition" ? classScopeNamed(scope, obj.text) : null;
      const member = cls?.bindings.get(attr);
      if (cls && member?.count === 1 && member.value) return evaluateBinding(member, cls, node, env);
      return unknown(node, `${node.text} is not known statically`);
    }
    return unknown(node, `${obj.text} is not defined in this file`);
  }

  /** The scope of `class NAME:` defined directly in `scope`. */
  function classScopeNamed(scope: Scope, name: string): Scope | null {
    for (const s of info.scopes.values()) {
      if (s.parent === scope && s.node.type === "class_definition" && s.node.childForFieldName("name")?.text === name) return s;
    }
    return null;
  }

  /** `from pkg.mod import NAME`: the constant as that module defines it, reported where it is used here. */
  function importedValue(node: SyntaxNode, name: string, imported: ImportedName): Value {
    const found = options.imports ? options.imports(imported) : null;
    if (found === null || "reason" in found) {
      const module = `${".".repeat(imported.level)}${imported.module}`;
      return unknown(node, found ? `${name} is imported from ${module}, ${found.reason}` : `${name} is imported from ${module}, which is not in the project`);
    }
    return relocate(found.value, node, `${name} is imported from ${".".repeat(imported.level)}${imported.module}, where it is not known statically`);
  }
  function evaluateBinding(b: Binding, scope: Scope, at: SyntaxNode, env: Env): Value {
    // Module and class constants are evaluated once, without loop variables or call-site parameters.
    const isModule = scope === info.module || scope.node.type === "class_definition";
    // A function-level name has one value per environment (loop turn, call site): cached, so
    // `B = A + A`, `C = B + B`, … costs one evaluation per name, not 2 ** depth.
    let envCache = isModule ? moduleCache : functionCache.get(env);
    const cached = envCache?.get(b);
    if (cached) return cached;
    if (inProgress.has(b)) return unknown(at, "recursive definition");
    inProgress.add(b);
    try {
      // Module constants do not see loop variables or call-site parameters.
      const e = isModule ? ROOT_ENV : env;
      let v = evaluate(b.value!, e);
      for (const m of b.mutations) v = applyMutation(v, m, e);
      if (!envCache) functionCache.set(env, (envCache = new Map<Binding, Value>()));
      envCache.set(b, v);
      return v;
    } finally {
      inProgress.delete(b);
    }
  }

  function applyMutation(v: Value, m: SyntaxNode, env: Env): Value {
    if (v.kind === "unknown") return v;
    if (m.type === "augmented_assignment") {
      const right = m.childForFieldName("right");
      const r = right ? evaluate(right, env) : unknown(m, "incomplete");
      if (v.kind === "list" && r.kind === "list") return { kind: "list", items: [...v.items, ...r.items], itemNodes: [...v.itemNodes, ...r.itemNodes] };
      return stringLike(m, [v, r]);
    }
    const method = m.childForFieldName("function")?.childForFieldName("attribute")?.text;
    const arg = m.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
    if (v.kind !== "list" || !arg) return unknown(m, "changed in a way not followed statically");
    if (method === "append") return { kind: "list", items: [...v.items, evaluate(arg, env)], itemNodes: [...v.itemNodes, arg] };
    const r = evaluate(arg, env);
    if (r.kind !== "list") return unknownFrom(m, r);
    return { kind: "list", items: [...v.items, ...r.items], itemNodes: [...v.itemNodes, ...r.itemNodes] };
  }

  function percentFormat(node: SyntaxNode, fmt: StrValue, argsValue: Value): Value {
    const positional = argsValue.kind === "list" ? argsValue.items : [argsValue];
    const named = argsValue.kind === "dict" ? argsValue : null;
    const parts: Value[] = [];
    let k = 0;
    let i: number;
    let last = 0;
    const text = fmt.text;
    while ((i = text.indexOf("%", last)) >= 0) {
      if (i > last) parts.push({ kind: "str", text: text.slice(last, i), offsets: fmt.offsets.slice(last, i) });
      // Anchored, on at most 200 characters: constant work per `%`.
      const m = /^%(?:\(([^)]*)\))?([sdirua%])/.exec(text.slice(i, i + 200));
      if (!m) return unknown(node, "format directive not followed statically");
      if (m[2] === "%") parts.push({ kind: "str", text: "%", offsets: [fmt.offsets[i]!] });
      else {
        let arg: Value | undefined;
        if (m[1] !== undefined) {
          if (!named) return unknown(node, "named placeholder without a dict");
          arg = [...named.entries].reverse().find((e) => e.key.kind === "str" && e.key.text === m[1])?.value;
        } else arg = positional[k++];
        if (!arg) return unknown(node, "missing format argument");
        parts.push(formatArg(arg, fmt.offsets[i]!, m[2] === "r"));
      }
      last = i + m[0].length;
    }
    if (last < text.length) parts.push({ kind: "str", text: text.slice(last), offsets: fmt.offsets.slice(last) });
    return stringLike(node, parts);
  }

  function formatCall(node: SyntaxNode, obj: SyntaxNode, args: SyntaxNode[], env: Env): Value {
    const fmt = evaluate(obj, env);
    if (fmt.kind !== "str") return unknownFrom(node, fmt);
    const positional: Value[] = [];
    const keywords = new Map<string, Value>();
    for (const a of args) {
      if (a.type === "keyword_argument") {
        const name = a.childForFieldName("name")?.text;
        const value = a.childForFieldName("value");
        if (name && value) keywords.set(name, evaluate(value, env));
      } else if (a.type === "list_splat" || a.type === "dictionary_splat") {
        const inner = a.firstNamedChild;
        const v = inner ? evaluate(inner, env) : null;
        if (a.type === "list_splat" && v?.kind === "list") positional.push(...v.items);
        else if (a.type === "dictionary_splat" && v?.kind === "dict") {
          for (const e of v.entries) if (e.key.kind === "str") keywords.set(e.key.text, e.value);
        } else return unknown(node, "unpacked format arguments");
      } else positional.push(evaluate(a, env));
    }
    const text = fmt.text;
    const parts: Value[] = [];
    let auto = 0;
    let last = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text[i];
      if (c !== "{" && c !== "}") continue;
      if (i > last) parts.push({ kind: "str", text: text.slice(last, i), offsets: fmt.offsets.slice(last, i) });
      if (text[i + 1] === c) {
        parts.push({ kind: "str", text: c, offsets: [fmt.offsets[i]!] });
        i++;
        last = i + 1;
        continue;
      }
      if (c === "}") return unknown(node, "unbalanced braces in format string");
      const close = text.indexOf("}", i);
      if (close < 0) return unknown(node, "unbalanced braces in format string");
      const field = text.slice(i + 1, close);
      if (!/^[A-Za-z_0-9]*$/.test(field)) return unknown(node, "format field not followed statically");
      const arg = field === "" ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywords.get(field);
      if (!arg) return unknown(node, `format argument {${field}} missing`);
      parts.push(formatArg(arg, fmt.offsets[i]!, false));
      i = close;
      last = close + 1;
    }
    if (last < text.length) parts.push({ kind: "str", text: text.slice(last), offsets: fmt.offsets.slice(last) });
    return parts.length ? stringLike(node, parts) : str("", []);
  }

  function formatArg(arg: Value, at: number, repr: boolean): Value {
    if (arg.kind === "unknown" || arg.kind === "template") return arg;
    const s = toStr(arg, at);
    if (!s) return unknown(info.root, "format argument is not a string");
    if (repr && arg.kind === "str") return concatStrings([strAt("'", at), s, strAt("'", at)]);
    return s;
  }

  return {
    evaluate,
    iterate,
    bindCall,
    get consumed() {
      return consumed;
    },
    get limitHits() {
      return limitHits;
    },
  };
}

/** Binds a `for` target (a name or a tuple of names) to one item. */
export function bindPattern(target: SyntaxNode, value: Value, vars: Map<string, Value>): boolean {
  if (target.type === "identifier") {
    vars.set(target.text, value);
    return true;
  }
  if (target.type === "pattern_list" || target.type === "tuple_pattern" || target.type === "list_pattern" || target.type === "parenthesized_expression" || target.type === "tuple") {
    const targets = target.namedChildren;
    if (target.type === "parenthesized_expression") return targets.length === 1 && bindPattern(targets[0]!, value, vars);
    if (value.kind !== "list" || value.items.length !== targets.length) return false;
    return targets.every((t, k) => bindPattern(t, value.items[k]!, vars));
  }
  return false;
}

function unknownFrom(node: SyntaxNode, v: Value): UnknownValue {
  return firstUnknown(v) ?? unknown(node, "not a string");
}

/** `conn.execute` → `execute`. */
export function lastName(callee: string): string {
  const dot = callee.lastIndexOf(".");
  return dot < 0 ? callee : callee.slice(dot + 1);
}

function dedent(v: StrValue): StrValue {
  const lines: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= v.text.length; i++) {
    if (i === v.text.length || v.text[i] === "\n") {
      lines.push([start, i]);
      start = i + 1;
    }
  }
  let margin: string | null = null;
  for (const [a, b] of lines) {
    const line = v.text.slice(a, b);
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (margin === null || !indent.startsWith(margin)) {
      let k = 0;
      const m: string = margin ?? indent;
      while (k < m.length && k < indent.length && m[k] === indent[k]) k++;
      margin = margin === null ? indent : m.slice(0, k);
    }
  }
  const cut = margin?.length ?? 0;
  let text = "";
  const offsets: number[] = [];
  lines.forEach(([a, b], n) => {
    const blank = v.text.slice(a, b).trim() === "";
    const from = blank ? b : a + cut;
    text += v.text.slice(from, b);
    // A loop, not push(...): a line can be a megabyte long, too many arguments for one call.
    for (let k = from; k < b; k++) offsets.push(v.offsets[k]!);
    if (n < lines.length - 1) {
      text += "\n";
      offsets.push(v.offsets[b]!);
    }
  });
  return { kind: "str", text, offsets };
}

function strip(v: StrValue, method: string): StrValue {
  let a = 0;
  let b = v.text.length;
  if (method !== "rstrip") while (a < b && /\s/.test(v.text[a]!)) a++;
  if (method !== "lstrip") while (b > a && /\s/.test(v.text[b - 1]!)) b--;
  return { kind: "str", text: v.text.slice(a, b), offsets: v.offsets.slice(a, b) };
}

/** Named children without comments (tree-sitter puts comments wherever they stand, e.g. between string fragments). */
function codeChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment");
}
