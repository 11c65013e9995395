import type TreeSitter from "tree-sitter";
import { binding, type NativeCursor, type NativeNode, type NativeTree } from "./native.js";

/**
 * Our syntax nodes, over tree-sitter's native binding (native.ts; tree-sitter
 * is pinned to 0.25.1 in package.json, as this relies on its binding's calling
 * convention). The library's own node objects each cost a class instance with
 * a BigInt id and a weak handle with a finalizer in native memory; ours are
 * plain objects, one per node and tree (kept by id, so the same node is always
 * the same object: code keys maps by node), with the start read from the
 * node's own fields and every other answer asked once and kept: trees are
 * never edited.
 */

const { NodeMethods } = binding;
const ERROR_TYPE_ID = 0xffff;
const HIGH = 2 ** 32;
/** Slots of one node in the transfer array. */
const FIELDS = 6;

/** The grammar's names: type names by type id (asked of the binding once each), field ids by name. */
interface Grammar {
  readonly types: (string | undefined)[];
  readonly fields: ReadonlyMap<string, number>;
}

const grammars = new WeakMap<TreeSitter.Language, Grammar>();

function grammarOf(language: TreeSitter.Language): Grammar {
  let g = grammars.get(language);
  if (!g) {
    const fields = new Map<string, number>();
    binding.getNodeFieldNamesById(language).forEach((name, id) => {
      if (name !== null) fields.set(name, id);
    });
    g = { types: [], fields };
    grammars.set(language, g);
  }
  return g;
}

/** A row and a column (UTF-16 units), both 0-based. */
export interface Point {
  row: number;
  column: number;
}

/** A parsed file: the native tree, the text it was parsed from, and our node for each node reached. */
export class Tree {
  readonly rootNode: SyntaxNode;
  readonly text: string;
  readonly native: NativeTree;
  readonly grammar: Grammar;
  private readonly nodes = new Map<number, SyntaxNode>();
  /** The cursor SyntaxNode.sharedCursor moves around (made when first asked). */
  cursor: TreeCursor | null = null;

  constructor(native: NativeTree, text: string, language: TreeSitter.Language) {
    this.native = native;
    this.text = text;
    this.grammar = grammarOf(language);
    // The library builds (and caches natively) this one node; the binding hands that object back
    // whenever a call returns the root, and `fromLibrary` maps it to ours.
    this.rootNode = this.fromLibrary(native.rootNode);
  }

  /** A cursor over the whole tree (see SyntaxNode.walk). */
  walk(): TreeCursor {
    return this.rootNode.walk();
  }

  /** The node at the cursor (a cursor made by `walk` on this tree). */
  nodeAtCursor(cursor: TreeCursor): SyntaxNode {
    // The library's getter builds its own node for it: taken apart at once, it goes no further.
    const node = (cursor as unknown as { currentNode: TreeSitter.SyntaxNode }).currentNode;
    return this.fromLibrary(node);
  }

  /** The node a native call on one of this tree's nodes returned (see native.ts). */
  one(value: NativeNode): SyntaxNode | null {
    if (value === null || value === undefined) return null;
    if (typeof value === "number") return this.at(binding.nodeTransferArray, 0, value);
    return this.fromLibrary(value);
  }

  /** The nodes a native call on one of this tree's nodes returned, in its order (see native.ts). */
  many(values: readonly NativeNode[] | undefined): SyntaxNode[] {
    if (!values) return [];
    const t = binding.nodeTransferArray;
    const out = new Array<SyntaxNode>(values.length);
    let objects = false;
    for (let i = 0, at = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "number") {
        out[i] = this.at(t, at, v);
        at += FIELDS;
      } else objects = true;
    }
    // Objects are resolved after every transferred node is read: resolving one may call the binding.
    if (objects) for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (typeof v === "object" && v !== null) out[i] = this.fromLibrary(v);
    }
    return out;
  }

  private at(t: Uint32Array, at: number, typeId: number): SyntaxNode {
    const id = t[at]! + t[at + 1]! * HIGH;
    let node = this.nodes.get(id);
    if (node === undefined) {
      node = new SyntaxNode(this, id, t[at + 2]!, t[at + 3]!, t[at + 4]!, t[at + 5]!, typeId);
      this.nodes.set(id, node);
    }
    return node;
  }

  /** Ours for a node object the library built (its native fields are its indices 0 to 5). */
  private fromLibrary(node: TreeSitter.SyntaxNode | ArrayLike<number>): SyntaxNode {
    const fields = node as ArrayLike<number>;
    const id = fields[0]! + fields[1]! * HIGH;
    const known = this.nodes.get(id);
    if (known) return known;
    const ours = new SyntaxNode(this, id, fields[2]!, fields[3]!, fields[4]!, fields[5]!, (node as TreeSitter.SyntaxNode).typeId);
    this.nodes.set(id, ours);
    return ours;
  }
}

/** tree-sitter's native cursor, without the members that would hand out the library's nodes (Tree.nodeAtCursor does). */
export type TreeCursor = Omit<NativeCursor, "tree">;

export class SyntaxNode {
  readonly tree: Tree;
  /** Unique per node within its tree (the native node's address). */
  readonly id: number;
  /** The node's native fields but its id (see native.ts). */
  private readonly f2: number;
  private readonly f3: number;
  private readonly f4: number;
  private readonly f5: number;
  private readonly typeId: number;
  private end = -1;
  private up: SyntaxNode | null | undefined = undefined;

  constructor(tree: Tree, id: number, f2: number, f3: number, f4: number, f5: number, typeId: number) {
    this.tree = tree;
    this.id = id;
    this.f2 = f2;
    this.f3 = f3;
    this.f4 = f4;
    this.f5 = f5;
    this.typeId = typeId;
  }

  /** Writes this node to the transfer array for the next native call; returns the native tree to pass it. */
  private marshal(): NativeTree {
    const t = binding.nodeTransferArray;
    // The id's two words: a store into a Uint32Array keeps the value modulo 2**32, fraction dropped.
    t[0] = this.id;
    t[1] = this.id / HIGH;
    t[2] = this.f2;
    t[3] = this.f3;
    t[4] = this.f4;
    t[5] = this.f5;
    return this.tree.native;
  }

  get type(): string {
    if (this.typeId === ERROR_TYPE_ID) return "ERROR";
    const types = this.tree.grammar.types;
    // A type id always names the same type: asked of the binding the first time one is met.
    return (types[this.typeId] ??= NodeMethods.type(this.marshal()));
  }

  get startIndex(): number {
    return this.f2 >>> 1;
  }

  get endIndex(): number {
    if (this.end < 0) this.end = NodeMethods.endIndex(this.marshal());
    return this.end;
  }

  get startPosition(): Point {
    return { row: this.f3, column: this.f4 >>> 1 };
  }

  get endPosition(): Point {
    NodeMethods.endPosition(this.marshal());
    const p = binding.pointTransferArray;
    return { row: p[0]!, column: p[1]! };
  }

  get text(): string {
    return this.tree.text.slice(this.startIndex, this.endIndex);
  }

  get hasError(): boolean {
    return NodeMethods.hasError(this.marshal());
  }

  get isMissing(): boolean {
    return NodeMethods.isMissing(this.marshal());
  }

  get isNamed(): boolean {
    return NodeMethods.isNamed(this.marshal());
  }

  get parent(): SyntaxNode | null {
    if (this.up === undefined) this.up = this.tree.one(NodeMethods.parent(this.marshal()));
    return this.up;
  }

  /**
   * Records this node's parent, known to the caller (it read this node among
   * that one's children, or found where it stands): tree-sitter would answer
   * the same, searching down from the root.
   */
  knowParent(parent: SyntaxNode): void {
    // Once known (null included: the root), the parent stays.
    if (this.up === undefined) this.up = parent;
  }

  get children(): SyntaxNode[] {
    return this.tree.many(NodeMethods.children(this.marshal()));
  }

  get namedChildren(): SyntaxNode[] {
    return this.tree.many(NodeMethods.namedChildren(this.marshal()));
  }

  get namedChildCount(): number {
    return NodeMethods.namedChildCount(this.marshal());
  }

  get firstNamedChild(): SyntaxNode | null {
    return this.tree.one(NodeMethods.firstNamedChild(this.marshal()));
  }

  get lastNamedChild(): SyntaxNode | null {
    return this.tree.one(NodeMethods.lastNamedChild(this.marshal()));
  }

  get nextSibling(): SyntaxNode | null {
    return this.tree.one(NodeMethods.nextSibling(this.marshal()));
  }

  get nextNamedSibling(): SyntaxNode | null {
    return this.tree.one(NodeMethods.nextNamedSibling(this.marshal()));
  }

  get previousSibling(): SyntaxNode | null {
    return this.tree.one(NodeMethods.previousSibling(this.marshal()));
  }

  /** The child in field `name` (null: none, or no such field in the grammar). */
  childForFieldName(name: string): SyntaxNode | null {
    const field = this.tree.grammar.fields.get(name);
    if (field === undefined) return null;
    return this.tree.one(NodeMethods.childNodeForFieldId(this.marshal(), field));
  }

  childrenForFieldName(name: string): SyntaxNode[] {
    const field = this.tree.grammar.fields.get(name);
    if (field === undefined) return [];
    return this.tree.many(NodeMethods.childNodesForFieldId(this.marshal(), field));
  }

  /** The smallest node within this one that spans [start, end] (indices; end defaults to start): at least this node. */
  descendantForIndex(start: number, end: number = start): SyntaxNode {
    return this.tree.one(NodeMethods.descendantForIndex(this.marshal(), start, end)) ?? this;
  }

  /** The first named child that ends after `index`. */
  firstNamedChildForIndex(index: number): SyntaxNode | null {
    return this.tree.one(NodeMethods.firstNamedChildForIndex(this.marshal(), index));
  }

  /** This node and its descendants of the given types, in document order. */
  descendantsOfType(types: string | readonly string[], start?: Point, end?: Point): SyntaxNode[] {
    return this.tree.many(NodeMethods.descendantsOfType(this.marshal(), typeof types === "string" ? [types] : types, start, end));
  }

  /**
   * The tree's one shared cursor, moved to this node, for a walk that is over
   * before anything else asks for it: each cursor `walk` makes is a native
   * object with a finalizer (about 1,800 of them on the 10k-line bench).
   */
  sharedCursor(): TreeCursor {
    const cursor = this.tree.cursor;
    if (cursor === null) return (this.tree.cursor = this.walk());
    this.marshal();
    cursor.reset();
    return cursor;
  }

  /** A native cursor at this node (read the node at it with Tree.nodeAtCursor). */
  walk(): TreeCursor {
    const cursor = NodeMethods.walk(this.marshal());
    // The native cursor finds its tree through this property (as the library's own `walk` sets it).
    cursor.tree = this.tree.native;
    return cursor;
  }
}
