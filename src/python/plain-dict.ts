import { LIMITS } from "./limits.js";
import { offsetsSpan } from "./offsets.js";
import type { StrValue, Value } from "./values.js";

/*
 * A dict literal of plain constants (`{"name": "ix_a", "sql": "CREATE …",
 * "critical": True}`), read from the file's text: a registry holds hundreds
 * of them, and reading each key and value through tree-sitter costs several
 * calls into it per pair. Anything else (a name, an f-string, an escape, a
 * number, `**`, a line continuation) is left to the evaluator: the text is
 * read only when it is exactly what the evaluator would read the same way.
 */

export interface PlainDict {
  entries: { key: Value; value: Value }[];
  /** The evaluation steps the evaluator would have charged for the keys and values. */
  steps: number;
}

/** The dict literal spanning `source[start, end)`, when it holds only plain string keys and plain constant values; else null. */
export function readPlainDict(source: string, start: number, end: number): PlainDict | null {
  if (source.charCodeAt(start) !== OPEN || source.charCodeAt(end - 1) !== CLOSE) return null;
  const entries: PlainDict["entries"] = [];
  let steps = 0;
  let i = skipTrivia(source, start + 1, end);
  while (i < end - 1) {
    const key = plainString(source, i, end);
    if (!key) return null;
    i = skipTrivia(source, key.end, end);
    if (source.charCodeAt(i) !== COLON) return null;
    i = skipTrivia(source, i + 1, end);
    const value = plainString(source, i, end) ?? constant(source, i, end);
    if (!value) return null;
    entries.push({ key: key.value, value: value.value });
    // One step for each expression evaluated, and one per 64 characters of a string.
    steps += 2 + (key.value.text.length >> 6) + (value.value.kind === "str" ? value.value.text.length >> 6 : 0);
    i = skipTrivia(source, value.end, end);
    if (source.charCodeAt(i) === COMMA) i = skipTrivia(source, i + 1, end);
    else if (i !== end - 1) return null;
  }
  return i === end - 1 ? { entries, steps } : null;
}

const OPEN = 123; // {
const CLOSE = 125; // }
const COLON = 58;
const COMMA = 44;
const HASH = 35;
const BACKSLASH = 92;
const LF = 10;
const CR = 13;

/** Past blanks, line ends and comments (a backslash, which continues a line, is not skipped). */
function skipTrivia(source: string, i: number, end: number): number {
  while (i < end) {
    const c = source.charCodeAt(i);
    if (c === 32 || c === 9 || c === LF || c === CR || c === 12) i++;
    else if (c === HASH) {
      while (i < end && source.charCodeAt(i) !== LF && source.charCodeAt(i) !== CR) i++;
    } else break;
  }
  return i;
}

/** A one-line string literal with no prefix, escape or triple quote, at `i`: its value as the evaluator reads it (each character at its own index). */
function plainString(source: string, i: number, end: number): { value: StrValue; end: number } | null {
  const q = source.charCodeAt(i);
  if (q !== 34 && q !== 39) return null;
  // `""` followed by the quote again opens a triple-quoted string.
  if (source.charCodeAt(i + 1) === q && source.charCodeAt(i + 2) === q) return null;
  let k = i + 1;
  for (; k < end; k++) {
    const c = source.charCodeAt(k);
    if (c === q) break;
    if (c === BACKSLASH || c === LF || c === CR || c === 0) return null;
  }
  if (k >= end) return null;
  const length = k - i - 1;
  // A string past the evaluator's length budget goes its way, so that the limit is still reported.
  if (length > LIMITS.stringLength) return null;
  return { value: { kind: "str", text: source.slice(i + 1, k), offsets: offsetsSpan(i + 1, length) }, end: k + 1 };
}

const CONSTANTS: readonly [string, Value][] = [
  ["True", { kind: "bool", value: true }],
  ["False", { kind: "bool", value: false }],
  ["None", { kind: "none" }],
];

/** `True`, `False` or `None` at `i`, not followed by more of a name. */
function constant(source: string, i: number, end: number): { value: Value; end: number } | null {
  for (const [word, value] of CONSTANTS) {
    const after = i + word.length;
    if (after <= end && source.startsWith(word, i) && !continuesName(source.charCodeAt(after))) return { value: { ...value }, end: after };
  }
  return null;
}

/** A character that could continue an identifier (any non-ASCII one counts: Python names may hold them). */
function continuesName(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 0x7f;
}
