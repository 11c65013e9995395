import type { SyntaxNode } from "../../python/syntax-node.js";
import { plainLiteral } from "../literal.js";

/** What the names in a condition stand for: a variable's one assignment, a function's one `return` expression (null: not known). */
export interface NameValue {
  (name: string): SyntaxNode | null;
  returned?: (fn: string) => SyntaxNode | null;
  /** Where a name is imported from (`from sqlalchemy.dialects.sqlite import SQLiteDialect` → `sqlalchemy.dialects.sqlite.SQLiteDialect`); null when it is not imported. */
  imported?: (name: string) => string | null;
}

/**
 * What a condition is when the migrations run on PostgreSQL, connected to it
 * (`alembic upgrade`, not `--sql`), when it tests the dialect's name
 * (`.dialect.name`, `.engine.name`, or a name assigned one of them, as
 * `dialect_name = conn.dialect.name`), or the mode (`context.is_offline_mode()`,
 * `op.get_context().as_sql`: false), or is `True` / `False`, or is a name
 * assigned such a test (`is_postgres = conn.dialect.name == "postgresql"`)
 * or a call of a function that only returns one (`is_sqlite(bind)`); also
 * `isinstance(bind.dialect, SQLiteDialect)` with a class of
 * `sqlalchemy.dialects`, the name's `.startswith(...)`, and the URL's
 * `drivername` (`postgresql` or `postgresql+<driver>`) and
 * `get_backend_name()`; null otherwise.
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
      if (fn?.type === "identifier" && fn.text === "isinstance") return dialectInstance(node, valueOf);
      if (fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "startswith") return startsWith(node, fn, valueOf);
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
      const kind = nameKind(left, valueOf) ?? nameKind(right, valueOf);
      const dialect = nameKind(left, valueOf) ? right : nameKind(right, valueOf) ? left : null;
      if (!dialect || !kind) return null;
      // A name compared with may be a constant: `MYSQL = "mysql"`, assigned once in the function or the module.
      const constant = dialect.type === "identifier" ? (valueOf(dialect.text) ?? moduleValue(dialect, dialect.text)) : null;
      const names = literals(constant ?? dialect);
      if (!names) return null;
      // A driver name is `postgresql` or `postgresql+<driver>`, as the URL says: a name of that shape may or may not be it.
      if (kind === "driver" && names.some((n) => n === POSTGRES || n.startsWith(`${POSTGRES}+`))) return null;
      const has = kind === "name" && names.includes(POSTGRES);
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

/**
 * What `node` holds: the dialect's name (`.dialect.name`, `.engine.name`,
 * the `name` of a name assigned `….engine` or `….dialect`,
 * `.url.get_backend_name()`, `postgresql` on PostgreSQL), the URL's driver
 * name (`.url.drivername`: `postgresql` or `postgresql+<driver>`), through a
 * name assigned one or a function returning one (`get_dialect_name()`);
 * null for anything else.
 */
function nameKind(node: SyntaxNode, valueOf: NameValue, depth = 0): "name" | "driver" | null {
  if (depth > 2) return null;
  if (node.type === "identifier") {
    const value = valueOf(node.text);
    return value ? nameKind(value, valueOf, depth + 1) : null;
  }
  // Linear: one suffix test on the text without blanks.
  const text = node.text.replace(/\s+/g, "");
  if (node.type === "attribute") {
    if (/\.(?:dialect|engine)\.name$/.test(text)) return "name";
    if (text.endsWith(".url.drivername")) return "driver";
    // `engine = bind.engine` (or `dialect = bind.dialect`), then `engine.name`.
    const object = node.childForFieldName("object");
    const held = node.childForFieldName("attribute")?.text === "name" && object?.type === "identifier" ? valueOf(object.text) : null;
    return held?.type === "attribute" && /\.(?:dialect|engine)$/.test(held.text.replace(/\s+/g, "")) ? "name" : null;
  }
  if (node.type !== "call") return null;
  if (text.endsWith(".get_backend_name()")) return "name";
  const fn = node.childForFieldName("function");
  const value = fn?.type === "identifier" ? (valueOf.returned?.(fn.text) ?? null) : null;
  return value ? nameKind(value, valueOf, depth + 1) : null;
}

/** What the module `node` is in assigns to `name` (once, or the same expression each time); null otherwise. */
function moduleValue(node: SyntaxNode, name: string): SyntaxNode | null {
  let module = node;
  while (module.parent) module = module.parent;
  const first = module.firstNamedChild;
  return first ? assignedIn(first, () => null)(name) : null;
}

/** A string literal, or a tuple, list or set of them; null otherwise. */
function literals(node: SyntaxNode): string[] | null {
  const names = node.type === "string" ? [plainLiteral(node)] : node.type === "tuple" || node.type === "list" || node.type === "set" ? node.namedChildren.map(plainLiteral) : null;
  const known = names?.filter((n): n is string => n !== null);
  return known?.length === names?.length ? (known ?? null) : null;
}

/** `bind.dialect.name.startswith("postgres")`, `url.drivername.startswith(("postgresql", "mysql"))`. */
function startsWith(call: SyntaxNode, fn: SyntaxNode, valueOf: NameValue): boolean | null {
  const object = fn.childForFieldName("object");
  const kind = object ? nameKind(object, valueOf) : null;
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  const prefixes = kind && args.length === 1 ? literals(args[0]!) : null;
  if (!prefixes) return null;
  if (prefixes.some((p) => POSTGRES.startsWith(p))) return true;
  // The driver's part after `postgresql+` is not known.
  if (kind === "driver" && prefixes.some((p) => p.startsWith(`${POSTGRES}+`))) return null;
  return false;
}

/**
 * `isinstance(bind.dialect, SQLiteDialect)` with classes imported from
 * `sqlalchemy.dialects.<name>`: false for another database's; true for
 * PostgreSQL's base class `PGDialect`; null for a driver's own class
 * (`PGDialect_psycopg2`: the driver is not known) or anything else.
 */
function dialectInstance(call: SyntaxNode, valueOf: NameValue): boolean | null {
  const args = (call.childForFieldName("arguments")?.namedChildren ?? []).filter((a) => a.type !== "comment");
  if (args.length !== 2) return null;
  const [object, classes] = args as [SyntaxNode, SyntaxNode];
  const held = object.type === "identifier" ? valueOf(object.text) : object;
  if (held?.type !== "attribute" || held.childForFieldName("attribute")?.text !== "dialect") return null;
  const each = (classes.type === "tuple" || classes.type === "parenthesized_expression" ? classes.namedChildren : [classes]).map((c) => dialectClass(c, valueOf));
  return each.includes(true) ? true : each.every((c) => c === false) ? false : null;
}

function dialectClass(node: SyntaxNode, valueOf: NameValue): boolean | null {
  // `SQLiteDialect` imported by name, or `sqlite.SQLiteDialect` / `postgresql.dialect` through an imported module.
  const root = node.type === "attribute" ? node.childForFieldName("object") : node;
  const from = root?.type === "identifier" ? (valueOf.imported?.(root.text) ?? null) : null;
  const full = from === null ? null : node.type === "attribute" ? `${from}.${node.childForFieldName("attribute")?.text ?? ""}` : from;
  // Linear: anchored, one run of name characters.
  const dialect = full ? /^sqlalchemy\.dialects\.(\w+)\./.exec(full)?.[1] : undefined;
  if (dialect === undefined) return null;
  if (dialect !== POSTGRES) return false;
  return full!.endsWith(".PGDialect") ? true : null;
}

const ASSIGNMENTS = new WeakMap<SyntaxNode, SyntaxNode[]>();

/** The assignments of a function (or module) itself, not of a function, class or lambda it holds; found once per scope (trees are never edited). */
function assignmentsOf(scope: SyntaxNode): SyntaxNode[] {
  let found = ASSIGNMENTS.get(scope);
  if (!found) {
    found = scope.descendantsOfType("assignment").filter((a) => {
      for (let p = a.parent; p && p !== scope; p = p.parent) if (p.type === "function_definition" || p.type === "class_definition" || p.type === "lambda") return false;
      return true;
    });
    ASSIGNMENTS.set(scope, found);
  }
  return found;
}

/**
 * The expression `name` is assigned in the function (or module) that holds
 * `at`, when it is assigned once there (or the same expression each time);
 * null otherwise.
 */
export function assignedIn(at: SyntaxNode, functionNamed: (name: string) => SyntaxNode | null): NameValue {
  let scope: SyntaxNode | null = at.parent;
  while (scope && scope.type !== "function_definition" && scope.type !== "module") scope = scope.parent;
  const value: NameValue = (name) => {
    if (!scope) return null;
    const values = assignmentsOf(scope)
      .filter((a) => a.childForFieldName("left")?.text === name)
      .map((a) => a.childForFieldName("right"));
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
