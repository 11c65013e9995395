import type { Node } from "@pgsql/types";
import { storedIdentifier } from "./names.js";
import type { Span, SqlStatement } from "./types.js";

/**
 * Statements that change where unqualified names are looked for and made:
 * `SET [LOCAL] search_path`, `RESET search_path` (and `RESET ALL`, `DISCARD
 * ALL`), `SELECT set_config('search_path', …)`; the ends of transactions (where
 * a SET LOCAL ends); and CREATE SCHEMA (a schema the path may name). Null for
 * any other statement.
 */
export function sessionStatement(node: Node, span: Span): SqlStatement | null {
  if ("VariableSetStmt" in node) {
    const { kind, name, args, is_local } = node.VariableSetStmt;
    if (kind === "VAR_RESET_ALL") return { kind: "search-path", ...span, schemas: "default", local: false };
    if (name?.toLowerCase() !== "search_path") return null;
    const local = is_local === true;
    if (kind === "VAR_RESET" || kind === "VAR_SET_DEFAULT") return { kind: "search-path", ...span, schemas: "default", local };
    // SET quotes each value it is given: `SET search_path = 'a, b'` names one schema, "a, b".
    const values = kind === "VAR_SET_VALUE" ? (args ?? []).map((a) => ("A_Const" in a ? a.A_Const.sval?.sval : undefined)) : [];
    const known = values.length > 0 && values.every((v) => v !== undefined && v !== "");
    return { kind: "search-path", ...span, schemas: known ? values.map((v) => storedIdentifier(v!)) : null, local };
  }
  if ("DiscardStmt" in node && node.DiscardStmt.target === "DISCARD_ALL") return { kind: "search-path", ...span, schemas: "default", local: false };
  if ("TransactionStmt" in node) {
    const kind = node.TransactionStmt.kind;
    if (kind === "TRANS_STMT_COMMIT") return { kind: "transaction-end", ...span, commit: true };
    // ROLLBACK undoes the transaction's SETs (TO SAVEPOINT, those since it); PREPARE TRANSACTION ends it: not followed.
    if (kind === "TRANS_STMT_ROLLBACK" || kind === "TRANS_STMT_ROLLBACK_TO" || kind === "TRANS_STMT_PREPARE") return { kind: "transaction-end", ...span, commit: false };
    return null;
  }
  if ("CreateSchemaStmt" in node) {
    const { schemaname, authrole, schemaElts, if_not_exists } = node.CreateSchemaStmt;
    // CREATE SCHEMA AUTHORIZATION joe names the schema after the role.
    const schema = schemaname ?? (authrole?.roletype === "ROLESPEC_CSTRING" ? authrole.rolename : undefined);
    // IF NOT EXISTS may find it there already, with what it holds.
    return schema === undefined ? null : { kind: "create-schema", ...span, schema, empty: (schemaElts ?? []).length === 0 && if_not_exists !== true };
  }
  if ("SelectStmt" in node) return setConfig(node, span);
  return null;
}

/** `SELECT set_config('search_path', 'a, b', is_local)` alone, with literal arguments; null for any other SELECT. */
function setConfig(node: Extract<Node, { SelectStmt: unknown }>, span: Span): SqlStatement | null {
  const s = node.SelectStmt;
  const [target, ...more] = s.targetList ?? [];
  if (more.length > 0 || !target || !("ResTarget" in target) || s.fromClause || s.whereClause || s.groupClause || s.havingClause || s.withClause || s.valuesLists || s.limitCount) return null;
  const call = target.ResTarget.val;
  if (!call || !("FuncCall" in call)) return null;
  const names = (call.FuncCall.funcname ?? []).map((n) => ("String" in n ? n.String.sval : undefined));
  const named = names.length === 1 ? names[0] : names.length === 2 && names[0] === "pg_catalog" ? names[1] : undefined;
  if (named !== "set_config") return null;
  const [setting, value, isLocal] = call.FuncCall.args ?? [];
  const text = (n: Node | undefined): string | undefined => (n && "A_Const" in n ? n.A_Const.sval?.sval : undefined);
  if (text(setting)?.toLowerCase() !== "search_path") return null;
  const bool = isLocal && "A_Const" in isLocal && isLocal.A_Const.boolval !== undefined ? isLocal.A_Const.boolval.boolval === true : null;
  const v = text(value);
  const schemas = v === undefined || bool === null ? null : identifierList(v);
  return { kind: "search-path", ...span, schemas, local: bool === true };
}

/**
 * A search_path value as PostgreSQL splits it (SplitIdentifierString): names
 * separated by commas, unquoted ones folded to lower case and cut to 63 bytes,
 * `"…"` kept as written (`""` is a quote). Null when PostgreSQL would reject it.
 */
export function identifierList(value: string): string[] | null {
  const out: string[] = [];
  let i = 0;
  const space = (): void => {
    while (i < value.length && /\s/.test(value[i]!)) i++;
  };
  space();
  if (i === value.length) return out;
  for (;;) {
    let name = "";
    if (value[i] === '"') {
      for (i++; ; i++) {
        const ch = value[i];
        if (ch === undefined) return null;
        if (ch === '"') {
          if (value[i + 1] !== '"') break;
          i++;
        }
        name += ch;
      }
      i++;
      if (name === "") return null;
      name = storedIdentifier(name);
    } else {
      const start = i;
      while (i < value.length && value[i] !== "," && !/\s/.test(value[i]!)) i++;
      if (i === start) return null;
      // Only ASCII letters fold (downcase_identifier in a multibyte encoding).
      name = storedIdentifier(value.slice(start, i).replace(/[A-Z]+/g, (c) => c.toLowerCase()));
    }
    out.push(name);
    space();
    if (i === value.length) return out;
    if (value[i] !== ",") return null;
    i++;
    space();
  }
}
