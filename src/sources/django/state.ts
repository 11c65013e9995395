import type { FieldSpec } from "./fields.js";
import { columnOf } from "./fields.js";
import type { ConstraintSpec, IndexSpec } from "./specs.js";
import { truncateName, DJANGO_MAX_NAME_LENGTH } from "./names.js";

/** A model as the migrations so far leave it (Django's ModelState, reduced to what indexes need). */
export interface ModelState {
  app: string;
  /** As written (`Order`); keys use it lower-cased. */
  name: string;
  table: string;
  /** `db_table` given: renaming the model keeps the table. */
  explicitTable: boolean;
  fields: FieldSpec[];
  indexes: IndexSpec[];
  constraints: ConstraintSpec[];
  uniqueTogether: string[][];
  indexTogether: string[][];
  /** `managed = False`, a proxy or swapped out: Django creates nothing in the database for it. */
  unmanaged: boolean;
  /** A proxy or swapped out, which AlterModelOptions does not change (its `managed` alone it sets, or resets to True). */
  proxyOrSwapped?: true;
}

/** An index or constraint the database holds, by name (what introspection would find). */
export interface CatalogEntry {
  name: string;
  table: string;
  columns: string[];
  kind: "index" | "unique-index" | "unique" | "pk" | "exclude";
  method: string;
}

/** The database's indexes and constraints by name, and by table (a model's are looked up often). */
export class Catalog {
  private readonly byName = new Map<string, CatalogEntry>();
  private readonly byTable = new Map<string, Set<string>>();

  get(name: string): CatalogEntry | undefined {
    return this.byName.get(name);
  }

  has(name: string): boolean {
    return this.byName.has(name);
  }

  set(entry: CatalogEntry): void {
    this.delete(entry.name);
    this.byName.set(entry.name, entry);
    let names = this.byTable.get(entry.table);
    if (!names) this.byTable.set(entry.table, (names = new Set()));
    names.add(entry.name);
  }

  delete(name: string): void {
    const old = this.byName.get(name);
    if (!old) return;
    this.byName.delete(name);
    this.byTable.get(old.table)?.delete(name);
  }

  /** The entries on a table, in the order they were made. */
  onTable(table: string): CatalogEntry[] {
    return [...(this.byTable.get(table) ?? [])].map((n) => this.byName.get(n)!);
  }
}

export interface DbState {
  models: Map<string, ModelState>;
  catalog: Catalog;
  /** Collations created with `CreateCollation(..., deterministic=False)`. */
  nondeterministic: Set<string>;
}

export function modelKey(app: string, name: string): string {
  return `${app}.${name.toLowerCase()}`;
}

/** `app.Model` or `Model` (in `app`) → the model's key. */
export function resolveModelRef(ref: string, app: string): string {
  const dot = ref.indexOf(".");
  return dot < 0 ? modelKey(app, ref) : modelKey(ref.slice(0, dot), ref.slice(dot + 1));
}

export function defaultTable(app: string, model: string): string {
  return `${app}_${model.toLowerCase()}`;
}

export function cloneState(s: DbState): DbState {
  const models = new Map<string, ModelState>();
  for (const [k, m] of s.models)
    models.set(k, { ...m, fields: [...m.fields], indexes: [...m.indexes], constraints: [...m.constraints], uniqueTogether: m.uniqueTogether.map((t) => [...t]), indexTogether: m.indexTogether.map((t) => [...t]) });
  return { models, catalog: s.catalog, nondeterministic: s.nondeterministic };
}

/** The model, or one with Django's default table for a model outside the project (`auth.User`). */
export function modelOf(state: DbState, key: string): ModelState {
  const found = state.models.get(key);
  if (found) return found;
  const [app, name] = [key.slice(0, key.indexOf(".")), key.slice(key.indexOf(".") + 1)];
  return { app, name, table: defaultTable(app, name), explicitTable: false, fields: [], indexes: [], constraints: [], uniqueTogether: [], indexTogether: [], unmanaged: true };
}

export function fieldOf(model: ModelState, name: string): FieldSpec | null {
  return model.fields.find((f) => f.name === name) ?? model.fields.find((f) => f.name.toLowerCase() === name.toLowerCase()) ?? null;
}

/** A field name (as indexes and `unique_together` give it) → its column; unknown names are taken as columns. */
export function columnFor(model: ModelState, field: string): string {
  const f = fieldOf(model, field) ?? model.fields.find((x) => columnOf(x) === field);
  return f ? columnOf(f) : field;
}

/** The auto-created table of a many-to-many field, with its two columns. */
export interface ThroughTable {
  table: string;
  from: string;
  to: string;
}

export function throughTable(model: ModelState, field: FieldSpec, state: DbState): ThroughTable | null {
  const rel = field.relation;
  if (rel?.kind !== "m2m" || rel.through) return null;
  const target = modelOf(state, resolveModelRef(rel.to, model.app));
  let from = model.name.toLowerCase();
  let to = target.name.toLowerCase();
  if (from === to) {
    from = `from_${from}`;
    to = `to_${to}`;
  }
  return { table: rel.dbTable ?? truncateName(`${model.table}_${field.name}`, DJANGO_MAX_NAME_LENGTH), from: `${from}_id`, to: `${to}_id` };
}

/**
 * The fields of Django's own contrib models a key may point at, for a key to
 * one whose migrations are not read (a project's `paths` seldom reach
 * site-packages): each model's primary key (Session's is a CharField, the
 * others integers), then its single unique fields (`to_field="username"`).
 */
interface ContribModel {
  pk: string;
  fields: Readonly<Record<string, "varchar" | "other">>;
}
const CONTRIB_KEYS: ReadonlyMap<string, ContribModel> = new Map<string, ContribModel>([
  ["sessions.session", { pk: "session_key", fields: { session_key: "varchar" } }],
  ["auth.user", { pk: "id", fields: { id: "other", username: "varchar" } }],
  ["auth.group", { pk: "id", fields: { id: "other", name: "varchar" } }],
  ["sites.site", { pk: "id", fields: { id: "other", domain: "varchar" } }],
  ...["auth.permission", "contenttypes.contenttype", "admin.logentry", "flatpages.flatpage", "redirects.redirect"].map((k): [string, ContribModel] => [k, { pk: "id", fields: { id: "other" } }]),
]);

/** The type of the field (the primary key, else `toField`) of a model no migration read makes (`app.model`): Django's own are known. */
export function unreadKeyType(key: string, toField: string | null = null): "varchar" | "other" | "unknown" {
  const model = CONTRIB_KEYS.get(key);
  return (model && Object.hasOwn(model.fields, toField ?? model.pk) ? model.fields[toField ?? model.pk] : undefined) ?? "unknown";
}

/**
 * The column type a field gives PostgreSQL, for the `_like` index: a foreign
 * key takes its target's type (a key to a CharField primary key is varchar).
 * "unknown": a key to a model no migration read makes, other than Django's
 * own, whose primary key may be text.
 */
export function columnType(field: FieldSpec, model: ModelState, state: DbState): "varchar" | "text" | "other" | "none" | "unknown" {
  return keyEnd(field, model, state).type;
}

/** Where a field's chain of keys ends: its type, and the model no migration read makes when it ends there ("unknown"; `app.` for a target not known statically). */
export function keyEnd(field: FieldSpec, model: ModelState, state: DbState): { type: "varchar" | "text" | "other" | "none" | "unknown"; unread: string | null } {
  // A key to a key (the parent links of multi-table inheritance) is followed to its end; keys in a cycle have no type.
  const seen = new Set<FieldSpec>();
  let [f, m] = [field, model];
  while (f.type === "relation") {
    if (seen.has(f)) return { type: "other", unread: null };
    seen.add(f);
    const rel = f.relation!;
    const key = resolveModelRef(rel.to, m.app);
    if (!state.models.has(key)) return { type: unreadKeyType(key, rel.toField), unread: rel.to === "" ? "" : key };
    const target = modelOf(state, key);
    const next = rel.toField ? fieldOf(target, rel.toField) : target.fields.find((x) => x.primaryKey);
    if (!next) return { type: "other", unread: null };
    [f, m] = [next, target];
  }
  return { type: f.type, unread: null };
}

/** The field a foreign key points at (its `to_field`, else the target's primary key), when the state knows it. */
export function targetField(field: FieldSpec, model: ModelState, state: DbState): FieldSpec | null {
  const rel = field.relation;
  if (!rel) return null;
  const target = modelOf(state, resolveModelRef(rel.to, model.app));
  return (rel.toField ? fieldOf(target, rel.toField) : target.fields.find((f) => f.primaryKey)) ?? null;
}
