import type { SyntaxNode } from "../python/syntax-node.js";
import { createParents, createSpans } from "../python/parents.js";
import { analyzeModule, isAsciiNameChar, type Binding, type ModuleInfo, type Scope } from "../python/scope.js";
import { insideAny } from "../python/sorted.js";
import { plainLiteral, plainLiteralText } from "./literal.js";
import { scanModuleText, type ModuleText } from "./module-text.js";

/**
 * A module's analysis, made when first asked for. A migration file is mostly
 * operations on literals, which the evaluator reads without the module's
 * scopes; analyzing every file up front was most of a framework source's
 * reading (each node visited is a call into tree-sitter). The module-level
 * functions, and the module-level names a reader asks for, are found more
 * cheaply (`moduleFunctions`, `moduleValue`) and agree with the analysis.
 * `clean`: Python would accept the file (no syntax problem found), so each
 * module-level statement starts a line at column 0.
 */
export class LazyModuleInfo implements ModuleInfo {
  readonly parentOf: ModuleInfo["parentOf"];
  readonly noteChildren: ModuleInfo["noteChildren"];
  readonly spanOf: ModuleInfo["spanOf"];
  private full: ModuleInfo | null = null;
  private cheapFunctions: Map<string, SyntaxNode> | null = null;
  private scanned: ModuleText | null | undefined = undefined;
  private starts: Map<string, number> | null | undefined = undefined;

  constructor(
    readonly root: SyntaxNode,
    readonly source: string,
    private readonly clean: boolean,
  ) {
    // Parents and spans are kept on the nodes themselves (syntax-node.ts): the analysis, made later, reads the same.
    const parents = createParents();
    this.parentOf = parents.parentOf;
    this.noteChildren = parents.noteChildren;
    this.spanOf = createSpans().spanOf;
  }

  /** The whole analysis (made now if it was not). */
  analysis(): ModuleInfo {
    return (this.full ??= analyzeModule(this.root, this.source));
  }

  get analyzed(): boolean {
    return this.full !== null;
  }

  /** The module's text scanned once (null: not read that way; see `scanModuleText`). */
  text(): ModuleText | null {
    if (this.scanned === undefined) this.scanned = this.clean ? scanModuleText(this.source) : null;
    return this.scanned;
  }

  get functions(): Map<string, SyntaxNode> {
    if (this.full) return this.full.functions;
    if (!this.cheapFunctions) {
      const starts = this.defStarts();
      this.cheapFunctions = (starts && functionNodes(this.root, starts)) ?? moduleFunctions(this.root);
    }
    return this.cheapFunctions;
  }

  /** Where each module-level function's `def` is, by name (from the text; null: ask the tree). */
  private defStarts(): Map<string, number> | null {
    if (this.starts === undefined) {
      const text = this.text();
      this.starts = text && topLevelDefs(this.source, text);
    }
    return this.starts;
  }

  /** The module-level function `name` (null: none); only its node is asked of tree-sitter. */
  functionNamed(name: string): SyntaxNode | null {
    const starts = this.full || this.cheapFunctions ? null : this.defStarts();
    if (!starts) return this.functions.get(name) ?? null;
    const at = starts.get(name);
    if (at === undefined) return null;
    const node = definitionAt(this.root, at);
    return node ?? this.functions.get(name) ?? null;
  }

  /** The module-level functions' names, in the analysis's order. */
  functionNames(): string[] {
    const starts = this.full || this.cheapFunctions ? null : this.defStarts();
    return [...(starts ?? this.functions).keys()];
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
  // definitionNames and callIndex only spare reads from tree-sitter (their users read the tree for a
  // node they lack): before the analysis is made they are empty rather than a reason to make it.
  get definitionNames(): ModuleInfo["definitionNames"] {
    return this.full ? this.full.definitionNames : NO_NAMES;
  }
  get calls(): ModuleInfo["calls"] {
    return this.analysis().calls;
  }
  get callees(): ModuleInfo["callees"] {
    return this.analysis().callees;
  }
  // Read by position in `calls` (or through callIndex): empty would mean no callees, so it makes the analysis.
  get calleeTexts(): ModuleInfo["calleeTexts"] {
    return this.analysis().calleeTexts;
  }
  get callIndex(): ModuleInfo["callIndex"] {
    return this.full ? this.full.callIndex : NO_CALLS;
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

const NO_NAMES: ModuleInfo["definitionNames"] = new Map();
const NO_CALLS: ModuleInfo["callIndex"] = new Map();

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
 * A module-level name's value: where it is written; whether it is None, or a
 * plain string literal (its text); else its node, for the evaluator.
 */
export interface ModuleValue {
  start: number;
  none: boolean;
  plain: string | null;
  /** null only when `none` or `plain` says what it is. */
  node: SyntaxNode | null;
}

/**
 * The value a module-level name is bound to, as the analysis's binding has it
 * (null: not bound exactly once by a plain assignment). Read without the
 * analysis when the name occurs once as code (in strings and comments it may
 * occur freely), as the target of an assignment starting a statement of a
 * clean module: then that is its only binding. Otherwise the analysis answers.
 */
export function moduleValue(info: LazyModuleInfo, name: string): ModuleValue | null {
  const text = info.analyzed ? null : info.text();
  if (text) {
    const cheap = cheapModuleValue(info.root, info.source, text, name);
    if (cheap !== undefined) return cheap;
  }
  const b: Binding | undefined = info.module.bindings.get(name);
  return b?.value ? nodeValue(b.value) : null;
}

function nodeValue(node: SyntaxNode): ModuleValue {
  return { start: node.startIndex, none: node.type === "none", plain: plainLiteral(node), node };
}

/** undefined: not known without the analysis. */
function cheapModuleValue(root: SyntaxNode, source: string, text: ModuleText, name: string): ModuleValue | null | undefined {
  let code = -1;
  for (let at = source.indexOf(name); at >= 0; at = source.indexOf(name, at + 1)) {
    // An ASCII name character next to it makes it part of a longer name; any other neighbour counts it (the analysis answers).
    if (isAsciiNameChar(source.charCodeAt(at - 1)) || isAsciiNameChar(source.charCodeAt(at + name.length)) || insideAny(text.inert, at)) continue;
    // Code: a second one could bind it again.
    if (code >= 0) return undefined;
    code = at;
  }
  // Never written as code: never bound.
  if (code < 0) return null;
  // Bound here only when this is the target of an assignment that starts a statement of the module.
  ASSIGNED.lastIndex = code + name.length;
  if (!text.topStarts.has(code) || !ASSIGNED.test(source)) return undefined;
  // The rest of the line: None or a plain literal is read from it, anything else from its node.
  const start = ASSIGNED.lastIndex;
  const written = source.slice(start, text.codeEnds.get(code));
  if (written === "None") return { start, none: true, plain: null, node: null };
  const plain = plainLiteralText(written);
  if (plain !== null) return { start, none: false, plain, node: null };
  const statement = root.firstNamedChildForIndex(code);
  if (statement?.type !== "expression_statement" || statement.startIndex !== code) return undefined;
  const assignment = statement.firstNamedChild;
  if (assignment?.type !== "assignment") return undefined;
  // a = b = "x": every target gets the final value.
  let right = assignment.childForFieldName("right");
  while (right?.type === "assignment") right = right.childForFieldName("right");
  return right ? nodeValue(right) : null;
}

/**
 * `=` (not `==`) after a name, or after its annotation (`revision: str = …`, as newer Alembic
 * templates write it). An annotation holding `=`, `<`, `>`, `!`, a quote or a comment is left to the
 * tree: the first `=` after it could then be part of `<=`, `:=` or a string rather than the assignment.
 */
const ASSIGNED = /[ \t]*(?::[^=<>!\n\r#"']*)?=(?!=)[ \t]*/y;

/** Keywords that start a compound statement (or may: `match` is a soft keyword), whose body could define module-level functions. */
const COMPOUND = new Set(["if", "for", "while", "try", "with", "match", "async"]);

/**
 * Where the module-level functions of a clean module are defined, by name:
 * the `def` statements at column 0 (the last of a name winning, in the order
 * names first appear); null (ask the tree) when a decorator or a compound
 * statement stands at the top level, or a name is not plain ASCII.
 */
function topLevelDefs(source: string, text: ModuleText): Map<string, number> | null {
  const out = new Map<string, number>();
  for (const at of text.topStarts) {
    if (source.charCodeAt(at) === 64) return null;
    WORD.lastIndex = at;
    const word = WORD.exec(source)?.[0];
    if (word === undefined) continue;
    if (COMPOUND.has(word)) return null;
    if (word !== "def") continue;
    DEF_NAME.lastIndex = at + 3;
    const name = DEF_NAME.exec(source)?.[1];
    if (name === undefined) return null;
    out.set(name, at);
  }
  return out;
}

/** ` name(` or ` name[` after `def`. */
const DEF_NAME = /[ \t]+([A-Za-z_][A-Za-z0-9_]*)[ \t]*[([]/y;

/** The nodes of the functions defined at `starts`; null when one is not where the text says. */
function functionNodes(root: SyntaxNode, starts: ReadonlyMap<string, number>): Map<string, SyntaxNode> | null {
  const out = new Map<string, SyntaxNode>();
  for (const [name, at] of starts) {
    const node = definitionAt(root, at);
    if (!node) return null;
    out.set(name, node);
  }
  return out;
}

/** The function definition statement starting at `at`; null when there is none. */
function definitionAt(root: SyntaxNode, at: number): SyntaxNode | null {
  const node = root.firstNamedChildForIndex(at);
  return node?.type === "function_definition" && node.startIndex === at ? node : null;
}

const WORD = /[A-Za-z_]\w*/y;
