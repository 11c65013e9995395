import { createHash } from "../../hash.js";

/**
 * Index and constraint names exactly as Django's PostgreSQL schema editor
 * makes them. Django measures and cuts names in characters (Python `len` and
 * slices), with PostgreSQL's limit of 63 as the maximum length.
 */

/** `connection.ops.max_name_length()` on PostgreSQL. */
export const DJANGO_MAX_NAME_LENGTH = 63;

/** The first `length` hex digits of the md5 of the arguments, each encoded as UTF-8, in order. */
export function namesDigest(args: readonly string[], length: number): string {
  const h = createHash("md5");
  for (const a of args) h.update(a, "utf8");
  return h.digest("hex").slice(0, length);
}

/** `"schema"."table"` → `["schema", "table"]`; a plain name has no namespace. */
export function splitIdentifier(identifier: string): [string, string] {
  const parts = identifier.split('"."');
  if (parts.length !== 2) return ["", stripQuotes(identifier)];
  return [stripQuotes(parts[0]!), stripQuotes(parts[1]!)];
}

function stripQuotes(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === '"') a++;
  while (b > a && s[b - 1] === '"') b--;
  return s.slice(a, b);
}

/** Python's `s[from:to]` on code points. */
function pySlice(s: string, from: number, to?: number): string {
  return Array.from(s).slice(from, to).join("");
}

function pyLen(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * `BaseDatabaseSchemaEditor._create_index_name`: table, columns and an
 * 8-digit digest plus suffix (`_uniq`, `_like`, `_idx`, `_pk`, `_fk_…`), the
 * table and column parts cut evenly when the whole exceeds 63 characters.
 */
export function createIndexName(table: string, columns: readonly string[], suffix = ""): string {
  const [, tableName] = splitIdentifier(table);
  const max = DJANGO_MAX_NAME_LENGTH;
  let hashSuffix = namesDigest([tableName, ...columns], 8) + suffix;
  const joined = columns.join("_");
  const whole = `${tableName}_${joined}_${hashSuffix}`;
  if (pyLen(whole) <= max) return whole;
  if (pyLen(hashSuffix) > max / 3) hashSuffix = pySlice(hashSuffix, 0, Math.floor(max / 3));
  const other = Math.floor((max - pyLen(hashSuffix)) / 2) - 1;
  let name = `${pySlice(tableName, 0, other)}_${pySlice(joined, 0, other)}_${hashSuffix}`;
  // Django keeps names from starting with an underscore or a digit (Oracle refuses them) on every backend.
  if (name.startsWith("_") || /^[0-9]/.test(name)) name = "D" + pySlice(name, 0, -1);
  return name;
}

/** The foreign key constraint Django adds for `column` → `toTable.toColumn` (`…_fk_<to_table>_<to_column>`). */
export function foreignKeyName(table: string, column: string, toTable: string, toColumn: string): string {
  return createIndexName(table, [column], `_fk_${splitIdentifier(toTable)[1]}_${toColumn}`);
}

/**
 * `Index.set_name_with_model` for an index declared without a name: 11
 * characters of the table, 7 of the first column, a 6-digit digest of the
 * table, the columns (`-col` when descending) and the class's suffix.
 */
export function indexNameWithModel(table: string, columns: readonly { column: string; descending: boolean }[], suffix: string): string {
  const [, tableName] = splitIdentifier(table);
  const hashData = [tableName, ...columns.map((c) => (c.descending ? `-${c.column}` : c.column)), suffix];
  let name = `${pySlice(tableName, 0, 11)}_${pySlice(columns[0]?.column ?? "", 0, 7)}_${namesDigest(hashData, 6)}_${suffix}`;
  if (name.startsWith("_") || /^[0-9]/.test(name)) name = "D" + pySlice(name, 1);
  return name;
}

/** The suffix each index class gives a generated name (`Index.suffix`). */
export const INDEX_CLASS_SUFFIX: Readonly<Record<string, string>> = {
  Index: "idx",
  BloomIndex: "bloom",
  BrinIndex: "brin",
  BTreeIndex: "btree",
  GinIndex: "gin",
  GistIndex: "gist",
  HashIndex: "hash",
  SpGistIndex: "spgist",
};

/**
 * `utils.truncate_name`: a name longer than `length` keeps its first
 * `length - 4` characters and gains a 4-digit digest (auto-created
 * many-to-many tables are named this way).
 */
export function truncateName(identifier: string, length: number, hashLength = 4): string {
  const [namespace, name] = splitIdentifier(identifier);
  if (pyLen(name) <= length) return identifier;
  const digest = namesDigest([name], hashLength);
  return `${namespace ? `${namespace}"."` : ""}${pySlice(name, 0, length - hashLength)}${digest}`;
}
