import type { SyntaxNode } from "tree-sitter";
import { createParents } from "../python/parents.js";
import { analyzeModule, type Binding, type ModuleInfo, type Scope } from "../python/scope.js";

/**
 * A module's analysis, made when first asked for. A migration file is mostly
 * operations on literals, which the evaluator reads without the module's
 * scopes; analyzing every file up front was most of a framework source's
 * reading (each node visited is a call into tree-sitter). The module-level
 * functions, and the module-level names a reader asks for, are found more
 * cheaply (`moduleFunctions`, `moduleValue`) and agree with the analysis.
 */
export class LazyModuleInfo implements ModuleInfo {
  readonly parentOf: ModuleInfo["parentOf"];
  readonly noteChildren: ModuleInfo["noteChildren"];
  private full: ModuleInfo | null = null;
  private cheapFunctions: Map<string, SyntaxNode> | null = null;

  constructor(
    readonly root: SyntaxNode,
    readonly source: string,
  ) {
    // The analysis has parents of its own: either cache answers what tree-sitter would.
    const parents = createParents();
    this.parentOf = parents.parentOf;
    this.noteChildren = parents.noteChildren;
  }

  /** The whole analysis (made now if it was not). */
  analysis(): ModuleInfo {
    return (this.full ??= analyzeModule(this.root, this.source));
  }

  get analyzed(): boolean {
    return this.full !== null;
  }

  get functions(): Map<string, SyntaxNode> {
    return this.full?.functions ?? (this.cheapFunctions ??= moduleFunctions(this.root));
  }

  get module(): Scope {
    return this.analysis().module;
  }
  get scopes(): ModuleInfo["scopes"] {
    return this.analysis().scopes;
  }
  get docstrings(): ModuleInfo["docstrings"] {
    return this.analysis().docstrings;
  }
  get calls(): ModuleInfo["calls"] {
    return this.analysis().calls;
  }
  get callees(): ModuleInfo["callees"] {
    return this.analysis().callees;
  }
  get callsByName(): ModuleInfo["callsByName"] {
    return this.analysis().callsByName;
  }
  get scopeRanges(): ModuleInfo["scopeRanges"] {
    return this.analysis().scopeRanges;
  }
  get strings(): ModuleInfo["strings"] {
    return this.analysis().strings;
  }
  get stringStarts(): ModuleInfo["stringStarts"] {
    return this.analysis().stringStarts;
  }
  get loopBodies(): ModuleInfo["loopBodies"] {
    return this.analysis().loopBodies;
  }
}

/** Nodes that open a scope (the `lambda` keyword matches too: a scope of no extent, as in the analysis). */
const SCOPE_TYPES = ["function_definition", "class_definition", "lambda"];

/**
 * The module-level functions by name, as the analysis finds them: each
 * function definition in no function, class or lambda, the last of a name
 * winning. One call into tree-sitter finds the definitions.
 */
export function moduleFunctions(root: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  // Ends of the scopes the walk is in (pre-order: a scope is left once a node starts at or past its end).
  const open: number[] = [];
  for (const node of root.descendantsOfType(SCOPE_TYPES)) {
    const start = node.startIndex;
    while (open.length > 0 && start >= open[open.length - 1]!) open.pop();
    if (open.length === 0 && node.type === "function_definition") {
      const name = node.childForFieldName("name");
      if (name) out.set(name.text, node);
    }
    open.push(node.endIndex);
  }
  return out;
}

/**
 * The value a module-level name is bound to, as the analysis's binding has it
 * (null: not bound exactly once by a plain assignment). Read without the
 * analysis when the name occurs once as code (in strings and comments it may
 * occur freely), as the target of an assignment standing alone at module
 * level: then that is its only binding. Otherwise the analysis answers.
 */
export function moduleValue(info: LazyModuleInfo, name: string): SyntaxNode | null {
  if (!info.analyzed) {
    const cheap = cheapModuleValue(info.root, info.source, name);
    if (cheap !== undefined) return cheap;
  }
  const b: Binding | undefined = info.module.bindings.get(name);
  return b?.value ?? null;
}

/** undefined: not known without the analysis. */
function cheapModuleValue(root: SyntaxNode, source: string, name: string): SyntaxNode | null | undefined {
  // In a file tree-sitter recovered in, tokens may not be where the text suggests.
  if (root.hasError) return undefined;
  let code = -1;
  for (let at = source.indexOf(name); at >= 0; at = source.indexOf(name, at + 1)) {
    if (isAsciiNameChar(source.charCodeAt(at - 1)) || isAsciiNameChar(source.charCodeAt(at + name.length))) continue;
    const type = root.descendantForIndex(at, at + name.length).type;
    if (type === "string_content" || type === "comment") continue;
    // Code (or anything not plainly inside a string or comment): a second one could bind it again.
    if (type !== "identifier" || code >= 0) return undefined;
    code = at;
  }
  // Never written as code: never bound.
  if (code < 0) return null;
  const statement = root.firstNamedChildForIndex(code);
  if (statement?.type !== "expression_statement" || statement.startIndex !== code) return undefined;
  const assignment = statement.firstNamedChild;
  if (assignment?.type !== "assignment") return undefined;
  const left = assignment.childForFieldName("left");
  if (left?.type !== "identifier" || left.startIndex !== code || left.endIndex !== code + name.length) return undefined;
  // a = b = "x": every target gets the final value; an annotation alone binds nothing.
  let right = assignment.childForFieldName("right");
  while (right?.type === "assignment") right = right.childForFieldName("right");
  return right;
}

/** An ASCII letter, digit or `_` next to the name makes it part of a longer one (any other neighbour is asked of the tree). */
function isAsciiNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}
