import type { SyntaxNode } from "../../python/syntax-node.js";
import { plainLiteral } from "../literal.js";

/** What a condition is on PostgreSQL when it tests the dialect's name (`.dialect.name`, `.engine.name`) or is `True` / `False`; null otherwise. */
export function onPostgres(node: SyntaxNode): boolean | null {
  switch (node.type) {
    case "true":
    case "false":
      return node.type === "true";
    case "parenthesized_expression":
      return node.namedChildren.length === 1 ? onPostgres(node.namedChildren[0]!) : null;
    case "not_operator": {
      const argument = node.childForFieldName("argument");
      const v = argument ? onPostgres(argument) : null;
      return v === null ? null : !v;
    }
    case "boolean_operator": {
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      const a = left ? onPostgres(left) : null;
      const b = right ? onPostgres(right) : null;
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
      const dialect = isDialectName(left) ? right : isDialectName(right) ? left : null;
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

function isDialectName(node: SyntaxNode): boolean {
  // Linear: one suffix test on the text without blanks.
  return node.type === "attribute" && /\.(?:dialect|engine)\.name$/.test(node.text.replace(/\s+/g, ""));
}
