import type { SyntaxNode } from "./syntax-node.js";
import { RunBuilder } from "./offsets.js";
import type { StrValue } from "./values.js";

/** A decoded piece of a string literal, or an f-string placeholder to evaluate. */
export type LiteralPart = StrValue | { kind: "interpolation"; node: SyntaxNode };

export interface LiteralPrefix {
  raw: boolean;
  bytes: boolean;
  format: boolean;
}

/**
 * The literal's prefix and quotes, read from the source text at the node: no
 * child nodes are built (each costs a call into tree-sitter), and a string
 * prefix is a few letters at most.
 */
function literalShape(node: SyntaxNode, source: string): LiteralPrefix & { contentStart: number; contentEnd: number } | null {
  // Each position read is a call into tree-sitter: read them once.
  let i = node.startIndex;
  const end = node.endIndex;
  let letters = "";
  while (i < end && /[rRbBfFuU]/.test(source[i]!) && letters.length < 3) letters += source[i++]!.toLowerCase();
  const q = source[i];
  if (q !== '"' && q !== "'") return null;
  const quote = source.startsWith(q.repeat(3), i) ? q.repeat(3) : q;
  const contentStart = i + quote.length;
  const closed = end - quote.length >= contentStart && source.startsWith(quote, end - quote.length);
  // An unterminated string (syntax error) runs to the end of the node.
  const contentEnd = closed ? end - quote.length : end;
  return { raw: letters.includes("r"), bytes: letters.includes("b"), format: letters.includes("f"), contentStart, contentEnd };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  "\\": "\\",
  "'": "'",
  '"': '"',
  a: "\x07",
  b: "\b",
  f: "\f",
  n: "\n",
  r: "\r",
  t: "\t",
  v: "\v",
};

/**
 * Decodes one `string` node into its value pieces, keeping the source index of
 * every character. `source` is the whole file text; tree-sitter's indices are
 * indices into it.
 */
export function decodeStringLiteral(node: SyntaxNode, source: string): LiteralPart[] {
  const parts: LiteralPart[] = [];
  let text = "";
  // Built as runs as the text grows: a literal's plain characters are one run, not one number each.
  let offsets = new RunBuilder();
  const flush = (): void => {
    if (text.length > 0) parts.push({ kind: "str", text, offsets: offsets.build() });
    text = "";
    offsets = new RunBuilder();
  };
  const emit = (s: string, at: number): void => {
    text += s;
    // Every UTF-16 unit of an escape's value stands at the escape (for-of would walk code points).
    // eslint-disable-next-line @typescript-eslint/prefer-for-of -- one offset per UTF-16 unit
    for (let k = 0; k < s.length; k++) offsets.add(at, 0, 1);
  };

  const prefix = literalShape(node, source);
  if (!prefix) return parts;
  const { contentStart, contentEnd } = prefix;
  // Only f-strings have children worth building: their placeholders.
  // Their ranges are read once, not once per character.
  const interpolations = prefix.format ? node.namedChildren.filter((c) => c.type === "interpolation").map((c) => ({ node: c, start: c.startIndex, end: c.endIndex })) : [];

  let i = contentStart;
  let nextInterp = 0;
  while (i < contentEnd) {
    const interp = interpolations[nextInterp];
    if (interp && i >= interp.start) {
      flush();
      parts.push({ kind: "interpolation", node: interp.node });
      i = interp.end;
      nextInterp++;
      continue;
    }
    const stop = interp ? Math.min(interp.start, contentEnd) : contentEnd;
    // A run of plain characters is copied at once: each keeps its own index.
    const run = plainRunEnd(source, i, stop, prefix.format);
    if (run > i) {
      text += source.slice(i, run);
      offsets.add(i, 1, run - i);
      i = run;
      continue;
    }
    const c = source[i]!;
    if (prefix.format && (c === "{" || c === "}") && source[i + 1] === c && i + 1 < stop) {
      emit(c, i);
      i += 2;
      continue;
    }
    if (c === "\r") {
      // Python reads CRLF and CR as LF.
      emit("\n", i);
      i += source[i + 1] === "\n" ? 2 : 1;
      continue;
    }
    if (c !== "\\" || i + 1 >= stop) {
      emit(c, i);
      i++;
      continue;
    }
    const d = source[i + 1]!;
    if (d === "\n" || d === "\r") {
      // Backslash-newline continues the line in every kind of string but raw ones keep it.
      if (prefix.raw) {
        emit("\\", i);
        i++;
        continue;
      }
      i += d === "\r" && source[i + 2] === "\n" ? 3 : 2;
      continue;
    }
    if (prefix.raw) {
      // In raw strings a backslash escapes nothing, but it does keep a quote from ending the string.
      emit("\\" + d, i);
      i += 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[d];
    if (simple !== undefined) {
      emit(simple, i);
      i += 2;
      continue;
    }
    const decoded = decodeNumericEscape(source, i, stop, prefix.bytes);
    if (decoded) {
      emit(decoded.text, i);
      i = decoded.end;
      continue;
    }
    // Unknown escapes keep the backslash, as Python does.
    emit("\\" + d, i);
    i += 2;
  }
  flush();
  return parts;
}

const BACKSLASH = 92;
const CR = 13;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;

/** The end of the run from `i` of characters that stand for themselves: no escape, no CR, no brace of an f-string. */
function plainRunEnd(source: string, i: number, stop: number, format: boolean): number {
  let j = i;
  while (j < stop) {
    const c = source.charCodeAt(j);
    if (c === BACKSLASH || c === CR || (format && (c === OPEN_BRACE || c === CLOSE_BRACE))) break;
    j++;
  }
  return j;
}

const NAMED_CHARACTERS: Record<string, string> = {
  SPACE: " ",
  "NO-BREAK SPACE": "\u00a0",
  "CHARACTER TABULATION": "\t",
  "LINE FEED": "\n",
  "CARRIAGE RETURN": "\r",
  "QUOTATION MARK": '"',
  APOSTROPHE: "'",
  COMMA: ",",
  "FULL STOP": ".",
  "LOW LINE": "_",
  "HYPHEN-MINUS": "-",
  "LEFT PARENTHESIS": "(",
  "RIGHT PARENTHESIS": ")",
  SEMICOLON: ";",
  "EN DASH": "\u2013",
  "EM DASH": "\u2014",
};

function decodeNumericEscape(source: string, i: number, stop: number, bytes: boolean): { text: string; end: number } | null {
  const d = source[i + 1]!;
  const take = (from: number, max: number, re: RegExp): string => {
    let s = "";
    for (let k = from; k < stop && s.length < max && re.test(source[k]!); k++) s += source[k]!;
    return s;
  };
  if (d >= "0" && d <= "7") {
    const digits = take(i + 1, 3, /[0-7]/);
    return { text: String.fromCodePoint(parseInt(digits, 8)), end: i + 1 + digits.length };
  }
  if (d === "N" && !bytes && source[i + 2] === "{") {
    const close = source.indexOf("}", i + 3);
    if (close < 0 || close >= stop || close - i > 100) return null;
    // Without Unicode's name table, a name we do not know still counts as one character, so positions stay exact.
    const name = source.slice(i + 3, close).toUpperCase();
    return { text: NAMED_CHARACTERS[name] ?? "\ufffd", end: close + 1 };
  }
  const widths: Record<string, number> = bytes ? { x: 2 } : { x: 2, u: 4, U: 8 };
  const width = widths[d];
  if (width !== undefined) {
    const digits = take(i + 2, width, /[0-9a-fA-F]/);
    if (digits.length !== width) return null;
    const cp = parseInt(digits, 16);
    if (cp > 0x10ffff) return null;
    return { text: String.fromCodePoint(cp), end: i + 2 + width };
  }
  return null;
}
