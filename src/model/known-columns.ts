/**
 * The columns replay knows a table has, by table key: only for permanent tables a replayed CREATE TABLE made
 * with every column named (not one that may have been there already), kept through the ADD, DROP and RENAME
 * COLUMNs replayed since. Anything that may change columns unseen makes a table, or every table, not known:
 * a column is said to be there only when it certainly is.
 */
export class KnownColumns {
  private readonly tables = new Map<string, Set<string>>();

  /** `table` was made with exactly `columns`; null: what it has is not known. */
  made(table: string, columns: readonly string[] | null): void {
    if (columns === null) this.tables.delete(table);
    else this.tables.set(table, new Set(columns));
  }

  forget(table: string): void {
    this.tables.delete(table);
  }

  forgetWhere(gone: (table: string) => boolean): void {
    for (const t of [...this.tables.keys()]) if (gone(t)) this.tables.delete(t);
  }

  forgetAll(): void {
    this.tables.clear();
  }

  /** A rename or a move to another schema: the columns go with the table. */
  moved(from: string, to: string): void {
    const columns = this.tables.get(from);
    this.tables.delete(to);
    if (!columns) return;
    this.tables.delete(from);
    this.tables.set(to, columns);
  }

  /** Every table whose key `rekey` changes (its schema renamed) is known under the new key. */
  rekey(rekey: (table: string) => string): void {
    for (const [t, columns] of [...this.tables]) {
      const now = rekey(t);
      if (now === t) continue;
      this.tables.delete(t);
      this.tables.set(now, columns);
    }
  }

  added(table: string, column: string): void {
    this.tables.get(table)?.add(column);
  }

  dropped(table: string, column: string): void {
    this.tables.get(table)?.delete(column);
  }

  renamed(table: string, from: string, to: string): void {
    const columns = this.tables.get(table);
    if (!columns) return;
    columns.delete(from);
    columns.add(to);
  }

  has(table: string, column: string): boolean {
    return this.tables.get(table)?.has(column) === true;
  }
}
