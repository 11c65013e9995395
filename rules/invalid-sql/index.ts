import { pointAt, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

/** SQL handed to an executor that PostgreSQL's own parser rejects. */
export const rule: Rule = {
  id: "invalid-sql",
  meta: {
    description: "SQL handed to an executor is rejected by PostgreSQL's parser",
    defaultSeverity: "error",
    fixable: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      invalid: "PostgreSQL cannot parse this SQL: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report[] = [];
    for (const p of inventory.errors) {
      if (p.kind !== "invalid-sql") continue;
      reports.push({
        location: pointAt(p),
        index: null,
        messageId: "invalid",
        data: { message: p.message },
        help: "Fix the statement: the deploy runs this string and PostgreSQL would reject it (check for a line lost in an edit, e.g. a CREATE INDEX line leaving only `ON t (a)`).",
      });
    }
    return reports;
  },
};
