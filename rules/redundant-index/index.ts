import type { JSONSchemaType } from "ajv";
import { at, type Report, type Rule } from "../../src/engine/rule.js";
import { definitionParts, displayName, displayTable, effectiveMigrationIndexes, effectiveRegistryIndexes, identityOf, where, type DefinitionParts } from "../../src/engine/indexes.js";
import type { IndexDef } from "../../src/model/types.js";

interface Options {
  /** Also report a btree whose keys are a leading prefix of another's. */
  prefix: boolean;
}

const optionsSchema: JSONSchemaType<Options> = {
  type: "object",
  properties: { prefix: { type: "boolean" } },
  required: [],
  additionalProperties: false,
};

/**
 * Two live indexes on one table where one serves every query the other does:
 * the same keys under another name, or (btree, same predicate) a leading prefix.
 */
export const rule: Rule<Options> = {
  id: "redundant-index",
  meta: {
    description: "An index duplicates another under a different name, or is a leading prefix of another btree",
    defaultSeverity: "warn",
    fixable: false,
    optionsSchema,
    defaultOptions: { prefix: true },
    messages: {
      same: "Index {name} on {table} has the same definition as {other} ({otherAt})",
      sameAsUnique: "Index {name} on {table} has the same keys as UNIQUE index {other} ({otherAt})",
      prefix: "Index {name} on {table} ({keys}) is a leading prefix of {other} ({otherKeys}) at {otherAt}",
    },
  },
  check({ inventory, options }) {
    const seen = new Set<string>();
    const live: { def: IndexDef; parts: DefinitionParts }[] = [];
    for (const def of [...effectiveMigrationIndexes(inventory), ...effectiveRegistryIndexes(inventory)]) {
      // The same name in both places is one index (index-in-both-places reports it).
      const key = identityOf(def);
      if (seen.has(key)) continue;
      seen.add(key);
      live.push({ def, parts: definitionParts(def) });
    }
    const reports: Report[] = [];
    for (const a of live) {
      const cover = live.find((b) => b !== a && covers(b, a, live.indexOf(b) < live.indexOf(a), options.prefix));
      if (!cover) continue;
      const same = sameShape(a.parts, cover.parts);
      reports.push({
        ...at(a.def),
        messageId: !same ? "prefix" : cover.parts.unique && !a.parts.unique ? "sameAsUnique" : "same",
        data: {
          name: displayName(a.def),
          table: displayTable(a.def),
          keys: a.def.columns.join(", "),
          other: displayName(cover.def),
          otherKeys: cover.def.columns.join(", "),
          otherAt: where(cover.def),
        },
        help: `Drop ${displayName(a.def)}: ${displayName(cover.def)} serves the same lookups, and every extra index slows writes and takes space.`,
      });
    }
    return reports;
  },
};

function sameShape(a: DefinitionParts, b: DefinitionParts): boolean {
  return a.table === b.table && a.method === b.method && a.keys.join("\n") === b.keys.join("\n") && a.include === b.include && a.where === b.where && a.nullsNotDistinct === b.nullsNotDistinct;
}

/** Whether `b` makes `a` redundant. `bFirst` breaks the tie between two equal indexes: the later one is redundant. */
function covers(b: { parts: DefinitionParts }, a: { parts: DefinitionParts }, bFirst: boolean, prefix: boolean): boolean {
  const pa = a.parts;
  const pb = b.parts;
  if (pa.table !== pb.table) return false;
  // A UNIQUE index enforces a rule; it is never redundant to a non-unique one.
  if (pa.unique && !pb.unique) return false;
  if (sameShape(pa, pb)) return pa.unique === pb.unique ? bFirst : true;
  if (!prefix || pa.unique || pa.method !== "btree" || pb.method !== "btree" || pa.where !== pb.where) return false;
  if (pa.include !== "[]" || pa.keys.length >= pb.keys.length) return false;
  return pa.keys.every((k, i) => k === pb.keys[i]);
}
