/**
 * The report's performance section as data: performance indexes grouped by
 * domain, the domains ordered as the registry and the configuration order them.
 */
import type { IndexDef, Inventory, Location } from "../model/types.js";
import { domainTitle, qualifiedTable, type DomainRule } from "./domains.js";

/** What grouping needs of a report row. */
interface DomainRow {
  /** Null only for rows that are not performance indexes. */
  domain: string | null;
  table: string;
  name: string;
}

export interface DomainGroup<R extends DomainRow> {
  title: string;
  /** Where the title comes from: a registry list, the `domains` configuration, or the table name. */
  source: "registry-list" | "config" | "table";
  rows: R[];
}

/** Table → domain titles of the registry entries on it (for indexes that have no entry of their own). */
export function registryDomainsByTable(inventory: Inventory, registryVariable: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of registryEntries(inventory)) {
    const title = domainTitle(d.list, registryVariable);
    if (!title) continue;
    const table = qualifiedTable(d.def.schema, d.def.table);
    const list = out.get(table);
    if (list) list.push(title);
    else out.set(table, [title]);
  }
  return out;
}

/**
 * Performance indexes by domain. Domains named after registry lists come in the
 * order the lists appear in the registry, then configured domains in
 * configuration order, then one group per table by name. Rows: by table, then name.
 */
export function groupByDomain<R extends DomainRow>(rows: readonly R[], inventory: Inventory, registryVariable: string, domains: readonly DomainRule[]): DomainGroup<R>[] {
  const listPosition = new Map<string, number>();
  for (const d of registryEntries(inventory)) {
    const title = domainTitle(d.list, registryVariable);
    if (title && !listPosition.has(title)) listPosition.set(title, listPosition.size);
  }
  const configPosition = new Map<string, number>();
  for (const d of domains) if (!configPosition.has(d.name)) configPosition.set(d.name, configPosition.size);
  const rankOf = (title: string): [number, number] => {
    const inList = listPosition.get(title);
    const inConfig = configPosition.get(title);
    return inList !== undefined ? [0, inList] : inConfig !== undefined ? [1, inConfig] : [2, 0];
  };

  const groups = new Map<string, DomainGroup<R>>();
  for (const row of rows) {
    // Every performance row has a domain; the table stands in should one not.
    const title = row.domain ?? row.table;
    let group = groups.get(title);
    if (!group) {
      const [rank] = rankOf(title);
      group = { title, source: rank === 0 ? "registry-list" : rank === 1 ? "config" : "table", rows: [] };
      groups.set(title, group);
    }
    group.rows.push(row);
  }
  for (const group of groups.values()) group.rows.sort((a, b) => compare(a.table, b.table) || compare(a.name, b.name));
  return [...groups.values()].sort((a, b) => {
    const [ra, pa] = rankOf(a.title);
    const [rb, pb] = rankOf(b.title);
    return ra - rb || pa - pb || compare(a.title, b.title);
  });
}

/** Registry statements with their list, in registry order. */
function registryEntries(inventory: Inventory): { def: IndexDef; list: string }[] {
  return inventory.indexes
    .filter((d) => d.origin === "registry")
    .sort((a, b) => compareLocation(a.location, b.location) || compare(a.name, b.name))
    .flatMap((def) => (def.registry ? [{ def, list: def.registry.list }] : []));
}

function compareLocation(a: Location, b: Location): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
