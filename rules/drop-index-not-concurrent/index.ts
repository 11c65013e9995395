import { docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "notConcurrent";

/** Without a registry, dropping an index of a table that already holds rows must not block it. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "drop-index-not-concurrent",
  meta: {
    type: "problem",
    description: "A migration drops an index of an existing table without CONCURRENTLY (projects without a registry)",
    docs: { url: docsUrl("drop-index-not-concurrent") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    frameworkSources: true,
    messages: {
      notConcurrent: "Index {name} is dropped without CONCURRENTLY; the table is locked until the drop commits",
    },
  },
  check({ inventory, layout }) {
    if (!layout.noRegistry) return [];
    const reports: Report<MessageId>[] = [];
    for (const step of inventory.steps ?? []) {
      if (step.kind !== "drop-index" || step.concurrently || step.tableIsNew) continue;
      reports.push({
        location: step.location,
        anchorLine: step.anchorLine,
        index: step.name,
        messageId: "notConcurrent",
        data: { name: step.name },
        help: "Drop it with DROP INDEX CONCURRENTLY outside the migration's transaction (Alembic: postgresql_concurrently=True inside op.get_context().autocommit_block(); Django: RemoveIndexConcurrently in a migration with atomic = False).",
      });
    }
    return reports;
  },
};
