import { pointAt, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

/** A migration or registry that Python cannot compile would crash the deploy. */
export const rule: Rule = {
  id: "python-syntax-error",
  meta: {
    description: "The file has Python syntax errors (or is not valid UTF-8); its findings may be partial",
    defaultSeverity: "error",
    fixable: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      syntax: "Python syntax error: {message}; the findings for this file may be incomplete",
      encoding: "File is not valid UTF-8: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report[] = [];
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
