import type { SyntaxNode } from "./syntax-node.js";
import { bindPattern, extendEnv, ROOT_ENV, type Env, type Evaluator } from "./evaluate.js";
import { LIMITS, type LimitHit } from "./limits.js";
import { scopeOf, identifiersIn, inAnyLoop, type ModuleInfo, type Scope } from "./scope.js";
import { unknown, type Value } from "./values.js";

/*
 * Evaluating an expression where it stands: once per unrolled turn of the
 * loops around it, and, when it depends on a parameter, once per call site
 * of its function (a few helper levels up).
 */

/** A value at one place, with the helper call sites it was expanded through (innermost first). */
export interface Evaluated {
  value: Value;
  site: Site | null;
  via: SyntaxNode[];
}

/** Where a helper's SQL was expanded: the outermost call site. */
export interface Site {
  node: SyntaxNode;
  executor: string;
}

/** What evaluating at call sites shares: the module, the evaluator, the limits hit, cached dependencies. */
export interface Expansion {
  info: ModuleInfo;
  ev: Evaluator;
  hits: LimitHit[];
  /** Names an expression reads, through the function-level names it uses (by node id). */
  deps: Map<number, ReadonlySet<string>>;
}

export function capResults(x: Expansion, at: SyntaxNode, results: Evaluated[]): Evaluated[] {
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
export function evaluateAt(x: Expansion, node: SyntaxNode, exprs: readonly SyntaxNode[], compute: (env: Env) => Value, depth: number, followCalls: boolean): Evaluated[] {
  const { info, ev } = x;
  const fnScope = enclosingFunction(info, node);
  const fn = fnScope?.node ?? null;
  const out: Evaluated[] = [];
  const base = fnScope ? paramEnv(fnScope) : ROOT_ENV;
  const envs = loopEnvs(x, node, exprs, fnScope, base);
  const values = envs.map(compute);
  const dependent = fn !== null && followCalls && values.some((v) => dependsOnParams(v, fn));
  if (dependent && depth >= LIMITS.callDepth) x.hits.push({ limit: "callDepth", index: node.startIndex, where: "call site" });
  const sites = fnScope && dependent && depth < LIMITS.callDepth ? callSites(info, fnScope) : [];
  if (!fn || sites.length === 0) return values.map((value) => ({ value, site: null, via: [] }));
  for (const site of sites) {
    // All iterations for this call site, evaluated where the call site stands (expanding its own caller if needed).
    const perSite = evaluateAt(
      x,
      site,
      argumentsOf(site),
      (siteEnv) => {
        const vars = ev.bindCall(fn, site, siteEnv);
        const inner = loopEnvs(x, node, exprs, fnScope, { vars, parent: null, remap: siteEnv.remap ?? site.startIndex });
        return { kind: "list", items: inner.map(compute), itemNodes: inner.map(() => null) };
      },
      depth + 1,
      true,
    );
    for (const r of perSite) {
      const items = r.value.kind === "list" ? r.value.items : [r.value];
      for (const value of items) out.push({ value, site: r.site ?? { node: site, executor: calleeText(site, info) }, via: [site, ...r.via] });
    }
  }
  return out;
}

function argumentsOf(call: SyntaxNode): SyntaxNode[] {
  const args = call.childForFieldName("arguments");
  return args ? [args] : [];
}

function paramEnv(scope: Scope): Env {
  const vars = new Map<string, Value>();
  for (const [name, node] of scope.params) vars.set(name, unknown(node, `parameter ${name}`, scope.node));
  return { vars, parent: null, remap: null };
}

/**
 * One environment per iteration of the `for` loops around `node` inside `fn`
 * whose variables the expressions read. A loop whose variable they never read
 * gives the same SQL every turn: it is not unrolled.
 */
function loopEnvs(x: Expansion, node: SyntaxNode, exprs: readonly SyntaxNode[], fn: Scope | null, base: Env): Env[] {
  if (!inAnyLoop(x.info, node)) return [base];
  const loops = loopsAround(x.info, node, fn);
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
 * The `for` statements whose bodies hold `node`, outermost first, up to its
 * function `fn` (to the module when null): read from the module's loop bodies
 * (sorted by start, so an outer body comes before the bodies inside it)
 * rather than by asking tree-sitter for each parent on the way up.
 */
function loopsAround(info: ModuleInfo, node: SyntaxNode, fn: Scope | null): SyntaxNode[] {
  const { start, end } = info.spanOf(node);
  // Loops outside the function's body hold the function, not only the node: they are not its own.
  const within = fn?.body ?? null;
  const loops: SyntaxNode[] = [];
  for (const b of info.loopBodies) {
    if (b.start > start) break;
    if (end <= b.end && (!within || (b.start >= within.start && b.end <= within.end))) loops.push(b.loop);
  }
  return loops;
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

/**
 * The calls of a module-level function from outside it. A function's scope,
 * its node and the node `info.functions` holds for its name are the ones
 * analyzeModule made for it, one of each per definition: they are compared as
 * objects (asking tree-sitter for ids costs a call each). A call from a
 * function where the name is its own (a parameter, a nested `def`, an
 * assignment) calls that, not the module's function.
 */
function callSites(info: ModuleInfo, scope: Scope): SyntaxNode[] {
  const fn = scope.node;
  const name = info.definitionNames.has(fn) ? info.definitionNames.get(fn) : fn.childForFieldName("name")?.text;
  if (!name || info.functions.get(name) !== fn) return [];
  return (info.callsByName.get(name) ?? []).filter((c) => {
    const from = scopeOf(info, c);
    return from !== scope && namesModuleLevel(from, name);
  });
}

/** Whether `name` read in scope `from` is the module's name: no scope between binds it (Python's rule; a class body's names are seen in that body only). */
function namesModuleLevel(from: Scope, name: string): boolean {
  for (let s = from; s.parent !== null; s = s.parent) {
    if (s !== from && s.node.type === "class_definition") continue;
    if (s.globals.has(name)) return true;
    if (s.bindings.has(name) || s.params.has(name)) return false;
  }
  return true;
}

/** The scope of the innermost function around `node` (classes and lambdas are passed through), or null at module level. */
function enclosingFunction(info: ModuleInfo, node: SyntaxNode): Scope | null {
  for (let s: Scope | null = scopeOf(info, node); s; s = s.parent) if (s.node.type === "function_definition") return s;
  return null;
}

/** A module's calls and their callees' texts, read once (ModuleInfo). */
export type CallTexts = Pick<ModuleInfo, "callIndex" | "calleeTexts">;

/** The callee of a call as written, without whitespace; read from `calls` when it is one of them. */
export function calleeText(call: SyntaxNode, calls?: CallTexts): string {
  const k = calls?.callIndex.get(call);
  const text = k === undefined ? call.childForFieldName("function")?.text : calls?.calleeTexts[k];
  return (text ?? "").replace(/\s+/g, "");
}

