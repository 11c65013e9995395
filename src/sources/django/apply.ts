import type { SyntaxNode } from "../../python/syntax-node.js";
import type { At, DjangoEvent, DjangoNote } from "./events.js";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";
import { columnOf, readField, readFieldList, type FieldSpec } from "./fields.js";
import type { MigrationDecl, MigrationReadOptions } from "./migration.js";
import { Effects, flushDeferred, type Run, type Target } from "./schema-editor.js";
import { readConstraint, readIndex, strict, togetherSets } from "./specs.js";
import { cloneState, columnFor, defaultTable, fieldOf, modelKey, modelOf, resolveModelRef, type DbState, type ModelState } from "./state.js";

/**
 * Whether a model's `swappable` setting names another model (auth.User when
 * AUTH_USER_MODEL is `accounts.User`): Django then builds and changes nothing
 * of it (Options.swapped, compared as Django compares it: the model's name in
 * lower case). A setting the settings module does not assign leaves it in
 * place; one assigned what is not known statically is said.
 */
function swapped(run: Run, op: string, app: string, name: string, node: SyntaxNode | undefined): boolean {
  if (!node) return false;
  const setting = run.reader.string(node);
  const value = setting === "AUTH_USER_MODEL" ? run.options.authUserModel : setting === null ? null : run.options.settings?.get(setting);
  if (value === undefined) return false;
  if (value === null) {
    const what = setting === null ? "the swappable option" : `settings.${setting}`;
    run.notes.push({ kind: "dynamic", path: run.decl.path, index: node.startIndex, message: `${op}: ${what} is not known statically: model ${name} is read as not swapped out, so the tables Django skips when it is are listed`, template: node.text });
    return false;
  }
  // Django's `if swapped_for:`: an empty setting (or None) swaps nothing.
  if (value === "") return false;
  const dot = value.indexOf(".");
  return dot < 0 || `${value.slice(0, dot)}.${value.slice(dot + 1).toLowerCase()}` !== `${app}.${name.toLowerCase()}`;
}

/**
 * Replays one migration's operations on the state: the model state changes as
 * Django's `state_forwards` changes it, and each database effect Django's
 * PostgreSQL schema editor would have becomes an event.
 */
export function applyMigration(decl: MigrationDecl, state: DbState, reader: ExprReader, options: MigrationReadOptions): { events: DjangoEvent[]; notes: DjangoNote[] } {
  const run: Run = { decl, reader, options, events: [], notes: [], created: new Set(), deferred: [] };
  for (const u of decl.unreadable) run.notes.push({ kind: "not-read", path: decl.path, index: u.node.startIndex, message: `${u.what} cannot be read statically; it is left out` });
  for (const node of decl.operations) applyOperation(run, { state, database: true }, node, node);
  flushDeferred(run, state);
  return { events: run.events, notes: run.notes };
}

function applyOperation(run: Run, target: Target, node: SyntaxNode, opNode: SyntaxNode): void {
  const { reader } = run;
  const e = reader.read(node);
  if (e.kind !== "call") {
    run.notes.push({ kind: "not-read", path: run.decl.path, index: node.startIndex, message: "an operation that is not a call is left out" });
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
      run.notes.push({ kind: "not-read", path: run.decl.path, index: node.startIndex, message: `${op}: the model name cannot be read statically; the operation is left out` });
      return null;
    }
    return modelOf(target.state, modelKey(app, n));
  };

  // AddField and AlterField: (model_name, name, field); a part that cannot be read is a note.
  const fieldOperation = (): { model: ModelState; name: string; field: FieldSpec } | null => {
    const model = modelNamed(0, "model_name");
    const name = str(1, "name");
    const fieldNode = arg(2, "field");
    if (!model || name === null || !fieldNode) {
      fx.unreadable(node, "field");
      return null;
    }
    const field = readField(name, fieldNode, reader, run.options);
    if (!field) fx.unreadable(fieldNode, "field");
    else unknownFlags(run, target, op, field);
    return field ? { model, name, field } : null;
  };

  switch (op) {
    case "CreateModel": {
      const name = str(0, "name");
      if (name === null) return fx.unreadable(node, "model name");
      const { fields, unreadable } = readFieldList(listArg(run, op, arg(1, "fields"), "the fields list"), reader, run.options);
      for (const u of unreadable) run.notes.push({ kind: "not-read", path: run.decl.path, index: u.startIndex, message: "a field that cannot be read statically is left out" });
      for (const f of fields) unknownFlags(run, target, op, f);
      const optionsNode = arg(2, "options");
      const options = reader.read(optionsNode ?? node);
      const opt = new Map<string, SyntaxNode>();
      if (options.kind === "dict")
        for (const [k, v] of options.entries) {
          const key = reader.string(k);
          if (key !== null) opt.set(key, v);
          else run.notes.push({ kind: "not-read", path: run.decl.path, index: k.startIndex, message: `${op}: an option whose name cannot be read statically is left out` });
        }
      else if (optionsNode && optionsNode.type !== "none")
        run.notes.push({ kind: "not-read", path: run.decl.path, index: optionsNode.startIndex, message: `${op}: the options cannot be read statically; they are left out` });
      const dbTable = reader.string(opt.get("db_table"));
      const model: ModelState = {
        app,
        name,
        table: dbTable ?? defaultTable(app, name),
        explicitTable: dbTable !== null,
        fields,
        indexes: known(run, listArg(run, op, opt.get("indexes"), "the indexes option"), (n) => readIndex(n, reader), "an index class index-audit does not know is left out"),
        constraints: known(run, listArg(run, op, opt.get("constraints"), "the constraints option"), (n) => readConstraint(n, reader), "a constraint that cannot be read statically is left out"),
        uniqueTogether: together(run, opt.get("unique_together"), reader),
        indexTogether: together(run, opt.get("index_together"), reader),
        unmanaged: false,
      };
      const proxyOrSwapped = reader.bool(opt.get("proxy"), false) || swapped(run, op, app, name, opt.get("swappable"));
      model.unmanaged = proxyOrSwapped || !reader.bool(opt.get("managed"), true);
      if (proxyOrSwapped) model.proxyOrSwapped = true;
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
      if (!model) return;
      if (newName === null) return fx.unreadable(node, "new model name");
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
      const read = fieldOperation();
      if (!read) return;
      const { model, name, field } = read;
      model.fields = [...model.fields.filter((f) => f.name !== name), field];
      fx.addField(model, field);
      return;
    }
    case "RemoveField": {
      const model = modelNamed(0, "model_name");
      const name = str(1, "name");
      if (!model) return;
      if (name === null) return fx.unreadable(node, "field name");
      const field = fieldOf(model, name);
      if (!field) return;
      model.fields = model.fields.filter((f) => f !== field);
      fx.removeField(model, field);
      return;
    }
    case "AlterField": {
      const read = fieldOperation();
      if (!read) return;
      const { model, name, field } = read;
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
      if (!model) return;
      if (from === null || to === null) return fx.unreadable(node, "field names");
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
      if (!model.unmanaged) fx.drop(name, model.table, op === "RemoveIndexConcurrently", true);
      return;
    }
    case "RenameIndex": {
      const model = modelNamed(0, "model_name");
      const newName = str(1, "new_name");
      const oldName = reader.string(e.kwargs.get("old_name") ?? e.args[2]);
      const oldFields = strict(e.kwargs.get("old_fields") ?? e.args[3], reader);
      if (oldFields === null) return fx.unreadable(node, "old_fields");
      if (!model || newName === null) return fx.unreadable(node, "index name");
      if (oldName !== null) {
        model.indexes = model.indexes.map((i) => (fx.indexName(model, i) === oldName ? { ...i, name: newName } : i));
        if (!model.unmanaged) fx.rename(oldName, newName, model.table);
      } else if (oldFields.length > 0) {
        // An unnamed index_together index gets a name: Django finds it by its columns.
        const columns = oldFields.map((f) => columnFor(model, f));
        const found = fx.find(model.table, columns, (c) => c.kind === "index");
        model.indexTogether = model.indexTogether.filter((s) => s.join("\0") !== oldFields.join("\0"));
        model.indexes = [...model.indexes, { cls: "Index", name: newName, unreadable: null, fields: oldFields.map((f) => ({ field: f, descending: false })), expressions: [], condition: null, include: [], opclasses: [], method: "btree", node }];
        if (found[0] && !model.unmanaged) fx.rename(found[0].name, newName, model.table);
      }
      return;
    }
    case "AddConstraint":
    case "AddConstraintNotValid": {
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
      if (target.state.catalog.has(name) && !model.unmanaged) fx.drop(name, model.table, false, true);
      return;
    }
    case "AlterUniqueTogether":
    case "AlterIndexTogether": {
      const model = modelNamed(0, "name");
      if (!model) return;
      const sets = togetherSets(arg(1, op === "AlterUniqueTogether" ? "unique_together" : "index_together"), reader);
      if (sets === null) return fx.unreadable(node, "field names");
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
      const stateOps = listArg(run, op, e.kwargs.get("state_operations"), "state_operations");
      // RunSQL(atomic=True) in a non-atomic migration runs in a transaction of its own.
      const sqlAt: At = reader.bool(e.kwargs.get("atomic"), false) ? { ...here, atomic: true } : here;
      if (target.database) for (const v of sqlValues(sql, reader)) {
        if (v.kind === "str" && v.value.kind === "str" && v.value.text.trim() === "") continue;
        if (v.kind === "str") run.events.push({ kind: "sql", value: v.value, at: sqlAt });
        else run.notes.push({ kind: "not-read", path: run.decl.path, index: v.node.startIndex, message: "RunSQL: SQL that cannot be read statically is left out" });
      }
      for (const s of stateOps) applyOperation(run, { state: target.state, database: false }, s, opNode);
      return;
    }
    case "SeparateDatabaseAndState": {
      // The database operations run on a state of their own; only state_operations change the project state.
      const dbOps = listArg(run, op, arg(0, "database_operations"), "database_operations");
      const stateOps = listArg(run, op, arg(1, "state_operations"), "state_operations");
      if (target.database) {
        const scratch = cloneState(target.state);
        for (const d of dbOps) applyOperation(run, { state: scratch, database: true }, d, d);
      }
      for (const s of stateOps) applyOperation(run, { state: target.state, database: false }, s, s);
      return;
    }
    case "RunPython":
      if (target.database) run.notes.push({ kind: "not-read", path: run.decl.path, index: node.startIndex, message: "RunPython is not read (code run at migration time); any index it creates is not in the inventory" });
      return;
    case "AlterModelOptions": {
      // `managed` decides whether Django touches the table at all from here on.
      const model = modelNamed(0, "name");
      const optionsNode = arg(1, "options");
      const options = reader.read(optionsNode ?? node);
      if (!model) return;
      // A **splat or a key not known may hold managed; a value not known may be either.
      const managed = options.kind === "dict" ? options.entries.find(([k]) => reader.string(k) === "managed")?.[1] : undefined;
      const unread =
        options.kind !== "dict" || options.node.namedChildren.some((c) => c.type === "dictionary_splat") || options.entries.some(([k]) => reader.string(k) === null) || (managed !== undefined && reader.read(managed).kind !== "bool");
      if (unread) {
        if (optionsNode) run.notes.push({ kind: "not-read", path: run.decl.path, index: optionsNode.startIndex, message: `${op}: the options cannot be read statically; a change of managed in them is not seen` });
        return;
      }
      // Django's state_forwards drops `managed` when the options leave it out: the model is managed again.
      model.unmanaged = model.proxyOrSwapped === true || (managed !== undefined && !reader.bool(managed, true));
      return;
    }
    case "CreateCollation": {
      const name = str(0, "name");
      if (name !== null && e.kwargs.get("deterministic")?.type === "false") target.state.nondeterministic.add(name);
      return;
    }
    // No index or unique constraint comes of these.
    case "AlterModelManagers":
    case "AlterOrderWithRespectTo":
    case "AlterModelTableComment":
    case "CreateExtension":
    case "BloomExtension":
    case "BtreeGinExtension":
    case "BtreeGistExtension":
    case "CITextExtension":
    case "CryptoExtension":
    case "HStoreExtension":
    case "TrigramExtension":
    case "UnaccentExtension":
    case "RemoveCollation":
    case "ValidateConstraint":
      return;
    default:
      run.notes.push({ kind: "not-read", path: run.decl.path, index: node.startIndex, message: `${op}: an operation index-audit does not know is left out` });
  }
}

/** A field's `unique=`, `db_index=` or `primary_key=` not known statically (read as Django's default), or a field class whose column type is not known: said where it is written. */
function unknownFlags(run: Run, target: Target, op: string, field: FieldSpec): void {
  if (!target.database) return;
  if (field.unknownType) {
    const template = field.node.text.replace(/\s+/g, " ");
    run.notes.push({ kind: "dynamic", path: run.decl.path, index: field.node.startIndex, message: `${op}: field ${field.name} is a ${field.cls}, not a field class index-audit knows: whether its column is varchar or text, which also gets a _like index, is not known`, template });
  }
  for (const u of field.unknownFlags ?? []) {
    const written = u.node.parent?.type === "keyword_argument" ? u.node.parent : u.node;
    run.notes.push({ kind: "dynamic", path: run.decl.path, index: written.startIndex, message: `${op}: ${u.flag}= of field ${field.name} is not known statically: read as Django's default, so the index or constraint it may make is not listed`, template: written.text.replace(/\s+/g, " ") });
  }
}

/** Items of a list argument or option; one present but not readable statically is noted and taken as empty. */
function listArg(run: Run, op: string, node: SyntaxNode | undefined, what: string): SyntaxNode[] {
  if (!node || node.type === "none") return [];
  const { items, unread } = run.reader.parts(node);
  // Lists joined with `+`: the parts known are read, each other part is said.
  if (unread.length === 1 && unread[0] === node) run.notes.push({ kind: "not-read", path: run.decl.path, index: node.startIndex, message: `${op}: ${what} cannot be read statically; everything in it is left out` });
  else for (const u of unread) run.notes.push({ kind: "not-read", path: run.decl.path, index: u.startIndex, message: `${op}: this part of ${what} cannot be read statically; what it holds is left out` });
  return items;
}

/** A together option; one that cannot be read statically is noted and taken as none. */
function together(run: Run, node: SyntaxNode | undefined, reader: ExprReader): string[][] {
  const sets = togetherSets(node, reader);
  if (sets === null) run.notes.push({ kind: "not-read", path: run.decl.path, index: node!.startIndex, message: "a together option that cannot be read statically is left out" });
  return sets ?? [];
}

/** What `read` makes of each node; a node it cannot read is noted, not dropped silently. */
function known<T>(run: Run, nodes: readonly SyntaxNode[], read: (n: SyntaxNode) => T | null, message: string): T[] {
  const out: T[] = [];
  for (const n of nodes) {
    const x = read(n);
    if (x !== null) out.push(x);
    else run.notes.push({ kind: "not-read", path: run.decl.path, index: n.startIndex, message });
  }
  return out;
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
