import type { SyntaxNode } from "./syntax-node.js";
import { indentationLooksClean } from "./indentation-scan.js";
import type { SyntaxProblem } from "./syntax-problem.js";

/** Clauses that must line up with the statement they belong to. */
const CLAUSES = new Set(["elif_clause", "else_clause", "except_clause", "except_group_clause", "finally_clause", "case_clause"]);

/** Nodes that can hold a block; expressions never do, so the walk skips them. */
function holdsBlocks(node: SyntaxNode): boolean {
  return holdsBlockType(node.type);
}

/**
 * Indentation errors Python raises and tree-sitter-python recovers from
 * without an ERROR node: unexpected indent, an unindent that matches no outer
 * level, a block left empty by an edit, tabs mixed with spaces. Messages are
 * CPython's.
 */
export function indentationProblems(root: SyntaxNode, text: string, max: number, looksClean: boolean = indentationLooksClean(text)): SyntaxProblem[] {
  // Almost every file has none: a scan of the text proves it for most (a few times cheaper than
  // the tree), a cursor walk that builds no node objects for the rest; only when that walk finds
  // one does the walk below run, to word and place each problem. A caller that has scanned passes the answer.
  if (looksClean) return [];
  return hasIndentationProblem(root, text) ? describeIndentationProblems(root, text, max) : [];
}

/** Leading blanks of the line up to `index` (a BOM starting the line is not one), or null when code precedes `index` on it. */
function leadAt(text: string, index: number, whole: boolean): string | null {
  let i = index;
  while (i > 0 && text.charCodeAt(i - 1) !== 10 && text.charCodeAt(i - 1) !== 13) i--;
  if (i < index && text.charCodeAt(i) === 0xfeff) i++;
  let k = i;
  while (k < index) {
    const c = text.charCodeAt(k);
    if (c !== 32 && c !== 9 && c !== 12) break;
    k++;
  }
  return k === index || whole ? afterFormFeed(text.slice(i, k)) : null;
}

/**
 * A line's indentation as Python counts it: a form feed in the leading
 * blanks starts the count again (CPython's tokenizer resets its column there).
 */
function afterFormFeed(lead: string): string {
  const ff = lead.lastIndexOf("\f");
  return ff < 0 ? lead : lead.slice(ff + 1);
}

/**
 * Whether `describeIndentationProblems` would report anything: the same
 * checks on the same nodes (statements of every block, clauses against their
 * statement), read from a tree cursor (types and start indices only).
 */
export function hasIndentationProblem(root: SyntaxNode, text: string): boolean {
  interface Frame {
    start: number;
    /** Statements line up on this lead; null until a block's first statement; undefined: not a block. */
    expected: string | null | undefined;
    headerLead: string;
    statements: number;
  }
  const cursor = root.walk();
  // The module counts as having a statement: only a block can be empty.
  const frames: Frame[] = [{ start: root.startIndex, expected: "", headerLead: "", statements: 1 }];
  if (!cursor.gotoFirstChild()) return false;
  for (;;) {
    const parent = frames[frames.length - 1]!;
    const type = cursor.nodeType;
    if (cursor.nodeIsNamed) {
      const start = cursor.startIndex;
      if (parent.expected !== undefined && type !== "comment") {
        parent.statements++;
        const lead = leadAt(text, start, false);
        if (lead !== null) {
          if (parent.expected === null) {
            if (lead.length <= parent.headerLead.length || !lead.startsWith(parent.headerLead)) return true;
            parent.expected = lead;
          } else if (lead !== parent.expected) return true;
        }
      }
      if (CLAUSES.has(type) && type !== "case_clause") {
        const lead = leadAt(text, start, false);
        if (lead !== null && lead !== leadAt(text, parent.start, true)) return true;
      }
      if (holdsBlockType(type)) {
        const block = type === "block";
        if (cursor.gotoFirstChild()) {
          frames.push({ start, expected: block ? null : undefined, headerLead: block ? leadAt(text, parent.start, true)! : "", statements: 0 });
          continue;
        }
        // A block without children is empty.
        if (block) return true;
      }
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return false;
      const done = frames.pop()!;
      if (done.expected !== undefined && done.statements === 0) return true;
      if (frames.length === 0) return false;
    }
  }
}

function holdsBlockType(t: string): boolean {
  return t === "module" || t === "block" || t.endsWith("_statement") || t.endsWith("_definition") || t === "decorated_definition" || CLAUSES.has(t);
}

/** The problems, worded and placed, in the order the checks meet them. */
export function describeIndentationProblems(root: SyntaxNode, text: string, max: number): SyntaxProblem[] {
  const out: SyntaxProblem[] = [];
  /** Leading blanks of the node's line (as Python counts them). */
  const rowLead = (node: SyntaxNode): string => leadAt(text, node.startIndex, true) ?? "";
  /** Leading whitespace of the node's line, or null when something precedes the node on it. */
  const leadOf = (node: SyntaxNode): string | null => leadAt(text, node.startIndex, false);
  /** Indentation of the last statement line inside a statement (its deepest last block). */
  const lastLineLead = (stmt: SyntaxNode): string => {
    let n = stmt;
    let lead = rowLead(stmt);
    for (;;) {
      const last = n.lastNamedChild;
      if (!last) return lead;
      if (last.type === "block") {
        const inner = last.namedChildren.filter((c) => c.type !== "comment").at(-1);
        if (!inner) return lead;
        if (leadOf(inner) !== null) lead = rowLead(inner);
        n = inner;
      } else if (CLAUSES.has(last.type)) n = last;
      else return lead;
    }
  };
  const add = (node: SyntaxNode, message: string): void => {
    out.push({ index: node.startIndex, message });
  };

  const stack: SyntaxNode[] = [root];
  while (stack.length && out.length < max) {
    const node = stack.pop()!;
    if (node.type === "module" || node.type === "block") {
      const header = node.type === "module" ? null : node.parent;
      const headerLead = header ? rowLead(header) : "";
      const statements = node.namedChildren.filter((c) => c.type !== "comment");
      if (header && statements.length === 0) {
        // tree-sitter leaves an empty block where Python expects an indented one.
        let after: SyntaxNode = header;
        while (!after.nextNamedSibling && after.parent && after.parent.type !== "module") after = after.parent;
        let next = after.nextNamedSibling;
        while (next?.type === "comment") next = next.nextNamedSibling;
        add(next ?? node, `expected an indented block after line ${header.startPosition.row + 1}`);
        continue;
      }
      let expected: string | null = node.type === "module" ? "" : null;
      let prev: SyntaxNode | null = null;
      for (const child of statements) {
        const lead = leadOf(child);
        if (lead === null) continue; // after `:` or `;` on the same line
        if (expected === null) {
          prev = child;
          if (lead.length <= headerLead.length || !lead.startsWith(headerLead)) {
            add(child, `expected an indented block after line ${header!.startPosition.row + 1}`);
            break;
          }
          expected = lead;
          continue;
        }
        const before: SyntaxNode | null = prev;
        prev = child;
        if (lead === expected) continue;
        const deeper = before ? lastLineLead(before) : expected;
        add(child, lead.length === expected.length ? "inconsistent use of tabs and spaces in indentation" : lead.length > deeper.length ? "unexpected indent" : "unindent does not match any outer indentation level");
        break;
      }
    } else if (CLAUSES.has(node.type) && node.type !== "case_clause" && node.parent) {
      const lead = leadOf(node);
      if (lead !== null && lead !== rowLead(node.parent)) add(node, "unindent does not match any outer indentation level");
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) if (holdsBlocks(children[i]!)) stack.push(children[i]!);
  }
  return out;
}
