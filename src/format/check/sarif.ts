import { createHash } from "../../hash.js";
import { repositoryPath, type CheckReport, type FormatContext } from "./types.js";

/**
 * SARIF 2.1.0 for GitHub code scanning: every rule with its help, every
 * diagnostic with a physical location relative to the repository root
 * (`%SRCROOT%`, which code scanning resolves to the checkout).
 * Columns count Unicode code points, as index-audit's do.
 */
export function formatSarif(report: CheckReport, ctx: FormatContext): string {
  const rules = ctx.rules.map((r) => ({
    id: r.id,
    name: r.id.replace(/(^|-)([a-z])/g, (_m, _d, c: string) => c.toUpperCase()),
    shortDescription: { text: r.meta.description },
    fullDescription: { text: r.meta.description },
    helpUri: r.meta.docs.url,
    help: { text: `${r.meta.description}. Run \`index-audit explain ${r.id}\` for details.`, ...(ctx.ruleDocs.has(r.id) ? { markdown: ctx.ruleDocs.get(r.id) } : {}) },
    defaultConfiguration: r.meta.defaultSeverity === "off" ? { enabled: false, level: "warning" } : { level: r.meta.defaultSeverity === "error" ? "error" : "warning" },
    properties: { fixable: r.meta.fixable, hasSuggestions: r.meta.hasSuggestions, type: r.meta.type },
  }));
  const ruleIndex = new Map(ctx.rules.map((r, k) => [r.id, k]));
  const results = report.diagnostics.map((d) => {
    const region: Record<string, number> = { startLine: d.line, startColumn: d.column };
    if (d.endLine > d.line || (d.endLine === d.line && d.endColumn > d.column)) Object.assign(region, { endLine: d.endLine, endColumn: d.endColumn });
    return {
      ruleId: d.rule,
      ruleIndex: ruleIndex.get(d.rule) ?? -1,
      properties: { messageId: d.messageId },
      level: d.severity === "error" ? "error" : "warning",
      message: { text: `${d.message}. ${d.help}` },
      locations: [{ physicalLocation: { artifactLocation: { uri: encodeURI(repositoryPath(d.file, ctx.repositoryPrefix)), uriBaseId: "%SRCROOT%" }, region } }],
      // Stable across line shifts, so code scanning tracks one alert per index.
      partialFingerprints: { "indexAuditFinding/v1": createHash("sha256").update(`${d.rule}\0${d.file}\0${d.index ?? d.message}`).digest("hex").slice(0, 32) },
    };
  });
  const doc = {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: { driver: { name: "index-audit", version: ctx.toolVersion, rules } },
        columnKind: "unicodeCodePoints",
        results,
      },
    ],
  };
  return JSON.stringify(doc, null, 2) + "\n";
}
