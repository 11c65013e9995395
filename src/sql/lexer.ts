/**
 * PostgreSQL's tokens for the plain SQL most strings hold, found in
 * JavaScript: libpg-query's scanner costs about four parses per string (it
 * writes every token out as JSON), and reading a statement needs only where
 * its tokens are, not their keyword categories.
 *
 * Exact for what it accepts, and it accepts little: ASCII text of words,
 * integers and decimals, quoted strings and names, `--` comments, brackets,
 * `, ; . ::` and the comparison operators. Whatever else the text holds (a
 * bind parameter `? % :name`, `$`, a block comment, an `E'...'` string, a
 * longer operator, a character PostgreSQL's scanner would reject) gives null,
 * and the caller asks the scanner itself.
 */
export interface Lexeme {
  /** Offsets into the text (UTF-8 bytes, which are string indices for ASCII). */
  start: number;
  end: number;
  /** The token as written. */
  text: string;
  /** An SQL comment token. */
  comment: boolean;
}

export function lexPlainSql(text: string): Lexeme[] | null {
  // Byte offsets are string indices only for ASCII. The scanner's JSON leaves control characters
  // other than tab and line breaks unescaped, so a token holding one is an error there: the scanner's.
  if (!PLAIN.test(text)) return null;
  const out: Lexeme[] = [];
  const n = text.length;
  const push = (start: number, end: number, comment = false): void => {
    out.push({ start, end, text: text.slice(start, end), comment });
  };
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isSpace(c)) {
      i++;
    } else if (isWordStart(c)) {
      let k = i + 1;
      while (k < n && isWordPart(text.charCodeAt(k))) k++;
      // `E'..'`, `X'..'`, `N'..'`: a prefixed string is one token; `a"b"` is left to the scanner too.
      if (k < n && (text.charCodeAt(k) === QUOTE || text.charCodeAt(k) === DQUOTE)) return null;
      push(i, k);
      i = k;
    } else if (isDigit(c)) {
      let k = i + 1;
      while (k < n && isDigit(text.charCodeAt(k))) k++;
      if (text.charCodeAt(k) === DOT) {
        // Only `1.5`: `1.`, `1..2` and exponents are the scanner's.
        if (!isDigit(text.charCodeAt(k + 1))) return null;
        k += 2;
        while (k < n && isDigit(text.charCodeAt(k))) k++;
      }
      // `1e3`, `1_000`, `0x1f`, `12abc` (trailing junk) and `1.5.2` are the scanner's.
      if (k < n && (isWordPart(text.charCodeAt(k)) || text.charCodeAt(k) === DOT)) return null;
      push(i, k);
      i = k;
    } else if (c === QUOTE || c === DQUOTE) {
      const k = closingQuote(text, i);
      // Unterminated, or `""` (a zero-length name, an error).
      if (k < 0 || (c === DQUOTE && k === i + 1)) return null;
      // `'a'` then a line break then `'b'` is one string to PostgreSQL: left to the scanner, as is a comment there.
      if (c === QUOTE) {
        let m = k + 1;
        while (m < n && isSpace(text.charCodeAt(m))) m++;
        if (text.charCodeAt(m) === QUOTE || (text.charCodeAt(m) === DASH && text.charCodeAt(m + 1) === DASH)) return null;
      }
      push(i, k + 1);
      i = k + 1;
    } else if (c === DASH && text.charCodeAt(i + 1) === DASH) {
      let k = i + 2;
      while (k < n && text.charCodeAt(k) !== LF && text.charCodeAt(k) !== CR) k++;
      push(i, k, true);
      i = k;
    } else if (SINGLE.has(c)) {
      // `.5` is a number and `..` a range: the scanner's.
      if (c === DOT && (isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === DOT)) return null;
      push(i, i + 1);
      i++;
    } else if (c === COLON) {
      // `::` alone; `:name`, `:=` and `:::` are the scanner's.
      if (text.charCodeAt(i + 1) !== COLON || text.charCodeAt(i + 2) === COLON || text.charCodeAt(i + 2) === EQUALS) return null;
      push(i, i + 2);
      i += 2;
    } else if (OPERATOR_CHARS.has(c)) {
      let k = i + 1;
      while (k < n && OPERATOR_CHARS.has(text.charCodeAt(k))) k++;
      const op = text.slice(i, k);
      if (!(op.length === 1 && SIMPLE_OPERATORS.includes(op)) && !TWO_CHAR_OPERATORS.includes(op)) return null;
      push(i, k);
      i = k;
    } else {
      return null;
    }
  }
  return out;
}

const PLAIN = /^[\t\n\r\x20-\x7f]*$/;
const QUOTE = 0x27;
const DQUOTE = 0x22;
const DOT = 0x2e;
const DASH = 0x2d;
const COLON = 0x3a;
const EQUALS = 0x3d;
const LF = 0x0a;
const CR = 0x0d;

/** `( ) , ; [ ] .`: tokens of one character whatever follows. */
const SINGLE = new Set([0x28, 0x29, 0x2c, 0x3b, 0x5b, 0x5d, DOT]);
/** PostgreSQL's operator characters: a run of them is one operator token. */
const OPERATOR_CHARS = new Set([..."~!@#^&|`?+-*/%<>="].map((ch) => ch.charCodeAt(0)));
const SIMPLE_OPERATORS = ["+", "-", "*", "/", "<", ">", "="];
const TWO_CHAR_OPERATORS = ["<>", "<=", ">=", "!="];

/** Space, tab, line feed, carriage return (the other control characters never reach the lexer). */
function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** An identifier's first character (ASCII letters and `_`; other bytes are the scanner's). */
function isWordStart(c: number): boolean {
  return (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 0x24;
}

/** Index of the quote closing the one at `i` (a doubled quote is one quote inside), or -1 when there is none. */
function closingQuote(text: string, i: number): number {
  const q = text.charCodeAt(i);
  for (let k = i + 1; k < text.length; k++) {
    if (text.charCodeAt(k) !== q) continue;
    if (text.charCodeAt(k + 1) !== q) return k;
    k++;
  }
  return -1;
}
