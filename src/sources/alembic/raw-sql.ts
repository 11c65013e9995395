import type { SyntaxNode } from "../../python/syntax-node.js";
import { lineIndexOf } from "../../source/text.js";
import { calleeText } from "../../python/expand.js";
import { lastName } from "../../python/env.js";
import { holedText } from "../../python/holes.js";
import { argsOf, type Args } from "./arguments.js";
import { dynamic, push, type RevisionContext, type RevisionOutput, type State } from "./context.js";
import { standaloneDrop, standaloneIndex } from "./standalone-index.js";

/** SQLAlchemy DDL elements handed to `op.execute` that build or drop an index or constraint. */
const DDL_CONSTRUCTS = new Set(["CreateIndex", "DropIndex", "CreateTable", "DropTable", "AddConstraint", "DropConstraint", "DropSchema"]);

/** The SQL handed to `op.execute`, `conn.execute`, `exec_driver_sql`. */
export function rawSql(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, executor: string, state: State, args: Args): boolean {
  const arg = args.arg(0, "sqltext") ?? args.arg(-1, "statement");
  if (!arg && args.unread) return dynamic(ctx, out, call, state, args.unread.reason, args.unread.node);
  if (!arg) return true;
  // SQLAlchemy's DDL constructs: CreateIndex / DropIndex of an Index on a Table declared here are read, any other is said.
  const construct = arg.type === "call" ? lastName(calleeText(arg)) : "";
  if (DDL_CONSTRUCTS.has(construct)) {
    const index = construct === "CreateIndex" || construct === "DropIndex" ? (argsOf(arg).positional[0] ?? null) : null;
    const read = index?.type === "call" && lastName(calleeText(index)) === "Index" ? (construct === "CreateIndex" ? standaloneIndex(ctx, index, state.env) : standaloneDrop(ctx, index, state.env)) : null;
    if (!read || "reason" in read) return dynamic(ctx, out, call, state, `a SQLAlchemy DDL construct: the index or constraint it builds is not read${read ? ` (${read.reason})` : ""}`, arg);
    push(ctx, out, read.sql, call, state, construct, read.generated, read.holes);
    return true;
  }
  const v = ctx.evaluator.evaluate(arg, state.env);
  // SQL known only at run time (`f.read()`, a parameter no caller gives): said, not passed over.
  if (v.kind === "unknown" && !isStatementBuilder(arg) && !isStatementBuilder(v.node)) return dynamic(ctx, out, call, state, `${v.reason}: any index its SQL makes is not read`, arg);
  // Not SQL text: a SQLAlchemy construct such as sa.insert(...), which builds no index.
  if (v.kind !== "str" && v.kind !== "template") return true;
  // Parts known only at run time (an f-string's `{table}`) are placeholder identifiers, as for a module.
  const { text: sql, offsets, holes, reason } = holedText(v);
  if (sql.trim() === "") return true;
  // Linear: anchored; runs of spaces around one keyword.
  const control = /^\s*(commit|end|begin|start\s+transaction)\s*;?\s*$/i.exec(sql)?.[1]?.toLowerCase();
  if (control === "commit" || control === "end") out.committed = true;
  else if (control !== undefined) out.committed = false;
  const at = state.site ?? call;
  const start = at.startIndex;
  out.statements.push({
    file: ctx.source.path,
    sql,
    offsets,
    ...(holes.size > 0 && reason !== null ? { holes, holeReason: reason } : {}),
    migration: ctx.revision,
    transaction: state.transaction && !out.committed,
    nameGenerated: false,
    anchorLine: lineIndexOf(ctx.source, start) + 1,
    start,
    end: at.endIndex,
    function: state.fn,
    executor,
    ...(state.runsIf ? { runsIf: state.runsIf } : {}),
    // Under an `if` the reader does not decide, as for an operation (push): listed as one that may not run, never as surely built.
    ...(state.guards.length > 0 ? { guards: state.guards } : {}),
  });
  return true;
}

/**
 * SQLAlchemy's statement builders and ORM queries
 * (`t.update().where(...).values(...)`, `sa.insert(t)`, `sa.select(...)`,
 * `table("t", column("a"))`, `session.query(X)`) and other constructs made
 * by a class (`CreateSchema("x")`, `CreateSequence(seq)`): no SQL text of
 * the project's own.
 */
function isStatementBuilder(node: SyntaxNode): boolean {
  if (node.type === "call" && /^[A-Z]/.test(lastName(calleeText(node)))) return true;
  // Linear: one pass of alternatives, each a word then `(`.
  return /\b(?:insert|update|delete|select|values|where|from_select|returning|union|union_all|table|query|filter|filter_by|order_by)\s*\(/.test(node.text);
}

