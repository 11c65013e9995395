import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Env } from "../../python/evaluate.js";
import { calleeText } from "../../python/expand.js";
import { lastName } from "../../python/env.js";
import { plainLiteral } from "../literal.js";
import { argsOf, flag, INDEX_FLAGS, keyOf, schemaValue, stringValue, unknownFlag, writtenName, type Holes, type Key } from "./arguments.js";
import type { RevisionContext } from "./context.js";
import { assignedIn } from "./dialect.js";
import { createIndexSql } from "./index-sql.js";
import { DEFAULT_CONVENTION } from "./naming.js";
import { ident, qualifiedIdent } from "./sql-text.js";

/** What a standalone Index builds or drops, or why it is not read. */
export type StandaloneRead = { sql: string; generated: boolean; holes: ReadonlyMap<string, string> } | { reason: string };

/**
 * The CREATE INDEX SQLAlchemy emits for an `Index` built outside Alembic's
 * operations, on a `Table` the revision declares with a fresh `MetaData()`
 * (so no naming convention applies): `sa.Index("ix", t.c.a).create(bind)`,
 * `op.execute(CreateIndex(sa.Index("ix", t.c.a, unique=True)))`. Its
 * columns are the table's (`t.c.a`, `t.c["a"]`), expressions of them
 * (`sa.func.lower(t.c.a)`) or, beside one of them, a name or `text(...)`. Anything else (an unnamed Index, a table reflected or
 * of the models' metadata) is not read: the reason says why.
 */
export function standaloneIndex(ctx: RevisionContext, index: SyntaxNode, env: Env): StandaloneRead {
  const args = argsOf(index, { ctx, env });
  if (args.unread) return { reason: args.unread.reason };
  const name = writtenName(ctx, args.arg(0, "name"), env);
  if (!name) return { reason: "its name is not known statically (an unnamed Index is named by its table's metadata)" };
  const unknown = unknownFlag(ctx, args, env, [[-1, "unique"], ...INDEX_FLAGS]);
  if (unknown) return { reason: unknown.reason };
  const holes: Holes = { map: new Map() };
  const keys: Key[] = [];
  for (const [k, node] of args.positional.slice(1).entries()) {
    const column = tableColumn(node);
    if (column) {
      keys.push({ column: column.name, sql: ident(column.name) });
      continue;
    }
    const key = keyOf(ctx, node, args.envs[k + 1] ?? env);
    if (!key) return { reason: `${node.text.replace(/\s+/g, " ")} is not known statically` };
    keys.push(key);
  }
  const tableVar = tableOf(args.positional.slice(1));
  if (tableVar === MIXED) return { reason: "its columns are of more than one table" };
  const table = tableVar === null ? null : declaredTable(ctx, index, tableVar, env);
  if (!table) return { reason: "its table is not a Table the revision declares with a MetaData() of its own" };
  const sql = createIndexSql({ ...ctx, convention: DEFAULT_CONVENTION }, args, env, name, table.name, table.schema, keys, flag(ctx, args.arg(-1, "unique"), env), holes);
  return sql ? { ...sql, holes: holes.map } : { reason: "its name is not known statically" };
}

/** `DropIndex(sa.Index("ix", ...))`: DROP INDEX of its name, in its table's schema when it names a declared table's columns. */
export function standaloneDrop(ctx: RevisionContext, index: SyntaxNode, env: Env): StandaloneRead {
  const args = argsOf(index, { ctx, env });
  const name = args.unread ? undefined : writtenName(ctx, args.arg(0, "name"), env);
  if (!name) return { reason: "the index name is not known statically" };
  const tableVar = tableOf(args.positional.slice(1));
  if (tableVar === MIXED) return { reason: "its columns are of more than one table" };
  const table = tableVar === null ? null : declaredTable(ctx, index, tableVar, env);
  if (tableVar !== null && !table) return { reason: "its table is not a Table the revision declares with a MetaData() of its own" };
  return { sql: `DROP INDEX ${qualifiedIdent(table?.schema ?? null, name.text)}`, generated: false, holes: new Map() };
}

/** Columns of more than one table variable. */
const MIXED = Symbol("mixed");

/** The table variable an Index's elements name columns of (`t.c.a`, also inside an expression: `sa.func.lower(t.c.a)`); null: none. */
function tableOf(elements: readonly SyntaxNode[]): string | null | typeof MIXED {
  let table: string | null = null;
  for (const element of elements) {
    for (const node of [element, ...element.descendantsOfType(["attribute", "subscript"])]) {
      const column = tableColumn(node);
      if (!column) continue;
      if (table !== null && table !== column.table) return MIXED;
      table = column.table;
    }
  }
  return table;
}

/** `t.c.a` or `t.c["a"]`: the table variable and the column's name. */
function tableColumn(node: SyntaxNode): { table: string; name: string } | null {
  const object = node.type === "attribute" ? node.childForFieldName("object") : node.type === "subscript" ? node.childForFieldName("value") : null;
  const table = object?.type === "attribute" && object.childForFieldName("attribute")?.text === "c" ? object.childForFieldName("object") : null;
  if (table?.type !== "identifier") return null;
  const subscript = node.type === "subscript" ? node.childForFieldName("subscript") : null;
  const name = node.type === "attribute" ? (node.childForFieldName("attribute")?.text ?? null) : subscript ? plainLiteral(subscript) : null;
  return name === null ? null : { table: table.text, name };
}

/** The table a name is bound to once: `sa.Table("t", sa.MetaData(), ..., schema=...)`, or with a name bound once to a bare `MetaData()`. */
function declaredTable(ctx: RevisionContext, at: SyntaxNode, variable: string, env: Env): { name: string; schema: string | null } | null {
  const functionNamed = (f: string): SyntaxNode | null => ctx.info.functionNamed(f);
  // Bound in the function, else at module level (a statement of the module stands for it).
  let module: SyntaxNode = at;
  while (module.parent) module = module.parent;
  const call = assignedIn(at, functionNamed)(variable) ?? (module.firstNamedChild ? assignedIn(module.firstNamedChild, functionNamed)(variable) : null);
  if (call?.type !== "call" || lastName(calleeText(call)) !== "Table") return null;
  const args = argsOf(call);
  const name = stringValue(ctx, args.positional[0] ?? null, env);
  const schema = schemaValue(ctx, args.arg(-1, "schema"), env);
  const metadataNode = args.positional[1] ?? null;
  const metadata = metadataNode?.type === "identifier" ? assignedIn(call, functionNamed)(metadataNode.text) : metadataNode;
  // A MetaData of the revision's own, without a naming convention or a default schema (bind= aside): the name and schema written are the index's.
  const fresh = metadata?.type === "call" && lastName(calleeText(metadata)) === "MetaData" && (metadata.childForFieldName("arguments")?.namedChildren ?? []).every((a) => a.type === "comment" || (a.type === "keyword_argument" && a.childForFieldName("name")?.text === "bind"));
  return name === null || schema === undefined || !fresh ? null : { name, schema };
}
