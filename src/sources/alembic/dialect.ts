import type { SyntaxNode } from "../../python/syntax-node.js";
import { plainLiteral } from "../literal.js";

/** What the names in a condition stand for: a variable's one assignment, a function's one `return` expression (null: not known). */
export interface NameValue {
  (name: string): SyntaxNode | null;
  returned?: (fn: string) => SyntaxNode | null;
}

/**
 * What a condition is when the migrations run on PostgreSQL, connected to it
 * (`alembic upgrade`, not `--sql`), when it tests the dialect's name
 * (`.dialect.name`, `.engine.name`, or a name assigned one of them, as
 * `dialect_name = conn.dialect.name`), or the mode (`context.is_offline_mode()`,
 * `op.get_context().as_sql`: false), or is `True` / `False`, or is a name
 * assigned such a test (`is_postgres = conn.dialect.name == "postgresql"`)
 * or a call of a function that only returns one (`is_sqlite(bind)`); null
 * otherwise.
 */
export function onPostgres(node: SyntaxNode, valueOf: NameValue = () => null, depth = 0): boolean | null {
  const inner = (n: SyntaxNode): boolean | null => onPostgres(n, valueOf, depth);
  switch (node.type) {
    case "true":
    case "false":
      return node.type === "true";
    case "identifier": {
      // One step: `flag = <test>` then `if flag:`.
      const value = depth === 0 ? valueOf(node.text) : null;
      return value ? onPostgres(value, valueOf, depth + 1) : null;
    }
    case "attribute":
      // MigrationContext.as_sql: true only when Alembic writes SQL instead of running it.
      return node.childForFieldName("attribute")?.text === "as_sql" ? false : null;
    case "call": {
      // One step: `def is_sqlite(bind): return bind.dialect.name == "sqlite"` then `if is_sqlite(op.get_bind()):`.
      const fn = node.childForFieldName("function");
      if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "is_offline_mode" && node.childForFieldName("arguments")?.namedChildren.length === 0) return false;
      const value = depth === 0 && fn?.type === "identifier" ? (valueOf.returned?.(fn.text) ?? null) : null;
      return value ? onPostgres(value, valueOf, depth + 1) : null;
    }
    case "parenthesized_expression":
      return node.namedChildren.length === 1 ? inner(node.namedChildren[0]!) : null;
    case "not_operator": {
      const argument = node.childForFieldName("argument");
      const v = argument ? inner(argument) : null;
      return v === null ? null : !v;
    }
    case "boolean_operator": {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      const a = left ? inner(left) : null;
      const b = right ? inner(right) : null;
      const and = node.childForFieldName("operator")?.type === "and";
      if (and) return a === false || b === false ? false : a === true && b === true ? true : null;
      return a === true || b === true ? true : a === false && b === false ? false : null;
    }
    case "comparison_operator": {
      const parts = node.namedChildren;
      const ops = node.children.filter((c) => !c.isNamed).map((c) => c.type);
      if (parts.length !== 2 || ops.length === 0) return null;
      const [left, right] = parts as [SyntaxNode, SyntaxNode];
      const op = ops.join(" ");
      const dialect = isDialectName(left, valueOf) ? right : isDialectName(right, valueOf) ? left : null;
      if (!dialect) return null;
      const names = dialect.type === "string" ? [plainLiteral(dialect)] : dialect.type === "tuple" || dialect.type === "list" || dialect.type === "set" ? dialect.namedChildren.map(plainLiteral) : null;
      if (!names || names.some((n) => n === null)) return null;
      const has = names.includes(POSTGRES);
      if (op === "==" || op === "in") return has;
      if (op === "!=" || op === "not in") return !has;
      return null;
    }
    default:
      return null;
  }
}

/** SQLAlchemy's name of the dialect the tool audits. */
const POSTGRES = "postgresql";

function isDialectName(node: SyntaxNode, valueOf: NameValue): boolean {
  const value = node.type === "identifier" ? valueOf(node.text) : node;
  // Linear: one suffix test on the text without blanks.
  return value?.type === "attribute" && /\.(?:dialect|engine)\.name$/.test(value.text.replace(/\s+/g, ""));
}

/**
 * The expression `name` is assigned in the function (or module) that holds
 * `at`, when it is assigned once there (or the same expression each time);
 * null otherwise.
 */
export function assignedIn(at: SyntaxNode, functionNamed: (name: string) => SyntaxNode | null): NameValue {
  let scope: SyntaxNode | null = at.parent;
  while (scope && scope.type !== "function_definition" && scope.type !== "module") scope = scope.parent;
  let assignments: SyntaxNode[] | null = null;
  const value: NameValue = (name) => {
    if (!scope) return null;
    assignments ??= scope.descendantsOfType("assignment");
    const values = assignments.filter((a) => a.childForFieldName("left")?.text === name).map((a) => a.childForFieldName("right"));
    // Assigned once, or the same expression each time.
    return values.length > 0 && values.every((v) => v !== null && v.text === values[0]!.text) ? values[0]! : null;
  };
  value.returned = (fn) => {
    // The body, past a docstring, is one `return <expression>`.
    const statements = (functionNamed(fn)?.childForFieldName("body")?.namedChildren ?? []).filter((c) => c.type !== "comment" && !(c.type === "expression_statement" && c.namedChildren[0]?.type === "string"));
    const only = statements.length === 1 ? statements[0]! : null;
    return only?.type === "return_statement" ? (only.namedChildren[0] ?? null) : null;
  };
  return value;
}
