import type { JSONSchemaType } from "ajv";
import { at, docsUrl, type Report, type Rule } from "../../src/engine/rule.js";
import { definitionParts, displayName, displayTable, effectiveMigrationIndexes, effectiveRegistryIndexes, identityOf, where, type DefinitionParts } from "../../src/model/indexes.js";
import type { IndexDef } from "../../src/model/types.js";

type MessageId = "same" | "sameAsUnique" | "prefix";

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
export const rule: Rule<Options, MessageId> = {
  id: "redundant-index",
  meta: {
    type: "suggestion",
    description: "An index duplicates another under a different name, or is a leading prefix of another btree",
    docs: { url: docsUrl("redundant-index") },
    defaultSeverity: "warn",
    fixable: false,
    hasSuggestions: false,
    optionsSchema,
    defaultOptions: { prefix: true },
    report: { checklist: { order: 14, text: "No redundant index" }, findingsOrder: 2 },
    messages: {
      same: "Index {name} on {table} has the same definition as {other} ({otherAt})",
      sameAsUnique: "Index {name} on {table} has the same keys as UNIQUE index {other} ({otherAt})",
      prefix: "Index {name} on {table} ({keys}) is a leading prefix of {other} ({otherKeys}) at {otherAt}",
    },
  },
  check({ inventory, options }) {
    const seen = new Set<string>();
    const live: Live[] = [];
    const ids = prefixIds();
    for (const def of [...effectiveMigrationIndexes(inventory), ...effectiveRegistryIndexes(inventory)]) {
      // The same name in both places is one index (index-in-both-places reports it).
      const key = identityOf(def);
      if (seen.has(key)) continue;
      seen.add(key);
      const parts = definitionParts(def);
      live.push({ def, parts, shape: shapeKey(parts), prefixes: ids.prefixes(parts) });
    }
    const reports: Report<MessageId>[] = [];
    const candidates = candidateIndex(live);
    live.forEach((a, ai) => {
      // The first index (in `live` order) that covers `a`, among those that can: same shape, or longer keys with `a`'s as prefix.
      let best = -1;
      for (const bi of candidates.sameShape.get(a.shape) ?? []) {
        if (bi !== ai && covers(live[bi]!, a, bi < ai, options.prefix)) {
          best = bi;
          break;
        }
      }
      // Every index under one prefix key covers `a` or none does (the conditions left are `a`'s own): the first one decides.
      const longer = candidates.prefixOf.get(a.prefixes[a.prefixes.length - 1]!)?.[0];
      if (longer !== undefined && (best < 0 || longer < best) && covers(live[longer]!, a, longer < ai, options.prefix)) best = longer;
      if (best < 0) return;
      const cover = live[best]!;
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
    });
    return reports;
  },
};

/** A live index with what the comparisons use, each computed once. */
interface Live {
  def: IndexDef;
  parts: DefinitionParts;
  /** shapeKey(parts). */
  shape: string;
  /** Prefix ids of its first 1..n keys. */
  prefixes: number[];
}

/**
 * Positions in `live` grouped by what `covers` compares, so each index is held
 * only against the few that can cover it (a scan of every pair is quadratic:
 * seconds on a migration with thousands of indexes).
 */
function candidateIndex(live: readonly Live[]): { sameShape: Map<string, number[]>; prefixOf: Map<number, number[]> } {
  const sameShape = new Map<string, number[]>();
  const prefixOf = new Map<number, number[]>();
  const add = <K>(map: Map<K, number[]>, key: K, i: number): void => {
    const list = map.get(key);
    if (list) list.push(i);
    else map.set(key, [i]);
  };
  live.forEach(({ parts, shape, prefixes }, i) => {
    add(sameShape, shape, i);
    // Proper prefixes only: an index is not longer than itself.
    if (parts.method === "btree") for (let n = 0; n < prefixes.length - 1; n++) add(prefixOf, prefixes[n]!, i);
  });
  return { sameShape, prefixOf };
}

/** What sameShape compares, as one string. The keys are JSON texts, which hold no NUL: joined as they are, not escaped again. */
function shapeKey(p: DefinitionParts): string {
  return `${JSON.stringify([p.table, p.method, p.include, p.where, p.nullsNotDistinct])}\0${p.keys.join("\0")}`;
}

interface PrefixIds {
  /** Ids of (table, predicate, first n keys) for n = 1..keys: equal ids, equal prefixes. */
  prefixes(p: DefinitionParts): number[];
}

/**
 * Prefix ids built key by key (a trie), so the cost is linear in the number of
 * keys: a string for every prefix would be quadratic (an index with 50,000
 * keys ran out of memory).
 */
function prefixIds(): PrefixIds {
  const ids = new Map<string, number>();
  const id = (k: string): number => {
    let v = ids.get(k);
    if (v === undefined) ids.set(k, (v = ids.size));
    return v;
  };
  return {
    prefixes(p) {
      const out: number[] = [];
      let current = id(JSON.stringify([p.table, p.where]));
      // A key is JSON text, which holds no NUL: the id and the key cannot run into each other.
      for (const key of p.keys) out.push((current = id(`${current}\0${key}`)));
      return out;
    },
  };
}

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
