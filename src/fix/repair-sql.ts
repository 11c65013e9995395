import { registrySql } from "./move/registry-sql.js";
import type { SqlParser } from "../sql/parser.js";
import type { DatabaseComparison } from "../db/compare.js";

/**
 * The SQL that brings the database in line, printed and never run: the
 * INVALID indexes dropped concurrently, then every declared index that is
 * missing (or was just dropped as invalid) built concurrently if not exists —
 * migrations' in replay order, then the registry's in its order. Drift and
 * undeclared indexes need a decision, so they get a comment, not a statement.
 */
export function repairSql(parser: SqlParser, comparison: DatabaseComparison, shownUrl: string): string {
  const lines: string[] = [`-- index-audit db --repair-sql for ${shownUrl}`, "-- Run outside a transaction block: CONCURRENTLY cannot run inside one.", ""];
  const rebuild = new Set(comparison.invalid.flatMap((i) => (i.declared ? [i.declared] : [])));
  if (comparison.invalid.length) {
    lines.push(`-- INVALID indexes (${comparison.invalid.length}): queries never use them, and IF NOT EXISTS skips them`);
    for (const { index } of comparison.invalid) lines.push(`DROP INDEX CONCURRENTLY IF EXISTS ${ident(index.schema)}.${ident(index.name)};`);
    lines.push("");
  }
  const create = comparison.declared.filter((d) => rebuild.has(d) || comparison.missing.some((m) => m.declared === d));
  if (create.length) {
    lines.push(`-- declared indexes to build (${create.length})`);
    for (const d of create) {
      const sql = registrySql(parser, d.def);
      lines.push(`-- ${d.def.location.file}:${d.def.location.line}`);
      lines.push(sql === null ? `-- cannot be rewritten to CONCURRENTLY IF NOT EXISTS safely; as declared: ${d.def.sql.replace(/\s+/g, " ")}` : `${sql.replace(/;?\s*$/, "")};`);
    }
    lines.push("");
  }
  for (const m of comparison.missingConstraints) lines.push(`-- constraint ${m.schema}.${m.name} (${m.constraint.type}) on ${m.table} is missing (db-index-missing): add it again as its migration does`);
  for (const { index } of [...comparison.constraintDrift, ...comparison.drift]) lines.push(`-- ${index.schema}.${index.name} differs from its declaration (db-definition-drift): rebuild it by hand`);
  for (const index of comparison.undeclared) if (index.valid) lines.push(`-- ${index.schema}.${index.name} is declared nowhere (db-index-undeclared): declare it or drop it`);
  if (lines.at(-1) !== "") lines.push("");
  if (!comparison.invalid.length && !create.length) lines.splice(3, 0, "-- nothing to repair", "");
  return lines.join("\n");
}

/** An identifier as PostgreSQL prints it: bare when it can be, else double-quoted. */
function ident(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
