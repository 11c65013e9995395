import type { ColumnRef, IndexElem } from "@pgsql/types";
import { numberedName, storedIdentifier, type NameStem } from "../sql/names.js";
import type { ColumnRename } from "../sql/rename-columns.js";
import type { IndexShape } from "../sql/types.js";
import type { ConstraintDef, DynamicSql, Location, Skipped } from "./types.js";
import type { ExistenceQuestion, ExistenceTest, RunCondition } from "../sources/types.js";
import type { Guard } from "../python/guards.js";
import { KnownColumns, UNKNOWN_TYPE } from "./known-columns.js";
import { isType } from "../sql/column-types.js";
import { columnGoes, dependsOn, type CascadeDrop, type Uses } from "./cascade.js";
import { creationSchema, lookupSchema, type PathCatalog, type Qualifier, type SearchPath } from "./search-path.js";

/** What replay needs of a created index: its identity, its table, and what it covers (for the columns it uses). */
export interface CreatedIndex {
  schema: string | null;
  name: string;
  table: string;
  shape: IndexShape;
  /** IF NOT EXISTS: nothing is made when a relation of the schema already has the name. */
  ifNotExists: boolean;
  /** ON ONLY: a partitioned table's partitions get no copy. */
  only: boolean;
}

/** `when`: the statement runs only if the database then passes these tests (a revision's `if inspector.has_table(...)`). */
export type Operation = (
  /** `stem`: the name is PostgreSQL's choice (`def.name` its first try), made when the statement runs. */
  | { kind: "create"; def: CreatedIndex; stem?: NameStem | null }
  /** `constraint`: ALTER TABLE … DROP CONSTRAINT, which finds a constraint only (a unique index of the name is PostgreSQL's error, and stays). */
  | { kind: "drop"; names: { schema: string | null; name: string }[]; at: Location; constraint?: boolean }
  /** ALTER TABLE … DROP CONSTRAINT of the table's primary key, by the name it has when it runs. */
  | { kind: "drop-primary-key"; schema: string | null; table: string; at: Location }
  /** `view`: a materialized view. */
  /** `columns`: all it has, when the statement names them all (absent or null: not known). */
  /** `userTypes`: the types of those columns that are not PostgreSQL's own (absent: none); `typesUnknown`: no column's type is known (an Alembic create_table's). */
  | { kind: "create-table"; schema: string | null; table: string; temporary: boolean; ifNotExists: boolean; view?: boolean; columns?: readonly string[] | null; userTypes?: Readonly<Record<string, string>>; typesUnknown?: true; at: Location }
  /** `skipIfThere`: IF NOT EXISTS, which skips the subcommand, its constraints with it, when the column is there. `userType`: its type, when not PostgreSQL's own; `typeUnknown`: not known (an Alembic add_column's). */
  | { kind: "add-column"; schema: string | null; table: string; column: string; skipIfThere: boolean; userType?: string; typeUnknown?: true; at: Location }
  /** ALTER COLUMN … TYPE (`userType` null: one of PostgreSQL's own). */
  | { kind: "column-type"; schema: string | null; table: string; column: string; userType: string | null }
  /** CREATE EXTENSION: in `schema` (null: the search_path's creation schema). */
  | { kind: "create-extension"; name: string; schema: string | null }
  /** ALTER TABLE … DETACH PARTITION: the partition and its indexes no longer go with the parent's. */
  | { kind: "detach-partition"; schema: string | null; table: string; partition: { schema: string | null; name: string } }
  /** CREATE TYPE … AS ENUM (over nothing) or CREATE DOMAIN … AS (over its base type, when not PostgreSQL's own). */
  | { kind: "user-type"; name: string; over: readonly string[] }
  /**
   * DROP FUNCTION | TYPE | DOMAIN | EXTENSION … CASCADE: the indexes and constraints that depend on what it drops go
   * too. `finding` says so; replay keeps it only for those it cannot decide.
   */
  | ({ kind: "drop-dependents"; at: Location; finding: DynamicSql } & CascadeDrop)
  | { kind: "drop-table"; tables: { schema: string | null; name: string }[]; at: Location }
  | { kind: "rename"; schema: string | null; from: string; to: string }
  | { kind: "rename-table"; schema: string | null; from: string; to: string }
  | { kind: "set-schema"; schema: string | null; table: string; to: string }
  /** ALTER SCHEMA … RENAME TO: what the schema holds is in `to` now, under its names. */
  | { kind: "rename-schema"; from: string; to: string }
  /** A sequence, view or composite type made (or dropped): a name of the schema's relations. */
  | { kind: "relation"; created: boolean; names: { schema: string | null; name: string }[]; temporary: boolean }
  | { kind: "drop-schema"; schemas: string[]; at: Location }
  | { kind: "drop-column"; schema: string | null; table: string; column: string; at: Location }
  | { kind: "rename-column"; schema: string | null; table: string; from: string; to: string }
  /** `ofColumnIfNotExists`: a column's own in ADD COLUMN IF NOT EXISTS, made only when the add-column just before it adds the column. */
  | { kind: "constraint"; constraint: ConstraintDef; stem?: NameStem | null; ofColumnIfNotExists?: true }
  /** A CHECK or FOREIGN KEY constraint's name: no index, but a name PostgreSQL will not choose for a constraint's index. */
  | { kind: "constraint-name"; schema: string | null; table: string; name: string; at: Location; ofColumnIfNotExists?: true }
  /** Where unqualified names are looked for and made from here on (a `SET search_path`, or its end). */
  | { kind: "search-path"; path: SearchPath }
  /** `empty`: new, holding nothing yet. */
  | { kind: "create-schema"; schema: string; empty: boolean }
  /**
   * `table` gets copies of indexes of `from` (LIKE, PARTITION OF, ATTACH PARTITION) that are not listed. `attach`:
   * an ATTACH PARTITION's finding, which replay withdraws when it knows both tables and the partition has an
   * equivalent of each index of its parent (PostgreSQL then copies none).
   */
  | { kind: "copy-indexes"; schema: string | null; table: string; from: { schema: string | null; name: string }; attach: DynamicSql | null }
  /**
   * Index DDL replay cannot read (dynamic-index-sql): what it did to which table is not known. `tables`: it may
   * also have made, dropped or renamed a table (SQL or an operation of a table known only at run time).
   */
  | { kind: "unread"; tables?: true }
  /** SQL that may add, drop or rename columns unread (a DO block's table DDL, an ADD COLUMN named at run time): which columns a table has is no longer known. */
  | { kind: "unread-columns" }
  /**
   * A source left something unread that may add, drop or rename columns where it runs, which is not known (an Alembic
   * operation known only at run time): from here on, no test of whether a table has a column is decided.
   */
  | { kind: "unseen-columns" }
  /** What follows may find tables no replayed statement made: a source whose every statement is not read (a module's strings, Alembic's and Django's operations). */
  | { kind: "unseen-tables" }
) & { when?: RunCondition };

/** What became of a created index once every later statement ran. */
interface IndexFate {
  /** False when a later statement drops it. */
  effective: boolean;
  droppedAt: Location | null;
  /** The name a later ALTER INDEX … RENAME (or ADD CONSTRAINT … USING INDEX) gave it. */
  renamedTo: string | null;
  /** The constraint that took it over (USING INDEX). */
  backsConstraint: string | null;
  /** On a temporary table: gone when the session that made it ends. */
  temporary: boolean;
  /** Made nothing: IF NOT EXISTS found a relation of the schema with its name (a NOTICE), or its revision's test of the database said not to run it. */
  skipped: Skipped | null;
}

export interface Replay {
  /** The fate of each index a `create` operation made, by that operation's object. */
  fates: ReadonlyMap<CreatedIndex, IndexFate>;
  /** Constraints a later statement dropped (with their table, or by name). */
  droppedConstraints: ReadonlySet<ConstraintDef>;
  /** The last name a rename gave a constraint (and its index). */
  renamedConstraints: ReadonlyMap<ConstraintDef, string>;
  /** The last name a rename gave the table an index or a constraint is on. */
  renamedTables: ReadonlyMap<CreatedIndex | ConstraintDef, string>;
  /** The columns an index or a constraint uses that a RENAME COLUMN renamed: as written, and now. */
  renamedColumns: ReadonlyMap<CreatedIndex | ConstraintDef, ColumnRename[]>;
  /**
   * The name PostgreSQL chose for an unnamed index or constraint when its first
   * choice was taken (`t_a_idx1`): present only where it differs from the one read.
   */
  chosenNames: ReadonlyMap<CreatedIndex | ConstraintDef, string>;
  /** The schema an index or constraint ended in when ALTER TABLE … SET SCHEMA moved its table. */
  movedTo: ReadonlyMap<CreatedIndex | ConstraintDef, string>;
  /** The findings of ATTACH PARTITIONs that copy no index: the partition has an equivalent of each of its parent's. */
  copiesNone: ReadonlySet<DynamicSql>;
  /** The schema the search_path put an unqualified index or constraint in, where that is certain. */
  pathSchemas: ReadonlyMap<CreatedIndex | ConstraintDef, string>;
  /** Unqualified indexes and constraints made under a search_path that leaves their schema unknown. */
  schemaNotKnown: ReadonlySet<CreatedIndex | ConstraintDef>;
  /** The finding of each DROP … CASCADE replayed, with the indexes and constraints it may have dropped, which replay cannot decide (their names then). */
  cascades: ReadonlyMap<DynamicSql, readonly string[]>;
  /** Constraints of an ALTER TABLE IF EXISTS whose table replay does not know to be there or not: replayed as made, but they may not be (the table's name). */
  tableMayBeMissing: ReadonlyMap<ConstraintDef, string>;
  /** Indexes and constraints made under a revision's test of the database replay could not answer: the test as written, innermost first. */
  undecidedGuards: ReadonlyMap<CreatedIndex | ConstraintDef, readonly Guard[]>;
  /** The DROPs replay decided do not run (under a test it answers no), as read: one statement may run on one pass of a loop and not on another. */
  dropsNotRun: ReadonlySet<Operation>;
}

/**
 * Index names are unique per schema; an unqualified name means the default
 * schema. A name is the one PostgreSQL stores, cut to 63 bytes: a name written
 * longer is the same object as its first 63 bytes (identifier-too-long says so).
 */
export function identity(schema: string | null, name: string): string {
  // 21 UTF-16 units are at most 63 UTF-8 bytes: nearly every name is returned as it is, unmeasured.
  return `${schema ?? "public"}.${name.length <= 21 ? name : storedIdentifier(name)}`;
}

/** The schema of temporary tables (each session has its own). */
const TEMP = "pg_temp";

const KEPT: IndexFate = { effective: true, droppedAt: null, renamedTo: null, backsConstraint: null, temporary: false, skipped: null };

/**
 * Replays creates, drops and renames in order and says what is left at the
 * end: an index created and later dropped is not in migrations. The operations
 * are not changed; the fates are returned.
 */
export function replayMigrations(operations: readonly Operation[]): Replay {
  const fates = new Map<CreatedIndex, IndexFate>();
  const droppedConstraints = new Set<ConstraintDef>();
  const renamedConstraints = new Map<ConstraintDef, string>();
  const temporaryConstraints = new Set<ConstraintDef>();
  const live = new Map<string, CreatedIndex[]>();
  const constraints = new Map<string, ConstraintDef>();
  // The table each live index and constraint is on now: a renamed table keeps them (a later DROP TABLE of the
  // new name drops them), and a new table of the old name is another table.
  const tables = new Map<CreatedIndex | ConstraintDef, string>();
  const tableOf = (x: CreatedIndex | ConstraintDef): string => tables.get(x) ?? identity(x.schema, x.table);
  const settle = (defs: readonly CreatedIndex[], change: Partial<IndexFate>): void => {
    for (const def of defs) fates.set(def, { ...(fates.get(def) ?? KEPT), ...change });
  };
  const dropConstraint = (key: string, c: ConstraintDef): void => {
    droppedConstraints.add(c);
    constraints.delete(key);
  };
  // Every live index and constraint `gone` holds for (with its table, its schema or a column it uses) is dropped at `at`.
  const dropWhere = (gone: (x: CreatedIndex | ConstraintDef) => boolean, at: Location): void => {
    for (const [key, defs] of [...live]) {
      const dropped = defs.filter(gone);
      if (dropped.length === 0) continue;
      settle(dropped, { effective: false, droppedAt: at });
      const left = defs.filter((d) => !dropped.includes(d));
      if (left.length > 0) live.set(key, left);
      else live.delete(key);
    }
    for (const [key, c] of [...constraints]) if (gone(c)) dropConstraint(key, c);
  };
  // The index or constraint of the name, and what goes with it.
  const dropNamed = (key: string, at: Location): void => {
    const defs = live.get(key) ?? [];
    settle(defs, { effective: false, droppedAt: at });
    live.delete(key);
    // A partitioned index goes with the partitions' indexes attached to it.
    if (defs.length > 0 && attachedTo.size > 0) dropWhere((x) => "shape" in x && attachedUnder(x, defs), at);
    const c = constraints.get(key);
    if (c) dropConstraint(key, c);
    constraintsNamed.delete(key);
  };
  // The keys of the table's primary key: one, or several where undecided branches each made one (alternatives).
  const primaryKeysOf = (table: string): string[] => [...constraints].filter(([, c]) => c.type === "primary key" && tableOf(c) === table).map(([key]) => key);
  // The columns each live index and constraint uses, by their names now (a RENAME COLUMN changes them).
  const uses = new Map<CreatedIndex | ConstraintDef, string[]>();
  const usesOf = (x: CreatedIndex | ConstraintDef): string[] => {
    let u = uses.get(x);
    if (!u) {
      u = "shape" in x ? columnsUsed(x.shape) : x.columns;
      uses.set(x, u);
    }
    return u;
  };

  // Temporary tables by name: they live in pg_temp, which an unqualified name searches first; a permanent
  // table of the same name is another table.
  const temporary = new Set<string>();
  const tableKey = (schema: string | null, name: string): string => identity(schema === null && temporary.has(name) ? TEMP : schema, name);
  // Tables a replayed statement created and none dropped since (with their schema); and the CREATE TABLE just
  // replayed, whose constraints follow it: on the table it made, or, when it is an IF NOT EXISTS of one of those
  // tables, not created at all.
  const created = new Map<string, string>();
  // The names of CHECK and FOREIGN KEY constraints (with their table's key): constraints' names are unique per schema.
  const constraintsNamed = new Map<string, { table: string; schema: string; name: string }>();
  // Sequences, views and composite types by key, with their schema.
  const relations = new Map<string, string>();
  const movedTo = new Map<CreatedIndex | ConstraintDef, string>();
  let creating: { schema: string | null; table: string; at: Location; temporary: boolean; skipped: boolean } | null = null;
  // Decided when it is made: on pg_temp.t, or on t while a temporary t exists.
  const onTemporary = (x: CreatedIndex | ConstraintDef): boolean => tableKey(x.schema, x.table) === identity(TEMP, x.table);
  // An index or constraint on a temporary table is in pg_temp too, which an unqualified name searches first.
  const nameKey = (schema: string | null, name: string): string => {
    const temp = identity(TEMP, name);
    return schema === null && (live.has(temp) || constraints.has(temp)) ? temp : identity(schema, name);
  };
  const isTemporary = (x: CreatedIndex | ConstraintDef): boolean => ("shape" in x ? fates.get(x)?.temporary === true : temporaryConstraints.has(x));
  // PostgreSQL's choice for an unnamed one (ChooseRelationName): its first name, else the label numbered 1, 2, …
  // until no relation of the schema (table, index) has it, nor, for a constraint's, any constraint. Returns its key.
  const chosenNames = new Map<CreatedIndex | ConstraintDef, string>();
  const choose = (x: CreatedIndex | ConstraintDef, schema: string | null, stem: NameStem | null | undefined, constraint: boolean): string => {
    let key = identity(schema, x.name);
    if (!stem) return key;
    const taken = (k: string): boolean => live.has(k) || constraints.has(k) || created.has(k) || relations.has(k) || (constraint && constraintsNamed.has(k));
    for (let pass = 1; taken(key); pass++) {
      const name = numberedName(stem, pass);
      key = identity(schema, name);
      chosenNames.set(x, name);
    }
    return key;
  };

  // Permanent tables replay knows to be there (true) or not (false): made, dropped, renamed or moved by a
  // statement it read. One it only saw used (an index on it) may have been there from the start, or be made by
  // SQL it cannot read; a materialized view is no table to the inspector.
  const known = new Map<string, boolean>();
  // Tables whose presence replay set since something unread may have made, dropped or renamed any table (tablesUnread).
  const knownSince = new Set<string>();
  const setKnown = (table: string, there: boolean): void => {
    known.set(table, there);
    knownSince.add(table);
  };
  const views = new Set<string>();
  // What a statement that may or may not have run (under an answer replay does not know) made, dropped or
  // renamed: tables and index names (`indexes:<table>` for every index of a table), and whole schemas.
  const uncertain = new Set<string>();
  const uncertainSchemas = new Set<string>();
  // The search_path in force; schemas replay knows to exist or not, and those that held nothing when made (public,
  // as the database starts: an unqualified name not there is looked for further along the path); whether a
  // relation was made in a schema replay does not know (which it then may hold).
  let searchPath: SearchPath = "initial";
  const schemas = new Map<string, boolean>([["public", true]]);
  const madeEmpty = new Set<string>(["public"]);
  let unplaced = false;
  // A test of what the database holds, as SQLAlchemy's inspector answers it on PostgreSQL; null when replay does
  // not know, or the answer differs between SQLAlchemy's versions.
  const holds = (t: ExistenceTest): boolean | null => {
    if (t.asked === "if-exists") {
      const there = tableThere(t);
      return there === null ? null : there === t.present;
    }
    const table = identity(t.schema, t.table);
    if ((t.schema === null && searchPath !== "initial") || uncertain.has(table) || uncertainSchemas.has(t.schema ?? "public")) return null;
    const there = known.get(table);
    // A temporary table of the name (has_table in 1.4 sees it; get_table_names does not), or another relation
    // that has it (a view, a sequence, an index: has_table in 1.4 sees any), makes the answer depend on how it is asked.
    if (there === undefined || (t.schema === null && temporary.has(t.table)) || views.has(table) || relations.has(table) || live.has(table) || constraints.has(table)) return null;
    if (t.object === "table") return tablesUnread && !knownSince.has(table) ? null : there === t.present;
    if (!there) return null;
    // Inspector.get_columns: the table's columns, when replay knows them all and nothing unread may have changed them.
    if (t.asked === "get_columns") return columnsUnseen || !columns.knows(table) ? null : columns.has(table, t.name) === t.present;
    // Inspector.get_indexes (and has_index) list a table's indexes and its constraints', not its primary key's;
    // SQLAlchemy 1.4 leaves out an index on an expression, which 2.0 lists.
    const key = identity(t.schema, t.name);
    // Index DDL replay could not read (a name known only at run time) may have made or dropped any index or key.
    if (unread || uncertain.has(key) || uncertain.has(`indexes:${table}`)) return null;
    // Inspector.get_pk_constraint: the table's primary key, whatever its name.
    if (t.asked === "primary-key") return [...constraints.values()].some((x) => x.type === "primary key" && tableOf(x) === table) === t.present;
    const c = constraints.get(key);
    // Inspector.get_unique_constraints lists a table's UNIQUE constraints: no other index, unique or not.
    if (t.asked === "unique-constraint") return (c?.type === "unique" && tableOf(c) === table) === t.present;
    // An index a PRIMARY KEY took over (USING INDEX) is the key's: not listed.
    if (c?.type === "primary key" && tableOf(c) === table) return !t.present;
    const defs = (live.get(key) ?? []).filter((d) => tableOf(d) === table);
    if (defs.some((d) => d.shape.keys.some((k) => !("IndexElem" in k) || k.IndexElem.name === undefined))) return null;
    const has = defs.length > 0 || (c !== undefined && c.type !== "primary key" && tableOf(c) === table);
    return has === t.present;
  };
  // Whether every statement replayed so far was read: a table none of them made is then not there (the database started empty).
  let allSeen = true;
  // Whether a source left something unread that may have changed columns anywhere (the unseen-columns operation).
  let columnsUnseen = false;
  // PostgreSQL's lookup of the table an ALTER TABLE IF EXISTS names; null when replay does not know.
  const tableThere = (t: ExistenceTest): boolean | null => {
    const table = identity(t.schema, t.table);
    // An unqualified name finds a temporary table first.
    if (t.schema === null && temporary.has(t.table)) return true;
    if ((t.schema === null && searchPath !== "initial") || uncertain.has(table) || uncertainSchemas.has(t.schema ?? "public")) return null;
    if (tablesUnread && !knownSince.has(table)) return null;
    if (created.has(table) || known.get(table) === true || views.has(table)) return true;
    // Another relation of the name (a view, a sequence, an index) is PostgreSQL's error to report, not a skip.
    if (relations.has(table) || live.has(table) || constraints.has(table)) return null;
    return allSeen ? false : null;
  };
  // Each `if`'s answer, given when the first statement of either branch runs; null when a test cannot be decided
  // (both branches then run, as an unread condition's do).
  const answers = new Map<ExistenceQuestion, boolean | null>();
  const answer = (q: ExistenceQuestion): boolean | null => {
    let a = answers.get(q);
    if (a === undefined) {
      const each = q.unknown ? [null] : q.tests.map(holds);
      a = each.includes(false) ? false : each.includes(null) ? null : true;
      answers.set(q, a);
    }
    return a;
  };
  const runs = (c: RunCondition): boolean => {
    if (c.parent !== null && !runs(c.parent)) return false;
    const a = answer(c.question);
    return a === null || a === c.when;
  };
  // Whether every answer on the way to the block is known (asked after `runs`, which answered them).
  const certain = (c: RunCondition | null): boolean => c === null || (answers.get(c.question) !== null && certain(c.parent));
  const mayHaveRun = (op: Operation): void => {
    const keys: string[] = [];
    switch (op.kind) {
      case "create":
        keys.push(identity(op.def.schema, op.def.name));
        break;
      case "drop":
      case "relation":
        for (const n of op.names) keys.push(identity(n.schema, n.name));
        // A primary key that may be gone leaves whether its table has one (get_pk_constraint) not known.
        if (op.kind === "drop")
          for (const n of op.names) {
            const c = constraints.get(nameKey(n.schema, n.name));
            if (c) keys.push(`indexes:${tableOf(c)}`);
          }
        break;
      case "create-table":
        keys.push(identity(op.schema, op.table));
        break;
      case "drop-primary-key": {
        const table = tableKey(op.schema, op.table);
        keys.push(`indexes:${table}`, ...primaryKeysOf(table));
        break;
      }
      case "drop-table":
        for (const t of op.tables) keys.push(identity(t.schema, t.name), `indexes:${identity(t.schema, t.name)}`);
        break;
      case "rename":
      case "rename-table":
        keys.push(identity(op.schema, op.from), identity(op.schema, op.to));
        if (op.kind === "rename-table") keys.push(`indexes:${identity(op.schema, op.from)}`, `indexes:${identity(op.schema, op.to)}`);
        break;
      case "set-schema":
        keys.push(identity(op.schema, op.table), identity(op.to, op.table));
        break;
      case "drop-column":
        keys.push(`indexes:${identity(op.schema, op.table)}`);
        break;
      case "constraint":
        keys.push(identity(op.constraint.schema, op.constraint.name), `indexes:${identity(op.constraint.schema, op.constraint.table)}`);
        break;
      case "drop-schema":
        for (const s of op.schemas) uncertainSchemas.add(s);
        break;
      case "create-schema":
        uncertainSchemas.add(op.schema);
        break;
      case "rename-schema":
        uncertainSchemas.add(op.from);
        uncertainSchemas.add(op.to);
        break;
      case "drop-dependents":
        for (const defs of live.values()) for (const d of defs) keys.push(identity(d.schema, d.name));
        break;
      case "rename-column":
      case "add-column":
      case "column-type":
      case "user-type":
      case "create-extension":
      case "detach-partition":
      case "constraint-name":
      case "search-path":
      case "copy-indexes":
      case "unread":
      case "unread-columns":
      case "unseen-columns":
      case "unseen-tables":
        break;
    }
    for (const k of keys) uncertain.add(k);
  };
  // Partitions. Tables holding copies of indexes replay does not list (LIKE, PARTITION OF, an ATTACH it could
  // not decide or that copies): what they have is not all known. ATTACH PARTITIONs of tables replay knows, by
  // parent; the findings of those that copy nothing (withdrawn unless an index later made on the parent has no
  // equivalent on the partition); and the parent index each partition's index was attached to (dropped with it).
  const unlisted = new Set<string>();
  let unread = false;
  // Whether something unread may have made, dropped or renamed a table: whether one is there is no longer known.
  let tablesUnread = false;
  const partitions = new Map<string, { child: string; attach: DynamicSql }[]>();
  const copiesNone = new Set<DynamicSql>();
  const attachedTo = new Map<CreatedIndex, CreatedIndex>();
  // The table and its partitions, theirs too: ALTER TABLE on a partitioned table reaches them (DROP TABLE, DROP COLUMN, RENAME COLUMN).
  const withPartitions = (table: string): Set<string> => {
    const out = new Set([table]);
    for (const t of out) for (const p of partitions.get(t) ?? []) out.add(p.child);
    return out;
  };
  // The partition's first unattached index equivalent to `parent` (CompareIndexInfo), attached to it; false when
  // it has none, or when a renamed column leaves the comparison of what is written unsure.
  const attachEquivalent = (parent: CreatedIndex, child: string): boolean => {
    if (columnsRenamed(parent)) return false;
    for (const defs of live.values())
      for (const d of defs)
        if (tableOf(d) === child && !attachedTo.has(d) && !columnsRenamed(d) && equivalentIndexes(d.shape, parent.shape)) {
          attachedTo.set(d, parent);
          return true;
        }
    return false;
  };
  // Whether `x` is attached to one of `defs`, or to an index attached to one.
  const attachedUnder = (x: CreatedIndex, defs: readonly CreatedIndex[]): boolean => {
    for (let p = attachedTo.get(x); p; p = attachedTo.get(p)) if (defs.includes(p)) return true;
    return false;
  };
  const columnsRenamed = (x: CreatedIndex): boolean => {
    const now = uses.get(x);
    return now !== undefined && now.join("\0") !== columnsUsed(x.shape).join("\0");
  };
  // PostgreSQL makes the partition a copy of `def` it is not listed with: the ATTACH's finding stands.
  const copied = (p: { child: string; attach: DynamicSql }): void => {
    copiesNone.delete(p.attach);
    unlisted.add(p.child);
  };
  // A renamed or moved table keeps what replay knows of its partitions.
  const moveTable = (from: string, to: string): void => {
    if (unlisted.delete(from)) unlisted.add(to);
    const own = partitions.get(from);
    if (own && partitions.delete(from)) partitions.set(to, own);
    for (const list of partitions.values()) for (const p of list) if (p.child === from) p.child = to;
  };
  const renamedTables = new Map<CreatedIndex | ConstraintDef, string>();
  // ALTER SCHEMA a RENAME TO b: every relation of `a` is in `b` now, under its name, with what is on it. A search_path
  // keeps the names it was given: one naming `a` finds nothing there any more. (pg_temp is no schema one renames.)
  const renameSchema = (from: string, to: string): void => {
    const rekey = inSchemaRenamed(from, to);
    for (const x of [...[...live.values()].flat(), ...constraints.values()]) {
      const now = rekey(tableOf(x));
      if (now === tableOf(x)) continue;
      tables.set(x, now);
      movedTo.set(x, to);
    }
    rekeyMap(live, rekey);
    rekeyMap(constraints, rekey);
    rekeyMap(known, rekey);
    rekeyMap(partitions, rekey);
    for (const m of [created, relations]) {
      rekeyMap(m, rekey);
      for (const [k, schema] of m) if (schema === from) m.set(k, to);
    }
    for (const [k, c] of [...constraintsNamed]) {
      constraintsNamed.delete(k);
      constraintsNamed.set(rekey(k), { ...c, table: rekey(c.table), schema: c.schema === from ? to : c.schema });
    }
    for (const list of partitions.values()) for (const p of list) p.child = rekey(p.child);
    for (const s of [views, unlisted]) rekeySet(s, rekey);
    rekeySet(uncertain, (k) => (k.startsWith("indexes:") ? `indexes:${rekey(k.slice(8))}` : rekey(k)));
    schemas.set(from, false);
    schemas.set(to, true);
    if (madeEmpty.delete(from)) madeEmpty.add(to);
    if (uncertainSchemas.has(from)) uncertainSchemas.add(to);
  };
  // The columns tables certainly have, and the ADD COLUMN just replayed, whose own constraints follow it:
  // not made when IF NOT EXISTS found the column there.
  const columns = new KnownColumns();
  let adding: { table: string; at: Location; skipped: boolean } | null = null;
  const addedWith = (ofColumnIfNotExists: true | undefined, table: string, at: Location): boolean =>
    ofColumnIfNotExists === true && adding !== null && adding.skipped && adding.table === table && sameLocation(at, adding.at);
  // Under a search_path, an unqualified name left so is one whose schema the path does not make certain (those it
  // does are qualified before this): it may be another schema's table, and every table of the name is forgotten.
  const columnTable = (schema: string | null, table: string): string | null => (schema === null && searchPath !== "initial" ? null : tableKey(schema, table));
  const forgetColumns = (schema: string | null, table: string): void => {
    const key = columnTable(schema, table);
    if (key !== null) columns.forget(key);
    else columns.forgetWhere((t) => t.endsWith(`.${table}`));
  };
  // What `op` does to the columns known; `doubtful`: it may not have run.
  const followColumns = (op: Operation, doubtful: boolean): void => {
    switch (op.kind) {
      case "create-table": {
        const temp = op.temporary || op.schema === TEMP;
        const key = identity(temp ? TEMP : op.schema, op.table);
        // IF NOT EXISTS that finds the table leaves it as it was; one that does not may have found one made elsewhere.
        if (op.ifNotExists && created.has(key)) break;
        if (temp || op.view === true || op.ifNotExists || doubtful || columnTable(op.schema, op.table) === null) forgetColumns(op.schema, op.table);
        else columns.made(key, op.columns ?? null, op.userTypes, op.typesUnknown !== true);
        break;
      }
      case "add-column": {
        const key = columnTable(op.schema, op.table);
        if (key === null || doubtful) {
          forgetColumns(op.schema, op.table);
          break;
        }
        adding = { table: key, at: op.at, skipped: op.skipIfThere && columns.has(key, op.column) };
        columns.added(key, op.column, op.typeUnknown ? UNKNOWN_TYPE : (op.userType ?? null));
        break;
      }
      case "column-type": {
        const key = columnTable(op.schema, op.table);
        if (key === null || doubtful) forgetColumns(op.schema, op.table);
        else for (const t of withPartitions(key)) columns.retyped(t, op.column, op.userType);
        break;
      }
      case "drop-column":
      case "rename-column": {
        const key = columnTable(op.schema, op.table);
        if (key === null || doubtful) {
          forgetColumns(op.schema, op.table);
          break;
        }
        for (const t of withPartitions(key)) {
          if (op.kind === "drop-column") columns.dropped(t, op.column);
          else columns.renamed(t, op.from, op.to);
        }
        break;
      }
      case "rename-table": {
        const from = columnTable(op.schema, op.from);
        if (from === null || doubtful) {
          forgetColumns(op.schema, op.from);
          forgetColumns(op.schema, op.to);
          break;
        }
        columns.moved(from, identity(from === identity(TEMP, op.from) ? TEMP : op.schema, op.to));
        break;
      }
      case "set-schema": {
        const from = columnTable(op.schema, op.table);
        if (from === null || doubtful) {
          forgetColumns(op.schema, op.table);
          columns.forget(identity(op.to, op.table));
          break;
        }
        columns.moved(from, identity(op.to, op.table));
        break;
      }
      case "drop-table":
        for (const t of op.tables) {
          forgetColumns(t.schema, t.name);
          for (const p of withPartitions(tableKey(t.schema, t.name))) columns.forget(p);
        }
        break;
      case "drop-schema":
        columns.forgetWhere((t) => op.schemas.some((s) => t.startsWith(`${s}.`)));
        break;
      case "rename-schema":
        if (doubtful) columns.forgetWhere((t) => inSchema(t, op.from) || inSchema(t, op.to));
        else columns.rekey(inSchemaRenamed(op.from, op.to));
        break;
      case "copy-indexes":
        // A partition's columns follow its parent's DROP and RENAME COLUMN; a LIKE copy's are not named.
        forgetColumns(op.schema, op.table);
        break;
      case "unread":
      case "unread-columns":
        columns.forgetAll();
        break;
      default:
        break;
    }
  };
  const catalog: PathCatalog = {
    schemaExists: (schema) => (uncertainSchemas.has(schema) ? null : (schemas.get(schema) ?? null)),
    holds: (schema, name) => {
      const key = identity(schema, name);
      if (uncertain.has(key)) return null;
      if (live.has(key) || constraints.has(key) || created.has(key) || relations.has(key) || known.get(key) === true) return true;
      // A schema replay made holds only what replayed statements made in it, unless SQL it cannot read ran.
      return known.get(key) === false || (madeEmpty.has(schema) && !unread && !unplaced) ? false : null;
    },
    temporary: (name) => temporary.has(name) || [live, constraints, relations].some((m) => m.has(identity(TEMP, name))),
  };
  const qualifier: Qualifier = {
    created: () => (searchPath === null || searchPath === "initial" ? null : creationSchema(searchPath, catalog)),
    // Under a path not known, a temporary table is still found first (unless the path names pg_temp later: not followed).
    found: (name) => (searchPath === "initial" ? null : searchPath === null ? (catalog.temporary(name) ? TEMP : null) : lookupSchema(searchPath, name, catalog)),
  };
  // Indexes and constraints as the search_path qualified them, mapped back to the ones read.
  const copies = new Map<CreatedIndex | ConstraintDef, CreatedIndex | ConstraintDef>();
  const schemaNotKnown = new Set<CreatedIndex | ConstraintDef>();
  const tableMayBeMissing = new Map<ConstraintDef, string>();
  const undecidedGuards = new Map<CreatedIndex | ConstraintDef, Guard[]>();
  const dropsNotRun = new Set<Operation>();
  const cascades = new Map<DynamicSql, string[]>();
  // The project's enums and domains, by name as written (a domain is over its base type).
  const userTypes = new Map<string, readonly string[]>();
  // The extensions made, with the schema that holds their objects.
  const extensionsIn = new Map<string, string>();
  // DROP … CASCADE: each live index and constraint that depends on what it drops goes; those replay cannot decide stay, named.
  const dropDependents = (op: CascadeDrop & { at: Location; finding: DynamicSql }): void => {
    const gone = new Set<CreatedIndex | ConstraintDef>();
    const undecided: string[] = [];
    const judge = (x: CreatedIndex | ConstraintDef, name: string): void => {
      const table = tableOf(x);
      const uses: Uses = { shape: "shape" in x ? x.shape : null, exclusion: !("shape" in x) && x.type === "exclude", columnTypes: usesOf(x).map((c) => columns.typeOf(table, c)) };
      const a = dependsOn(op, uses, userTypes);
      if (a === true) gone.add(x);
      else if (a === null) undecided.push(name);
    };
    for (const defs of live.values()) for (const d of defs) judge(d, fates.get(d)?.renamedTo ?? chosenNames.get(d) ?? d.name);
    for (const c of constraints.values()) if (c.usingIndex === null) judge(c, renamedConstraints.get(c) ?? chosenNames.get(c) ?? c.name);
    // A constraint built USING INDEX goes with its index.
    for (const c of constraints.values()) if (c.usingIndex !== null && [...live.values()].flat().some((d) => gone.has(d) && tableOf(d) === tableOf(c) && fates.get(d)?.backsConstraint === (renamedConstraints.get(c) ?? c.name))) gone.add(c);
    dropWhere((x) => gone.has(x), op.at);
    cascades.set(op.finding, [...new Set(undecided)]);
    // The columns of a type it drops go too (a function's dependents are left to the unread-columns that follows).
    if (op.what !== "function") columns.droppedWhereType((t) => columnGoes(op, t, userTypes));
    if (op.what === "type") for (const t of [...userTypes.keys()]) if (op.names.some((n) => isType(t, n))) userTypes.delete(t);
  };
  // The last CREATE TABLE replayed: its own constraints follow it, on the table it made.
  let madeTable: Extract<Operation, { kind: "create-table" }> | null = null;
  for (const read of operations) {
    const op: Operation = searchPath === "initial" ? read : qualifyOperation(read, qualifier, copies, schemaNotKnown, madeTable);
    if (op.kind === "create-table") madeTable = op;
    if (searchPath !== "initial" && ((op.kind === "create-table" && op.schema === null && !op.temporary) || (op.kind === "relation" && op.created && !op.temporary && op.names.some((n) => n.schema === null)))) unplaced = true;
    // SQL replay does not read (a DO block, a function's body) may make tables anywhere, a new schema's included.
    if (op.kind === "unread-columns") unplaced = true;
    let doubtful = false;
    if (op.when) {
      if (!runs(op.when)) {
        if (op.kind === "create") fates.set(op.def, { ...KEPT, effective: false, skipped: "condition" });
        else if (op.kind === "constraint") droppedConstraints.add(op.constraint);
        else if (op.kind === "drop") dropsNotRun.add(read);
        continue;
      }
      // Replayed as if it ran, but it may not have: what it touches is no longer known to a later test.
      doubtful = !certain(op.when);
      if (doubtful) mayHaveRun(op);
      if (doubtful && (op.kind === "create" || op.kind === "constraint")) {
        const shown = unanswered(op.when, answers);
        if (shown.length > 0) undecidedGuards.set(op.kind === "create" ? op.def : op.constraint, shown);
      }
      const table = read.kind === "constraint" ? ifExistsTable(op.when) : null;
      if (read.kind === "constraint" && table !== null && answers.get(op.when.question) === null) tableMayBeMissing.set(read.constraint, table);
    }
    if (op.kind !== "constraint" && op.kind !== "constraint-name") {
      creating = null;
      adding = null;
    }
    followColumns(op, doubtful);
    switch (op.kind) {
      case "create": {
        const temp = onTemporary(op.def);
        const key = choose(op.def, temp ? TEMP : op.def.schema, op.stem, false);
        // IF NOT EXISTS looks for any relation of the schema with the name (an index, a constraint's index, a
        // table, a sequence or view): found, the statement does nothing, and the index there stays as it was.
        if (op.def.ifNotExists && (live.has(key) || constraints.has(key) || created.has(key) || relations.has(key))) {
          fates.set(op.def, { ...KEPT, effective: false, skipped: "if-not-exists" });
          break;
        }
        fates.set(op.def, temp ? { ...KEPT, temporary: true } : KEPT);
        if (temp) tables.set(op.def, identity(TEMP, op.def.table));
        live.set(key, [...(live.get(key) ?? []), op.def]);
        // On a partitioned table (not ON ONLY), each partition gets its equivalent attached, or a copy.
        if (!op.def.only) for (const p of partitions.get(tableOf(op.def)) ?? []) if (!attachEquivalent(op.def, p.child)) copied(p);
        break;
      }
      case "create-table": {
        // IF NOT EXISTS looks where the table would be made: pg_temp for a temporary one, else its schema.
        const temp = op.temporary || op.schema === TEMP;
        const key = identity(temp ? TEMP : op.schema, op.table);
        creating = { schema: op.schema, table: op.table, at: op.at, temporary: temp, skipped: op.ifNotExists && created.has(key) };
        if (creating.skipped) break;
        created.set(key, temp ? TEMP : (op.schema ?? "public"));
        if (op.view) views.add(key);
        else if (!temp) setKnown(key, true);
        if (temp) temporary.add(op.table);
        break;
      }
      case "drop":
        for (const n of op.names) {
          const key = nameKey(n.schema, n.name);
          if (op.constraint && !constraints.has(key) && !constraintsNamed.has(key)) continue;
          dropNamed(key, op.at);
        }
        break;
      case "drop-primary-key": {
        // Whatever its name: a table has one primary key at most, so every one replay holds for it is that key.
        for (const key of primaryKeysOf(tableKey(op.schema, op.table))) dropNamed(key, op.at);
        break;
      }
      case "drop-table": {
        const tables = new Set(op.tables.flatMap((t) => [...withPartitions(tableKey(t.schema, t.name))]));
        dropWhere((x) => tables.has(tableOf(x)), op.at);
        for (const t of tables) {
          partitions.delete(t);
          unlisted.delete(t);
        }
        for (const [parent, list] of partitions) partitions.set(parent, list.filter((p) => !tables.has(p.child)));
        for (const t of op.tables) if (tables.has(identity(TEMP, t.name))) temporary.delete(t.name);
        for (const t of tables) {
          created.delete(t);
          if (!views.delete(t) && !t.startsWith(`${TEMP}.`)) setKnown(t, false);
        }
        for (const [k, c] of [...constraintsNamed]) if (tables.has(c.table)) constraintsNamed.delete(k);
        break;
      }
      case "drop-schema":
        for (const schema of op.schemas) {
          schemas.set(schema, false);
          madeEmpty.delete(schema);
        }
        // A rename keeps a table in its schema; the schema is compared whole (a quoted name may hold a dot).
        // What is on a temporary table is in pg_temp, whatever schema the index names.
        dropWhere((x) => !isTemporary(x) && op.schemas.includes(movedTo.get(x) ?? x.schema ?? "public"), op.at);
        for (const [t, schema] of [...created]) if (op.schemas.includes(schema)) created.delete(t);
        // Every table of the schema is gone, also one replay knew only from a rename or a move.
        for (const t of [...known.keys(), ...views]) {
          if (!op.schemas.some((s) => t.startsWith(`${s}.`))) continue;
          if (views.delete(t)) continue;
          setKnown(t, false);
        }
        for (const [k, c] of [...constraintsNamed]) if (op.schemas.includes(c.schema)) constraintsNamed.delete(k);
        break;
      case "rename-schema":
        renameSchema(op.from, op.to);
        break;
      case "user-type":
        userTypes.set(op.name, op.over);
        break;
      case "create-extension": {
        const schema = op.schema ?? (searchPath === "initial" ? "public" : qualifier.created());
        if (schema !== null) extensionsIn.set(op.name, schema);
        else extensionsIn.delete(op.name);
        break;
      }
      case "detach-partition": {
        // Its indexes attached to the parent's are its own again; PostgreSQL keeps them (and the copies it made).
        const parent = tableKey(op.schema, op.table);
        const child = tableKey(op.partition.schema, op.partition.name);
        const list = partitions.get(parent);
        if (list) partitions.set(parent, list.filter((p) => p.child !== child));
        for (const d of [...attachedTo.keys()]) if (tableOf(d) === child) attachedTo.delete(d);
        break;
      }
      case "drop-dependents":
        // A schema's CASCADE reaches the extensions replay knows it holds.
        dropDependents(op.what === "schema" ? { ...op, extensions: [...extensionsIn].filter(([, s]) => op.names.some((n) => n.name === s)).map(([e]) => e) } : op);
        if (op.what === "extension") for (const n of op.names) extensionsIn.delete(n.name);
        break;
      case "drop-column": {
        // PostgreSQL drops every index and constraint that uses the column (in a key, an expression, INCLUDE or WHERE).
        const tables = withPartitions(tableKey(op.schema, op.table));
        dropWhere((x) => tables.has(tableOf(x)) && usesOf(x).includes(op.column), op.at);
        break;
      }
      case "rename-column": {
        const tables = withPartitions(tableKey(op.schema, op.table));
        const rename = (x: CreatedIndex | ConstraintDef): void => {
          if (tables.has(tableOf(x))) uses.set(x, usesOf(x).map((c) => (c === op.from ? op.to : c)));
        };
        for (const defs of live.values()) defs.forEach(rename);
        for (const c of constraints.values()) rename(c);
        break;
      }
      case "rename-table": {
        const from = tableKey(op.schema, op.from);
        const temp = from === identity(TEMP, op.from);
        const to = identity(temp ? TEMP : op.schema, op.to);
        if (temp && temporary.delete(op.from)) temporary.add(op.to);
        moveTable(from, to);
        if (created.delete(from)) created.set(to, temp ? TEMP : (op.schema ?? "public"));
        if (views.delete(from)) views.add(to);
        else if (!temp) {
          setKnown(from, false);
          setKnown(to, true);
        }
        for (const defs of live.values())
          for (const d of defs)
            if (tableOf(d) === from) {
              tables.set(d, to);
              renamedTables.set(d, op.to);
            }
        for (const c of constraints.values())
          if (tableOf(c) === from) {
            tables.set(c, to);
            renamedTables.set(c, op.to);
          }
        for (const c of constraintsNamed.values()) if (c.table === from) c.table = to;
        break;
      }
      case "search-path":
        searchPath = op.path;
        break;
      case "create-schema":
        schemas.set(op.schema, true);
        if (op.empty && !doubtful) madeEmpty.add(op.schema);
        break;
      case "unread":
        unread = true;
        allSeen = false;
        if (op.tables) {
          tablesUnread = true;
          knownSince.clear();
        }
        break;
      case "unread-columns":
        allSeen = false;
        break;
      case "unseen-columns":
        columnsUnseen = true;
        break;
      case "unseen-tables":
        // Tables no statement read made may be there (the ORM's create_all): public may hold any name.
        allSeen = false;
        madeEmpty.delete("public");
        break;
      case "copy-indexes": {
        const child = tableKey(op.schema, op.table);
        const parent = tableKey(op.from.schema, op.from.name);
        // Decided only for tables replayed statements made, when nothing replay cannot read ran, the parent holds no
        // unlisted copies, and no constraint (whose partition's index must back a constraint too: not compared).
        const known = (t: string): boolean => created.has(t) && !views.has(t) && !uncertain.has(t) && !t.startsWith(`${TEMP}.`);
        const decided = op.attach !== null && !unread && known(parent) && known(child) && !unlisted.has(parent) && (!op.when || certain(op.when)) && ![...constraints.values()].some((c) => tableOf(c) === parent);
        if (!decided || !op.attach) {
          unlisted.add(child);
          break;
        }
        const attach = { child, attach: op.attach };
        partitions.set(parent, [...(partitions.get(parent) ?? []), attach]);
        const own = [...live.values()].flat().filter((d) => tableOf(d) === parent);
        // Every one is looked for (PostgreSQL attaches those it finds even when it copies others).
        if (own.map((d) => attachEquivalent(d, child)).every(Boolean)) copiesNone.add(op.attach);
        else copied(attach);
        break;
      }
      case "relation":
        for (const n of op.names) {
          const temp = op.temporary || n.schema === TEMP || (n.schema === null && !op.created && relations.has(identity(TEMP, n.name)));
          const key = identity(temp ? TEMP : n.schema, n.name);
          if (op.created) relations.set(key, temp ? TEMP : (n.schema ?? "public"));
          else relations.delete(key);
        }
        break;
      case "set-schema": {
        // The table and what is on it go to the other schema, under their names (a temporary table cannot move).
        const from = tableKey(op.schema, op.table);
        if (from === identity(TEMP, op.table)) break;
        const to = identity(op.to, op.table);
        moveTable(from, to);
        if (created.delete(from)) created.set(to, op.to);
        if (views.delete(from)) views.add(to);
        else {
          setKnown(from, false);
          setKnown(to, true);
        }
        for (const [key, defs] of [...live]) {
          const moving = defs.filter((d) => tableOf(d) === from);
          if (moving.length === 0) continue;
          const left = defs.filter((d) => !moving.includes(d));
          if (left.length > 0) live.set(key, left);
          else live.delete(key);
          for (const d of moving) {
            tables.set(d, to);
            movedTo.set(d, op.to);
            const name = fates.get(d)?.renamedTo ?? chosenNames.get(d) ?? d.name;
            const k = identity(op.to, name);
            live.set(k, [...(live.get(k) ?? []), d]);
          }
        }
        for (const [key, c] of [...constraints]) {
          if (tableOf(c) !== from) continue;
          constraints.delete(key);
          tables.set(c, to);
          movedTo.set(c, op.to);
          constraints.set(identity(op.to, renamedConstraints.get(c) ?? chosenNames.get(c) ?? c.name), c);
        }
        for (const [key, c] of [...constraintsNamed]) {
          if (c.table !== from) continue;
          constraintsNamed.delete(key);
          constraintsNamed.set(identity(op.to, c.name), { table: to, schema: op.to, name: c.name });
        }
        break;
      }
      case "rename": {
        // An index, or a constraint's: the constraint and its index share the name, and a rename of either renames both.
        const from = nameKey(op.schema, op.from);
        const schema = from === identity(TEMP, op.from) ? TEMP : op.schema;
        const defs = live.get(from);
        const first = defs?.[0];
        if (defs && first) {
          live.delete(from);
          settle(defs, { renamedTo: op.to });
          live.set(identity(schema ?? movedTo.get(first) ?? first.schema, op.to), defs);
        }
        const c = constraints.get(from);
        if (c) {
          constraints.delete(from);
          constraints.set(identity(schema ?? movedTo.get(c) ?? c.schema, op.to), c);
          renamedConstraints.set(c, op.to);
        }
        const named = constraintsNamed.get(from);
        if (named) {
          constraintsNamed.delete(from);
          constraintsNamed.set(identity(schema ?? named.schema, op.to), { ...named, name: op.to });
        }
        break;
      }
      case "constraint-name": {
        // As a constraint that builds an index: one of a CREATE TABLE stands where it does, and is on its table.
        const own = creating?.schema === op.schema && creating.table === op.table && sameLocation(op.at, creating.at) ? creating : null;
        if (own?.skipped || addedWith(op.ofColumnIfNotExists, tableKey(op.schema, op.table), op.at)) break;
        const schema = (own ? own.temporary : tableKey(op.schema, op.table) === identity(TEMP, op.table)) ? TEMP : op.schema;
        constraintsNamed.set(identity(schema, op.name), { table: tableKey(schema, op.table), schema: schema ?? "public", name: op.name });
        break;
      }
      case "constraint": {
        const c = op.constraint;
        // Its own constraints name its table and stand where it does (an ALTER TABLE after it may stand there too).
        const inCreate = creating?.schema === c.schema && creating.table === c.table && sameLocation(c.location, creating.at) ? creating : null;
        if (inCreate?.skipped || addedWith(op.ofColumnIfNotExists, tableKey(c.schema, c.table), c.location)) {
          droppedConstraints.add(c);
          break;
        }
        const temp = inCreate ? inCreate.temporary : onTemporary(c);
        // On a partitioned table, each partition gets a constraint of its own too (not compared: said).
        for (const p of partitions.get(tableOf(c)) ?? []) copied(p);
        const key = choose(c, temp ? TEMP : c.schema, op.stem, true);
        constraints.set(key, c);
        if (temp) {
          temporaryConstraints.add(c);
          tables.set(c, identity(TEMP, c.table));
        }
        if (!c.usingIndex) break;
        // ADD CONSTRAINT … USING INDEX idx renames idx to the constraint's name.
        const from = nameKey(c.schema, c.usingIndex);
        const defs = live.get(from);
        if (!defs) break;
        // Its columns are its index's (USING INDEX lists none): a DROP COLUMN that drops the index drops it too.
        uses.set(c, [...new Set(defs.flatMap(usesOf))]);
        live.delete(from);
        const name = chosenNames.get(c) ?? c.name;
        for (const def of defs) settle([def], name !== (chosenNames.get(def) ?? def.name) ? { backsConstraint: name, renamedTo: name } : { backsConstraint: name });
        live.set(key, defs);
        break;
      }
    }
  }
  // What is left on temporary tables goes when the session ends: not an index the database keeps.
  // (All of them: a constraint of a permanent table may have taken its name since.)
  for (const defs of live.values()) for (const d of defs) if (fates.get(d)?.temporary) settle([d], { effective: false });
  for (const c of temporaryConstraints) droppedConstraints.add(c);
  const renamedColumns = new Map<CreatedIndex | ConstraintDef, ColumnRename[]>();
  for (const [x, now] of uses) {
    // `uses` holds the names now in the order columnsUsed (or the constraint's columns) gave them as written;
    // a constraint built USING INDEX has its index's instead, and its index says what was renamed.
    if (!("shape" in x) && x.usingIndex !== null) continue;
    const written = "shape" in x ? columnsUsed(x.shape) : x.columns;
    const renames = written.flatMap((from, i) => (now[i] !== undefined && now[i] !== from ? [{ from, to: now[i] }] : []));
    if (renames.length > 0) renamedColumns.set(x, renames);
  }
  const replay = { fates, droppedConstraints, renamedConstraints, renamedTables, renamedColumns, chosenNames, movedTo, copiesNone, pathSchemas: new Map<CreatedIndex | ConstraintDef, string>(), schemaNotKnown, tableMayBeMissing, cascades, undecidedGuards, dropsNotRun };
  return copies.size === 0 ? replay : readBack(replay, copies);
}

/** The replay of copies the search_path qualified, told of the indexes and constraints read. */
function readBack(replay: Replay, copies: ReadonlyMap<CreatedIndex | ConstraintDef, CreatedIndex | ConstraintDef>): Replay {
  const back = <K extends CreatedIndex | ConstraintDef, V>(m: ReadonlyMap<K, V>): Map<K, V> => new Map([...m].map(([k, v]) => [(copies.get(k) as K | undefined) ?? k, v]));
  const pathSchemas = new Map<CreatedIndex | ConstraintDef, string>();
  for (const [copy, read] of copies) if (copy.schema !== null) pathSchemas.set(read, copy.schema);
  return {
    ...replay,
    fates: back(replay.fates),
    droppedConstraints: new Set([...replay.droppedConstraints].map((c) => (copies.get(c) as ConstraintDef | undefined) ?? c)),
    renamedConstraints: back(replay.renamedConstraints),
    renamedTables: back(replay.renamedTables),
    renamedColumns: back(replay.renamedColumns),
    chosenNames: back(replay.chosenNames),
    movedTo: back(replay.movedTo),
    undecidedGuards: back(replay.undecidedGuards),
    pathSchemas,
  };
}

/** The guards of the tests on the way to a block that replay did not answer, innermost first. */
function unanswered(c: RunCondition | null, answers: ReadonlyMap<ExistenceQuestion, boolean | null>): Guard[] {
  const out: Guard[] = [];
  for (let at = c; at !== null; at = at.parent) {
    const shown = at.question.shown;
    if (shown && answers.get(at.question) === null) out.push(at.when ? shown.whenTrue : shown.whenFalse);
  }
  return out;
}

/**
 * Whether PostgreSQL attaches a partition's index to its parent's instead of making a copy (CompareIndexInfo):
 * the same keys (opclasses, collations), INCLUDE, predicate, method and uniqueness; storage parameters do not
 * count. Sort orders count here, though PostgreSQL 15 does not compare them: a finding kept, never one lost.
 */
function equivalentIndexes(a: IndexShape, b: IndexShape): boolean {
  return a.unique === b.unique && a.method === b.method && a.nullsNotDistinct === b.nullsNotDistinct && JSON.stringify([a.keys, a.include, a.where]) === JSON.stringify([b.keys, b.include, b.where]);
}

/** The table an ALTER TABLE IF EXISTS asks for, as written, when `c` is its condition. */
function ifExistsTable(c: RunCondition): string | null {
  const t = c.question.tests.find((x) => x.asked === "if-exists" && x.present);
  return t ? (t.schema === null ? t.table : `${t.schema}.${t.table}`) : null;
}

/** Whether a key (`schema.name`) is of `schema`. */
function inSchema(key: string, schema: string): boolean {
  return key.startsWith(`${schema}.`);
}

/** A key as it reads once schema `from` is called `to`. */
function inSchemaRenamed(from: string, to: string): (key: string) => string {
  return (key) => (inSchema(key, from) ? `${to}.${key.slice(from.length + 1)}` : key);
}

function rekeyMap<V>(m: Map<string, V>, rekey: (key: string) => string): void {
  for (const [k, v] of [...m]) {
    const now = rekey(k);
    if (now === k) continue;
    m.delete(k);
    m.set(now, v);
  }
}

function rekeySet(s: Set<string>, rekey: (key: string) => string): void {
  for (const k of [...s]) {
    const now = rekey(k);
    if (now === k) continue;
    s.delete(k);
    s.add(now);
  }
}

function sameLocation(a: Location, b: Location): boolean {
  return a.file === b.file && a.line === b.line && a.column === b.column && a.endLine === b.endLine && a.endColumn === b.endColumn;
}

/** The columns an index uses, as PostgreSQL folded them: its plain keys, the columns its expressions and WHERE read, INCLUDE. */
function columnsUsed(shape: IndexShape): string[] {
  const out = new Set<string>();
  const visit = (n: unknown): void => {
    if (Array.isArray(n)) {
      for (const x of n) visit(x);
      return;
    }
    if (typeof n !== "object" || n === null) return;
    const o = n as Record<string, unknown>;
    const elem = o.IndexElem as IndexElem | undefined;
    if (elem?.name !== undefined) out.add(elem.name);
    const last = (o.ColumnRef as ColumnRef | undefined)?.fields?.at(-1);
    if (last && "String" in last && last.String.sval !== undefined) out.add(last.String.sval);
    for (const v of Object.values(o)) visit(v);
  };
  visit([shape.keys, shape.include, shape.where]);
  return [...out];
}

/**
 * The operation with each unqualified name written with the schema the
 * search_path gives it, where that is certain; a name that is not certain is
 * left unqualified (replay then reads it as it always has). A created index or
 * constraint is a copy (`copies` maps it back to the one read); `unknown`
 * collects the ones read whose schema the path leaves unknown.
 */
function qualifyOperation(op: Operation, q: Qualifier, copies: Map<CreatedIndex | ConstraintDef, CreatedIndex | ConstraintDef>, unknown: Set<CreatedIndex | ConstraintDef>, madeTable: Extract<Operation, { kind: "create-table" }> | null): Operation {
  const named = <T extends { schema: string | null; name: string }>(n: T): T => {
    const schema = n.schema === null ? q.found(n.name) : null;
    return schema === null || schema === TEMP ? n : { ...n, schema };
  };
  const onTable = <T extends { schema: string | null; table: string }>(x: T): T => {
    const schema = x.schema === null ? q.found(x.table) : null;
    return schema === null || schema === TEMP ? x : { ...x, schema };
  };
  // An index or constraint is made in its table's schema.
  const made = <T extends CreatedIndex | ConstraintDef>(x: T): T => {
    if (x.schema !== null) return x;
    const schema = q.found(x.table);
    if (schema === null) unknown.add(x);
    if (schema === null || schema === TEMP) return x;
    const copy = { ...x, schema };
    copies.set(copy, x);
    return copy;
  };
  switch (op.kind) {
    case "create":
      return { ...op, def: made(op.def) };
    case "constraint": {
      // A CREATE TABLE's own constraint is on the table it made, not on a temporary table of the name a lookup finds first.
      const c = op.constraint;
      const schema = madeTable?.schema;
      if (c.schema === null && madeTable && typeof schema === "string" && !madeTable.temporary && madeTable.table === c.table && sameLocation(madeTable.at, c.location)) {
        const copy = { ...c, schema };
        copies.set(copy, c);
        return { ...op, constraint: copy };
      }
      return { ...op, constraint: made(c) };
    }
    case "create-table": {
      if (op.schema !== null || op.temporary) return op;
      const schema = q.created();
      return schema === null ? op : { ...op, schema };
    }
    case "relation": {
      if (op.temporary) return op;
      const schema = op.created ? q.created() : null;
      return { ...op, names: op.names.map((n) => (n.schema !== null ? n : op.created ? (schema === null ? n : { ...n, schema }) : named(n))) };
    }
    case "drop":
      return { ...op, names: op.names.map(named) };
    case "drop-table":
      return { ...op, tables: op.tables.map(named) };
    case "rename":
    case "rename-table": {
      if (op.schema !== null) return op;
      const schema = q.found(op.from);
      return schema === null ? op : { ...op, schema };
    }
    case "set-schema":
    case "add-column":
    case "column-type":
    case "drop-column":
    case "drop-primary-key":
    case "rename-column":
    case "constraint-name":
      return onTable(op);
    case "copy-indexes":
      return { ...onTable(op), from: named(op.from) };
    case "detach-partition":
      return { ...onTable(op), partition: named(op.partition) };
    case "drop-schema":
    case "create-schema":
    case "rename-schema":
    case "user-type":
    case "create-extension":
    case "drop-dependents":
    case "search-path":
    case "unread":
    case "unread-columns":
    case "unseen-columns":
    case "unseen-tables":
      return op;
  }
}
