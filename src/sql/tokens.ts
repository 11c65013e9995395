import type { Lexeme } from "./lexer.js";

/**
 * Walking PostgreSQL's scanner tokens: statement ranges, parenthesized lists,
 * identifiers as written, and the byte ↔ string index mapping they need.
 * Token offsets are UTF-8 bytes; JavaScript strings index UTF-16 units.
 */

/** Byte ranges [from, to) of the `;`-separated statements that hold a token. */
export function splitStatements(tokens: readonly Lexeme[], total: number): [number, number][] {
  const out: [number, number][] = [];
  let from = 0;
  for (const t of tokens) {
    if (t.text !== ";") continue;
    out.push([from, t.start]);
    from = t.end;
  }
  if (firstTokenAt(tokens, from) < tokens.length) out.push([from, total]);
  return out.filter(([a, b]) => tokensWithin(tokens, a, b).length > 0);
}

/**
 * Index of the first token starting at or after byte `from` (tokens are sorted
 * and do not overlap). Binary search: a string of 20,000 statements must not
 * cost statements × tokens.
 */
export function firstTokenAt(tokens: readonly Lexeme[], from: number): number {
  let lo = 0;
  let hi = tokens.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((tokens[mid]?.start ?? from) < from) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The tokens lying wholly in bytes [from, to). */
function tokensWithin(tokens: readonly Lexeme[], from: number, to: number): Lexeme[] {
  const out: Lexeme[] = [];
  for (let i = firstTokenAt(tokens, from); i < tokens.length; i++) {
    const t = tokens[i];
    if (!t || t.end > to) break;
    out.push(t);
  }
  return out;
}

/**
 * A statement's own tokens: those lying wholly in bytes [from, to), without
 * its `;`. A string of one statement and no `;` (most) gets `tokens` itself, not a copy.
 */
export function statementTokens(tokens: readonly Lexeme[], from: number, to: number): readonly Lexeme[] {
  const first = firstTokenAt(tokens, from);
  let i = first;
  let whole = first === 0;
  for (; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (t.end > to) break;
    if (t.text === ";") whole = false;
  }
  if (whole && i === tokens.length) return tokens;
  const out: Lexeme[] = [];
  for (let k = first; k < i; k++) if (tokens[k]!.text !== ";") out.push(tokens[k]!);
  return out;
}

interface ParenList {
  /** Byte ranges of the comma-separated items. */
  items: [number, number][];
  /** Index of the closing `)` among the tokens. */
  closeIndex: number;
}

/** The comma-separated items of the parenthesized list opening at token `open`, as byte ranges. */
export function parenthesized(tokens: readonly Lexeme[], open: number): ParenList | null {
  if (open < 0 || tokens[open]?.text !== "(") return null;
  const items: [number, number][] = [];
  let depth = 0;
  let itemStart = -1;
  let itemEnd = -1;
  for (let i = open; i < tokens.length; i++) {
    const t = tokens[i];
    if (!t) break;
    if (t.text === "(" || t.text === "[") {
      depth++;
      if (depth === 1) continue;
    } else if (t.text === ")" || t.text === "]") {
      depth--;
      if (depth === 0) {
        if (itemStart >= 0) items.push([itemStart, itemEnd]);
        return { items, closeIndex: i };
      }
    } else if (t.text === "," && depth === 1) {
      if (itemStart >= 0) items.push([itemStart, itemEnd]);
      itemStart = -1;
      continue;
    }
    if (itemStart < 0) itemStart = t.start;
    itemEnd = t.end;
  }
  return null;
}

/** An identifier token as PostgreSQL folds it, without cutting it to 63 bytes. */
export function writtenIdentifier(t: Lexeme | undefined): string | null {
  if (!t) return null;
  if (t.text.startsWith('"')) return t.text.slice(1, -1).replace(/""/g, '"');
  // ASCII names first: the Unicode classes cost more, and most names have none.
  if (/^[A-Za-z_][A-Za-z0-9_$]*$/.test(t.text)) return t.text.toLowerCase();
  if (!/^[\p{L}_][\p{L}\p{N}_$]*$/u.test(t.text)) return null;
  // PostgreSQL folds only ASCII letters in UTF-8 identifiers.
  return t.text.replace(/[A-Z]+/g, (s) => s.toLowerCase());
}

/**
 * The keyword `word` (uppercase, one of PostgreSQL's keywords), written in any
 * case. A token spelled as a keyword is that keyword: the scanner looks words
 * up folding ASCII letters only, so `ındex` (dotless i) is a name.
 */
export function isWord(t: Lexeme | undefined, word: string): boolean {
  if (t?.text.length !== word.length || word.length === 0) return false;
  // Compared a character at a time (no uppercased copy per token): an ASCII letter, folded to upper case, equal to the word's.
  const text = t.text;
  for (let i = 0; i < text.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 0x20;
    if (c < 0x41 || c > 0x5a || c !== word.charCodeAt(i)) return false;
  }
  return true;
}

/** String index of the `cp`-th code point. */
export function codePointIndex(text: string, cp: number): number {
  let i = 0;
  for (let n = 0; n < cp && i < text.length; n++) i += (text.codePointAt(i) ?? 0) > 0xffff ? 2 : 1;
  return i;
}

export interface ByteMap {
  length: number;
  toIndex: (byte: number) => number;
}

/** PostgreSQL reports UTF-8 byte offsets; JavaScript strings index UTF-16 units. */
export function byteMap(text: string): ByteMap {
  // eslint-disable-next-line no-control-regex
  if (/^[\x00-\x7f]*$/.test(text)) return { length: text.length, toIndex: (b) => Math.min(b, text.length) };
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const cp = text.codePointAt(i) ?? 0;
    const n = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    for (let k = 0; k < n; k++) map.push(i);
    if (cp >= 0x10000) i++;
  }
  const length = map.length;
  map.push(text.length);
  return { length, toIndex: (b) => map[Math.max(0, Math.min(b, length))] ?? text.length };
}
