import type { SyntaxNode, TreeCursor } from "./syntax-node.js";
import type { ParentOf } from "./parents.js";

/**
 * A condition that decides whether a statement runs, read from the syntax
 * tree: the `if` around it, the `else` it sits in, or an `if …: return`
 * before it. Data, not text: what each test in the condition is about, and
 * which outcome of it lets the statement run.
 */
export interface Guard {
  /** The condition as written (whitespace collapsed). */
  condition: string;
  /** The condition under which the statement runs, for display: `not (x)` (or `x` for `not x`) when it runs on false. */
  text: string;
  /** Source index of the condition. */
  index: number;
  /** The statement runs when the condition is true (`if` body) or false (`else`, after `if …: return`). */
  runsWhen: boolean;
  /** The calls and membership tests in the condition. */
  tests: GuardTest[];
  /** A framework source's reader could not decide the condition (an Alembic `if` it does not read): the statement may not run. */
  undecided?: boolean;
}

export interface GuardTest {
  /** `index_exists(conn, "idx")` or `"idx" in existing` (a `not in` is a negated `in`). */
  kind: "call" | "membership";
  /** The function called, as written without spaces (`index_exists`, `db.relation_missing`); null for membership. */
  callee: string | null;
  /** The string literals the test is about (`idx` of `"idx" in existing`, the call's string arguments). */
  literals: string[];
  /** The plain names it is about (`IDX_A` of `IDX_A not in existing`, `conn` of `index_exists(conn, …)`). */
  names: string[];
  /** The value of this test under which the statement runs; null when the condition does not decide it (`a or b`). */
  requires: boolean | null;
}

const EXITS = new Set(["return_statement", "continue_statement", "raise_statement", "break_statement"]);

/**
 * Caches, by block, the early exits of each block (so 2,000 statements in
 * one function cost one scan) and the guards of the block itself (so they
 * are read once per block, not once per string in it). Keyed by the node
 * object, which costs no call into tree-sitter: a block met again as another
 * object is only read again.
 */
export interface GuardCache {
  exits: Map<SyntaxNode, { end: number; condition: SyntaxNode }[]>;
  above: Map<SyntaxNode, Guard[]>;
  parentOf: ParentOf;
}

export function createGuardCache(parents: { parentOf: ParentOf }): GuardCache {
  return { exits: new Map(), above: new Map(), parentOf: parents.parentOf };
}

/**
 * Every condition between `node` and its function (or the module), innermost
 * first: enclosing `if`/`elif` bodies, `else` clauses, and `if …: return`
 * statements earlier in each enclosing block.
 */
export function guardsOf(node: SyntaxNode, cache: GuardCache): Guard[] {
  const { out, block } = guardsBelowBlock(node, cache);
  return block ? out.concat(blockGuards(block, cache)) : out;
}

/**
 * The guards from `node` up to and including the early exits of the first
 * block (or module) above it, and that block; null when a function, class or
 * lambda ends the walk first.
 */
function guardsBelowBlock(node: SyntaxNode, cache: GuardCache): { out: Guard[]; block: SyntaxNode | null } {
  const out: Guard[] = [];
  const { parentOf } = cache;
  // Each type is asked of tree-sitter once: the child's is its parent's of the step before (the node's, when needed).
  let below: string | null = null;
  for (let child = node, p = parentOf(node); p; child = p, p = parentOf(p)) {
    const type = p.type;
    let childType = below;
    below = type;
    if (type === "block" || type === "module") {
      const exits = earlyExits(p, cache);
      const start = exits.length > 0 ? child.startIndex : 0;
      for (let k = exits.length - 1; k >= 0; k--) if (exits[k]!.end <= start) out.push(guard(exits[k]!.condition, false));
      return { out, block: p };
    }
    if (type === "function_definition" || type === "class_definition" || type === "lambda") break;
    if (type === "if_statement" || type === "elif_clause") {
      const cond = p.childForFieldName("condition");
      if (!cond || child.id === cond.id) continue;
      // Inside the `if` body only: an `else`/`elif` child is handled at its own level.
      childType ??= child.type;
      if (childType === "else_clause" || childType === "elif_clause") continue;
      out.push(guard(cond, true));
    }
    // An `elif` or `else` runs only when every condition before it in the chain was false.
    const chain = type === "else_clause" || type === "elif_clause" ? parentOf(p) : null;
    if (chain?.type === "if_statement") {
      const at = p.startIndex;
      const earlier = [chain.childForFieldName("condition"), ...chain.namedChildren.filter((c) => c.type === "elif_clause" && c.startIndex < at).map((c) => c.childForFieldName("condition"))];
      for (let k = earlier.length - 1; k >= 0; k--) {
        const cond = earlier[k];
        if (cond) out.push(guard(cond, false));
      }
    }
  }
  return { out, block: null };
}

/**
 * The guards of a block itself (every statement in it shares them), cached:
 * a string costs the walk up to its own block, not up to the module. A loop,
 * not recursion: blocks can nest thousands deep.
 */
function blockGuards(block: SyntaxNode, cache: GuardCache): Guard[] {
  const pending: { block: SyntaxNode; out: Guard[] }[] = [];
  let above: Guard[] = [];
  for (let b: SyntaxNode | null = block; b; ) {
    const cached = cache.above.get(b);
    if (cached) {
      above = cached;
      break;
    }
    const step = guardsBelowBlock(b, cache);
    pending.push({ block: b, out: step.out });
    b = step.block;
  }
  for (let k = pending.length - 1; k >= 0; k--) {
    above = pending[k]!.out.concat(above);
    cache.above.set(pending[k]!.block, above);
  }
  return above;
}

/**
 * `if cond: … return` (no elif/else) directly in the block: what follows runs only when cond is false.
 * Read with a cursor: a block of 2,000 statements would otherwise build a node for each (an object
 * and calls into tree-sitter), where only the `if` statements that exit need one.
 */
function earlyExits(block: SyntaxNode, cache: GuardCache): { end: number; condition: SyntaxNode }[] {
  const cached = cache.exits.get(block);
  if (cached) return cached;
  const out: { end: number; condition: SyntaxNode }[] = [];
  const cursor = block.sharedCursor();
  if (cursor.gotoFirstChild()) {
    do {
      if (cursor.nodeType !== "if_statement") continue;
      if (!exitsEarly(cursor)) continue;
      const stmt = block.tree.nodeAtCursor(cursor);
      const cond = stmt.childForFieldName("condition");
      if (cond) out.push({ end: cursor.endIndex, condition: cond });
    } while (cursor.gotoNextSibling());
  }
  cache.exits.set(block, out);
  return out;
}

/**
 * At an `if` statement: true when it has a condition, no `elif`/`else`, and the last statement
 * (comments aside) of its body is an exit. The cursor is back at the statement afterwards.
 */
function exitsEarly(cursor: TreeCursor): boolean {
  let condition = false;
  let consequence = false;
  let exits = false;
  let branches = false;
  cursor.gotoFirstChild();
  do {
    const type = cursor.nodeType;
    if (type === "elif_clause" || type === "else_clause") branches = true;
    const field = cursor.currentFieldName;
    if (field === "condition") condition = true;
    else if (field === "consequence" && !consequence) {
      consequence = true;
      exits = EXITS.has(lastStatementType(cursor) ?? "");
    }
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return condition && exits && !branches;
}

/** The type of the last named child (comments aside) of the node at the cursor; the cursor stays on that node. */
function lastStatementType(cursor: TreeCursor): string | null {
  let last: string | null = null;
  if (!cursor.gotoFirstChild()) return null;
  do {
    const type = cursor.nodeType;
    if (type !== "comment" && cursor.nodeIsNamed) last = type;
  } while (cursor.gotoNextSibling());
  cursor.gotoParent();
  return last;
}

export function guard(cond: SyntaxNode, runsWhen: boolean): Guard {
  const tests: GuardTest[] = [];
  collectTests(cond, runsWhen, tests);
  const condition = cond.text.replace(/\s+/g, " ");
  const inner = cond.type === "not_operator" ? cond.childForFieldName("argument") : null;
  const text = runsWhen ? condition : inner ? inner.text.replace(/\s+/g, " ") : `not (${condition})`;
  return { condition, text, index: cond.startIndex, runsWhen, tests };
}

/**
 * The tests of a condition that must have the value `needed` (null: not
 * decided) for the statement to run: `a and b` true needs both true, `a or b`
 * false needs both false; the other two cases decide neither.
 */
function collectTests(node: SyntaxNode, needed: boolean | null, out: GuardTest[]): void {
  switch (node.type) {
    case "parenthesized_expression": {
      const inner = node.namedChildren.find((c) => c.type !== "comment");
      if (inner) collectTests(inner, needed, out);
      return;
    }
    case "not_operator": {
      const arg = node.childForFieldName("argument");
      if (arg) collectTests(arg, needed === null ? null : !needed, out);
      return;
    }
    case "boolean_operator": {
      const op = node.childForFieldName("operator")?.text;
      const decided = (op === "and" && needed === true) || (op === "or" && needed === false) ? needed : null;
      for (const side of [node.childForFieldName("left"), node.childForFieldName("right")]) if (side) collectTests(side, decided, out);
      return;
    }
    case "call": {
      const fn = node.childForFieldName("function");
      const args = node.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
      out.push({ kind: "call", callee: (fn?.text ?? "").replace(/\s+/g, ""), ...subjectsOf(args), requires: needed });
      return;
    }
    case "comparison_operator": {
      const operands = node.namedChildren.filter((c) => c.type !== "comment");
      const ops = node.children.filter((c) => !c.isNamed).map((c) => c.text.replace(/\s+/g, " "));
      if (operands.length === 2 && (ops[0] === "in" || ops[0] === "not in")) {
        const requires = needed === null ? null : ops[0] === "in" ? needed : !needed;
        out.push({ kind: "membership", callee: null, ...subjectsOf([operands[0]!]), requires });
      }
      return;
    }
    default:
      return;
  }
}

/** The string literals and plain names among the arguments (keyword arguments by their value). */
function subjectsOf(args: readonly SyntaxNode[]): { literals: string[]; names: string[] } {
  const literals: string[] = [];
  const names: string[] = [];
  for (const arg of args) {
    const value = arg.type === "keyword_argument" ? arg.childForFieldName("value") : arg;
    if (value?.type === "identifier") names.push(value.text);
    else if (value?.type === "string" && !value.namedChildren.some((c) => c.type === "interpolation")) {
      literals.push(value.namedChildren.filter((c) => c.type === "string_content").map((c) => c.text).join(""));
    }
  }
  return { literals, names };
}
