/**
 * The columns replay knows a table has, by table key: only for permanent tables a replayed CREATE TABLE made
 * with every column named (not one that may have been there already), kept through the ADD, DROP and RENAME
 * COLUMNs replayed since. Anything that may change columns unseen makes a table, or every table, not known:
 * a column is said to be there only when it certainly is. Which columns are there may be known where their
 * types are not (an Alembic Column's SQLAlchemy type is not rendered): such a column's type is not known.
 */
export class KnownColumns {
  private readonly tables = new Map<string, Set<string>>();
  /** The columns of a known table whose type is not PostgreSQL's own, with that type (the others are built in); `UNKNOWN_TYPE`: not known. */
  private readonly types = new Map<string, Map<string, ColumnType>>();

  /**
   * `table` was made with exactly `columns` (`userTypes`: those not of PostgreSQL's types; `typesKnown` false: no
   * column's type is known); null: what it has is not known.
   */
  made(table: string, columns: readonly string[] | null, userTypes: Readonly<Record<string, string>> = {}, typesKnown = true): void {
    this.types.delete(table);
    if (columns === null) {
      this.tables.delete(table);
      return;
    }
    this.tables.set(table, new Set(columns));
    const own: [string, ColumnType][] = typesKnown ? Object.entries(userTypes) : columns.map((c) => [c, UNKNOWN_TYPE]);
    if (own.length > 0) this.types.set(table, new Map(own));
  }

  /** Whether replay knows every column `table` has. */
  knows(table: string): boolean {
    return this.tables.has(table);
  }

  forget(table: string): void {
    this.tables.delete(table);
    this.types.delete(table);
  }

  forgetWhere(gone: (table: string) => boolean): void {
    for (const t of [...this.tables.keys()]) if (gone(t)) this.forget(t);
  }

  forgetAll(): void {
    this.tables.clear();
    this.types.clear();
  }

  /** The type of a column replay knows: a project's or an extension's as written, null for PostgreSQL's own; undefined when not known. */
  typeOf(table: string, column: string): string | null | undefined {
    if (!this.has(table, column)) return undefined;
    const type = this.types.get(table)?.get(column) ?? null;
    return type === UNKNOWN_TYPE ? undefined : type;
  }

  /**
   * DROP TYPE | DOMAIN | EXTENSION … CASCADE: each column whose type `goes` says goes (true) is dropped; a table with a
   * column it cannot tell of (null) is not known any more.
   */
  droppedWhereType(goes: (userType: string) => boolean | null): void {
    for (const [table, own] of [...this.types]) {
      const answers = [...own].map(([column, type]) => [column, type === UNKNOWN_TYPE ? null : goes(type)] as const);
      if (answers.some(([, a]) => a === null)) this.forget(table);
      else for (const [column, a] of answers) if (a) this.dropped(table, column);
    }
  }

  /** ALTER COLUMN … TYPE. */
  retyped(table: string, column: string, userType: string | null): void {
    if (!this.has(table, column)) return;
    this.setType(table, column, userType);
  }

  private setType(table: string, column: string, userType: ColumnType | null): void {
    let own = this.types.get(table);
    if (userType === null) {
      own?.delete(column);
      return;
    }
    if (!own) {
      own = new Map();
      this.types.set(table, own);
    }
    own.set(column, userType);
  }

  /** A rename or a move to another schema: the columns go with the table. */
  moved(from: string, to: string): void {
    const columns = this.tables.get(from);
    const types = this.types.get(from);
    this.forget(to);
    if (!columns) return;
    this.forget(from);
    this.tables.set(to, columns);
    if (types) this.types.set(to, types);
  }

  /** Every table whose key `rekey` changes (its schema renamed) is known under the new key. */
  rekey(rekey: (table: string) => string): void {
    for (const [t, columns] of [...this.tables]) {
      const now = rekey(t);
      if (now === t) continue;
      const types = this.types.get(t);
      this.forget(t);
      this.tables.set(now, columns);
      if (types) this.types.set(now, types);
    }
  }

  /** ADD COLUMN; `userType` UNKNOWN_TYPE: its type is not known. */
  added(table: string, column: string, userType: ColumnType | null = null): void {
    const columns = this.tables.get(table);
    if (!columns) return;
    // ADD COLUMN IF NOT EXISTS of a column that is there keeps the one there.
    if (columns.has(column)) return;
    columns.add(column);
    this.setType(table, column, userType);
  }

  dropped(table: string, column: string): void {
    this.tables.get(table)?.delete(column);
    this.types.get(table)?.delete(column);
  }

  renamed(table: string, from: string, to: string): void {
    const columns = this.tables.get(table);
    if (!columns) return;
    const type = this.types.get(table)?.get(from) ?? null;
    columns.delete(from);
    this.types.get(table)?.delete(from);
    columns.add(to);
    this.setType(table, to, type);
  }

  has(table: string, column: string): boolean {
    return this.tables.get(table)?.has(column) === true;
  }
}

/** The type of a column whose name replay knows but not its type. */
export const UNKNOWN_TYPE: unique symbol = Symbol("unknown type");

/** A column's type as kept: a project's or an extension's type as written, or not known. */
export type ColumnType = string | typeof UNKNOWN_TYPE;
