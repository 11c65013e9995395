import type { SyntaxNode } from "../../python/syntax-node.js";
import { calleeText } from "../../python/expand.js";
import { argsOf, stringValue } from "./arguments.js";
import { dynamic, push, type RevisionContext, type RevisionOutput, type State } from "./context.js";
import { elementAt } from "./elements.js";
import { libraryClass } from "./library-names.js";
import { qualifiedIdent } from "./sql-text.js";

/** alembic_utils' operations on an entity. */
const ENTITY_OPERATIONS: ReadonlySet<string> = new Set(["create_entity", "replace_entity", "drop_entity"]);

/** alembic_utils' entities whose SQL makes no index (a function's or procedure's body may, when it is called). */
const INDEXLESS_ENTITIES: ReadonlySet<string> = new Set(["PGView", "PGMaterializedView", "PGTrigger", "PGPolicy", "PGGrantTable", "PGExtension"]);

/**
 * `op.<method>(...)` of an operation Alembic does not define: one a project
 * or a library registered with `Operations.register_operation`, which runs
 * whatever its implementation does. Said, unless it is one of a library's
 * known to make no index: alembic-postgresql-enum's `sync_enum_values`, and
 * alembic_utils' `create_entity`, `replace_entity` and `drop_entity` of a view,
 * materialized view, trigger, policy, grant or extension (imported from
 * alembic_utils, built in the call or in a name bound once). Dropping or
 * replacing a materialized view (alembic_utils drops and creates it again)
 * drops the indexes made on it: that DROP is emitted for replay.
 */
export function customOperation(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, method: string, state: State): boolean {
  if (method === "sync_enum_values") return true;
  if (ENTITY_OPERATIONS.has(method)) {
    const args = argsOf(call, { ctx, env: state.env });
    const written = args.arg(0, "entity");
    const entity = written ? elementAt(ctx, written, state.env) : null;
    const kind = entity?.node.type === "call" ? libraryClass(entity.ctx.info.root, "alembic_utils", INDEXLESS_ENTITIES, calleeText(entity.node)) : null;
    if (entity && kind === "PGMaterializedView" && method !== "create_entity") return dropMaterializedView(ctx, out, call, entity, method, state);
    if (kind !== null) return true;
  }
  return dynamic(ctx, out, call, state, `${method}() is not one of Alembic's operations: a custom operation (Operations.register_operation), whose implementation is not read`);
}

/** `DROP MATERIALIZED VIEW IF EXISTS schema.name` of a PGMaterializedView(schema, signature, definition): its indexes go with it. */
function dropMaterializedView(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, entity: ReturnType<typeof elementAt>, method: string, state: State): boolean {
  const args = argsOf(entity.node, { ctx: entity.ctx, env: entity.env });
  const schema = stringValue(entity.ctx, args.arg(0, "schema"), entity.env);
  const name = stringValue(entity.ctx, args.arg(1, "signature"), entity.env);
  if (schema === null || name === null) return dynamic(ctx, out, call, state, `${method}() of a materialized view whose schema or name is not known statically: the indexes it drops are not known`);
  push(ctx, out, `DROP MATERIALIZED VIEW IF EXISTS ${qualifiedIdent(schema, name)}`, call, state, `op.${method}`, false);
  return true;
}
