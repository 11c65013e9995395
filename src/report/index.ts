/** The markdown audit report: `buildReportModel` (data) → `renderReportMarkdown` (text). No I/O. */
import { renderReportMarkdown } from "./markdown.js";
import { buildReportModel, type ReportInput } from "./model.js";

export { buildReportModel, type ReportInput, type ReportModel, type ReportConfig, type ReportIndex, type Place } from "./model.js";
export { renderReportMarkdown } from "./markdown.js";
export { derivePurpose, purposeOf, type Purpose } from "../model/purpose.js";
export { domainTitle, assignDomain } from "./domains.js";
export { lineDiff } from "./diff.js";

/** The report for one run: same input, same bytes. */
export function generateReport(input: ReportInput): string {
  return renderReportMarkdown(buildReportModel(input));
}
