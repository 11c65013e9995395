import type { SyntaxNode } from "../../python/syntax-node.js";
import { calleeText } from "../../python/expand.js";
import { lastName } from "../../python/env.js";
import { argsOf, stringValue } from "./arguments.js";
import { dynamic, push, type RevisionContext, type RevisionOutput, type State } from "./context.js";
import { METADATA_CALLS, metadataCallConvention } from "./convention.js";
import { createTable } from "./create-table.js";
import { elementAt, envValue, type Element } from "./elements.js";
import { ROOT_ENV } from "../../python/evaluate.js";
import { qualifiedIdent } from "./sql-text.js";
import { scopeOf } from "../../python/scope.js";

/**
 * `sa.Table("t", metadata, *columns_and_constraints).create(bind)` and
 * `.drop(bind)`: SQLAlchemy builds or drops the table outside Alembic's
 * operations, with the same DDL `op.create_table` emits, its constraint and
 * index names made by the Table's own MetaData's naming convention (not the
 * one env.py's target_metadata gives Alembic's operations).
 */

/** `Table(...)` the call's object is (written there, or a name assigned one, or a loop variable over such names); null when it is none. */
export function tableAt(ctx: RevisionContext, object: SyntaxNode, state: State): Element | null {
  const el = object.type === "call" ? { node: object, ctx, env: state.env, at: object } : object.type === "identifier" ? elementAt(ctx, object, state.env) : null;
  if (el?.node.type === "call" && lastName(calleeText(el.node)) === "Table") return el;
  // A loop's variable over the Tables a helper returns (`for t in define_tables(meta):`): the helper's variables are not
  // known here, so only what needs none of them is read (its MetaData, a parameter, is said not known).
  const v = object.type === "identifier" ? envValue(state.env, object.text) : undefined;
  return v?.kind === "unknown" && v.node.type === "call" && v.node.tree === object.tree && lastName(calleeText(v.node)) === "Table" ? { node: v.node, ctx, env: ROOT_ENV, at: v.node } : null;
}

/** What `.create()` / `.drop()` of a Table does, pushed; said when what it needs is not known statically. */
export function tableCreateOrDrop(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, table: Element, method: "create" | "drop", state: State): true {
  const verb = method === "drop" ? "drops" : "builds";
  const said = (why: string): true => dynamic(ctx, out, call, state, `a table SQLAlchemy ${verb} with Table(...).${method}(): ${why}`);
  const checkfirst = argsOf(call).arg(1, "checkfirst");
  // Table.create() and .drop() do not ask by default; checkfirst=True asks the database whether the table is there.
  if (checkfirst && checkfirst.type !== "false") return said("checkfirst= asks the database whether the table is there");
  const args = argsOf(table.node, { ctx: table.ctx, env: table.env });
  const tableState: State = { ...state, env: table.env };
  const metadata = args.arg(1, "metadata");
  const meta = metadata ? boundMetadata(table.ctx, metadata) ?? elementAt(table.ctx, metadata, table.env).node : null;
  // A Table that names no schema is in its MetaData's (`MetaData(schema="s")`).
  const metaSchemaNode = meta?.type === "call" && METADATA_CALLS.test(calleeText(meta)) ? argsOf(meta, { ctx: table.ctx, env: ROOT_ENV }).arg(-1, "schema") : null;
  const metaSchema = metaSchemaNode && metaSchemaNode.type !== "none" ? stringValue(table.ctx, metaSchemaNode, ROOT_ENV) : undefined;
  if (metaSchema === null) return said("the schema of its MetaData is not known statically");
  if (method === "drop") {
    const name = stringValue(table.ctx, args.arg(0, "name"), table.env);
    const schemaNode = args.arg(-1, "schema");
    const schema = schemaNode ? stringValue(table.ctx, schemaNode, table.env) : (metaSchema ?? null);
    if (name === null || (schemaNode && schema === null)) return said("its name or schema is not known statically");
    push(ctx, out, `DROP TABLE ${qualifiedIdent(schema, name)}`, call, state, "Table.drop", false);
    return true;
  }
  const read = meta?.type === "call" && METADATA_CALLS.test(calleeText(meta)) ? metadataCallConvention(meta, { source: ctx.source, info: table.ctx.info, evaluator: table.ctx.evaluator }) : null;
  // The names SQLAlchemy gives the table's unnamed constraints and indexes come from this MetaData's convention.
  if (read?.unknown !== null) return said("the naming convention of its MetaData is not known statically");
  return createTable({ ...table.ctx, convention: read.convention }, out, call, args, "Table.create", tableState, { nameKeyword: "name", firstElement: 2, ...(metaSchema !== undefined ? { schema: metaSchema } : {}) }) || true;
}

/**
 * `meta = MetaData()` and then `meta.bind = engine` (sqlalchemy-migrate's
 * idiom, kept in manila's revisions): the MetaData call, when the name is
 * assigned it once in its scope and otherwise only has its `bind` set; null
 * when it is anything else, or when anything in the scope may change what
 * the Table takes from it (`naming_convention` or `schema` named, `setattr`).
 */
function boundMetadata(ctx: RevisionContext, node: SyntaxNode): SyntaxNode | null {
  if (node.type !== "identifier") return null;
  const name = node.text;
  const scope = scopeOf(ctx.info, node);
  const b = scope.bindings.get(name);
  if (!b || b.count === 1) return null;
  let call: SyntaxNode | null = null;
  let binds = 0;
  for (const n of scope.node.descendantsOfType(["assignment", "attribute", "call"])) {
    // A nested function or class has names of its own.
    if (scopeOf(ctx.info, n) !== scope) continue;
    if (n.type === "call") {
      const fn = n.childForFieldName("function");
      if (fn?.type === "identifier" && fn.text === "setattr" && n.childForFieldName("arguments")?.namedChildren[0]?.text === name) return null;
      continue;
    }
    if (n.type === "attribute") {
      const attribute = n.childForFieldName("attribute")?.text;
      if (n.childForFieldName("object")?.text === name && (attribute === "naming_convention" || attribute === "schema")) return null;
      continue;
    }
    const left = n.childForFieldName("left");
    if (left?.type === "identifier" && left.text === name) {
      const right = n.childForFieldName("right");
      if (call !== null || right?.type !== "call" || !METADATA_CALLS.test(calleeText(right))) return null;
      call = right;
    } else if (left?.type === "attribute" && left.childForFieldName("object")?.text === name) {
      if (left.childForFieldName("attribute")?.text !== "bind") return null;
      binds++;
    }
  }
  // Every other binding of the name is one of those `bind` assignments (a loop, a with, a del, a global would be another).
  return call !== null && b.count === 1 + binds ? call : null;
}
