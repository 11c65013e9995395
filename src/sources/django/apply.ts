import type { SyntaxNode } from "tree-sitter";
import { chooseIndexName } from "../../sql/names.js";
import type { At, DjangoEvent, DjangoIndexKey, DjangoNote } from "./events.js";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";
import { conditionSql, expressionSql } from "./expressions.js";
import { q } from "./sql.js";
import { columnOf, readField, readFieldList, type FieldSpec } from "./fields.js";
import type { MigrationDecl, MigrationReadOptions } from "./migration.js";
import { createIndexName, indexNameWithModel, INDEX_CLASS_SUFFIX } from "./names.js";
import { readConstraint, readIndex, strings, togetherSets, type ConstraintSpec, type IndexSpec } from "./specs.js";
import {
  cloneState,
  columnFor,
  columnType,
  defaultTable,
  fieldOf,
  modelKey,
  modelOf,
  resolveModelRef,
  throughTable,
  type Catalog,
  type CatalogEntry,
  type DbState,
  type ModelState,
} from "./state.js";

/** Everything one migration's operations need while they are replayed. */
interface Run {
  decl: MigrationDecl;
  reader: ExprReader;
  options: MigrationReadOptions;
  events: DjangoEvent[];
  notes: DjangoNote[];
  /** Tables this migration created. */
  created: Set<string>;
}

/** Where the database's effects go: events, or nowhere (state-only operations). */
interface Target {
  state: DbState;
  database: boolean;
}

/**
 * Replays one migration's operations on the state: the model state changes as
 * Django's `state_forwards` changes it, and each database effect Django's
 * PostgreSQL schema editor would have becomes an event.
 */
export function applyMigration(decl: MigrationDecl, state: DbState, reader: ExprReader, options: MigrationReadOptions): { events: DjangoEvent[]; notes: DjangoNote[] } {
  const run: Run = { decl, reader, options, events: [], notes: [], created: new Set() };
  for (const u of decl.unreadable) run.notes.push({ path: decl.path, index: u.node.startIndex, message: `${u.what} cannot be read statically; it is left out` });
  for (const node of decl.operations) applyOperation(run, { state, database: true }, node, node);
  return { events: run.events, notes: run.notes };
}

function applyOperation(run: Run, target: Target, node: SyntaxNode, opNode: SyntaxNode): void {
  const { reader } = run;
  const e = reader.read(node);
  if (e.kind !== "call") {
    run.notes.push({ path: run.decl.path, index: node.startIndex, message: "an operation that is not a call is left out" });
    return;
  }
  const op = lastSegment(e.callee);
  const at = (n: SyntaxNode): At => ({ path: run.decl.path, start: n.startIndex, end: n.endIndex, migration: `${run.decl.app}.${run.decl.name}`, operation: op, atomic: run.decl.atomic });
  const arg = (i: number, name: string): SyntaxNode | undefined => e.kwargs.get(name) ?? e.args[i];
  const str = (i: number, name: string): string | null => reader.string(arg(i, name));
  const app = run.decl.app;
  const here = at(opNode);
  const fx = new Effects(run, target, here);
  const modelNamed = (i: number, name: string): ModelState | null => {
    const n = str(i, name);
    if (n === null) {
      run.notes.push({ path: run.decl.path, index: node.startIndex, message: `${op}: the model name cannot be read statically; the operation is left out` });
      return null;
    }
    return modelOf(target.state, modelKey(app, n));
  };

  switch (op) {
    case "CreateModel": {
      const name = str(0, "name");
      if (name === null) return fx.unreadable(node, "model name");
      const { fields, unreadable } = readFieldList(arg(1, "fields"), reader, run.options);
      for (const u of unreadable) run.notes.push({ path: run.decl.path, index: u.startIndex, message: "a field that cannot be read statically is left out" });
      const options = reader.read(arg(2, "options") ?? node);
      const opt = new Map<string, SyntaxNode>();
      if (options.kind === "dict") for (const [k, v] of options.entries) {
        const key = reader.string(k);
        if (key !== null) opt.set(key, v);
      }
      const dbTable = reader.string(opt.get("db_table"));
      const model: ModelState = {
        app,
        name,
        table: dbTable ?? defaultTable(app, name),
        explicitTable: dbTable !== null,
        fields,
        indexes: (reader.items(opt.get("indexes")) ?? []).map((n) => readIndex(n, reader)).filter((x): x is IndexSpec => x !== null),
        constraints: (reader.items(opt.get("constraints")) ?? []).map((n) => readConstraint(n, reader)).filter((x): x is ConstraintSpec => x !== null),
        uniqueTogether: togetherSets(opt.get("unique_together"), reader),
        indexTogether: togetherSets(opt.get("index_together"), reader),
        unmanaged: reader.bool(opt.get("managed"), true) === false || reader.bool(opt.get("proxy"), false),
      };
      target.state.models.set(modelKey(app, name), model);
      fx.createModel(model, opt);
      return;
    }
    case "DeleteModel": {
      const model = modelNamed(0, "name");
      if (!model) return;
      fx.deleteModel(model);
      target.state.models.delete(modelKey(model.app, model.name));
      return;
    }
    case "RenameModel": {
      const model = modelNamed(0, "old_name");
      const newName = str(1, "new_name");
      if (!model || newName === null) return;
      const renamed: ModelState = { ...model, name: newName, table: model.explicitTable ? model.table : defaultTable(app, newName) };
      target.state.models.delete(modelKey(app, model.name));
      target.state.models.set(modelKey(app, newName), renamed);
      fx.renameTable(model, renamed);
      // References to the model follow it.
      const oldRef = modelKey(app, model.name);
      for (const m of target.state.models.values())
        m.fields = m.fields.map((f) => (f.relation && resolveModelRef(f.relation.to, m.app) === oldRef ? { ...f, relation: { ...f.relation, to: `${app}.${newName}` } } : f));
      return;
    }
    case "AlterModelTable": {
      const model = modelNamed(0, "name");
      if (!model) return;
      const table = str(1, "table");
      const renamed: ModelState = { ...model, table: table ?? defaultTable(app, model.name), explicitTable: table !== null };
      target.state.models.set(modelKey(app, model.name), renamed);
      fx.renameTable(model, renamed);
      return;
    }
    case "AddField": {
      const model = modelNamed(0, "model_name");
      const name = str(1, "name");
      const fieldNode = arg(2, "field");
      if (!model || name === null || !fieldNode) return fx.unreadable(node, "field");
      const field = readField(name, fieldNode, reader, run.options);
      if (!field) return fx.unreadable(fieldNode, "field");
      model.fields = [...model.fields.filter((f) => f.name !== name), field];
      fx.addField(model, field);
      return;
    }
    case "RemoveField": {
      const model = modelNamed(0, "model_name");
      const name = str(1, "name");
      if (!model || name === null) return;
      const field = fieldOf(model, name);
      if (!field) return;
      model.fields = model.fields.filter((f) => f !== field);
      fx.removeField(model, field);
      return;
    }
    case "AlterField": {
      const model = modelNamed(0, "model_name");
      const name = str(1, "name");
      const fieldNode = arg(2, "field");
      if (!model || name === null || !fieldNode) return fx.unreadable(node, "field");
      const field = readField(name, fieldNode, reader, run.options);
      if (!field) return fx.unreadable(fieldNode, "field");
      const old = fieldOf(model, name);
      model.fields = model.fields.map((f) => (f === old ? field : f));
      if (!old) model.fields.push(field);
      if (old) fx.alterField(model, old, field);
      return;
    }
    case "RenameField": {
      const model = modelNamed(0, "model_name");
      const from = str(1, "old_name");
      const to = str(2, "new_name");
      if (!model || from === null || to === null) return;
      const old = fieldOf(model, from);
      if (!old) return;
      const renamed: FieldSpec = { ...old, name: to };
      model.fields = model.fields.map((f) => (f === old ? renamed : f));
      const rename = (sets: string[][]): string[][] => sets.map((s) => s.map((x) => (x === from ? to : x)));
      model.uniqueTogether = rename(model.uniqueTogether);
      model.indexTogether = rename(model.indexTogether);
      model.indexes = model.indexes.map((i) => ({ ...i, fields: i.fields.map((f) => (f.field === from ? { ...f, field: to } : f)) }));
      model.constraints = model.constraints.map((c) => ({ ...c, fields: c.fields.map((f) => (f === from ? to : f)) }));
      fx.renameColumn(model, columnOf(old), columnOf(renamed));
      return;
    }
    case "AddIndex":
    case "AddIndexConcurrently": {
      const model = modelNamed(0, "model_name");
      const indexNode = arg(1, "index");
      const index = indexNode ? readIndex(indexNode, reader) : null;
      if (!model || !index) return fx.unreadable(node, "index");
      model.indexes = [...model.indexes, index];
      fx.addIndex(model, index, op === "AddIndexConcurrently", here);
      return;
    }
    case "RemoveIndex":
    case "RemoveIndexConcurrently": {
      const model = modelNamed(0, "model_name");
      const name = str(1, "name");
      if (!model || name === null) return fx.unreadable(node, "index name");
      model.indexes = model.indexes.filter((i) => fx.indexName(model, i) !== name);
      fx.drop(name, model.table, op === "RemoveIndexConcurrently", true);
      return;
    }
    case "RenameIndex": {
      const model = modelNamed(0, "model_name");
      const newName = str(1, "new_name");
      const oldName = reader.string(e.kwargs.get("old_name") ?? e.args[2]);
      const oldFields = strings(e.kwargs.get("old_fields") ?? e.args[3], reader);
      if (!model || newName === null) return fx.unreadable(node, "index name");
      if (oldName !== null) {
        model.indexes = model.indexes.map((i) => (fx.indexName(model, i) === oldName ? { ...i, name: newName } : i));
        fx.rename(oldName, newName, model.table);
      } else if (oldFields.length > 0) {
        // An unnamed index_together index gets a name: Django finds it by its columns.
        const columns = oldFields.map((f) => columnFor(model, f));
        const found = fx.find(model.table, columns, (c) => c.kind === "index");
        model.indexTogether = model.indexTogether.filter((s) => s.join("\0") !== oldFields.join("\0"));
        model.indexes = [...model.indexes, { cls: "Index", name: newName, unreadableName: null, fields: oldFields.map((f) => ({ field: f, descending: false })), expressions: [], condition: null, include: [], opclasses: [], method: "btree", node }];
        if (found[0]) fx.rename(found[0].name, newName, model.table);
      }
      return;
    }
    case "AddConstraint": {
      const model = modelNamed(0, "model_name");
      const cNode = arg(1, "constraint");
      const c = cNode ? readConstraint(cNode, reader) : null;
      if (!model || !c) return fx.unreadable(node, "constraint");
      model.constraints = [...model.constraints, c];
      fx.addConstraint(model, c, here);
      return;
    }
    case "RemoveConstraint": {
      const model = modelNamed(0, "model_name");
      const name = str(1, "name");
      if (!model || name === null) return fx.unreadable(node, "constraint name");
      model.constraints = model.constraints.filter((c) => c.name !== name);
      if (target.state.catalog.has(name)) fx.drop(name, model.table, false, true);
      return;
    }
    case "AlterUniqueTogether":
    case "AlterIndexTogether": {
      const model = modelNamed(0, "name");
      if (!model) return;
      const sets = togetherSets(arg(1, op === "AlterUniqueTogether" ? "unique_together" : "index_together"), reader);
      const unique = op === "AlterUniqueTogether";
      const old = unique ? model.uniqueTogether : model.indexTogether;
      if (unique) model.uniqueTogether = sets;
      else model.indexTogether = sets;
      fx.alterTogether(model, old, sets, unique);
      return;
    }
    case "RunSQL": {
      const sql = arg(0, "sql");
      if (!sql) return;
      const stateOps = reader.items(e.kwargs.get("state_operations"));
      // RunSQL(atomic=True) in a non-atomic migration runs in a transaction of its own.
      const sqlAt: At = reader.bool(e.kwargs.get("atomic"), false) ? { ...here, atomic: true } : here;
      if (target.database) for (const v of sqlValues(sql, reader)) {
        if (v.kind === "str" && v.value.kind === "str" && v.value.text.trim() === "") continue;
        if (v.kind === "str") run.events.push({ kind: "sql", value: v.value, at: sqlAt });
        else run.notes.push({ path: run.decl.path, index: v.node.startIndex, message: "RunSQL: SQL that cannot be read statically is left out" });
      }
      for (const s of stateOps ?? []) applyOperation(run, { state: target.state, database: false }, s, opNode);
      return;
    }
    case "SeparateDatabaseAndState": {
      // The database operations run on a state of their own; only state_operations change the project state.
      const dbOps = reader.items(e.kwargs.get("database_operations") ?? e.args[0]) ?? [];
      const stateOps = reader.items(e.kwargs.get("state_operations") ?? e.args[1]) ?? [];
      if (target.database) {
        const scratch = cloneState(target.state);
        for (const d of dbOps) applyOperation(run, { state: scratch, database: true }, d, d);
      }
      for (const s of stateOps) applyOperation(run, { state: target.state, database: false }, s, s);
      return;
    }
    case "RunPython":
      if (target.database) run.notes.push({ path: run.decl.path, index: node.startIndex, message: "RunPython is not read (code run at migration time); any index it creates is not in the inventory" });
      return;
    case "AlterModelOptions":
    case "AlterModelManagers":
    case "AlterOrderWithRespectTo":
    case "AlterModelTableComment":
      return;
    default:
      run.notes.push({ path: run.decl.path, index: node.startIndex, message: `${op}: an operation index-audit does not know is left out` });
  }
}

/** The strings of RunSQL's `sql`: a string, a list or tuple of strings, or of `(sql, params)` pairs. */
function sqlValues(node: SyntaxNode, reader: ExprReader): ReturnType<ExprReader["read"]>[] {
  const e = reader.read(node);
  if (e.kind === "ref" && /(^|\.)noop$/.test(e.text)) return [];
  if (e.kind !== "seq") return [e];
  const out: ReturnType<ExprReader["read"]>[] = [];
  for (const item of e.items) {
    const x = reader.read(item);
    if (x.kind === "seq" && x.items[0]) out.push(reader.read(x.items[0]));
    else out.push(x);
  }
  return out;
}

/** The schema editor's effects for one operation: catalog changes and events. */
class Effects {
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
