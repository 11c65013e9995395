import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Evaluator } from "../../python/evaluate.js";
import type { Value } from "../../python/values.js";
import type { RevisionContext } from "./context.js";

/**
 * A helper handing its `**kwargs` on (`op.create_index(name, table, columns,
 * **kwargs)`): argsOf gives the keyword expressions its caller wrote, and
 * the helper's reader reads each as the value it had at the call (bindCall
 * evaluated it there, with the caller's variables and in the caller's
 * module), not again where the helper stands. So are the items of a list
 * the helper is given, which a column list reads one by one.
 */
export function forwarded(ctx: RevisionContext, vars: ReadonlyMap<string, Value>): RevisionContext {
  const pins = new Map<SyntaxNode, Value>();
  for (const v of vars.values()) {
    if (v.kind === "dict" && v.valueNodes) for (const [k, node] of v.valueNodes.entries()) pin(pins, node, v.entries[k]!.value);
    // A list parameter's items are read one by one where the caller wrote them (`columns=[sa.text("lower(name)")]`).
    if (v.kind === "list") for (const [k, item] of v.items.entries()) if (v.itemNodes[k]) pin(pins, v.itemNodes[k], item);
  }
  if (pins.size === 0) return ctx;
  const base = ctx.evaluator;
  const evaluator: Evaluator = {
    evaluate: (node, env) => pins.get(node) ?? base.evaluate(node, env),
    iterate: (node, env) => {
      const v = pins.get(node);
      return v?.kind === "list" ? v.items : base.iterate(node, env);
    },
    bindCall: (fn, call, env, defaults) => base.bindCall(fn, call, env, defaults),
    get consumed() {
      return base.consumed;
    },
    get limitHits() {
      return base.limitHits;
    },
  };
  return { ...ctx, evaluator };
}

/** A value at its expression, and each item of a list at its own (a column list is read item by item). */
function pin(pins: Map<SyntaxNode, Value>, node: SyntaxNode, v: Value): void {
  pins.set(node, v);
  if (v.kind === "list") for (const [k, item] of v.items.entries()) if (v.itemNodes[k]) pin(pins, v.itemNodes[k], item);
}
