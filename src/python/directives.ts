import type { ModuleInfo } from "./scope.js";

/**
 * Where an `index-audit:` directive may stand: a `#` directive only in a
 * Python comment; a `--` directive in a Python comment or inside a string
 * (a SQL comment in a triple-quoted statement). A string that merely holds
 * `# index-audit: ignore-file[…]` is data and silences nothing.
 */
export interface DirectiveSites {
  accepts(marker: "#" | "--", index: number): boolean;
}

interface Range {
  start: number;
  end: number;
}

export function directiveSites(info: ModuleInfo): DirectiveSites {
  const comments = merged(info.comments);
  const strings = merged(info.strings.map((n) => ({ start: n.startIndex, end: n.endIndex })));
  return {
    accepts: (marker, index) => within(comments, index) || (marker === "--" && within(strings, index)),
  };
}

/** Sorted, non-overlapping ranges (an f-string's nested strings fall inside their string). */
function merged(ranges: readonly Range[]): Range[] {
  const sorted = [...ranges].sort((a, b) => a.start - b.start);
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && r.start <= last.end) last.end = Math.max(last.end, r.end);
    else out.push({ start: r.start, end: r.end });
  }
  return out;
}

function within(ranges: readonly Range[], index: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (index < r.start) hi = mid - 1;
    else if (index >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
