import type { ColumnRename } from "../sql/rename-columns.js";
import type { CreateIndexStatement } from "../sql/types.js";
import type { Guard } from "../python/guards.js";
import type { Suppression } from "../python/suppressions.js";

export type Origin = "migration" | "registry";
export type Classification = "functional" | "performance";

/**
 * Why an index got its class: the criterion that decided (`by`), with what it
 * names. Kept as data; formatters and the report render the words.
 */
export type ClassificationReason =
  /** `# index-audit: functional|performance [note]` on `line`. */
  | { kind: Classification; by: "pragma"; line: number; note: string | null }
  /** Listed under `functional` / `performance` in the configuration, with the note given there. */
  | { kind: Classification; by: "config"; note: string | null }
  /** A constraint took the index over (ADD CONSTRAINT … USING INDEX). */
  | { kind: "functional"; by: "constraint"; constraint: string }
  | { kind: "functional"; by: "unique" }
  /** Not UNIQUE and backs no constraint. */
  | { kind: "performance"; by: "default" };

export interface Location {
  file: string;
  /** 1-based line and column (in characters) of the statement's first keyword. */
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

export interface IndexContext {
  /** Enclosing function (`Class.method` inside a class), or null at module level. */
  function: string | null;
  /** Condition of the nearest `if` around the statement, as written (for display). */
  guard: string | null;
  /** Every condition that decides whether the statement runs, innermost first (structured). */
  guards: Guard[];
  /** The comment just above the statement (SQL `--` lines first, then Python `#` lines). */
  comment: string | null;
  /** The call the SQL is passed to (`conn.execute`, `exec_index`), null when none was seen. */
  executor: string | null;
}

export interface RegistryFields {
  /** The list the entry sits in (`INDEX_DEFS_LEADS_CRM`). */
  list: string;
  name: string | null;
  table: string | null;
  critical: boolean | null;
  description: string | null;
  /** Keys the entry has, in source order. */
  keys: string[];
  /** How many statements the entry's SQL holds. */
  statements: number;
}

/** Offsets (UTF-16, BOM excluded) of a statement in its Python file, for edits. */
export interface IndexSpan {
  /** The CREATE keyword to the end of the statement's last token. */
  start: number;
  end: number;
  /** That text appears in the Python source exactly as PostgreSQL reads it (no escapes, no pieces joined). */
  literal: boolean;
  /** Literal, and inside the call or entry it comes from (not in a constant other code may share). */
  verbatim: boolean;
  /** The executor call, string or registry entry the statement comes from. */
  rangeStart: number;
  rangeEnd: number;
  /** The SQL string holds this one statement and nothing else. */
  alone: boolean;
  /** Where `CONCURRENTLY ` / `IF NOT EXISTS ` can be inserted in place; null when not safely. */
  concurrentlyAt: number | null;
  ifNotExistsAt: number | null;
}

/**
 * Why a CREATE INDEX made nothing: `if-not-exists` found the name taken; a `condition` of its revision (an inspector
 * test) was false; `rolled-back`: a ROLLBACK (or ROLLBACK TO SAVEPOINT) later in its file undid it.
 */
export type Skipped = "if-not-exists" | "condition" | "rolled-back";

/** What an index keeps as its CREATE INDEX statement reads it (same types, same meaning). */
type StatementFields = "schema" | "table" | "unique" | "concurrently" | "ifNotExists" | "only" | "method" | "keys" | "include" | "where" | "nullsNotDistinct" | "tablespace" | "shape" | "definition";

export interface IndexDef extends Pick<CreateIndexStatement, StatementFields> {
  /** As PostgreSQL folds it; for an unnamed index, the name PostgreSQL would choose. */
  name: string;
  nameGenerated: boolean;
  /** Key columns and expressions as written. */
  columns: string[];
  /** The statement's SQL text. */
  sql: string;
  origin: Origin;
  location: Location;
  /** Line of the call, list element or dict the statement sits in; suppressions above it apply. */
  anchorLine: number;
  span: IndexSpan;
  context: IndexContext;
  registry: RegistryFields | null;
  /**
   * Migrations: false when a later statement drops it. Registry: false when its
   * list never reaches the registry variable (the deploy step never builds it).
   */
  effective: boolean;
  /** Set when a later ALTER INDEX … RENAME (or ADD CONSTRAINT … USING INDEX) renames it. */
  renamedTo: string | null;
  /** Set when a later ALTER TABLE … RENAME TO (`op.rename_table`, `RenameModel`) renames its table: the table's last name. */
  tableRenamedTo: string | null;
  /** The columns it uses that a later RENAME COLUMN (`alter_column(new_column_name=)`, `RenameField`) renamed: as written, and now. */
  columnsRenamed: ColumnRename[];
  /** Where it is dropped, when it is. */
  droppedAt: Location | null;
  /** Set when a constraint takes this index over (USING INDEX). */
  backsConstraint: string | null;
  /** On a temporary table (`CREATE TEMP TABLE`): not effective, since it goes when the session ends. */
  temporary: boolean;
  /**
   * Not effective, since it made nothing: `if-not-exists` found its name taken
   * (an index, constraint, table, sequence or view of the schema); a `condition`
   * of its revision (`if not inspector.has_table(...)`) was false when it ran.
   */
  skipped: Skipped | null;
  classification: Classification;
  reason: ClassificationReason;
  /** Unqualified, and made under a search_path that leaves its schema unknown (absent when it is known: `schema`, or the default schema when null). */
  schemaNotKnown?: true;
}

export interface ConstraintDef {
  name: string;
  nameGenerated: boolean;
  type: "unique" | "primary key" | "exclude";
  schema: string | null;
  table: string;
  columns: string[];
  usingIndex: string | null;
  /** The name a later ALTER INDEX … RENAME TO or ALTER TABLE … RENAME CONSTRAINT gave it (and its index). */
  renamedTo: string | null;
  /** Set when a later ALTER TABLE … RENAME TO (`op.rename_table`, `RenameModel`) renames its table: the table's last name. */
  tableRenamedTo: string | null;
  /** Its key columns that a later RENAME COLUMN renamed: as written, and now. */
  columnsRenamed: ColumnRename[];
  origin: Origin;
  location: Location;
  effective: boolean;
  /** The name as written, when PostgreSQL cut it to 63 bytes (`name` is what it keeps). */
  writtenName?: string;
  /** The innermost condition it is made under (an undecided one: it may not be made), as index rows have it. */
  guard: Guard | null;
}

export interface DynamicSql {
  origin: Origin;
  file: string;
  line: number;
  column: number;
  /** The SQL with its unresolved parts shown as `{expression}`. */
  template: string;
  reason: string;
  executor: string | null;
  function: string | null;
}

export interface DropDef {
  names: { schema: string | null; name: string }[];
  ifExists: boolean;
  location: Location;
}

export type ProblemKind = "python-syntax" | "invalid-sql" | "registry" | "limit" | "encoding" | "revision-graph" | "not-read" | "refused";

export interface Problem {
  kind: ProblemKind;
  file: string;
  line: number;
  column: number;
  message: string;
}

/** One registry entry as written, whatever its SQL holds (for checks of the entry's shape). */
export interface RegistryEntryInfo {
  list: string;
  /** False when the entry's list never reaches the registry variable. */
  reachable: boolean;
  location: Location;
  keys: string[];
  name: string | null;
  table: string | null;
  /** False when the `sql` value could not be read statically. */
  sqlReadable: boolean;
  /** The statements its SQL holds, in order (`create-index`, `drop-index`, `other`, …). */
  statements: { kind: string; name: string | null; schema: string | null; table: string | null }[];
  /** PostgreSQL's parse errors in the SQL. */
  sqlErrors: number;
}

/** Suppression comments are read in the Python layer; the model keeps them per file. */
export type { Suppression } from "../python/suppressions.js";

export interface SourceFile {
  path: string;
  origin: Origin;
  syntaxErrors: number;
  lines: number;
  suppressions: Suppression[];
}

/**
 * A CREATE or DROP INDEX of a framework source (Alembic, `.sql` files), with
 * how it runs: what the policy rules for projects without a registry judge.
 */
export interface MigrationStep {
  kind: "create-index" | "drop-index";
  /** The index created (null for a drop). */
  index: IndexDef | null;
  /** The index dropped, as written (null for a create). */
  name: string;
  table: string | null;
  concurrently: boolean;
  /** Runs inside a transaction. */
  transaction: boolean;
  /** The table was created by the same migration (building on it blocks nobody). */
  tableIsNew: boolean;
  /** The migration it belongs to (revision id, file path). */
  migration: string;
  location: Location;
  anchorLine: number;
}

export interface Inventory {
  indexes: IndexDef[];
  constraints: ConstraintDef[];
  drops: DropDef[];
  dynamic: DynamicSql[];
  errors: Problem[];
  files: SourceFile[];
  registryEntries: RegistryEntryInfo[];
  /** Index operations of framework sources, in apply order (absent when there are none). */
  steps?: MigrationStep[];
}
