import type { DatabaseComparison } from "../db/compare.js";
import { prettySize } from "../db/where.js";

/**
 * The report's "Database" section (`report --database-url`): the declared
 * indexes held against the database, counted and listed with their sizes.
 * The URL is not printed: a committed report must not depend on where it ran.
 */
export function databaseSection(c: DatabaseComparison): string {
  const size = (xs: readonly { sizeBytes: number }[]): string => prettySize(xs.reduce((n, x) => n + x.sizeBytes, 0));
  const invalid = c.invalid.map((i) => i.index);
  const drift = [...c.drift.map((d) => d.index), ...c.constraintDrift.map((d) => d.index)];
  let out = "## Database\n\n";
  out += `The declared indexes (effective migrations, then the registry) held against the database's catalog, read-only; schemas: ${c.schemas.map((s) => `\`${s}\``).join(", ")}.\n\n`;
  out += "| | indexes | size |\n|---|---:|---:|\n";
  out += `| Declared | ${c.declared.length} | |\n`;
  out += `| Present | ${c.present.length} | ${size(c.present.map((p) => p.index))} |\n`;
  out += `| Missing | ${c.missing.length + c.missingConstraints.length} | |\n`;
  out += `| Invalid | ${invalid.length} | ${size(invalid)} |\n`;
  out += `| Undeclared | ${c.undeclared.length} | ${size(c.undeclared)} |\n`;
  if (c.tool.length > 0) out += `| The migration tool's own (${[...new Set(c.tool.map((i) => `\`${i.table}\``))].join(", ")}) | ${c.tool.length} | ${size(c.tool)} |\n`;
  out += `| Drift | ${drift.length} | ${size(drift)} |\n`;
  const list = (title: string, rows: string[]): void => {
    if (rows.length === 0) return;
    out += `\n### ${title} (${rows.length})\n\n| index | table | size | declared at |\n|---|---|---:|---|\n${rows.join("")}`;
  };
  const row = (schema: string, name: string, table: string, bytes: number | null, at: string): string => `| \`${schema}.${name}\` | ${table} | ${bytes === null ? "" : prettySize(bytes)} | ${at} |\n`;
  list("Missing", [
    ...c.missing.map((m) => row(m.declared.schema, m.declared.name, m.declared.table, null, `${m.declared.def.location.file}:${m.declared.def.location.line}`)),
    ...c.missingConstraints.map((m) => row(m.schema, m.name, m.table, null, `${m.constraint.location.file}:${m.constraint.location.line} (${m.constraint.type} constraint)`)),
  ]);
  list("Invalid", c.invalid.map((i) => row(i.index.schema, i.index.name, i.index.table, i.index.sizeBytes, i.declared ? `${i.declared.def.location.file}:${i.declared.def.location.line}` : "nowhere")));
  list("Undeclared", c.undeclared.map((i) => row(i.schema, i.name, i.table, i.sizeBytes, i.constraint ? `constraint ${i.constraint.name}, nowhere` : "nowhere")));
  list("Drift", [
    ...c.drift.map((d) => row(d.index.schema, d.index.name, d.index.table, d.index.sizeBytes, `${d.declared.def.location.file}:${d.declared.def.location.line}`)),
    ...c.constraintDrift.map((d) => row(d.index.schema, d.index.name, d.index.table, d.index.sizeBytes, `${d.constraint.location.file}:${d.constraint.location.line} (${d.constraint.type} constraint)`)),
  ]);
  return out;
}
