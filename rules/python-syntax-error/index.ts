import { docsUrl, pointAt, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "syntax" | "encoding";

/** A migration or registry that Python cannot compile would crash the deploy. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "python-syntax-error",
  meta: {
    type: "problem",
    description: "The file has Python syntax errors (or is not valid UTF-8); its findings may be partial",
    docs: { url: docsUrl("python-syntax-error") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 11, text: "Migrations and registry parse as Python" } },
    messages: {
      syntax: "Python syntax error: {message}; the findings for this file may be incomplete",
      encoding: "File is not valid UTF-8: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
    // Python stops at the first syntax error; later ones are mostly where the parser's recovery lost its way.
    const reported = new Set<string>();
    for (const p of inventory.errors) {
      if (p.kind !== "python-syntax" && p.kind !== "encoding") continue;
      if (p.kind === "python-syntax") {
        if (reported.has(p.file)) continue;
        reported.add(p.file);
      }
      reports.push({
        location: pointAt(p),
        index: null,
        messageId: p.kind === "encoding" ? "encoding" : "syntax",
        data: { message: p.message },
        help: p.kind === "encoding" ? "Save the file as UTF-8: Python refuses source that is not." : "Fix the syntax: Python would refuse to import this file and the deploy would crash.",
      });
    }
    return reports;
  },
};
