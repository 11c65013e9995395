import type { Env } from "../../python/evaluate.js";
import { flag, hole, stringList, stringValue, type Args, type Holes, type Key } from "./arguments.js";
import type { RevisionContext } from "./context.js";
import { conventionalName, type WrittenName } from "./naming.js";
import { ident, qualifiedIdent } from "./sql-text.js";
import { predicateSql } from "./sa-expression.js";

/**
 * The CREATE INDEX Alembic emits for an index (an `op.create_index` or a
 * `sa.Index`); null when its name is not known statically. Options known only
 * at run time are holes in the SQL: the index is still listed.
 */
export function createIndexSql(ctx: RevisionContext, args: Args, env: Env, written: WrittenName | null, table: string, schema: string | null, keys: Key[], unique: boolean, holes: Holes): { sql: string; generated: boolean } | null {
  // SQLAlchemy names an index by its columns; a text() key adds none.
  const columns = keys.flatMap((k) => (k.column === null ? [] : [k.column]));
  const n = conventionalName(written, { kind: "ix", table, schema, columns }, ctx.convention);
  // A name the convention makes from a column known only at run time is not known either.
  if (n === null || (n.generated && keys.some((k) => k.hole === true || k.expression === true))) return null;
  const opsNode = args.arg(-1, "postgresql_ops");
  const ops = opsNode ? ctx.evaluator.evaluate(opsNode, env) : null;
  const opclass = (column: string | null): string => {
    if (ops?.kind !== "dict" || column === null) return "";
    const e = ops.entries.find((x) => x.key.kind === "str" && x.key.text === column);
    return e?.value.kind === "str" ? ` ${e.value.text}` : "";
  };
  const usingNode = args.arg(-1, "postgresql_using");
  const using = usingNode ? (stringValue(ctx, usingNode, env) ?? hole(holes, usingNode)) : null;
  const includeNode = args.arg(-1, "postgresql_include");
  const include = includeNode ? (stringList(ctx, includeNode, env)?.map(ident) ?? [hole(holes, includeNode)]) : [];
  const tablespaceNode = args.arg(-1, "postgresql_tablespace");
  const tablespace = tablespaceNode ? (stringValue(ctx, tablespaceNode, env) ?? hole(holes, tablespaceNode)) : null;
  const whereNode = args.arg(-1, "postgresql_where");
  const whereValue = whereNode ? ctx.evaluator.evaluate(whereNode, env) : null;
  const where = whereNode && whereValue ? (whereValue.kind === "str" ? whereValue.text : (predicateSql(ctx, whereNode, env) ?? hole(holes, whereNode))) : null;
  const parts = [
    `CREATE ${unique ? "UNIQUE " : ""}INDEX`,
    flag(ctx, args.arg(-1, "postgresql_concurrently"), env) ? "CONCURRENTLY" : "",
    flag(ctx, args.arg(-1, "if_not_exists"), env) ? "IF NOT EXISTS" : "",
    ident(n.name),
    `ON ${qualifiedIdent(schema, table)}`,
    using ? `USING ${using}` : "",
    `(${keys.map((k) => k.sql + opclass(k.column)).join(", ")})`,
    include.length ? `INCLUDE (${include.join(", ")})` : "",
    flag(ctx, args.arg(-1, "postgresql_nulls_not_distinct"), env) ? "NULLS NOT DISTINCT" : "",
    storage(ctx, args, env, holes),
    tablespace ? `TABLESPACE ${tablespace}` : "",
    where ? `WHERE ${where}` : "",
  ];
  return { sql: parts.filter((p) => p !== "").join(" "), generated: n.generated };
}

/** `postgresql_with={"fillfactor": 70}` → `WITH (fillfactor = 70)`. */
function storage(ctx: RevisionContext, args: Args, env: Env, holes: Holes): string {
  const node = args.arg(-1, "postgresql_with");
  if (!node) return "";
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind !== "dict") return `WITH (${hole(holes, node)} = 0)`;
  const params = v.entries.map((e) => {
    const value = e.value.kind === "num" ? e.value.text : e.value.kind === "str" ? `'${e.value.text.replace(/'/g, "''")}'` : e.value.kind === "bool" ? String(e.value.value) : null;
    return e.key.kind === "str" && value !== null ? `${ident(e.key.text)} = ${value}` : `${hole(holes, node)} = 0`;
  });
  return params.length ? `WITH (${params.join(", ")})` : "";
}
