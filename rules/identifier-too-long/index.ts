import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";
import { MAX_IDENTIFIER_BYTES, storedIdentifier } from "../../src/sql/names.js";

type MessageId = "tooLong";

/** PostgreSQL truncates identifiers to 63 bytes, so two long names can become one. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "identifier-too-long",
  meta: {
    type: "problem",
    description: "An index name is longer than 63 bytes and PostgreSQL truncates it",
    docs: { url: docsUrl("identifier-too-long") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    report: { checklist: { order: 9, text: "No index name longer than 63 bytes" } },
    messages: {
      tooLong: "Index name {name} is {bytes} bytes; PostgreSQL truncates it to {max} bytes: {truncated}",
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
    return reports;
  },
};
