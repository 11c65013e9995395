import type { SyntaxNode } from "../../python/syntax-node.js";
import type { IndexDef } from "../../model/types.js";
import { endsLine, indentOf, lineEndOf, lineStartOf, startsLine } from "./text.js";

/**
 * How one statement leaves a migration file: the whole executor call, one
 * element of a list of SQL strings, or one statement of a multi-statement
 * string. `key` identifies the target: every index created from the same
 * target must move together (a loop over one call creates several).
 */
export type Removal =
  | { kind: "call"; key: string; start: number; end: number; indent: string; block: SyntaxNode; statement: SyntaxNode }
  | { kind: "element"; key: string; start: number; end: number; indent: string; commentAt: number | null }
  | { kind: "sql"; key: string; start: number; end: number; indent: string; wholeLines: boolean };

export type RemovalPlan = { ok: true; removal: Removal } | { ok: false; reason: string };

const WRAPPER_PARENTS = new Set(["parenthesized_expression", "await"]);

/** Where and how `def` (a CREATE INDEX in a migration) can be removed from `text`, parsed as `root`. */
export function planRemoval(def: IndexDef, root: SyntaxNode, text: string): RemovalPlan {
  const { span } = def;
  const string = enclosingString(root.descendantForIndex(span.start));
  if (!string) {
    const viaHelper = def.context.executor !== null && (span.start < span.rangeStart || span.start >= span.rangeEnd);
    return { ok: false, reason: viaHelper ? `it is built inside the helper ${def.context.executor}(); move that call by hand` : "its SQL is not written as a string literal" };
  }
  const expr = string.parent?.type === "concatenated_string" ? string.parent : string;

  if (!span.alone) {
    // One statement among others in a string: cut it out of the string.
    if (!span.literal) return { ok: false, reason: "it shares a string with other statements and is not written literally there" };
    return { ok: true, removal: sqlRemoval(def, text) };
  }

  let cur: SyntaxNode = expr;
  for (;;) {
    const p = cur.parent;
    if (!p) return { ok: false, reason: "its SQL is not passed to a call" };
    if (WRAPPER_PARENTS.has(p.type)) {
      cur = p;
      continue;
    }
    if (p.type === "argument_list" && p.parent?.type === "call") {
      cur = p.parent;
      continue;
    }
    // String concatenation, `%` formatting, `.format(...)`, `dedent(...).strip()`: the call takes it all.
    if (p.type === "binary_operator") {
      cur = p;
      continue;
    }
    if (p.type === "attribute" && p.childForFieldName("object")?.id === cur.id && p.parent?.type === "call") {
      cur = p.parent;
      continue;
    }
    if (p.type === "expression_statement") {
      // The executor call the index was found at must be this statement, not a helper's body.
      if (!(p.startIndex <= span.rangeStart && span.rangeEnd <= p.endIndex)) return { ok: false, reason: "it is created inside a helper function; move the call by hand" };
      if (!startsLine(text, p.startIndex) || !endsLine(text, p.endIndex)) return { ok: false, reason: "its call shares a line with other code" };
      const block = p.parent;
      if (!block) return { ok: false, reason: "its call is not in a block" };
      return { ok: true, removal: { kind: "call", key: `call:${p.startIndex}`, start: lineStartOf(text, p.startIndex), end: lineEndOf(text, p.endIndex), indent: indentOf(text, p.startIndex), block, statement: p } };
    }
    if (p.type === "list" || p.type === "tuple") return elementRemoval(cur, p, text);
    const what = p.type.replace(/_/g, " ");
    return { ok: false, reason: `its SQL sits in ${/^[aeiou]/.test(what) ? "an" : "a"} ${what}` };
  }
}

function enclosingString(node: SyntaxNode | null): SyntaxNode | null {
  for (let n = node; n; n = n.parent) {
    if (n.type === "string") return n;
    if (n.type.endsWith("statement") || n.type === "block" || n.type === "module") return null;
  }
  return null;
}

function elementRemoval(element: SyntaxNode, list: SyntaxNode, text: string): RemovalPlan {
  const next = element.nextSibling;
  const comma = next?.type === "," ? next : null;
  const end = comma ? comma.endIndex : element.endIndex;
  if (startsLine(text, element.startIndex) && endsLine(text, end)) {
    return { ok: true, removal: { kind: "element", key: `element:${element.startIndex}`, start: lineStartOf(text, element.startIndex), end: lineEndOf(text, end), indent: indentOf(text, element.startIndex), commentAt: null } };
  }
  // An element inside a one-line list: cut it with its comma; the comment goes above the statement.
  let start = element.startIndex;
  let stop = end;
  if (comma) {
    while (stop < text.length && (text[stop] === " " || text[stop] === "\t")) stop++;
  } else {
    const prev = element.previousSibling;
    if (prev?.type === ",") start = prev.startIndex;
  }
  let statement: SyntaxNode = list;
  while (statement.parent && !statement.type.endsWith("statement")) statement = statement.parent;
  if (text.slice(lineStartOf(text, statement.startIndex), statement.startIndex).trim() !== "") return { ok: false, reason: "its list shares a line with other code" };
  return { ok: true, removal: { kind: "element", key: `element:${element.startIndex}`, start, end: stop, indent: indentOf(text, statement.startIndex), commentAt: lineStartOf(text, statement.startIndex) } };
}

/** The statement's text and its `;`; whole lines when it stands on lines of its own. */
function sqlRemoval(def: IndexDef, text: string): Removal {
  const { start, end } = def.span;
  let stop = end;
  while (stop < text.length && (text[stop] === " " || text[stop] === "\t")) stop++;
  if (text[stop] === ";") stop++;
  const lineStart = lineStartOf(text, start);
  const ownLines = text.slice(lineStart, start).trim() === "" && /^[ \t]*(\r?\n|$)/.test(text.slice(stop));
  if (ownLines) return { kind: "sql", key: `sql:${start}`, start: lineStart, end: lineEndOf(text, stop), indent: indentOf(text, start), wholeLines: true };
  while (stop < text.length && (text[stop] === " " || text[stop] === "\t")) stop++;
  return { kind: "sql", key: `sql:${start}`, start, end: stop, indent: "", wholeLines: false };
}
