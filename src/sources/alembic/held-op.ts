import type { SyntaxNode } from "../../python/syntax-node.js";
import type { RevisionContext, State } from "./context.js";
import { envValue } from "./elements.js";
import { assignedIn } from "./dialect.js";
import { calleeText } from "../../python/expand.js";
import { INDEX_METHODS } from "./op-methods.js";

/**
 * A call through a name that holds one of `op`'s methods (`func =
 * op.create_primary_key`, then `func("pk_t", "t", ["id"])`): the method,
 * read as that operation; `method: null` when the function assigns the name
 * such a method somewhere but which one it holds at the call is not known.
 * Null when the name never holds one.
 */
export function heldOpMethod(ctx: RevisionContext, name: SyntaxNode, state: State): { method: string | null; executor: string; partial?: true } | null {
  const v = envValue(state.env, name.text);
  // Followed in order (reassigned.ts) or bound by a loop; else its one assignment in the function.
  const held = v ? (v.kind === "unknown" ? v.node : null) : assignedIn(name, (f) => ctx.info.functionNamed(f))(name.text);
  const method = held ? opMethod(ctx, held, state) : null;
  if (method) return { method: method.method, executor: `${method.object}.${method.method}` };
  // `functools.partial(op.create_index, table_name="t")`: the arguments it binds are not merged with the call's (said).
  const bound = held?.type === "call" && /(?:^|\.)partial$/.test(calleeText(held)) ? held.childForFieldName("arguments")?.namedChildren[0] : undefined;
  const partial = bound ? opMethod(ctx, bound, state) : null;
  if (partial && INDEX_METHODS.has(partial.method)) return { method: null, executor: `${partial.object}.${partial.method}`, partial: true };
  // Assigned one of op's methods somewhere in the function, but not known here (a branch not decided): said.
  let scope: SyntaxNode | null = name.parent;
  while (scope && scope.type !== "function_definition" && scope.type !== "module") scope = scope.parent;
  for (const a of scope?.descendantsOfType("assignment") ?? []) {
    const right = a.childForFieldName("right");
    const m = a.childForFieldName("left")?.text === name.text && right ? opMethod(ctx, right, state) : null;
    if (m) return { method: null, executor: name.text };
  }
  return null;
}

/** Whether `name` is bound in the function it is used in (a parameter, an assignment, a loop variable), not the module's import. */
export function boundInFunction(ctx: RevisionContext, name: SyntaxNode, state: State): boolean {
  return envValue(state.env, name.text) !== undefined || assignedIn(name, (f) => ctx.info.functionNamed(f))(name.text) !== null;
}

function opMethod(ctx: RevisionContext, node: SyntaxNode, state: State): { object: string; method: string } | null {
  // One of op's functions imported by name (`from alembic.op import create_index`; `make = create_index`).
  const imported = node.type === "identifier" ? ctx.opFunctions.get(node.text) : undefined;
  if (imported !== undefined) return { object: "op", method: imported };
  if (node.type !== "attribute") return null;
  const object = node.childForFieldName("object")?.text.replace(/\s+/g, "");
  const method = node.childForFieldName("attribute")?.text;
  return object && method && (ctx.op.has(object) || state.ops.has(object)) ? { object, method } : null;
}
