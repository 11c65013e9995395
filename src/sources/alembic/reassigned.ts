import type { SyntaxNode } from "../../python/syntax-node.js";
import { extendEnv, type Env } from "../../python/evaluate.js";
import { unknown, type Value } from "../../python/values.js";

/**
 * The names a function assigns more than once, and the parameters its body
 * assigns (`if name is None: name = f"ix_{table}_{column}"`, `name = name or
 * ...`, `if short: prefix = "i" else: prefix = "index"`). The evaluator
 * knows a name by its one assignment, and a parameter by its caller's value;
 * for these the walk follows the assignments in order where it can
 * (rebound) and takes the name as not known statically where it cannot
 * (clobbered).
 */

const cache = new WeakMap<SyntaxNode, ReadonlySet<string>>();
const NONE: ReadonlySet<string> = new Set();

/** The names of the function whose body holds `statements` that the walk follows in order; empty outside a function. */
export function reassignedNames(statements: readonly SyntaxNode[]): ReadonlySet<string> {
  let def: SyntaxNode | null = statements[0]?.parent ?? null;
  while (def && def.type !== "function_definition") def = def.type === "class_definition" || def.type === "module" ? null : def.parent;
  if (!def) return NONE;
  let found = cache.get(def);
  if (found === undefined) {
    const body = def.childForFieldName("body");
    // Most functions (a revision's upgrade()) assign nothing: a look at the text spares asking tree-sitter.
    if (!body || !MAY_ASSIGN.test(body.text)) {
      cache.set(def, NONE);
      return NONE;
    }
    const params = new Set(parameterNames(def));
    const counts = new Map<string, number>();
    for (const n of assignedNames(body)) counts.set(n, (counts.get(n) ?? 0) + 1);
    found = new Set([...counts].filter(([n, k]) => k > 1 || params.has(n)).map(([n]) => n));
    cache.set(def, found.size > 0 ? found : NONE);
  }
  return found;
}

function parameterNames(def: SyntaxNode): string[] {
  const out: string[] = [];
  for (const p of def.childForFieldName("parameters")?.namedChildren ?? []) {
    const name = p.type === "identifier" ? p : p.type === "default_parameter" || p.type === "typed_default_parameter" ? p.childForFieldName("name") : p.type === "typed_parameter" ? p.firstNamedChild : null;
    if (name?.type === "identifier") out.push(name.text);
  }
  return out;
}

/**
 * A line that starts like an assignment (`name =`, `a, b =`, `x +=`), or a
 * `for`, `as` or `:=`: a text that has none assigns no name. (A keyword
 * argument on a line of its own also matches; that costs only the full look.)
 */
const MAY_ASSIGN = /^[ \t]*[A-Za-z_][\w. \t,:[\]]*(?:[-+*/%&|^@]|\/\/|\*\*|<<|>>)?=(?!=)|\bfor\b|\bas\b|:=/m;

/** What assigns a name: `=`, `+=`, `for x in`, `with ... as x`, `:=`. */
const ASSIGNING = ["assignment", "augmented_assignment", "for_statement", "as_pattern", "named_expression"];

/** The names `node` assigns, outside functions, classes and lambdas it holds. */
function assignedNames(node: SyntaxNode): string[] {
  const out: string[] = [];
  // Found by tree-sitter itself: a walk over every node from JavaScript cost ~0.1 ms a revision.
  for (const n of node.descendantsOfType(ASSIGNING)) {
    if (nestedIn(n, node)) continue;
    const target = n.type === "as_pattern" ? n.childForFieldName("alias") : n.type === "named_expression" ? n.childForFieldName("name") : n.childForFieldName("left");
    if (target) targetNames(target, out);
  }
  return out;
}

/** Whether `n` is inside a function, class or lambda that `root` holds. */
function nestedIn(n: SyntaxNode, root: SyntaxNode): boolean {
  for (let p = n.parent; p && p !== root; p = p.parent) if (p.type === "function_definition" || p.type === "class_definition" || p.type === "lambda") return true;
  return false;
}

function targetNames(target: SyntaxNode, out: string[]): void {
  if (target.type === "identifier") out.push(target.text);
  else if (target.type === "pattern_list" || target.type === "tuple_pattern" || target.type === "list_pattern" || target.type === "as_pattern_target") for (const c of target.namedChildren) targetNames(c, out);
}

/** The variables past the block-level statement `statement`: a plain `name = value` of such a name is followed; any other assignment of one leaves it not known statically. */
export function rebound(env: Env, statement: SyntaxNode, names: ReadonlySet<string>, evaluate: (node: SyntaxNode, env: Env) => Value): Env {
  const assignment = statement.type === "expression_statement" ? statement.firstNamedChild : null;
  const left = assignment?.type === "assignment" ? assignment.childForFieldName("left") : null;
  const right = assignment?.childForFieldName("right");
  if (left?.type === "identifier" && right && names.has(left.text)) return extendEnv(env, new Map([[left.text, evaluate(right, env)]]));
  return clobbered(env, statement, names);
}

/** `env` with each such name `node` assigns somewhere inside (where the walk does not follow the order) not known statically. */
export function clobbered(env: Env, node: SyntaxNode, names: ReadonlySet<string>): Env {
  if (names.size === 0) return env;
  const assigned = [...new Set(assignedNames(node))].filter((n) => names.has(n));
  if (assigned.length === 0) return env;
  return extendEnv(env, new Map(assigned.map((n) => [n, unknown(node, `${n} is assigned in a block whose order the reader does not follow`)])));
}
