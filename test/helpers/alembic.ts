/**
 * Helpers for tests of Alembic projects: revision files written in the test,
 * analyzed as an Alembic source, and the inventory as one readable row per
 * index or constraint.
 */
import { RULES } from "../../rules/index.js";
import { resolveConfig } from "../../src/config/resolve.js";
import type { Diagnostic } from "../../src/engine/rule.js";
import { analyzeProject, DEFAULT_ANALYZE_OPTIONS, type createToolkit, type Inventory } from "../../src/index.js";
import { checkProject } from "../../src/project/check.js";
import { readSourceFiles, trackedTree } from "../../src/project/sources.js";

type Toolkit = ReturnType<typeof createToolkit>;

/**
 * Files by path under the project root, found and read as the edge does for
 * `{"kind": "alembic", "directory": "migrations/versions"}`: the revisions,
 * env.py and the modules it imports, the modules the revisions import.
 */
export function analyzeAlembic(toolkit: Toolkit, files: Record<string, string>): Promise<Inventory> {
  return analyzeProject(alembicProject(files), DEFAULT_ANALYZE_OPTIONS, toolkit);
}

/** The same project checked with every rule at its default setting (no registry): its findings. */
export async function checkAlembic(toolkit: Toolkit, files: Record<string, string>): Promise<Diagnostic[]> {
  return (await checkProject({ project: alembicProject(files), base: null, config: resolveConfig({}, null, RULES), rules: RULES }, toolkit)).diagnostics;
}

function alembicProject(files: Record<string, string>): Parameters<typeof analyzeProject>[0] {
  const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
  return { migrations: [], registry: null, sources: [input] };
}

/** The first lines of a one-revision project's revision `a1`, up to `def upgrade():` (line 8). */
export const REVISION_HEAD = ["from alembic import op", "import sqlalchemy as sa", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():"];

/** Python source from its lines (line N of the file is argument N), LF-terminated. */
export function lines(...text: string[]): string {
  return text.join("\n") + "\n";
}

/** `[schema.]name table unique|- kept|dropped|skipped line:column` for each index. */
export function indexRows(inv: Inventory): string[] {
  return inv.indexes.map((d) => `${d.schema ? d.schema + "." : ""}${d.name} ${d.table} ${d.unique ? "unique" : "-"} ${d.effective ? "kept" : d.skipped ? "skipped" : "dropped"} ${d.location.line}:${d.location.column}`);
}

/** `type name table(columns) kept|dropped line:column` for each constraint. */
export function constraintRows(inv: Inventory): string[] {
  return inv.constraints.map((c) => `${c.type} ${c.name} ${c.table}(${c.columns.join(",")}) ${c.effective ? "kept" : "dropped"} ${c.location.line}:${c.location.column}`);
}

/** `file:line reason` for each dynamic-index-sql finding. */
export function dynamicRows(inv: Inventory): string[] {
  return inv.dynamic.map((d) => `${d.file.split("/").pop()}:${d.line} ${d.reason}`);
}
