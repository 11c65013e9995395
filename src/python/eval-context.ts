import type { SyntaxNode } from "./syntax-node.js";
import type { Env } from "./env.js";
import type { LimitName } from "./limits.js";
import type { ImportedName, ModuleInfo, Binding } from "./scope.js";
import { firstUnknown, unknown, type UnknownValue, type Value } from "./values.js";

export interface EvaluatorOptions {
  /** Calls that return their first argument unchanged (`text`, `DDL`, `sql.SQL`). */
  wrappers: ReadonlySet<string>;
  /** Values of names imported from other modules of the project; null or a reason when not known. */
  imports?: ImportResolver;
  /**
   * Dict literals of plain constants are read from the file's text. Their
   * strings are then not recorded as read (`consumed`): for callers that do
   * not ask (the registry).
   */
  plainDicts?: boolean;
}

/**
 * Looks up `NAME` of `from pkg.mod import NAME` in the project's own modules;
 * with `attribute`, `NAME.attribute` (`config.SCHEMA` after `from app import config`).
 */
export type ImportResolver = (imported: ImportedName, attribute?: string) => { value: Value } | { reason: string } | null;

/**
 * The one state of an evaluation of a file, shared by the evaluator's parts
 * (expressions, names, calls, built-ins): the module, the options, the
 * caches, and the entry points they call each other through.
 */
export interface EvalContext {
  info: ModuleInfo;
  options: EvaluatorOptions;
  evaluate(node: SyntaxNode, env: Env): Value;
  iterate(node: SyntaxNode, env: Env): Value[] | UnknownValue;
  /** Records a budget that ran out at `node`; the value is unknown. */
  hit(limit: LimitName, node: SyntaxNode, env: Env | null, reason: string): UnknownValue;
  /** Joins string-like values (a non-string makes the result unknown at `node`). */
  stringLike(node: SyntaxNode, values: Value[]): Value;
  /** Module and class constants, evaluated once. */
  moduleCache: Map<Binding, Value>;
  /** Function-level names, one value per environment (loop turn, call site). */
  functionCache: WeakMap<Env, Map<Binding, Value>>;
  /** Bindings being evaluated: a name met again inside its own value is a recursive definition. */
  inProgress: Set<Binding>;
}

export function unknownFrom(node: SyntaxNode, v: Value): UnknownValue {
  return firstUnknown(v) ?? unknown(node, "not a string");
}

/** Named children without comments (tree-sitter puts comments wherever they stand, e.g. between string fragments). */
export function codeChildren(node: SyntaxNode): SyntaxNode[] {
  return node.namedChildren.filter((c) => c.type !== "comment");
}
