/** The markdown audit report: `buildReportModel` (data) → `renderReportMarkdown` (text). No I/O. */
import { renderReportMarkdown } from "./markdown.js";
import { buildReportModel, type ReportInput } from "./model.js";

export { buildReportModel, type ReportInput } from "./model.js";
export { renderReportMarkdown } from "./markdown.js";
export { lineDiff } from "./diff.js";

/** The report for one run: same input, same bytes. */
export function generateReport(input: ReportInput): string {
  return renderReportMarkdown(buildReportModel(input));
}
