/**
 * Report domains: the group a performance index is listed under.
 *
 * In order: the registry list the entry sits in (`INDEX_DEFS_LEADS_CRM` →
 * "Leads / CRM"); else the first configured `domains` entry whose table globs
 * match; else the domain the registry already keeps other indexes of that table
 * in (where `fix --move` would put it); else one group per table.
 */
import { globToRegExp } from "../paths/glob.js";

/** Words that stay upper-case in a title besides the ones without a vowel (CRM, SMS, PBX). */
const ACRONYMS = new Set(["AI", "API", "B2B", "B2C", "CDN", "DB", "ERP", "ETL", "GDPR", "HR", "ID", "IO", "IOT", "IVR", "KPI", "OTP", "QA", "SEO", "SSO", "UI", "URL", "UX", "VOIP"]);

/** Tokens that say "this is a list of indexes", dropped from the ends of a list name. */
const NOISE = new Set(["INDEX", "INDEXES", "INDICES", "IDX", "DEF", "DEFS", "DEFINITIONS", "LIST", "REGISTRY"]);

/**
 * The title a registry list name stands for, or null when it names no domain
 * (the registry variable itself, `INDEX_DEFS`). Words become title case and are
 * joined with " / ": `INDEX_DEFS_LEADS_CRM` → "Leads / CRM", `INDEX_DEFS_CALLS`
 * → "Calls", `billingIndexes` → "Billing".
 */
export function domainTitle(list: string, registryVariable: string): string | null {
  let name = list;
  if (registryVariable && name.startsWith(registryVariable + "_")) name = name.slice(registryVariable.length + 1);
  else if (registryVariable && name.endsWith("_" + registryVariable)) name = name.slice(0, -registryVariable.length - 1);
  else if (name === registryVariable) return null;
  const words = name
    .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
    .split(/[_\W]+/)
    .filter((w) => w.length > 0)
    .map((w) => w.toUpperCase());
  while (words.length > 0 && NOISE.has(words[0]!)) words.shift();
  while (words.length > 0 && NOISE.has(words[words.length - 1]!)) words.pop();
  if (words.length === 0) return null;
  return words.map(titleWord).join(" / ");
}

function titleWord(upper: string): string {
  if (ACRONYMS.has(upper) || !/[AEIOUY]/.test(upper)) return upper;
  return upper.charAt(0) + upper.slice(1).toLowerCase();
}

/** A table glob (`*`, `?`, `[ab]`, `[!ab]`, `{a,b}`) as a regular expression; `*` crosses dots (tables have no `/`). */
function tableGlob(pattern: string): RegExp {
  return globToRegExp(pattern);
}

export interface DomainRule {
  name: string;
  tables: readonly string[];
}

/** The first configured domain whose globs match the table (bare or schema-qualified), or null. */
function configuredDomain(schema: string | null, table: string, domains: readonly DomainRule[]): string | null {
  const names = schema ? [table, `${schema}.${table}`] : [table];
  for (const d of domains) {
    if (d.tables.some((glob) => names.some((n) => tableGlob(glob).test(n)))) return d.name;
  }
  return null;
}

export interface DomainSubject {
  schema: string | null;
  table: string;
  /** Registry lists the index's entries sit in, in source order. */
  lists: readonly string[];
}

export type DomainSource = "registry-list" | "config" | "table-in-registry" | "table";

export interface DomainAssignment {
  title: string;
  source: DomainSource;
}

/**
 * Assigns every subject a domain. `registryTables` maps a (schema-qualified)
 * table to the domain titles of the registry entries on it, in source order.
 */
export function assignDomain(subject: DomainSubject, registryVariable: string, domains: readonly DomainRule[], registryTables: ReadonlyMap<string, readonly string[]>): DomainAssignment {
  for (const list of subject.lists) {
    const title = domainTitle(list, registryVariable);
    if (title) return { title, source: "registry-list" };
  }
  const configured = configuredDomain(subject.schema, subject.table, domains);
  if (configured) return { title: configured, source: "config" };
  const table = qualifiedTable(subject.schema, subject.table);
  const titles = registryTables.get(table);
  if (titles && titles.length > 0) return { title: mostFrequent(titles), source: "table-in-registry" };
  return { title: table, source: "table" };
}

/** The table as grouping sees it: `public.leads` and `leads` are one table. */
export function qualifiedTable(schema: string | null, table: string): string {
  return schema && schema !== "public" ? `${schema}.${table}` : table;
}

/** The most frequent title; on a tie, the one seen first. */
function mostFrequent(titles: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const t of titles) counts.set(t, (counts.get(t) ?? 0) + 1);
  let best = titles[0]!;
  for (const t of titles) if (counts.get(t)! > counts.get(best)!) best = t;
  return best;
}
