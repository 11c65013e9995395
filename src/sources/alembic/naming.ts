import { createHash } from "../../hash.js";

/**
 * Names as SQLAlchemy gives them, read from its naming-convention code:
 * `MetaData(naming_convention=...)` maps a kind (`ix`, `uq`, `pk`, `ck`, `fk`)
 * to a `%`-template over `table_name`, `constraint_name`, `column_0_name`,
 * `column_0_label`, `column_0_key`, and the all-columns forms `column_0_N_name`
 * (joined by `_`) and `column_0N_name` (joined by nothing). Without a
 * configuration the convention is `{"ix": "ix_%(column_0_label)s"}`; a
 * configured one replaces it whole.
 */
export type ConventionKind = "ix" | "uq" | "pk" | "ck" | "fk";
export type NamingConvention = ReadonlyMap<string, string>;

export const DEFAULT_CONVENTION: NamingConvention = new Map([["ix", "ix_%(column_0_label)s"]]);

/** PostgreSQL's identifier limit, as SQLAlchemy's dialect states it (characters). */
const MAX_IDENTIFIER = 63;

/** A name as written: plain, or marked with `op.f()` as already final. */
export interface WrittenName {
  text: string;
  final: boolean;
}

export interface NameTarget {
  kind: ConventionKind;
  table: string;
  schema: string | null;
  columns: readonly string[];
}

/**
 * The name the database gets, and whether the convention made it; null when
 * SQLAlchemy gives none (PostgreSQL then picks one for a constraint). A name
 * the convention makes (or `op.f()` marks) longer than 63 characters is cut
 * the way SQLAlchemy cuts it: 55 characters, `_`, the last 4 hex digits of
 * the MD5 of the whole name.
 */
export function conventionalName(written: WrittenName | null, target: NameTarget, convention: NamingConvention): { name: string; generated: boolean } | null {
  if (written?.final) return { name: truncate(written.text), generated: false };
  const template = convention.get(target.kind);
  if (template === undefined || (written !== null && !template.includes("%(constraint_name)s"))) return written ? { name: written.text, generated: false } : null;
  const name = applyTemplate(template, target, written?.text ?? null);
  return name === null ? (written ? { name: written.text, generated: false } : null) : { name: truncate(name), generated: written === null };
}

function truncate(name: string): string {
  if (name.length <= MAX_IDENTIFIER) return name;
  return name.slice(0, MAX_IDENTIFIER - 8) + "_" + createHash("md5").update(name, "utf8").digest("hex").slice(-4);
}

/** Python's `template % ConventionDict`; null when a token cannot be filled statically. */
function applyTemplate(template: string, target: NameTarget, constraintName: string | null): string | null {
  let failed = false as boolean; // set inside the replacer, which narrowing cannot see
  const out = template.replace(/%\(([A-Za-z0-9_]+)\)s|%%/g, (whole, key: string | undefined) => {
    if (key === undefined) return "%";
    const value = token(key, target, constraintName);
    if (value === null) failed = true;
    return value ?? whole;
  });
  return failed ? null : out;
}

function token(key: string, target: NameTarget, constraintName: string | null): string | null {
  if (key === "table_name") return target.table;
  if (key === "constraint_name") return constraintName;
  // Linear: anchored; digits, an optional `_N`/`N`, then a word.
  const m = /^column_(\d+)(_?N)?_(name|label|key)$/.exec(key);
  if (!m) return null;
  const attr = (column: string): string => (m[3] === "label" ? label(target, column) : column);
  if (m[2]) return target.columns.map(attr).join(m[2].startsWith("_") ? "_" : "");
  const column = target.columns[Number(m[1])];
  return column === undefined ? "" : attr(column);
}

/** A column's label: `<table>_<column>`, with the schema first when there is one. */
function label(target: NameTarget, column: string): string {
  return target.schema ? `${target.schema.replace(/\./g, "_")}_${target.table}_${column}` : `${target.table}_${column}`;
}
