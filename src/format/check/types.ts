import type { Colors } from "../color.js";
import type { AnyRule, Diagnostic } from "../../engine/rule.js";

export interface Summary {
  errors: number;
  warnings: number;
  /** Diagnostics a fix is available for. */
  fixable: number;
  /** Silenced by suppression comments. */
  suppressed: number;
  /** Accepted by the baseline file. */
  baselined: number;
  files: number;
}

/** What a formatter turns into text: the diagnostics left after suppressions and the baseline. */
export interface CheckReport {
  diagnostics: Diagnostic[];
  summary: Summary;
  files: string[];
  /** `--base REF`, when given. */
  base: string | null;
}

export interface FormatContext {
  chalk: Colors;
  rules: readonly AnyRule[];
  toolVersion: string;
  /** Each rule's README (markdown), for SARIF's rule help. */
  ruleDocs: ReadonlyMap<string, string>;
  /**
   * The project root relative to the repository root ("backend", or "" when
   * they are the same): GitHub annotations and SARIF name files from the
   * repository root.
   */
  repositoryPrefix: string;
}

/** A finding's file (relative to the project root) as seen from the repository root. */
export function repositoryPath(file: string, prefix: string): string {
  return prefix === "" ? file : `${prefix}/${file}`;
}

export type Formatter = (report: CheckReport, context: FormatContext) => string;

export function summarize(diagnostics: readonly Diagnostic[], suppressed: number, baselined: number, files: number): Summary {
  return {
    errors: diagnostics.filter((d) => d.severity === "error").length,
    warnings: diagnostics.filter((d) => d.severity === "warn").length,
    fixable: diagnostics.filter((d) => d.fix !== null).length,
    suppressed,
    baselined,
    files,
  };
}
