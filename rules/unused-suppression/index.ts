import { docsUrl, noOptions, pointAt, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "unknown" | "unused" | "unusedAll";

/** A suppression that silences nothing hides the next real problem; an unknown rule id is a typo. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "unused-suppression",
  meta: {
    type: "suggestion",
    description: "A suppression comment names an unknown rule or suppresses nothing",
    docs: { url: docsUrl("unused-suppression") },
    defaultSeverity: "warn",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    afterSuppressions: true,
    report: { checklist: { order: 15, text: "Every suppression comment names a known rule and silences something" } },
    messages: {
      unknown: "Suppression names unknown rule {rule}",
      unused: "Suppression of {rule} suppresses nothing",
      unusedAll: "Suppression comment suppresses nothing",
    },
  },
  check({ suppressions }) {
    const reports: Report<MessageId>[] = [];
    for (const use of suppressions) {
      const { line, column } = use.suppression;
      const base = { location: pointAt({ file: use.file, line, column }), index: null };
      const kind = use.suppression.kind;
      for (const id of use.unknown)
        reports.push({ ...base, messageId: "unknown", data: { rule: id }, help: "Use a rule id from `index-audit rules`." });
      for (const id of use.unused) {
        const help = `Remove it from the ${kind} comment; nothing here triggers it any more.`;
        reports.push(id === "*" ? { ...base, messageId: "unusedAll", help: "Remove the comment." } : { ...base, messageId: "unused", data: { rule: id }, help });
      }
    }
    return reports;
  },
};
