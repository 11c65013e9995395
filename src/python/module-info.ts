/** What analyzeModule records about a Python module: scopes, bindings, calls, strings. */
import type { SyntaxNode } from "./syntax-node.js";
import type { NoteChildren, ParentOf, SpanOf } from "./parents.js";

/**
 * Who binds which name where. A name bound exactly once by a plain
 * assignment (plus, for lists, `append`/`extend`/`+=` statements at the same
 * level) can be resolved statically; anything else cannot.
 */
export interface Binding {
  /** The single assigned expression, when there is exactly one plain assignment. */
  value: SyntaxNode | null;
  /** `X.append(v)`, `X.extend(v)` and `X += v` statements after it, in source order. */
  mutations: SyntaxNode[];
  /** How many times the name is bound in this scope (any way). */
  count: number;
  /** How it was first bound: what a reason says when the value is not known. */
  kind: BindingKind;
  /** `from pkg.mod import NAME [as X]`: where the value comes from (when that is its only binding). */
  imported: ImportedName | null;
}

export type BindingKind = "assignment" | "import" | "definition" | "loop" | "other";

export interface ImportedName {
  /** The module as written, without its leading dots (`pkg.mod`, `config`, or "" for `from . import x`). */
  module: string;
  /** Leading dots of a relative import (0 for an absolute one). */
  level: number;
  /** The name in that module; "" when the module itself is bound (`import app.config as cfg`). */
  name: string;
}

export interface Scope {
  /** A function, lambda or class (its body is its own scope), or the module. */
  node: SyntaxNode;
  parent: Scope | null;
  bindings: Map<string, Binding>;
  /** Parameters of a function scope, by name. */
  params: Map<string, SyntaxNode>;
  /** Names a `global` statement in this scope declares: they are the module's names here. */
  globals: Set<string>;
  /** The body's index range (null for the module, or a definition without one). */
  body: { start: number; end: number } | null;
}

export interface ModuleInfo {
  root: SyntaxNode;
  source: string;
  module: Scope;
  /** Scopes of functions (and lambdas), by node id. */
  scopes: Map<number, Scope>;
  /** The name of each function and class definition (null: none), by node object. */
  definitionNames: Map<SyntaxNode, string | null>;
  /** Module-level functions by name. */
  functions: Map<string, SyntaxNode>;
  /** Ids of string nodes that are docstrings. */
  docstrings: Set<number>;
  calls: SyntaxNode[];
  /** The callee expression of each of `calls` (same order). */
  callees: (SyntaxNode | null)[];
  /** The text of each of `callees` as written (same order), read once. */
  calleeTexts: (string | null)[];
  /** Where each of `calls` stands in it, by node object (one object per node: syntax-node.ts). */
  callIndex: Map<SyntaxNode, number>;
  /** Calls of a plain name (`f(...)`), by that name. */
  callsByName: Map<string, SyntaxNode[]>;
  /** Function bodies as index ranges, sorted by start, for finding a node's scope without walking up. */
  scopeRanges: { start: number; end: number; scope: Scope }[];
  /** String expressions that are not part of a larger implicit concatenation. */
  strings: SyntaxNode[];
  /** Where each of `strings` starts (same order; ascending): the string holding an index is found without asking tree-sitter. */
  stringStarts: number[];
  /** Bodies of `for` statements as index ranges, by start: a node outside all of them is in no loop. */
  loopBodies: { start: number; end: number; reach: number; loop: SyntaxNode }[];
  /** Parents of this module's nodes, each asked of tree-sitter once (walks up from many strings share them). */
  parentOf: ParentOf;
  noteChildren: NoteChildren;
  spanOf: SpanOf;
}
