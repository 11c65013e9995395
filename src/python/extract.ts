import type { SyntaxNode } from "./syntax-node.js";
import { createEvaluator, lastName, type ImportResolver } from "./evaluate.js";
import { calleeText, capResults, evaluateAt, type CallTexts, type Expansion, type Site } from "./expand.js";
import type { ModuleInfo } from "./scope.js";
import { limitIn, type StrValue, type TemplateValue, type UnknownValue, type Value } from "./values.js";
import type { LimitHit } from "./limits.js";
import { createGuardCache, guardsOf, type Guard } from "./guards.js";
import { createSiteReader } from "./site.js";
import type { NoteChildren, ParentOf } from "./parents.js";
import { offsetAt } from "./offsets.js";
import { firstAtOrAfter } from "./sorted.js";

/** Calls whose (first) argument is SQL, matched on the whole callee or its last name. */
export const DEFAULT_EXECUTORS = ["execute", "executemany", "executescript", "exec_driver_sql", "DDL", "op.execute", "sql.SQL"];

/** Calls that return their argument unchanged: `text("...")` is still the string. */
export const DEFAULT_WRAPPERS = ["text", "sqlalchemy.text", "sa.text", "DDL", "sql.SQL", "SQL", "str", "literal_column"];

/** Calls whose arguments are messages, never SQL. */
// Linear: anchored at both ends; `[\w.]*` cannot match `(` or spaces, so it backtracks at most once per dot.
const MESSAGE_CALLS = /^(print|(?:[\w.]*\.)?(debug|info|warning|warn|error|exception|critical|log|fatal|echo|secho|write|flash|abort)|logging\.\w+|warnings\.warn)$/;

// "index" cannot overlap itself, so the matches of a scan of the whole file are every place it stands.
const INDEX_WORDS = /index/gi;
const INDEX_LENGTH = 5;

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
  const { parentOf } = info;
  const guardCache = createGuardCache(info);
  const where = createSiteReader(parentOf, info.definitionNames);
  const expansion: Expansion = { info, ev: evaluator, hits: [], deps: new Map() };
  const push = (value: Value, expr: SyntaxNode, site: Site | null, executor: string | null, via: readonly SyntaxNode[] = []): void => {
    if (value.kind !== "str" && value.kind !== "template") return;
    const anchor = site?.node ?? expr;
    const span = info.spanOf(anchor);
    const key = sourceKey(value);
    const exec = site?.executor ?? executor;
    const known = seen.get(key);
    if (known !== undefined && rank(sources[known]!.executor) >= rank(exec)) return;
    // Guards along the helper chain: `if index_exists(...): return` inside a helper counts. Read
    // first: they list each block's statements, which the site's walk up then climbs through.
    const guards = [expr, ...via].flatMap((n) => guardsOf(n, guardCache));
    const at = where(anchor);
    const source: SqlSource = {
      value,
      executor: exec,
      start: span.start,
      end: span.end,
      statementStart: at.statement.startIndex,
      function: at.function,
      guards,
      inErrorHandler: at.inErrorHandler,
    };
    if (known !== undefined) sources[known] = source;
    else {
      seen.set(key, sources.length);
      sources.push(source);
    }
  };

  // 1. Arguments of executor calls, with loops unrolled and helpers followed to their call sites.
  const sinks: { call: SyntaxNode; callee: string }[] = [];
  // Calls are in source (pre-)order: an executor call can sit inside another one's argument only
  // when an earlier executor call reaches past its end; otherwise the walk up is skipped.
  let reach = -1;
  info.calls.forEach((call, k) => {
    const callee = (info.calleeTexts[k] ?? "").replace(/\s+/g, "");
    if (!isExecutor(callee)) return;
    const end = info.spanOf(call).end;
    const nested = reach >= end && insideExecutorArgument(call, isExecutor, parentOf, info);
    reach = Math.max(reach, end);
    if (!nested && !composedFurther(call, callee, wrappers, parentOf)) sinks.push({ call, callee });
  });
  for (const { call, callee } of sinks) {
    const arg = sqlArgument(call, info.noteChildren);
    if (!arg) continue;
    const results = evaluateAt(expansion, call, [arg], (env) => evaluator.evaluate(arg, env), 0, true);
    for (const r of capResults(expansion, call, results)) {
      // SQL that a budget kept from being read is named at the call that runs it.
      const limit = limitIn(r.value);
      if (limit) expansion.hits.push({ limit, index: (r.site?.node ?? call).startIndex, where: "call site" });
      push(r.value, call, r.site, callee, r.via);
    }
  }

  // 2. Other strings that hold index SQL (kept in a constant, a dict, a list that is used elsewhere).
  // Where the word stands in the file: a string holds it when one of these falls inside it, which
  // costs one read from tree-sitter (the string's end) rather than reading its text.
  const words = wordStarts(info.source, INDEX_WORDS);
  for (let k = 0; k < info.strings.length; k++) {
    const node = info.strings[k]!;
    const w = words[firstAtOrAfter(words, info.stringStarts[k]!)];
    if (w === undefined || w + INDEX_LENGTH > node.endIndex) continue;
    const id = node.id;
    if (evaluator.consumed.has(id) || info.docstrings.has(id) || insideMessageCall(node, parentOf, info)) continue;
    const expr = maximalStringExpression(node, wrappers, parentOf, info);
    const results = evaluateAt(expansion, expr, [expr], (env) => evaluator.evaluate(expr, env), 0, false);
    for (const r of capResults(expansion, expr, results)) push(r.value, expr, null, null);
  }
  sources.sort((a, b) => a.start - b.start || firstOffset(a.value) - firstOffset(b.value));
  return { sources, limits: uniqueHits([...evaluator.limitHits, ...expansion.hits]) };
}

/** Where each match of `re` (global, fixed length) starts in `source`, ascending. */
function wordStarts(source: string, re: RegExp): number[] {
  const out: number[] = [];
  for (const m of source.matchAll(re)) out.push(m.index);
  return out;
}


/** One finding per limit, place and kind, in source order. */
function uniqueHits(hits: readonly LimitHit[]): LimitHit[] {
  const seen = new Map<string, LimitHit>();
  for (const h of hits) seen.set(`${h.index}:${h.where}:${h.limit}`, h);
  return [...seen.values()].sort((a, b) => a.index - b.index || (a.where < b.where ? -1 : a.where > b.where ? 1 : 0) || (a.limit < b.limit ? -1 : a.limit > b.limit ? 1 : 0));
}

/** The SQL argument of an executor call: the first positional one, or `sql=` / `statement=`. */
function sqlArgument(call: SyntaxNode, noteChildren?: NoteChildren): SyntaxNode | null {
  const argsNode = call.childForFieldName("arguments");
  const args = argsNode?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  // The index found in the argument climbs to its statement later (anchorLine).
  if (noteChildren && argsNode) {
    noteChildren(call, [argsNode]);
    noteChildren(argsNode, args);
  }
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
function composedFurther(call: SyntaxNode, callee: string, wrappers: ReadonlySet<string>, parentOf: ParentOf): boolean {
  if (!wrappers.has(callee) && !wrappers.has(lastName(callee))) return false;
  const p = parentOf(call);
  const method = p?.type === "attribute" && p.childForFieldName("object")?.id === call.id ? p.childForFieldName("attribute")?.text : null;
  return (method === "format" || method === "join") && !!p && parentOf(p)?.type === "call";
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

function insideExecutorArgument(call: SyntaxNode, isExecutor: (c: string) => boolean, parentOf: ParentOf, calls: CallTexts): boolean {
  for (let p = parentOf(call); p; p = parentOf(p)) {
    const type = p.type;
    if (type === "call" && isExecutor(calleeText(p, calls))) {
      const arg = sqlArgument(p);
      if (arg && call.startIndex >= arg.startIndex && call.endIndex <= arg.endIndex) return true;
    }
    if (type === "function_definition" || type === "module") return false;
  }
  return false;
}

function insideMessageCall(node: SyntaxNode, parentOf: ParentOf, calls: CallTexts): boolean {
  for (let p = parentOf(node); p; p = parentOf(p)) {
    const type = p.type;
    if (type === "call" && MESSAGE_CALLS.test(calleeText(p, calls))) return true;
    if (type === "raise_statement" || type === "assert_statement") return true;
    if (type.endsWith("statement") || type === "function_definition" || type === "module") return false;
  }
  return false;
}

/** Climbs from a literal to the whole string expression it is part of (`"a" + "b"`, `"..." % x`, `"...".format()`). */
function maximalStringExpression(node: SyntaxNode, wrappers: ReadonlySet<string>, parentOf: ParentOf, calls: CallTexts): SyntaxNode {
  let expr = node;
  for (;;) {
    const p = parentOf(expr);
    if (!p) return expr;
    const type = p.type;
    if (type === "parenthesized_expression" || type === "concatenated_string") {
      expr = p;
      continue;
    }
    if (type === "binary_operator" && ["+", "%"].includes(p.childForFieldName("operator")?.text ?? "")) {
      expr = p;
      continue;
    }
    if (type === "attribute" && p.childForFieldName("object")?.id === expr.id) {
      const call = parentOf(p);
      const method = p.childForFieldName("attribute")?.text ?? "";
      if (call?.type === "call" && ["format", "strip", "lstrip", "rstrip", "lower", "upper"].includes(method)) {
        expr = call;
        continue;
      }
      return expr;
    }
    const argsOf = type === "argument_list" ? parentOf(p) : null;
    if (argsOf?.type === "call") {
      const callee = calleeText(argsOf, calls);
      if (wrappers.has(callee) || wrappers.has(lastName(callee)) || /(^|\.)(dedent|cleandoc)$/.test(callee)) {
        expr = argsOf;
        continue;
      }
    }
    return expr;
  }
}

/** Identifies a string by where its characters come from (and its text): the same literal evaluated twice has one key. */
function sourceKey(v: StrValue | TemplateValue): string {
  const part = (p: StrValue | UnknownValue): string => (p.kind === "str" ? `${offsetAt(p.offsets, 0) ?? -1}:${offsetAt(p.offsets, -1) ?? -1}:${p.text}` : `{${p.node.startIndex}}`);
  return v.kind === "str" ? part(v) : v.parts.map(part).join("\u0000");
}

function firstOffset(v: StrValue | TemplateValue): number {
  if (v.kind === "str") return offsetAt(v.offsets, 0) ?? 0;
  const p = v.parts[0]!;
  return p.kind === "str" ? (offsetAt(p.offsets, 0) ?? 0) : p.node.startIndex;
}
