import { repositoryPath, type CheckReport, type FormatContext } from "./types.js";

/**
 * GitHub Actions workflow commands: one annotation per diagnostic, shown on
 * the pull request's diff, with files named from the repository root. Values
 * are escaped as the runner expects.
 */
export function formatGithub(report: CheckReport, ctx: FormatContext): string {
  return report.diagnostics
    .map((d) => {
      const props = [`file=${prop(repositoryPath(d.file, ctx.repositoryPrefix))}`, `line=${d.line}`, `col=${d.column}`];
      if (d.endLine > d.line || (d.endLine === d.line && d.endColumn > d.column)) props.push(`endLine=${d.endLine}`, `endColumn=${d.endColumn}`);
      props.push(`title=${prop(`index-audit(${d.rule})`)}`);
      return `::${d.severity === "error" ? "error" : "warning"} ${props.join(",")}::${data(`${d.message}\n${d.help}`)}\n`;
    })
    .join("");
}

function data(s: string): string {
  return s.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

function prop(s: string): string {
  return data(s).replace(/:/g, "%3A").replace(/,/g, "%2C");
}
