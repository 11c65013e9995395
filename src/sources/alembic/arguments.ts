import { holeId } from "../../python/holes.js";
import type { SyntaxNode } from "../../python/syntax-node.js";
import { ROOT_ENV, type Env } from "../../python/evaluate.js";
import { scopeOf, type Scope } from "../../python/scope.js";
import { calleeText } from "../../python/expand.js";
import { LIMITS, limitReached } from "../../python/limits.js";
import type { RevisionContext } from "./context.js";
import type { WrittenName } from "./naming.js";
import { keywordName, plainLiteral } from "../literal.js";
import { expandSplat } from "./splat.js";
import { envValue, type Element } from "./elements.js";
import { assignedIn } from "./dialect.js";
import { ident } from "./sql-text.js";
import { keySql } from "./sa-expression.js";

const TEXT_CALLS = new Set(["text", "sa.text", "sqlalchemy.text", "sql.text", "literal_column", "sa.literal_column", "sqlalchemy.literal_column"]);

const NAME_FINAL_CALLS = new Set(["op.f", "conv", "sa.sql.elements.conv", "sqlalchemy.sql.elements.conv"]);

export interface Args {
  positional: SyntaxNode[];
  /** The environment each positional argument is read in (an element of an expanded comprehension binds its variable). */
  envs: Env[];
  /** A positional argument a helper's caller wrote (`*columns`): where and how it is read. */
  carried: (Element | undefined)[];
  /** Positional argument `i` (negative: none), else the keyword argument `name`. */
  arg(i: number, name: string): SyntaxNode | null;
  /** A `*x` or `**x` not enumerable statically: positions after it, and keywords, are not known. */
  unread: { node: SyntaxNode; reason: string } | null;
}

/**
 * A call's arguments. With `read`, `*x` and `**x` are expanded in place when
 * static reading can enumerate them; otherwise the first one is `unread`.
 */
export function argsOf(call: SyntaxNode, read?: { ctx: RevisionContext; env: Env }): Args {
  const list = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  const positional: SyntaxNode[] = [];
  const envs: Env[] = [];
  const carried: (Element | undefined)[] = [];
  const keywords = new Map<string, SyntaxNode>();
  let unread: Args["unread"] = null;
  // Positional arguments before the first unread `*x` keep their places.
  let known = Infinity;
  const fail = (node: SyntaxNode, reason: string): void => {
    unread ??= { node, reason };
  };
  for (const a of list) {
    if (a.type === "keyword_argument") {
      const name = keywordName(a);
      const value = a.childForFieldName("value");
      if (name && value) keywords.set(name, value);
    } else if (a.type === "list_splat") {
      const inner = a.firstNamedChild;
      const expanded = inner && read ? expandSplat(read.ctx, inner, read.env) : { reason: `${a.text} is not read` };
      if ("reason" in expanded) {
        fail(a, expanded.reason);
        known = Math.min(known, positional.length);
        continue;
      }
      for (const el of expanded.elements) {
        positional.push(el.node);
        envs.push(el.env);
        carried[positional.length - 1] = el.carried && read ? { node: el.node, ctx: { ...read.ctx, ...el.carried.module }, env: el.env, at: el.node } : undefined;
      }
    } else if (a.type === "dictionary_splat") {
      const inner = a.firstNamedChild;
      const entries = inner && read ? dictEntries(read.ctx, inner, read.env) : `${a.text} is not read`;
      if (typeof entries === "string") fail(a, entries);
      else for (const [k, v] of entries) keywords.set(k, v);
    } else {
      positional.push(a);
      envs.push(read?.env ?? ROOT_ENV);
    }
  }
  return { positional, envs, carried, unread, arg: (i, name) => (i >= 0 && i < known ? positional[i] : undefined) ?? keywords.get(name) ?? null };
}

/** The entries of `**x`: a dict literal, `dict(k=v)`, or a name bound once to one; else what is not known. */
function dictEntries(ctx: RevisionContext, node: SyntaxNode, env: Env, depth = 0): Map<string, SyntaxNode> | string {
  if (node.type === "dictionary") {
    const out = new Map<string, SyntaxNode>();
    for (const pair of node.namedChildren) {
      if (pair.type === "comment") continue;
      const key = pair.childForFieldName("key");
      const value = pair.childForFieldName("value");
      const k = pair.type === "pair" && key ? ctx.evaluator.evaluate(key, env) : null;
      if (!value || k?.kind !== "str") return `a key of ${node.text.replace(/\s+/g, " ")} is not known statically`;
      out.set(k.text, value);
    }
    return out;
  }
  if (node.type === "call" && calleeText(node) === "dict") {
    const inner = argsOf(node);
    if (inner.positional.length > 0 || inner.unread) return `${node.text.replace(/\s+/g, " ")} is not known statically`;
    const out = new Map<string, SyntaxNode>();
    for (const a of node.childForFieldName("arguments")?.namedChildren ?? []) {
      const name = a.type === "keyword_argument" ? a.childForFieldName("name")?.text : undefined;
      const value = a.childForFieldName("value");
      if (name && value) out.set(name, value);
    }
    return out;
  }
  if (node.type === "identifier") {
    const bound = envValue(env, node.text);
    // A helper's `**kwargs`: the keywords its caller wrote, read with the values they had there (forwarded()).
    if (bound?.kind === "dict" && bound.valueNodes?.length === bound.entries.length && bound.entries.every((e) => e.key.kind === "str")) return new Map(bound.entries.map((e, k) => [(e.key as { text: string }).text, bound.valueNodes![k]!]));
    // `for spec in SPECS: op.create_index(**spec)`: a loop's item that is a dict literal or `dict(...)`, read where it is written.
    if (bound?.kind === "dict" && (bound.node?.type === "dictionary" || bound.node?.type === "call") && depth < LIMITS.splatDepth) return dictEntries(ctx, bound.node, env, depth + 1);
    if (bound) return `${node.text} is not known statically`;
    for (let scope: Scope | null = scopeOf(ctx.info, node); scope; scope = scope.parent) {
      const b = scope.bindings.get(node.text);
      if (!b) {
        if (scope.params.has(node.text)) return `${node.text} is a parameter`;
        continue;
      }
      if (b.count !== 1 || !b.value || b.imported || b.mutations.length > 0) return `${node.text} is not bound once to a dict`;
      if (depth >= LIMITS.splatDepth) return `${limitReached("splatDepth")}: ${node.text} is not read`;
      return dictEntries(ctx, b.value, env, depth + 1);
    }
  }
  return `${node.text.replace(/\s+/g, " ")} is not known statically`;
}

/** A string argument; null when absent, None, or not known statically. */
export function stringValue(ctx: RevisionContext, node: SyntaxNode | null, env: Env): string | null {
  if (!node) return null;
  const plain = plainLiteral(node);
  if (plain !== null) return plain;
  const v = ctx.evaluator.evaluate(node, env);
  return v.kind === "str" ? v.text : null;
}

/** A schema argument: null when absent or None, undefined when not known statically (never taken for the default schema). */
export function schemaValue(ctx: RevisionContext, node: SyntaxNode | null, env: Env): string | null | undefined {
  if (!node || node.type === "none") return null;
  const v = ctx.evaluator.evaluate(node, env);
  return v.kind === "str" ? v.text : v.kind === "none" ? null : undefined;
}

/** A name argument: null for None (the convention names it), undefined when not known statically. */
export function writtenName(ctx: RevisionContext, node: SyntaxNode | null, env: Env): WrittenName | null | undefined {
  if (!node) return null;
  const final = finalName(ctx, node, env);
  const inner = final ? (argsOf(node).positional[0] ?? null) : node;
  if (!inner) return undefined;
  if (inner.type === "none") return null;
  const plain = plainLiteral(inner);
  if (plain !== null) return { text: plain, final };
  const v = ctx.evaluator.evaluate(inner, env);
  if (v.kind === "none") return null;
  if (v.kind !== "str") return undefined;
  // A name assigned op.f("…") once in the function (`name = op.f("ix_t_a")`) is final too: the evaluator reads through
  // op.f. Looked for only in a module whose text calls an `f`.
  if (final || node.type !== "identifier" || envValue(env, node.text) !== undefined || !callsF(node)) return { text: v.text, final };
  const held = assignedIn(node, (f) => ctx.info.functionNamed(f))(node.text);
  return { text: v.text, final: held?.type === "call" && finalName(ctx, held, env) };
}

const CALLS_F = new WeakMap<object, boolean>();

/** Whether the module `node` is in calls a function named `f` anywhere (`op.f(`, `batch_op.f(`, an imported `f(`). */
function callsF(node: SyntaxNode): boolean {
  let calls = CALLS_F.get(node.tree);
  if (calls === undefined) {
    // Linear: a word boundary, a fixed letter, a run of spaces, a fixed character.
    calls = /\bf\s*\(/.test(node.tree.text);
    CALLS_F.set(node.tree, calls);
  }
  return calls;
}

/** Whether `node` is op.f("…") or batch_op.f("…") (or f imported from alembic.op), which marks a name as final. */
function finalName(ctx: RevisionContext, node: SyntaxNode, env: Env): boolean {
  const callee = node.type === "call" ? calleeText(node) : null;
  // Linear: the dots delimit each run of name characters.
  return callee !== null && (NAME_FINAL_CALLS.has(callee) || /^\w+(?:\.\w+)*\.f$/.test(callee) || (ctx.opFunctions.get(callee) === "f" && envValue(env, callee) === undefined));
}

export function stringList(ctx: RevisionContext, node: SyntaxNode, env: Env): string[] | null {
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind === "str") return [v.text];
  if (v.kind !== "list") return null;
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind !== "str") return null;
    out.push(item.text);
  }
  return out;
}

/** A flag argument's value: false when it is not given, null when it is given but not known statically. */
export function flagValue(ctx: RevisionContext, node: SyntaxNode | null, env: Env): boolean | null {
  if (!node) return false;
  // The literals, without the evaluator's general path.
  if (node.type === "true" || node.type === "false" || node.type === "none") return node.type === "true";
  const v = ctx.evaluator.evaluate(node, env);
  return v.kind === "bool" ? v.value : v.kind === "num" ? v.value !== 0 : v.kind === "none" ? false : null;
}

/** A flag argument (`unique=`, `index=`, …) read after unknownFlag found none unknown. */
export function flag(ctx: RevisionContext, node: SyntaxNode | null, env: Env): boolean {
  return flagValue(ctx, node, env) === true;
}

/** The flags of a CREATE INDEX besides `unique=` (keyword only). */
export const INDEX_FLAGS: readonly (readonly [number, string])[] = [
  [-1, "postgresql_concurrently"],
  [-1, "if_not_exists"],
  [-1, "postgresql_nulls_not_distinct"],
];

/** The flags of a DROP INDEX (keyword only). */
export const DROP_INDEX_FLAGS: readonly (readonly [number, string])[] = [
  [-1, "postgresql_concurrently"],
  [-1, "if_exists"],
];

/**
 * The first of the flag arguments that shape what an operation builds
 * (`unique=`, `index=`, `postgresql_concurrently=`, …: position, or -1 for a
 * keyword only, and name) that is given but not known statically, as a
 * reason and the argument; null when every one is known. An operation with
 * one is said, not read as if the flag were false.
 */
export function unknownFlag(ctx: RevisionContext, args: Args, env: Env, flags: readonly (readonly [number, string])[]): { reason: string; node: SyntaxNode } | null {
  for (const [position, name] of flags) {
    const node = args.arg(position, name);
    if (node && flagValue(ctx, node, env) === null) return { reason: `${name}= is not known statically`, node };
  }
  return null;
}

/** A key of an index: a column name (quoted as needed), or a `text()` expression as written. */
export interface Key {
  column: string | null;
  sql: string;
  /** Known only at run time. */
  hole?: boolean;
  /** A `text()` expression. */
  text?: boolean;
  /** A SQLAlchemy expression (`sa.func.lower(...)`, `sa.desc("b")`, `sa.column("a")`), rendered: what a naming convention makes of it is not known. */
  expression?: boolean;
}

/**
 * The keys as `op.create_index` hands them to SQLAlchemy: Alembic wraps a
 * `text()` in an element with a stand-in column named by the text, which
 * SQLAlchemy names the index by (`ix_t_lower(a)`) and keys
 * `postgresql_ops` by.
 */
export function alembicKeys(keys: readonly Key[]): Key[] {
  return keys.map((k) => (k.text === true ? { ...k, column: k.sql } : k));
}

/** Index keys from a list expression (`["a", sa.text("lower(b)")]`). */
export function columnList(ctx: RevisionContext, node: SyntaxNode, env: Env, holes?: Holes): Key[] | null {
  if (node.type === "list" || node.type === "tuple") return expressionList(ctx, node.namedChildren.filter((c) => c.type !== "comment"), env, holes);
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind === "str") return [{ column: v.text, sql: ident(v.text) }];
  if (v.kind !== "list") return holes ? [holeKey(holes, node)] : null;
  const keys: Key[] = [];
  for (const [i, item] of v.items.entries()) {
    const itemNode = v.itemNodes[i] ?? null;
    const key = itemNode ? keyOf(ctx, itemNode, env, holes) : item.kind === "str" ? { column: item.text, sql: ident(item.text) } : holes ? holeKey(holes, node) : null;
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

function expressionList(ctx: RevisionContext, nodes: readonly SyntaxNode[], env: Env, holes?: Holes): Key[] | null {
  const keys: Key[] = [];
  for (const n of nodes) {
    if (n.type === "keyword_argument") continue;
    const key = keyOf(ctx, n, env, holes);
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

/**
 * Parts of a statement known only at run time (a predicate built with
 * `sa.and_(...)`, a column list from a function): written in its SQL as
 * placeholder identifiers, shown as the expression.
 */
export interface Holes {
  map: Map<string, string>;
}

export function hole(holes: Holes, node: SyntaxNode): string {
  const id = holeId(holes.map.size);
  const expr = node.text.replace(/\s+/g, " ");
  holes.map.set(id, `{${expr}}`);
  return id;
}

function holeKey(holes: Holes, node: SyntaxNode): Key {
  return { column: null, sql: hole(holes, node), hole: true };
}

export function keyOf(ctx: RevisionContext, node: SyntaxNode, env: Env, holes?: Holes): Key | null {
  const plain = plainLiteral(node);
  if (plain !== null) return { column: plain, sql: ident(plain) };
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind !== "str") {
    const rendered = keySql(ctx, node, env);
    // Even a bare `sa.column("a")` stays out of a convention's name: Alembic leaves such an index unnamed.
    if (rendered) return { column: rendered.column, sql: rendered.sql, expression: true };
    return holes ? holeKey(holes, node) : null;
  }
  // text("lower(email)") is an expression, emitted as written; a plain string is a column name.
  if (node.type === "call" && TEXT_CALLS.has(calleeText(node))) return { column: null, sql: v.text, text: true };
  return { column: v.text, sql: ident(v.text) };
}

/** `("period", "&&")`, `(sa.column("room"), "=")` or `(sa.func.tsrange(...), "&&")`: one element of an EXCLUDE constraint. */
export function excludeElement(ctx: RevisionContext, node: SyntaxNode, env: Env): string | null {
  const parts = node.type === "tuple" || node.type === "parenthesized_expression" ? node.namedChildren.filter((c) => c.type !== "comment") : [];
  if (parts.length !== 2) return null;
  const [exprNode, opNode] = parts as [SyntaxNode, SyntaxNode];
  const op = stringValue(ctx, opNode, env);
  const key = keyOf(ctx, exprNode, env);
  return key && op ? `${key.sql} WITH ${op}` : null;
}
