import { docsUrl, noOptions, pointAt, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "refused";

/** A migration its tool refuses to run stops the deploy there; index-audit has not read it either. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "unrunnable-migration",
  meta: {
    type: "problem",
    description: "A .sql migration its tool refuses to run: a dbmate, goose or sql-migrate file without its Up marker, a sqitch change whose deploy script is missing, two Flyway, goose or golang-migrate migrations with one version",
    docs: { url: docsUrl("unrunnable-migration") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    frameworkSources: true,
    messages: {
      refused: "{message}",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
    for (const p of inventory.errors) {
      if (p.kind !== "refused") continue;
      reports.push({
        location: pointAt(p),
        index: null,
        messageId: "refused",
        data: { message: p.message },
        help: "Give the tool what it needs (the Up marker, the deploy script, a version of the migration's own), or remove the migration: the deploy stops at it.",
      });
    }
    return reports;
  },
};
