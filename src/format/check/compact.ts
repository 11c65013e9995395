import type { Diagnostic } from "../../engine/rule.js";
import type { CheckReport } from "./types.js";

/** `file:line:col: severity rule message`, one diagnostic per line (grep- and editor-friendly). */
export function formatCompact(report: CheckReport): string {
  return report.diagnostics.map(compactLine).join("");
}

function compactLine(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.severity === "error" ? "error" : "warning"} ${d.rule} ${d.message}\n`;
}
