import type { JSONSchemaType } from "ajv";
import type { DatabaseComparison } from "../db/compare.js";
import type { IndexDef, Inventory, Location, Suppression } from "../model/types.js";

export type Severity = "error" | "warn";
export type SeveritySetting = Severity | "off";

/** A text edit in a file's text (UTF-16 indices, as JavaScript strings count). */
export interface Edit {
  start: number;
  end: number;
  text: string;
}

export interface Fix {
  file: string;
  edits: Edit[];
}

/**
 * A change the user reviews before it is made (ESLint's suggestions): unlike a
 * fix, `check --fix` never applies it. Moving an index between files is one;
 * the command named here computes the edits and shows them (`--dry-run`).
 */
export interface Suggestion {
  desc: string;
  command: string;
}

/** What a rule reports: the engine adds the rule id and the configured severity. */
export interface Report<MessageIds extends string = string> {
  messageId: MessageIds;
  data?: Record<string, string | number>;
  /** What to do about it, kept apart from the message. */
  help: string;
  location: Location;
  /** Extra lines whose suppression comments apply (the call or list element the statement sits in). */
  anchorLine?: number;
  /** The index the diagnostic is about. */
  index: string | null;
  /** Caps the severity (a lesser case of the rule, e.g. the same definition listed twice). */
  severity?: Severity;
  /** A safe fix: `check --fix` applies it without review. */
  fix?: Fix;
  suggestions?: Suggestion[];
}

export interface Diagnostic {
  rule: string;
  /** The key of the rule's message template (stable across rewordings). */
  messageId: string;
  severity: Severity;
  message: string;
  help: string;
  file: string;
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
  index: string | null;
  fix: Fix | null;
  suggestions: Suggestion[];
}

/** Paths the rules name in their help text. */
export interface ProjectLayout {
  migrations: readonly string[];
  registry: string | null;
  registryVariable: string;
  /**
   * The project has no registry and builds its indexes in framework migrations
   * (Alembic, `.sql`): the policy rules for that apply instead of the ownership rules.
   */
  noRegistry?: boolean;
}

/** A suppression comment and whether it silenced anything (for unused-suppression). */
export interface SuppressionUse {
  file: string;
  suppression: Suppression;
  /** Rule ids it names that no rule has. */
  unknown: string[];
  /** Rule ids it names (or, for a bare comment, `*`) that silenced nothing. */
  unused: string[];
}

export interface RuleContext<Options> {
  inventory: Inventory;
  options: Options;
  layout: ProjectLayout;
  /** The inventory at `--base REF`, when one was given. */
  base: { ref: string; inventory: Inventory } | null;
  /** Filled only for rules that run after suppressions are applied. */
  suppressions: readonly SuppressionUse[];
  /** The declared state held against a live database (`index-audit db`); null otherwise. */
  database: DatabaseComparison | null;
}

/** ESLint's rule types: `problem` is code that is wrong or will fail; `suggestion` works but has a better form. */
type RuleType = "problem" | "suggestion";

/** Where the report (`index-audit report`) places the rule. */
interface RuleReportMeta {
  /** The checklist line for the rule and its place among the other lines (smaller first: policy, then hygiene). Without one the rule gets a generic line after those that have one. */
  checklist?: { order: number; text: string };
  /** Findings shown before the others, smaller first; the rest follow by rule id. */
  findingsOrder?: number;
}

export interface RuleMeta<Options, MessageIds extends string = string> {
  type: RuleType;
  description: string;
  docs: { url: string };
  /** `off`: a rule one switches on in the configuration (e.g. db-unused-index). */
  defaultSeverity: SeveritySetting;
  /** Reports carry a safe fix that `check --fix` applies (ESLint `fixable`). */
  fixable: boolean;
  /** Reports carry a suggestion the user reviews and applies with the command it names (ESLint `hasSuggestions`). */
  hasSuggestions: boolean;
  /** Checked with ajv when the configuration sets options for the rule. */
  optionsSchema: JSONSchemaType<Options>;
  defaultOptions: Options;
  /** Message templates keyed by message id; `{name}` is replaced by `data.name`. */
  messages: Record<MessageIds, string>;
  /** Runs after the other rules' diagnostics were filtered by suppressions. */
  afterSuppressions?: boolean;
  /** Compares with the inventory at `--base REF`: without one it cannot fire (the report says "not checked"). */
  requiresBase?: boolean;
  /** Judges a live database: runs under `index-audit db` only. */
  requiresDatabase?: boolean;
  /** Concerns framework migrations (Alembic, `.sql` files) only: the report lists it for projects that have some. */
  frameworkSources?: boolean;
  report?: RuleReportMeta;
}

/** A rule; `MessageIds` ties every report's message id to a template in `meta.messages`. */
export interface Rule<Options = Record<string, never>, MessageIds extends string = string> {
  id: string;
  meta: RuleMeta<Options, MessageIds>;
  check(context: RuleContext<Options>): Report<MessageIds>[];
}

/** A rule whatever its options: the engine treats them alike and validates options against the schema. */
export interface AnyRule {
  id: string;
  meta: Omit<RuleMeta<unknown>, "optionsSchema" | "defaultOptions"> & { optionsSchema: object; defaultOptions: object };
  check(context: RuleContext<never>): Report[];
}

/** Where a rule's documentation is published: its README in the repository (SARIF `helpUri`). */
const DOCS_BASE = "https://git.example.com/your-org/index-audit/blob/main/rules";

export function docsUrl(id: string): string {
  return `${DOCS_BASE}/${id}/README.md`;
}

/** The options schema of a rule that takes none. */
export function noOptions(): JSONSchemaType<Record<string, never>> {
  return { type: "object", properties: {}, required: [], additionalProperties: false } as unknown as JSONSchemaType<Record<string, never>>;
}

/** Where an index is reported: its CREATE keyword, with its anchor line for suppressions. */
export function at(def: IndexDef): Pick<Report, "location" | "anchorLine" | "index"> {
  return { location: def.location, anchorLine: def.anchorLine, index: def.renamedTo ?? def.name };
}

/** A point location (a problem, a dynamic string, a suppression comment): start and end are the same. */
export function pointAt(p: { file: string; line: number; column: number }): Location {
  return { file: p.file, line: p.line, column: p.column, endLine: p.line, endColumn: p.column };
}

/** Where each index a framework migration (Alembic, `.sql`) creates is written: `fix --move` does not rewrite their history. */
export function frameworkCreates(inventory: Inventory): Set<string> {
  return new Set((inventory.steps ?? []).flatMap((s) => (s.index ? [locationKey(s.index)] : [])));
}

export function locationKey(def: IndexDef): string {
  return `${def.location.file}:${def.location.line}:${def.location.column}`;
}
