/**
 * A scan of the text that proves a file has none of the indentation problems
 * `indentationProblems` looks for, without the tree: the common case, at a
 * fraction of a tree walk's cost. It answers `true` only for a file it fully
 * understands — spaces only (no tab, form feed or lone CR in a line's lead),
 * every block opened by a line ending in `:` and indented deeper, every other
 * line on a level already open — and `false` for anything else, which sends
 * the file to the tree walk. test/indentation.test.ts holds it to that walk.
 * The same scan lists the runs of comment lines the lean parse leaves out of
 * tree-sitter's input (`scanLayout`; test/lean-parse.test.ts).
 */

const SPACE = 32;
const TAB = 9;
const LF = 10;
const FF = 12;
const CR = 13;
const HASH = 35;
const BACKSLASH = 92;
const COLON = 58;

// Runs of characters the scan has nothing to do with, skipped by the regex engine (sticky: they
// match at lastIndex only). In code: anything but quotes, comments, backslashes, line ends, brackets.
const CODE_RUN = /[^"'#\\\r\n()[\]{}]+/y;
// Inside a string: anything but its quote, a backslash, a line end or a brace.
const DOUBLE_QUOTED_RUN = /[^"\\\r\n{]+/y;
const SINGLE_QUOTED_RUN = /[^'\\\r\n{]+/y;

/** Soft keywords whose blocks the scan leaves to the tree walk. */
const SOFT_KEYWORD = /^(?:match|case)\b/;

/** Whether the file certainly has no indentation problem (false: it may have one). */
export function indentationLooksClean(text: string): boolean {
  return scanLayout(text) !== null;
}

/** Lines `[start, end)` (line start to after the last line feed) holding only comments and blank lines. */
export interface CommentRun {
  start: number;
  end: number;
}

export interface Layout {
  /**
   * The runs of comment lines tree-sitter can be spared: between two
   * statements of one block (the next at the previous one's level), or before
   * a dedent whose first comment line sits no deeper than the line after it.
   * There tree-sitter-python places every INDENT, DEDENT and NEWLINE the same
   * with the comments or without them, so only the comment nodes differ. (Its
   * scanner reads on through every following comment line at each line end,
   * so a long run costs it quadratic time.) Runs before a clause (`else:`,
   * `except …:`), before the first statement or after the last are left in.
   */
  commentRuns: CommentRun[];
}

/** Clauses that continue the statement above; comments before them are left to tree-sitter. */
const CLAUSE_START = /^(?:else|elif|except|finally)\b/;

/** The layout of a file the scan fully understands (see indentationLooksClean); null for any other. */
export function scanLayout(text: string): Layout | null {
  const n = text.length;
  const commentRuns: CommentRun[] = [];
  /** The comment lines since the last line of code: where they start, their first line's lead, where they end. */
  let run: { start: number; lead: number; end: number } | null = null;
  /** The lead of the last logical line of code; -1 before the first. */
  let previousLead = -1;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  // The tree walk skips a BOM at the start of any line: one past the first is left to it.
  if (text.includes("\ufeff", i)) return null;
  /** Indentation (in spaces) of the open blocks, outermost first. */
  const levels: number[] = [0];
  /** The last logical line ended with `:`: the next one opens a block. */
  let opens = false;
  while (i < n) {
    // At the start of a logical line.
    let lead = 0;
    while (i < n && text.charCodeAt(i) === SPACE) {
      lead++;
      i++;
    }
    if (i >= n) break;
    const c = text.charCodeAt(i);
    if (c === TAB || c === FF) return null;
    if (c === CR) {
      if (text.charCodeAt(i + 1) !== LF) return null;
      i += 2;
      continue;
    }
    if (c === LF) {
      i++;
      continue;
    }
    if (c === HASH) {
      const end = lineEnd(text, i);
      if (run) run.end = end + 1;
      else run = { start: i - lead, lead, end: end + 1 };
      i = end;
      continue;
    }
    if (SOFT_KEYWORD.test(text.slice(i, i + 6))) return null;
    if (run) {
      const spared = previousLead >= 0 && !opens && (lead === previousLead || (lead < previousLead && run.lead <= lead)) && !CLAUSE_START.test(text.slice(i, i + 8));
      if (spared) commentRuns.push({ start: run.start, end: run.end });
      run = null;
    }
    previousLead = lead;
    const top = levels[levels.length - 1]!;
    if (opens) {
      if (lead <= top) return null;
      levels.push(lead);
    } else if (lead !== top) {
      if (lead > top) return null;
      while (levels.length > 1 && levels[levels.length - 1]! > lead) levels.pop();
      if (levels[levels.length - 1] !== lead) return null;
    }
    const line = logicalLine(text, i);
    if (line === null) return null;
    opens = text.charCodeAt(line.lastCode) === COLON;
    i = line.end;
  }
  return opens ? null : { commentRuns };
}

/** Index of the line feed ending the physical line at `i` (or the text's end). */
function lineEnd(text: string, i: number): number {
  const k = text.indexOf("\n", i);
  return k < 0 ? text.length : k;
}

/**
 * The logical line starting at `start`, through brackets, strings and
 * backslash continuations: the index after its line feed, and of its last
 * character of code (comments and blanks aside). Null for anything the scan
 * does not follow (an unclosed string or bracket, a quote inside an
 * f-string's replacement field, a lone CR).
 */
function logicalLine(text: string, start: number): { end: number; lastCode: number } | null {
  const n = text.length;
  let depth = 0;
  let lastCode = start;
  let i = start;
  while (i < n) {
    CODE_RUN.lastIndex = i;
    if (CODE_RUN.test(text)) {
      let k = CODE_RUN.lastIndex - 1;
      while (k >= i && (text.charCodeAt(k) === SPACE || text.charCodeAt(k) === TAB || text.charCodeAt(k) === FF)) k--;
      if (k >= i) lastCode = k;
      i = CODE_RUN.lastIndex;
      if (i >= n) break;
    }
    const c = text.charCodeAt(i);
    if (c === 34 || c === 39) {
      const after = stringEnd(text, i, formatted(text, i));
      if (after < 0) return null;
      lastCode = after - 1;
      i = after;
      continue;
    }
    if (c === HASH) {
      i = lineEnd(text, i);
      continue;
    }
    if (c === BACKSLASH) {
      const next = text.charCodeAt(i + 1);
      if (next === LF) i += 2;
      else if (next === CR && text.charCodeAt(i + 2) === LF) i += 3;
      else return null;
      continue;
    }
    if (c === CR && text.charCodeAt(i + 1) !== LF) return null;
    if (c === LF) {
      if (depth === 0) return { end: i + 1, lastCode };
    } else if (c !== SPACE && c !== TAB && c !== FF && c !== CR) {
      lastCode = i;
      if (c === 40 || c === 91 || c === 123) depth++;
      else if ((c === 41 || c === 93 || c === 125) && --depth < 0) return null;
    }
    i++;
  }
  return depth === 0 ? { end: n, lastCode } : null;
}

/** Whether the quote at `q` opens an f-string (or t-string): an `f` or `t` in the prefix before it. */
function formatted(text: string, q: number): boolean {
  let k = q - 1;
  let f = false;
  while (k >= 0 && k >= q - 3) {
    const ch = text[k]!;
    if (!/[rRbBuUfFtT]/.test(ch)) break;
    if (/[fFtT]/.test(ch)) f = true;
    k--;
  }
  // The prefix must be a whole word: `elif"x"` is not one.
  return f && (k < 0 || !/\w/.test(text[k]!));
}

/** Index after the string whose opening quote is at `q`; -1 when it is not closed or not followed. */
function stringEnd(text: string, q: number, fString: boolean): number {
  const quote = text.charCodeAt(q);
  const triple = text.charCodeAt(q + 1) === quote && text.charCodeAt(q + 2) === quote;
  const n = text.length;
  let i = q + (triple ? 3 : 1);
  const run = quote === 34 ? DOUBLE_QUOTED_RUN : SINGLE_QUOTED_RUN;
  while (i < n) {
    run.lastIndex = i;
    if (run.test(text)) {
      i = run.lastIndex;
      if (i >= n) break;
    }
    const c = text.charCodeAt(i);
    if (c === BACKSLASH) {
      i += 2;
      continue;
    }
    if (c === quote) {
      if (!triple) return i + 1;
      if (text.charCodeAt(i + 1) === quote && text.charCodeAt(i + 2) === quote) return i + 3;
    } else if (!triple && (c === LF || c === CR)) return -1;
    else if (fString && c === 123) {
      if (text.charCodeAt(i + 1) === 123) {
        i += 2;
        continue;
      }
      // A replacement field: brackets only; a string inside it is left to the tree walk.
      let depth = 0;
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 34 || d === 39 || d === HASH || d === BACKSLASH) return -1;
        if (!triple && (d === LF || d === CR)) return -1;
        if (d === 40 || d === 91 || d === 123) depth++;
        else if (d === 41 || d === 93) depth--;
        else if (d === 125) {
          if (depth === 0) break;
          depth--;
        }
      }
      if (i >= n) return -1;
    }
    i++;
  }
  return -1;
}
