import { existsSync, readFileSync } from "node:fs";
import { applyBaseline, parseBaseline } from "../engine/baseline.js";
import type { Diagnostic } from "../engine/rule.js";
import { InputError } from "../errors.js";

/**
 * The baseline step of `check` and `db`: the findings a baseline file accepts
 * are taken out, counted, and its entries that match nothing are counted as
 * stale. A baseline named by flag must exist; the default one is optional.
 */
export function applyBaselineFile(diagnostics: Diagnostic[], path: string, shown: string, named: boolean): { diagnostics: Diagnostic[]; baselined: number; stale: number } {
  if (!named && !existsSync(path)) return { diagnostics, baselined: 0, stale: 0 };
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new InputError(code === "ENOENT" ? `baseline file not found: ${shown} (create it with --update-baseline)` : `cannot read baseline ${shown}: ${code ?? "error"}`);
  }
  return applyBaseline(diagnostics, parseBaseline(text, shown));
}

/** The one line saying that baseline entries match nothing any more, and how to prune them. */
export function staleBaselineNotice(stale: number, command: "check" | "db"): string {
  return `index-audit: ${stale === 1 ? "1 baseline entry is" : `${stale} baseline entries are`} stale (the finding is gone); \`index-audit ${command} --update-baseline\` prunes ${stale === 1 ? "it" : "them"}\n`;
}
