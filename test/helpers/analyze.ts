/**
 * Shared helpers for the table-driven extraction tests: build a project from
 * Python source held in the test, analyze it, and project the inventory onto
 * small, readable shapes so a failing `deepEqual` shows the whole list.
 */
import { analyzeProject, DEFAULT_ANALYZE_OPTIONS, type createToolkit, type IndexDef, type Inventory } from "../../src/index.js";

export type Toolkit = ReturnType<typeof createToolkit>;

export const MIGRATION_PATH = "server/db_migrate.py";
export const REGISTRY_PATH = "server/db_indexes.py";

/** Python source from its lines (line N of the file is argument N), LF-terminated. */
export function py(...lines: string[]): string {
  return lines.join("\n") + "\n";
}

/** Analyzes one migration file (and, when given, a registry file). */
export function analyze(toolkit: Toolkit, migration: string | null, registry: string | null = null): Promise<Inventory> {
  return analyzeProject(
    {
      migrations: migration === null ? [] : [{ path: MIGRATION_PATH, text: migration }],
      registry: registry === null ? null : { path: REGISTRY_PATH, text: registry },
    },
    DEFAULT_ANALYZE_OPTIONS,
    toolkit,
  );
}

/**
 * One index as a row: name, schema, table, columns, where, flags, origin,
 * effective, line, column. Flags spell out UNIQUE / CONCURRENTLY / IF NOT EXISTS.
 */
export type IndexRow = [
  name: string,
  schema: string | null,
  table: string,
  columns: string[],
  where: string | null,
  flags: string,
  origin: string,
  effective: boolean,
  line: number,
  column: number,
];

export function flagsOf(i: IndexDef): string {
  return [i.unique ? "unique" : "", i.concurrently ? "concurrently" : "", i.ifNotExists ? "if-not-exists" : ""].filter(Boolean).join(" ");
}

export function rows(inv: Inventory): IndexRow[] {
  return inv.indexes.map((i) => [
    i.name,
    i.schema,
    i.table,
    i.columns,
    i.where,
    flagsOf(i),
    i.origin,
    i.effective,
    i.location.line,
    i.location.column,
  ]);
}

/** name @ line:column — for position-only tests. */
export function positions(inv: Inventory): [name: string, line: number, column: number][] {
  return inv.indexes.map((i) => [i.name, i.location.line, i.location.column]);
}

export function problems(inv: Inventory): [kind: string, line: number, column: number, message: string][] {
  return inv.errors.map((e) => [e.kind, e.line, e.column, e.message]);
}

export function dynamics(inv: Inventory): [template: string, line: number, column: number][] {
  return inv.dynamic.map((d) => [d.template, d.line, d.column]);
}
