import type { IndexElem, Node } from "@pgsql/types";

/**
 * The name PostgreSQL gives each column of an index it names itself
 * (ChooseIndexColumnNames in indexcmds.c): a plain column's name, else the
 * name FigureIndexColname (parse_target.c) finds in the expression, else
 * `expr`. Read from the parse tree as PostgreSQL reads it, before the
 * expression is analyzed.
 */
export function keyName(param: Node): string {
  const elem: IndexElem = "IndexElem" in param ? param.IndexElem : {};
  return elem.indexcolname ?? elem.name ?? (elem.expr ? figure(elem.expr).name : null) ?? "expr";
}

/**
 * FigureColnameInternal: a name and how strongly the expression suggests it
 * (2: a column or a function-like construct; 1: a type cast's type or `case`,
 * which a stronger name inside replaces; 0: none).
 */
function figure(node: Node): { name: string | null; strength: number } {
  const none = { name: null, strength: 0 };
  if ("ColumnRef" in node) return lastString(node.ColumnRef.fields) ?? none;
  if ("A_Indirection" in node) {
    // The last field selected (`(x).f`); a subscript names nothing, so the base names it.
    const field = lastString(node.A_Indirection.indirection);
    if (field) return field;
    return node.A_Indirection.arg ? figure(node.A_Indirection.arg) : none;
  }
  if ("FuncCall" in node) return strong(lastString(node.FuncCall.funcname)?.name ?? null);
  if ("A_Expr" in node) return node.A_Expr.kind === "AEXPR_NULLIF" ? strong("nullif") : none;
  if ("TypeCast" in node) {
    const inner = node.TypeCast.arg ? figure(node.TypeCast.arg) : none;
    if (inner.strength > 1) return inner;
    const type = lastString(node.TypeCast.typeName?.names);
    return type ? { name: type.name, strength: 1 } : inner;
  }
  if ("CollateClause" in node) return node.CollateClause.arg ? figure(node.CollateClause.arg) : none;
  if ("GroupingFunc" in node) return strong("grouping");
  if ("SubLink" in node) {
    // An EXPR sublink's name is its target's once analyzed; in the raw tree it has none.
    const type = node.SubLink.subLinkType;
    return type === "EXISTS_SUBLINK" ? strong("exists") : type === "ARRAY_SUBLINK" ? strong("array") : none;
  }
  if ("CaseExpr" in node) {
    const result = node.CaseExpr.defresult ? figure(node.CaseExpr.defresult) : none;
    return result.strength > 1 ? result : { name: "case", strength: 1 };
  }
  if ("A_ArrayExpr" in node) return strong("array");
  if ("RowExpr" in node) return strong("row");
  if ("CoalesceExpr" in node) return strong("coalesce");
  if ("MinMaxExpr" in node) return strong(node.MinMaxExpr.op === "IS_GREATEST" ? "greatest" : node.MinMaxExpr.op === "IS_LEAST" ? "least" : null);
  if ("SQLValueFunction" in node) return strong(SQL_VALUE_FUNCTIONS[node.SQLValueFunction.op ?? ""] ?? null);
  if ("XmlExpr" in node) return strong(node.XmlExpr.op && node.XmlExpr.op !== "IS_DOCUMENT" ? node.XmlExpr.op.slice("IS_".length).toLowerCase() : null);
  if ("XmlSerialize" in node) return strong("xmlserialize");
  // PostgreSQL 16 and later: the SQL/JSON constructors act like functions.
  if ("JsonParseExpr" in node) return strong("json");
  if ("JsonScalarExpr" in node) return strong("json_scalar");
  if ("JsonSerializeExpr" in node) return strong("json_serialize");
  if ("JsonObjectConstructor" in node) return strong("json_object");
  if ("JsonArrayConstructor" in node || "JsonArrayQueryConstructor" in node) return strong("json_array");
  if ("JsonObjectAgg" in node) return strong("json_objectagg");
  if ("JsonArrayAgg" in node) return strong("json_arrayagg");
  if ("JsonFuncExpr" in node) return strong(JSON_FUNCTIONS[node.JsonFuncExpr.op ?? ""] ?? null);
  return none;
}

function strong(name: string | null): { name: string | null; strength: number } {
  return { name, strength: name === null ? 0 : 2 };
}

/** The last `String` of a name list (`*` and subscripts name nothing), as a strong name. */
function lastString(list: readonly Node[] | undefined): { name: string; strength: number } | null {
  let name: string | null = null;
  for (const n of list ?? []) if ("String" in n) name = n.String.sval ?? "";
  return name === null ? null : { name, strength: 2 };
}

const SQL_VALUE_FUNCTIONS: Partial<Record<string, string>> = {
  SVFOP_CURRENT_DATE: "current_date",
  SVFOP_CURRENT_TIME: "current_time",
  SVFOP_CURRENT_TIME_N: "current_time",
  SVFOP_CURRENT_TIMESTAMP: "current_timestamp",
  SVFOP_CURRENT_TIMESTAMP_N: "current_timestamp",
  SVFOP_LOCALTIME: "localtime",
  SVFOP_LOCALTIME_N: "localtime",
  SVFOP_LOCALTIMESTAMP: "localtimestamp",
  SVFOP_LOCALTIMESTAMP_N: "localtimestamp",
  SVFOP_CURRENT_ROLE: "current_role",
  SVFOP_CURRENT_USER: "current_user",
  SVFOP_USER: "user",
  SVFOP_SESSION_USER: "session_user",
  SVFOP_CURRENT_CATALOG: "current_catalog",
  SVFOP_CURRENT_SCHEMA: "current_schema",
};

const JSON_FUNCTIONS: Partial<Record<string, string>> = {
  JSON_EXISTS_OP: "json_exists",
  JSON_QUERY_OP: "json_query",
  JSON_VALUE_OP: "json_value",
};
