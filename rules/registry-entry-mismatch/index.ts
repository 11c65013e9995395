import type { JSONSchemaType } from "ajv";
import { docsUrl, pointAt, type Report, type Rule } from "../../src/engine/rule.js";
import { hasHole } from "../../src/model/mapped-sql.js";
import type { RegistryEntryInfo } from "../../src/model/types.js";

type MessageId = "missingKeys" | "name" | "table" | "statements" | "notCreateIndex" | "unnamed" | "unreadable" | "unreachable" | "shape";

interface Options {
  /** Keys every registry entry must have. */
  requiredKeys: string[];
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: { requiredKeys: { type: "array", items: { type: "string", minLength: 1 }, uniqueItems: true } },
  required: [],
  additionalProperties: false,
};

/** The registry entry's own fields must agree with its SQL, and its SQL must be one named CREATE INDEX. */
export const rule: Rule<Options, MessageId> = {
  id: "registry-entry-mismatch",
  meta: {
    type: "problem",
    description: "A registry entry's name/table disagree with its SQL, its SQL is not one CREATE INDEX, or keys are missing",
    docs: { url: docsUrl("registry-entry-mismatch") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema,
    defaultOptions: { requiredKeys: ["name", "table", "sql"] },
    report: { checklist: { order: 7, text: "Every registry entry holds one CREATE INDEX whose name and table match the entry" } },
    messages: {
      missingKeys: "Registry entry {entry} lacks {keys}",
      name: "Registry entry name {field} does not match the index its SQL creates ({sql})",
      table: "Registry entry {entry} has table {field}, but its SQL creates the index on {sql}",
      statements: "Registry entry {entry} holds {count} statements; it must hold exactly one CREATE INDEX",
      notCreateIndex: "Registry entry {entry} does not hold a CREATE INDEX statement",
      unnamed: "Registry entry {entry} creates an index without a name",
      unreadable: "Registry entry {entry} has SQL that cannot be read statically",
      unreachable: "Registry entry {entry} sits in {list}, which never reaches {variable}",
      shape: "Registry problem: {problem}",
    },
  },
  check({ inventory, options, layout }) {
    const reports: Report<MessageId>[] = [];
    for (const p of inventory.errors) {
      if (p.kind !== "registry") continue;
      const location = pointAt(p);
      reports.push({ location, index: null, messageId: "shape", data: { problem: p.message }, help: `The registry must bind ${layout.registryVariable} once to a list of dict entries that can be read without running the code.` });
    }
    for (const e of inventory.registryEntries) reports.push(...checkEntry(e, options, layout.registryVariable));
    return reports;
  },
};

function checkEntry(e: RegistryEntryInfo, options: Options, variable: string): Report<MessageId>[] {
  const entry = e.name ?? `in ${e.list}`;
  const base = { location: e.location, anchorLine: e.location.line, index: e.name };
  const out: Report<MessageId>[] = [];
  const missing = options.requiredKeys.filter((k) => !e.keys.includes(k));
  if (missing.length) out.push({ ...base, messageId: "missingKeys", data: { entry, keys: missing.map((k) => `"${k}"`).join(", ") }, help: `Give every entry the keys ${options.requiredKeys.join(", ")}.` });
  if (!e.reachable)
    out.push({ ...base, messageId: "unreachable", data: { entry, list: e.list, variable }, help: `Add ${e.list} to ${variable}, or delete the list: the deploy step never builds these indexes.` });
  if (!e.keys.includes("sql")) return out;
  if (!e.sqlReadable) {
    out.push({ ...base, messageId: "unreadable", data: { entry }, help: "Write the SQL as a string literal (or names bound once to literals)." });
    return out;
  }
  // Unparseable SQL is invalid-sql's, unresolved templates dynamic-index-sql's.
  if (e.sqlErrors > 0) return out;
  const creates = e.statements.filter((s) => s.kind === "create-index");
  if (e.statements.length > 1) {
    out.push({ ...base, messageId: "statements", data: { entry, count: e.statements.length }, help: "Split it into one entry per index: CREATE INDEX CONCURRENTLY cannot run inside a multi-statement transaction block." });
  } else if (creates.length === 0) {
    // One other statement, or none at all (an empty or comment-only string).
    out.push({ ...base, messageId: "notCreateIndex", data: { entry }, help: "The registry holds only CREATE INDEX CONCURRENTLY IF NOT EXISTS statements; other DDL belongs in migrations." });
  }
  const create = creates[0];
  if (!create) return out;
  if (create.name === null) {
    out.push({ ...base, messageId: "unnamed", data: { entry }, help: "Name the index: an unnamed CREATE INDEX builds a new copy on every deploy." });
    return out;
  }
  // A name or table that is only known at run time is dynamic-index-sql's; there is nothing to compare.
  if (e.name !== null && !hasHole(create.name) && e.name !== create.name)
    out.push({ ...base, messageId: "name", data: { field: e.name, sql: create.name }, help: "Make the entry's name the index name its SQL creates; the deploy step checks for the index by this name." });
  if (e.table !== null && create.table !== null && !hasHole(create.table) && !hasHole(create.schema)) {
    const sqlTable = create.schema ? `${create.schema}.${create.table}` : create.table;
    const matches = e.table.includes(".") ? e.table === `${create.schema ?? "public"}.${create.table}` : e.table === create.table;
    if (!matches) out.push({ ...base, messageId: "table", data: { entry, field: e.table, sql: sqlTable }, help: "Make the entry's table the table its SQL indexes." });
  }
  return out;
}
