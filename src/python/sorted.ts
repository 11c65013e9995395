/** Searches in sorted arrays of positions, shared by the walks that would otherwise scan them. */

/** The position of the first of ascending `items` at or after `at` (`items.length` when none is); also how many are below `at`. */
export function firstAtOrAfter(items: readonly number[], at: number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (items[mid]! < at) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Whether `at` lies in one of the sorted, disjoint `ranges` (`[start, end)`). */
export function insideAny(ranges: readonly { start: number; end: number }[], at: number): boolean {
  let lo = 0;
  let hi = ranges.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const r = ranges[mid]!;
    if (at < r.start) hi = mid - 1;
    else if (at >= r.end) lo = mid + 1;
    else return true;
  }
  return false;
}
