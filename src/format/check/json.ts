import type { CheckReport } from "./types.js";

const CHECK_FORMAT_VERSION = 1;

/** The `check --format json` document (schemas/report.schema.json). */
export function formatJson(report: CheckReport): string {
  const doc = {
    version: CHECK_FORMAT_VERSION,
    base: report.base,
    diagnostics: report.diagnostics.map((d) => ({
      rule: d.rule,
      messageId: d.messageId,
      severity: d.severity,
      file: d.file,
      line: d.line,
      column: d.column,
      endLine: d.endLine,
      endColumn: d.endColumn,
      message: d.message,
      help: d.help,
      index: d.index,
      fixable: d.fix !== null,
      suggestions: d.suggestions,
    })),
    summary: report.summary,
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
