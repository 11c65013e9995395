import type { SyntaxNode } from "tree-sitter";
import { bindPattern, createEvaluator, extendEnv, lastName, ROOT_ENV, type Env, type Evaluator } from "./evaluate.js";
import { scopeOf, identifiersIn, type ModuleInfo, type Scope } from "./scope.js";
import { unknown, type StrValue, type TemplateValue, type Value } from "./values.js";

/** Calls whose (first) argument is SQL, matched on the whole callee or its last name. */
export const DEFAULT_EXECUTORS = ["execute", "executemany", "executescript", "exec_driver_sql", "text", "DDL", "op.execute", "sql.SQL"];

/** Calls that return their argument unchanged: `text("...")` is still the string. */
export const DEFAULT_WRAPPERS = ["text", "sqlalchemy.text", "sa.text", "DDL", "sql.SQL", "SQL", "str", "literal_column"];

/** Calls whose arguments are messages, never SQL. */
// Linear: anchored at both ends; `[\w.]*` cannot match `(` or spaces, so it backtracks at most once per dot.
const MESSAGE_CALLS = /^(print|(?:[\w.]*\.)?(debug|info|warning|warn|error|exception|critical|log|fatal|echo|secho|write|flash|abort)|logging\.\w+|warnings\.warn)$/;

const INDEX_WORD = /index/i;

export interface ExtractOptions {
  executors: readonly string[];
  wrappers: readonly string[];
}

/** One string that reaches SQL (or looks like index SQL), evaluated. */
export interface SqlSource {
  value: StrValue | TemplateValue;
  /** The executor it is passed to (`conn.execute`, `exec_index`), or null for SQL found elsewhere. */
  executor: string | null;
  /** Range of the expression that holds it (the call site, for SQL built inside a helper). */
  start: number;
  end: number;
  /** Start of the Python statement that holds it. */
  statementStart: number;
  function: string | null;
  guard: string | null;
  /** Inside an `except` clause: cleanup after a failure, not the normal path. */
  inErrorHandler: boolean;
}

/** A value at one place, with the helper call sites it was expanded through (innermost first). */
interface Evaluated {
  value: Value;
  site: Site | null;
  via: SyntaxNode[];
}

/** Where a helper's SQL was expanded: the outermost call site. */
interface Site {
  node: SyntaxNode;
  executor: string;
}

const MAX_RESULTS_PER_SINK = 1_000;
const MAX_CALL_DEPTH = 4;

export function extractSql(info: ModuleInfo, options: ExtractOptions): { sources: SqlSource[]; exhausted: boolean } {
  const evaluator = createEvaluator(info, { wrappers: new Set(options.wrappers) });
  const executors = new Set(options.executors);
  // `conn.execute` matches `execute`; a dotted entry such as `op.execute` must match whole.
  const isExecutor = (callee: string): boolean => executors.has(callee) || (!callee.includes("(") && executors.has(lastName(callee)));
  const sources: SqlSource[] = [];
  const seen = new Set<string>();
  const push = (value: Value, expr: SyntaxNode, site: Site | null, executor: string | null, via: readonly SyntaxNode[] = []): void => {
    if (value.kind !== "str" && value.kind !== "template") return;
    const anchor = site?.node ?? expr;
    const key = `${anchor.startIndex}:${value.kind === "str" ? value.text + "\u0000" + value.offsets[0] : templateKey(value)}`;
    if (seen.has(key)) return;
    seen.add(key);
    sources.push({
      value,
      executor: site?.executor ?? executor,
      start: anchor.startIndex,
      end: anchor.endIndex,
      statementStart: statementOf(anchor).startIndex,
      function: functionName(anchor),
      // The nearest guard along the helper chain: `if index_exists(...): return` inside a helper counts.
      guard: [expr, ...via].reduce<string | null>((found, n) => found ?? guardOf(n), null),
      inErrorHandler: inErrorHandler(anchor),
    });
  };

  // 1. Arguments of executor calls, with loops unrolled and helpers followed to their call sites.
  const sinks = info.calls.filter((c) => isExecutor(calleeText(c)) && !insideExecutorArgument(c, isExecutor));
  for (const call of sinks) {
    const arg = sqlArgument(call);
    if (!arg) continue;
    const callee = calleeText(call);
    for (const r of evaluateAt(info, evaluator, call, (env) => evaluator.evaluate(arg, env), 0)) push(r.value, call, r.site, callee, r.via);
  }

  // 2. Other strings that hold index SQL (kept in a constant, a dict, a list that is used elsewhere).
  for (const node of info.strings) {
    if (evaluator.consumed.has(node.id) || info.docstrings.has(node.id)) continue;
    if (!INDEX_WORD.test(node.text) || insideMessageCall(node)) continue;
    const expr = maximalStringExpression(node, new Set(options.wrappers));
    for (const r of evaluateAt(info, evaluator, expr, (env) => evaluator.evaluate(expr, env), MAX_CALL_DEPTH)) push(r.value, expr, null, null);
  }
  sources.sort((a, b) => a.start - b.start || firstOffset(a.value) - firstOffset(b.value));
  return { sources, exhausted: evaluator.exhausted };
}

/**
 * Evaluates `compute` at `node` once per unrolled loop iteration; when the
 * result depends on a parameter of the enclosing function, once per call site
 * of that function (recursively, a few levels up). Literals of a function
 * evaluated for a call site are reported at the outermost call site.
 */
function evaluateAt(
  info: ModuleInfo,
  ev: Evaluator,
  node: SyntaxNode,
  compute: (env: Env) => Value,
  depth: number,
): Evaluated[] {
  const fn = enclosingFunction(info, node);
  const out: Evaluated[] = [];
  const base = fn ? paramEnv(info, fn) : ROOT_ENV;
  const envs = loopEnvs(ev, node, fn, base);
  const values = envs.map(compute);
  const sites = fn && depth < MAX_CALL_DEPTH && values.some((v) => dependsOnParams(v, fn)) ? callSites(info, fn) : [];
  if (!fn || sites.length === 0) return values.map((value) => ({ value, site: null, via: [] }));
  for (const site of sites) {
    // All iterations for this call site, evaluated where the call site stands (expanding its own caller if needed).
    const perSite = evaluateAt(
      info,
      ev,
      site,
      (siteEnv) => {
        const vars = ev.bindCall(fn, site, siteEnv);
        const inner = loopEnvs(ev, node, fn, { vars, parent: null, remap: siteEnv.remap ?? site.startIndex });
        return { kind: "list", items: inner.map(compute), itemNodes: inner.map(() => null) };
      },
      depth + 1,
    );
    for (const r of perSite) {
      const items = r.value.kind === "list" ? r.value.items : [r.value];
      for (const value of items) {
        if (out.length >= MAX_RESULTS_PER_SINK) return out;
        out.push({ value, site: r.site ?? { node: site, executor: calleeText(site) }, via: [site, ...r.via] });
      }
    }
  }
  return out;
}

function paramEnv(info: ModuleInfo, fn: SyntaxNode): Env {
  const scope = info.scopes.get(fn.id);
  const vars = new Map<string, Value>();
  for (const [name, node] of scope?.params ?? []) vars.set(name, unknown(node, `parameter ${name}`, fn));
  return { vars, parent: null, remap: null };
}

/** One environment per iteration of the `for` loops around `node` inside `fn`. */
function loopEnvs(ev: Evaluator, node: SyntaxNode, fn: SyntaxNode | null, base: Env): Env[] {
  const loops: SyntaxNode[] = [];
  for (let child = node, p = node.parent; p && p.id !== fn?.id; child = p, p = p.parent) {
    if (p.type === "for_statement" && p.childForFieldName("body")?.id === child.id) loops.unshift(p);
  }
  let envs = [base];
  for (const loop of loops) {
    const left = loop.childForFieldName("left");
    const right = loop.childForFieldName("right");
    if (!left || !right) continue;
    const next: Env[] = [];
    for (const env of envs) {
      const items = ev.iterate(right, env);
      if (!Array.isArray(items)) {
        const vars = new Map<string, Value>();
        for (const id of identifiersIn(left)) vars.set(id.text, unknown(left, `loop variable ${id.text} over values not known statically`));
        next.push(extendEnv(env, vars));
        continue;
      }
      for (const item of items) {
        const vars = new Map<string, Value>();
        if (!bindPattern(left, item, vars)) for (const id of identifiersIn(left)) vars.set(id.text, unknown(left, "cannot unpack statically"));
        next.push(extendEnv(env, vars));
        if (next.length >= MAX_RESULTS_PER_SINK) break;
      }
    }
    envs = next;
  }
  return envs;
}

function dependsOnParams(v: Value, fn: SyntaxNode): boolean {
  switch (v.kind) {
    case "unknown":
      return v.param?.id === fn.id;
    case "template":
      return v.parts.some((p) => p.kind === "unknown" && p.param?.id === fn.id);
    case "list":
      return v.items.some((i) => dependsOnParams(i, fn));
    case "dict":
      return v.entries.some((e) => dependsOnParams(e.value, fn));
    default:
      return false;
  }
}

function callSites(info: ModuleInfo, fn: SyntaxNode): SyntaxNode[] {
  const name = fn.childForFieldName("name")?.text;
  if (!name || info.functions.get(name)?.id !== fn.id) return [];
  return (info.callsByName.get(name) ?? []).filter((c) => scopeOf(info, c).node.id !== fn.id);
}

function enclosingFunction(info: ModuleInfo, node: SyntaxNode): SyntaxNode | null {
  for (let s: Scope | null = scopeOf(info, node); s; s = s.parent) if (s.node.type === "function_definition") return s.node;
  return null;
}

export function calleeText(call: SyntaxNode): string {
  return (call.childForFieldName("function")?.text ?? "").replace(/\s+/g, "");
}

/** The SQL argument of an executor call: the first positional one, or `sql=` / `statement=`. */
function sqlArgument(call: SyntaxNode): SyntaxNode | null {
  const args = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  const first = args[0];
  if (first && first.type !== "keyword_argument" && first.type !== "list_splat" && first.type !== "dictionary_splat") {
    // exec_index(conn, "CREATE ...") style helpers take the connection first.
    if (first.type === "identifier" && /^(conn|connection|cur|cursor|db|session|engine|op|bind|c)$/.test(first.text) && args[1] && args[1].type !== "keyword_argument") return args[1];
    return first;
  }
  for (const a of args) {
    if (a.type !== "keyword_argument") continue;
    const name = a.childForFieldName("name")?.text;
    if (name && /^(sql|statement|stmt|query|ddl|clause|text)$/.test(name)) return a.childForFieldName("value");
  }
  return null;
}

function insideExecutorArgument(call: SyntaxNode, isExecutor: (c: string) => boolean): boolean {
  for (let p = call.parent; p; p = p.parent) {
    if (p.type === "call" && isExecutor(calleeText(p))) {
      const arg = sqlArgument(p);
      if (arg && call.startIndex >= arg.startIndex && call.endIndex <= arg.endIndex) return true;
    }
    if (p.type === "function_definition" || p.type === "module") return false;
  }
  return false;
}

function insideMessageCall(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "call" && MESSAGE_CALLS.test(calleeText(p))) return true;
    if (p.type === "raise_statement" || p.type === "assert_statement") return true;
    if (p.type.endsWith("statement") || p.type === "function_definition" || p.type === "module") return false;
  }
  return false;
}

/** Climbs from a literal to the whole string expression it is part of (`"a" + "b"`, `"..." % x`, `"...".format()`). */
function maximalStringExpression(node: SyntaxNode, wrappers: ReadonlySet<string>): SyntaxNode {
  let expr = node;
  for (;;) {
    const p = expr.parent;
    if (!p) return expr;
    if (p.type === "parenthesized_expression" || p.type === "concatenated_string") {
      expr = p;
      continue;
    }
    if (p.type === "binary_operator" && ["+", "%"].includes(p.childForFieldName("operator")?.text ?? "")) {
      expr = p;
      continue;
    }
    if (p.type === "attribute" && p.childForFieldName("object")?.id === expr.id) {
      const call = p.parent;
      const method = p.childForFieldName("attribute")?.text ?? "";
      if (call?.type === "call" && ["format", "strip", "lstrip", "rstrip"].includes(method)) {
        expr = call;
        continue;
      }
      return expr;
    }
    if (p.type === "argument_list" && p.parent?.type === "call") {
      const callee = calleeText(p.parent);
      if (wrappers.has(callee) || wrappers.has(lastName(callee)) || /(^|\.)(dedent|cleandoc)$/.test(callee)) {
        expr = p.parent;
        continue;
      }
    }
    return expr;
  }
}

function statementOf(node: SyntaxNode): SyntaxNode {
  let n = node;
  while (n.parent && n.parent.type !== "block" && n.parent.type !== "module") n = n.parent;
  return n;
}

function functionName(node: SyntaxNode): string | null {
  const names: string[] = [];
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "function_definition" || p.type === "class_definition") {
      const n = p.childForFieldName("name")?.text;
      if (n) names.unshift(n);
    }
  }
  return names.length ? names.join(".") : null;
}

function inErrorHandler(node: SyntaxNode): boolean {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === "function_definition" || p.type === "class_definition") return false;
    if (p.type === "except_clause" || p.type === "except_group_clause") return true;
  }
  return false;
}

/** `not (x)`, or `x` for `not x`. */
function negate(cond: SyntaxNode): string {
  const inner = cond.type === "not_operator" ? cond.childForFieldName("argument") : null;
  return inner ? inner.text.replace(/\s+/g, " ") : `not (${cond.text.replace(/\s+/g, " ")})`;
}

const EXITS = new Set(["return_statement", "continue_statement", "raise_statement", "break_statement"]);

/** `if index_exists(conn, "x"): return` before the statement guards it like `if not …:` around it. */
function earlyExitGuard(statement: SyntaxNode): string | null {
  for (let prev = statement.previousNamedSibling; prev; prev = prev.previousNamedSibling) {
    if (prev.type !== "if_statement") continue;
    if (prev.namedChildren.some((c) => c.type === "elif_clause" || c.type === "else_clause")) continue;
    const body = prev.childForFieldName("consequence");
    const last = body?.namedChildren.filter((c) => c.type !== "comment").at(-1);
    const cond = prev.childForFieldName("condition");
    if (cond && last && EXITS.has(last.type)) return negate(cond);
  }
  return null;
}

/** The condition of the nearest `if` / `elif` / `else` around the node, as written. */
function guardOf(node: SyntaxNode): string | null {
  for (let child = node, p = node.parent; p; child = p, p = p.parent) {
    if (p.type === "block" || p.type === "module") {
      const early = earlyExitGuard(child);
      if (early) return early;
    }
    if (p.type === "function_definition" || p.type === "class_definition") return null;
    if (p.type === "if_statement" || p.type === "elif_clause") {
      const cond = p.childForFieldName("condition");
      if (cond && child.id === cond.id) continue;
      return cond ? cond.text.replace(/\s+/g, " ") : null;
    }
    if (p.type === "else_clause" && p.parent?.type === "if_statement") {
      const cond = p.parent.childForFieldName("condition");
      return cond ? negate(cond) : null;
    }
  }
  return null;
}

function templateKey(v: TemplateValue): string {
  return v.parts.map((p) => (p.kind === "str" ? p.text : `{${p.node.startIndex}}`)).join("");
}

function firstOffset(v: StrValue | TemplateValue): number {
  if (v.kind === "str") return v.offsets[0] ?? 0;
  const p = v.parts[0]!;
  return p.kind === "str" ? (p.offsets[0] ?? 0) : p.node.startIndex;
}
