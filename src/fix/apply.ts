import { createTwoFilesPatch } from "diff";
import type { Edit, Fix } from "../engine/rule.js";

/**
 * Applies fixes to one file's text (offsets exclude a leading BOM, as the
 * analysis does). A fix whose edits overlap an accepted one is skipped (the
 * next pass picks it up); insertions at one point keep the order given.
 */
export function applyFixes(text: string, fixes: readonly Fix[]): { text: string; applied: number } {
  const accepted: Edit[] = [];
  let applied = 0;
  for (const fix of fixes) {
    if (fix.edits.some((e) => accepted.some((a) => overlaps(a, e)))) continue;
    accepted.push(...fix.edits);
    applied++;
  }
  return { text: applyEdits(text, accepted), applied };
}

/**
 * Applies edits that do not overlap (offsets exclude a leading BOM), from the
 * end backwards so earlier offsets stay valid; insertions at one point keep
 * their given order.
 */
export function applyEdits(text: string, edits: readonly Edit[]): string {
  const bom = text.startsWith("\uFEFF") ? 1 : 0;
  const ordered = edits.map((e, k) => ({ e, k })).sort((a, b) => b.e.start - a.e.start || b.k - a.k);
  for (let i = 1; i < ordered.length; i++) {
    if (overlaps(ordered[i]!.e, ordered[i - 1]!.e)) throw new Error("overlapping edits");
  }
  let out = text;
  for (const { e } of ordered) out = out.slice(0, e.start + bom) + e.text + out.slice(e.end + bom);
  return out;
}

function overlaps(a: Edit, b: Edit): boolean {
  // Two insertions at one point do not overlap; a replacement overlaps what lies strictly inside it.
  if (a.start === a.end || b.start === b.end) return (a.start < b.start && b.start < a.end) || (b.start < a.start && a.start < b.end);
  return a.start < b.end && b.start < a.end;
}

/** A unified diff of one file (`--- a/path`, `+++ b/path`), empty when nothing changed. */
export function unifiedDiff(path: string, before: string, after: string): string {
  if (before === after) return "";
  return createTwoFilesPatch(`a/${path}`, `b/${path}`, before, after, "", "", { context: 3 }).replace(/^=+\n/, "").replace(/\t\n/g, "\n");
}
