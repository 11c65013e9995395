import type { Node } from "@pgsql/types";
import type { NameStem } from "./names.js";

/**
 * The index-related statements of one SQL string, read from PostgreSQL's
 * parse tree. Every position is an index into the string given (not bytes).
 */
export type SqlStatement = (
  | CreateIndexStatement
  | DropIndexStatement
  | DropTableStatement
  | RenameIndexStatement
  | RenameTableStatement
  | DropSchemaStatement
  | DropColumnStatement
  | AddColumnStatement
  | RenameColumnStatement
  | RenameConstraintStatement
  | ConstraintStatement
  | NamedConstraintStatement
  | DropConstraintStatement
  | ProceduralStatement
  | RoleSchemaStatement
  | ProceduralColumnsStatement
  | CreateTableStatement
  | RelationStatement
  | SetSchemaStatement
  | RenameSchemaStatement
  | DropCascadeStatement
  | DetachPartitionStatement
  | CreateExtensionStatement
  | UserTypeStatement
  | ColumnTypeStatement
  | CopiedIndexesStatement
  | SearchPathStatement
  | TransactionEndStatement
  | CreateSchemaStatement
  | OtherStatement
) &
  OnlyIfTableExists;

/**
 * `ALTER TABLE IF EXISTS t …` (its RENAME and SET SCHEMA too): each statement it makes runs only when `t` is
 * there; otherwise PostgreSQL skips the whole statement with a NOTICE.
 */
export interface OnlyIfTableExists {
  ifTableExists?: QualifiedName;
}

export interface Span {
  /** Index of the statement's first keyword (the CREATE of a CREATE INDEX). */
  start: number;
  /** Index just past the statement's last token. */
  end: number;
}

export interface IndexKey {
  /** The key as written (`lower(email)`, `created_at DESC NULLS LAST`). */
  text: string;
  /** The column, when the key is a plain column. */
  column: string | null;
  opclass: string | null;
  collation: string | null;
  order: "asc" | "desc" | null;
  nulls: "first" | "last" | null;
}

export interface CreateIndexStatement extends Span {
  kind: "create-index";
  /** As PostgreSQL folds it; null when the statement names no index (PostgreSQL then picks one). */
  name: string | null;
  schema: string | null;
  table: string;
  unique: boolean;
  concurrently: boolean;
  ifNotExists: boolean;
  only: boolean;
  method: string;
  keys: IndexKey[];
  include: string[];
  where: string | null;
  nullsNotDistinct: boolean;
  tablespace: string | null;
  /** What the index covers, read from the parse tree without positions. */
  shape: IndexShape;
  /** `shape` as one string: equal for two indexes that cover the same thing however spelled. */
  definition: string;
  /**
   * Where `CONCURRENTLY ` goes (before the token after INDEX) and `IF NOT EXISTS `
   * (before the name), with the token found there; null when the tokens are unusual.
   */
  insertionPoints: { concurrently: InsertionPoint; ifNotExists: InsertionPoint | null } | null;
}

/**
 * What an index covers, from PostgreSQL's parse tree with every position
 * stripped and default sort orders written as defaults, so two spellings of one
 * index have equal shapes. The parse-tree parts keep their libpg-query types.
 */
export interface IndexShape {
  /** `schema.table`, `public` when unqualified. */
  table: string;
  unique: boolean;
  method: string;
  /** One `{ IndexElem }` per key. */
  keys: Node[];
  include: Node[];
  where: Node | null;
  nullsNotDistinct: boolean;
  /** Storage parameters (`WITH (fillfactor = 70)`). */
  with: Node[];
}

export interface InsertionPoint {
  /** Index into the statement's string. */
  index: number;
  /** The token that starts there, as written. */
  before: string;
}

export interface QualifiedName {
  schema: string | null;
  name: string;
}

export interface DropIndexStatement extends Span {
  kind: "drop-index";
  names: QualifiedName[];
  ifExists: boolean;
  concurrently: boolean;
}

/** `DROP TABLE` or `DROP MATERIALIZED VIEW`: the relations' indexes and constraints go with them. */
export interface DropTableStatement extends Span {
  kind: "drop-table";
  tables: QualifiedName[];
}

/** `DROP SCHEMA s [CASCADE]`: every table in it goes, with its indexes and constraints. */
export interface DropSchemaStatement extends Span {
  kind: "drop-schema";
  schemas: string[];
}

export interface RenameIndexStatement extends Span {
  kind: "rename-index";
  schema: string | null;
  from: string;
  to: string;
}

/** `ALTER TABLE a RENAME TO b` (or a materialized view's): the table's indexes keep their names and move with it. */
export interface RenameTableStatement extends Span {
  kind: "rename-table";
  schema: string | null;
  from: string;
  to: string;
}

/** `ALTER TABLE t DROP COLUMN c`: PostgreSQL drops every index and constraint that uses the column with it. */
export interface DropColumnStatement extends Span {
  kind: "drop-column";
  schema: string | null;
  table: string;
  column: string;
}

/**
 * `ALTER TABLE t ADD COLUMN c …`: the column is there afterwards. With IF NOT EXISTS, PostgreSQL skips the
 * subcommand when the column is there already, its constraints with it (theirs follow it, marked).
 */
export interface AddColumnStatement extends Span {
  kind: "add-column";
  schema: string | null;
  table: string;
  column: string;
  ifNotExists: boolean;
  /** Its type, when it is not one of PostgreSQL's own. */
  userType?: string;
}

/** `ALTER TABLE t RENAME [COLUMN] a TO b`: the indexes and constraints that used `a` use `b`. */
export interface RenameColumnStatement extends Span {
  kind: "rename-column";
  schema: string | null;
  table: string;
  from: string;
  to: string;
}

/** `ALTER TABLE t RENAME CONSTRAINT a TO b`: a UNIQUE / PRIMARY KEY / EXCLUDE constraint's index is renamed with it. */
export interface RenameConstraintStatement extends Span {
  kind: "rename-constraint";
  schema: string | null;
  table: string;
  from: string;
  to: string;
}

export interface ConstraintStatement extends Span {
  kind: "constraint";
  constraintType: "unique" | "primary key" | "exclude";
  /** The constraint's name, or the one PostgreSQL would give it. */
  name: string;
  nameGenerated: boolean;
  /** When PostgreSQL chooses the name: what it chooses it from (replay numbers it when it is taken). */
  stem: NameStem | null;
  schema: string | null;
  table: string;
  columns: string[];
  /** `USING INDEX idx`: the existing index that now backs the constraint (and takes its name). */
  usingIndex: string | null;
  /** A column's own, in ADD COLUMN IF NOT EXISTS: made only when the column is added. */
  ofColumnIfNotExists?: true;
  /** The name as written, when it is longer than the 63 bytes PostgreSQL keeps (`name` is what it keeps). */
  writtenName?: string;
}

/** A named CHECK or FOREIGN KEY constraint: it builds no index, but its name is one PostgreSQL will not give a constraint's index. */
export interface NamedConstraintStatement extends Span {
  kind: "named-constraint";
  schema: string | null;
  table: string;
  name: string;
  /** As a ConstraintStatement's. */
  ofColumnIfNotExists?: true;
}

export interface DropConstraintStatement extends Span {
  kind: "drop-constraint";
  schema: string | null;
  table: string;
  name: string;
}

/**
 * A `DO` block, or a `CREATE [OR REPLACE] FUNCTION | PROCEDURE`, whose body
 * creates or drops an index or adds a constraint: a DO block's runs there, a
 * function's when it is called. Neither is read.
 */
export interface ProceduralStatement extends Span {
  kind: "procedural";
  body: "do" | "function" | "procedure";
}

/**
 * `CREATE SCHEMA AUTHORIZATION CURRENT_USER CREATE TABLE …` (or SESSION_USER,
 * CURRENT_ROLE): the schema, and so every table and index its elements make,
 * is named after the role that runs it.
 */
export interface RoleSchemaStatement extends Span {
  kind: "role-schema";
  role: string;
}

/** A `DO` block that builds no index but may drop or rename columns or tables (or make one anew): which columns a table has after it is not known. */
export interface ProceduralColumnsStatement extends Span {
  kind: "procedural-columns";
}

/**
 * `CREATE TABLE` (its UNIQUE / PRIMARY KEY / EXCLUDE constraints follow it as
 * statements of their own), `CREATE TABLE … AS`, `SELECT … INTO` or
 * `CREATE MATERIALIZED VIEW`: a new relation that indexes can be built on.
 */
export interface CreateTableStatement extends Span {
  kind: "create-table";
  schema: string | null;
  table: string;
  /** TEMP or TEMPORARY: the table, and every index on it, is gone when the session ends. */
  temporary: boolean;
  /** IF NOT EXISTS: when the table exists, nothing is created, its constraints neither. */
  ifNotExists: boolean;
  /** A materialized view: indexes are built on it as on a table, but it is not a table (SQLAlchemy's inspector does not list it). */
  view?: boolean;
  /**
   * Its columns, when the statement names them all; null when some come from elsewhere (LIKE, INHERITS,
   * PARTITION OF, OF a type, AS SELECT) or it names none (`CREATE TABLE t ()`, as the framework readers write one).
   */
  columns: string[] | null;
  /** The types of its columns that are not PostgreSQL's own (`mood`, `app.mood`, `mood[]`), when it has any. */
  userTypes?: Record<string, string>;
}

/**
 * `CREATE SEQUENCE`, `CREATE VIEW`, `CREATE TYPE … AS (…)` (`created`), or their
 * DROP: relations no index is built on, whose names PostgreSQL will not choose
 * for an index.
 */
export interface RelationStatement extends Span {
  kind: "relation";
  created: boolean;
  names: QualifiedName[];
  temporary: boolean;
}

/** `ALTER TABLE t SET SCHEMA s` (or a materialized view's): its indexes and constraints move with it, under their names. */
export interface SetSchemaStatement extends Span {
  kind: "set-schema";
  schema: string | null;
  table: string;
  to: string;
}

/**
 * `DROP FUNCTION | TYPE | DOMAIN | EXTENSION … CASCADE`: every index and constraint that depends on what it drops
 * goes too (one that calls the function, uses a column of the type, or an operator class, access method, function
 * or type of the extension).
 */
export interface DropCascadeStatement extends Span {
  kind: "drop-cascade";
  /** `schema`: DROP SCHEMA … CASCADE, which drops the extensions, types and functions the schema holds with it. */
  what: "function" | "type" | "extension" | "schema";
  /** `args`: how many argument types the DROP FUNCTION lists (null: none, `DROP FUNCTION f`). */
  names: { schema: string | null; name: string; args: number | null }[];
}

/** `ALTER TABLE t DETACH PARTITION p`: `p` is a table of its own again, with its indexes (no longer dropped with `t`'s). */
export interface DetachPartitionStatement extends Span {
  kind: "detach-partition";
  schema: string | null;
  table: string;
  partition: QualifiedName;
}

/** `CREATE EXTENSION x [SCHEMA s]`: its objects are in `s` (null: the schema the search_path creates in). */
export interface CreateExtensionStatement extends Span {
  kind: "create-extension";
  name: string;
  schema: string | null;
}

/** `CREATE TYPE t AS ENUM` (`over` empty) or `CREATE DOMAIN t AS b` (`over`: b when it is not PostgreSQL's own, as column types are written). */
export interface UserTypeStatement extends Span {
  kind: "user-type";
  name: string;
  over: string[];
}

/** `ALTER TABLE t ALTER COLUMN c TYPE x`: `userType` as a column's (null: PostgreSQL's own). */
export interface ColumnTypeStatement extends Span {
  kind: "column-type";
  schema: string | null;
  table: string;
  column: string;
  userType: string | null;
}

/** `ALTER SCHEMA s RENAME TO t`: everything in `s` is in `t` now, under its name; a search_path that names `s` no longer finds it. */
export interface RenameSchemaStatement extends Span {
  kind: "rename-schema";
  from: string;
  to: string;
}

/**
 * `CREATE TABLE t (LIKE s INCLUDING INDEXES | ALL)`, `CREATE TABLE t PARTITION OF s`,
 * `ALTER TABLE s ATTACH PARTITION t`: `table` gets a copy of indexes of `from`,
 * under names PostgreSQL chooses then (on ATTACH, of those `table` has no equivalent of).
 */
export interface CopiedIndexesStatement extends Span {
  kind: "copied-indexes";
  how: "like" | "partition" | "attach";
  schema: string | null;
  table: string;
  from: QualifiedName;
}

/**
 * `SET [LOCAL] search_path …`, `RESET search_path`, `SET search_path TO DEFAULT`,
 * `RESET ALL`, `DISCARD ALL`, or `SELECT set_config('search_path', …, is_local)`:
 * where the statements after it look for unqualified names, and make them.
 */
export interface SearchPathStatement extends Span {
  kind: "search-path";
  /**
   * The schemas in order, as PostgreSQL stores their names (`$user` and
   * `pg_temp` as written); `default` for the session's own value (RESET);
   * null when the value is not a literal (a bind, `FROM CURRENT`) or not one
   * PostgreSQL accepts.
   */
  schemas: string[] | "default" | null;
  /** SET LOCAL, or set_config(…, true): to the end of the transaction only. */
  local: boolean;
}

/** COMMIT (or END), where a SET LOCAL ends; ROLLBACK (ABORT, ROLLBACK TO, PREPARE TRANSACTION), which also undoes the transaction's SETs. */
export interface TransactionEndStatement extends Span {
  kind: "transaction-end";
  commit: boolean;
}

/** `CREATE SCHEMA s`: a schema the search_path may name. `empty`: it is new and holds nothing yet (no IF NOT EXISTS, no schema elements). */
export interface CreateSchemaStatement extends Span {
  kind: "create-schema";
  schema: string;
  empty: boolean;
}

export interface OtherStatement extends Span {
  kind: "other";
  type: string;
}

export interface SqlProblem {
  message: string;
  /** Index into the SQL string. */
  index: number;
}

export interface ReadResult {
  statements: SqlStatement[];
  errors: SqlProblem[];
}
