/**
 * A short unified-style line diff, for `report --check`: which lines of the
 * committed file differ from what would be generated. Not a patch format to
 * apply; a reader's summary, capped at `maxLines` lines of hunks.
 */

export interface DiffOptions {
  /** Unchanged lines shown around a change. */
  context: number;
  /** Hunk lines shown at most; the rest is counted in a last line. */
  maxLines: number;
}

const DEFAULTS: DiffOptions = { context: 2, maxLines: 60 };

/** Cells of the comparison table above which the middle of two files is shown as one replaced block. */
const MAX_CELLS = 4_000_000;

type Op = { kind: " " | "-" | "+"; text: string; a: number; b: number };

/** "" when equal; else `--- old` / `+++ new` headers and `@@ -a,n +b,m @@` hunks. */
export function lineDiff(oldText: string, newText: string, oldLabel: string, newLabel: string, options: Partial<DiffOptions> = {}): string {
  const { context, maxLines } = { ...DEFAULTS, ...options };
  if (oldText === newText) return "";
  const a = splitLines(oldText);
  const b = splitLines(newText);
  const ops = diffOps(a, b);
  const out = [`--- ${oldLabel}`, `+++ ${newLabel}`];
  let shown = 0;
  let hidden = 0;
  for (const hunk of hunks(ops, context)) {
    const lines = [hunkHeader(hunk), ...hunk.map((op) => op.kind + op.text)];
    for (const line of lines) {
      if (shown < maxLines) {
        out.push(line);
        shown++;
      } else if (!line.startsWith("@@") && !line.startsWith(" ")) hidden++;
    }
  }
  if (hidden > 0) out.push(`… ${hidden} more changed line${hidden === 1 ? "" : "s"} not shown`);
  return out.join("\n") + "\n";
}

/** Lines without their ends; a final newline does not make an empty last line. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}

/** Edit script by longest common subsequence, after trimming the common head and tail. */
function diffOps(a: readonly string[], b: readonly string[]): Op[] {
  let head = 0;
  while (head < a.length && head < b.length && a[head] === b[head]) head++;
  let tail = 0;
  while (tail < a.length - head && tail < b.length - head && a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
  const ops: Op[] = [];
  for (let k = 0; k < head; k++) ops.push({ kind: " ", text: a[k]!, a: k, b: k });
  const midA = a.slice(head, a.length - tail);
  const midB = b.slice(head, b.length - tail);
  const n = midA.length;
  const m = midB.length;
  if ((n + 1) * (m + 1) > MAX_CELLS) {
    midA.forEach((t, k) => ops.push({ kind: "-", text: t, a: head + k, b: head }));
    midB.forEach((t, k) => ops.push({ kind: "+", text: t, a: head + n, b: head + k }));
  } else {
    // lcs[i][j]: length of the LCS of midA[i..] and midB[j..].
    const width = m + 1;
    const lcs = new Uint32Array((n + 1) * width);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * width + j] = midA[i] === midB[j] ? lcs[(i + 1) * width + j + 1]! + 1 : Math.max(lcs[(i + 1) * width + j]!, lcs[i * width + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n || j < m) {
      if (i < n && j < m && midA[i] === midB[j]) {
        ops.push({ kind: " ", text: midA[i]!, a: head + i, b: head + j });
        i++;
        j++;
      } else if (j < m && (i === n || lcs[i * width + j + 1]! >= lcs[(i + 1) * width + j]!)) {
        ops.push({ kind: "+", text: midB[j]!, a: head + i, b: head + j });
        j++;
      } else {
        ops.push({ kind: "-", text: midA[i]!, a: head + i, b: head + j });
        i++;
      }
    }
  }
  for (let k = tail; k > 0; k--) ops.push({ kind: " ", text: a[a.length - k]!, a: a.length - k, b: b.length - k });
  return reorder(ops);
}

/** Within each run of changes, removals before additions (as unified diffs show them). */
function reorder(ops: Op[]): Op[] {
  const out: Op[] = [];
  let run: Op[] = [];
  const flush = () => {
    // Loops, not push(...): a run of 100,000 changed lines is too many arguments for one call.
    for (const o of run) if (o.kind === "-") out.push(o);
    for (const o of run) if (o.kind === "+") out.push(o);
    run = [];
  };
  for (const op of ops) {
    if (op.kind === " ") {
      flush();
      out.push(op);
    } else run.push(op);
  }
  flush();
  return out;
}

function hunks(ops: readonly Op[], context: number): Op[][] {
  const out: Op[][] = [];
  let k = 0;
  while (k < ops.length) {
    if (ops[k]!.kind === " ") {
      k++;
      continue;
    }
    const start = Math.max(0, k - context);
    // Extend while the next change is within 2 × context unchanged lines.
    let end = k;
    for (;;) {
      while (end < ops.length && ops[end]!.kind !== " ") end++;
      let gap = end;
      while (gap < ops.length && ops[gap]!.kind === " " && gap - end < 2 * context) gap++;
      if (gap < ops.length && ops[gap]!.kind !== " ") end = gap;
      else break;
    }
    const stop = Math.min(ops.length, end + context);
    out.push(ops.slice(start, stop));
    k = stop;
  }
  return out;
}

function hunkHeader(hunk: readonly Op[]): string {
  const olds = hunk.filter((o) => o.kind !== "+");
  const news = hunk.filter((o) => o.kind !== "-");
  // An empty side is shown at the line before it, as unified diffs do.
  const oldStart = olds.length ? olds[0]!.a + 1 : hunk[0]!.a;
  const newStart = news.length ? news[0]!.b + 1 : hunk[0]!.b;
  return `@@ -${oldStart},${olds.length} +${newStart},${news.length} @@`;
}
