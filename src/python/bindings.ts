import type { SyntaxNode } from "./syntax-node.js";
import { ROOT_ENV, type Env } from "./env.js";
import { unknownFrom, type EvalContext } from "./eval-context.js";
import { unknownBindingReason } from "./reasons.js";
import { scopeOf, type Binding, type ImportedName, type Scope } from "./scope.js";
import { relocate, unknown, type Value } from "./values.js";

/** A name: a loop variable or parameter in force, else its one binding in the scopes around it. */
export function lookup(cx: EvalContext, node: SyntaxNode, env: Env): Value {
  const name = node.text;
  for (let e: Env | null = env; e; e = e.parent) {
    const v = e.vars.get(name);
    if (v) return v;
  }
  const start = scopeOf(cx.info, node);
  for (let scope: Scope | null = start; scope; scope = scope.parent) {
    // A class body's names are seen in the class body only, not from the methods inside it.
    if (scope !== start && scope.node.type === "class_definition") continue;
    const b = scope.bindings.get(name);
    if (scope.params.has(name) && !b) return unknown(node, `parameter ${name}`, scope.node);
    if (!b) continue;
    if (b.count === 1 && b.imported) return importedValue(cx, node, name, b.imported);
    if (b.count !== 1 || !b.value) return unknown(node, unknownBindingReason(name, b));
    return evaluateBinding(cx, b, scope, node, env);
  }
  return unknown(node, `${name} is not defined in this file`);
}

/**
 * `cfg.SCHEMA` where `cfg` is a project module (`import app.config as cfg`,
 * `from app import config`), and `Settings.SCHEMA` for a class of this file:
 * constants read statically. Any other attribute is not known.
 */
export function evaluateAttribute(cx: EvalContext, node: SyntaxNode, env: Env): Value {
  const obj = node.childForFieldName("object");
  const attr = node.childForFieldName("attribute")?.text;
  if (obj?.type !== "identifier" || !attr) return unknown(node, `${node.text} is not known statically`);
  for (let e: Env | null = env; e; e = e.parent) if (e.vars.has(obj.text)) return unknown(node, `${node.text} is not known statically`);
  const start = scopeOf(cx.info, node);
  for (let scope: Scope | null = start; scope; scope = scope.parent) {
    if (scope !== start && scope.node.type === "class_definition") continue;
    const b = scope.bindings.get(obj.text);
    if (scope.params.has(obj.text) && !b) return unknown(node, `${node.text} is an attribute of parameter ${obj.text}`);
    if (!b) continue;
    if (b.count === 1 && b.imported) {
      const found = cx.options.imports ? cx.options.imports(b.imported, attr) : null;
      const module = `${".".repeat(b.imported.level)}${b.imported.module}`;
      if (found === null || "reason" in found) return unknown(node, found ? `${node.text} is read from ${module}, ${found.reason}` : `${node.text} is read from ${module}, which is not in the project`);
      return relocate(found.value, node, `${node.text} is read from ${module}, where it is not known statically`);
    }
    const cls = b.count === 1 && b.kind === "definition" ? classScopeNamed(cx, scope, obj.text) : null;
    const member = cls?.bindings.get(attr);
    if (cls && member?.count === 1 && member.value) return evaluateBinding(cx, member, cls, node, env);
    return unknown(node, `${node.text} is not known statically`);
  }
  return unknown(node, `${obj.text} is not defined in this file`);
}

/** The scope of `class NAME:` defined directly in `scope`. */
function classScopeNamed(cx: EvalContext, scope: Scope, name: string): Scope | null {
  for (const s of cx.info.scopes.values()) {
    if (s.parent === scope && s.node.type === "class_definition" && s.node.childForFieldName("name")?.text === name) return s;
  }
  return null;
}

/** `from pkg.mod import NAME`: the constant as that module defines it, reported where it is used here. */
function importedValue(cx: EvalContext, node: SyntaxNode, name: string, imported: ImportedName): Value {
  const found = cx.options.imports ? cx.options.imports(imported) : null;
  if (found === null || "reason" in found) {
    const module = `${".".repeat(imported.level)}${imported.module}`;
    return unknown(node, found ? `${name} is imported from ${module}, ${found.reason}` : `${name} is imported from ${module}, which is not in the project`);
  }
  return relocate(found.value, node, `${name} is imported from ${".".repeat(imported.level)}${imported.module}, where it is not known statically`);
}

function evaluateBinding(cx: EvalContext, b: Binding, scope: Scope, at: SyntaxNode, env: Env): Value {
  // Module and class constants are evaluated once, without loop variables or call-site parameters.
  const isModule = scope === cx.info.module || scope.node.type === "class_definition";
  // A function-level name has one value per environment (loop turn, call site): cached, so
  // `B = A + A`, `C = B + B`, … costs one evaluation per name, not 2 ** depth.
  let envCache = isModule ? cx.moduleCache : cx.functionCache.get(env);
  const cached = envCache?.get(b);
  if (cached) return cached;
  if (cx.inProgress.has(b)) return unknown(at, "recursive definition");
  cx.inProgress.add(b);
  try {
    // Module constants do not see loop variables or call-site parameters.
    const e = isModule ? ROOT_ENV : env;
    let v = cx.evaluate(b.value!, e);
    for (const m of b.mutations) v = applyMutation(cx, v, m, e);
    if (!envCache) cx.functionCache.set(env, (envCache = new Map<Binding, Value>()));
    envCache.set(b, v);
    return v;
  } finally {
    cx.inProgress.delete(b);
  }
}

/** `X += …`, `X.append(…)`, `X.extend(…)` after the assignment, applied in order. */
function applyMutation(cx: EvalContext, v: Value, m: SyntaxNode, env: Env): Value {
  if (v.kind === "unknown") return v;
  if (m.type === "augmented_assignment") {
    const right = m.childForFieldName("right");
    const r = right ? cx.evaluate(right, env) : unknown(m, "incomplete");
    if (v.kind === "list" && r.kind === "list") return { kind: "list", items: [...v.items, ...r.items], itemNodes: [...v.itemNodes, ...r.itemNodes] };
    return cx.stringLike(m, [v, r]);
  }
  const method = m.childForFieldName("function")?.childForFieldName("attribute")?.text;
  const arg = m.childForFieldName("arguments")?.namedChildren.find((a) => a.type !== "comment");
  if (v.kind !== "list" || !arg) return unknown(m, "changed in a way not followed statically");
  if (method === "append") return { kind: "list", items: [...v.items, cx.evaluate(arg, env)], itemNodes: [...v.itemNodes, arg] };
  const r = cx.evaluate(arg, env);
  if (r.kind !== "list") return unknownFrom(m, r);
  return { kind: "list", items: [...v.items, ...r.items], itemNodes: [...v.itemNodes, ...r.itemNodes] };
}
