/** Line helpers over a file's text (UTF-16 offsets). */

export function lineStartOf(text: string, i: number): number {
  let k = i;
  while (k > 0 && text[k - 1] !== "\n") k--;
  return k;
}

/** Offset just past the line break that ends the line holding `i` (or the end of the text). */
export function lineEndOf(text: string, i: number): number {
  const nl = text.indexOf("\n", i);
  return nl < 0 ? text.length : nl + 1;
}

export function indentOf(text: string, i: number): string {
  const start = lineStartOf(text, i);
  return /^[ \t]*/.exec(text.slice(start))![0];
}

/** Only whitespace between the line's start and `i`. */
export function startsLine(text: string, i: number): boolean {
  return /^[ \t]*$/.test(text.slice(lineStartOf(text, i), i));
}

/** Only whitespace (or a Python comment) between `i` and the end of its line. */
export function endsLine(text: string, i: number): boolean {
  const end = lineEndOf(text, i);
  return /^[ \t]*(#.*)?\r?\n?$/.test(text.slice(i, end));
}

/** The line break the file uses. */
export function eolOf(text: string): string {
  return text.includes("\r\n") ? "\r\n" : "\n";
}
