import type { Env } from "../../python/evaluate.js";
import { flag, stringList, stringValue, type Args, type Key } from "./arguments.js";
import type { RevisionContext } from "./context.js";
import { conventionalName, type WrittenName } from "./naming.js";
import { ident, qualifiedIdent } from "./sql-text.js";

export function createIndexSql(ctx: RevisionContext, args: Args, env: Env, written: WrittenName | null, table: string, schema: string | null, keys: Key[], unique: boolean): { sql: string; generated: boolean } | null {
  const n = conventionalName(written, { kind: "ix", table, schema, columns: keys.map((k) => k.column ?? "") }, ctx.convention);
  if (n === null) return null;
  const opsNode = args.arg(-1, "postgresql_ops");
  const ops = opsNode ? ctx.evaluator.evaluate(opsNode, env) : null;
  const opclass = (column: string | null): string => {
    if (!ops || ops.kind !== "dict" || column === null) return "";
    const e = ops.entries.find((x) => x.key.kind === "str" && x.key.text === column);
    return e && e.value.kind === "str" ? ` ${e.value.text}` : "";
  };
  const using = stringValue(ctx, args.arg(-1, "postgresql_using"), env);
  const includeNode = args.arg(-1, "postgresql_include");
  const include = includeNode ? stringList(ctx, includeNode, env) : [];
  const whereNode = args.arg(-1, "postgresql_where");
  const where = whereNode ? ctx.evaluator.evaluate(whereNode, env) : null;
  if (include === null || (where !== null && where.kind !== "str")) return null;
  const parts = [
    `CREATE ${unique ? "UNIQUE " : ""}INDEX`,
    flag(ctx, args.arg(-1, "postgresql_concurrently"), env) ? "CONCURRENTLY" : "",
    flag(ctx, args.arg(-1, "if_not_exists"), env) ? "IF NOT EXISTS" : "",
    ident(n.name),
    `ON ${qualifiedIdent(schema, table)}`,
    using ? `USING ${using}` : "",
    `(${keys.map((k) => k.sql + opclass(k.column)).join(", ")})`,
    include.length ? `INCLUDE (${include.map(ident).join(", ")})` : "",
    where ? `WHERE ${where.text}` : "",
  ];
  return { sql: parts.filter((p) => p !== "").join(" "), generated: n.generated };
}
