import type { SyntaxNode } from "../../python/syntax-node.js";
import { calleeText } from "../../python/expand.js";
import { argsOf } from "./arguments.js";
import type { ExistenceTest } from "../types.js";
import type { NameValue } from "./dialect.js";

/** A string the condition names (the evaluator's reading); null when not known statically. */
type StringOf = (node: SyntaxNode) => string | null;

/**
 * A function the condition calls (`table_has_index(table, index)`), read as
 * the expression it returns, with its own names and its parameters bound to
 * the call's arguments (operations.ts); null when it is not a function the
 * reader follows that way.
 */
export type CalledFunction = (call: SyntaxNode) => { returned: SyntaxNode; valueOf: NameValue; str: StringOf } | null;

/** A condition read as tests of the database, with when their answers were taken. */
export interface ExistenceCondition {
  /** All hold when the condition is true. */
  tests: ExistenceTest[];
  /** Where a list of names it tests was taken (`tables = inspector.get_table_names()`), when one was: the earliest. */
  askedAt: number | null;
  /**
   * The inspectors held in a name that it asks (`inspector.has_table("t")`),
   * each as where it was assigned: SQLAlchemy keeps what an inspector
   * reflected (which calls share what, differs between its versions), so an
   * inspector asked again may answer as it did the first time.
   */
  inspectors: number[];
}

interface Reading {
  valueOf: NameValue;
  str: StringOf;
  askedAt: number | null;
  inspectors: number[];
  /** Null inside a function the condition calls: followed one step. */
  called: CalledFunction | null;
  /** Reading what such a function returns. */
  returned: boolean;
}

/**
 * What a condition tests of the database the revision runs on, when it is a
 * test replay can decide: SQLAlchemy's inspector asked whether a table, an
 * index or a column is there, as teams write idempotent revisions —
 * `inspector.has_table("t")`, `"t" in inspector.get_table_names()`,
 * `inspector.has_index("t", "ix")`,
 * `"ix" in [i["name"] for i in inspector.get_indexes("t")]`,
 * `any(i["name"] == "ix" for i in inspector.get_indexes("t"))` (or
 * `get_unique_constraints("t")`, a table's UNIQUE constraints only, or
 * `get_columns("t")`, its columns),
 * `inspector.get_pk_constraint("t")["constrained_columns"]`,
 * `bind.dialect.has_table(bind, "t")` (an inspector or a list of names
 * assigned once in the function is followed, one step), `not` and `and` of
 * such tests, and a call of a function that returns one (`called`: Superset's
 * `has_table(table_name)` and `table_has_index(table, index)`). Null when any
 * part is not such a test (the `if` is then read as before: its branches run).
 */
export function existenceTests(node: SyntaxNode, valueOf: NameValue, str: StringOf, called: CalledFunction | null = null): ExistenceCondition | null {
  const reading: Reading = { valueOf, str, askedAt: null, inspectors: [], called, returned: false };
  const tests = testsOf(node, reading);
  return tests ? { tests, askedAt: reading.askedAt, inspectors: reading.inspectors } : null;
}

function negated(t: ExistenceTest): ExistenceTest {
  return { ...t, present: !t.present };
}

function testsOf(node: SyntaxNode, r: Reading): ExistenceTest[] | null {
  switch (node.type) {
    case "parenthesized_expression":
      return node.namedChildren.length === 1 ? testsOf(node.namedChildren[0]!, r) : null;
    case "not_operator": {
      const argument = node.childForFieldName("argument");
      const tests = argument ? testsOf(argument, r) : null;
      // not (a and b) is a disjunction: not one block's condition.
      return tests?.length === 1 ? [negated(tests[0]!)] : null;
    }
    case "boolean_operator": {
      if (node.childForFieldName("operator")?.type !== "and") return null;
      const left = node.childForFieldName("left");
      const right = node.childForFieldName("right");
      const a = left ? testsOf(left, r) : null;
      const b = right ? testsOf(right, r) : null;
      return a && b ? [...a, ...b] : null;
    }
    case "call":
      return hasCall(node, r) ?? anyNamed(node, r) ?? primaryKey(node, r) ?? calledTests(node, r);
    case "subscript":
      return primaryKey(node, r);
    case "comparison_operator":
      return membership(node, r);
    case "identifier": {
      // Only in a function the condition calls, whose body assigns and then returns (`table_exists = insp.has_table(t)`,
      // `return table_exists`): nothing runs between the question and the answer.
      const value = r.returned ? r.valueOf(node.text) : null;
      // One step.
      return value ? testsOf(value, { ...r, returned: false }) : null;
    }
    default:
      return null;
  }
}

/**
 * A call of a function whose body only assigns names and returns such a test
 * (Superset's `table_has_index`): the test it returns, asked of the database
 * when the call runs. Its inspector is made in the function at each call
 * (`insp = inspect(op.get_context().bind)`), so nothing it reflected earlier
 * can be stale: where it asks is not noted.
 */
function calledTests(call: SyntaxNode, r: Reading): ExistenceTest[] | null {
  const fn = r.called?.(call);
  if (!fn) return null;
  return testsOf(fn.returned, { valueOf: fn.valueOf, str: fn.str, askedAt: null, inspectors: [], called: null, returned: true });
}

/** `any(i["name"] == "ix" for i in inspector.get_indexes("t"))`: whether the table has the index, as `"ix" in [i["name"] for i in ...]` asks. */
function anyNamed(call: SyntaxNode, r: Reading): ExistenceTest[] | null {
  const fn = call.childForFieldName("function");
  const args = call.childForFieldName("arguments");
  const only = args?.type === "generator_expression" ? args : args?.namedChildren.length === 1 ? args.namedChildren[0]! : null;
  if (fn?.type !== "identifier" || fn.text !== "any" || only?.type !== "generator_expression") return null;
  const body = only.childForFieldName("body");
  const clauses = only.namedChildren.filter((c) => c !== body);
  const clause = clauses.length === 1 && clauses[0]!.type === "for_in_clause" ? clauses[0]! : null;
  const variable = clause?.childForFieldName("left");
  const source = clause?.childForFieldName("right");
  const op = body?.children.filter((c) => !c.isNamed).map((c) => c.type).join(" ");
  const parts = body?.type === "comparison_operator" && op === "==" ? body.namedChildren : [];
  if (parts.length !== 2 || variable?.type !== "identifier" || !source) return null;
  // Either side may be the element's name.
  const nameOf = (n: SyntaxNode): boolean => n.type === "subscript" && n.childForFieldName("value")?.text === variable.text && n.childForFieldName("subscript")?.type === "string" && r.str(n.childForFieldName("subscript")!) === "name";
  const other = nameOf(parts[0]!) ? parts[1]! : nameOf(parts[1]!) ? parts[0]! : null;
  const name = other ? r.str(other) : null;
  const indexes = name === null ? null : indexesOf(source, r, true);
  return indexes && name !== null ? [{ object: indexes.object, asked: indexes.asked, schema: indexes.schema, table: indexes.table, name, present: true }] : null;
}

/** `inspector.has_table("t", schema=…)`, `bind.dialect.has_table(bind, "t")`, `inspector.has_index("t", "ix")`. */
function hasCall(call: SyntaxNode, r: Reading): ExistenceTest[] | null {
  const fn = call.childForFieldName("function");
  if (fn?.type !== "attribute") return null;
  const method = fn.childForFieldName("attribute")?.text;
  const receiver = fn.childForFieldName("object");
  if ((method !== "has_table" && method !== "has_index") || !receiver) return null;
  // A dialect keeps nothing between calls; an inspector does.
  const dialect = receiver.type === "attribute" && receiver.childForFieldName("attribute")?.text === "dialect";
  if (!dialect && !isInspector(receiver, r)) return null;
  // Dialect.has_table(connection, table_name, schema=None); Inspector.has_table(table_name, schema=None); Inspector.has_index(table_name, index_name, schema=None).
  const args = argsOf(call);
  if (args.unread) return null;
  const from = dialect ? 1 : 0;
  const table = stringOf(args.arg(from, "table_name"), r);
  const schema = schemaOf(args.arg(method === "has_index" ? from + 2 : from + 1, "schema"), r.str);
  if (table === null || schema === undefined) return null;
  if (method === "has_table") return [{ object: "table", asked: "has_table", schema, table, name: table, present: true }];
  const name = dialect ? null : stringOf(args.arg(from + 1, "index_name"), r);
  return name === null ? null : [{ object: "index", asked: "index", schema, table, name, present: true }];
}

/**
 * `inspector.get_pk_constraint("t")["constrained_columns"]` (or its `"name"`,
 * or `.get(...)` of either), tested for truth: whether the table has a primary
 * key. The dict may be held in a name assigned it once (octavia's
 * `pk = inspector.get_pk_constraint("spares_pool")`, then
 * `if not pk["constrained_columns"]:`).
 */
function primaryKey(node: SyntaxNode, r: Reading): ExistenceTest[] | null {
  const [dict, key] = node.type === "subscript" ? [node.childForFieldName("value"), node.childForFieldName("subscript")] : dictGet(node);
  const field = key ? r.str(key) : null;
  if (!dict || (field !== "constrained_columns" && field !== "name")) return null;
  const call = dict.type === "identifier" ? taken(dict, r) : dict;
  const fn = call?.type === "call" ? call.childForFieldName("function") : null;
  const receiver = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
  if (!call || fn?.childForFieldName("attribute")?.text !== "get_pk_constraint" || !receiver || !isInspector(receiver, r)) return null;
  // Inspector.get_pk_constraint(table_name, schema=None).
  const args = argsOf(call);
  const table = args.unread ? null : stringOf(args.arg(0, "table_name"), r);
  const schema = schemaOf(args.arg(1, "schema"), r.str);
  return table === null || schema === undefined ? null : [{ object: "index", asked: "primary-key", schema, table, name: table, present: true }];
}

/**
 * `inspector.get_pk_constraint("t")["name"]` (or `.get("name")`, or of a name
 * assigned that dict once): the name the table's primary key has when it
 * runs, whatever replay calls it (neutron's and octavia's
 * `op.drop_constraint(pk.get("name"), "t", type_="primary")`). The table it
 * asks about; null when it is not such an expression or the table is not known.
 */
export function primaryKeyName(written: SyntaxNode, valueOf: NameValue, str: StringOf): { schema: string | null; table: string } | null {
  // A name assigned it once (`name = pk["name"]`), one step.
  const node = written.type === "identifier" ? valueOf(written.text) : written;
  if (!node) return null;
  const [, key] = node.type === "subscript" ? [null, node.childForFieldName("subscript")] : dictGet(node);
  if (!key || str(key) !== "name") return null;
  const test = primaryKey(node, { valueOf, str, askedAt: null, inspectors: [], called: null, returned: false })?.[0];
  return test ? { schema: test.schema, table: test.table } : null;
}

/** `d.get(key)`: the dict and the key; nulls for another call. */
function dictGet(call: SyntaxNode): [SyntaxNode | null, SyntaxNode | null] {
  const fn = call.childForFieldName("function");
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  return fn?.type === "attribute" && fn.childForFieldName("attribute")?.text === "get" && args.length === 1 ? [fn.childForFieldName("object"), args[0]!] : [null, null];
}

/** `"t" in <table names>`, `"ix" not in <index names of t>`. */
function membership(node: SyntaxNode, r: Reading): ExistenceTest[] | null {
  const parts = node.namedChildren;
  const op = node.children
    .filter((c) => !c.isNamed)
    .map((c) => c.type)
    .join(" ");
  if (parts.length !== 2 || (op !== "in" && op !== "not in")) return null;
  const name = r.str(parts[0]!);
  const names = name === null ? null : namesOf(parts[1]!, r, true);
  if (!names || name === null) return null;
  const test: ExistenceTest =
    names.object === "table" ? { object: "table", asked: "get_table_names", schema: names.schema, table: name, name, present: true } : { object: names.object, asked: names.asked, schema: names.schema, table: names.table, name, present: true };
  return [op === "in" ? test : negated(test)];
}

interface Names {
  object: "table" | "index" | "column";
  /** What the names are of (object "index"): the table's indexes, or only its UNIQUE constraints; its columns (object "column"). */
  asked: "index" | "unique-constraint" | "get_columns";
  schema: string | null;
  /** The table whose indexes or columns they are. */
  table: string;
}

/**
 * What a collection of names is: `inspector.get_table_names()`, or the
 * `name` of each of `inspector.get_indexes("t")` (a comprehension), or a
 * name assigned one of them (`follow`: once, taken where it was assigned).
 */
function namesOf(node: SyntaxNode, r: Reading, follow: boolean): Names | null {
  if (node.type === "identifier") {
    const value = follow ? taken(node, r) : null;
    return value ? namesOf(value, r, false) : null;
  }
  if (node.type === "call") {
    const fn = node.childForFieldName("function");
    // set(...) and list(...) of names keep them.
    if (fn?.type === "identifier" && (fn.text === "set" || fn.text === "list" || fn.text === "frozenset")) {
      const only = node.childForFieldName("arguments")?.namedChildren;
      return only?.length === 1 ? namesOf(only[0]!, r, follow) : null;
    }
    const receiver = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
    if (fn?.childForFieldName("attribute")?.text !== "get_table_names" || !receiver || !isInspector(receiver, r)) return null;
    // Inspector.get_table_names(schema=None).
    const args = argsOf(node);
    const schema = args.unread ? undefined : schemaOf(args.arg(0, "schema"), r.str);
    return schema === undefined ? null : { object: "table", asked: "index", schema, table: "" };
  }
  if (node.type !== "list_comprehension" && node.type !== "set_comprehension" && node.type !== "generator_expression") return null;
  // [i["name"] for i in <indexes>]: one `for`, no `if`, the element the loop variable's "name".
  const body = node.childForFieldName("body");
  const clauses = node.namedChildren.filter((c) => c !== body);
  const clause = clauses.length === 1 && clauses[0]!.type === "for_in_clause" ? clauses[0]! : null;
  const variable = clause?.childForFieldName("left");
  const source = clause?.childForFieldName("right");
  if (!body || variable?.type !== "identifier" || !source) return null;
  const key = body.type === "subscript" ? body.childForFieldName("subscript") : null;
  if (body.type !== "subscript" || body.childForFieldName("value")?.text !== variable.text || key?.type !== "string" || r.str(key) !== "name") return null;
  return indexesOf(source, r, follow);
}

/**
 * `inspector.get_indexes("t", schema=…)`, or `inspector.get_unique_constraints(…)`
 * (a table's UNIQUE constraints only: a unique index made by CREATE UNIQUE
 * INDEX is not one), or `inspector.get_columns(…)` (the table's columns), or a
 * name assigned one of them once (`follow`).
 */
function indexesOf(node: SyntaxNode, r: Reading, follow: boolean): Names | null {
  if (node.type === "identifier") {
    const value = follow ? taken(node, r) : null;
    return value ? indexesOf(value, r, false) : null;
  }
  const fn = node.type === "call" ? node.childForFieldName("function") : null;
  const receiver = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
  const method = fn?.childForFieldName("attribute")?.text;
  if ((method !== "get_indexes" && method !== "get_unique_constraints" && method !== "get_columns") || !receiver || !isInspector(receiver, r)) return null;
  // Inspector.get_indexes(table_name, schema=None); get_unique_constraints and get_columns alike.
  const args = argsOf(node);
  const table = args.unread ? null : stringOf(args.arg(0, "table_name"), r);
  const schema = schemaOf(args.arg(1, "schema"), r.str);
  if (table === null || schema === undefined) return null;
  if (method === "get_columns") return { object: "column", asked: "get_columns", schema, table };
  return { object: "index", asked: method === "get_indexes" ? "index" : "unique-constraint", schema, table };
}

/** What a name assigned a list of names holds (its one assignment), noting where the list was taken. */
function taken(name: SyntaxNode, r: Reading): SyntaxNode | null {
  const value = r.valueOf(name.text);
  if (value) r.askedAt = Math.min(r.askedAt ?? value.startIndex, value.startIndex);
  return value;
}

/**
 * Whether `receiver` is SQLAlchemy's inspector (`inspect(bind)`,
 * `sa.inspect(...)`, `Inspector.from_engine(...)`, or a name assigned one of
 * them once), noting an inspector held in a name.
 */
function isInspector(receiver: SyntaxNode, r: Reading): boolean {
  const held = receiver.type === "identifier" ? r.valueOf(receiver.text) : null;
  const value = receiver.type === "identifier" ? held : receiver;
  if (value?.type !== "call") return false;
  const callee = calleeText(value);
  if (!/^(?:(?:sa|sqlalchemy)\.)?inspect$/.test(callee) && !/(?:^|\.)Inspector\.from_engine$/.test(callee)) return false;
  if (held) r.inspectors.push(held.startIndex);
  return true;
}

/** A string argument the test names; null when absent or not known statically. */
function stringOf(node: SyntaxNode | null, r: Reading): string | null {
  return node ? r.str(node) : null;
}

/** A `schema=`: null when absent or None (the default schema), undefined when not known statically. */
function schemaOf(node: SyntaxNode | null, str: StringOf): string | null | undefined {
  if (!node || node.type === "none") return null;
  return str(node) ?? undefined;
}
