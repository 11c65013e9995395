import type { SyntaxNode } from "../../python/syntax-node.js";
import { scopeOf, type Scope } from "../../python/scope.js";
import type { RevisionContext } from "./context.js";
import { assignedIn, onPostgres, type NameValue } from "./dialect.js";

/** A condition the reader does not decide, and the value it must have for a block to run. */
export interface UndecidedCondition {
  condition: SyntaxNode;
  when: boolean;
}

/**
 * The branches of an `if` that run when the migrations run on PostgreSQL, connected
 * to it, when its conditions say (dialect.ts: the dialect's name, Alembic's mode,
 * `True` / `False`), or else from values known statically (`known`): each
 * clause that may run, in order, up to one that surely runs (`surely`: one of
 * the bodies runs). A clause whose condition is not such a test may run, so it
 * is read, and it and the clauses after it run only on what that condition is: each
 * body comes with those conditions (outermost first). `leaves`: one clause
 * surely runs and every clause that may run ends the function (`return`,
 * `raise`), so what follows the `if` never runs. Null when no condition is
 * such a test: every branch is read.
 */
export function branchesTaken(node: SyntaxNode, valueOf: NameValue, known: (condition: SyntaxNode) => boolean | null = () => null): { bodies: { statements: SyntaxNode[]; undecided: UndecidedCondition[] }[]; leaves: boolean; surely: boolean } | null {
  const clauses: { condition: SyntaxNode | null; body: SyntaxNode | null }[] = [{ condition: node.childForFieldName("condition"), body: node.childForFieldName("consequence") }];
  for (const alt of node.childrenForFieldName("alternative"))
    clauses.push(alt.type === "elif_clause" ? { condition: alt.childForFieldName("condition"), body: alt.childForFieldName("consequence") } : { condition: null, body: alt.childForFieldName("body") });
  // Else what the condition is from values known statically: `if table == "events":` in a loop over literals, a module constant.
  const tests = clauses.map((c) => (c.condition ? (onPostgres(c.condition, valueOf) ?? known(c.condition)) : true));
  if (tests.every((t, k) => t === null || clauses[k]!.condition === null)) return null;
  const bodies: { statements: SyntaxNode[]; undecided: UndecidedCondition[] }[] = [];
  // The undecided conditions before this clause, each false when it runs.
  const passed: UndecidedCondition[] = [];
  let leaves = true;
  for (const [k, c] of clauses.entries()) {
    const test = tests[k];
    if (test === false) continue;
    const statements = c.body?.namedChildren ?? [];
    bodies.push({ statements, undecided: test === null && c.condition ? [...passed, { condition: c.condition, when: true }] : [...passed] });
    leaves &&= endsFunction(statements);
    if (test === true) return { bodies, leaves, surely: true };
    if (c.condition) passed.push({ condition: c.condition, when: false });
  }
  // No clause surely runs: the path past them all goes on after the `if`.
  return { bodies, leaves: false, surely: false };
}

/** A block with a `return` or `raise` of its own: at its end, if not before, the function has ended. */
export function endsFunction(statements: readonly SyntaxNode[]): boolean {
  return statements.some((s) => s.type === "return_statement" || s.type === "raise_statement");
}

/** A block that ends what encloses it: the function (`return`, `raise`) or, in a loop, the turn (`continue`) or the loop (`break`). */
export function endsBlock(statements: readonly SyntaxNode[]): boolean {
  return statements.some((s) => s.type === "return_statement" || s.type === "raise_statement" || s.type === "continue_statement" || s.type === "break_statement");
}

/**
 * What the names in the conditions of the `if` at `node` stand for: a
 * variable's one assignment in its function, a function's (its module's or
 * one it imports) one `return` expression. One per `if`, for every reading of
 * its conditions, which shares what it looked up.
 */
export function conditionValues(ctx: RevisionContext, node: SyntaxNode): NameValue {
  const values = assignedIn(node, (fn) => {
    const own = ctx.info.functionNamed(fn);
    if (own) return own;
    const imported = ctx.imported(fn);
    return imported !== null && typeof imported !== "string" ? imported.def : null;
  });
  values.imported = (name) => {
    for (let scope: Scope | null = scopeOf(ctx.info, node); scope; scope = scope.parent) {
      const b = scope.bindings.get(name);
      if (!b) continue;
      const from = b.count === 1 ? b.imported : null;
      // An absolute import only: `sqlalchemy.dialects...` is never relative.
      return from?.level === 0 ? [from.module, from.name].filter((p) => p !== "").join(".") : null;
    }
    return null;
  };
  return values;
}
