/**
 * The audit report as data: built from the inventory, the rules' diagnostics and
 * the configuration. Every number the markdown prints is the length of a list
 * kept here, so a heading's count and the rows beneath it cannot disagree.
 */
import type { AnyRule, Diagnostic, SeveritySetting } from "../engine/rule.js";
import type { RuleSetting } from "../engine/run-rules.js";
import { describeDifference, displayTable, identityOf } from "../model/indexes.js";
import type { ClassificationOverrides } from "../model/classify.js";
import type { Classification, ClassificationReason, ConstraintDef, IndexDef, Inventory, Location } from "../model/types.js";
import { criteriaRows, overrideRows, pragmaRows, type CriterionRow, type OverrideRow, type PragmaRow } from "./criteria.js";
import { assignDomain, type DomainRule } from "./domains.js";
import { groupByDomain, registryDomainsByTable, type DomainGroup } from "./domain-groups.js";
import { purposeOf, type Purpose } from "../model/purpose.js";

/** The part of the configuration the report uses (a resolved `Config` fits). */
export interface ReportConfig {
  migrations: readonly string[];
  registry: string;
  registryVariable: string;
  overrides: ClassificationOverrides;
  domains: readonly DomainRule[];
  rules: ReadonlyMap<string, Partial<RuleSetting>>;
}

export interface ReportInput {
  inventory: Inventory;
  /** The rules' diagnostics after suppression comments (no baseline applied). */
  diagnostics: readonly Diagnostic[];
  /** Diagnostics silenced by suppression comments. */
  suppressed: number;
  rules: readonly AnyRule[];
  config: ReportConfig;
  /** The `--base` revision `index-missing` compared with, or null when none was given. */
  base: string | null;
  /** `YYYY-MM-DD`, printed under the title; null prints no date. */
  date: string | null;
  /** The project has no registry and builds its indexes in framework migrations: nothing is asked to move. */
  noRegistry?: boolean;
}

/**
 * Where an index is now: created by the migrations (effective state), built by
 * the registry, both, or only listed in a registry list that never reaches the
 * registry variable.
 */
export type Place = "migration" | "registry" | "both" | "unbuilt";

/** One index name (after renames, schema-qualified as PostgreSQL sees it), with every statement creating it. */
export interface ReportIndex {
  identity: string;
  /** As the user knows it: the name after renames, schema-qualified when the SQL was. */
  name: string;
  /** The name the CREATE used, when a later ALTER INDEX renamed it. */
  createdAs: string | null;
  table: string;
  place: Place;
  classification: Classification;
  reason: ClassificationReason;
  /** The statements: effective migration statements first, then registry entries (built or not), each in file order. */
  defs: IndexDef[];
  /** The definitions differ between the statements (e.g. migrations vs registry). */
  definitionsDiffer: boolean;
  purpose: Purpose;
  /** Performance indexes only. */
  domain: string | null;
}

export interface SummaryRow {
  id: string;
  label: string;
  /** Null: not checked. */
  count: number | null;
  note?: string;
}

export interface DroppedRow {
  def: IndexDef;
  /** What exists under that name now, if anything. */
  now: Place | null;
}

export interface FindingGroup {
  rule: string;
  description: string;
  diagnostics: Diagnostic[];
}

export interface RuleCount {
  rule: string;
  errors: number;
  warnings: number;
}

export type CheckState = "pass" | "fail" | "off" | "not-checked";

export interface ChecklistItem {
  rule: string;
  text: string;
  state: CheckState;
  findings: number;
}

export interface ReportModel {
  date: string | null;
  migrationFiles: string[];
  registryFile: string | null;
  /** See ReportInput.noRegistry. */
  noRegistry: boolean;
  registryVariable: string;
  base: string | null;
  indexes: ReportIndex[];
  summary: SummaryRow[];
  criteria: CriterionRow<ReportIndex>[];
  overrides: OverrideRow<ReportIndex>[];
  pragmas: PragmaRow<ReportIndex>[];
  functional: ReportIndex[];
  performance: DomainGroup<ReportIndex>[];
  constraints: ConstraintDef[];
  dropped: DroppedRow[];
  findings: FindingGroup[];
  problemsByRule: RuleCount[];
  errors: number;
  warnings: number;
  suppressed: number;
  checklist: ChecklistItem[];
}

const PLACE_ORDER: Record<Place, number> = { migration: 0, both: 1, registry: 2, unbuilt: 3 };

export function buildReportModel(input: ReportInput): ReportModel {
  const { inventory, config } = input;
  const indexes = collectIndexes(inventory, config);
  const functional = indexes.filter((i) => i.classification === "functional").sort(byLocation);
  const performanceRows = indexes.filter((i) => i.classification === "performance");
  const performance = groupByDomain(performanceRows, inventory, config.registryVariable, config.domains);
  const count = (cls: Classification, ...places: Place[]) => indexes.filter((i) => i.classification === cls && places.includes(i.place)).length;

  const constraints = inventory.constraints.filter((c) => c.effective).sort((a, b) => compareLocation(a.location, b.location) || compare(a.name, b.name));
  const dropped = droppedRows(inventory, indexes);
  const severities = new Map(input.rules.map((r) => [r.id, severityOf(r, config.rules)]));
  const findings = findingGroups(input.diagnostics, input.rules);
  const problemsByRule = findings.map((g) => ({
    rule: g.rule,
    errors: g.diagnostics.filter((d) => d.severity === "error").length,
    warnings: g.diagnostics.filter((d) => d.severity === "warn").length,
  }));
  const errors = input.diagnostics.filter((d) => d.severity === "error").length;
  const warnings = input.diagnostics.length - errors;
  const findingCount = (rule: string) => input.diagnostics.filter((d) => d.rule === rule).length;
  const missingChecked = input.base !== null && severities.get("index-missing") !== "off";

  const summary: SummaryRow[] = [
    { id: "total", label: "Indexes found (distinct names the migrations and the registry create)", count: indexes.length },
    { id: "functional-migration", label: "Functional, kept in migrations", count: count("functional", "migration") },
    { id: "functional-registry", label: "Functional, in the registry (belong in migrations)", count: count("functional", "registry", "unbuilt") },
    { id: "functional-both", label: "Functional, in both places", count: count("functional", "both") },
    { id: "performance-registry", label: "Performance, in the registry", count: count("performance", "registry") },
    { id: "performance-migration", label: input.noRegistry === true ? "Performance, built in migrations (the project has no registry)" : "Performance, still in migrations (to move)", count: count("performance", "migration") },
    { id: "performance-both", label: "Performance, in both places", count: count("performance", "both") },
    { id: "performance-unbuilt", label: "Performance, in a registry list that is never built", count: count("performance", "unbuilt") },
    {
      id: "missing",
      label: "Missing since the base revision",
      count: missingChecked ? findingCount("index-missing") : null,
      note: missingChecked ? `compared with \`${input.base}\`` : input.base === null ? "not checked: run with `--base REF`" : "not checked: `index-missing` is off",
    },
    { id: "constraints", label: "Constraint indexes: PRIMARY KEY / UNIQUE / EXCLUDE constraints (listed apart)", count: constraints.length },
    { id: "dropped", label: "Statements dropped by a later migration (listed apart)", count: dropped.length },
    { id: "dynamic", label: "Index SQL not resolved statically", count: inventory.dynamic.length },
    { id: "errors", label: "Problems at error severity", count: errors },
    { id: "warnings", label: "Warnings", count: warnings },
    { id: "suppressed", label: "Findings silenced by suppression comments (not counted above)", count: input.suppressed },
  ];

  // The checklist: the rules that name a line in their meta (policy first, then hygiene), then the others with a generic line.
  const checklist: ChecklistItem[] = [];
  const listed = input.rules.flatMap((r) => (r.meta.report?.checklist ? [{ rule: r, line: r.meta.report.checklist }] : [])).sort((a, b) => a.line.order - b.line.order);
  for (const { rule, line } of listed) checklist.push(checkItem(rule.id, line.text, severities.get(rule.id)!, findingCount(rule.id), rule.meta.requiresBase === true && input.base === null));
  for (const r of input.rules) {
    if (r.meta.frameworkSources && inventory.steps === undefined) continue;
    // The database rules' results have their own section (report --database-url).
    if (!r.meta.report?.checklist && !r.meta.requiresDatabase) checklist.push(checkItem(r.id, `No \`${r.id}\` finding`, severities.get(r.id)!, findingCount(r.id), false));
  }

  return {
    date: input.date,
    migrationFiles: inventory.files.filter((f) => f.origin === "migration").map((f) => f.path).sort(compare),
    registryFile: inventory.files.find((f) => f.origin === "registry")?.path ?? null,
    noRegistry: input.noRegistry === true,
    registryVariable: config.registryVariable,
    base: input.base,
    indexes,
    summary,
    criteria: criteriaRows(indexes),
    overrides: overrideRows(indexes, config.overrides),
    pragmas: pragmaRows(indexes),
    functional,
    performance,
    constraints,
    dropped,
    findings,
    problemsByRule,
    errors,
    warnings,
    suppressed: input.suppressed,
    checklist,
  };
}

function checkItem(rule: string, text: string, severity: SeveritySetting, findings: number, needsBase: boolean): ChecklistItem {
  const state: CheckState = severity === "off" ? "off" : needsBase ? "not-checked" : findings === 0 ? "pass" : "fail";
  return { rule, text, state, findings };
}

function severityOf(rule: AnyRule, settings: ReportConfig["rules"]): SeveritySetting {
  return settings.get(rule.id)?.severity ?? rule.meta.defaultSeverity;
}

/**
 * One entry per index name: the effective migration statements and the
 * registry entries that create it, with the IF NOT EXISTS statements that
 * replay skipped for it (an index that no statement built is not one).
 */
function collectIndexes(inventory: Inventory, config: ReportConfig): ReportIndex[] {
  const groups = new Map<string, IndexDef[]>();
  const built = new Set(inventory.indexes.filter((d) => d.effective && d.origin === "migration").map(identityOf));
  const live = inventory.indexes.filter((d) => d.effective || d.origin === "registry" || (d.skipped === "if-not-exists" && built.has(identityOf(d))));
  for (const d of [...live].sort(byOriginThenLocation)) {
    const key = identityOf(d);
    const list = groups.get(key);
    if (list) list.push(d);
    else groups.set(key, [d]);
  }
  const registryTables = registryDomainsByTable(inventory, config.registryVariable);
  const out: ReportIndex[] = [];
  for (const [identity, all] of groups) {
    const inMigrations = all.some((d) => d.origin === "migration");
    const inRegistry = all.some((d) => d.origin === "registry" && d.effective);
    const place: Place = inMigrations && inRegistry ? "both" : inMigrations ? "migration" : inRegistry ? "registry" : "unbuilt";
    // Entries in a list that is never built stay listed (marked so), but do not make it "in the registry".
    const defs = all;
    const [primary] = defs;
    if (!primary) continue;
    const functional = defs.find((d) => d.classification === "functional");
    const decisive = functional ?? primary;
    const classification: Classification = functional ? "functional" : "performance";
    const definitionsDiffer = defs.some((d) => describeDifference(primary, d).length > 0);
    const lists = defs.flatMap((d) => (d.registry ? [d.registry.list] : []));
    const name = primary.renamedTo ?? primary.name;
    out.push({
      identity,
      name: primary.schema ? `${primary.schema}.${name}` : name,
      createdAs: primary.renamedTo ? primary.name : null,
      table: displayTable(primary),
      place,
      classification,
      reason: decisive.reason,
      defs,
      definitionsDiffer,
      purpose: purposeOf([...defs.filter((d) => d.origin === "registry"), ...defs.filter((d) => d.origin === "migration")]),
      domain:
        classification === "performance" ? assignDomain({ schema: primary.schema, table: primary.table, lists }, config.registryVariable, config.domains, registryTables).title : null,
    });
  }
  return out.sort((a, b) => compare(a.identity, b.identity));
}

function droppedRows(inventory: Inventory, indexes: readonly ReportIndex[]): DroppedRow[] {
  const byIdentity = new Map(indexes.map((i) => [i.identity, i]));
  return inventory.indexes
    .filter((d) => d.origin === "migration" && !d.effective && d.skipped === null)
    .sort(byOriginThenLocation)
    .map((def) => {
      const now = byIdentity.get(identityOf(def));
      return { def, now: now ? now.place : null };
    });
}

function findingGroups(diagnostics: readonly Diagnostic[], rules: readonly AnyRule[]): FindingGroup[] {
  const ids = [...new Set(diagnostics.map((d) => d.rule))];
  // Rules that ask to be shown first (meta.report.findingsOrder) lead; the others follow by id.
  const order = (id: string) => rules.find((r) => r.id === id)?.meta.report?.findingsOrder ?? Number.POSITIVE_INFINITY;
  ids.sort((a, b) => order(a) - order(b) || compare(a, b));
  return ids.map((rule) => ({
    rule,
    description: rules.find((r) => r.id === rule)?.meta.description ?? "",
    diagnostics: diagnostics.filter((d) => d.rule === rule),
  }));
}

function byOriginThenLocation(a: IndexDef, b: IndexDef): number {
  return (a.origin === b.origin ? 0 : a.origin === "migration" ? -1 : 1) || compareLocation(a.location, b.location) || compare(a.name, b.name);
}

function byLocation(a: ReportIndex, b: ReportIndex): number {
  const [da, db] = [a.defs[0], b.defs[0]];
  return PLACE_ORDER[a.place] - PLACE_ORDER[b.place] || (da && db ? compareLocation(da.location, db.location) : 0) || compare(a.name, b.name);
}

function compareLocation(a: Location, b: Location): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column;
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
