import { ConfigError } from "../errors.js";
import type { Diagnostic } from "./rule.js";

const BASELINE_VERSION = 1;

/** One accepted finding. Keyed on rule + file + index (not the line), so it survives edits above it. */
export interface BaselineEntry {
  rule: string;
  file: string;
  /** The index it concerns; null for findings about no index (then the message is the key). */
  index: string | null;
  message: string;
  count: number;
}

export interface Baseline {
  version: number;
  findings: BaselineEntry[];
}

function keyOf(d: { rule: string; file: string; index: string | null; message: string }): string {
  return `${d.rule}\0${d.file}\0${d.index ?? `message:${d.message}`}`;
}

/** The baseline file's text for the current findings: sorted, one entry per key with a count. */
export function createBaseline(diagnostics: readonly Diagnostic[]): string {
  const entries = new Map<string, BaselineEntry>();
  for (const d of diagnostics) {
    const key = keyOf(d);
    const e = entries.get(key);
    if (e) e.count++;
    else entries.set(key, { rule: d.rule, file: d.file, index: d.index, message: d.message, count: 1 });
  }
  const findings = [...entries.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, e]) => e);
  return JSON.stringify({ version: BASELINE_VERSION, findings } satisfies Baseline, null, 2) + "\n";
}

/** Reads a baseline file; a malformed one is a clear error naming the file. */
export function parseBaseline(text: string, shown: string): Baseline {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${shown}: baseline is not valid JSON: ${(e as Error).message}`);
  }
  const ok =
    typeof doc === "object" &&
    doc !== null &&
    (doc as Baseline).version === BASELINE_VERSION &&
    Array.isArray((doc as Baseline).findings) &&
    (doc as { findings: unknown[] }).findings.every((f) => typeof f === "object" && f !== null && isEntry(f as Partial<Record<keyof BaselineEntry, unknown>>));
  if (!ok) throw new ConfigError(`${shown}: not an index-audit baseline (version ${BASELINE_VERSION}); regenerate it with --update-baseline`);
  return doc as Baseline;
}

function isEntry(f: Partial<Record<keyof BaselineEntry, unknown>>): boolean {
  return (
    typeof f.rule === "string" &&
    typeof f.file === "string" &&
    (typeof f.index === "string" || f.index === null) &&
    typeof f.message === "string" &&
    typeof f.count === "number" &&
    Number.isInteger(f.count) &&
    f.count > 0
  );
}

/**
 * Drops the findings the baseline accepts (up to each entry's count) and says
 * how many, and how many entries matched nothing (stale: the finding is gone,
 * and `--update-baseline` would prune them).
 */
export function applyBaseline(diagnostics: readonly Diagnostic[], baseline: Baseline): { diagnostics: Diagnostic[]; baselined: number; stale: number } {
  const budget = new Map<string, number>();
  for (const f of baseline.findings) budget.set(keyOf(f), (budget.get(keyOf(f)) ?? 0) + f.count);
  const used = new Set<string>();
  const kept: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = keyOf(d);
    const left = budget.get(key) ?? 0;
    if (left > 0) {
      budget.set(key, left - 1);
      used.add(key);
    } else kept.push(d);
  }
  const stale = baseline.findings.filter((f) => !used.has(keyOf(f))).length;
  return { diagnostics: kept, baselined: diagnostics.length - kept.length, stale };
}
