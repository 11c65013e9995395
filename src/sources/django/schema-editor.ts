import type { SyntaxNode } from "../../python/syntax-node.js";
import { chooseIndexName } from "../../sql/names.js";
import type { At, DjangoEvent, DjangoIndexKey, DjangoNote } from "./events.js";
import type { ExprReader } from "./expr.js";
import { conditionSql, expressionSql } from "./expressions.js";
import { columnOf, type FieldSpec } from "./fields.js";
import type { MigrationDecl, MigrationReadOptions } from "./migration.js";
import { createIndexName, indexNameWithModel, INDEX_CLASS_SUFFIX } from "./names.js";
import type { ConstraintSpec, IndexSpec } from "./specs.js";
import { q } from "./sql.js";
import { columnFor, columnType, keyEnd, modelOf, resolveModelRef, targetField, throughTable, unreadKeyType, type Catalog, type CatalogEntry, type DbState, type ModelState } from "./state.js";

/** Everything one migration's operations need while they are replayed. */
export interface Run {
  decl: MigrationDecl;
  reader: ExprReader;
  options: MigrationReadOptions;
  events: DjangoEvent[];
  notes: DjangoNote[];
  /** Tables this migration created. */
  created: Set<string>;
  /** What the schema editor holds until the migration ends (its `deferred_sql`). */
  deferred: Deferred[];
}

interface IndexOptions { unique?: boolean; concurrently?: boolean; method?: string; include?: string[]; where?: string | null }

/**
 * A CREATE INDEX or ADD CONSTRAINT the schema editor defers to the end of the
 * migration: the indexes of CreateModel and AddField, and the constraints
 * CREATE TABLE cannot hold. A generated name (`suffix` set) is computed when
 * it runs, from the table and columns as they are then; a later RemoveField
 * or DeleteModel in the same migration withdraws it, a rename rewrites it.
 */
export type Deferred =
  | { kind: "index"; table: string; columns: string[]; keys: DjangoIndexKey[]; suffix: string | null; name: string; generated: boolean; opts: IndexOptions; at: At }
  | { kind: "constraint"; table: string; columns: string[]; suffix: string | null; name: string; at: At };

/** Runs what the schema editor deferred, as it does when the migration's editor closes. */
export function flushDeferred(run: Run, state: DbState): void {
  const fx = new Effects(run, { state, database: true }, run.deferred[0]?.at ?? ({} as At));
  for (const d of run.deferred.splice(0)) {
    const name = d.suffix === null ? d.name : createIndexName(d.table, d.columns, d.suffix);
    if (d.kind === "index") fx.createIndex(d.table, name, d.generated, d.keys, d.opts, d.at);
    else fx.constraint(d.table, name, d.suffix !== null, "unique", d.columns, d.at);
  }
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
    this.run.notes.push({ kind: "not-read", path: this.run.decl.path, index: node.startIndex, message: `${this.at.operation}: the ${what} cannot be read statically; the operation is left out` });
  }

  /** Every entry on `table` with exactly these columns that `accept` takes. */
  find(table: string, columns: readonly string[], accept: (c: CatalogEntry) => boolean): CatalogEntry[] {
    return this.catalog.onTable(table).filter((c) => c.columns.length === columns.length && c.columns.every((x, i) => x === columns[i]) && accept(c));
  }

  indexName(model: ModelState, index: IndexSpec): string {
    return index.name ?? indexNameWithModel(model.table, index.fields.map((f) => ({ column: columnFor(model, f.field), descending: f.descending })), INDEX_CLASS_SUFFIX[index.cls] ?? "idx");
  }

  createIndex(table: string, name: string, generated: boolean, keys: DjangoIndexKey[], opts: IndexOptions, at: At): void {
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

  constraint(table: string, name: string, generated: boolean, type: "unique" | "primary key" | "exclude", columns: string[], at: At, exclusion?: { method: string; operators: string[] }): void {
    if (!this.target.database) return;
    this.catalog.set({ name, table, columns, kind: type === "unique" ? "unique" : type === "primary key" ? "pk" : "exclude", method: exclusion?.method ?? "btree" });
    this.run.events.push({ kind: "constraint", constraint: { name, nameGenerated: generated, type, table, columns, ...(exclusion ? { exclusion } : {}) }, at });
  }

  /** An index the schema editor creates when the migration ends; `suffix` set: its name is generated then. */
  private deferIndex(table: string, columns: string[], keys: DjangoIndexKey[], suffix: string | null, name: string, generated: boolean, opts: IndexOptions, at: At): void {
    if (this.target.database) this.run.deferred.push({ kind: "index", table, columns, keys, suffix, name, generated, opts, at });
  }

  private deferUnique(table: string, columns: string[], suffix: string | null, name: string, at: At): void {
    if (this.target.database) this.run.deferred.push({ kind: "constraint", table, columns, suffix, name, at });
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
    // Django withdraws what it deferred for the table; PostgreSQL drops what exists with it.
    this.run.deferred = this.run.deferred.filter((d) => d.table !== table);
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
    for (const c of model.constraints) this.addConstraint(model, c, this.where(c.node), true);
    const utNode = opt.get("unique_together") ?? null;
    for (const set of model.uniqueTogether) this.uniqueTogether(model, set, utNode, true);
    for (const f of model.fields) this.fieldIndexes(model, f, f.node);
    const itNode = opt.get("index_together") ?? null;
    for (const set of model.indexTogether) this.indexTogether(model, set, itNode, true);
    for (const i of model.indexes) this.addIndex(model, i, false, this.where(i.node), true);
    for (const f of model.fields) this.createThrough(model, f, f.node);
  }

  private inlineConstraints(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    if (field.composite) {
      const columns = field.composite.map((f) => columnFor(model, f));
      this.constraint(model.table, chooseIndexName(model.table, columns, "pkey"), true, "primary key", columns, this.where(node));
      return;
    }
    if (field.type === "none") return;
    const column = columnOf(field);
    // Inline PRIMARY KEY and UNIQUE: PostgreSQL names them.
    if (field.primaryKey) this.constraint(model.table, chooseIndexName(model.table, [column], "pkey"), true, "primary key", [column], this.where(node));
    else if (field.unique) this.constraint(model.table, chooseIndexName(model.table, [column], "key"), true, "unique", [column], this.where(node));
  }

  /** `db_index` (unless unique) and, for varchar and text columns that are indexed or unique, the `_like` index: deferred. */
  private fieldIndexes(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    if (field.type === "none") return;
    const column = columnOf(field);
    if (field.dbIndex && !field.unique) this.deferIndex(model.table, [column], [this.keyOf(column)], "", "", true, {}, this.where(node));
    this.likeIndex(model, field, node, true);
  }

  private likeIndex(model: ModelState, field: FieldSpec, node: SyntaxNode | null, deferred: boolean): void {
    if (!(field.dbIndex || field.unique)) return;
    // The pattern operator classes do not work under a non-deterministic collation (Django 4.2+ asks the database; the
    // collations that can be so are the ones CreateCollation made with deterministic=False).
    const collation = field.dbCollation ?? (field.relation ? (targetField(field, model, this.target.state)?.dbCollation ?? null) : null);
    if (collation !== null && this.target.state.nondeterministic.has(collation)) return;
    const { type, unread } = keyEnd(field, model, this.target.state);
    if (type === "unknown") return this.unknownKey(unread ?? "", field.node, node);
    if (type !== "varchar" && type !== "text") return;
    const column = columnOf(field);
    const keys = [this.keyOf(column, type === "varchar" ? "varchar_pattern_ops" : "text_pattern_ops")];
    if (deferred) this.deferIndex(model.table, [column], keys, "_like", "", true, {}, this.where(node));
    else this.createIndex(model.table, createIndexName(model.table, [column], "_like"), true, keys, {}, this.where(node));
  }

  private uniqueTogether(model: ModelState, set: string[], node: SyntaxNode | null, deferred: boolean): void {
    const columns = set.map((f) => columnFor(model, f));
    if (deferred) this.deferUnique(model.table, columns, "_uniq", "", this.where(node));
    else this.constraint(model.table, createIndexName(model.table, columns, "_uniq"), true, "unique", columns, this.where(node));
  }

  private indexTogether(model: ModelState, set: string[], node: SyntaxNode | null, deferred: boolean): void {
    const columns = set.map((f) => columnFor(model, f));
    const keys = columns.map((c) => this.keyOf(c));
    if (deferred) this.deferIndex(model.table, columns, keys, "_idx", "", true, {}, this.where(node));
    else this.createIndex(model.table, createIndexName(model.table, columns, "_idx"), true, keys, {}, this.where(node));
  }

  /** The auto-created table of a many-to-many field: its key, its unique pair, an index per foreign key. */
  private createThrough(model: ModelState, field: FieldSpec, node: SyntaxNode | null): void {
    const t = throughTable(model, field, this.target.state);
    // SeparateDatabaseAndState's state_operations build nothing.
    if (!t || !this.target.database) return;
    this.run.created.add(t.table);
    this.run.events.push({ kind: "create-table", table: t.table, at: node ? this.where(node) : this.at });
    this.constraint(t.table, chooseIndexName(t.table, ["id"], "pkey"), true, "primary key", ["id"], this.where(node));
    const to = field.relation!.to;
    if (to !== "") this.deferUnique(t.table, [t.from, t.to], "_uniq", "", this.where(node));
    // Each column is a foreign key to a primary key: indexed, and with a _like index when that key is varchar or text.
    const keyOfModel = (m: ModelState): ReturnType<typeof keyEnd> => {
      const pk = m.fields.find((f) => f.primaryKey);
      return pk ? keyEnd(pk, m, this.target.state) : { type: "other", unread: null };
    };
    // A model no migration read makes has no fields here: the key's type is Django's own model's, or not known.
    const targetKey = resolveModelRef(to, model.app);
    const targetEnd = this.target.state.models.has(targetKey) ? keyOfModel(modelOf(this.target.state, targetKey)) : { type: unreadKeyType(targetKey), unread: to === "" ? "" : targetKey };
    for (const [c, end] of [[t.from, keyOfModel(model)], ...(to === "" ? [] : [[t.to, targetEnd] as const])] as const) {
      this.deferIndex(t.table, [c], [this.keyOf(c)], "", "", true, {}, this.where(node));
      if (end.type === "varchar" || end.type === "text") this.deferIndex(t.table, [c], [this.keyOf(c, `${end.type}_pattern_ops`)], "_like", "", true, {}, this.where(node));
      if (end.type === "unknown") this.unknownKey(end.unread ?? "", field.node, node);
    }
    // The model not known, neither is the column that points to it (named after it), nor its indexes and the unique pair.
    if (to === "") {
      const at = node ?? field.node;
      this.run.notes.push({
        kind: "dynamic",
        path: this.run.decl.path,
        index: at.startIndex,
        message: `${this.at.operation}: the model the many-to-many field points to is not known statically: the column of ${t.table} that points to it, named after it, its indexes and the unique pair over it are not known`,
        template: at.text.replace(/\s+/g, " "),
      });
    }
  }

  /** A key to a model no migration read makes (or one not known statically, `to` ""): whether it also gets a `_like` index is not known, and said. */
  private unknownKey(to: string, field: SyntaxNode, node: SyntaxNode | null): void {
    if (!this.target.database) return;
    const at = node ?? field;
    this.run.notes.push({
      kind: "dynamic",
      path: this.run.decl.path,
      index: at.startIndex,
      message: `${this.at.operation}: ${to === "" ? "the model the key points to is not known statically" : `${to} is made by no migration read before it`}: whether its key is varchar or text, which also gets a _like index on the foreign key, is not known`,
      template: at.text.replace(/\s+/g, " "),
    });
  }

  /** An index or constraint whose name or fields are held in something not read statically: reported, never guessed. */
  private dynamicName(node: SyntaxNode, what: string, at: At): void {
    if (!this.target.database) return;
    this.run.notes.push({ kind: "dynamic", path: this.run.decl.path, index: at.start, message: `${this.at.operation}: the ${what}'s name or fields are not known statically`, template: node.text.replace(/\s+/g, " ") });
  }

  addIndex(model: ModelState, index: IndexSpec, concurrently: boolean, at: At, deferred = false): void {
    if (model.unmanaged) return;
    if (index.unreadable) return this.dynamicName(index.node, "index", at);
    const name = this.indexName(model, index);
    const keys: DjangoIndexKey[] = index.fields.length
      ? index.fields.map((f, i) => this.keyOf(columnFor(model, f.field), index.opclasses[i] ?? null, f.descending))
      : index.expressions.map((x) => this.expressionKey(model, x));
    const opts = { concurrently, method: index.method, include: index.include.map((f) => columnFor(model, f)), where: this.condition(model, index.condition) };
    if (deferred) this.deferIndex(model.table, keys.flatMap((k) => (k.column ? [k.column] : [])), keys, null, name, index.name === null, opts, at);
    else this.createIndex(model.table, name, index.name === null, keys, opts, at);
  }

  /** `inTable`: declared in CREATE TABLE, where a constraint that needs an index of its own is deferred. */
  addConstraint(model: ModelState, c: ConstraintSpec, at: At, inTable = false): void {
    if (model.unmanaged) return;
    if (c.name === null || c.unreadable) {
      if (c.cls === "UniqueConstraint" || c.cls === "ExclusionConstraint") this.dynamicName(c.node, "constraint", at);
      return;
    }
    const columns = c.fields.map((f) => columnFor(model, f));
    if (c.cls === "UniqueConstraint") {
      // Conditional, covering, opclass and expression unique constraints are unique indexes.
      if (c.condition !== null || c.include.length > 0 || c.opclasses.length > 0 || c.expressions.length > 0) {
        const keys = columns.length ? columns.map((col, i) => this.keyOf(col, c.opclasses[i] ?? null)) : c.expressions.map((x) => this.expressionKey(model, x));
        const opts = { unique: true, include: c.include.map((f) => columnFor(model, f)), where: this.condition(model, c.condition) };
        if (inTable) this.deferIndex(model.table, [...columns, ...opts.include], keys, null, c.name, false, opts, at);
        else this.createIndex(model.table, c.name, false, keys, opts, at);
      } else this.constraint(model.table, c.name, false, "unique", columns, at);
    } else if (c.cls === "ExclusionConstraint" && c.exclusion) {
      this.constraint(model.table, c.name, false, "exclude", c.exclusion.expressions.map((x) => columnFor(model, x)), at, { method: c.exclusion.method, operators: c.exclusion.operators });
    } else if (c.cls !== "CheckConstraint" && this.target.database) {
      // A check constraint makes no index; another class may, in a way not read here.
      this.run.notes.push({ kind: "not-read", path: this.run.decl.path, index: at.start, message: `${c.cls}: a constraint class index-audit does not know is left out` });
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
    // Django withdraws what it deferred on the column; PostgreSQL drops every index and constraint that uses it.
    this.run.deferred = this.run.deferred.filter((d) => !(d.table === model.table && d.columns.includes(column)));
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
      if (a !== b) this.run.events.push({ kind: "rename-table", from: a, to: b, at: this.at });
      if (columns) this.run.events.push({ kind: "rename-column", table: b, from: columns[0], to: columns[1], at: this.at });
      for (const c of this.catalog.onTable(a)) this.catalog.set({ ...c, table: b, columns: columns ? c.columns.map((x) => (x === columns[0] ? columns[1] : x)) : c.columns });
      this.run.deferred = this.run.deferred.map((d) => (d.table === a ? renameDeferred({ ...d, table: b }, columns) : d));
      if (this.run.created.delete(a)) this.run.created.add(b);
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
    this.run.events.push({ kind: "rename-column", table: model.table, from, to, at: this.at });
    for (const c of this.catalog.onTable(model.table)) if (c.columns.includes(from)) this.catalog.set({ ...c, columns: c.columns.map((x) => (x === from ? to : x)) });
    this.run.deferred = this.run.deferred.map((d) => (d.table === model.table ? renameDeferred(d, [from, to]) : d));
  }

  /** The schema editor's `_alter_field` for PostgreSQL, as far as indexes and unique constraints go. */
  alterField(model: ModelState, old: FieldSpec, neu: FieldSpec): void {
    if (model.unmanaged || old.type === "none" || neu.type === "none") return;
    const table = model.table;
    const oldCol = columnOf(old);
    const newCol = columnOf(neu);
    const oldType = columnType(old, model, this.target.state);
    const newType = columnType(neu, model, this.target.state);
    // Django excludes the names Meta declares: constraints when it looks for the unique constraint, indexes for the index.
    const metaIndexes = new Set(model.indexes.map((i) => this.indexName(model, i)));
    const metaConstraints = new Set(model.constraints.map((c) => c.name ?? ""));
    const likeOld = createIndexName(table, [oldCol], "_like");
    if ((old.dbIndex || old.unique) && (oldType === "varchar" || oldType === "text") && newType !== oldType) this.drop(likeOld, table, false, true);
    if (old.unique && (!neu.unique || (!old.primaryKey && neu.primaryKey)))
      for (const c of this.find(table, [oldCol], (c) => (c.kind === "unique" || c.kind === "unique-index") && !metaConstraints.has(c.name))) this.drop(c.name, table, false, true, "constraint");
    if (old.dbIndex && !old.unique && (!neu.dbIndex || neu.unique))
      for (const c of this.find(table, [oldCol], (c) => (c.kind === "index" || c.kind === "unique-index") && c.method === "btree" && !metaIndexes.has(c.name))) this.drop(c.name, table, false, true);
    this.renameColumn(model, oldCol, newCol);
    if (old.primaryKey && !neu.primaryKey) for (const c of this.catalog.onTable(table)) if (c.kind === "pk") this.drop(c.name, table, false, true, "constraint");
    if ((!old.unique && neu.unique && !neu.primaryKey) || (old.primaryKey && !neu.primaryKey && neu.unique)) this.constraint(table, createIndexName(table, [newCol], "_uniq"), true, "unique", [newCol], this.where(null));
    if ((!old.dbIndex || old.unique) && neu.dbIndex && !neu.unique) this.createIndex(table, createIndexName(table, [newCol]), true, [this.keyOf(newCol)], {}, this.where(null));
    if (!old.primaryKey && neu.primaryKey) this.constraint(table, createIndexName(table, [newCol], "_pk"), true, "primary key", [newCol], this.where(null));
    if ((!(old.dbIndex || old.unique) && neu.dbIndex) || (!old.unique && neu.unique)) this.likeIndex(model, neu, null, false);
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
      if (unique) this.uniqueTogether(model, set, null, false);
      else this.indexTogether(model, set, null, false);
    }
  }
}

/** A deferred statement after a column rename (`[from, to]`): Django rewrites its references. */
function renameDeferred(d: Deferred, columns?: [string, string]): Deferred {
  if (!columns) return d;
  const [from, to] = columns;
  const col = (x: string): string => (x === from ? to : x);
  if (d.kind === "constraint") return { ...d, columns: d.columns.map(col) };
  return { ...d, columns: d.columns.map(col), keys: d.keys.map((k) => (k.column === from ? { ...k, column: to, text: to } : k)) };
}
