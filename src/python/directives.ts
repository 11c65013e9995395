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

/** Read when first asked: most files hold no directive, and each position read is a call into tree-sitter. */
export function directiveSites(info: ModuleInfo): DirectiveSites {
  // Only these are held, not the module's analysis (its calls, scopes, parents cache), which the
  // inventory no longer needs while the sites are asked.
  const { root, source, strings: stringNodes } = info;
  let strings: Range[] | null = null;
  let newlines: number[] | null = null;
  const inComment = (index: number): boolean => {
    newlines ??= newlineIndices(source);
    // tree-sitter's rows end at "\n" only; a comment lies on one row, so only that row's are asked for.
    const row = countBelow(newlines, index);
    return root.descendantsOfType("comment", { row, column: 0 }, { row: row + 1, column: 0 }).some((c) => c.startIndex <= index && index < c.endIndex);
  };
  return {
    accepts: (marker, index) => inComment(index) || (marker === "--" && within((strings ??= merged(stringNodes.map((n) => ({ start: n.startIndex, end: n.endIndex })))), index)),
  };
}

function newlineIndices(source: string): number[] {
  const out: number[] = [];
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) out.push(i);
  return out;
}

/** How many of the sorted `items` are below `at`. */
function countBelow(items: readonly number[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
