import type { SyntaxNode } from "../../python/syntax-node.js";
import { bindPattern, extendEnv, type Env, type Evaluator } from "../../python/evaluate.js";
import { LIMITS, limitReached } from "../../python/limits.js";
import { scopeOf, type ModuleInfo } from "../../python/scope.js";
import { truthy, type Value } from "../../python/values.js";
import { envValue } from "./elements.js";
import type { Carried } from "./context.js";

/** An element of a starred argument: its own expression, read in its own environment (a comprehension binds its variable). */
export interface Element {
  node: SyntaxNode;
  env: Env;
  /** A call a helper was given (`*columns`), read where the caller wrote it. */
  carried?: Carried;
}

export type Expansion = { elements: Element[] } | { reason: string };

interface Reader {
  info: ModuleInfo;
  evaluator: Evaluator;
  carried: WeakMap<Value, Carried>;
}

/**
 * The elements `*expr` passes, each where it is written: a list or tuple
 * literal, a comprehension over known values, a name bound once to one of
 * these, a `+` of them, or a module function returning one. Anything else is
 * a reason naming what is not known.
 */
export function expandSplat(reader: Reader, expr: SyntaxNode, env: Env, depth = 0): Expansion {
  const elements: Element[] = [];
  const failed = collect(reader, expr, env, depth, elements);
  return failed === null ? { elements } : { reason: failed };
}

function collect(reader: Reader, node: SyntaxNode, env: Env, depth: number, out: Element[]): string | null {
  if (out.length > LIMITS.listItems) return `${limitReached("listItems")}: the elements of ${brief(node)} are not read`;
  switch (node.type) {
    case "parenthesized_expression":
      return node.firstNamedChild ? collect(reader, node.firstNamedChild, env, depth, out) : `${brief(node)} is not known statically`;
    case "list":
    case "tuple":
      for (const child of node.namedChildren) {
        if (child.type === "comment") continue;
        if (child.type === "list_splat") {
          const inner = child.firstNamedChild;
          const failed = inner ? collect(reader, inner, env, depth, out) : `${brief(child)} is not known statically`;
          if (failed) return failed;
        } else out.push({ node: child, env });
      }
      return null;
    case "list_comprehension":
    case "generator_expression":
      return comprehension(reader, node, env, out);
    case "binary_operator": {
      // `a + b + c` nests on the left: its operands, leftmost first, taken down the chain without recursing (a long one cannot overflow the stack).
      const operands: SyntaxNode[] = [];
      let n = node;
      while (n.type === "binary_operator") {
        const op = n.childForFieldName("operator")?.text;
        const l = n.childForFieldName("left");
        const r = n.childForFieldName("right");
        if (op !== "+" || !l || !r) return `${brief(n)} is not known statically`;
        operands.push(r);
        n = l;
      }
      operands.push(n);
      for (let i = operands.length - 1; i >= 0; i--) {
        const failed = collect(reader, operands[i]!, env, depth, out);
        if (failed) return failed;
      }
      return null;
    }
    case "identifier":
      return name(reader, node, env, depth, out);
    case "call":
      return helper(reader, node, env, depth, out);
    default:
      return `${brief(node)} is not known statically`;
  }
}

function comprehension(reader: Reader, node: SyntaxNode, env: Env, out: Element[]): string | null {
  const body = node.childForFieldName("body") ?? node.firstNamedChild;
  if (!body) return `${brief(node)} is not known statically`;
  const clauses = node.namedChildren.filter((c) => c.type === "for_in_clause" || c.type === "if_clause");
  const run = (k: number, e: Env): string | null => {
    if (out.length > LIMITS.listItems) return `${limitReached("listItems")}: the elements of ${brief(node)} are not read`;
    const clause = clauses[k];
    if (!clause) {
      out.push({ node: body, env: e });
      return null;
    }
    if (clause.type === "if_clause") {
      const cond = clause.firstNamedChild;
      const t = cond ? truthy(reader.evaluator.evaluate(cond, e)) : null;
      if (t === null) return `the filter ${brief(clause)} is not known statically`;
      return t ? run(k + 1, e) : null;
    }
    const left = clause.childForFieldName("left");
    const right = clause.childForFieldName("right");
    if (!left || !right) return `${brief(node)} is not known statically`;
    const values = reader.evaluator.iterate(right, e);
    if (!Array.isArray(values)) return `${brief(right)} is not known statically`;
    for (const value of values) {
      const vars = new Map<string, Value>();
      if (!bindPattern(left, value, vars)) return `${brief(left)} cannot be unpacked statically`;
      const failed = run(k + 1, extendEnv(e, vars));
      if (failed) return failed;
    }
    return null;
  };
  return run(0, env);
}

/** A name bound exactly once, by a plain assignment in this file, to something enumerable. */
function name(reader: Reader, node: SyntaxNode, env: Env, depth: number, out: Element[]): string | null {
  const bound = envValue(env, node.text);
  if (bound) {
    // A helper's `*args` (or a list parameter) as its caller wrote them: a call is read there; a value the evaluator
    // knows is read at its expression only where the helper's reader answers that expression with this very value, as
    // forwarded() makes it (the same object: an expression read again in another environment could differ).
    // A loop variable or any other parameter has no expression of its own.
    if (bound.kind !== "list") return `${node.text} is not known statically`;
    const elements: Element[] = [];
    for (const [k, item] of bound.items.entries()) {
      const c = reader.carried.get(item);
      const written = bound.itemNodes[k];
      if (c) elements.push({ node: c.node, env: c.env, carried: c });
      else if (item.kind !== "unknown" && written && reader.evaluator.evaluate(written, env) === item) elements.push({ node: written, env });
      else return `${node.text} is not known statically`;
    }
    out.push(...elements);
    return null;
  }
  for (let scope = scopeOf(reader.info, node) as ReturnType<typeof scopeOf> | null; scope; scope = scope.parent) {
    const b = scope.bindings.get(node.text);
    if (scope.params.has(node.text) && !b) return `${node.text} is a parameter`;
    if (!b) continue;
    if (b.imported) return `${node.text} is imported; its elements are not read`;
    if (b.count !== 1 || !b.value || b.mutations.length > 0) return `${node.text} is not bound once to a list or tuple`;
    if (depth >= LIMITS.splatDepth) return `${limitReached("splatDepth")}: ${node.text} is not read`;
    return collect(reader, b.value, scope === reader.info.module ? { vars: new Map(), parent: null, remap: null } : env, depth + 1, out);
  }
  return `${node.text} is not defined in this file`;
}

/** `*timestamps()`: a module function whose body is one `return <list>`, read with this call's arguments. */
function helper(reader: Reader, call: SyntaxNode, env: Env, depth: number, out: Element[]): string | null {
  const fn = call.childForFieldName("function");
  const def = fn?.type === "identifier" ? reader.info.functions.get(fn.text) : undefined;
  if (!fn || !def) return `the result of ${brief(call)} is not known statically`;
  const stmts = def.childForFieldName("body")?.namedChildren.filter((s) => s.type !== "comment") ?? [];
  const last = stmts[stmts.length - 1];
  const returns = def.descendantsOfType("return_statement");
  const expr = last?.type === "return_statement" && returns.length === 1 ? last.firstNamedChild : null;
  if (!expr) return `the result of ${fn.text}() is not known statically (not one return statement)`;
  if (depth >= LIMITS.splatDepth) return `${limitReached("splatDepth")}: ${fn.text}() is not read`;
  const vars = reader.evaluator.bindCall(def, call, env);
  return collect(reader, expr, { vars, parent: null, remap: null }, depth + 1, out);
}

function brief(node: SyntaxNode): string {
  const text = node.text.replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
