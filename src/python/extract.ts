import type { SyntaxNode } from "tree-sitter";
import { bindPattern, createEvaluator, extendEnv, lastName, ROOT_ENV, type Env, type Evaluator, type ImportResolver } from "./evaluate.js";
import { scopeOf, identifiersIn, type ModuleInfo, type Scope } from "./scope.js";
import { limitIn, unknown, type StrValue, type TemplateValue, type UnknownValue, type Value } from "./values.js";
import { LIMITS, type LimitHit } from "./limits.js";
import { guardsOf, type EarlyExitCache, type Guard } from "./guards.js";

/** Calls whose (first) argument is SQL, matched on the whole callee or its last name. */
export const DEFAULT_EXECUTORS = ["execute", "executemany", "executescript", "exec_driver_sql", "DDL", "op.execute", "sql.SQL"];

/** Calls that return their argument unchanged: `text("...")` is still the string. */
export const DEFAULT_WRAPPERS = ["text", "sqlalchemy.text", "sa.text", "DDL", "sql.SQL", "SQL", "str", "literal_column"];

/** Calls whose arguments are messages, never SQL. */
// Linear: anchored at both ends; `[\w.]*` cannot match `(` or spaces, so it backtracks at most once per dot.
const MESSAGE_CALLS = /^(print|(?:[\w.]*\.)?(debug|info|warning|warn|error|exception|critical|log|fatal|echo|secho|write|flash|abort)|logging\.\w+|warnings\.warn)$/;

const INDEX_WORD = /index/i;

export interface ExtractOptions {
  executors: readonly string[];
  wrappers: readonly string[];
  /** Constants imported from the project's other modules (`from app.config import SCHEMA`). */
  imports?: ImportResolver;
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
  /** The conditions that decide whether it runs, innermost first, along the helper chain to the call site. */
  guards: Guard[];
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

export interface Extraction {
  sources: SqlSource[];
  /** Budgets that ran out, at the call site or expression where they did. */
  limits: LimitHit[];
}

export function extractSql(info: ModuleInfo, options: ExtractOptions): Extraction {
  const evaluator = createEvaluator(info, { wrappers: new Set(options.wrappers), ...(options.imports ? { imports: options.imports } : {}) });
  const executors = new Set(options.executors);
  // `conn.execute` matches `execute`; a dotted entry such as `op.execute` must match whole.
  const isExecutor = (callee: string): boolean => executors.has(callee) || (!callee.includes("(") && executors.has(lastName(callee)));
  const sources: SqlSource[] = [];
  // One statement is one source: the same string (by where its characters come from) reached from
  // `stmt = text("…")` and `conn.execute(stmt)`, or from a constant run in two places, is kept once,
  // at the call that runs it rather than at the `text()` that wraps it.
  const seen = new Map<string, number>();
  const wrappers = new Set(options.wrappers);
  const rank = (executor: string | null): number => (executor === null ? 0 : wrappers.has(executor) || wrappers.has(lastName(executor)) ? 1 : 2);
  const earlyExits: EarlyExitCache = new Map();
  const expansion: Expansion = { info, ev: evaluator, hits: [], deps: new Map() };
  const push = (value: Value, expr: SyntaxNode, site: Site | null, executor: string | null, via: readonly SyntaxNode[] = []): void => {
    if (value.kind !== "str" && value.kind !== "template") return;
    const anchor = site?.node ?? expr;
    const key = sourceKey(value);
    const exec = site?.executor ?? executor;
    const known = seen.get(key);
    if (known !== undefined && rank(sources[known]!.executor) >= rank(exec)) return;
    const source: SqlSource = {
      value,
      executor: exec,
      start: anchor.startIndex,
      end: anchor.endIndex,
      statementStart: statementOf(anchor).startIndex,
      function: functionName(anchor),
      // Guards along the helper chain: `if index_exists(...): return` inside a helper counts.
      guards: [expr, ...via].flatMap((n) => guardsOf(n, earlyExits)),
      inErrorHandler: inErrorHandler(anchor),
    };
    if (known !== undefined) sources[known] = source;
    else {
      seen.set(key, sources.length);
      sources.push(source);
    }
  };

  // 1. Arguments of executor calls, with loops unrolled and helpers followed to their call sites.
  const sinks = info.calls.filter((c) => isExecutor(calleeText(c)) && !insideExecutorArgument(c, isExecutor) && !composedFurther(c, wrappers));
  for (const call of sinks) {
    const arg = sqlArgument(call);
    if (!arg) continue;
    const callee = calleeText(call);
    const results = evaluateAt(expansion, call, [arg], (env) => evaluator.evaluate(arg, env), 0, true);
    for (const r of capResults(expansion, call, results)) {
      // SQL that a budget kept from being read is named at the call that runs it.
      const limit = limitIn(r.value);
      if (limit) expansion.hits.push({ limit, index: (r.site?.node ?? call).startIndex, where: "call site" });
      push(r.value, call, r.site, callee, r.via);
    }
  }

  // 2. Other strings that hold index SQL (kept in a constant, a dict, a list that is used elsewhere).
  for (const node of info.strings) {
    if (evaluator.consumed.has(node.id) || info.docstrings.has(node.id)) continue;
    if (!INDEX_WORD.test(node.text) || insideMessageCall(node)) continue;
    const expr = maximalStringExpression(node, new Set(options.wrappers));
    const results = evaluateAt(expansion, expr, [expr], (env) => evaluator.evaluate(expr, env), 0, false);
    for (const r of capResults(expansion, expr, results)) push(r.value, expr, null, null);
  }
  sources.sort((a, b) => a.start - b.start || firstOffset(a.value) - firstOffset(b.value));
  return { sources, limits: uniqueHits([...evaluator.limitHits, ...expansion.hits]) };
}

/** One finding per limit, place and kind, in source order. */
function uniqueHits(hits: readonly LimitHit[]): LimitHit[] {
  const seen = new Map<string, LimitHit>();
  for (const h of hits) seen.set(`${h.index}:${h.where}:${h.limit}`, h);
  return [...seen.values()].sort((a, b) => a.index - b.index || (a.where < b.where ? -1 : a.where > b.where ? 1 : 0) || (a.limit < b.limit ? -1 : a.limit > b.limit ? 1 : 0));
}

/** What evaluating at call sites shares: the module, the evaluator, the limits hit, cached dependencies. */
interface Expansion {
  info: ModuleInfo;
  ev: Evaluator;
  hits: LimitHit[];
  /** Names an expression reads, through the function-level names it uses (by node id). */
  deps: Map<number, ReadonlySet<string>>;
}

function capResults(x: Expansion, at: SyntaxNode, results: Evaluated[]): Evaluated[] {
  if (results.length <= LIMITS.resultsPerSink) return results;
  x.hits.push({ limit: "resultsPerSink", index: at.startIndex, where: "call site" });
  return results.slice(0, LIMITS.resultsPerSink);
}

/**
 * Evaluates `compute` at `node` once per unrolled iteration of the loops whose
 * variables `exprs` read; when the result depends on a parameter of the
 * enclosing function, once per call site of that function (recursively, a few
 * levels up). Literals of a function evaluated for a call site are reported at
 * the outermost call site.
 */
function evaluateAt(x: Expansion, node: SyntaxNode, exprs: readonly SyntaxNode[], compute: (env: Env) => Value, depth: number, followCalls: boolean): Evaluated[] {
  const { info, ev } = x;
  const fn = enclosingFunction(info, node);
  const out: Evaluated[] = [];
  const base = fn ? paramEnv(info, fn) : ROOT_ENV;
  const envs = loopEnvs(x, node, exprs, fn, base);
  const values = envs.map(compute);
  const dependent = fn !== null && followCalls && values.some((v) => dependsOnParams(v, fn));
  if (dependent && depth >= LIMITS.callDepth) x.hits.push({ limit: "callDepth", index: node.startIndex, where: "call site" });
  const sites = fn && dependent && depth < LIMITS.callDepth ? callSites(info, fn) : [];
  if (!fn || sites.length === 0) return values.map((value) => ({ value, site: null, via: [] }));
  for (const site of sites) {
    // All iterations for this call site, evaluated where the call site stands (expanding its own caller if needed).
    const perSite = evaluateAt(
      x,
      site,
      argumentsOf(site),
      (siteEnv) => {
        const vars = ev.bindCall(fn, site, siteEnv);
        const inner = loopEnvs(x, node, exprs, fn, { vars, parent: null, remap: siteEnv.remap ?? site.startIndex });
        return { kind: "list", items: inner.map(compute), itemNodes: inner.map(() => null) };
      },
      depth + 1,
      true,
    );
    for (const r of perSite) {
      const items = r.value.kind === "list" ? r.value.items : [r.value];
      for (const value of items) out.push({ value, site: r.site ?? { node: site, executor: calleeText(site) }, via: [site, ...r.via] });
    }
  }
  return out;
}

function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName("arguments");
  return args ? [args] : [];
}

function paramEnv(info: ModuleInfo, fn: SyntaxNode): Env {
  const scope = info.scopes.get(fn.id);
  const vars = new Map<string, Value>();
  for (const [name, node] of scope?.params ?? []) vars.set(name, unknown(node, `parameter ${name}`, fn));
  return { vars, parent: null, remap: null };
}

/**
 * One environment per iteration of the `for` loops around `node` inside `fn`
 * whose variables the expressions read. A loop whose variable they never read
 * gives the same SQL every turn: it is not unrolled.
 */
function loopEnvs(x: Expansion, node: SyntaxNode, exprs: readonly SyntaxNode[], fn: SyntaxNode | null, base: Env): Env[] {
  const loops: SyntaxNode[] = [];
  for (let child = node, p = node.parent; p && p.id !== fn?.id; child = p, p = p.parent) {
    if (p.type === "for_statement" && p.childForFieldName("body")?.id === child.id) loops.unshift(p);
  }
  if (loops.length === 0) return [base];
  const reads = readNames(x, exprs);
  let envs = [base];
  for (const loop of loops) {
    const left = loop.childForFieldName("left");
    const right = loop.childForFieldName("right");
    if (!left || !right) continue;
    const targets = identifiersIn(left);
    if (!targets.some((id) => reads.has(id.text))) continue;
    const next: Env[] = [];
    for (const env of envs) {
      const items = x.ev.iterate(right, env);
      if (!Array.isArray(items)) {
        const vars = new Map<string, Value>();
        // Over a parameter (`for name, table in specs:`), a call site may know the values: the marker says so.
        for (const id of targets)
          vars.set(id.text, { ...unknown(id, `loop variable ${id.text} over values not known statically`, items.param), ...(items.limit ? { limit: items.limit } : {}) });
        next.push(extendEnv(env, vars));
        continue;
      }
      let dropped = false;
      for (const item of items) {
        if (next.length >= LIMITS.unrolledIterations) {
          dropped = true;
          break;
        }
        const vars = new Map<string, Value>();
        if (!bindPattern(left, item, vars)) for (const id of targets) vars.set(id.text, unknown(id, `loop variable ${id.text}: its item cannot be unpacked statically`));
        next.push(extendEnv(env, vars));
      }
      if (dropped) {
        x.hits.push({ limit: "unrolledIterations", index: node.startIndex, where: "call site" });
        break;
      }
    }
    envs = next;
  }
  return envs;
}

/**
 * The names the expressions read, directly or through names bound inside the
 * function (`sql = f"... {t} ..."` reads `t`). Module constants cannot see a
 * loop variable, so they are not followed.
 */
function readNames(x: Expansion, exprs: readonly SyntaxNode[]): ReadonlySet<string> {
  const out = new Set<string>();
  for (const expr of exprs) {
    const cached = x.deps.get(expr.id);
    if (cached) {
      for (const n of cached) out.add(n);
      continue;
    }
    const names = new Set<string>();
    const visited = new Set<number>();
    const work = [expr];
    for (let n = work.pop(); n; n = work.pop()) {
      if (visited.has(n.id)) continue;
      visited.add(n.id);
      for (const id of identifiersIn(n)) {
        if (names.has(id.text)) continue;
        names.add(id.text);
        for (let scope: Scope | null = scopeOf(x.info, id); scope && scope !== x.info.module; scope = scope.parent) {
          const b = scope.bindings.get(id.text);
          if (!b) continue;
          if (b.value) work.push(b.value);
          work.push(...b.mutations);
          break;
        }
      }
    }
    x.deps.set(expr.id, names);
    for (const n of names) out.add(n);
  }
  return out;
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

function calleeText(call: SyntaxNode): string {
  return (call.childForFieldName("function")?.text ?? "").replace(/\s+/g, "");
}

/** The SQL argument of an executor call: the first positional one, or `sql=` / `statement=`. */
function sqlArgument(call: SyntaxNode): SyntaxNode | null {
  const args = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  const first = args[0];
  if (first && first.type !== "keyword_argument" && first.type !== "list_splat" && first.type !== "dictionary_splat") {
    const second = args[1] && args[1].type !== "keyword_argument" && args[1].type !== "list_splat" && args[1].type !== "dictionary_splat" ? args[1] : null;
    // exec_index(conn, "CREATE ...") style helpers take the connection first.
    if (first.type === "identifier" && /^(conn|connection|cur|cursor|db|session|engine|op|bind|c)$/.test(first.text) && second) return second;
    // db.execute("fetch_rooms", sql, ...): a label first (one word, not an SQL command), the SQL after it.
    if (second && isLabel(first)) return second;
    return first;
  }
  for (const a of args) {
    if (a.type !== "keyword_argument") continue;
    const name = a.childForFieldName("name")?.text;
    if (name && /^(sql|statement|stmt|query|ddl|clause|text)$/.test(name)) return a.childForFieldName("value");
  }
  return null;
}

/**
 * `sql.SQL("… {} …").format(…)` or `.join(…)`: the wrapped string is a piece of
 * the SQL that is composed from it, which is read where it runs, not alone.
 */
function composedFurther(call: SyntaxNode, wrappers: ReadonlySet<string>): boolean {
  const callee = calleeText(call);
  if (!wrappers.has(callee) && !wrappers.has(lastName(callee))) return false;
  const p = call.parent;
  const method = p?.type === "attribute" && p.childForFieldName("object")?.id === call.id ? p.childForFieldName("attribute")?.text : null;
  return (method === "format" || method === "join") && p?.parent?.type === "call";
}

/** One-word SQL statements, which are SQL even though they look like a label. */
const ONE_WORD_SQL = /^(begin|commit|rollback|end|abort|vacuum|analyze|analyse|checkpoint|start|savepoint|listen|notify|reindex|cluster|discard|reset|show)$/i;

/** A plain string literal holding one word (`"fetch_rooms"`, `"leads.create"`): a label for logs or metrics, not SQL. */
function isLabel(node: SyntaxNode): boolean {
  if (node.type !== "string" || node.namedChildren.some((c) => c.type === "interpolation")) return false;
  const text = node.namedChildren
    .filter((c) => c.type === "string_content")
    .map((c) => c.text)
    .join("");
  return /^[A-Za-z_][\w.:-]*$/.test(text) && !ONE_WORD_SQL.test(text);
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

/** Identifies a string by where its characters come from (and its text): the same literal evaluated twice has one key. */
function sourceKey(v: StrValue | TemplateValue): string {
  const part = (p: StrValue | UnknownValue): string => (p.kind === "str" ? `${p.offsets[0] ?? -1}:${p.offsets.at(-1) ?? -1}:${p.text}` : `{${p.node.startIndex}}`);
  return v.kind === "str" ? part(v) : v.parts.map(part).join("\u0000");
}

function firstOffset(v: StrValue | TemplateValue): number {
  if (v.kind === "str") return v.offsets[0] ?? 0;
  const p = v.parts[0]!;
  return p.kind === "str" ? (p.offsets[0] ?? 0) : p.node.startIndex;
}
