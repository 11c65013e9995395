import type { IndexShape } from "../sql/types.js";

/**
 * Whether a declared index and the database's index define the same thing.
 *
 * Both sides are PostgreSQL parse trees — the declared statement's, and that
 * of `pg_get_indexdef` parsed again by the same parser — in the canonical form
 * `src/sql` keeps as `shape` (positions stripped). Text is never compared.
 * `pg_get_indexdef` prints what the server analysed, so before comparing:
 *
 * - casts the server added are dropped where the declared tree has none
 *   (`lower((email)::text)` for `lower(email)`, `'open'::text` for `'open'`);
 * - `x IN (a, b)` reads as the `x = ANY (ARRAY[a, b])` the server prints, and
 *   `LIKE` as its operator `~~`;
 * - default sort orders (`ASC`, `NULLS LAST` ascending, `NULLS FIRST`
 *   descending) and `pg_catalog.` prefixes of type and function names go;
 * - the table is named with the schema it resolved to.
 *
 * This is the one comparison `db-definition-drift` and the report rely on.
 */
export interface DefinitionSides {
  /** `shape` of the declared statement (src/sql). */
  declared: IndexShape;
  /** `shape` of `pg_get_indexdef`, parsed. */
  catalog: IndexShape;
  /** `schema.table` the declared index lives on, as resolved against the database. */
  declaredTable: string;
}

/** The parts that differ, by name (`table`, `unique`, `method`, `keys`, `include`, `where`, `nullsNotDistinct`); empty when equal. */
export function definitionDifferences(sides: DefinitionSides): DefinitionPart[] {
  const declared = { ...canonical(sides.declared), table: sides.declaredTable };
  const catalog = canonical(sides.catalog);
  const out: DefinitionPart[] = [];
  for (const part of PARTS) {
    const a = declared[part];
    const b = alignCasts(a, catalog[part]);
    if (JSON.stringify(a) !== JSON.stringify(b)) out.push(part);
  }
  return out;
}

/** The canonical form of one definition on its own (for comparing two database indexes with each other). */
export function canonicalDefinition(shape: IndexShape): string {
  return JSON.stringify(canonical(shape));
}

export type DefinitionPart = "table" | "unique" | "method" | "keys" | "include" | "where" | "nullsNotDistinct";
const PARTS: readonly DefinitionPart[] = ["table", "unique", "method", "keys", "include", "where", "nullsNotDistinct"];

/** The shape with its trees normalized (no longer parse trees as the parser gives them). */
interface Definition {
  table: string;
  unique: boolean;
  method: string;
  keys: unknown;
  include: unknown;
  where: unknown;
  nullsNotDistinct: boolean;
  with: unknown;
}

type Node = Record<string, unknown>;

function canonical(d: IndexShape): Definition {
  return { table: d.table, unique: d.unique, method: d.method, keys: normalize(d.keys), include: normalize(d.include), where: normalize(d.where), nullsNotDistinct: d.nullsNotDistinct, with: d.with };
}

function normalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(normalize);
  if (!v || typeof v !== "object") return v;
  const node = v as Node;
  const [type, body] = Object.entries(node)[0] ?? [];
  if (Object.keys(node).length === 1 && body && typeof body === "object" && !Array.isArray(body)) {
    const b = body as Node;
    if (type === "IndexElem") return { IndexElem: normalizeElem(b) };
    if (type === "A_Expr") return { A_Expr: normalizeExpr(b) };
    if (type === "TypeName" || type === "FuncCall") return { [type]: withoutCatalogPrefix(mapValues(b), type === "TypeName" ? "names" : "funcname") };
  }
  return mapValues(node);
}

function mapValues(node: Node): Node {
  const out: Node = {};
  for (const [k, x] of Object.entries(node)) out[k] = normalize(x);
  return out;
}

/** Sort order and nulls order written as the default they are; a parenthesized plain column is that column. */
function normalizeElem(b: Node): Node {
  const out = mapValues(b);
  const ordering = out.ordering === "SORTBY_ASC" ? "SORTBY_DEFAULT" : out.ordering;
  const desc = ordering === "SORTBY_DESC";
  const nullsDefault = (!desc && out.nulls_ordering === "SORTBY_NULLS_LAST") || (desc && out.nulls_ordering === "SORTBY_NULLS_FIRST");
  out.ordering = ordering ?? "SORTBY_DEFAULT";
  out.nulls_ordering = nullsDefault || out.nulls_ordering === undefined ? "SORTBY_NULLS_DEFAULT" : out.nulls_ordering;
  const column = plainColumn(out.expr);
  if (column !== null) {
    delete out.expr;
    out.name = column;
  }
  return out;
}

function plainColumn(expr: unknown): string | null {
  const ref = (expr as Node | undefined)?.ColumnRef as Node | undefined;
  const fields = ref?.fields as Node[] | undefined;
  if (fields?.length !== 1) return null;
  const sval = (fields[0]?.String as Node | undefined)?.sval;
  return typeof sval === "string" ? sval : null;
}

/** `IN (…)` / `NOT IN (…)` as `= ANY (ARRAY[…])` / `<> ALL (ARRAY[…])`; LIKE and ILIKE as their operators. */
function normalizeExpr(b: Node): Node {
  const out = mapValues(b);
  if (out.kind === "AEXPR_IN") {
    const items = ((out.rexpr as Node | undefined)?.List as Node | undefined)?.items;
    if (Array.isArray(items)) {
      const negated = opName(out.name) === "<>";
      out.kind = negated ? "AEXPR_OP_ALL" : "AEXPR_OP_ANY";
      out.rexpr = { A_ArrayExpr: { elements: items } };
    }
  } else if (out.kind === "AEXPR_LIKE" || out.kind === "AEXPR_ILIKE") {
    out.kind = "AEXPR_OP";
  }
  return out;
}

function opName(name: unknown): string | null {
  const first = Array.isArray(name) ? ((name[name.length - 1] as Node | undefined)?.String as Node | undefined)?.sval : undefined;
  return typeof first === "string" ? first : null;
}

function withoutCatalogPrefix(b: Node, key: string): Node {
  const names = b[key];
  if (Array.isArray(names) && names.length > 1 && ((names[0] as Node | undefined)?.String as Node | undefined)?.sval === "pg_catalog") return { ...b, [key]: names.slice(1) };
  return b;
}

/**
 * The catalog tree with the casts the server added removed: wherever the
 * catalog has a TypeCast and the declared tree has something else there, the
 * cast's argument stands in for it.
 */
function alignCasts(declared: unknown, catalog: unknown): unknown {
  if (Array.isArray(catalog)) {
    if (!Array.isArray(declared) || declared.length !== catalog.length) return catalog;
    return catalog.map((c, i) => alignCasts(declared[i], c));
  }
  if (!catalog || typeof catalog !== "object") return catalog;
  const cat = catalog as Node;
  const dec = declared && typeof declared === "object" && !Array.isArray(declared) ? (declared as Node) : null;
  const cast = cat.TypeCast as Node | undefined;
  if (cast && Object.keys(cat).length === 1 && !(dec && "TypeCast" in dec)) return sameDateTimeLiteral(dec, cast) ? declared : alignCasts(declared, cast.arg);
  if (!dec) return catalog;
  const out: Node = {};
  for (const [k, x] of Object.entries(cat)) out[k] = alignCasts(dec[k], x);
  return out;
}

/**
 * A date or time literal the server stored in its output form: `'2024-01-01'`
 * compared with a `timestamptz` column is printed as `'2024-01-01
 * 00:00:00+00'::timestamp with time zone`. The same when both name the same
 * date and wall-clock time (`date`: the same day). For `timestamptz` the
 * declared literal has no offset and was read in the time zone of the
 * session that ran the migration: taken to be the server's, as this session
 * reads it, unless either of them sets another.
 */
function sameDateTimeLiteral(declared: Node | null, cast: Node): boolean {
  const written = constString(declared);
  const stored = constString(cast.arg);
  const names = (cast.typeName as Node | undefined)?.names;
  const type = Array.isArray(names) ? ((names[names.length - 1] as Node | undefined)?.String as Node | undefined)?.sval : undefined;
  if (written === null || stored === null || (type !== "timestamp" && type !== "timestamptz" && type !== "date")) return false;
  const a = WRITTEN_DATETIME.exec(written.trim());
  const b = STORED_DATETIME.exec(stored);
  if (!a || !b || (type !== "timestamptz" && b[8] !== undefined)) return false;
  const day = (m: RegExpExecArray): string => `${m[1]}-${m[2]}-${m[3]}`;
  if (type === "date") return a[4] === undefined && day(a) === day(b);
  const time = (m: RegExpExecArray): string => `${m[4] ?? "00"}:${m[5] ?? "00"}:${m[6] ?? "00"}${(m[7] ?? "").replace(/\.?0+$/, "")}`;
  return day(a) === day(b) && time(a) === time(b);
}

/** An ISO date, optionally with a time (`T` or a space), no offset. Anchored, no nested quantifiers: linear. */
const WRITTEN_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?:[ T](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?)?$/;
/** PostgreSQL's ISO output: date, then time with seconds and a fraction when not zero, then the offset (timestamptz). Linear. */
const STORED_DATETIME = /^(\d{4})-(\d{2})-(\d{2})(?: (\d{2}):(\d{2}):(\d{2})(\.\d+)?([+-]\d{2}(?::\d{2}){0,2})?)?$/;

function constString(node: unknown): string | null {
  const c = (node as Node | null | undefined)?.A_Const as Node | undefined;
  const sval = (c?.sval as Node | undefined)?.sval;
  return typeof sval === "string" ? sval : null;
}
