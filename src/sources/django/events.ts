import type { StrValue, TemplateValue } from "../../python/values.js";

/** Where an effect comes from: the operation call, or the field's or index's call inside it. */
export interface At {
  path: string;
  /** Source range (string indices into the file text). */
  start: number;
  end: number;
  /** `app.0002_name`. */
  migration: string;
  /** The operation's class (`AddIndex`, `CreateModel`, …). */
  operation: string;
  /** The migration runs in a transaction (no `atomic = False`). */
  atomic: boolean;
}

export interface DjangoIndexKey {
  /** Column, or the expression as written. */
  text: string;
  column: string | null;
  opclass: string | null;
  descending: boolean;
}

export interface DjangoIndex {
  name: string;
  /** Django (or PostgreSQL) chose the name; it is not written in the migration. */
  nameGenerated: boolean;
  table: string;
  unique: boolean;
  concurrently: boolean;
  method: string;
  keys: DjangoIndexKey[];
  include: string[];
  /** The condition as written (`Q(...)`). */
  where: string | null;
}

export interface DjangoConstraint {
  name: string;
  nameGenerated: boolean;
  type: "unique" | "primary key" | "exclude";
  table: string;
  columns: string[];
  /** An exclusion constraint's access method and the operator of each column. */
  exclusion?: { method: string; operators: string[] };
}

/**
 * What the migrations do to the database, in the order Django applies them.
 * `tableCreatedHere`: the table is created by the same migration (building an
 * index on it blocks nobody).
 */
export type DjangoEvent =
  | { kind: "create-index"; index: DjangoIndex; tableCreatedHere: boolean; at: At }
  | { kind: "constraint"; constraint: DjangoConstraint; at: At }
  /** `explicit`: a DROP statement Django issues (RemoveIndex, AlterField…); otherwise PostgreSQL drops it with its column or table. */
  | { kind: "drop"; name: string; table: string; what: "index" | "constraint"; concurrently: boolean; explicit: boolean; at: At }
  | { kind: "rename-index"; from: string; to: string; table: string; at: At }
  /** RenameModel, AlterModelTable (and the auto-created many-to-many tables with them): indexes go with the table. */
  | { kind: "rename-table"; from: string; to: string; at: At }
  /** RenameField (or a db_column change): the indexes that use the column keep using it under its new name. */
  | { kind: "rename-column"; table: string; from: string; to: string; at: At }
  | { kind: "create-table"; table: string; at: At }
  | { kind: "drop-table"; table: string; at: At }
  /** SQL of a RunSQL, to be read like any SQL string. */
  | { kind: "sql"; value: StrValue | TemplateValue; at: At };

/** Something the reader skipped or could not follow, shown in `list`. */
export interface DjangoNote {
  /** `graph`: the dependency graph (a cycle, a missing migration); `not-read`: skipped; `dynamic`: a name not known statically; `limit`: an evaluation budget ran out. */
  kind: "graph" | "not-read" | "dynamic" | "limit";
  path: string;
  index: number;
  message: string;
  /** Index DDL whose name or table is not known statically, as written (reported as dynamic index SQL). */
  template?: string;
}
