import type { SyntaxNode } from "tree-sitter";

/** A node's parent, asked of tree-sitter once per node of the module. */
export type ParentOf = (node: SyntaxNode) => SyntaxNode | null;

/** Records that `children` (read from `parent`) are its children: their parents are then known without asking. */
export type NoteChildren = (parent: SyntaxNode, children: readonly SyntaxNode[]) => void;

/**
 * tree-sitter finds a parent by searching down from the root, and builds a new
 * JS node for it: the walks up from every string and call of a module (guards,
 * site, statement, enclosing call) share their chains through this map. It is
 * keyed by node object, and tree-sitter may hand out a second object for the
 * same node (one read through another path): that only costs a lookup that asks
 * tree-sitter again. Code that asks whether two nodes are the same compares
 * their ids, never the objects.
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
