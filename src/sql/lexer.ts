/**
 * PostgreSQL's tokens for the plain SQL most strings hold, found in
 * JavaScript: libpg-query's scanner costs about four parses per string (it
 * writes every token out as JSON), and reading a statement needs only where
 * its tokens are, not their keyword categories.
 *
 * Exact for what it accepts, and it accepts little: ASCII text of words
 * (`$` only after a word's first character), integers and decimals, quoted
 * strings and names, `--` comments, brackets, `, ; . ::` and the comparison
 * operators. Whatever else the text holds (a bind parameter `? % :name $1`, a
 * dollar quote, a block comment, an `E'...'` or `U&"..."` string, a longer
 * operator, a character PostgreSQL's scanner would reject) gives null, and the
 * caller asks the scanner itself.
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
  // Each token's extent is found by a sticky regular expression: the characters are looked at in
  // compiled code, which matters in a short run where this JavaScript is never optimized.
  let i = endOf(SPACES, text, 0);
  while (i < n) {
    const c = text.charCodeAt(i);
    let k: number;
    let comment = false;
    if (isWordStart(c)) {
      k = endOf(WORD, text, i);
      // `E'..'`, `X'..'`, `N'..'`: a prefixed string is one token; `a"b"` is left to the scanner too.
      if (text.charCodeAt(k) === QUOTE || text.charCodeAt(k) === DQUOTE) return null;
    } else if (isDigit(c)) {
      // Only `1` and `1.5`: `1.`, `1..2`, exponents, `1_000`, `0x1f`, `12abc` (trailing junk) and `1.5.2` are the scanner's.
      k = endOf(NUMBER, text, i);
      if (k < n && (isWordPart(text.charCodeAt(k)) || text.charCodeAt(k) === DOT)) return null;
    } else if (c === QUOTE) {
      // Unterminated: the scanner's error.
      k = endOf(STRING, text, i);
      if (k < 0) return null;
      // `'a'` then a line break then `'b'` is one string to PostgreSQL: left to the scanner, as is a comment there.
      const m = endOf(SPACES, text, k);
      if (text.charCodeAt(m) === QUOTE || (text.charCodeAt(m) === DASH && text.charCodeAt(m + 1) === DASH)) return null;
    } else if (c === DQUOTE) {
      // Unterminated, or `""` (a zero-length name): the scanner's error.
      k = endOf(NAME, text, i);
      if (k < 0) return null;
    } else if (c === DASH && text.charCodeAt(i + 1) === DASH) {
      k = endOf(COMMENT, text, i);
      comment = true;
    } else if (SINGLE.has(c)) {
      // `.5` is a number and `..` a range: the scanner's.
      if (c === DOT && (isDigit(text.charCodeAt(i + 1)) || text.charCodeAt(i + 1) === DOT)) return null;
      k = i + 1;
    } else if (c === COLON) {
      // `::` alone; `:name`, `:=` and `:::` are the scanner's.
      if (text.charCodeAt(i + 1) !== COLON || text.charCodeAt(i + 2) === COLON || text.charCodeAt(i + 2) === EQUALS) return null;
      k = i + 2;
    } else {
      // A run of operator characters is one operator: only the plain comparisons and arithmetic are taken.
      k = endOf(OPERATOR, text, i);
      if (k < 0) return null;
      const op = text.slice(i, k);
      if (!(op.length === 1 && SIMPLE_OPERATORS.includes(op)) && !TWO_CHAR_OPERATORS.includes(op)) return null;
    }
    out.push({ start: i, end: k, text: text.slice(i, k), comment });
    i = endOf(SPACES, text, k);
  }
  return out;
}

/** Where the match of sticky `re` at `i` ends: `i` itself when nothing matches an expression that may match nothing, else -1. */
function endOf(re: RegExp, text: string, i: number): number {
  re.lastIndex = i;
  return re.test(text) ? re.lastIndex : -1;
}

const PLAIN = /^[\t\n\r\x20-\x7f]*$/;
const SPACES = /[ \t\n\r]*/y;
const WORD = /[A-Za-z_][A-Za-z0-9_$]*/y;
const NUMBER = /[0-9]+(?:\.[0-9]+)?/y;
/** A doubled quote is one quote inside. */
const STRING = /'(?:[^']|'')*'/y;
const NAME = /"(?:[^"]|"")+"/y;
const COMMENT = /--[^\n\r]*/y;
const OPERATOR = /[~!@#^&|`?+\-*/%<>=]+/y;
const QUOTE = 0x27;
const DQUOTE = 0x22;
const DOT = 0x2e;
const DASH = 0x2d;
const COLON = 0x3a;
const EQUALS = 0x3d;

/** `( ) , ; [ ] .`: tokens of one character whatever follows. */
const SINGLE = new Set([0x28, 0x29, 0x2c, 0x3b, 0x5b, 0x5d, DOT]);
const SIMPLE_OPERATORS = ["+", "-", "*", "/", "<", ">", "="];
const TWO_CHAR_OPERATORS = ["<>", "<=", ">=", "!="];

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
