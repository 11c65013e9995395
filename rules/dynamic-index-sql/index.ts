import { docsUrl, pointAt, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "dynamic" | "limit" | "notRead";

/** Index SQL whose name or table is only known when the code runs cannot be audited. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "dynamic-index-sql",
  meta: {
    type: "suggestion",
    description: "Index SQL whose name or table cannot be resolved statically",
    docs: { url: docsUrl("dynamic-index-sql") },
    defaultSeverity: "warn",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 12, text: "All index SQL resolved statically" }, findingsOrder: 3 },
    messages: {
      dynamic: "Index SQL cannot be resolved statically ({reason}): {template}",
      limit: "Static evaluation stopped: {message}",
      notRead: "Not read: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
    for (const d of inventory.dynamic) {
      reports.push({
        location: pointAt(d),
        index: null,
        messageId: "dynamic",
        data: { reason: d.reason, template: d.template },
        help: "Write the index name and table as literals (or names bound once to literals) so they can be audited, or suppress this with a reason.",
      });
    }
    for (const p of inventory.errors) {
      if (p.kind === "limit")
        reports.push({
          location: pointAt(p),
          index: null,
          messageId: "limit",
          data: { message: p.message },
          help: "Simplify the expressions that build SQL; the indexes they create could not all be audited.",
        });
      // What the reader passed over (Django's RunPython, an operation or a list it cannot read, yoyo's Python migrations): the audit is incomplete there.
      else if (p.kind === "not-read")
        reports.push({
          location: pointAt(p),
          index: null,
          messageId: "notRead",
          data: { message: p.message },
          help: "Check by hand what this code does to indexes, or write it in a form the reader knows; suppress this with a reason once checked.",
        });
    }
    return reports;
  },
};
