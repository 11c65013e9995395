import type { ConstraintDef, IndexDef, Inventory } from "../model/types.js";
import type { DatabaseIndex, DatabaseState } from "./catalog.js";
import { canonicalDefinition, definitionDifferences, type DefinitionPart } from "./definition.js";
import { withColumnsRenamed } from "../sql/rename-columns.js";

/** A declared index (effective migrations, then the registry) with the schema it lives in on this database. */
export interface DeclaredIndex {
  def: IndexDef;
  schema: string;
  /** The name after renames, as the catalog stores it (cut to 63 bytes). */
  name: string;
  /** The table after renames (`def.table` as written, or the name a later migration gave it). */
  table: string;
}

export interface DatabaseComparison {
  /** Schemas examined, in order. */
  schemas: string[];
  statsReset: string | null;
  /** Declared indexes in the examined schemas: migrations in replay order, then the registry in its order. */
  declared: DeclaredIndex[];
  /** Declared and found (valid or not). */
  present: { declared: DeclaredIndex; index: DatabaseIndex }[];
  missing: { declared: DeclaredIndex; tableExists: boolean }[];
  /** Declared PRIMARY KEY / UNIQUE / EXCLUDE constraints whose index the database lacks; `table` as the migrations leave it. */
  missingConstraints: { constraint: ConstraintDef; schema: string; name: string; table: string; tableExists: boolean }[];
  invalid: { index: DatabaseIndex; declared: DeclaredIndex | null }[];
  /** In the database, declared nowhere (a constraint's index counts as declared when the constraint is). */
  undeclared: DatabaseIndex[];
  /** On a migration tool's own history table (`alembic_version`): made by the tool, not declared by the project. */
  tool: DatabaseIndex[];
  /** A declared PRIMARY KEY / UNIQUE constraint whose index in the database has other key columns. */
  constraintDrift: { constraint: ConstraintDef; schema: string; name: string; table: string; index: DatabaseIndex; columns: string[] }[];
  /** Same name, different definition (invalid indexes are reported as invalid only). */
  drift: { declared: DeclaredIndex; index: DatabaseIndex; parts: DefinitionPart[] }[];
  /** `index` has the same definition, on the same table, as `of` (the one to keep). */
  duplicates: { index: DatabaseIndex; of: DatabaseIndex; declared: DeclaredIndex | null }[];
  /** Never scanned since the statistics were reset; constraint, unique and invalid indexes aside. */
  unused: { index: DatabaseIndex; declared: DeclaredIndex | null }[];
}

/**
 * The declared state held against the database: a pure function of the
 * inventory and the parsed catalog. Unqualified names in the code resolve as
 * PostgreSQL would resolve them: to the first examined schema that has the
 * table, else the first examined schema. `toolTables` are the migration
 * tools' own history tables (src/sources/tool-tables.ts).
 */
export function compareDatabase(inventory: Inventory, db: DatabaseState, toolTables: ReadonlySet<string> = new Set()): DatabaseComparison {
  const schemas = db.snapshot.schemas;
  const inScope = new Set(schemas);
  const tables = new Set(db.snapshot.tables.map((t) => key(t.schema, t.name)));
  const schemaOf = (d: { schema: string | null; table: string }): string => d.schema ?? schemas.find((s) => tables.has(key(s, d.table))) ?? schemas[0] ?? "public";

  const migrations = inventory.indexes.filter((d) => d.origin === "migration" && d.effective);
  const registry = inventory.indexes.filter((d) => d.origin === "registry" && d.effective);
  const declared: DeclaredIndex[] = [];
  const declaredByKey = new Map<string, DeclaredIndex>();
  // Migrations run first: when both places create one name, the database holds the migration's index.
  for (const def of [...migrations, ...registry]) {
    // The table as the migrations leave it: renamed after the index was made, it is found under its last name.
    const table = def.tableRenamedTo ?? def.table;
    const d = { def, schema: schemaOf({ schema: def.schema, table }), name: asStored(def.renamedTo ?? def.name), table };
    if (!inScope.has(d.schema) || declaredByKey.has(key(d.schema, d.name))) continue;
    declared.push(d);
    declaredByKey.set(key(d.schema, d.name), d);
  }
  const declaredConstraints = inventory.constraints
    .filter((c) => c.effective)
    .map((c) => {
      // As an index's: a constraint's table renamed later is found under its last name.
      const table = c.tableRenamedTo ?? c.table;
      return { constraint: c, schema: schemaOf({ schema: c.schema, table }), name: asStored(c.renamedTo ?? c.name), table };
    });
  const constraints = new Set(declaredConstraints.map((c) => key(c.schema, c.name)));

  const byKey = new Map(db.indexes.map((i) => [key(i.schema, i.name), i]));
  const out: DatabaseComparison = { schemas, statsReset: db.snapshot.statsReset, declared, present: [], missing: [], missingConstraints: [], constraintDrift: [], invalid: [], undeclared: [], tool: [], drift: [], duplicates: [], unused: [] };
  for (const d of declared) {
    const index = byKey.get(key(d.schema, d.name));
    if (!index) {
      out.missing.push({ declared: d, tableExists: tables.has(key(d.schema, d.table)) });
      continue;
    }
    out.present.push({ declared: d, index });
    if (!index.valid || !index.statement) continue;
    const declaredShape = withColumnsRenamed(d.def.shape, d.def.columnsRenamed);
    const parts = definitionDifferences({ declared: declaredShape, catalog: index.statement.shape, declaredTable: `${d.schema}.${d.table}` });
    if (parts.length > 0) out.drift.push({ declared: d, index, parts });
  }
  const seen = new Set<string>();
  for (const c of declaredConstraints) {
    const k = key(c.schema, c.name);
    // An index a constraint took over (USING INDEX) is already judged as a declared index.
    if (!inScope.has(c.schema) || declaredByKey.has(k) || seen.has(k)) continue;
    seen.add(k);
    const index = byKey.get(k);
    if (!index) {
      out.missingConstraints.push({ ...c, tableExists: tables.has(key(c.schema, c.table)) });
      continue;
    }
    // Key columns by name; an EXCLUDE constraint's operators, and a constraint built USING INDEX, are left to the index's own comparison.
    if (c.constraint.type === "exclude" || c.constraint.usingIndex !== null || !index.valid || !index.statement) continue;
    const columns = index.statement.keys.map((k) => k.column ?? k.text);
    const renamed = new Map(c.constraint.columnsRenamed.map((r) => [r.from, r.to]));
    if (columns.join("\0") !== c.constraint.columns.map((col) => renamed.get(col) ?? col).join("\0")) out.constraintDrift.push({ ...c, index, columns });
  }
  for (const index of db.indexes) {
    const d = declaredByKey.get(key(index.schema, index.name)) ?? null;
    const constraintDeclared = index.constraint !== null && constraints.has(key(index.schema, index.constraint.name));
    // A partition's index is made by its parent's CREATE INDEX, under a name PostgreSQL picks: the parent is what is declared.
    if (!d && !constraintDeclared && !index.partition && !constraints.has(key(index.schema, index.name))) (toolTables.has(index.table) ? out.tool : out.undeclared).push(index);
    if (!index.valid) out.invalid.push({ index, declared: d });
    else if (index.scans === 0 && !index.partition && !index.unique && !index.primary && index.constraint === null) out.unused.push({ index, declared: d });
  }
  out.duplicates = duplicatesOf(db.indexes, declaredByKey);
  return out;
}

/** Valid indexes with one canonical definition on one table: keep a constraint's, else a declared one, else the first by name. */
function duplicatesOf(indexes: readonly DatabaseIndex[], declared: ReadonlyMap<string, DeclaredIndex>): DatabaseComparison["duplicates"] {
  const groups = new Map<string, DatabaseIndex[]>();
  for (const index of indexes) {
    if (!index.valid || !index.statement || index.partition) continue;
    const k = `${key(index.schema, index.table)}\0${canonicalDefinition(index.statement.shape)}`;
    const list = groups.get(k);
    if (list) list.push(index);
    else groups.set(k, [index]);
  }
  const out: DatabaseComparison["duplicates"] = [];
  for (const list of groups.values()) {
    if (list.length < 2) continue;
    const rank = (i: DatabaseIndex): number => (i.constraint ? 0 : declared.has(key(i.schema, i.name)) ? 1 : 2);
    const sorted = [...list].sort((a, b) => rank(a) - rank(b) || cmp(a.name, b.name));
    const keep = sorted[0]!;
    for (const index of sorted.slice(1)) out.push({ index, of: keep, declared: declared.get(key(index.schema, index.name)) ?? null });
  }
  return out.sort((a, b) => cmp(a.index.schema, b.index.schema) || cmp(a.index.name, b.index.name));
}

/** The name as the catalog stores it: PostgreSQL cuts identifiers to 63 bytes, at a character boundary (identifier-too-long reports the cut). */
function asStored(name: string): string {
  if (Buffer.byteLength(name, "utf8") <= 63) return name;
  let out = "";
  for (const ch of name) {
    if (Buffer.byteLength(out + ch, "utf8") > 63) break;
    out += ch;
  }
  return out;
}

function key(schema: string, name: string): string {
  return `${schema}\0${name}`;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
