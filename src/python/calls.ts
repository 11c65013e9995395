import type { SyntaxNode, Tree } from "./syntax-node.js";
import { lastName, ROOT_ENV, type Env } from "./env.js";
import { unknownFrom, type EvalContext } from "./eval-context.js";
import { paramNames, scopeOf } from "./scope.js";
import { braceFormat, changeCase, dedent, joinParts, quotedIdentifier, split, strip, type Pieces } from "./string-ops.js";
import { str, strAt, unknown, type DictValue, type StrValue, type Value } from "./values.js";

const DEDENT_NAMES = new Set(["dedent", "textwrap.dedent", "inspect.cleandoc", "cleandoc"]);

/** SQLAlchemy's `text("…").bindparams(...)` and `.execution_options(autocommit=True)`: the same SQL, run with values or options. */
const TEXT_CLAUSE_METHODS = new Set(["bindparams", "execution_options"]);

/** psycopg's composable identifier (`sql.Identifier`, `psycopg2.sql.Identifier`, or imported bare). */
const PSYCOPG_IDENTIFIER = /^(?:(?:psycopg2?\.)?sql\.)?Identifier$/;

/** The value of a call: wrappers, string methods, `dict()`, `sql.Identifier()`, and functions of this module. */
export function evaluateCall(cx: EvalContext, node: SyntaxNode, env: Env): Value {
  // The module's own calls have their callee and its text read already.
  const k = cx.info.callIndex.get(node);
  const fn = k === undefined ? node.childForFieldName("function") : (cx.info.callees[k] ?? null);
  const argsNode = node.childForFieldName("arguments");
  if (!fn || !argsNode) return unknown(node, "call");
  const args = argsNode.namedChildren.filter((a) => a.type !== "comment");
  const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "list_splat" && a.type !== "dictionary_splat");
  const callee = (k === undefined ? null : cx.info.calleeTexts[k]) ?? fn.text;
  if (cx.options.wrappers.has(callee) || cx.options.wrappers.has(lastName(callee))) {
    // An index in the wrapped SQL climbs through this call to its statement later (anchorLine).
    cx.info.noteChildren(node, [argsNode]);
    cx.info.noteChildren(argsNode, positional);
    return positional[0] ? cx.evaluate(positional[0], env) : unknown(node, "call without argument");
  }
  if (DEDENT_NAMES.has(callee) && positional.length === 1) {
    const v = cx.evaluate(positional[0]!, env);
    return v.kind === "str" ? dedent(v) : unknownFrom(node, v);
  }
  if (callee === "dict") return keywordsToDict(cx, node, args, env);
  // `list(cols)`, `tuple(cols)`, `sorted(names)`: the items, when they are known (iterate() sorts strings only).
  if ((callee === "list" || callee === "tuple" || callee === "sorted") && args.length === 1 && positional.length === 1) {
    const items = cx.iterate(node, env);
    return Array.isArray(items) ? { kind: "list", items, itemNodes: items.map(() => null) } : unknownFrom(node, items);
  }
  if (callee === "len" && args.length === 1 && positional.length === 1) return length(cx, node, positional[0]!, env);
  if (PSYCOPG_IDENTIFIER.test(callee) && positional.length > 0 && positional.length === args.length) {
    const parts = positional.map((a) => cx.evaluate(a, env));
    const strs = parts.filter((p): p is StrValue => p.kind === "str");
    if (strs.length !== parts.length) return unknownFrom(node, parts.find((p) => p.kind !== "str")!);
    return quotedIdentifier(strs, env.remap ?? node.startIndex);
  }
  if (fn.type === "attribute") {
    const obj = fn.childForFieldName("object");
    const method = fn.childForFieldName("attribute")?.text;
    if (!obj || !method) return unknown(node, "call");
    if (method === "format") return formatCall(cx, node, obj, args, env);
    if (method === "join" && positional.length === 1) {
      const sep = cx.evaluate(obj, env);
      const items = cx.iterate(positional[0]!, env);
      if (sep.kind !== "str") return unknownFrom(node, sep);
      if (!Array.isArray(items)) return items;
      const parts = joinParts(sep, items);
      return parts.length ? cx.stringLike(node, parts) : str("", []);
    }
    if (TEXT_CLAUSE_METHODS.has(method)) {
      // No str has these methods: an object read as SQL text here is a text() construct, and they return its SQL unchanged.
      cx.info.noteChildren(node, [fn]);
      cx.info.noteChildren(fn, [obj]);
      const v = cx.evaluate(obj, env);
      return v.kind === "str" || v.kind === "template" ? v : unknownFrom(node, v);
    }
    if (method === "split" && args.length === positional.length && positional.length <= 1) return splitCall(cx, node, obj, positional[0] ?? null, env);
    const got = method === "get" && args.length === positional.length && (positional.length === 1 || positional.length === 2) ? dictGet(cx, node, obj, positional, env) : null;
    if (got) return got;
    if ((method === "strip" || method === "lstrip" || method === "rstrip") && positional.length === 0) {
      const v = cx.evaluate(obj, env);
      return v.kind === "str" ? strip(v, method) : unknownFrom(node, v);
    }
    if ((method === "lower" || method === "upper") && args.length === 0) {
      const v = cx.evaluate(obj, env);
      if (v.kind !== "str") return unknownFrom(node, v);
      return changeCase(v, method) ?? unknown(node, `result of ${callee}() is not known statically`);
    }
    return unknown(node, `result of ${callee}() is not known statically`);
  }
  if (fn.type === "identifier") {
    const def = cx.info.functions.get(callee);
    if (def && scopeOf(cx.info, node) !== cx.info.scopes.get(def.id)) return callFunction(cx, node, def, env);
  }
  return unknown(node, `result of ${callee}() is not known statically`);
}

/** A module function whose body ends in `return expr`: evaluated with this call's arguments. */
function callFunction(cx: EvalContext, call: SyntaxNode, def: SyntaxNode, env: Env): Value {
  const body = def.childForFieldName("body");
  const stmts = body?.namedChildren.filter((s) => s.type !== "comment") ?? [];
  const last = stmts[stmts.length - 1];
  const returns = body?.descendantsOfType("return_statement") ?? [];
  if (last?.type !== "return_statement" || returns.length !== 1) return unknown(call, `result of ${def.childForFieldName("name")?.text}() is not known statically`);
  const expr = last.firstNamedChild;
  if (!expr) return { kind: "none" };
  const vars = bindCall(cx, def, call, env);
  return cx.evaluate(expr, { vars, parent: null, remap: env.remap ?? call.startIndex });
}

/**
 * Binds a function's parameters to a call's arguments (defaults, keywords).
 * `*args` is the list of the positional arguments left over, `**kwargs` the
 * dict of the keywords no parameter takes, each value with the expression it
 * came from; unknown when the call itself passes a `*x` or `**x`, which could
 * hold any number of either. Defaults are read by `defaults` (the module
 * that defines the function, when another one calls it).
 */
export function bindCall(cx: EvalContext, fn: SyntaxNode, call: SyntaxNode, env: Env, defaults: (node: SyntaxNode) => Value = (node) => cx.evaluate(node, ROOT_ENV)): Map<string, Value> {
  const vars = new Map<string, Value>();
  const args = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  const positional = args.filter((a) => a.type !== "keyword_argument" && a.type !== "list_splat" && a.type !== "dictionary_splat");
  const splat = args.some((a) => a.type === "list_splat" || a.type === "dictionary_splat");
  const keywords = new Map<string, SyntaxNode>();
  for (const a of args) {
    if (a.type !== "keyword_argument") continue;
    const name = a.childForFieldName("name")?.text;
    const value = a.childForFieldName("value");
    if (name && value) keywords.set(name, value);
  }
  const params = parametersOf(fn);
  const named = new Set(params.filter((p) => !p.star).map((p) => p.name));
  let k = 0;
  for (const { name, star, dflt } of params) {
    if (star === "*") {
      const rest = positional.slice(k);
      k = positional.length;
      vars.set(name, splat ? unknown(call, "variadic argument") : { kind: "list", items: rest.map((a) => cx.evaluate(a, env)), itemNodes: rest });
      continue;
    }
    if (star === "**") {
      const rest = [...keywords].filter(([key]) => !named.has(key));
      vars.set(name, splat ? unknown(call, "variadic argument") : { kind: "dict", entries: rest.map(([key, v]) => ({ key: strAt(key, v.startIndex), value: cx.evaluate(v, env) })), node: null, valueNodes: rest.map(([, v]) => v) });
      continue;
    }
    const arg = positional[k] ?? keywords.get(name);
    if (positional[k]) k++;
    if (arg) vars.set(name, cx.evaluate(arg, env));
    else vars.set(name, dflt ? defaults(dflt) : unknown(call, `argument ${name} missing`));
  }
  return vars;
}

/** A named parameter of a function: `*args` and `**kwargs` are `star`; `dflt` is its default value. */
interface Parameter {
  name: string;
  star: "*" | "**" | null;
  dflt: SyntaxNode | null;
}

/** Functions' parameters, by syntax tree and the function node's id: a helper called from hundreds of sites reads them once. */
const PARAMETERS = new WeakMap<Tree, Map<number, Parameter[]>>();

function parametersOf(fn: SyntaxNode): Parameter[] {
  let byFunction = PARAMETERS.get(fn.tree);
  if (!byFunction) PARAMETERS.set(fn.tree, (byFunction = new Map<number, Parameter[]>()));
  const known = byFunction.get(fn.id);
  if (known) return known;
  const names = paramNames(fn);
  const out: Parameter[] = [];
  for (const p of fn.childForFieldName("parameters")?.namedChildren ?? []) {
    const name = p.type === "identifier" ? p : names.find((n) => n.startIndex >= p.startIndex && n.endIndex <= p.endIndex);
    if (!name) continue;
    // `*columns: Column` is a typed parameter around the splat.
    const pattern = p.type === "typed_parameter" ? (p.namedChildren[0] ?? p) : p;
    const star = pattern.type === "list_splat_pattern" ? "*" : pattern.type === "dictionary_splat_pattern" ? "**" : null;
    out.push({ name: name.text, star, dflt: star ? null : p.childForFieldName("value") });
  }
  byFunction.set(fn.id, out);
  return out;
}

function keywordsToDict(cx: EvalContext, node: SyntaxNode, args: SyntaxNode[], env: Env): Value {
  const entries: DictValue["entries"] = [];
  for (const a of args) {
    if (a.type !== "keyword_argument") return unknown(node, "dict() with positional arguments");
    const name = a.childForFieldName("name");
    const value = a.childForFieldName("value");
    if (name && value) entries.push({ key: strAt(name.text, name.startIndex), value: cx.evaluate(value, env) });
  }
  return { kind: "dict", entries, node };
}

/** `"…".format(…)`: the arguments evaluated (splats included), then the template filled. */
function formatCall(cx: EvalContext, node: SyntaxNode, obj: SyntaxNode, args: SyntaxNode[], env: Env): Value {
  const fmt = cx.evaluate(obj, env);
  if (fmt.kind !== "str") return unknownFrom(node, fmt);
  const positional: Value[] = [];
  const keywords = new Map<string, Value>();
  for (const a of args) {
    if (a.type === "keyword_argument") {
      const name = a.childForFieldName("name")?.text;
      const value = a.childForFieldName("value");
      if (name && value) keywords.set(name, cx.evaluate(value, env));
    } else if (a.type === "list_splat" || a.type === "dictionary_splat") {
      const inner = a.firstNamedChild;
      const v = inner ? cx.evaluate(inner, env) : null;
      if (a.type === "list_splat" && v?.kind === "list") positional.push(...v.items);
      else if (a.type === "dictionary_splat" && v?.kind === "dict") {
        for (const e of v.entries) if (e.key.kind === "str") keywords.set(e.key.text, e.value);
      } else return unknown(node, "unpacked format arguments");
    } else positional.push(cx.evaluate(a, env));
  }
  const filled: Pieces = braceFormat(fmt, positional, keywords, () => notString(cx));
  if ("reason" in filled) return unknown(node, filled.reason);
  return filled.parts.length ? cx.stringLike(node, filled.parts) : str("", []);
}

/** A formatted argument that is not a string (a list, a dict): unknown, at the module, since the value has no node of its own. */
export function notString(cx: EvalContext): Value {
  return unknown(cx.info.root, "format argument is not a string");
}

/** `d.get(key)` / `d.get(key, default)` of a dict known statically: its value, else the default (None); unknown when a key may match but is not known. Null when `d` is not such a dict (`os.environ`). */
function dictGet(cx: EvalContext, node: SyntaxNode, obj: SyntaxNode, args: readonly SyntaxNode[], env: Env): Value | null {
  const d = cx.evaluate(obj, env);
  if (d.kind !== "dict") return null;
  const key = cx.evaluate(args[0]!, env);
  if (key.kind !== "str") return unknownFrom(node, key);
  // The last entry of a key wins, as in a dict display.
  for (let i = d.entries.length - 1; i >= 0; i--) {
    const e = d.entries[i]!;
    if (e.key.kind === "str" && e.key.text === key.text) return e.value;
    if (e.key.kind !== "str") return unknown(node, "a key of the dict is not known statically");
  }
  return args[1] ? cx.evaluate(args[1], env) : { kind: "none" };
}

/** `len(x)` of a list, tuple, dict or string known statically. */
function length(cx: EvalContext, node: SyntaxNode, arg: SyntaxNode, env: Env): Value {
  const v = cx.evaluate(arg, env);
  const n = v.kind === "list" ? v.items.length : v.kind === "dict" ? v.entries.length : v.kind === "str" ? [...v.text].length : null;
  return n === null ? unknownFrom(node, v) : { kind: "num", value: n, text: String(n) };
}

/** `sql.split(";")` of a string known statically: its pieces, each where it is written (a script run statement by statement). */
function splitCall(cx: EvalContext, node: SyntaxNode, obj: SyntaxNode, sepArg: SyntaxNode | null, env: Env): Value {
  const v = cx.evaluate(obj, env);
  if (v.kind !== "str") return unknownFrom(node, v);
  const sep = sepArg ? cx.evaluate(sepArg, env) : null;
  if (sep !== null && (sep.kind !== "str" || sep.text === "")) return unknown(node, "separator not known statically");
  const pieces = split(v, sep?.text ?? null);
  return { kind: "list", items: pieces, itemNodes: pieces.map(() => null) };
}
