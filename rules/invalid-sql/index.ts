import { docsUrl, pointAt, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "invalid";

/** SQL handed to an executor that PostgreSQL's own parser rejects. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "invalid-sql",
  meta: {
    type: "problem",
    description: "SQL handed to an executor is rejected by PostgreSQL's parser",
    docs: { url: docsUrl("invalid-sql") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 10, text: "All SQL handed to an executor parses" }, findingsOrder: 4 },
    messages: {
      invalid: "PostgreSQL cannot parse this SQL: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
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
