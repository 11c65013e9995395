import type { Colors } from "./color.js";
import type { Inventory, IndexDef, Skipped } from "../model/types.js";
import { reasonText } from "../model/reason.js";

const LIST_FORMAT_VERSION = 1;

/** The `list --format json` document (schemas/list.schema.json). */
export function inventoryToJson(inv: Inventory): unknown {
  return {
    version: LIST_FORMAT_VERSION,
    indexes: inv.indexes.map((d) => ({
      name: d.name,
      nameGenerated: d.nameGenerated,
      schema: d.schema,
      ...(d.schemaNotKnown ? { schemaNotKnown: true } : {}),
      table: d.table,
      unique: d.unique,
      concurrently: d.concurrently,
      ifNotExists: d.ifNotExists,
      only: d.only,
      method: d.method,
      columns: d.columns,
      include: d.include,
      where: d.where,
      nullsNotDistinct: d.nullsNotDistinct,
      tablespace: d.tablespace,
      origin: d.origin,
      file: d.location.file,
      line: d.location.line,
      column: d.location.column,
      endLine: d.location.endLine,
      endColumn: d.location.endColumn,
      effective: d.effective,
      renamedTo: d.renamedTo,
      tableRenamedTo: d.tableRenamedTo,
      columnsRenamed: d.columnsRenamed.map((r) => ({ from: r.from, to: r.to })),
      droppedAt: d.droppedAt ? { file: d.droppedAt.file, line: d.droppedAt.line, column: d.droppedAt.column } : null,
      classification: d.classification,
      reason: reasonText(d.reason),
      function: d.context.function,
      guard: d.context.guard,
      comment: d.context.comment,
      executor: d.context.executor,
      registry: d.registry
        ? { list: d.registry.list, name: d.registry.name, table: d.registry.table, critical: d.registry.critical, description: d.registry.description }
        : null,
      sql: d.sql,
    })),
    constraints: inv.constraints.map((c) => ({
      name: c.name,
      nameGenerated: c.nameGenerated,
      type: c.type,
      schema: c.schema,
      table: c.table,
      columns: c.columns,
      usingIndex: c.usingIndex,
      renamedTo: c.renamedTo,
      tableRenamedTo: c.tableRenamedTo,
      columnsRenamed: c.columnsRenamed.map((r) => ({ from: r.from, to: r.to })),
      guard: c.guard?.text ?? null,
      origin: c.origin,
      file: c.location.file,
      line: c.location.line,
      column: c.location.column,
      effective: c.effective,
    })),
    dynamic: inv.dynamic.map((d) => ({ ...d })),
    errors: inv.errors.map((e) => ({ ...e })),
  };
}

export function formatListJson(inv: Inventory): string {
  return JSON.stringify(inventoryToJson(inv), null, 2) + "\n";
}

const CSV_COLUMNS = [
  "name",
  "schema",
  "table",
  "unique",
  "concurrently",
  "if_not_exists",
  "method",
  "columns",
  "where",
  "origin",
  "file",
  "line",
  "column",
  "effective",
  "renamed_to",
  "classification",
  "reason",
  "registry_list",
  "table_renamed_to",
] as const;

function csvField(v: string | number | boolean | null): string {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function formatListCsv(inv: Inventory): string {
  const rows = [CSV_COLUMNS.join(",")];
  for (const d of inv.indexes) {
    const values = [
      d.name,
      d.schema,
      d.table,
      d.unique,
      d.concurrently,
      d.ifNotExists,
      d.method,
      d.columns.join("; "),
      d.where,
      d.origin,
      d.location.file,
      d.location.line,
      d.location.column,
      d.effective,
      d.renamedTo,
      d.classification,
      reasonText(d.reason),
      d.registry?.list ?? null,
      d.tableRenamedTo,
    ];
    rows.push(values.map(csvField).join(","));
  }
  return rows.join("\r\n") + "\r\n";
}

const SKIPPED: Record<Skipped, string> = {
  "if-not-exists": "skipped: IF NOT EXISTS found the name taken",
  condition: "skipped: its revision's test of the database was false",
  "rolled-back": "never kept: its transaction was rolled back",
};

function status(d: IndexDef): string {
  if (d.origin === "migration" && !d.effective) {
    if (!d.droppedAt) return d.temporary ? "temporary table" : d.skipped ? SKIPPED[d.skipped] : "dropped";
    // Framework migrations drop in later files: the file is named when it is another one.
    return d.droppedAt.file === d.location.file ? `dropped at line ${d.droppedAt.line}` : `dropped at ${d.droppedAt.file}:${d.droppedAt.line}`;
  }
  if (d.origin === "registry" && !d.effective) return `not built: ${d.registry?.list ?? "list"} is not in the registry`;
  // Under an `if` a framework source's reader could not decide: listed as built, but it may not be.
  const undecided = d.origin === "migration" ? d.context.guards.find((g) => g.undecided) : undefined;
  return [
    // Shown unqualified, which is not the default schema: a SET search_path before it names schemas replay cannot choose among.
    d.schemaNotKnown ? "schema not known: search_path set" : "",
    undecided ? `may not run: only if ${undecided.text}` : "",
    d.renamedTo ? `renamed to ${d.renamedTo}` : "",
    d.tableRenamedTo ? `table renamed to ${d.tableRenamedTo}` : "",
    ...d.columnsRenamed.map((r) => `column ${r.from} renamed to ${r.to}`),
  ]
    .filter((s) => s !== "")
    .join("; ");
}

/** Display width of a string (emoji and CJK take two columns; good enough for names and SQL). */
function width(s: string): number {
  let w = 0;
  for (const ch of s) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|\p{Extended_Pictographic}/u.test(ch) ? 2 : 1;
  return w;
}

function pad(s: string, n: number): string {
  return s + " ".repeat(Math.max(0, n - width(s)));
}

export interface TableOptions {
  /** The terminal's width in columns, when stdout is one; the table shrinks its text columns to fit. */
  width: number | null;
  /** `--wide`: every cell in full, whatever the width. */
  wide: boolean;
}

/**
 * Columns a narrow terminal may shrink, and the least each keeps; the widest
 * shrinks first. LOCATION and the short columns never shrink: a row must say
 * where its index is.
 */
const SHRINK_ORDER: readonly [column: number, min: number][] = [
  [5, 12], // REASON
  [4, 12], // COLUMNS
  [8, 8], // NOTE
  [1, 20], // NAME
  [2, 8], // TABLE
];
/** Without a terminal width (a pipe, a file) the long text columns stop here, unless --wide. */
const PIPE_CAPS: ReadonlyMap<number, number> = new Map([
  [4, 60],
  [5, 60],
]);

/** The human table: one row per index, then dynamic SQL and read errors, then the counts. */
export function formatListTable(inv: Inventory, chalk: Colors, options: TableOptions = { width: null, wide: false }): string {
  const header = ["LOCATION", "NAME", "TABLE", "METHOD", "COLUMNS", "REASON", "CLASS", "ORIGIN", "NOTE"];
  const rows = inv.indexes.map((d) => [
    `${d.location.file}:${d.location.line}:${d.location.column}`,
    d.name,
    d.schema ? `${d.schema}.${d.table}` : d.table,
    d.method,
    flat(d.columns.join(", ") + (d.where ? ` WHERE ${d.where}` : "")),
    reasonText(d.reason),
    d.classification,
    d.origin,
    status(d),
  ]);
  const widths = header.map((h, k) => Math.max(width(h), ...rows.map((r) => width(r[k]!))));
  if (!options.wide) {
    if (options.width === null) for (const [k, cap] of PIPE_CAPS) widths[k] = Math.min(widths[k]!, cap);
    else fit(widths, options.width);
  }
  const line = (cells: string[]): string => cells.map((c, k) => pad(truncate(c, widths[k]!), widths[k]!)).join("  ").trimEnd();
  const out: string[] = [chalk.bold(line(header))];
  for (const r of rows) {
    const text = line(r);
    out.push(r[8] ? chalk.dim(text) : r[6] === "functional" ? chalk.cyan(text) : text);
  }
  const templateWidth = options.wide ? Infinity : 100;
  if (inv.dynamic.length) {
    out.push("", chalk.bold(`Dynamic index SQL (${inv.dynamic.length}): not resolved statically`));
    for (const d of inv.dynamic) out.push(`  ${d.file}:${d.line}:${d.column}  ${truncate(flat(d.template), templateWidth)}  ${chalk.dim(`(${d.reason})`)}`);
  }
  if (inv.errors.length) {
    out.push("", chalk.bold(`Errors reading the sources (${inv.errors.length})`));
    for (const e of inv.errors) out.push(`  ${e.file}:${e.line}:${e.column}  ${chalk.red(e.kind)}  ${e.message}`);
  }
  const functional = inv.indexes.filter((d) => d.classification === "functional").length;
  const migration = inv.indexes.filter((d) => d.origin === "migration").length;
  out.push(
    "",
    `${count(inv.indexes.length, "index", "indexes")} (${functional} functional, ${inv.indexes.length - functional} performance; ${migration} in migrations, ${inv.indexes.length - migration} in the registry), ` +
      `${count(inv.constraints.length, "constraint", "constraints")}, ${inv.dynamic.length} dynamic, ${count(inv.errors.length, "error", "errors")} reading the sources`,
    "Policy findings: index-audit check",
  );
  return out.join("\n") + "\n";
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Narrows the shrinkable columns, widest first, until the row fits `total` columns (or every one is at its least). */
function fit(widths: number[], total: number): void {
  const row = (): number => widths.reduce((a, b) => a + b, 0) + 2 * (widths.length - 1);
  let excess = row() - total;
  while (excess > 0) {
    let pick = -1;
    for (const [k, min] of SHRINK_ORDER) if (widths[k]! > min && (pick < 0 || widths[k]! > widths[pick]!)) pick = k;
    if (pick < 0) return;
    const floor = SHRINK_ORDER.find(([k]) => k === pick)![1];
    const step = Math.min(excess, widths[pick]! - floor, Math.max(1, widths[pick]! - secondWidest(widths, pick)));
    widths[pick] = widths[pick]! - step;
    excess -= step;
  }
}

function secondWidest(widths: readonly number[], except: number): number {
  let w = 0;
  for (const [k] of SHRINK_ORDER) if (k !== except) w = Math.max(w, widths[k]!);
  return w;
}

function flat(s: string): string {
  return s.replace(/\s+/g, " ");
}

/** Cuts `s` to `n` display columns, marking the cut with "…". */
function truncate(s: string, n: number): string {
  if (width(s) <= n) return s;
  let out = "";
  let w = 0;
  for (const ch of s) {
    const cw = width(ch);
    if (w + cw > n - 1) break;
    out += ch;
    w += cw;
  }
  return out + "…";
}
