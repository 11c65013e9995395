import { structuredPatch } from "diff";

/**
 * A short unified-style line diff, for `report --check`: which lines of the
 * committed file differ from what would be generated. Not a patch format to
 * apply; a reader's summary, capped at `maxLines` lines of hunks.
 */

export interface DiffOptions {
  /** Unchanged lines shown around a change. */
  context: number;
  /** Hunk lines shown at most; the changed lines past it are counted in a last line. */
  maxLines: number;
}

const DEFAULTS: DiffOptions = { context: 2, maxLines: 60 };

/**
 * Edits the line diff searches for at most: its cost grows with edits × lines,
 * so two unrelated 100,000-line files would take minutes. Past it the files are
 * shown as one replaced block, and the output says so.
 */
export const DIFF_EDIT_BUDGET = 2000;

/** "" when equal; else `--- old` / `+++ new` headers and `@@ -a,n +b,m @@` hunks. */
export function lineDiff(oldText: string, newText: string, oldLabel: string, newLabel: string, options: Partial<DiffOptions> = {}): string {
  const { context, maxLines } = { ...DEFAULTS, ...options };
  if (oldText === newText) return "";
  const patch = structuredPatch(oldLabel, newLabel, oldText, newText, "", "", { context, maxEditLength: DIFF_EDIT_BUDGET });
  const out = [`--- ${oldLabel}`, `+++ ${newLabel}`];
  const hunks = patch?.hunks ?? [replacedBlock(oldText, newText)];
  if (!patch) out.push(`(more than ${DIFF_EDIT_BUDGET} lines differ: shown as one replaced block)`);
  let shown = 0;
  let hidden = 0;
  for (const hunk of hunks) {
    const header = `@@ -${hunk.oldStart},${hunk.oldLines} +${hunk.newStart},${hunk.newLines} @@`;
    // The library marks a missing final newline with a "\" line: not a line of either file.
    for (const line of [header, ...hunk.lines.filter((l) => !l.startsWith("\\"))]) {
      if (shown < maxLines) {
        out.push(line);
        shown++;
      } else if (!line.startsWith("@@") && !line.startsWith(" ")) hidden++;
    }
  }
  if (hidden > 0) out.push(`… ${hidden} more changed line${hidden === 1 ? "" : "s"} not shown`);
  return out.join("\n") + "\n";
}

interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: string[];
}

/** Every old line removed and every new line added, as one hunk. */
function replacedBlock(oldText: string, newText: string): Hunk {
  const a = splitLines(oldText);
  const b = splitLines(newText);
  return { oldStart: a.length ? 1 : 0, oldLines: a.length, newStart: b.length ? 1 : 0, newLines: b.length, lines: [...a.map((l) => "-" + l), ...b.map((l) => "+" + l)] };
}

/** Lines without their ends; a final newline does not make an empty last line. */
function splitLines(text: string): string[] {
  if (text === "") return [];
  const lines = text.split("\n");
  if (lines[lines.length - 1] === "") lines.pop();
  return lines;
}
