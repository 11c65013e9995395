import type { SyntaxNode } from "./syntax-node.js";

/** A node's parent, asked of tree-sitter once per node of the module. */
export type ParentOf = (node: SyntaxNode) => SyntaxNode | null;

/** A node's start and end (source indices). */
export interface Span {
  start: number;
  end: number;
}

/** A node's span, asked of tree-sitter once per node object. */
export type SpanOf = (node: SyntaxNode) => Span;

/** A node's span when spanOf has read it already. */
export type KnownSpan = (node: SyntaxNode) => Span | undefined;

/**
 * The span of each node asked for through `spanOf`, kept by node object: the
 * code around a call site (its scope, its loops, the source found there)
 * reads the same call's start and end several times, and each read is a call
 * into tree-sitter. Code that reads many nodes once (each name looked up)
 * only looks in it (`knownSpan`): keeping every node would cost more than
 * asking.
 */
export function createSpans(): { spanOf: SpanOf; knownSpan: KnownSpan } {
  const known = new Map<SyntaxNode, Span>();
  return {
    spanOf: (node) => {
      let s = known.get(node);
      if (s === undefined) {
        s = { start: node.startIndex, end: node.endIndex };
        known.set(node, s);
      }
      return s;
    },
    knownSpan: (node) => known.get(node),
  };
}

/** Records that `children` (read from `parent`) are its children: their parents are then known without asking. */
export type NoteChildren = (parent: SyntaxNode, children: readonly SyntaxNode[]) => void;

/**
 * tree-sitter finds a parent by searching down from the root: the walks up
 * from every string and call of a module (guards, site, statement, enclosing
 * call) share their chains through this map, and code that has read a node's
 * children notes them here, so their parent is never asked. It is keyed by
 * node object (one object per node: syntax-node.ts).
 */
export function createParents(): { parentOf: ParentOf; noteChildren: NoteChildren } {
  const known = new Map<SyntaxNode, SyntaxNode | null>();
  return {
    parentOf: (node) => {
      let p = known.get(node);
      if (p === undefined) {
        p = node.parent;
        known.set(node, p);
      }
      return p;
    },
    noteChildren: (parent, children) => {
      for (const c of children) known.set(c, parent);
    },
  };
}
