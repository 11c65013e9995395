import type { DatabaseComparison } from "../db/compare.js";
import type { Inventory, Suppression } from "../model/types.js";
import type { AnyRule, Diagnostic, ProjectLayout, Report, RuleContext, Severity, SeveritySetting, SuppressionUse } from "./rule.js";

export interface RuleSetting {
  severity: SeveritySetting;
  /** Merged over the rule's defaults. */
  options: Record<string, unknown>;
}

export interface EngineInput {
  inventory: Inventory;
  base: { ref: string; inventory: Inventory } | null;
  layout: ProjectLayout;
  rules: readonly AnyRule[];
  /** Per rule id; a rule missing here runs with its defaults. */
  settings: ReadonlyMap<string, Partial<RuleSetting>>;
  /** The database comparison, for the rules that require one (`index-audit db`). */
  database?: DatabaseComparison | null;
}

export interface CheckResult {
  diagnostics: Diagnostic[];
  /** Diagnostics silenced by suppression comments. */
  suppressed: number;
  /** Files read, sorted. */
  files: string[];
}

/** Runs every enabled rule, applies suppression comments, and sorts the result. */
export function runRules(input: EngineInput): CheckResult {
  const known = new Set(input.rules.map((r) => r.id));
  // A rule that judges a database cannot fire without one, so a comment naming it is not unused then.
  const enabled = input.rules.filter((r) => severityOf(r, input.settings) !== "off" && (!r.meta.requiresDatabase || input.database));
  const contextFor = (rule: AnyRule, suppressions: readonly SuppressionUse[]): RuleContext<never> => ({
    inventory: input.inventory,
    // The configuration validated the options against the rule's schema.
    options: { ...rule.meta.defaultOptions, ...(input.settings.get(rule.id)?.options ?? {}) } as never,
    layout: input.layout,
    base: input.base,
    suppressions,
    database: input.database ?? null,
  });

  const raw: Diagnostic[] = [];
  const anchors = new Map<Diagnostic, number | undefined>();
  for (const rule of enabled) {
    if (rule.meta.afterSuppressions) continue;
    for (const report of rule.check(contextFor(rule, []))) {
      const d = toDiagnostic(rule, report, severityOf(rule, input.settings) as Severity);
      anchors.set(d, report.anchorLine);
      raw.push(d);
    }
  }

  const tracker = trackSuppressions(input.inventory);
  const kept = raw.filter((d) => !tracker.suppress(d, anchors.get(d)));
  const suppressed = raw.length - kept.length;
  const uses = tracker.uses(known, new Set(enabled.map((r) => r.id)));

  for (const rule of enabled) {
    if (!rule.meta.afterSuppressions) continue;
    for (const report of rule.check(contextFor(rule, uses))) {
      const d = toDiagnostic(rule, report, severityOf(rule, input.settings) as Severity);
      if (!tracker.suppressedByFile(d)) kept.push(d);
    }
  }

  kept.sort(compareDiagnostics);
  return { diagnostics: kept, suppressed, files: input.inventory.files.map((f) => f.path).sort(compare) };
}

function severityOf(rule: AnyRule, settings: EngineInput["settings"]): SeveritySetting {
  return settings.get(rule.id)?.severity ?? rule.meta.defaultSeverity;
}

function toDiagnostic(rule: AnyRule, report: Report, configured: Severity): Diagnostic {
  const template = rule.meta.messages[report.messageId];
  if (template === undefined) throw new Error(`rule ${rule.id} has no message '${report.messageId}'`);
  const severity = configured === "error" && report.severity === "warn" ? "warn" : configured;
  return {
    rule: rule.id,
    messageId: report.messageId,
    severity,
    message: renderMessage(template, report.data ?? {}),
    help: report.help,
    file: report.location.file,
    line: report.location.line,
    column: report.location.column,
    endLine: report.location.endLine,
    endColumn: report.location.endColumn,
    index: report.index,
    fix: report.fix ?? null,
    suggestions: report.suggestions ?? [],
  };
}

/** Each message template cut at its placeholders once: literal text at even positions, placeholder names at odd ones. */
const templateParts = new Map<string, readonly string[]>();

/** `{name}` → data.name; a placeholder without data stays as written. */
function renderMessage(template: string, data: Record<string, string | number>): string {
  let parts = templateParts.get(template);
  if (!parts) templateParts.set(template, (parts = template.split(/\{(\w+)\}/)));
  let out = parts[0] ?? "";
  for (let i = 1; i < parts.length; i += 2) {
    const key = parts[i]!;
    out += `${key in data ? String(data[key]) : `{${key}}`}${parts[i + 1] ?? ""}`;
  }
  return out;
}

interface Tracked {
  file: string;
  suppression: Suppression;
  /** Rule ids (or `*`) that silenced something. */
  used: Set<string>;
}

function trackSuppressions(inventory: Inventory) {
  const byFile = new Map<string, Tracked[]>();
  // Indexed once, so a file with thousands of comments (or diagnostics) does not cost comments × diagnostics.
  const byLine = new Map<string, Map<number, Tracked[]>>();
  const fileWide = new Map<string, { all: Tracked | null; byRule: Map<string, Tracked> }>();
  for (const f of inventory.files) {
    const tracked = f.suppressions.map((s) => ({ file: f.path, suppression: s, used: new Set<string>() }));
    byFile.set(f.path, tracked);
    const lines = new Map<number, Tracked[]>();
    const wide = { all: null as Tracked | null, byRule: new Map<string, Tracked>() };
    for (const t of tracked) {
      if (t.suppression.kind === "ignore") {
        const list = lines.get(t.suppression.line);
        if (list) list.push(t);
        else lines.set(t.suppression.line, [t]);
      } else if (t.suppression.rules.length === 0) wide.all ??= t;
      else for (const r of t.suppression.rules) if (!wide.byRule.has(r)) wide.byRule.set(r, t);
    }
    byLine.set(f.path, lines);
    fileWide.set(f.path, wide);
  }
  const matches = (t: Tracked, rule: string): string | null => {
    if (t.suppression.rules.length === 0) return "*";
    return t.suppression.rules.includes(rule) ? rule : null;
  };
  /** The first ignore-file comment (in file order) that covers the rule. */
  const firstFileWide = (file: string, rule: string): Tracked | null => {
    const wide = fileWide.get(file);
    if (!wide) return null;
    const named = wide.byRule.get(rule) ?? null;
    if (!wide.all || !named) return wide.all ?? named;
    return wide.all.suppression.line < named.suppression.line || (wide.all.suppression.line === named.suppression.line && wide.all.suppression.column < named.suppression.column) ? wide.all : named;
  };
  return {
    /** True (and the comment marked used) when a comment silences the diagnostic. */
    suppress(d: Diagnostic, anchor: number | undefined): boolean {
      // A file without suppression comments (most files) silences nothing: no lines to look up.
      if (!byFile.get(d.file)?.length) return false;
      // The nearest comment takes the credit: the statement's own line, then the line above
      // (a comment alone there), then the same for the call or list element it sits in.
      const wanted: [line: number, ownLineOnly: boolean][] = [[d.line, false], [d.line - 1, true]];
      if (anchor !== undefined && anchor !== d.line) wanted.push([anchor, false], [anchor - 1, true]);
      const lines = byLine.get(d.file);
      for (const [line, ownLineOnly] of wanted) {
        const t = lines?.get(line)?.find((c) => matches(c, d.rule) !== null && (!ownLineOnly || c.suppression.ownLine));
        if (t) {
          t.used.add(matches(t, d.rule)!);
          return true;
        }
      }
      const wide = firstFileWide(d.file, d.rule);
      if (!wide) return false;
      wide.used.add(matches(wide, d.rule)!);
      return true;
    },
    suppressedByFile(d: Diagnostic): boolean {
      return firstFileWide(d.file, d.rule) !== null;
    },
    uses(known: ReadonlySet<string>, enabled: ReadonlySet<string>): SuppressionUse[] {
      const out: SuppressionUse[] = [];
      for (const [file, list] of [...byFile].sort((a, b) => compare(a[0], b[0]))) {
        for (const t of list) {
          const unknown = t.suppression.rules.filter((r) => !known.has(r));
          // A rule switched off in the configuration cannot fire, so naming it is not an error.
          const unused =
            t.suppression.rules.length === 0 ? (t.used.size === 0 ? ["*"] : []) : t.suppression.rules.filter((r) => known.has(r) && enabled.has(r) && !t.used.has(r));
          out.push({ file, suppression: t.suppression, unknown, unused });
        }
      }
      return out;
    },
  };
}

function compareDiagnostics(a: Diagnostic, b: Diagnostic): number {
  return compare(a.file, b.file) || a.line - b.line || a.column - b.column || compare(a.rule, b.rule) || compare(a.message, b.message);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
