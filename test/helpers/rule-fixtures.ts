/**
 * Rule fixtures: fixtures/rules/<rule-id>/{valid,invalid}/<case>/ each hold a
 * small project (server/db_migrate.py, server/db_indexes.py, optionally
 * index-audit.json and, for --base cases, the same files under base/), or a
 * project with framework sources (Alembic, .sql) read as the CLI reads it.
 * An invalid case has expected.txt: this rule's diagnostics in compact form.
 * A case with catalog.json (a CatalogSnapshot, as `index-audit db` reads it
 * from a database) holds the project against that catalog: the db-* rules.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { RULES } from "../../rules/index.js";
import { resolveConfig } from "../../src/config/resolve.js";
import { compactLine } from "../../src/format/check/compact.js";
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

/** Runs every rule on the case and returns the named rule's diagnostics, compact. */
export async function runCase(c: RuleCase, toolkit: Toolkit): Promise<string> {
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
  return result.diagnostics
    .filter((d) => d.rule === c.rule)
    .map(compactLine)
    .join("");
}
