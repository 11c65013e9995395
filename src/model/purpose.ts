import type { IndexKey } from "../sql/types.js";
import type { IndexDef } from "./types.js";

/** What an index is for, and where that was read. */
export interface Purpose {
  text: string;
  /** `registry`: the entry's description; `comment`: the comment above the statement; `derived`: from the definition. */
  source: "registry" | "comment" | "derived";
}

/** The parts of a definition a purpose is derived from. */
export type PurposeInput = Pick<IndexDef, "method" | "keys" | "include" | "where">;

/**
 * The registry entry's description if one has it, else the comment just above a
 * statement, else a phrase derived from the definition. `defs` are the statements
 * of one index, the one that counts first.
 */
export function purposeOf(defs: readonly IndexDef[]): Purpose {
  for (const d of defs) {
    const text = oneLine(d.registry?.description ?? "");
    if (text) return { text, source: "registry" };
  }
  for (const d of defs) {
    const text = oneLine(d.context.comment ?? "");
    if (text) return { text, source: "comment" };
  }
  const [first] = defs;
  return { text: first ? derivePurpose(first) : "", source: "derived" };
}

/**
 * A short phrase from the definition alone: "Lookup by lead_id", "Sort by
 * created_at DESC", "Filter by business_id + status", "Filter by business_id,
 * sort by created_at DESC", "Prefix search (LIKE 'abc%') on from_number",
 * "Full-text search on to_tsvector(…)", "Range scans on created_at (BRIN)", each
 * followed by ", covering a, b" for INCLUDE and ". Partial: WHERE …" for a predicate.
 */
export function derivePurpose(def: PurposeInput): string {
  let text = mainPhrase(def.method.toLowerCase(), def.keys);
  if (def.include.length > 0) text += `, covering ${def.include.join(", ")}`;
  if (def.where) text += `. Partial: WHERE ${oneLine(def.where)}`;
  return text;
}

function mainPhrase(method: string, keys: readonly IndexKey[]): string {
  const names = keys.map(bareKey);
  const list = names.join(", ");
  if (keys.length === 0) return "Index without keys";
  switch (method) {
    case "gin":
      if (keys.some((k) => /trgm/i.test(k.opclass ?? ""))) return `Similarity / substring search on ${list} (trigram)`;
      if (names.some((n) => /^to_tsvector\s*\(/i.test(n))) return `Full-text search on ${list}`;
      if (keys.some((k) => /^jsonb_path_ops$/i.test(k.opclass ?? ""))) return `JSON containment search on ${list}`;
      return `Containment search on ${list} (GIN)`;
    case "gist":
      if (keys.some((k) => /trgm/i.test(k.opclass ?? ""))) return `Similarity / substring search on ${list} (trigram, GiST)`;
      return `Range / overlap / nearest search on ${list} (GiST)`;
    case "spgist":
      return `Search on ${list} (SP-GiST)`;
    case "brin":
      return `Range scans on ${list} (BRIN)`;
    case "hash":
      return `Equality lookup by ${list} (hash)`;
    case "btree":
      return btreePhrase(keys, names);
    default:
      return `Search on ${list} (${method})`;
  }
}

function btreePhrase(keys: readonly IndexKey[], names: readonly string[]): string {
  const isPattern = (k: IndexKey) => /_pattern_ops$/i.test(k.opclass ?? "");
  if (keys.some(isPattern)) {
    const patterns = keys.map(isPattern);
    const before = names.filter((_, i) => patterns[i] !== true);
    const pattern = names.filter((_, i) => patterns[i] === true);
    const search = `prefix search (LIKE 'abc%') on ${pattern.join(", ")}`;
    return before.length ? `Filter by ${before.join(" + ")}, ${search}` : capitalize(search);
  }
  // The trailing keys with an explicit order are what the index sorts by.
  const ordered = (k: IndexKey | undefined): boolean => k !== undefined && (k.order !== null || k.nulls !== null);
  let sortFrom = keys.length;
  while (sortFrom > 0 && ordered(keys[sortFrom - 1])) sortFrom--;
  const filter = names.slice(0, sortFrom);
  const sort = keys.slice(sortFrom).map((k, i) => sortText(names[sortFrom + i] ?? "", k));
  if (sort.length === 0) {
    const [only] = filter;
    if (filter.length === 1 && only !== undefined) return temporal(only) ? `Range / sort by ${only}` : `Lookup by ${only}`;
    return `Filter by ${filter.join(" + ")}`;
  }
  if (filter.length === 0) return `Sort by ${sort.join(", ")}`;
  return `Filter by ${filter.join(" + ")}, sort by ${sort.join(", ")}`;
}

function sortText(name: string, key: IndexKey): string {
  const parts = [name];
  if (key.order) parts.push(key.order.toUpperCase());
  if (key.nulls) parts.push(`NULLS ${key.nulls.toUpperCase()}`);
  return parts.join(" ");
}

/** A column whose name says it holds a point in time (`created_at`, `due_date`). */
function temporal(name: string): boolean {
  return /(^|_)(at|on|date|time|ts|timestamp)$/i.test(name.replace(/"/g, "")) || /^(created|updated|timestamp)$/i.test(name);
}

/** The key as written without its opclass, collation, order and nulls clauses. */
function bareKey(key: IndexKey): string {
  // Linear: after oneLine() every whitespace run is one space, so each `\s+…$` below is tried from few starts, each ending at a fixed word.
  let text = oneLine(key.text);
  const strip = (re: RegExp) => {
    text = text.replace(re, "").trimEnd();
  };
  strip(/\s+NULLS\s+(FIRST|LAST)$/i);
  strip(/\s+(ASC|DESC)$/i);
  if (key.opclass) {
    const opclass = key.opclass.slice(key.opclass.lastIndexOf(".") + 1);
    const at = text.toLowerCase().lastIndexOf(opclass.toLowerCase());
    if (at > 0 && at + opclass.length === text.length && /\s/.test(text.charAt(at - 1))) text = text.slice(0, at).trimEnd();
  }
  strip(/\s+COLLATE\s+("[^"]*"|\S+)$/i);
  return text || (key.column ?? key.text);
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Whitespace (newlines of a triple-quoted string, a multi-line comment) collapsed to single spaces. */
export function oneLine(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}
