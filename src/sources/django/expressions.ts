import type { SyntaxNode } from "../../python/syntax-node.js";
import type { ExprReader } from "./expr.js";
import { lastSegment } from "./expr.js";
import { q } from "./sql.js";

/** Field name → column, on the model the expression belongs to. */
export type ColumnResolver = (field: string) => string;

const FUNCTIONS: Readonly<Record<string, string>> = { Lower: "lower", Upper: "upper", Length: "length", Trim: "btrim", MD5: "md5", Abs: "abs" };

/**
 * SQL for an index expression (`F("x")`, `Lower("email")`, `Upper(F("code"))`),
 * as Django compiles it; null when it is not one of these.
 */
export function expressionSql(node: SyntaxNode, reader: ExprReader, column: ColumnResolver): string | null {
  const s = reader.string(node);
  if (s !== null) return q(column(s));
  const e = reader.read(node);
  if (e.kind !== "call") return null;
  const fn = lastSegment(e.callee);
  if (fn === "F" && e.args[0]) {
    const f = reader.string(e.args[0]);
    return f === null ? null : q(column(f));
  }
  const sqlName = FUNCTIONS[fn];
  if (sqlName && e.args.length === 1) {
    const inner = expressionSql(e.args[0]!, reader, column);
    return inner === null ? null : `${sqlName.toUpperCase()}(${inner})`;
  }
  return null;
}

const OPERATORS: Readonly<Record<string, string>> = { exact: "=", gt: ">", gte: ">=", lt: "<", lte: "<=" };

/** SQL for a `condition=Q(...)` (kwargs or `("field", value)` pairs, `&`, `|`, `~`); null when it is beyond that. */
export function conditionSql(node: SyntaxNode, reader: ExprReader, column: ColumnResolver): string | null {
  if (node.type === "parenthesized_expression") {
    const inner = node.namedChildren[0];
    return inner ? conditionSql(inner, reader, column) : null;
  }
  if (node.type === "binary_operator") {
    const op = node.childForFieldName("operator")?.text;
    const l = node.childForFieldName("left");
    const r = node.childForFieldName("right");
    const a = l && conditionSql(l, reader, column);
    const b = r && conditionSql(r, reader, column);
    if (!a || !b || (op !== "&" && op !== "|")) return null;
    return `(${a} ${op === "&" ? "AND" : "OR"} ${b})`;
  }
  if (node.type === "unary_operator" && node.childForFieldName("operator")?.text === "~") {
    const arg = node.childForFieldName("argument");
    const inner = arg && conditionSql(arg, reader, column);
    return inner ? `NOT (${inner})` : null;
  }
  const e = reader.read(node);
  if (e.kind !== "call" || lastSegment(e.callee) !== "Q") return null;
  const parts: string[] = [];
  for (const a of e.args) {
    const pair = reader.items(a);
    const key = pair?.length === 2 ? reader.string(pair[0]) : null;
    const part = key !== null && pair ? lookupSql(key, pair[1]!, reader, column) : conditionSql(a, reader, column);
    if (part === null) return null;
    parts.push(part);
  }
  for (const [k, v] of e.kwargs) {
    const part = lookupSql(k, v, reader, column);
    if (part === null) return null;
    parts.push(part);
  }
  if (parts.length === 0) return null;
  return parts.length === 1 ? parts[0]! : `(${parts.join(" AND ")})`;
}

function lookupSql(key: string, valueNode: SyntaxNode, reader: ExprReader, column: ColumnResolver): string | null {
  const [field, lookup = "exact"] = key.split("__", 2) as [string, string?];
  const col = q(column(field));
  const v = reader.read(valueNode);
  if (lookup === "isnull" && v.kind === "bool") return `${col} IS ${v.value ? "" : "NOT "}NULL`;
  if (lookup === "exact" && v.kind === "bool") return v.value ? col : `NOT ${col}`;
  if (lookup === "exact" && v.kind === "none") return `${col} IS NULL`;
  const op = OPERATORS[lookup];
  if (!op) return null;
  if (v.kind === "num") return `${col} ${op} ${v.value}`;
  if (v.kind === "str" && v.value.kind === "str") return `${col} ${op} '${v.value.text.replace(/'/g, "''")}'`;
  return null;
}
