import { existsSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { writeFileAtomic } from "../disk/write.js";
import { applyBaseline, createBaseline, parseBaseline } from "../engine/baseline.js";
import type { Diagnostic } from "../engine/rule.js";
import { InputError } from "../errors.js";
import { displayPath } from "../paths/display.js";
import type { CommandContext } from "./context.js";
import { shownPath } from "./shown-path.js";

/**
 * The baseline flags of `check` and `db`: `--update-baseline` writes every
 * finding to the baseline and says so (null: the command is done); otherwise
 * the baseline (`--baseline`, or `defaultPath` under the project root) is applied.
 */
export function baselineStep(
  ctx: CommandContext,
  root: string,
  args: { baseline?: string | undefined; "update-baseline": boolean },
  defaultPath: string,
  diagnostics: Diagnostic[],
): { diagnostics: Diagnostic[]; baselined: number; stale: number } | null {
  const path = resolve(root, args.baseline ? displayPath(root, resolve(ctx.cwd, args.baseline)) : defaultPath);
  const shown = shownPath(ctx.io.cwd, path);
  if (args["update-baseline"]) {
    writeFileAtomic(path, createBaseline(diagnostics), shown);
    ctx.io.stderr(`index-audit: wrote ${diagnostics.length} finding${diagnostics.length === 1 ? "" : "s"} to ${shown}\n`);
    return null;
  }
  return applyBaselineFile(diagnostics, path, shown, args.baseline !== undefined);
}

/**
 * The baseline step of `check` and `db`: the findings a baseline file accepts
 * are taken out, counted, and its entries that match nothing are counted as
 * stale. A baseline named by flag must exist; the default one is optional.
 */
function applyBaselineFile(diagnostics: Diagnostic[], path: string, shown: string, named: boolean): { diagnostics: Diagnostic[]; baselined: number; stale: number } {
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
