import type { SyntaxNode } from "tree-sitter";
import { chooseIndexName } from "../../sql/names.js";
import type { At, DjangoEvent, DjangoIndexKey, DjangoNote } from "./events.js";
import type { ExprReader } from "./expr.js";
import { conditionSql, expressionSql } from "./expressions.js";
import { columnOf, type FieldSpec } from "./fields.js";
import type { MigrationDecl, MigrationReadOptions } from "./migration.js";
import { createIndexName, indexNameWithModel, INDEX_CLASS_SUFFIX } from "./names.js";
import type { ConstraintSpec, IndexSpec } from "./specs.js";
import { q } from "./sql.js";
import { columnFor, columnType, throughTable, type Catalog, type CatalogEntry, type DbState, type ModelState } from "./state.js";

/** Everything one migration's operations need while they are replayed. */
export interface Run {
  decl: MigrationDecl;
  reader: ExprReader;
  options: MigrationReadOptions;
  events: DjangoEvent[];
  notes: DjangoNote[];
  /** Tables this migration created. */
  created: Set<string>;
}

/** Where the database's effects go: events, or nowhere (state-only operations). */
export interface Target {
  state: DbState;
  database: boolean;
}

/**
 * What Django's PostgreSQL schema editor does to the database for one
 * operation, as far as indexes and constraints go: the catalog of what exists
 * changes, and each CREATE, DROP or RENAME becomes an event.
 */
export class Effects {
  constructor(
    private readonly run: Run,
    private readonly target: Target,
    private readonly at: At,
  ) {}

  private get catalog(): Catalog {
    return this.target.state.catalog;
  }

  /** The call an effect is reported at: a field's or an index's own call, else the operation's. */
  private where(node: SyntaxNode | null): At {
    return node ? { ...this.at, start: node.startIndex, end: node.endIndex } : this.at;
  }

  unreadable(node: SyntaxNode, what: string): void {
    this.run.notes.push({ path: this.run.decl.path, index: node.startIndex, message: `${this.at.operation}: the ${what} cannot be read statically; the operation is left out` });
  }

  /** Every entry on `table` with exactly these columns that `accept` takes. */
  find(table: string, columns: readonly string[], accept: (c: CatalogEntry) => boolean): CatalogEntry[] {
    return this.catalog.onTable(table).filter((c) => c.columns.length === columns.length && c.columns.every((x, i) => x === columns[i]) && accept(c));
  }

  indexName(model: ModelState, index: IndexSpec): string {
    return index.name ?? indexNameWithModel(model.table, index.fields.map((f) => ({ column: columnFor(model, f.field), descending: f.descending })), INDEX_CLASS_SUFFIX[index.cls] ?? "idx");
  }

  createIndex(table: string, name: string, generated: boolean, keys: DjangoIndexKey[], opts: { unique?: boolean; concurrently?: boolean; method?: string; include?: string[]; where?: string | null }, at: At): void {
    const unique = opts.unique ?? false;
    const method = opts.method ?? "btree";
    if (!this.target.database) return;
    this.catalog.set({ name, table, columns: keys.map((k) => k.column ?? k.text), kind: unique ? "unique-index" : "index", method });
    this.run.events.push({
      kind: "create-index",
      index: { name, nameGenerated: generated, table, unique, concurrently: opts.concurrently ?? false, method, keys, include: opts.include ?? [], where: opts.where ?? null },
      tableCreatedHere: this.run.created.has(table),
      at,
    });
  }

  constraint(table: string, name: string, generated: boolean, type: "unique" | "primary key" | "exclude", columns: string[], at: At): void {
    if (!this.target.database) return;
    this.catalog.set({ name, table, columns, kind: type === "unique" ? "unique" : type === "primary key" ? "pk" : "exclude", method: type === "exclude" ? "gist" : "btree" });
    this.run.events.push({ kind: "constraint", constraint: { name, nameGenerated: generated, type, table, columns }, at });
  }

  drop(name: string, table: string, concurrently: boolean, explicit: boolean, what?: "index" | "constraint"): void {
    if (!this.target.database) return;
    const kind = this.catalog.get(name)?.kind ?? "index";
    this.catalog.delete(name);
    const isIndex = what ? what === "index" : kind === "index" || kind === "unique-index";
    this.run.events.push({ kind: "drop", name, table, concurrently, explicit, what: isIndex ? "index" : "constraint", at: this.at });
  }

  rename(from: string, to: string, table: string): void {
    if (!this.target.database) return;
    const entry = this.catalog.get(from);
    if (entry) {
      this.catalog.delete(from);
      this.catalog.set({ ...entry, name: to });
    }
    this.run.events.push({ kind: "rename-index", from, to, table, at: this.at });
  }

  private dropTable(table: string): void {
    if (!this.target.database) return;
    for (const c of this.catalog.onTable(table)) this.drop(c.name, table, false, false);
    this.run.events.push({ kind: "drop-table", table, at: this.at });
  }

  /** An expression key as SQL; one Django would compile beyond what is read here keeps its Python text, quoted. */
  private expressionKey(model: ModelState, node: SyntaxNode): DjangoIndexKey {
    const sql = expressionSql(node, this.run.reader, (f) => columnFor(model, f));
    return { text: sql ?? q(node.text.replace(/\s+/g, " ")), column: null, opclass: null, descending: false };
  }

  private condition(model: ModelState, node: SyntaxNode | null): string | null {
    if (!node) return null;
    return conditionSql(node, this.run.reader, (f) => columnFor(model, f)) ?? q(node.text.replace(/\s+/g, " "));
  }

  private keyOf(column: string, opclass: string | null = null, descending = false): DjangoIndexKey {
    return { text: column, column, opclass, descending };
  }

  /** CREATE TABLE with its inline constraints, then what Django defers: together sets, field indexes, Meta.indexes. */
  createModel(model: ModelState, opt: Map<string, SyntaxNode>): void {
    if (model.unmanaged || !this.target.database) return;
    this.run.created.add(model.table);
    this.run.events.push({ kind: "create-table", table: model.table, at: this.at });
    for (const f of model.fields) this.inlineConstraints(model, f, f.node);
    for (const c of model.constraints) this.addConstraint(model, c, this.where(c.node));
    const utNode = opt.get("unique_together") ?? null;
    for (const set of model.uniqueTogether) this.uniqueTogether(model, set, utNode);
    for (const f of model.fields) this.fieldIndexes(model, f, f.node);
    const itNode = opt.get("index_together") ?? null;
    for (const set of model.indexTogether) this.indexTogether(model, set, itNode);
    for (const i of model.indexes) this.addIndex(model, i, false, this.where(i.node));
    for (const f of model.fields) this.createThrough(model, f, f.node);
  }

  private inlineConstraints(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    if (field.type === "none") return;
    const column = columnOf(field);
    // Inline PRIMARY KEY and UNIQUE: PostgreSQL names them.
    if (field.primaryKey) this.constraint(model.table, chooseIndexName(model.table, [column], "pkey"), true, "primary key", [column], this.where(node));
    else if (field.unique) this.constraint(model.table, chooseIndexName(model.table, [column], "key"), true, "unique", [column], this.where(node));
  }

  /** `db_index` (unless unique) and, for varchar and text columns that are indexed or unique, the `_like` index. */
  private fieldIndexes(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    if (field.type === "none") return;
    const column = columnOf(field);
    if (field.dbIndex && !field.unique) this.createIndex(model.table, createIndexName(model.table, [column]), true, [this.keyOf(column)], {}, this.where(node));
    this.likeIndex(model, field, node);
  }

  private likeIndex(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    if (!(field.dbIndex || field.unique)) return;
    const type = columnType(field, model, this.target.state);
    if (type !== "varchar" && type !== "text") return;
    const column = columnOf(field);
    const opclass = type === "varchar" ? "varchar_pattern_ops" : "text_pattern_ops";
    this.createIndex(model.table, createIndexName(model.table, [column], "_like"), true, [this.keyOf(column, opclass)], {}, this.where(node));
  }

  private uniqueTogether(model: ModelState, set: string[], node: SyntaxNode | null): void {
    const columns = set.map((f) => columnFor(model, f));
    this.constraint(model.table, createIndexName(model.table, columns, "_uniq"), true, "unique", columns, this.where(node));
  }

  private indexTogether(model: ModelState, set: string[], node: SyntaxNode | null): void {
    const columns = set.map((f) => columnFor(model, f));
    this.createIndex(model.table, createIndexName(model.table, columns, "_idx"), true, columns.map((c) => this.keyOf(c)), {}, this.where(node));
  }

  /** The auto-created table of a many-to-many field: its key, its unique pair, an index per foreign key. */
  private createThrough(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    const t = throughTable(model, field, this.target.state);
    if (!t) return;
    this.run.created.add(t.table);
    this.run.events.push({ kind: "create-table", table: t.table, at: node ? this.where(node) : this.at });
    this.constraint(t.table, chooseIndexName(t.table, ["id"], "pkey"), true, "primary key", ["id"], this.where(node));
    this.constraint(t.table, createIndexName(t.table, [t.from, t.to], "_uniq"), true, "unique", [t.from, t.to], this.where(node));
    for (const c of [t.from, t.to]) this.createIndex(t.table, createIndexName(t.table, [c]), true, [this.keyOf(c)], {}, this.where(node));
  }

  /** An index or constraint whose name is held in something not read statically: reported, never guessed. */
  private dynamicName(node: SyntaxNode, what: string, at: At): void {
    if (!this.target.database) return;
    this.run.notes.push({ path: this.run.decl.path, index: at.start, message: `${this.at.operation}: the ${what} name is not known statically`, template: node.text.replace(/\s+/g, " ") });
  }

  addIndex(model: ModelState, index: IndexSpec, concurrently: boolean, at: At): void {
    if (model.unmanaged) return;
    if (index.unreadableName) return this.dynamicName(index.node, "index", at);
    const name = this.indexName(model, index);
    const keys: DjangoIndexKey[] = index.fields.length
      ? index.fields.map((f, i) => this.keyOf(columnFor(model, f.field), index.opclasses[i] ?? null, f.descending))
      : index.expressions.map((x) => this.expressionKey(model, x));
    this.createIndex(model.table, name, index.name === null, keys, { concurrently, method: index.method, include: index.include.map((f) => columnFor(model, f)), where: this.condition(model, index.condition) }, at);
  }

  addConstraint(model: ModelState, c: ConstraintSpec, at: At): void {
    if (model.unmanaged) return;
    if (c.name === null) {
      if (c.cls === "UniqueConstraint" || c.cls === "ExclusionConstraint") this.dynamicName(c.node, "constraint", at);
      return;
    }
    const columns = c.fields.map((f) => columnFor(model, f));
    if (c.cls === "UniqueConstraint") {
      // Conditional, covering, opclass and expression unique constraints are unique indexes.
      if (c.condition !== null || c.include.length > 0 || c.opclasses.length > 0 || c.expressions.length > 0) {
        const keys = columns.length ? columns.map((col, i) => this.keyOf(col, c.opclasses[i] ?? null)) : c.expressions.map((x) => this.expressionKey(model, x));
        this.createIndex(model.table, c.name, false, keys, { unique: true, include: c.include.map((f) => columnFor(model, f)), where: this.condition(model, c.condition) }, at);
      } else this.constraint(model.table, c.name, false, "unique", columns, at);
    } else if (c.cls === "ExclusionConstraint" && c.exclusion) {
      this.constraint(model.table, c.name, false, "exclude", c.exclusion.expressions.map((x) => columnFor(model, x)), at);
    }
  }

  addField(model: ModelState, field: FieldSpec): void {
    if (model.unmanaged) return;
    const t = throughTable(model, field, this.target.state);
    if (t) return this.createThrough(model, field, null);
    this.inlineConstraints(model, field, null);
    this.fieldIndexes(model, field, null);
  }

  removeField(model: ModelState, field: FieldSpec): void {
    if (model.unmanaged) return;
    const t = throughTable(model, field, this.target.state);
    if (t) return this.dropTable(t.table);
    const column = columnOf(field);
    // PostgreSQL drops every index and constraint that uses the column.
    for (const c of this.catalog.onTable(model.table)) if (c.columns.includes(column)) this.drop(c.name, model.table, false, false);
  }

  deleteModel(model: ModelState): void {
    if (model.unmanaged) return;
    for (const f of model.fields) {
      const t = throughTable(model, f, this.target.state);
      if (t) this.dropTable(t.table);
    }
    this.dropTable(model.table);
  }

  /** The table (and auto-created many-to-many tables) get their new names; index names stay. */
  renameTable(from: ModelState, to: ModelState): void {
    if (from.unmanaged || !this.target.database) return;
    const retable = (a: string, b: string, columns?: [string, string]): void => {
      if (a === b && !columns) return;
      for (const c of this.catalog.onTable(a)) this.catalog.set({ ...c, table: b, columns: columns ? c.columns.map((x) => (x === columns[0] ? columns[1] : x)) : c.columns });
    };
    retable(from.table, to.table);
    const oldCol = `${from.name.toLowerCase()}_id`;
    const newCol = `${to.name.toLowerCase()}_id`;
    for (const f of from.fields) {
      const a = throughTable(from, f, this.target.state);
      const b = throughTable(to, f, this.target.state);
      if (a && b) retable(a.table, b.table, oldCol !== newCol ? [oldCol, newCol] : undefined);
    }
  }

  renameColumn(model: ModelState, from: string, to: string): void {
    if (from === to || !this.target.database) return;
    for (const c of this.catalog.onTable(model.table)) if (c.columns.includes(from)) this.catalog.set({ ...c, columns: c.columns.map((x) => (x === from ? to : x)) });
  }

  /** The schema editor's `_alter_field` for PostgreSQL, as far as indexes and unique constraints go. */
  alterField(model: ModelState, old: FieldSpec, neu: FieldSpec): void {
    if (model.unmanaged || old.type === "none" || neu.type === "none") return;
    const table = model.table;
    const oldCol = columnOf(old);
    const newCol = columnOf(neu);
    const oldType = columnType(old, model, this.target.state);
    const newType = columnType(neu, model, this.target.state);
    const metaNames = new Set([...model.indexes.map((i) => this.indexName(model, i)), ...model.constraints.map((c) => c.name ?? "")]);
    const likeOld = createIndexName(table, [oldCol], "_like");
    if ((old.dbIndex || old.unique) && (oldType === "varchar" || oldType === "text") && newType !== oldType) this.drop(likeOld, table, false, true);
    if (old.unique && (!neu.unique || (!old.primaryKey && neu.primaryKey)))
      for (const c of this.find(table, [oldCol], (c) => (c.kind === "unique" || c.kind === "unique-index") && !metaNames.has(c.name))) this.drop(c.name, table, false, true, "constraint");
    if (old.dbIndex && !old.unique && (!neu.dbIndex || neu.unique))
      for (const c of this.find(table, [oldCol], (c) => c.kind === "index" && c.method === "btree" && !metaNames.has(c.name))) this.drop(c.name, table, false, true);
    this.renameColumn(model, oldCol, newCol);
    if (old.primaryKey && !neu.primaryKey) for (const c of this.catalog.onTable(table)) if (c.kind === "pk") this.drop(c.name, table, false, true, "constraint");
    if ((!old.unique && neu.unique && !neu.primaryKey) || (old.primaryKey && !neu.primaryKey && neu.unique)) this.constraint(table, createIndexName(table, [newCol], "_uniq"), true, "unique", [newCol], this.where(null));
    if ((!old.dbIndex || old.unique) && neu.dbIndex && !neu.unique) this.createIndex(table, createIndexName(table, [newCol]), true, [this.keyOf(newCol)], {}, this.where(null));
    if (!old.primaryKey && neu.primaryKey) this.constraint(table, createIndexName(table, [newCol], "_pk"), true, "primary key", [newCol], this.where(null));
    if ((!(old.dbIndex || old.unique) && neu.dbIndex) || (!old.unique && neu.unique)) this.likeIndex(model, neu, null);
    if (old.unique && !(neu.dbIndex || neu.unique)) this.drop(likeOld, table, false, true);
  }

  alterTogether(model: ModelState, olds: string[][], news: string[][], unique: boolean): void {
    if (model.unmanaged) return;
    const key = (s: string[]): string => s.join("\0");
    const oldKeys = new Set(olds.map(key));
    const newKeys = new Set(news.map(key));
    const metaNames = new Set([...model.indexes.map((i) => this.indexName(model, i)), ...model.constraints.map((c) => c.name ?? "")]);
    for (const set of olds) {
      if (newKeys.has(key(set))) continue;
      const columns = set.map((f) => columnFor(model, f));
      const found = this.find(model.table, columns, (c) => (unique ? c.kind === "unique" || c.kind === "unique-index" : c.kind === "index") && !metaNames.has(c.name));
      for (const c of found) this.drop(c.name, model.table, false, true);
    }
    for (const set of news) {
      if (oldKeys.has(key(set))) continue;
      if (unique) this.uniqueTogether(model, set, null);
      else this.indexTogether(model, set, null);
    }
  }
}
