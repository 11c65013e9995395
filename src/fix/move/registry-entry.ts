import type { SyntaxNode } from "../../python/syntax-node.js";
import { indentOf, lineEndOf } from "./text.js";

/** The fields of a new registry entry. */
export interface NewEntry {
  name: string;
  table: string;
  sql: string;
  critical: boolean;
  description: string;
}

/** How the entries of one registry list are written, read from its last entry. */
export interface EntryStyle {
  form: "dict" | "call";
  /** The callee of call-style entries (`IndexDef`). */
  callee: string;
  multiline: boolean;
  quote: '"' | "'";
  keys: string[];
  /** Indentation of the entry, and of its keys when it spans lines. */
  indent: string;
  keyIndent: string;
}

const KNOWN_KEYS = ["name", "table", "sql", "critical", "description"] as const;

export const DEFAULT_STYLE: EntryStyle = { form: "dict", callee: "", multiline: true, quote: '"', keys: [...KNOWN_KEYS], indent: "    ", keyIndent: "        " };

/** The style of `entry` (a dict literal or a call with keyword arguments), or null when it is neither. */
export function styleOf(entry: SyntaxNode, text: string): EntryStyle | null {
  const multiline = entry.startPosition.row !== entry.endPosition.row;
  if (entry.type === "dictionary") {
    const pairs = entry.namedChildren.filter((c) => c.type === "pair");
    const keyNodes = pairs.map((p) => p.childForFieldName("key")).filter((k): k is SyntaxNode => k?.type === "string");
    if (keyNodes.length === 0) return null;
    const quote = keyNodes[0]!.text.endsWith("'") ? "'" : '"';
    return { form: "dict", callee: "", multiline, quote, keys: ordered(keyNodes.map((k) => k.text.slice(1, -1))), indent: indentOf(text, entry.startIndex), keyIndent: multiline ? indentOf(text, pairs[0]!.startIndex) : "" };
  }
  if (entry.type === "call") {
    const args = entry.childForFieldName("arguments")?.namedChildren.filter((a) => a.type === "keyword_argument") ?? [];
    if (args.length === 0) return null;
    const firstString = args.map((a) => a.childForFieldName("value")).find((v) => v?.type === "string");
    const quote = firstString?.text.endsWith("'") ? "'" : '"';
    const keys = args.map((a) => a.childForFieldName("name")?.text ?? "");
    return { form: "call", callee: entry.childForFieldName("function")?.text ?? "dict", multiline, quote, keys: ordered(keys), indent: indentOf(text, entry.startIndex), keyIndent: multiline ? indentOf(text, args[0]!.startIndex) : "" };
  }
  return null;
}

/** The neighbour's order for the keys we know, then any of ours it lacks. */
function ordered(keys: string[]): string[] {
  const known = keys.filter((k) => (KNOWN_KEYS as readonly string[]).includes(k));
  return [...known, ...KNOWN_KEYS.filter((k) => !known.includes(k))];
}

function pyString(value: string, preferred: '"' | "'"): string {
  const other = preferred === '"' ? "'" : '"';
  const quote = value.includes(preferred) && !value.includes(other) ? other : preferred;
  const escaped = value.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\r/g, "\\r").replace(new RegExp(quote, "g"), `\\${quote}`);
  return `${quote}${escaped}${quote}`;
}

/** One entry in the given style, without a trailing comma or line break. */
export function renderEntry(entry: NewEntry, style: EntryStyle, eol: string): string {
  const value = (k: string): string => {
    if (k === "critical") return entry.critical ? "True" : "False";
    return pyString(entry[k as Exclude<keyof NewEntry, "critical">], style.quote);
  };
  const fields = style.keys.map((k) => (style.form === "dict" ? `${pyString(k, style.quote)}: ${value(k)}` : `${k}=${value(k)}`));
  const [open, close] = style.form === "dict" ? ["{", "}"] : [`${style.callee}(`, ")"];
  if (!style.multiline) return `${style.indent}${open}${fields.join(", ")}${close}`;
  return [`${style.indent}${open}`, ...fields.map((f) => `${style.keyIndent}${f},`), `${style.indent}${close}`].join(eol);
}

/** Where new entries go in a list literal: after its last element (and that element's comma). */
export function insertionAfterLast(list: SyntaxNode, text: string): { at: number; needsComma: boolean; last: SyntaxNode | null } {
  const elements = list.namedChildren.filter((c) => c.type !== "comment");
  const last = elements.at(-1) ?? null;
  if (!last) return { at: list.startIndex + 1, needsComma: false, last: null };
  const next = last.nextSibling;
  const comma = next?.type === "," ? next : null;
  const end = comma ? comma.endIndex : last.endIndex;
  return { at: lineEndOf(text, end), needsComma: comma === null, last };
}
