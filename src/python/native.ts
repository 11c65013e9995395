import { createRequire } from "node:module";
import { dirname } from "node:path";
import type TreeSitter from "tree-sitter";

/**
 * tree-sitter's native module, called directly by our node layer
 * (syntax-node.ts). This relies on the calling convention of the binding of
 * tree-sitter 0.25.1 exactly, which is why package.json pins that version:
 *
 * - a call on a node reads the node from the first 6 slots of
 *   `nodeTransferArray` (2 for its id, a pointer, low word first; 4 for
 *   its context: start byte, start row, start column in bytes, alias);
 * - a call that returns a node writes it to the same slots and returns its
 *   type id (0xFFFF: ERROR), null (no node), or the object the library's own
 *   node cache holds for it; one that returns nodes returns an array of
 *   those and packs the fields of each number in it, 6 after 6;
 * - the binding parses UTF-16, so every byte count is twice the index.
 *
 * `nodeTransferArray` is replaced when a call needs a longer one: it is
 * read again after every call.
 */
export interface NativeBinding {
  readonly nodeTransferArray: Uint32Array;
  readonly pointTransferArray: Uint32Array;
  readonly NodeMethods: NodeMethods;
  readonly Tree: unknown;
  getNodeFieldNamesById(language: TreeSitter.Language): (string | null)[];
}

/** What a call that returns a node gives back (see NativeBinding). */
export type NativeNode = number | null | undefined | ArrayLike<number>;

/** The node methods our layer uses; each takes the tree the marshalled node belongs to. */
export interface NodeMethods {
  type(tree: NativeTree): string;
  typeId(tree: NativeTree): number;
  endIndex(tree: NativeTree): number;
  endPosition(tree: NativeTree): undefined;
  hasError(tree: NativeTree): boolean;
  isMissing(tree: NativeTree): boolean;
  isNamed(tree: NativeTree): boolean;
  namedChildCount(tree: NativeTree): number;
  parent(tree: NativeTree): NativeNode;
  firstNamedChild(tree: NativeTree): NativeNode;
  lastNamedChild(tree: NativeTree): NativeNode;
  nextSibling(tree: NativeTree): NativeNode;
  nextNamedSibling(tree: NativeTree): NativeNode;
  previousSibling(tree: NativeTree): NativeNode;
  childNodeForFieldId(tree: NativeTree, fieldId: number): NativeNode;
  childNodesForFieldId(tree: NativeTree, fieldId: number): NativeNode[] | undefined;
  descendantForIndex(tree: NativeTree, start: number, end: number): NativeNode;
  firstNamedChildForIndex(tree: NativeTree, index: number): NativeNode;
  children(tree: NativeTree): NativeNode[];
  namedChildren(tree: NativeTree): NativeNode[];
  descendantsOfType(tree: NativeTree, types: readonly string[], start: TreeSitter.Point | undefined, end: TreeSitter.Point | undefined): NativeNode[] | undefined;
  walk(tree: NativeTree): NativeCursor;
}

/** A tree as the library's parser returns it (the string it was parsed from is ours to keep). */
export type NativeTree = TreeSitter.Tree;

/** The native cursor: every member but the node getters, which would build the library's node objects. */
export type NativeCursor = Omit<TreeSitter.TreeCursor, "currentNode" | "reset" | "resetTo"> & {
  tree?: NativeTree;
  /** Moves the cursor to the node in the transfer array (the binding reads it there, as every node call does). */
  reset(): void;
};

// tree-sitter is CommonJS; node-gyp-build is resolved from tree-sitter's own folder, so it finds the
// very module instance tree-sitter's index.js loaded (syntax-node.test.ts checks that it is).
const require = createRequire(import.meta.url);
const treeSitterRoot = dirname(require.resolve("tree-sitter/package.json"));
const nodeGypBuild = createRequire(require.resolve("tree-sitter"))("node-gyp-build") as (dir: string) => NativeBinding;

export const binding: NativeBinding = nodeGypBuild(treeSitterRoot);

/**
 * A grammar package's native module, without the node-types.json its index
 * attaches: from that, the library's `setLanguage` builds a node class per
 * type (about 6 ms of a cold start), which only its own node objects use.
 */
export function loadGrammar(pkg: string): TreeSitter.Language {
  return nodeGypBuild(dirname(require.resolve(`${pkg}/package.json`))) as unknown as TreeSitter.Language;
}
