import type { SyntaxNode } from "tree-sitter";

/** A node's parent, asked of tree-sitter once per node of the module. */
export type ParentOf = (node: SyntaxNode) => SyntaxNode | null;

/** Records that `children` (read from `parent`) are its children: their parents are then known without asking. */
export type NoteChildren = (parent: SyntaxNode, children: readonly SyntaxNode[]) => void;

/**
 * tree-sitter finds a parent by searching down from the root, and builds a new
 * JS node for it: the walks up from every string and call of a module (guards,
 * site, statement, enclosing call) share their chains through this map. Holding
 * the nodes also keeps tree-sitter handing back the same objects for them.
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
