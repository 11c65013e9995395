import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { MAX_IDENTIFIER_BYTES, storedIdentifier } from "../../src/sql/names.js";

type MessageId = "tooLong" | "constraintTooLong";

/** PostgreSQL truncates identifiers to 63 bytes, so two long names can become one. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "identifier-too-long",
  meta: {
    type: "problem",
    description: "An index or constraint name is longer than 63 bytes and PostgreSQL truncates it",
    docs: { url: docsUrl("identifier-too-long") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 9, text: "No index or constraint name longer than 63 bytes" } },
    messages: {
      tooLong: "Index name {name} is {bytes} bytes; PostgreSQL truncates it to {max} bytes: {truncated}",
      constraintTooLong: "Constraint name {name} is {bytes} bytes; PostgreSQL truncates it (and its index's) to {max} bytes: {truncated}",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
    for (const def of inventory.indexes) {
      if (def.nameGenerated) continue;
      for (const name of new Set([def.name, def.renamedTo ?? def.name])) {
        const bytes = Buffer.byteLength(name, "utf8");
        if (bytes <= MAX_IDENTIFIER_BYTES) continue;
        reports.push({
          ...at(def),
          index: name,
          messageId: "tooLong",
          data: { name, bytes, max: MAX_IDENTIFIER_BYTES, truncated: storedIdentifier(name) },
          help: `Shorten the name to at most ${MAX_IDENTIFIER_BYTES} bytes: names that share their first ${MAX_IDENTIFIER_BYTES} bytes collide, and lookups by the full name never find the index.`,
        });
      }
    }
    // A constraint's index takes its name: cut the same way, with the same consequences.
    for (const c of inventory.constraints) {
      if (c.writtenName === undefined) continue;
      const bytes = Buffer.byteLength(c.writtenName, "utf8");
      reports.push({
        location: c.location,
        index: c.renamedTo ?? c.name,
        messageId: "constraintTooLong",
        data: { name: c.writtenName, bytes, max: MAX_IDENTIFIER_BYTES, truncated: c.name },
        help: `Shorten the name to at most ${MAX_IDENTIFIER_BYTES} bytes: ALTER TABLE … DROP CONSTRAINT by the full name never finds it, and names that share their first ${MAX_IDENTIFIER_BYTES} bytes collide.`,
      });
    }
    return reports;
  },
};
