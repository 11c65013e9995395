/**
 * Rule fixtures: fixtures/rules/<rule-id>/{valid,invalid}/<case>/ each hold a
 * small project (server/db_migrate.py, server/db_indexes.py, optionally
 * index-audit.json and, for --base cases, the same files under base/), or a
 * project with framework sources (Alembic, .sql) read as the CLI reads it.
 * An invalid case has expected.txt: this rule's diagnostics as RuleTester
 * and squawk's snapshots show them: position (start-end), message id,
 * message, help, and the lines a fix changes (before and after) or the
 * suggestion it offers.
 * A case with catalog.json (a CatalogSnapshot, as `index-audit db` reads it
 * from a database) holds the project against that catalog: the db-* rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { RULES } from "../../rules/index.js";
import { resolveConfig } from "../../src/config/resolve.js";
import type { Diagnostic, Edit } from "../../src/engine/rule.js";
import { applyEdits } from "../../src/fix/apply.js";
import type { FileInput, ProjectInput, Toolkit } from "../../src/project/analyze.js";
import { checkProject } from "../../src/project/check.js";
import { checkDatabase } from "../../src/project/db-check.js";
import type { CatalogSnapshot } from "../../src/db/snapshot.js";
import { readProject } from "../../src/commands/project.js";
import { ROOT } from "./paths.js";

export const RULE_FIXTURES = join(ROOT, "fixtures/rules");
export const BASE_REF = "base";

export interface RuleCase {
  rule: string;
  kind: "valid" | "invalid";
  name: string;
  dir: string;
}

export function listCases(): RuleCase[] {
  const out: RuleCase[] = [];
  if (!existsSync(RULE_FIXTURES)) return out;
  for (const rule of readdirSync(RULE_FIXTURES).sort()) {
    for (const kind of ["valid", "invalid"] as const) {
      const dir = join(RULE_FIXTURES, rule, kind);
      if (!existsSync(dir)) continue;
      for (const name of readdirSync(dir).sort()) {
        if (statSync(join(dir, name)).isDirectory()) out.push({ rule, kind, name, dir: join(dir, name) });
      }
    }
  }
  return out;
}

function pythonFiles(dir: string, skip: string | null): FileInput[] {
  const out: FileInput[] = [];
  const walk = (d: string): void => {
    for (const e of readdirSync(d, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const p = join(d, e.name);
      if (e.isDirectory()) {
        if (p !== skip) walk(p);
      } else if (e.name.endsWith(".py")) out.push({ path: relative(dir, p).split(sep).join("/"), text: readFileSync(p, "utf8") });
    }
  };
  walk(dir);
  return out;
}

/** Splits a case directory into migrations and registry the way the configuration says. */
function projectOf(dir: string, registryPath: string, skip: string | null): ProjectInput {
  const files = existsSync(dir) ? pythonFiles(dir, skip) : [];
  return { migrations: files.filter((f) => f.path !== registryPath), registry: files.find((f) => f.path === registryPath) ?? null };
}

/** Runs every rule on the case and returns the named rule's diagnostics, rendered for expected.txt. */
export async function runCase(c: RuleCase, toolkit: Toolkit): Promise<{ diagnostics: Diagnostic[]; rendered: string }> {
  const configPath = join(c.dir, "index-audit.json");
  const raw = existsSync(configPath) ? (JSON.parse(readFileSync(configPath, "utf8")) as unknown) : {};
  const config = resolveConfig(raw, existsSync(configPath) ? "index-audit.json" : null, RULES);
  const baseDir = join(c.dir, "base");
  const catalogPath = join(c.dir, "catalog.json");
  // Cases with framework sources (configured, or detected from alembic.ini) are read the way the CLI reads a project.
  const read = (dir: string, skip: string | null): ProjectInput =>
    config.sources.length > 0 || existsSync(join(dir, "alembic.ini")) ? readProject(dir, config, () => {}) : projectOf(dir, config.registry, skip);
  const result = existsSync(catalogPath)
    ? await checkDatabase({ project: read(c.dir, null), config, snapshot: JSON.parse(readFileSync(catalogPath, "utf8")) as CatalogSnapshot, rules: RULES }, toolkit)
    : await checkProject(
    {
      project: read(c.dir, baseDir),
      base: existsSync(baseDir) ? { ref: BASE_REF, project: read(baseDir, null) } : null,
      config,
      rules: RULES,
    },
    toolkit,
  );
  const diagnostics = result.diagnostics.filter((d) => d.rule === c.rule);
  return { diagnostics, rendered: renderDiagnostics(diagnostics, (file) => readFileSync(join(c.dir, file), "utf8")) };
}

/** Each diagnostic as a block: position and ids, message, help, then its fix or suggestions; blocks apart by a blank line. */
function renderDiagnostics(diagnostics: readonly Diagnostic[], read: (file: string) => string): string {
  return diagnostics
    .map((d) => {
      const lines = [
        `${d.file}:${d.line}:${d.column}-${d.endLine}:${d.endColumn} ${d.severity} ${d.rule}/${d.messageId}`,
        `  message: ${d.message}`,
        `  help: ${d.help}`,
      ];
      if (d.fix) lines.push(...renderFix(read(d.fix.file), d.fix.edits).map((l) => `  ${l}`));
      for (const s of d.suggestions) lines.push(`  suggestion: ${s.desc} (${s.command})`);
      return lines.join("\n") + "\n";
    })
    .join("\n");
}

/** The lines a fix touches, before (`-`) and after (`+`), under a `fix (safe) <file>:<line>` heading. */
function renderFix(raw: string, edits: readonly Edit[]): string[] {
  const text = raw.startsWith("\uFEFF") ? raw.slice(1) : raw;
  if (edits.length === 0) return ["fix (safe): no edit"];
  const start = Math.min(...edits.map((e) => e.start));
  const end = Math.max(...edits.map((e) => e.end));
  const from = text.lastIndexOf("\n", start - 1) + 1;
  const toNewline = text.indexOf("\n", end);
  const to = toNewline < 0 ? text.length : toNewline;
  const fixed = applyEdits(text, edits);
  const grown = fixed.length - text.length;
  const before = text.slice(from, to).split("\n");
  const after = fixed.slice(from, to + grown).split("\n");
  const firstLine = text.slice(0, from).split("\n").length;
  return [`fix (safe) at line ${firstLine}:`, ...before.map((l) => `- ${l}`), ...after.map((l) => `+ ${l}`)];
}
