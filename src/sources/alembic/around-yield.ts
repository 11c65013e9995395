import type { SyntaxNode } from "../../python/syntax-node.js";

/**
 * A `@contextlib.contextmanager` helper entered with `with` (`with
 * remove_fks_from_table("t"): ...`): what its body runs before the `yield`
 * (on entering the block) and after it (on leaving). The `yield` must stand
 * in the body itself or in a `try` there (`try: yield` / `finally:`); null
 * anywhere else (inside a loop, an `if`), where the reader does not place it.
 * A body with no `yield` runs whole when the call is made.
 */
export function aroundYield(def: SyntaxNode): { before: SyntaxNode[]; after: SyntaxNode[] } | null {
  const body = def.childForFieldName("body")?.namedChildren ?? [];
  if (!holdsYield(def)) return { before: body, after: [] };
  for (const [k, s] of body.entries()) {
    if (isYield(s)) return only(def, { before: body.slice(0, k), after: body.slice(k + 1) });
    if (s.type !== "try_statement") continue;
    const inner = s.childForFieldName("body")?.namedChildren ?? [];
    const j = inner.findIndex(isYield);
    if (j < 0) continue;
    // Past the yield: the rest of the try, its else, its finally, then what follows the try (except clauses run only on an error).
    const clauses = s.namedChildren;
    const orElse = clauses.find((c) => c.type === "else_clause")?.childForFieldName("body")?.namedChildren ?? [];
    const final = clauses.find((c) => c.type === "finally_clause")?.namedChildren.find((c) => c.type === "block")?.namedChildren ?? [];
    return only(def, { before: [...body.slice(0, k), ...inner.slice(0, j)], after: [...inner.slice(j + 1), ...orElse, ...final, ...body.slice(k + 1)] });
  }
  return null;
}

/** The split, when the function has no other `yield`. */
function only(def: SyntaxNode, split: { before: SyntaxNode[]; after: SyntaxNode[] }): { before: SyntaxNode[]; after: SyntaxNode[] } | null {
  return yields(def) === 1 ? split : null;
}

function isYield(s: SyntaxNode): boolean {
  return s.type === "expression_statement" && s.firstNamedChild?.type === "yield";
}

function holdsYield(def: SyntaxNode): boolean {
  return yields(def) > 0;
}

/** The `yield`s of the function itself, not of functions or lambdas inside it. */
function yields(def: SyntaxNode): number {
  let n = 0;
  const stack = [...(def.childForFieldName("body")?.namedChildren ?? [])];
  for (let s = stack.pop(); s; s = stack.pop()) {
    if (s.type === "function_definition" || s.type === "lambda" || s.type === "class_definition") continue;
    if (s.type === "yield") n++;
    for (const c of s.namedChildren) stack.push(c);
  }
  return n;
}
