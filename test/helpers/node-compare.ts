import { createRequire } from "node:module";
import type TreeSitter from "tree-sitter";
import { DEFAULT_EXECUTORS, DEFAULT_WRAPPERS, extractSql } from "../../src/python/extract.js";
import { binding } from "../../src/python/native.js";
import { parsePython } from "../../src/python/parser.js";
import { analyzeModule } from "../../src/python/scope.js";
import { SyntaxNode, Tree } from "../../src/python/syntax-node.js";
import type { Rng } from "./fuzz.js";

const require = createRequire(import.meta.url);
const Parser = require("tree-sitter") as typeof TreeSitter;
/** The grammar tree-sitter-python exports. */
export const PYTHON = require("tree-sitter-python") as TreeSitter.Language;

/** tree-sitter's own parser and node objects, to compare ours with. */
export function libraryParser(): TreeSitter {
  const parser = new Parser();
  parser.setLanguage(PYTHON);
  return parser;
}

/** Every field name of the grammar. */
export const FIELD_NAMES = binding.getNodeFieldNamesById(PYTHON).filter((n): n is string => n !== null);

/** The members both kinds of node have, as the comparison reads them. */
type AnyNode = TreeSitter.SyntaxNode | SyntaxNode;

/** A node as one line: type, indices, rows and columns, and its flags. */
function describe(n: AnyNode | null): string {
  if (n === null) return "null";
  const s = n.startPosition;
  const e = n.endPosition;
  return `${n.type} ${n.startIndex}-${n.endIndex} ${s.row}:${s.column}-${e.row}:${e.column}${n.hasError ? " error" : ""}${n.isMissing ? " missing" : ""}${n.isNamed ? "" : " anonymous"}`;
}

const list = (ns: readonly AnyNode[]): string => ns.map(describe).join(" | ");

/** What a comparison went over: nodes, nodes whose every member was compared, and the kinds of node met. */
export interface Comparison {
  nodes: number;
  sampled: number;
  errors: number;
  missing: number;
  anonymous: number;
  difference: string | null;
}

/** Types asked of descendantsOfType on every file (named, anonymous and ERROR). */
const DESCENDANT_TYPES = ["string", "call", "identifier", "ERROR", "(", "def", "block", "comment"];

/**
 * Our nodes against tree-sitter's own for `text`, node by node: ours over the
 * library's very parse (same native tree: the ids must match too, and the
 * binding hands back the library's cached objects, which ours must map) and
 * ours over a parse of our own. Every node: type, range, rows and columns,
 * flags, text, parent, children, named children; about `rate` of them also
 * every field, sibling, indexed child and index search. The first
 * difference found, or null.
 */
export function compareWithLibrary(parser: TreeSitter, text: string, rng: Rng, rate: number): Comparison {
  const native = parser.parse(text);
  return compareTrees(native, new Tree(native, text, PYTHON), parsePython(parser, text), rng, rate);
}

/**
 * The comparison of compareWithLibrary over given trees: the library's nodes
 * of `native`, ours over that very tree (`same`), and ours over a parse of
 * the same text (`own`: the same tree, or another parse that must answer alike).
 */
export function compareTrees(native: TreeSitter.Tree, same: Tree, own: Tree, rng: Rng, rate: number): Comparison {
  const out: Comparison = { nodes: 0, sampled: 0, errors: 0, missing: 0, anonymous: 0, difference: null };
  const differ = (where: string, a: string, b: string, c: string): boolean => {
    if (a === b && b === c) return false;
    out.difference = `${where}: library ${a}; ours over its parse ${b}; ours ${c}`;
    return true;
  };
  const top = `descendantsOfType(${DESCENDANT_TYPES.join(",")})`;
  if (differ(top, list(native.rootNode.descendantsOfType(DESCENDANT_TYPES)), list(same.rootNode.descendantsOfType(DESCENDANT_TYPES)), list(own.rootNode.descendantsOfType(DESCENDANT_TYPES)))) return out;
  const stack: [TreeSitter.SyntaxNode, SyntaxNode, SyntaxNode][] = [[native.rootNode, same.rootNode, own.rootNode]];
  while (stack.length > 0) {
    const [a, b, c] = stack.pop()!;
    out.nodes++;
    if (a.type === "ERROR") out.errors++;
    if (a.isMissing) out.missing++;
    if (!a.isNamed) out.anonymous++;
    const at = describe(a);
    if (differ("node", at, describe(b), describe(c))) return out;
    if (differ(`${at} text`, a.text, b.text, c.text)) return out;
    if (differ(`${at} id`, String(a.id), String(b.id), String(b.id))) return out;
    if (differ(`${at} parent`, describe(a.parent), describe(b.parent), describe(c.parent))) return out;
    if (differ(`${at} namedChildCount`, String(a.namedChildCount), String(b.namedChildCount), String(c.namedChildCount))) return out;
    if (differ(`${at} namedChildren`, list(a.namedChildren), list(b.namedChildren), list(c.namedChildren))) return out;
    const ca = a.children;
    const cb = b.children;
    const cc = c.children;
    if (differ(`${at} children`, list(ca), list(cb), list(cc))) return out;
    // The same node is the same object, however it is reached.
    for (const [i, child] of cb.entries()) if (child.parent !== b || cc[i]!.parent !== c) return { ...out, difference: `${at}: child ${i} has another parent object` };
    if (rng() < rate) {
      out.sampled++;
      const d = sampled(a, b, c);
      if (d !== null) {
        const [where, x, y, z] = d;
        differ(`${at} ${where}`, x, y, z);
        return out;
      }
    }
    for (let i = ca.length - 1; i >= 0; i--) stack.push([ca[i]!, cb[i]!, cc[i]!]);
  }
  return out;
}

/** Every other member we have, on one node of each parse; the first that differs. */
function sampled(a: TreeSitter.SyntaxNode, b: SyntaxNode, c: SyntaxNode): [string, string, string, string] | null {
  const ask: [string, (n: AnyNode) => string][] = [
    ["firstNamedChild", (n) => describe(n.firstNamedChild)],
    ["lastNamedChild", (n) => describe(n.lastNamedChild)],
    ["nextSibling", (n) => describe(n.nextSibling)],
    ["nextNamedSibling", (n) => describe(n.nextNamedSibling)],
    ["previousSibling", (n) => describe(n.previousSibling)],
    ["descendantForIndex", (n) => describe(n.descendantForIndex(n.startIndex, n.endIndex))],
    ["descendantForIndex(start)", (n) => describe(n.descendantForIndex(n.startIndex))],
    ["firstNamedChildForIndex", (n) => describe(n.firstNamedChildForIndex(n.startIndex))],
    ["descendantsOfType", (n) => list(n.descendantsOfType([n.type, "identifier", "ERROR"]))],
    // Between two points (rows, UTF-16 columns), as directive sites ask.
    ["descendantsOfType(points)", (n) => list(n.descendantsOfType(["identifier", "string", "comment"], n.startPosition, n.endPosition))],
    ["descendantsOfType(rows)", (n) => list(n.descendantsOfType(["comment", "string"], { row: n.startPosition.row, column: 0 }, { row: n.startPosition.row + 1, column: 0 }))],
  ];
  for (const name of FIELD_NAMES) {
    ask.push([`childForFieldName(${name})`, (n) => describe(n.childForFieldName(name))]);
    ask.push([`childrenForFieldName(${name})`, (n) => list(n.childrenForFieldName(name))]);
  }
  for (const [where, f] of ask) {
    const x = f(a);
    const y = f(b);
    const z = f(c);
    if (x !== y || y !== z) return [where, x, y, z];
  }
  return null;
}

/**
 * Every node reached from `root` through every member that returns nodes;
 * the first that is not one of ours from `root`'s tree, or that is another
 * object than the one already reached for its id, as a message (null: none).
 */
export function foreignNode(root: SyntaxNode): string | null {
  const seen = new Map<number, SyntaxNode>([[root.id, root]]);
  const queue: SyntaxNode[] = [root];
  // The queue grows as it is read: an array's iterator reaches what is pushed during the loop.
  for (const n of queue) {
    const reached: [string, SyntaxNode | null][] = [
      ["parent", n.parent],
      ["firstNamedChild", n.firstNamedChild],
      ["lastNamedChild", n.lastNamedChild],
      ["nextSibling", n.nextSibling],
      ["nextNamedSibling", n.nextNamedSibling],
      ["previousSibling", n.previousSibling],
      ["descendantForIndex", n.descendantForIndex(n.startIndex, n.endIndex)],
      ["firstNamedChildForIndex", n.firstNamedChildForIndex(n.startIndex)],
      ...n.children.map((c, i): [string, SyntaxNode] => [`children[${i}]`, c]),
      ...n.namedChildren.map((c, i): [string, SyntaxNode] => [`namedChildren[${i}]`, c]),
      ...n.descendantsOfType([n.type, "identifier"]).map((c, i): [string, SyntaxNode] => [`descendantsOfType[${i}]`, c]),
      ...FIELD_NAMES.flatMap((f): [string, SyntaxNode | null][] => [[`childForFieldName(${f})`, n.childForFieldName(f)], ...n.childrenForFieldName(f).map((c, i): [string, SyntaxNode] => [`childrenForFieldName(${f})[${i}]`, c])]),
    ];
    const cursor = n.walk();
    reached.push(["nodeAtCursor", n.tree.nodeAtCursor(cursor)]);
    if (cursor.gotoFirstChild()) reached.push(["nodeAtCursor(first child)", n.tree.nodeAtCursor(cursor)]);
    for (const [how, m] of reached) {
      if (m === null) continue;
      const where = `${n.type} at ${n.startIndex}: ${how}`;
      if (!(m instanceof SyntaxNode)) return `${where} is not our SyntaxNode`;
      if (m.tree !== root.tree) return `${where} belongs to another tree`;
      const known = seen.get(m.id);
      if (known === undefined) {
        seen.set(m.id, m);
        queue.push(m);
      } else if (known !== m) return `${where} is a second object for node ${m.id}`;
    }
  }
  return null;
}

/**
 * The analysis records parents it knows without asking tree-sitter (children
 * it read, where a definition stands): after analyzing `text` and extracting
 * its SQL, every node's parent must be the one a fresh parse gives, and the
 * very object whose children list it. The first that is not, as a message
 * (null: none), how many definitions had a parent, and the types of the
 * parents of function and class definitions, counted.
 */
export function notedParentDifference(parser: TreeSitter, text: string): { difference: string | null; definitions: number; definitionParents: Map<string, number> } {
  const tree = parsePython(parser, text);
  extractSql(analyzeModule(tree.rootNode, text), { executors: DEFAULT_EXECUTORS, wrappers: DEFAULT_WRAPPERS });
  const fresh = parsePython(parser, text);
  let definitions = 0;
  const definitionParents = new Map<string, number>();
  const stack: [SyntaxNode, SyntaxNode, SyntaxNode | null][] = [[tree.rootNode, fresh.rootNode, null]];
  for (let entry = stack.pop(); entry; entry = stack.pop()) {
    const [a, b, listedBy] = entry;
    const pa = describe(a.parent);
    const pb = describe(b.parent);
    if (pa !== pb) return { difference: `${describe(a)}: parent ${pa}, a fresh parse's ${pb}`, definitions, definitionParents };
    // Same type and span is not enough (an ERROR may wrap another of the same span): the same object.
    if (a.parent !== listedBy) return { difference: `${describe(a)}: parent ${pa} is not the node whose children list it`, definitions, definitionParents };
    if (a.parent && a.type === "function_definition") definitions++;
    if (a.parent && (a.type === "function_definition" || a.type === "class_definition")) definitionParents.set(a.parent.type, (definitionParents.get(a.parent.type) ?? 0) + 1);
    const ca = a.children;
    const cb = b.children;
    for (let i = 0; i < ca.length; i++) stack.push([ca[i]!, cb[i]!, a]);
  }
  return { difference: null, definitions, definitionParents };
}
