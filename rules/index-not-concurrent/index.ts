import { docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "notConcurrent";

/** Without a registry, a performance index on a table that already holds rows must be built without blocking writes. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "index-not-concurrent",
  meta: {
    type: "problem",
    description: "A migration builds a performance index on an existing table without CONCURRENTLY (projects without a registry)",
    docs: { url: docsUrl("index-not-concurrent") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    frameworkSources: true,
    messages: {
      notConcurrent: "Index {name} on {table} is built without CONCURRENTLY; writes to {table} block for the whole build",
    },
  },
  check({ inventory, layout }) {
    if (!layout.noRegistry) return [];
    const reports: Report<MessageId>[] = [];
    for (const step of inventory.steps ?? []) {
      if (step.kind !== "create-index" || step.concurrently || step.tableIsNew) continue;
      // An IF NOT EXISTS that found its name taken builds nothing, so it blocks nothing.
      if (step.index?.classification !== "performance" || step.index.skipped !== null) continue;
      reports.push({
        location: step.location,
        anchorLine: step.anchorLine,
        index: step.name,
        messageId: "notConcurrent",
        data: { name: step.name, table: step.table ?? "?" },
        help: "Build it with CREATE INDEX CONCURRENTLY outside the migration's transaction (Alembic: postgresql_concurrently=True inside op.get_context().autocommit_block(); Django: AddIndexConcurrently in a migration with atomic = False).",
      });
    }
    return reports;
  },
};
