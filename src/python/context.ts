import type { SyntaxNode } from "./syntax-node.js";
import { lineIndexOf, lineText, type SourceText } from "../source/text.js";
import type { DirectiveSites } from "./directives.js";
import type { ModuleInfo } from "./module-info.js";
import { firstAtOrAfter } from "./sorted.js";

/*
 * Patterns on user text (one line at a time), all linear: no nested
 * quantifiers; each `\s*` follows a fixed token. PRAGMA's tail is `(.*)$` with
 * the `s` flag, so it cannot fail (and rescan the rest of the line) at a
 * U+2028 inside the line; the comment patterns below are anchored at `^`.
 */
const PRAGMA = /(?:#|--)\s*index-audit:\s*(functional|performance)\b(.*)$/s;
const PRAGMA_ANY = /(?:#|--)\s*index-audit:/;

/** What anchorLine reads of a module: its strings, to start from the one holding the index, and its parent cache. */
export type AnchorModule = Pick<ModuleInfo, "source" | "strings" | "stringStarts" | "parentOf">;

/**
 * The literal or statement an index "sits in" for a reader: the list element
 * or dict value holding its SQL, else the Python statement that runs it.
 * The walk down starts at the string holding the index (at the root when no
 * string of the module holds it) and the walk up is the parent cache's: a
 * descent from the root scans every element of each list on the way (10,000
 * dicts in one registry list).
 */
export function anchorLine(source: SourceText, root: SyntaxNode, createIndex: number, statementStart: number, module: AnchorModule): number {
  const start = anchorFromString(module, createIndex) ?? anchorFromRoot(root, createIndex);
  return lineIndexOf(source, start >= 0 ? start : Math.min(statementStart, createIndex)) + 1;
}

/** The anchor's start (-1: none), from the root down. */
function anchorFromRoot(root: SyntaxNode, createIndex: number): number {
  const target = root.descendantForIndex(createIndex);
  return elementStart(pathTo(root, target, createIndex) ?? climb(target)) ?? -1;
}

/**
 * The anchor's start (-1: none) from the string holding the index: down from
 * it, then up by the module's parents. Undefined when no string is known to
 * hold it (the caller then starts at the root).
 */
function anchorFromString(module: AnchorModule, createIndex: number): number | undefined {
  // The last string starting at or before the index (positions are whole numbers).
  const k = firstAtOrAfter(module.stringStarts, createIndex + 1) - 1;
  const string = k >= 0 ? module.strings[k] : undefined;
  if (!string) return undefined;
  const end = string.endIndex;
  if (end <= createIndex) return undefined;
  // Only a placeholder (`{…}`) puts elements or statements inside a string; without one the walk down is skipped.
  if (module.source.slice(module.stringStarts[k], end).includes("{") || string.hasError) {
    const below = pathTo(string, string.descendantForIndex(createIndex), createIndex);
    if (!below) return undefined;
    const inside = elementStart(below);
    if (inside !== undefined) return inside;
  }
  let child = string;
  for (let p = module.parentOf(string); p; child = p, p = module.parentOf(p)) {
    const type = p.type;
    if (holdsElements(type)) return (type === "pair" ? p : child).startIndex;
    if (isStop(type)) return -1;
  }
  return -1;
}

/**
 * Climbing `path` (root first) from its last node: the start of the element
 * (or of the dict pair) first met, -1 when a statement comes first, undefined
 * when the path ends before either.
 */
function elementStart(path: readonly { type: string; start: number }[]): number | undefined {
  for (let k = path.length - 1; k > 0; k--) {
    const p = path[k - 1]!;
    if (holdsElements(p.type)) return (p.type === "pair" ? p : path[k]!).start;
    if (isStop(p.type)) return -1;
  }
  return undefined;
}

function holdsElements(type: string): boolean {
  return type === "list" || type === "tuple" || type === "set" || type === "pair";
}

/** Where the climb from the index towards the root ends without an element. */
function isStop(type: string): boolean {
  return type.endsWith("statement") || type === "block" || type === "module" || type === "assignment";
}

/**
 * The same path as pathTo, read by asking parents (when the descent cannot
 * find `target`), and only as far up as anchorLine looks: the first stop.
 */
function climb(target: SyntaxNode): { type: string; start: number }[] {
  const path = [{ type: target.type, start: target.startIndex }];
  for (let p = target.parent; p; p = p.parent) {
    path.unshift({ type: p.type, start: p.startIndex });
    if (isStop(p.type)) break;
  }
  return path;
}

/**
 * The types and starts of `target` and its ancestors, root first, read with
 * one cursor descent (asking a node for its parent searches down from the
 * root each time). Null when the descent does not meet `target` exactly once
 * (zero-width or hidden nodes at `index`): the caller then climbs by parents.
 */
function pathTo(root: SyntaxNode, target: SyntaxNode | null, index: number): { type: string; start: number }[] | null {
  if (!target) return null;
  const type = target.type;
  const start = target.startIndex;
  const end = target.endIndex;
  const cursor = root.sharedCursor();
  const path: { type: string; start: number }[] = [];
  let found = -1;
  for (;;) {
    path.push({ type: cursor.nodeType, start: cursor.startIndex });
    if (cursor.nodeType === type && cursor.startIndex === start && cursor.endIndex === end) {
      if (found >= 0) return null;
      found = path.length - 1;
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- declared boolean, but the binding returns the child's index or null
    if (cursor.gotoFirstChildForIndex(index) === null || cursor.startIndex > index) break;
  }
  return found < 0 ? null : path.slice(0, found + 1);
}

/**
 * The comment a reader would take as the index's purpose: SQL `--` lines
 * directly above the CREATE, else `#` lines directly above the anchor.
 */
export function commentAbove(source: SourceText, createLine: number, anchor: number): string | null {
  const sql = commentBlock(source, createLine - 1, /^\s*--\s?(.*)$/);
  if (sql) return sql;
  return commentBlock(source, Math.min(anchor, createLine) - 1, /^\s*#\s?(.*)$/);
}

function commentBlock(source: SourceText, fromLine: number, re: RegExp): string | null {
  const lines: string[] = [];
  for (let l = fromLine; l >= 1; l--) {
    const m = re.exec(lineText(source, l));
    if (!m) break;
    if (PRAGMA_ANY.test(lineText(source, l))) continue;
    lines.unshift(m[1]!.trim());
  }
  const text = lines.filter((l) => l.length > 0).join(" ").trim();
  return text.length ? text : null;
}

export interface Pragma {
  kind: "functional" | "performance";
  reason: string | null;
  line: number;
}

/** `# index-audit: functional [reason]` on the statement's line, its anchor's line, or the line above either. */
export function classificationPragma(source: SourceText, sites: DirectiveSites, createLine: number, anchor: number): Pragma | null {
  const lines = [...new Set([createLine, createLine - 1, anchor, anchor - 1])].filter((l) => l >= 1);
  for (const line of lines) {
    const m = PRAGMA.exec(lineText(source, line));
    if (m && sites.accepts(m[0].startsWith("#") ? "#" : "--", source.lineStarts[line - 1]! + m.index)) {
      const reason = m[2]!.replace(/^[\s:—-]+/, "").trim();
      return { kind: m[1] as "functional" | "performance", reason: reason || null, line };
    }
  }
  return null;
}
