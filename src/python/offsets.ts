/**
 * Where each character of an evaluated string came from in the .py source,
 * held as runs rather than one number per character: a literal's characters
 * step through the source one by one, a formatted number or a placeholder
 * stands at one point. A statement of a few hundred characters is then a few
 * runs, not a few hundred numbers kept (and copied at every concatenation)
 * through the whole analysis.
 */
export interface SourceOffsets {
  /** How many characters. */
  readonly length: number;
  /**
   * Flat triples, one per run, in order: the run's first character, that
   * character's source index, and the step (0 or 1) to the next character's.
   */
  readonly runs: readonly number[];
}

export const NO_OFFSETS: SourceOffsets = { length: 0, runs: [] };

/** Adds runs in order, extending the last run when the new one continues it. */
export class RunBuilder {
  readonly runs: number[] = [];
  length = 0;
  /** Characters in the last run. */
  private last = 0;

  add(index: number, step: number, length: number): void {
    if (length <= 0) return;
    const n = this.runs.length;
    if (n > 0) {
      const lastIndex = this.runs[n - 2]!;
      const lastStep = this.runs[n - 1]!;
      const d = index - lastIndex;
      if (this.last === 1 && (d === 0 || d === 1) && (length === 1 || step === d)) {
        // A one-character run takes the step its successor gives it.
        this.runs[n - 1] = d;
        this.extend(length);
        return;
      }
      if (this.last > 1 && index === lastIndex + this.last * lastStep && (length === 1 || step === lastStep)) {
        this.extend(length);
        return;
      }
    }
    this.runs.push(this.length, index, length === 1 ? 0 : step);
    this.last = length;
    this.length += length;
  }

  /** Characters `[from, to)` of `source`. */
  copy(source: SourceOffsets, from: number, to: number): void {
    const runs = source.runs;
    for (let r = from >= to ? runs.length : runIndex(source, from); r < runs.length; r += 3) {
      const start = runs[r]!;
      if (start >= to) break;
      const end = r + 3 < runs.length ? runs[r + 3]! : source.length;
      const first = Math.max(start, from);
      const step = runs[r + 2]!;
      this.add(runs[r + 1]! + (first - start) * step, step, Math.min(end, to) - first);
    }
  }

  build(): SourceOffsets {
    return this.length === 0 ? NO_OFFSETS : { length: this.length, runs: this.runs };
  }

  private extend(length: number): void {
    this.last += length;
    this.length += length;
  }
}

/** The source index of each character, as listed. */
export function offsetsOf(indices: readonly number[]): SourceOffsets {
  const b = new RunBuilder();
  for (const i of indices) b.add(i, 0, 1);
  return b.build();
}

/** `length` characters all at source index `at`. */
export function offsetsAt(at: number, length: number): SourceOffsets {
  return length <= 0 ? NO_OFFSETS : { length, runs: [0, at, 0] };
}

/** `length` characters from source index `start` on, one for one. */
export function offsetsSpan(start: number, length: number): SourceOffsets {
  return length <= 0 ? NO_OFFSETS : { length, runs: [0, start, length > 1 ? 1 : 0] };
}

/** The pieces one after the other. */
export function concatOffsets(pieces: readonly SourceOffsets[]): SourceOffsets {
  if (pieces.length === 1) return pieces[0]!;
  const b = new RunBuilder();
  for (const p of pieces) b.copy(p, 0, p.length);
  return b.build();
}

/** The source index of character `i` (negative: from the end), or undefined past either end, as `Array.prototype.at`. */
export function offsetAt(o: SourceOffsets, i: number): number | undefined {
  const k = i < 0 ? i + o.length : i;
  if (k < 0 || k >= o.length) return undefined;
  const r = runIndex(o, k);
  return o.runs[r + 1]! + (k - o.runs[r]!) * o.runs[r + 2]!;
}

/** Characters `from` to `to` (exclusive), clamped to the string as `Array.prototype.slice` clamps (no negative indices). */
export function sliceOffsets(o: SourceOffsets, from: number, to: number = o.length): SourceOffsets {
  const a = Math.max(0, Math.min(from, o.length));
  const b = Math.max(a, Math.min(to, o.length));
  if (a === 0 && b === o.length) return o;
  const out = new RunBuilder();
  out.copy(o, a, b);
  return out.build();
}

/** Where in `runs` the run holding character `k` (0 ≤ k < length) starts. */
function runIndex(o: SourceOffsets, k: number): number {
  let lo = 0;
  let hi = o.runs.length / 3 - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (o.runs[mid * 3]! <= k) lo = mid;
    else hi = mid - 1;
  }
  return lo * 3;
}
