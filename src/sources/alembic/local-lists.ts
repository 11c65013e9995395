import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Value } from "../../python/values.js";
import { carryValues } from "./elements.js";
import type { RevisionContext, State } from "./context.js";

/**
 * Lists a function builds as it runs (Superset's `cols_to_add = []`, then
 * `cols_to_add.append(col)` in a loop over its `*columns`, then `for col in
 * cols_to_add: op.add_column(table, col)`): the walk keeps each among the
 * function's variables and appends to it in the order it reads the
 * statements, so a later loop goes over what was appended. Only a name
 * assigned a list once in the function and changed only by `.append(...)` /
 * `.extend(...)` statements the walk reads (not in an `except`, a `while`,
 * a nested function or lambda); any other is left to the evaluator, which
 * does not know it. The lists are kept in `State.lists` (context.ts).
 */
/** `name = [...]` in the function walked: the list, when the name qualifies. */
export function assignList(ctx: RevisionContext, node: SyntaxNode, state: State): void {
  const left = node.childForFieldName("left");
  const right = node.childForFieldName("right");
  if (!state.lists || left?.type !== "identifier" || (right?.type !== "list" && right?.type !== "tuple")) return;
  const fn = enclosing(node, FUNCTION);
  if (!fn || !builtOnlyByAppends(fn, left.text)) return;
  const value = ctx.evaluator.evaluate(right, state.env);
  if (value.kind !== "list") return;
  carryValues(ctx, value.items, state.env, node);
  state.lists.vars.set(left.text, value);
  state.lists.madeUnder.set(left.text, state.runsIf);
}

/** `name.append(x)` / `name.extend(xs)` on a list the walk keeps; false for any other call. */
export function appendToList(ctx: RevisionContext, call: SyntaxNode, object: string, method: string, state: State): boolean {
  const list = state.lists?.vars.get(object);
  if (!state.lists || list?.kind !== "list" || (method !== "append" && method !== "extend")) return false;
  const arg = call.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
  const value = arg ? ctx.evaluator.evaluate(arg, state.env) : null;
  // In a loop over what the reader cannot list, it is appended to any number of times.
  if (state.repeats || !value || (method === "extend" && value.kind !== "list")) {
    state.lists.vars.set(object, { kind: "unknown", node: call, reason: `${object} is appended to in a way not followed statically` });
    return true;
  }
  const added = method === "append" ? [value] : (value as Extract<Value, { kind: "list" }>).items;
  const nodes = method === "append" ? [arg ?? null] : (value as Extract<Value, { kind: "list" }>).itemNodes;
  carryValues(ctx, added, state.env, call);
  const under = state.lists.madeUnder.get(object) ?? null;
  // Appended under a condition the list was not made under (an `if` the reader does not decide): the item runs only under it.
  const items = state.runsIf === under ? added : added.map((v) => conditional(ctx, v, state));
  state.lists.vars.set(object, { kind: "list", items: [...list.items, ...items], itemNodes: [...list.itemNodes, ...nodes] });
  return true;
}

function conditional(ctx: RevisionContext, v: Value, state: State): Value {
  const c = ctx.carried.get(v);
  if (!c) return v;
  const copy = { ...v };
  ctx.carried.set(copy, { ...c, runsIf: state.runsIf, guards: state.guards });
  return copy;
}

const FUNCTION = new Set(["function_definition"]);
const NOT_FOLLOWED = new Set(["except_clause", "while_statement", "lambda", "function_definition", "class_definition"]);

/** Whether `name` is assigned once in `fn` and changed only by `.append` / `.extend` statements outside an `except`, a `while` and nested scopes. */
function builtOnlyByAppends(fn: SyntaxNode, name: string): boolean {
  let assigned = 0;
  for (const a of fn.descendantsOfType(["assignment", "augmented_assignment", "for_statement", "named_expression"])) {
    const target = a.childForFieldName(a.type === "named_expression" ? "name" : "left");
    if (target?.text !== name) continue;
    if (a.type !== "assignment") return false;
    assigned++;
  }
  if (assigned !== 1) return false;
  for (const c of fn.descendantsOfType("call")) {
    const f = c.childForFieldName("function");
    if (f?.type !== "attribute" || f.childForFieldName("object")?.text !== name) continue;
    const method = f.childForFieldName("attribute")?.text;
    if (method !== "append" && method !== "extend") continue;
    if (c.parent?.type !== "expression_statement" || enclosing(c, NOT_FOLLOWED) !== fn) return false;
  }
  // Any other method that changes it (`insert`, `pop`, ...) leaves it to the evaluator.
  return !fn.descendantsOfType("attribute").some((at) => at.childForFieldName("object")?.text === name && !["append", "extend"].includes(at.childForFieldName("attribute")?.text ?? "") && at.parent?.type === "call");
}

/** The nearest ancestor of one of the `types`; `fn` when it is the first. */
function enclosing(node: SyntaxNode, types: ReadonlySet<string>): SyntaxNode | null {
  for (let p = node.parent; p; p = p.parent) if (types.has(p.type) || p.type === "function_definition") return p;
  return null;
}
