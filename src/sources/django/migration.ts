import type { SyntaxNode } from "../../python/syntax-node.js";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";

/** A migration's key: app label and migration name. */
export interface MigrationKey {
  app: string;
  name: string;
}

/** One `class Migration(migrations.Migration)` as written. */
export interface MigrationDecl extends MigrationKey {
  path: string;
  /** Where the class starts (graph problems are reported there). */
  index: number;
  dependencies: MigrationKey[];
  runBefore: MigrationKey[];
  replaces: MigrationKey[];
  /** `atomic = False` runs the migration outside a transaction. */
  atomic: boolean;
  /** The calls in `operations = [...]`, in order. */
  operations: SyntaxNode[];
  /** Dependencies and the like that could not be read statically (reported, never guessed). */
  unreadable: { node: SyntaxNode; what: string }[];
}

export interface MigrationReadOptions {
  /** `settings.AUTH_USER_MODEL` (`app_label.ModelName`). */
  authUserModel: string;
  /**
   * The settings module's other top-level assignments a model may name as
   * `swappable` (`HOOK_CUSTOM_MODEL = "shop.Hook"`): the string, or null when
   * it is assigned something not known statically.
   */
  settings?: ReadonlyMap<string, string | null>;
}

/** The migration class of a module, when it has one. */
export function findMigrationClass(root: SyntaxNode): SyntaxNode | null {
  for (const st of root.namedChildren) {
    const cls = st.type === "decorated_definition" ? st.childForFieldName("definition") : st;
    if (cls?.type !== "class_definition" || cls.childForFieldName("name")?.text !== "Migration") continue;
    const bases = cls.childForFieldName("superclasses")?.namedChildren ?? [];
    if (bases.some((b) => /(^|\.)Migration$/.test(b.text.replace(/\s+/g, "")))) return cls;
  }
  return null;
}

export function readMigration(cls: SyntaxNode, key: MigrationKey, path: string, reader: ExprReader, options: MigrationReadOptions): MigrationDecl {
  const decl: MigrationDecl = { ...key, path, index: cls.startIndex, dependencies: [], runBefore: [], replaces: [], atomic: true, operations: [], unreadable: [] };
  for (const st of cls.childForFieldName("body")?.namedChildren ?? []) {
    if (st.type !== "expression_statement") continue;
    const assign = st.firstNamedChild;
    if (assign?.type !== "assignment") continue;
    const target = assign.childForFieldName("left")?.text;
    const value = assign.childForFieldName("right");
    if (!target || !value) continue;
    switch (target) {
      case "dependencies":
        decl.dependencies = keysOf(value, reader, options, decl, "dependency");
        break;
      case "run_before":
        decl.runBefore = keysOf(value, reader, options, decl, "run_before entry");
        break;
      case "replaces":
        decl.replaces = keysOf(value, reader, options, decl, "replaces entry");
        break;
      case "atomic":
        decl.atomic = reader.bool(value, true);
        break;
      case "operations": {
        const items = reader.items(value);
        if (items === null) decl.unreadable.push({ node: value, what: "operations list" });
        else decl.operations = items;
        break;
      }
    }
  }
  return decl;
}

function keysOf(node: SyntaxNode, reader: ExprReader, options: MigrationReadOptions, decl: MigrationDecl, what: string): MigrationKey[] {
  const items = reader.items(node);
  if (items === null) {
    decl.unreadable.push({ node, what: `${what} list` });
    return [];
  }
  const out: MigrationKey[] = [];
  for (const item of items) {
    const key = keyOf(item, reader, options);
    if (key) out.push(key);
    else decl.unreadable.push({ node: item, what });
  }
  return out;
}

/** `("app", "0001_initial")`, or `migrations.swappable_dependency(settings.AUTH_USER_MODEL)`: the user model's first migration. */
function keyOf(node: SyntaxNode, reader: ExprReader, options: MigrationReadOptions): MigrationKey | null {
  const e = reader.read(node);
  if (e.kind === "seq" && e.items.length === 2) {
    const app = reader.string(e.items[0]);
    const name = reader.string(e.items[1]);
    return app !== null && name !== null ? { app, name } : null;
  }
  if (e.kind === "call" && lastSegment(e.callee) === "swappable_dependency" && e.args[0]) {
    const model = swappableModel(e.args[0], reader, options);
    return model ? { app: model.slice(0, model.indexOf(".")), name: "__first__" } : null;
  }
  return null;
}

/** `settings.AUTH_USER_MODEL` (the configured user model) or a literal `"app.Model"`. */
export function swappableModel(node: SyntaxNode, reader: ExprReader, options: MigrationReadOptions): string | null {
  const e = reader.read(node);
  if (e.kind === "ref" && /(^|\.)AUTH_USER_MODEL$/.test(e.text)) return options.authUserModel;
  const s = reader.string(node);
  return s?.includes(".") ? s : null;
}
