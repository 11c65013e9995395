import type { SyntaxNode } from "../../python/syntax-node.js";
import { ROOT_ENV, type Env } from "../../python/evaluate.js";
import { calleeText } from "../../python/expand.js";
import { lastName } from "../../python/env.js";
import { scopeOf, type Scope } from "../../python/scope.js";
import type { Value } from "../../python/values.js";
import type { RevisionContext } from "./context.js";

/**
 * Columns, indexes and constraints handed to a helper
 * (`add_columns("t", sa.Column("b", index=True))`, `create_table(name,
 * *columns)`) or built by one (`id_column()`): the call that builds each,
 * read where it is written, in its own module and with its own variables.
 */

/** SQLAlchemy's schema constructs, by class name (`sa.Column`, `sa.schema.Column`, `postgresql.ExcludeConstraint`: however their module is imported). */
export type Construct = "column" | "index" | "unique" | "pk" | "exclude" | "other";

const CONSTRUCTS = new Map<string, Construct>([
  ["Column", "column"],
  ["Index", "index"],
  ["UniqueConstraint", "unique"],
  ["PrimaryKeyConstraint", "pk"],
  ["ExcludeConstraint", "exclude"],
  // Elements that build no index.
  ["ForeignKeyConstraint", "other"],
  ["CheckConstraint", "other"],
]);

export function constructOf(callee: string): Construct | null {
  return CONSTRUCTS.get(lastName(callee)) ?? null;
}

/** An element as the walk reads it: the call that builds it, the module and variables to read it with, and where it is written in the module walked (for positions). */
export interface Element {
  node: SyntaxNode;
  ctx: RevisionContext;
  env: Env;
  at: SyntaxNode;
}

/**
 * Notes where each value a call passes is written, when it is a call the
 * evaluator does not compute (a Column, a helper's call), written in that
 * call's arguments or assigned in the caller's function, for the helper to
 * read it where it is written: the value bound to a parameter, and each item
 * of a list (a `*columns` parameter, a list argument).
 */
export function carryValues(ctx: RevisionContext, values: Iterable<Value>, env: Env, call: SyntaxNode): void {
  const fn = enclosingFunction(call);
  for (const v of values) {
    if (v.kind === "list") carryValues(ctx, v.items, env, call);
    if (v.kind !== "unknown" || v.node.type !== "call" || ctx.carried.has(v)) continue;
    // With this env only where it holds the node's variables: written in the call, or in the caller's own function.
    if (v.node.tree === call.tree && enclosingFunction(v.node) === fn) ctx.carried.set(v, { node: v.node, env, module: ctx });
  }
}

function enclosingFunction(node: SyntaxNode): number | null {
  for (let p = node.parent; p; p = p.parent) if (p.type === "function_definition") return p.id;
  return null;
}

/** A name's value among the loop variables and parameters in force, if it is one. */
export function envValue(env: Env, name: string): Value | undefined {
  for (let e: Env | null = env; e; e = e.parent) {
    const v = e.vars.get(name);
    if (v) return v;
  }
  return undefined;
}

/**
 * The element written at `node`: a name bound to a value a helper was given
 * is that value's call, in the caller's module; a name assigned one call is
 * that call; a call of a function (of this module or one it imports) whose
 * body returns one call (`def id_column(): return sa.Column("id", ...)`) is
 * that call, read with the function's parameters bound. Anything else is
 * returned as it is.
 */
export function elementAt(ctx: RevisionContext, node: SyntaxNode, env: Env): Element {
  let el: Element = { node, ctx, env, at: node };
  if (node.type === "identifier") {
    const v = envValue(env, node.text);
    const c = v ? ctx.carried.get(v) : undefined;
    // Where the caller wrote it: inside a helper the walk reports at the helper's call anyway.
    if (c) el = { node: c.node, ctx: { ...ctx, ...c.module }, env: c.env, at: c.node };
    else if (!v) {
      const held = heldCall(ctx, node, env);
      el = { ...el, node: held, at: held };
    }
  }
  // A function returning a function's call is followed too, a few steps at most.
  for (let depth = 0; depth < 4 && el.node.type === "call" && constructOf(calleeText(el.node)) === null; depth++) {
    const next = returnedCall(el);
    if (!next) break;
    el = next;
  }
  return el;
}

/** `f(...)` where `f`'s body (past a docstring) is `return <call>`: that call, with `f`'s parameters bound. */
function returnedCall(el: Element): Element | null {
  const fn = el.node.childForFieldName("function");
  if (fn?.type !== "identifier") return null;
  const own = el.ctx.info.functionNamed(fn.text);
  const imported = own ? null : el.ctx.imported(fn.text);
  const def = own ?? (imported !== null && typeof imported !== "string" ? imported.def : null);
  if (!def) return null;
  const statements = (def.childForFieldName("body")?.namedChildren ?? []).filter((c) => c.type !== "comment" && !(c.type === "expression_statement" && c.namedChildren[0]?.type === "string"));
  const only = statements.length === 1 ? statements[0]! : null;
  const returned = only?.type === "return_statement" ? only.namedChildren[0] : undefined;
  if (returned?.type !== "call") return null;
  const ctx = imported !== null && typeof imported !== "string" ? { ...el.ctx, ...imported.module } : el.ctx;
  // Defaults are read in the function's own module.
  const vars = el.ctx.evaluator.bindCall(def, el.node, el.env, (n) => ctx.evaluator.evaluate(n, ROOT_ENV));
  carryValues(el.ctx, vars.values(), el.env, el.node);
  return { node: returned, ctx, env: { vars, parent: null, remap: null }, at: el.at };
}

/**
 * The call a variable holds when its one binding is a plain assignment of a
 * call (`code = sa.Column("code", index=True)`, then `op.create_table("u",
 * ..., code)`): that call, read where it is written. A loop variable, a
 * parameter, or a name bound more than once is returned as it is.
 */
function heldCall(ctx: RevisionContext, node: SyntaxNode, env: Env): SyntaxNode {
  if (node.type !== "identifier") return node;
  if (envValue(env, node.text)) return node;
  const start = scopeOf(ctx.info, node);
  for (let scope: Scope | null = start; scope; scope = scope.parent) {
    // A class body's names are seen in the class body only, not from the methods inside it.
    if (scope !== start && scope.node.type === "class_definition") continue;
    const b = scope.bindings.get(node.text);
    if (!b) {
      if (scope.params.has(node.text)) return node;
      continue;
    }
    return b.count === 1 && b.value?.type === "call" && b.mutations.length === 0 && !b.imported ? b.value : node;
  }
  return node;
}
