import type { JSONSchemaType } from "ajv";
import { at, docsUrl, type Report, type Rule } from "../../src/engine/rule.js";
import { definitionParts, displayName, effectiveMigrationIndexes, effectiveRegistryIndexes, identityOf, tableNow, where, type DefinitionParts } from "../../src/model/indexes.js";
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
    const ids = partIds();
    for (const def of [...effectiveMigrationIndexes(inventory), ...effectiveRegistryIndexes(inventory)]) {
      // The same name in both places is one index (index-in-both-places reports it).
      const key = identityOf(def);
      if (seen.has(key)) continue;
      seen.add(key);
      const parts = definitionParts(def);
      const { shape, prefixes } = ids.keysOf(parts);
      live.push({ def, parts, shape, prefixes });
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
      const same = a.shape === cover.shape;
      reports.push({
        ...at(a.def),
        messageId: !same ? "prefix" : cover.parts.unique && !a.parts.unique ? "sameAsUnique" : "same",
        data: {
          name: displayName(a.def),
          table: tableNow(a.def),
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
  /** Table, method, keys, include, predicate and NULLS NOT DISTINCT as one string: equal strings, same shape. */
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

interface PartIds {
  /**
   * The shape key (see Live) and the ids of (table, predicate, first n keys)
   * for n = 1..keys: equal ids, equal prefixes.
   */
  keysOf(p: DefinitionParts): { shape: string; prefixes: number[] };
}

/**
 * Each distinct part (a table, a key's JSON text, …) gets a small number, and
 * the keys compared are made of those numbers: short strings, not the parts'
 * texts copied into a new string per index. Prefix ids are built key by key (a
 * trie), so the cost is linear in the number of keys: a string for every
 * prefix would be quadratic (an index with 50,000 keys ran out of memory).
 */
function partIds(): PartIds {
  const parts = new Map<string, number>();
  const nodes = new Map<string, number>();
  const id = (map: Map<string, number>, k: string): number => {
    let v = map.get(k);
    if (v === undefined) map.set(k, (v = map.size));
    return v;
  };
  return {
    keysOf(p) {
      const table = id(parts, p.table);
      const where = id(parts, p.where);
      const prefixes: number[] = [];
      let keys = "";
      // The root is marked (`r`): it must not be taken for a node one key down (`parent key`).
      let current = id(nodes, `r${table} ${where}`);
      for (const key of p.keys) {
        const k = id(parts, key);
        keys += ` ${k}`;
        prefixes.push((current = id(nodes, `${current} ${k}`)));
      }
      return { shape: `${table} ${id(parts, p.method)} ${id(parts, p.include)} ${where} ${p.nullsNotDistinct ? 1 : 0}:${keys}`, prefixes };
    },
  };
}

/** Whether `b` makes `a` redundant. `bFirst` breaks the tie between two equal indexes: the later one is redundant. */
function covers(b: Live, a: Live, bFirst: boolean, prefix: boolean): boolean {
  const pa = a.parts;
  const pb = b.parts;
  if (pa.table !== pb.table) return false;
  // A UNIQUE index enforces a rule; it is never redundant to a non-unique one.
  if (pa.unique && !pb.unique) return false;
  if (a.shape === b.shape) return pa.unique === pb.unique ? bFirst : true;
  if (!prefix || pa.unique || pa.method !== "btree" || pb.method !== "btree" || pa.where !== pb.where) return false;
  if (pa.include !== "[]" || pa.keys.length >= pb.keys.length) return false;
  return pa.keys.every((k, i) => k === pb.keys[i]);
}
