import type { SyntaxNode } from "./syntax-node.js";

/** A node's parent (each node asks tree-sitter for it once: syntax-node.ts). */
export type ParentOf = (node: SyntaxNode) => SyntaxNode | null;

/** A node's start and end (source indices). */
export interface Span {
  start: number;
  end: number;
}

/** A node's span (each node asks tree-sitter for its end once: syntax-node.ts). */
export type SpanOf = (node: SyntaxNode) => Span;

/**
 * Spans read from the nodes themselves: a node keeps its end once asked
 * (syntax-node.ts), so a span costs no call into tree-sitter after the first.
 */
export function createSpans(): { spanOf: SpanOf } {
  return { spanOf: (node) => ({ start: node.startIndex, end: node.endIndex }) };
}

/** Records that `children` (read from `parent`) are its children: their parents are then known without asking. */
export type NoteChildren = (parent: SyntaxNode, children: readonly SyntaxNode[]) => void;

/**
 * tree-sitter finds a parent by searching down from the root, through every
 * sibling before the node at each level: a node keeps its parent once asked
 * (syntax-node.ts), and code that has read a node's children (or knows where
 * a definition stands) notes the parent on them, so it is never asked.
 */
export function createParents(): { parentOf: ParentOf; noteChildren: NoteChildren } {
  return {
    parentOf: (node) => node.parent,
    noteChildren: (parent, children) => {
      for (const c of children) c.knowParent(parent);
    },
  };
}
