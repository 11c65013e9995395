import { withColumnsRenamed } from "../sql/rename-columns.js";
import { identity } from "./effective.js";
import type { IndexDef, Inventory } from "./types.js";

/** The index's identity (see `identity`) under the name it has after renames. */
export function identityOf(def: IndexDef): string {
  return identity(def.schema, def.renamedTo ?? def.name);
}

/** The name a user recognises: as written, schema-qualified when it was. */
export function displayName(def: IndexDef): string {
  const name = def.renamedTo ?? def.name;
  return def.schema ? `${def.schema}.${name}` : name;
}

export function displayTable(def: { schema: string | null; table: string }): string {
  return def.schema ? `${def.schema}.${def.table}` : def.table;
}

/** The table an index is on once the migrations ran: its last name when a later migration renamed it. */
export function tableNow(def: Pick<IndexDef, "schema" | "table" | "tableRenamedTo">): string {
  return displayTable({ schema: def.schema, table: def.tableRenamedTo ?? def.table });
}

/** Indexes the migrations leave in place once replayed (created and not dropped later). */
export function effectiveMigrationIndexes(inv: Inventory): IndexDef[] {
  return inv.indexes.filter((d) => d.origin === "migration" && d.effective);
}

/**
 * The statements in migrations that build an index: the effective ones, and a
 * CREATE INDEX IF NOT EXISTS replay skipped because an earlier one holds the
 * name, which builds it as soon as that one goes (one a revision's test of the
 * database skipped does not run at all). Where an index is built (the
 * ownership rules, duplicate-index-name) is asked of these; what exists at the
 * end, of the effective.
 */
export function migrationSites(inv: Inventory): IndexDef[] {
  return inv.indexes.filter((d) => d.origin === "migration" && (d.effective || d.skipped === "if-not-exists"));
}

/** Indexes the deploy step builds: registry entries whose list reaches the registry variable. */
export function effectiveRegistryIndexes(inv: Inventory): IndexDef[] {
  return inv.indexes.filter((d) => d.origin === "registry" && d.effective);
}

export function groupByIdentity(defs: readonly IndexDef[]): Map<string, IndexDef[]> {
  const out = new Map<string, IndexDef[]>();
  for (const d of defs) {
    const key = identityOf(d);
    const list = out.get(key);
    if (list) list.push(d);
    else out.set(key, [d]);
  }
  return out;
}

export interface DefinitionParts {
  table: string;
  unique: boolean;
  method: string;
  /** One canonical string per key (column or expression with opclass, collation, order, nulls). */
  keys: string[];
  include: string;
  where: string;
  nullsNotDistinct: boolean;
}

/** The shape's parts as strings, so keys can be compared one by one. */
export function definitionParts(def: IndexDef): DefinitionParts {
  // Its columns under their names now: a RENAME COLUMN after it leaves it covering the renamed column.
  const s = def.columnsRenamed.length === 0 ? def.shape : withColumnsRenamed(def.shape, def.columnsRenamed);
  return {
    // The table as the migrations leave it: in the schema SET SCHEMA moved it to, under the name a rename gave it.
    table: `${def.schema ?? "public"}.${def.tableRenamedTo ?? def.table}`,
    unique: s.unique,
    method: s.method,
    keys: s.keys.map((k) => JSON.stringify(k)),
    // Most indexes have neither: their texts are written out rather than asked of JSON.stringify.
    include: s.include.length === 0 ? "[]" : JSON.stringify(s.include),
    where: s.where === null ? "null" : JSON.stringify(s.where),
    nullsNotDistinct: s.nullsNotDistinct,
  };
}

/** How two definitions of one index differ, in words (empty when they are the same). */
export function describeDifference(a: IndexDef, b: IndexDef): string[] {
  const pa = definitionParts(a);
  const pb = definitionParts(b);
  const out: string[] = [];
  if (pa.table !== pb.table) out.push(`table ${tableNow(a)} vs ${tableNow(b)}`);
  if (pa.unique !== pb.unique) out.push(`${a.unique ? "UNIQUE" : "not UNIQUE"} vs ${b.unique ? "UNIQUE" : "not UNIQUE"}`);
  if (pa.method !== pb.method) out.push(`method ${a.method} vs ${b.method}`);
  if (pa.keys.join("\n") !== pb.keys.join("\n")) out.push(`columns (${a.columns.join(", ")}) vs (${b.columns.join(", ")})`);
  if (pa.include !== pb.include) out.push(`INCLUDE (${a.include.join(", ")}) vs (${b.include.join(", ")})`);
  if (pa.where !== pb.where) out.push(`WHERE ${a.where ?? "(none)"} vs ${b.where ?? "(none)"}`);
  if (pa.nullsNotDistinct !== pb.nullsNotDistinct) out.push(`NULLS NOT DISTINCT ${a.nullsNotDistinct ? "set" : "not set"} vs ${b.nullsNotDistinct ? "set" : "not set"}`);
  return out;
}

/** `file:line` of where an index is created. */
export function where(def: IndexDef): string {
  return `${def.location.file}:${def.location.line}`;
}

/** An insertion of `words` at `at`, in the statement's own keyword case; null when no safe place is known. */
export function insertKeywords(def: IndexDef, at: number | null, words: string): { file: string; edits: { start: number; end: number; text: string }[] } | null {
  if (at === null) return null;
  const lower = /^create\b/.test(def.sql);
  return { file: def.location.file, edits: [{ start: at, end: at, text: `${lower ? words.toLowerCase() : words} ` }] };
}
