import type { Fix } from "../engine/rule.js";
import { InputError } from "../errors.js";
import type { FileInput, ProjectInput } from "../project/analyze.js";
import type { CheckOutput } from "../project/check.js";
import { applyFixes } from "./apply.js";

/** Passes of fix-then-check (ESLint keeps to ten too); reaching it with fixes left is reported (`passLimitReached`). */
export const MAX_FIX_PASSES = 10;

export interface FixOutcome {
  project: ProjectInput;
  /** Files whose text changed: path → [before, after]. */
  changed: Map<string, [string, string]>;
  /** Fixes applied over all passes. */
  applied: number;
  /** The check of the fixed project. */
  result: CheckOutput;
  /** The last pass still had fixes to apply: the findings in `result` that carry a fix were left unfixed. */
  passLimitReached: boolean;
}

/**
 * Applies the available fixes and checks again until nothing is left to fix
 * (as ESLint does, at most MAX_FIX_PASSES passes; the outcome says when that cap left fixes). A pass that would add a Python syntax
 * error stops everything: nothing is to be written then.
 */
export async function fixProject(
  project: ProjectInput,
  check: (p: ProjectInput) => Promise<CheckOutput>,
  syntaxErrors: (text: string) => number,
): Promise<FixOutcome> {
  let current = project;
  let result = await check(current);
  const original = new Map<string, string>([...project.migrations, ...(project.registry ? [project.registry] : [])].map((f) => [f.path, f.text]));
  let applied = 0;
  let passes = 0;
  for (; passes < MAX_FIX_PASSES; passes++) {
    const byFile = new Map<string, Fix[]>();
    for (const d of result.diagnostics) if (d.fix) byFile.set(d.fix.file, [...(byFile.get(d.fix.file) ?? []), d.fix]);
    if (byFile.size === 0) break;
    let appliedThisPass = 0;
    const edit = (f: FileInput): FileInput => {
      const fixes = byFile.get(f.path);
      if (!fixes) return f;
      const out = applyFixes(f.text, fixes);
      if (out.applied === 0) return f;
      if (syntaxErrors(out.text) > syntaxErrors(f.text)) throw new InputError(`fixing ${f.path} would break its Python syntax; nothing was written`);
      appliedThisPass += out.applied;
      return { ...f, text: out.text };
    };
    // Only migrations and registry are edited; the framework sources and imported modules go along unchanged.
    current = { ...current, migrations: current.migrations.map(edit), registry: current.registry ? edit(current.registry) : null };
    if (appliedThisPass === 0) break;
    applied += appliedThisPass;
    result = await check(current);
  }
  const changed = new Map<string, [string, string]>();
  for (const f of [...current.migrations, ...(current.registry ? [current.registry] : [])]) {
    const before = original.get(f.path);
    if (before !== undefined && before !== f.text) changed.set(f.path, [before, f.text]);
  }
  const passLimitReached = passes === MAX_FIX_PASSES && result.diagnostics.some((d) => d.fix !== null);
  return { project: current, changed, applied, result, passLimitReached };
}
