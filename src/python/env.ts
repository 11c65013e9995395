import type { SyntaxNode } from "./syntax-node.js";
import type { Value } from "./values.js";

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

/** `conn.execute` → `execute`. */
export function lastName(callee: string): string {
  const dot = callee.lastIndexOf(".");
  return dot < 0 ? callee : callee.slice(dot + 1);
}
