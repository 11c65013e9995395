import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Env } from "../../python/evaluate.js";
import { calleeText } from "../../python/expand.js";
import { lastName } from "../../python/env.js";
import type { RevisionContext } from "./context.js";
import { ident } from "./sql-text.js";

/**
 * SQLAlchemy expressions written in Python (`sa.func.lower(sa.column("email"))`,
 * `sa.desc("created")`, `sa.column("deleted_at").is_(None)`, `sa.and_(...)`)
 * as SQLAlchemy's PostgreSQL compiler renders them in an index's DDL: columns
 * bare, values as literals. Knowing the SQL lets replay see the columns an
 * index key or predicate uses (PostgreSQL drops the index with any of them).
 * Null for anything else; the caller then keeps the expression as a hole.
 */

/** Rendered SQL and its operator's precedence (SQLAlchemy's `_PRECEDENCE`), to group operands as SQLAlchemy does. */
interface Rendered {
  sql: string;
  prec: number;
  /** The operator, for `~` to negate a comparison as SQLAlchemy does (`~(a == b)` is `a != b`). */
  op?: string;
  left?: string;
  right?: string;
  /** `x DESC`: a further `NULLS LAST` follows it as it is. */
  ordered?: boolean;
}

const ATOM = 100;
const COMPARISON = 5;
const NOT = 5;
const AND = 3;
const OR = 2;
const ORDER = 3;

/** Python's comparison operators, as SQL. */
const COMPARE = new Map([
  ["==", "="],
  ["!=", "!="],
  ["<", "<"],
  ["<=", "<="],
  [">", ">"],
  [">=", ">="],
]);

/** What `~` (or `sa.not_`) makes of a comparison. */
const NEGATED = new Map([
  ["=", "!="],
  ["!=", "="],
  ["<", ">="],
  [">=", "<"],
  [">", "<="],
  ["<=", ">"],
  ["IS", "IS NOT"],
  ["IS NOT", "IS"],
  ["LIKE", "NOT LIKE"],
  ["NOT LIKE", "LIKE"],
  ["ILIKE", "NOT ILIKE"],
  ["NOT ILIKE", "ILIKE"],
]);

const ARITHMETIC = new Map([
  ["+", 7],
  ["-", 7],
  ["*", 8],
  ["/", 8],
]);

/** Column methods that compare: `.is_(None)`, `.like("x%")`. */
const METHOD_OPERATORS = new Map([
  ["is_", "IS"],
  ["isnot", "IS NOT"],
  ["is_not", "IS NOT"],
  ["like", "LIKE"],
  ["notlike", "NOT LIKE"],
  ["not_like", "NOT LIKE"],
  ["ilike", "ILIKE"],
  ["notilike", "NOT ILIKE"],
  ["not_ilike", "NOT ILIKE"],
  ["is_distinct_from", "IS DISTINCT FROM"],
  ["isnot_distinct_from", "IS NOT DISTINCT FROM"],
  ["is_not_distinct_from", "IS NOT DISTINCT FROM"],
]);

const ORDERING = new Map([
  ["desc", " DESC"],
  ["asc", " ASC"],
  ["nulls_first", " NULLS FIRST"],
  ["nullsfirst", " NULLS FIRST"],
  ["nulls_last", " NULLS LAST"],
  ["nullslast", " NULLS LAST"],
]);

/** SQL's niladic functions, which SQLAlchemy renders without parentheses. */
const ANSI_FUNCTIONS = new Set(["current_date", "current_time", "current_timestamp", "current_user", "localtime", "localtimestamp", "session_user", "user"]);

const TEXT = /^(?:text|literal_column)$/;

/**
 * The SQL of an index key: a string is a column's name; anything else an
 * expression. `column` is set when the key is just a column (`sa.column("a")`).
 */
export function keySql(ctx: RevisionContext, node: SyntaxNode, env: Env): { sql: string; column: string | null } | null {
  const column = columnName(ctx, node, env);
  if (column !== null) return { sql: ident(column), column };
  const r = render(ctx, node, env, true);
  // SQLAlchemy groups a key's operation (`(c + 1)`), not a function or an ordering.
  return r ? { sql: r.prec < ATOM && !r.ordered ? `(${r.sql})` : r.sql, column: null } : null;
}

/** The SQL of a predicate (`postgresql_where=`, an ExcludeConstraint's `where=`). */
export function predicateSql(ctx: RevisionContext, node: SyntaxNode, env: Env): string | null {
  return render(ctx, node, env, false)?.sql ?? null;
}

/** `sa.column("a")`, `table.c.a`, `table.c["a"]`: the column's name. */
function columnName(ctx: RevisionContext, node: SyntaxNode, env: Env): string | null {
  if (node.type === "call" && lastName(calleeText(node)) === "column") {
    const args = positional(node);
    const v = args.length >= 1 ? ctx.evaluator.evaluate(args[0]!, env) : null;
    return v?.kind === "str" ? v.text : null;
  }
  const object = node.childForFieldName(node.type === "subscript" ? "value" : "object");
  if (object?.type !== "attribute" || object.childForFieldName("attribute")?.text !== "c") return null;
  if (node.type === "attribute") return node.childForFieldName("attribute")?.text ?? null;
  if (node.type !== "subscript") return null;
  const key = node.childForFieldName("subscript");
  const v = key ? ctx.evaluator.evaluate(key, env) : null;
  return v?.kind === "str" ? v.text : null;
}

function positional(call: SyntaxNode): SyntaxNode[] {
  return call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment" && a.type !== "keyword_argument") ?? [];
}

function hasKeywords(call: SyntaxNode): boolean {
  return call.childForFieldName("arguments")?.namedChildren.some((a) => a.type === "keyword_argument" || a.type === "list_splat" || a.type === "dictionary_splat") ?? true;
}

/** An operand in parentheses when its operator binds no tighter than the one it is under, as SQLAlchemy's `self_group` does. */
function grouped(r: Rendered, against: number): string {
  return r.prec <= against ? `(${r.sql})` : r.sql;
}

/**
 * `node` rendered; `asColumn` reads a plain string as a column's name (an
 * index key, `sa.desc("b")`), else as a value (`'b'`).
 */
function render(ctx: RevisionContext, node: SyntaxNode, env: Env, asColumn: boolean): Rendered | null {
  switch (node.type) {
    case "parenthesized_expression": {
      const inner = node.namedChildren.filter((c) => c.type !== "comment");
      return inner.length === 1 ? render(ctx, inner[0]!, env, asColumn) : null;
    }
    case "comparison_operator":
      return comparison(ctx, node, env);
    case "binary_operator":
      return binary(ctx, node, env);
    case "unary_operator": {
      const operand = node.childForFieldName("argument");
      const op = node.childForFieldName("operator")?.text;
      const r = operand ? render(ctx, operand, env, false) : null;
      if (!r) return null;
      if (op === "~") return negate(r);
      if (op === "-" && /^[0-9.]+$/.test(r.sql)) return { sql: `-${r.sql}`, prec: ATOM };
      return null;
    }
    case "call":
      return call(ctx, node, env, asColumn);
    default:
      break;
  }
  const column = columnName(ctx, node, env);
  if (column !== null) return { sql: ident(column), prec: ATOM };
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind === "str") return { sql: asColumn ? ident(v.text) : `'${v.text.replace(/'/g, "''")}'`, prec: ATOM };
  if (v.kind === "num") return { sql: v.text, prec: ATOM };
  if (v.kind === "bool") return { sql: String(v.value), prec: ATOM };
  if (v.kind === "none") return { sql: "NULL", prec: ATOM };
  return null;
}

function comparison(ctx: RevisionContext, node: SyntaxNode, env: Env): Rendered | null {
  const operands = node.namedChildren.filter((c) => c.type !== "comment");
  const ops = node.children.filter((c) => !c.isNamed).map((c) => c.text);
  const op = ops.length === 1 ? COMPARE.get(ops[0]!) : undefined;
  // The column on the left, as SQLAlchemy's operators have it; `5 < col` (reflected) is not read.
  if (!op || operands.length !== 2 || !isExpression(ctx, operands[0]!, env)) return null;
  const left = render(ctx, operands[0]!, env, false);
  const right = render(ctx, operands[1]!, env, false);
  if (!left || !right) return null;
  // `col == None` is IS NULL in SQLAlchemy.
  if (right.sql === "NULL" && (op === "=" || op === "!=")) return compared(left, op === "=" ? "IS" : "IS NOT", right);
  return compared(left, op, right);
}

function compared(left: Rendered, op: string, right: Rendered): Rendered {
  const l = grouped(left, COMPARISON);
  const r = grouped(right, COMPARISON);
  return { sql: `${l} ${op} ${r}`, prec: COMPARISON, op, left: l, right: r };
}

function binary(ctx: RevisionContext, node: SyntaxNode, env: Env): Rendered | null {
  const leftNode = node.childForFieldName("left");
  const rightNode = node.childForFieldName("right");
  const op = node.childForFieldName("operator")?.text ?? "";
  if (!leftNode || !rightNode || !isExpression(ctx, leftNode, env)) return null;
  const left = render(ctx, leftNode, env, false);
  const right = render(ctx, rightNode, env, false);
  if (!left || !right) return null;
  if (op === "&") return conjunction([left, right], "AND", AND);
  if (op === "|") return conjunction([left, right], "OR", OR);
  const prec = ARITHMETIC.get(op);
  if (prec === undefined) return null;
  // Left-associative: a right operand of the same precedence keeps its parentheses.
  return { sql: `${left.prec < prec ? `(${left.sql})` : left.sql} ${op} ${grouped(right, prec)}`, prec };
}

/** `a AND b AND c`: an operand of the same connective is not grouped (SQLAlchemy flattens it). */
function conjunction(parts: readonly Rendered[], op: "AND" | "OR", prec: number): Rendered {
  if (parts.length === 1) return parts[0]!;
  return { sql: parts.map((p) => (p.op === op ? p.sql : grouped(p, prec))).join(` ${op} `), prec, op };
}

function negate(r: Rendered): Rendered {
  const swapped = r.op ? NEGATED.get(r.op) : undefined;
  if (swapped && r.left !== undefined && r.right !== undefined) return { ...r, sql: `${r.left} ${swapped} ${r.right}`, op: swapped };
  return { sql: `NOT ${grouped(r, NOT)}`, prec: NOT };
}

/** Whether a node is a SQLAlchemy expression (not a plain Python value): what a comparison needs on its left. */
function isExpression(ctx: RevisionContext, node: SyntaxNode, env: Env): boolean {
  if (node.type === "parenthesized_expression") return node.namedChildren.some((c) => isExpression(ctx, c, env));
  if (node.type === "call" || node.type === "comparison_operator" || node.type === "binary_operator" || node.type === "unary_operator") return true;
  return columnName(ctx, node, env) !== null;
}

function call(ctx: RevisionContext, node: SyntaxNode, env: Env, asColumn: boolean): Rendered | null {
  const fn = node.childForFieldName("function");
  const args = positional(node);
  const column = columnName(ctx, node, env);
  if (column !== null) return { sql: ident(column), prec: ATOM };
  if (!fn) return null;
  const name = lastName(calleeText(node));
  // `sa.func.lower(x)`: the name as written after `func.`.
  const object = fn.type === "attribute" ? fn.childForFieldName("object") : null;
  if (object && isDottedName(object) && lastName(object.text) === "func") {
    if (hasKeywords(node)) return null;
    const parts = args.map((a) => render(ctx, a, env, false));
    if (parts.some((p) => p === null)) return null;
    if (ANSI_FUNCTIONS.has(name.toLowerCase()) && parts.length === 0) return { sql: name.toUpperCase(), prec: ATOM };
    return { sql: `${name}(${parts.map((p) => p!.sql).join(", ")})`, prec: ATOM };
  }
  // Module-level constructs: `sa.and_(...)`, `sa.desc(x)`, `text("...")`.
  if (!object || (isDottedName(object) && columnName(ctx, object, env) === null)) {
    if (TEXT.test(name)) {
      const v = args.length === 1 && !hasKeywords(node) ? ctx.evaluator.evaluate(args[0]!, env) : null;
      return v?.kind === "str" ? { sql: v.text, prec: ATOM } : null;
    }
    return module(ctx, name, args, node, env);
  }
  // A method of an expression: `col.desc()`, `col.is_(None)`, `col.in_([...])`.
  if (hasKeywords(node) || !isExpression(ctx, object, env)) return null;
  const self = render(ctx, object, env, asColumn);
  if (!self) return null;
  const ordering = ORDERING.get(name);
  if (ordering !== undefined && args.length === 0) return ordered(self, ordering);
  const op = METHOD_OPERATORS.get(name);
  if (op !== undefined && args.length === 1) {
    const right = render(ctx, args[0]!, env, false);
    return right ? compared(self, op, right) : null;
  }
  if ((name === "in_" || name === "notin_" || name === "not_in") && args.length === 1) {
    const items = inList(ctx, args[0]!, env);
    if (items === null) return null;
    const sql = `${grouped(self, COMPARISON)} ${name === "in_" ? "IN" : "NOT IN"} (${items.join(", ")})`;
    // SQLAlchemy puts a NOT IN in parentheses of its own.
    return name === "in_" ? { sql, prec: COMPARISON } : { sql: `(${sql})`, prec: ATOM };
  }
  if (name === "between" && args.length === 2) {
    const [lo, hi] = args.map((a) => render(ctx, a, env, false));
    return lo && hi ? { sql: `${grouped(self, COMPARISON)} BETWEEN ${grouped(lo, COMPARISON)} AND ${grouped(hi, COMPARISON)}`, prec: COMPARISON } : null;
  }
  return null;
}

/** `sa`, `sqlalchemy.sql`, `t.c.a`: names and attributes only. */
function isDottedName(node: SyntaxNode): boolean {
  if (node.type === "identifier") return true;
  const object = node.type === "attribute" ? node.childForFieldName("object") : null;
  return object !== null && isDottedName(object);
}

function ordered(r: Rendered, ordering: string): Rendered {
  return { sql: `${r.ordered ? r.sql : grouped(r, ORDER)}${ordering}`, prec: ORDER, ordered: true };
}

/** `sa.and_`, `sa.or_`, `sa.not_`, `sa.desc`, `sa.asc`, `sa.nulls_last`, `sa.true()`, `sa.null()`, `sa.literal(x)`. */
function module(ctx: RevisionContext, name: string, args: readonly SyntaxNode[], node: SyntaxNode, env: Env): Rendered | null {
  if (hasKeywords(node)) return null;
  if (args.length === 0) {
    if (name === "true" || name === "false") return { sql: name, prec: ATOM };
    if (name === "null") return { sql: "NULL", prec: ATOM };
    return null;
  }
  if (name === "and_" || name === "or_") {
    const parts = args.map((a) => render(ctx, a, env, false));
    if (parts.some((p) => p === null)) return null;
    return name === "and_" ? conjunction(parts as Rendered[], "AND", AND) : conjunction(parts as Rendered[], "OR", OR);
  }
  if (args.length !== 1) return null;
  // A string in `sa.desc("b")` names a column; in `sa.literal("b")` it is a value.
  const ordering = ORDERING.get(name);
  const operand = render(ctx, args[0]!, env, ordering !== undefined);
  if (!operand) return null;
  if (name === "not_") return negate(operand);
  if (name === "literal") return operand;
  if (ordering !== undefined) return ordered(operand, ordering);
  return null;
}

/** `[1, 2]` or `("a", "b")` of an `in_`: each item's literal. */
function inList(ctx: RevisionContext, node: SyntaxNode, env: Env): string[] | null {
  if (node.type !== "list" && node.type !== "tuple") return null;
  const items: string[] = [];
  for (const c of node.namedChildren) {
    if (c.type === "comment") continue;
    const r = render(ctx, c, env, false);
    if (!r) return null;
    items.push(r.sql);
  }
  return items.length > 0 ? items : null;
}
