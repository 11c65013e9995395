/**
 * A module's top level read from its text alone: where its statements start
 * at column 0, and which parts are strings or comments. Asking tree-sitter
 * costs a call (and a JavaScript object) per node; a migration file's few
 * module-level names are found by a scan of its characters instead, and then
 * only their nodes are asked for. Formatted strings (`f"…"`, `t"…"`) hold code
 * and, since Python 3.12, may nest the quotes that close them: a file with
 * one is not read this way (null), nor one with a string left open, a form
 * feed in its code, or a line starting with a character that is not printable
 * ASCII (tree-sitter takes some for blanks, Python resets the indentation at
 * a form feed: where a statement starts is then the tree's to say).
 */
export interface ModuleText {
  /** Starts of the logical lines at column 0 that hold code (a statement each, in a file without syntax errors). */
  topStarts: Set<number>;
  /** Where the code of each of those logical lines ends (before a comment or blanks). */
  codeEnds: Map<number, number>;
  /** Strings and comments, in order: no code is written inside them. */
  inert: { start: number; end: number }[];
}

export function scanModuleText(source: string): ModuleText | null {
  const topStarts = new Set<number>();
  const codeEnds = new Map<number, number>();
  const inert: { start: number; end: number }[] = [];
  // The logical line at column 0 being read (-1: none), and the end of its code so far.
  let top = -1;
  let codeEnd = -1;
  const endLine = (): void => {
    if (top >= 0) codeEnds.set(top, codeEnd);
    top = -1;
  };
  let depth = 0;
  // At the start of a logical line (and not inside brackets or after a backslash-newline).
  let lineStart = true;
  let i = 0;
  const n = source.length;
  while (i < n) {
    const c = source.charCodeAt(i);
    if (c === 10 || c === 13) {
      if (depth === 0) {
        lineStart = true;
        endLine();
      }
      i++;
      continue;
    }
    if (c === 32 || c === 9) {
      i++;
      continue;
    }
    // A form feed resets the indentation (Python's and tree-sitter's): a statement after one may stand at column 0.
    if (c === 12) return null;
    if (c === 35) {
      // `#`: a comment, to the end of the line.
      const end = lineEnd(source, i);
      inert.push({ start: i, end });
      i = end;
      continue;
    }
    if (c === 92) {
      // A backslash joins the next line to this one.
      const next = source.charCodeAt(i + 1);
      if (next !== 10 && next !== 13) return null;
      i += next === 13 && source.charCodeAt(i + 2) === 10 ? 3 : 2;
      continue;
    }
    if (lineStart && depth === 0 && (i === 0 || source.charCodeAt(i - 1) === 10 || source.charCodeAt(i - 1) === 13)) {
      // tree-sitter takes a BOM, a zero-width or non-ASCII space, a vertical tab for a blank: the statement may start after it.
      if (c < 0x20 || c > 0x7e) return null;
      topStarts.add(i);
      top = i;
    }
    lineStart = false;
    if (c === 34 || c === 39) {
      const end = stringEnd(source, i);
      if (end < 0) return null;
      inert.push({ start: i, end });
      i = codeEnd = end;
      continue;
    }
    if (isNameChar(c)) {
      let j = i + 1;
      while (j < n && isNameChar(source.charCodeAt(j))) j++;
      const q = source.charCodeAt(j);
      if ((q === 34 || q === 39) && j - i <= 2) {
        // A string prefix: r, b, u and their pairs hold no code; f and t do.
        const prefix = source.slice(i, j).toLowerCase();
        if (!/^(?:r|b|u|br|rb)$/.test(prefix)) return null;
        const end = stringEnd(source, j);
        if (end < 0) return null;
        inert.push({ start: i, end });
        i = codeEnd = end;
        continue;
      }
      i = codeEnd = j;
      continue;
    }
    if (c === 40 || c === 91 || c === 123) depth++;
    else if (c === 41 || c === 93 || c === 125) depth = Math.max(0, depth - 1);
    i = codeEnd = i + 1;
  }
  endLine();
  return { topStarts, codeEnds, inert };
}


function lineEnd(source: string, i: number): number {
  let j = i;
  while (j < source.length && source.charCodeAt(j) !== 10 && source.charCodeAt(j) !== 13) j++;
  return j;
}

/** The end of the string whose quote is at `q` (after its closing quote); -1 when it is not closed. */
function stringEnd(source: string, q: number): number {
  const quote = source.charCodeAt(q);
  const triple = source.charCodeAt(q + 1) === quote && source.charCodeAt(q + 2) === quote;
  let j = triple ? q + 3 : q + 1;
  while (j < source.length) {
    const c = source.charCodeAt(j);
    // A backslash keeps the next character in the string (in a raw string too).
    if (c === 92) j += 2;
    else if (c === quote) {
      if (!triple) return j + 1;
      if (source.charCodeAt(j + 1) === quote && source.charCodeAt(j + 2) === quote) return j + 3;
      j++;
    } else if (!triple && (c === 10 || c === 13)) return -1;
    else j++;
  }
  return -1;
}

/** A character of a name: an ASCII letter, digit or `_`, or any non-ASCII one. */
export function isNameChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c > 0x7f;
}
