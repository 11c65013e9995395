import { pointAt, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

/** Index SQL whose name or table is only known when the code runs cannot be audited. */
export const rule: Rule = {
  id: "dynamic-index-sql",
  meta: {
    description: "Index SQL whose name or table cannot be resolved statically",
    defaultSeverity: "warn",
    fixable: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      dynamic: "Index SQL cannot be resolved statically ({reason}): {template}",
      limit: "Static evaluation stopped: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report[] = [];
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
      if (p.kind !== "limit") continue;
      reports.push({
        location: pointAt(p),
        index: null,
        messageId: "limit",
        data: { message: p.message },
        help: "Simplify the expressions that build SQL; the indexes they create could not all be audited.",
      });
    }
    return reports;
  },
};
