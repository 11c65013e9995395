import type { SyntaxNode } from "./syntax-node.js";
import type { BindingKind, ImportedName, ModuleInfo, Scope } from "./module-info.js";
import { createParents, createSpans } from "./parents.js";

export type { Binding, ImportedName, ModuleInfo, Scope } from "./module-info.js";

export function analyzeModule(root: SyntaxNode, source: string): ModuleInfo {
  const module: Scope = { node: root, parent: null, bindings: new Map(), params: new Map(), globals: new Set(), body: null };
  const info: ModuleInfo = {
    root,
    source,
    module,
    scopes: new Map(),
    functions: new Map(),
    definitionNames: new Map(),
    docstrings: new Set(),
    calls: [],
    callees: [],
    calleeTexts: [],
    callIndex: new Map(),
    callsByName: new Map(),
    scopeRanges: [],
    strings: [],
    stringStarts: [],
    loopBodies: [],
    ...createParents(),
    ...createSpans(),
  };
  markDocstring(root, info);
  // tree-sitter finds the nodes `visit` handles in one call, in source (pre-)order:
  // walking every node from JavaScript cost a call into tree-sitter per node, and
  // asking a node for its parent searches down from the root. What the walk knew
  // from the path (the scope, the innermost block) comes from index ranges.
  const scopes: { scope: Scope; end: number }[] = [{ scope: module, end: Infinity }];
  // Blocks, and ERROR nodes that stand between a statement and its block in a broken file.
  const blocks: Range[] = [];
  // What a definition can stand in (a block, a decorated definition, an ERROR node; else the module): the
  // parent of each function and class is then known, which the walks up from strings ask for.
  const holders: (Range & { node: SyntaxNode })[] = [];
  // Strings inside a concatenation are read as part of it; only those starting before this end can be.
  let concatenatedReach = -1;
  for (const node of root.descendantsOfType(WANTED)) {
    const type = node.type;
    const start = node.startIndex;
    while (start >= scopes[scopes.length - 1]!.end) scopes.pop();
    while (blocks.length > 0 && start >= blocks[blocks.length - 1]!.end) blocks.pop();
    while (holders.length > 0 && start >= holders[holders.length - 1]!.end) holders.pop();
    if (type === "block" || type === "ERROR" || type === "decorated_definition") {
      const end = node.endIndex;
      if (type !== "decorated_definition") blocks.push({ start, end });
      holders.push({ start, end, node });
      continue;
    }
    if (type === "function_definition" || type === "class_definition") info.noteChildren(holders[holders.length - 1]?.node ?? root, [node]);
    if (type === "string" && start < concatenatedReach && info.parentOf(node)?.type === "concatenated_string") continue;
    if (type === "concatenated_string") concatenatedReach = Math.max(concatenatedReach, node.endIndex);
    if (type === "string" || type === "concatenated_string") info.stringStarts.push(start);
    const entered = visit(node, type, start, { scope: scopes[scopes.length - 1]!.scope, block: blocks[blocks.length - 1] ?? null }, info);
    if (entered) scopes.push({ scope: entered, end: node.endIndex });
  }
  return info;
}

interface Range {
  start: number;
  end: number;
}

/** Where a visited node stands: the scope whose names it sees, and the innermost block around it (null: none, at module level). */
interface Place {
  scope: Scope;
  block: Range | null;
}

/** Node types `visit` does something with, and blocks (for where statements stand). Matched by name: the `lambda` keyword is visited too, a scope of no extent. */
const WANTED = [
  "block",
  "ERROR",
  "decorated_definition",
  "function_definition",
  "lambda",
  "class_definition",
  "call",
  "string",
  "concatenated_string",
  "assignment",
  "augmented_assignment",
  "for_statement",
  "for_in_clause",
  "as_pattern",
  "named_expression",
  "import_statement",
  "import_from_statement",
  "global_statement",
  "nonlocal_statement",
  "delete_statement",
];

/** `string` nodes reach here only when they are not part of a `concatenated_string`. */
function visit(node: SyntaxNode, type: string, start: number, place: Place, info: ModuleInfo): Scope | null {
  const { scope } = place;
  switch (type) {
    case "function_definition":
    case "lambda": {
      const name = node.childForFieldName("name");
      const text = name?.text ?? null;
      if (type === "function_definition") info.definitionNames.set(node, text);
      if (text !== null) bind(scope, text, null, "definition");
      if (text !== null && scope === info.module) info.functions.set(text, node);
      const fn: Scope = { node, parent: scope, bindings: new Map(), params: new Map(), globals: new Set(), body: null };
      for (const p of paramNames(node)) fn.params.set(p.text, p);
      info.scopes.set(node.id, fn);
      const body = node.childForFieldName("body");
      if (body) {
        info.noteChildren(node, [body]);
        markDocstring(body, info);
        fn.body = { start: body.startIndex, end: body.endIndex };
        info.scopeRanges.push({ ...fn.body, scope: fn });
      }
      return fn;
    }
    case "class_definition": {
      // A class body is a scope of its own: its names are not seen from the methods inside it.
      const name = node.childForFieldName("name")?.text ?? null;
      info.definitionNames.set(node, name);
      if (name !== null) bind(scope, name, null, "definition");
      const cls: Scope = { node, parent: scope, bindings: new Map(), params: new Map(), globals: new Set(), body: null };
      info.scopes.set(node.id, cls);
      const body = node.childForFieldName("body");
      if (body) {
        info.noteChildren(node, [body]);
        markDocstring(body, info);
        cls.body = { start: body.startIndex, end: body.endIndex };
        info.scopeRanges.push({ ...cls.body, scope: cls });
      }
      return cls;
    }
    case "call": {
      info.callIndex.set(node, info.calls.length);
      info.calls.push(node);
      const f = node.childForFieldName("function");
      info.callees.push(f);
      // A call starts where its callee does: the callee's text is read with one call into tree-sitter (its end), not two.
      const end = f ? f.endIndex : start;
      const text = f ? info.source.slice(start, end) : null;
      info.calleeTexts.push(text);
      if (f?.type === "identifier" && text !== null) {
        const list = info.callsByName.get(text);
        if (list) list.push(node);
        else info.callsByName.set(text, [node]);
      }
      // Only `X.append(…)` and the like can mutate; asking for the parent costs the nesting depth (5,000 nested calls).
      // The method name first: asking for parents costs more than reading it, and few calls mutate.
      if (f?.type === "attribute" && mutatesBinding(f, end, scope, info.source)) {
        if (isCallStatement(node, place, info)) recordMutationCall(node, scope);
        // Inside a loop, an `if` or an expression it may run any number of times: the name's value is not known.
        else bind(scope, f.childForFieldName("object")!.text, null);
      }
      return null;
    }
    case "string":
      info.strings.push(node);
      return null;
    case "concatenated_string":
      info.strings.push(node);
      return null;
    case "assignment":
      recordAssignment(node, start, scope, info.source);
      return null;
    case "augmented_assignment": {
      const left = node.childForFieldName("left");
      if (left?.type === "identifier") {
        const op = node.childForFieldName("operator")?.text ?? node.children[1]?.text;
        const b = scope.bindings.get(left.text);
        if (op === "+=" && b?.value && isStatementLevel(place)) b.mutations.push(node);
        else bind(scope, left.text, null);
      }
      return null;
    }
    case "for_statement":
    case "for_in_clause": {
      if (type === "for_statement") {
        const left = node.childForFieldName("left");
        if (left) for (const id of identifiersIn(left)) bind(scope, id.text, null, "loop");
        const body = node.childForFieldName("body");
        if (body) {
          // `reach`: the furthest end of this body and of every body starting before it (source order).
          const end = body.endIndex;
          info.loopBodies.push({ start: body.startIndex, end, reach: Math.max(end, info.loopBodies.at(-1)?.reach ?? -1), loop: node });
        }
      }
      return null;
    }
    case "as_pattern": {
      const alias = node.childForFieldName("alias");
      if (alias) for (const id of identifiersIn(alias)) bind(scope, id.text, null);
      return null;
    }
    case "named_expression": {
      const name = node.childForFieldName("name");
      if (name) bind(scope, name.text, null);
      return null;
    }
    case "import_statement":
      for (const child of node.namedChildren) {
        if (child.type === "dotted_name") bind(scope, child.firstNamedChild?.text ?? child.text, null, "import");
        else if (child.type === "aliased_import") {
          // `import app.config as cfg`: cfg is the module, so `cfg.SCHEMA` can be read from it.
          const alias = child.childForFieldName("alias");
          const module = child.childForFieldName("name")?.text;
          if (alias) bind(scope, alias.text, null, "import", module ? { module, level: 0, name: "" } : null);
        }
      }
      return null;
    case "import_from_statement": {
      const from = node.childForFieldName("module_name");
      const prefix = from?.type === "relative_import" ? (from.namedChildren.find((c) => c.type === "import_prefix")?.text ?? "") : "";
      const module = from?.type === "relative_import" ? (from.namedChildren.find((c) => c.type === "dotted_name")?.text ?? "") : (from?.text ?? "");
      for (const child of node.childrenForFieldName("name")) {
        const original = child.type === "aliased_import" ? child.childForFieldName("name") : child;
        const local = child.type === "aliased_import" ? child.childForFieldName("alias") : child;
        if (!original || !local) continue;
        bind(scope, local.text, null, "import", { module, level: prefix.length, name: original.text });
      }
      return null;
    }
    case "global_statement":
    case "nonlocal_statement":
    case "delete_statement":
      for (const id of identifiersIn(node)) {
        bind(scope, id.text, null);
        if (type === "global_statement") scope.globals.add(id.text);
      }
      return null;
    default:
      return null;
  }
}

function bind(scope: Scope, name: string, value: SyntaxNode | null, kind: BindingKind = value ? "assignment" : "other", imported: ImportedName | null = null): void {
  const b = scope.bindings.get(name);
  if (b) {
    b.count++;
    b.value = null;
    b.imported = null;
  } else scope.bindings.set(name, { value, mutations: [], count: 1, kind, imported });
}

function recordAssignment(node: SyntaxNode, start: number, scope: Scope, source: string): void {
  const sides = assignmentSides(node);
  const left = sides.left;
  let right = sides.right;
  if (!left) return;
  // a = b = "x": every target gets the final value.
  while (right?.type === "assignment") right = right.childForFieldName("right");
  if (!right) return; // annotation only
  // A name, by far the most common target, starts where the assignment does: its text costs one read, not two.
  if (left.type === "identifier") bind(scope, source.slice(start, left.endIndex), right);
  else bindTarget(left, right, scope);
}

/**
 * The target and value of an assignment, from its children read at once
 * (`x = v`, `x: T = v`, `x: T`; comments aside); by field when anything else
 * (an error) stands among them.
 */
function assignmentSides(node: SyntaxNode): { left: SyntaxNode | null; right: SyntaxNode | null } {
  const parts = node.namedChildren.filter((c) => c.type !== "comment");
  const [first, second, third] = parts;
  if (first && second && parts.length <= 3 && !parts.some((c) => c.type === "ERROR")) {
    if (parts.length === 2) return { left: first, right: second.type === "type" ? null : second };
    if (second.type === "type") return { left: first, right: third ?? null };
  }
  return { left: node.childForFieldName("left"), right: node.childForFieldName("right") };
}

function bindTarget(left: SyntaxNode, right: SyntaxNode, scope: Scope): void {
  // Asked of tree-sitter once (each read is a call that builds a new string).
  const type = left.type;
  if (type === "identifier") {
    bind(scope, left.text, right);
    return;
  }
  if (type === "pattern_list" || type === "tuple_pattern" || type === "list_pattern") {
    const targets = left.namedChildren;
    const values = right.type === "expression_list" || right.type === "tuple" || right.type === "list" ? right.namedChildren : null;
    targets.forEach((t, k) => {
      const v = values?.length === targets.length ? values[k]! : null;
      if (v) bindTarget(t, v, scope);
      else for (const id of identifiersIn(t)) bind(scope, id.text, null);
    });
    return;
  }
  if (type === "subscript" || type === "attribute") {
    // X["k"] = v or X.attr = v changes X in a way we do not follow.
    const base = left.childForFieldName("value") ?? left.childForFieldName("object");
    if (base?.type === "identifier") bind(scope, base.text, null);
  }
}

const MUTATING_METHODS = new Set(["append", "extend", "insert", "remove", "pop", "clear", "sort", "reverse", "update", "setdefault"]);

/** `X.append`, `X.update`, …: a method that changes `X`, a name bound in the scope. */
function mutatesBinding(fn: SyntaxNode, end: number, scope: Scope, source: string): boolean {
  const attr = methodName(end, source) ?? fn.childForFieldName("attribute")?.text;
  if (!attr || !MUTATING_METHODS.has(attr)) return false;
  const obj = fn.childForFieldName("object");
  return obj?.type === "identifier" && scope.bindings.has(obj.text);
}

/**
 * The name after the dot of an attribute (`append` in `x.append`), read back
 * from the attribute's end in the source: an attribute ends with that name.
 * Null when a character before the ASCII letters read could belong to the
 * name (a non-ASCII letter): the caller then asks tree-sitter.
 */
function methodName(end: number, source: string): string | null {
  let k = end;
  while (k > 0 && isAsciiNameChar(source.charCodeAt(k - 1))) k--;
  return k === end || source.charCodeAt(k - 1) > 0x7f ? null : source.slice(k, end);
}

/** An ASCII letter, digit or `_`: a character of a name (a non-ASCII one may be, and is asked of the tree). */
export function isAsciiNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** `X.append(v)` / `X.extend(v)` as a statement of the scope's own block. */
function recordMutationCall(call: SyntaxNode, scope: Scope): void {
  const fn = call.childForFieldName("function");
  if (fn?.type !== "attribute") return;
  const obj = fn.childForFieldName("object");
  const attr = fn.childForFieldName("attribute")?.text;
  if (obj?.type !== "identifier" || !attr) return;
  if (!MUTATING_METHODS.has(attr)) return;
  const b = scope.bindings.get(obj.text);
  if (!b) return;
  if ((attr === "append" || attr === "extend") && b.value) b.mutations.push(call);
  else bind(scope, obj.text, null);
}

/**
 * True when a statement (an augmented assignment is always the whole of an
 * expression statement) stands directly in its scope's body: the innermost
 * block around it is that body, or at module level there is none.
 */
function isStatementLevel(place: Place): boolean {
  const { scope, block } = place;
  if (scope.node.type === "module") return block === null;
  return block !== null && scope.node.type !== "lambda" && scope.body !== null && block.start === scope.body.start && block.end === scope.body.end;
}

/** A call that is the whole of an expression statement directly in its scope's body. */
function isCallStatement(call: SyntaxNode, place: Place, info: ModuleInfo): boolean {
  return info.parentOf(call)?.type === "expression_statement" && isStatementLevel(place);
}

function markDocstring(body: SyntaxNode, info: ModuleInfo): void {
  let first = body.firstNamedChild;
  while (first?.type === "comment") first = first.nextNamedSibling;
  if (first?.type === "expression_statement" && first.namedChildCount === 1) {
    const s = first.firstNamedChild!;
    if (s.type === "string" || s.type === "concatenated_string") info.docstrings.add(s.id);
  }
}

export function paramNames(fn: SyntaxNode): SyntaxNode[] {
  const params = fn.childForFieldName("parameters");
  if (!params) return [];
  const out: SyntaxNode[] = [];
  for (const p of params.namedChildren) {
    if (p.type === "identifier") out.push(p);
    else {
      // `*columns: Column` is a typed parameter around the splat pattern, which holds the name.
      const inner = p.type === "typed_parameter" && p.namedChildren[0]?.type.endsWith("splat_pattern") ? p.namedChildren[0] : p;
      const name = inner.childForFieldName("name") ?? inner.namedChildren.find((c) => c.type === "identifier");
      if (name?.type === "identifier") out.push(name);
    }
  }
  return out;
}

export function identifiersIn(node: SyntaxNode): SyntaxNode[] {
  if (node.type === "identifier") return [node];
  return node.descendantsOfType("identifier");
}

/** The innermost function (or the module) whose body holds `node`; parameters and defaults belong outside. */
export function scopeOf(info: ModuleInfo, node: SyntaxNode): Scope {
  const at = node.startIndex;
  const ranges = info.scopeRanges;
  // Last body starting at or before `at`, then out through its parents until one contains it.
  const r = ranges[lastStartingBy(ranges, at)];
  if (!r) return info.module;
  const end = node.endIndex;
  for (let scope: Scope | null = r.scope; scope && scope !== info.module; scope = scope.parent) {
    const body = scope.body;
    if (body && at >= body.start && end <= body.end) return scope;
  }
  return info.module;
}

/** True when `node` lies inside the body of some `for` statement of the module (a cheap test before walking up). */
export function inAnyLoop(info: ModuleInfo, node: SyntaxNode): boolean {
  const bodies = info.loopBodies;
  if (bodies.length === 0) return false;
  // Last body starting at or before the node; some body up to it reaches past the node's end iff one holds it.
  const last = bodies[lastStartingBy(bodies, node.startIndex)];
  return last !== undefined && last.reach >= node.endIndex;
}

/** Index of the last of `items` (sorted by start) starting at or before `at`; -1 when none does. */
function lastStartingBy(items: readonly { start: number }[], at: number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]!.start <= at) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}
