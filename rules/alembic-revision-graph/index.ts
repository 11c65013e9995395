import { docsUrl, noOptions, pointAt, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "graph";

/** Alembic cannot apply revisions whose graph is broken; the order index-audit replays is then a guess. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "alembic-revision-graph",
  meta: {
    type: "problem",
    description: "The Alembic revision graph has a cycle, a missing parent, more than one head, or a script without a revision",
    docs: { url: docsUrl("alembic-revision-graph") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    frameworkSources: true,
    messages: {
      graph: "Alembic revision graph: {message}",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
    for (const p of inventory.errors) {
      if (p.kind !== "revision-graph") continue;
      reports.push({
        location: pointAt(p),
        index: null,
        messageId: "graph",
        data: { message: p.message },
        help: "Fix down_revision / depends_on so that every revision descends from one base and the graph ends in one head (alembic merge joins two heads); index-audit replays the revisions in file-name order where the graph does not decide.",
      });
    }
    return reports;
  },
};
