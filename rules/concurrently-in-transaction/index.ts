import { docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "create" | "drop";

/** PostgreSQL refuses CREATE / DROP INDEX CONCURRENTLY inside a transaction block: the migration fails when it runs. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "concurrently-in-transaction",
  meta: {
    type: "problem",
    description: "CREATE or DROP INDEX CONCURRENTLY runs inside a transaction, which PostgreSQL refuses (projects without a registry)",
    docs: { url: docsUrl("concurrently-in-transaction") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    frameworkSources: true,
    messages: {
      create: "Index {name} is built CONCURRENTLY inside a transaction; PostgreSQL refuses it when the migration runs",
      drop: "Index {name} is dropped CONCURRENTLY inside a transaction; PostgreSQL refuses it when the migration runs",
    },
  },
  check({ inventory, layout }) {
    if (!layout.noRegistry) return [];
    const reports: Report<MessageId>[] = [];
    for (const step of inventory.steps ?? []) {
      // A create its revision's test of the database keeps from running is never sent (IF NOT EXISTS still is: PostgreSQL refuses it first).
      if (!step.concurrently || !step.transaction || step.index?.skipped === "condition") continue;
      reports.push({
        location: step.location,
        anchorLine: step.anchorLine,
        index: step.name,
        messageId: step.kind === "create-index" ? "create" : "drop",
        data: { name: step.name },
        help: "Run it outside the transaction: in Alembic inside `with op.get_context().autocommit_block():`; in Django with `atomic = False` on the Migration class; in dbmate with `-- migrate:up transaction:false`; in a .sql file alone, after COMMIT.",
      });
    }
    return reports;
  },
};
