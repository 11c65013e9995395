import type { Point, Tree } from "../../src/python/syntax-node.js";

const at = (p: Point): string => `${p.row}:${p.column}`;

/**
 * Every node but comments, in document order: type, range (indexes, and
 * rows and columns, which fix --move reads), field name, depth and whether
 * tree-sitter made it up. A tree parsed without some comment lines must give
 * exactly the full parse's list.
 */
export function nodesWithoutComments(tree: Tree): string[] {
  const out: string[] = [];
  const cursor = tree.walk();
  let depth = 0;
  for (;;) {
    if (cursor.nodeType !== "comment") out.push(`${depth} ${cursor.nodeType} ${cursor.startIndex}-${cursor.endIndex} ${at(cursor.startPosition)}-${at(cursor.endPosition)} ${cursor.currentFieldName}${cursor.nodeIsMissing ? " missing" : ""}`);
    if (cursor.gotoFirstChild()) {
      depth++;
      continue;
    }
    while (!cursor.gotoNextSibling()) {
      if (!cursor.gotoParent()) return out;
      depth--;
    }
  }
}

/** The first place two node lists part, for a failure message. */
export function firstDifference(a: readonly string[], b: readonly string[]): string | null {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return `node ${i}: full parse ${a[i] ?? "(none)"}, lean parse ${b[i] ?? "(none)"}`;
  return null;
}
