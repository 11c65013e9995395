import type { SyntaxNode } from "../../python/syntax-node.js";
import { bindPattern, extendEnv, ROOT_ENV } from "../../python/evaluate.js";
import { truthy, type Value } from "../../python/values.js";
import { calleeText } from "../../python/expand.js";
import { lastName } from "../../python/env.js";
import { alembicKeys, argsOf, columnList, DROP_INDEX_FLAGS, flag, hole, INDEX_FLAGS, schemaValue, stringList, stringValue, unknownFlag, writtenName, type Args, type Holes } from "./arguments.js";
import { dynamic, push, type FunctionModule, type RevisionContext, type RevisionOutput, type State } from "./context.js";
import { spatialIndexOf } from "./spatial.js";
import { customOperation } from "./custom-operations.js";
import { COLUMN_FLAGS, columnFlags, columnName, createTable, excludeClause, isColumnCall, pushKeyConstraint } from "./create-table.js";
import { carryValues, elementAt } from "./elements.js";
import { forwarded } from "./forwarded.js";
import { appendToList, assignList } from "./local-lists.js";
import { createIndexSql } from "./index-sql.js";
import { branchesTaken, conditionValues, endsBlock, endsFunction, type UndecidedCondition } from "./branches.js";
import { guard } from "../../python/guards.js";
import { assignedIn, onPostgres } from "./dialect.js";
import { existenceTests, primaryKeyName, type CalledFunction, type ExistenceCondition } from "./existence.js";
import type { ExistenceQuestion, ExistenceTest, SourceStatement } from "../types.js";
import { rawSql } from "./raw-sql.js";
import { standaloneDrop, standaloneIndex } from "./standalone-index.js";
import { tableAt, tableCreateOrDrop } from "./table-create.js";
import { clobbered, reassignedNames, rebound } from "./reassigned.js";
import { boundInFunction, heldOpMethod } from "./held-op.js";
import { ALEMBIC_METHODS, INDEX_METHODS } from "./op-methods.js";
import { aroundYield } from "./around-yield.js";
import { isNameChar } from "../module-text.js";
import { conventionalName, type ConventionKind } from "./naming.js";
import { ident, qualifiedIdent } from "./sql-text.js";
import { LIMITS, limitReached } from "../../python/limits.js";

export type { RevisionContext, RevisionOutput } from "./context.js";

/** Where each operation takes `schema` by position (Alembic 1.8's signatures; keyword-only from 1.9). */
const SCHEMA_POSITION: Partial<Record<string, number>> = {
  add_column: 2,
  drop_column: 2,
  create_index: 3,
  drop_index: 2,
  create_unique_constraint: 3,
  create_primary_key: 3,
  drop_constraint: 3,
  drop_table: 1,
  rename_table: 2,
  // drop_geospatial_index(index_name, table_name, column_name, schema=None).
  drop_geospatial_index: 3,
};

/**
 * GeoAlchemy2's Alembic operations (`geoalchemy2.alembic_helpers`, registered
 * when env.py imports it), and the operation of Alembic's each runs on
 * PostgreSQL, with the same arguments but drop_geospatial_index's column_name
 * (SCHEMA_POSITION). add_geospatial_column adds only the column
 * (PLAIN_ADD_COLUMN).
 */
const GEOSPATIAL_OPERATIONS: ReadonlyMap<string, string> = new Map([
  ["create_geospatial_table", "create_table"],
  ["drop_geospatial_table", "drop_table"],
  ["add_geospatial_column", "add_column"],
  ["drop_geospatial_column", "drop_column"],
  ["create_geospatial_index", "create_index"],
  ["drop_geospatial_index", "drop_index"],
]);

/** GeoAlchemy2's add_column, whose implementation calls Alembic's impl.add_column: no index or constraint of the column. */
const PLAIN_ADD_COLUMN = "add_geospatial_column";

/**
 * The SQL one revision's `upgrade()` runs, in order: what each `op.*` and
 * `batch_op.*` operation makes Alembic emit for PostgreSQL, and the SQL given
 * to `op.execute`, `conn.execute` and `exec_driver_sql`. `downgrade()` is not
 * read. Loops over literal lists are unrolled, `if` branches are all read,
 * `except` clauses are not (cleanup after a failure), and module functions
 * `upgrade()` calls are followed with their arguments bound.
 */
export function readUpgrade(ctx: RevisionContext, upgrade: SyntaxNode): RevisionOutput {
  const out: RevisionOutput = { statements: [], dynamic: [], committed: false, asked: new Map(), followed: new Set(), said: new Set() };
  const walk = (fn: SyntaxNode, name: string): void => {
    const body = fn.childForFieldName("body");
    if (body) visitBody(ctx, out, body, { env: ROOT_ENV, transaction: true, batches: new Map(), site: null, fn: name, depth: 0, locals: new Map(), ops: new Set(), runsIf: null, entered: 0, lists: null, repeats: false, guards: [] });
  };
  walk(upgrade, "upgrade");
  // The multidb template's upgrade(engine_name) calls globals()["upgrade_%s" % engine_name](): each upgrade_<engine> is an upgrade.
  // Elsewhere an upgrade_<x> upgrade() does not call (upgrade_sqlite() behind a dialect test) never runs.
  // Most revisions have no upgrade_<x>: asked first, it spares the walk over every call of upgrade().
  const others = ctx.info.functionNames().filter((name) => /^upgrade_\w+$/.test(name));
  if (others.length === 0 || !dispatchesByName(upgrade)) return out;
  for (const name of others) {
    if (out.followed.has(name)) continue;
    const fn = ctx.info.functionNamed(name);
    if (!fn) continue;
    out.committed = false;
    walk(fn, name);
  }
  return out;
}

/**
 * Whether `upgrade()` calls a function it looks up by name at run time, as
 * the multidb template's `globals()["upgrade_%s" % engine_name]()` does (or
 * `getattr(module, f"upgrade_{engine_name}")()`): the walk cannot follow
 * that call, so each `upgrade_<engine>` is read as an upgrade of its own.
 */
function dispatchesByName(upgrade: SyntaxNode): boolean {
  const text = upgrade.text;
  if (!text.includes("globals") && !text.includes("getattr")) return false;
  return upgrade.descendantsOfType("call").some((call) => {
    const fn = call.childForFieldName("function");
    const looked = fn?.type === "subscript" ? fn.childForFieldName("value") : fn;
    const callee = looked?.type === "call" ? looked.childForFieldName("function")?.text : null;
    return callee === "globals" || callee === "getattr";
  });
}

/** A function's body, with the `def helper(...)` statements directly in it (decorated ones too) as its local functions. */
function visitBody(ctx: RevisionContext, out: RevisionOutput, body: SyntaxNode, state: State, part: readonly SyntaxNode[] = body.namedChildren): void {
  const statements = part;
  const locals = new Map<string, SyntaxNode>();
  for (const child of body.namedChildren) {
    if (child.type !== "decorated_definition" && child.type !== "function_definition") continue;
    const def = child.type === "decorated_definition" ? child.childForFieldName("definition") : child;
    const name = def?.type === "function_definition" ? def.childForFieldName("name")?.text : undefined;
    if (def && name) locals.set(name, def);
  }
  // The lists the function builds as it runs (local-lists.ts) are among its variables.
  const vars = new Map<string, Value>();
  visitBlock(ctx, out, statements, { ...state, locals, env: extendEnv(state.env, vars), lists: { vars, madeUnder: new Map() }, repeats: false });
}

/** How a block ends: on past its last statement, or at one that surely leaves the function, ends the loop's turn (`continue`) or the loop (`break`). */
type Flow = "on" | "leaves" | "continue" | "break";

/** Statements of one block in order, up to one that surely leaves it (a `return`, `raise`, `continue`, `break`, an `if` whose taken branches all do). */
function visitBlock(ctx: RevisionContext, out: RevisionOutput, statements: readonly SyntaxNode[], entered: State, end?: { state: State | null }): Flow {
  let state = entered;
  // Names the function assigns again (a parameter, a variable assigned twice): followed statement by statement (reassigned.ts).
  const params = reassignedNames(statements);
  const past = (child: SyntaxNode, s: State): State => (params.size === 0 ? s : { ...s, env: rebound(s.env, child, params, (n, e) => ctx.evaluator.evaluate(n, e)) });
  // Inside a block whose order the walk does not follow, such a name is not known.
  const inside = (child: SyntaxNode, s: State): State => (params.size === 0 ? s : { ...s, env: clobbered(s.env, child, params) });
  for (const child of statements) {
    // What follows a `return` or `raise` (in a loop, a `continue` or `break`) of the block itself never runs;
    // what it evaluates on the way out does (`return op.create_index(...)`, `return helper(n + 1)`).
    if (child.type === "return_statement" || child.type === "raise_statement") {
      visit(ctx, out, child, state);
      return "leaves";
    }
    if (child.type === "continue_statement") return "continue";
    if (child.type === "break_statement") return "break";
    if (child.type === "for_statement") {
      if (visitFor(ctx, out, child, inside(child, state)) === "leaves") return "leaves";
      state = past(child, state);
      continue;
    }
    if (child.type !== "if_statement") {
      visit(ctx, out, child, child.type === "expression_statement" ? state : inside(child, state));
      state = past(child, state);
      continue;
    }
    // An if decided to run one block, or none, leaves the names as that block does.
    const taken: { state: State | null } = { state: null };
    const read = visitIf(ctx, out, child, state, params.size > 0 ? taken : undefined);
    if (read === null) state = visitUnread(ctx, out, child, inside(child, state));
    else if (typeof read === "string") {
      if (read !== "read") return read;
    }
    // `if inspector.has_table("t"): return`: what follows runs only when the test fails.
    else state = read.after;
    if (params.size > 0) state = taken.state ? { ...state, env: taken.state.env } : past(child, state);
  }
  if (end) end.state = state;
  return "on";
}

/** Pre-order, children in source order; a stack instead of recursion, so that deeply nested expressions cannot overflow it. */
function visit(ctx: RevisionContext, out: RevisionOutput, root: SyntaxNode, state: State): void {
  const stack = [root];
  for (let node = stack.pop(); node; node = stack.pop()) {
    switch (node.type) {
      case "function_definition":
      case "class_definition":
      case "decorated_definition":
      case "except_clause":
      case "comment":
      case "string":
        continue;
      case "lambda":
        // Its body runs when something calls it, any number of times: an operation there is said, not read.
        if (callsOperation(node.childForFieldName("body")?.text ?? "", ctx.opFunctions)) dynamic(ctx, out, node, state, "an operation inside a lambda runs when something calls the lambda: when and how often is not read");
        continue;
      case "conditional_expression":
        visitConditional(ctx, out, node, state);
        continue;
      case "with_statement":
        visitWith(ctx, out, node, state);
        continue;
      case "for_statement":
        visitFor(ctx, out, node, state);
        continue;
      case "while_statement":
        visitWhile(ctx, out, node, state);
        continue;
      case "if_statement":
        if (visitIf(ctx, out, node, state) === null) visitUnread(ctx, out, node, state);
        continue;
      case "call":
        if (visitCall(ctx, out, node, state)) continue;
        break;
      case "assignment":
        assignList(ctx, node, state);
        break;
    }
    const children = node.namedChildren;
    for (let i = children.length - 1; i >= 0; i--) stack.push(children[i]!);
  }
}

function visitWith(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): void {
  let inner = state;
  // The project's context managers entered here: what each does after its `yield` runs when the block is left, innermost first.
  const leaving: (() => void)[] = [];
  const clause = node.namedChildren.find((c) => c.type === "with_clause");
  for (const item of clause?.namedChildren ?? []) {
    let value = item.childForFieldName("value") ?? item.namedChildren[0] ?? null;
    let alias: string | null = null;
    if (value?.type === "as_pattern") {
      alias = value.childForFieldName("alias")?.text ?? value.namedChildren[1]?.text ?? null;
      value = value.namedChildren[0] ?? null;
    }
    if (value?.type !== "call") continue;
    const callee = calleeText(value);
    if (callee.endsWith(".autocommit_block")) inner = { ...inner, transaction: false };
    else if ((callee.endsWith("batch_alter_table") || ctx.opFunctions.get(callee) === "batch_alter_table") && alias !== null) {
      const args = argsOf(value);
      const table = stringValue(ctx, args.arg(0, "table_name"), inner.env);
      const schema = schemaValue(ctx, args.arg(1, "schema"), inner.env);
      if (table !== null && schema !== undefined) inner = { ...inner, batches: new Map([...inner.batches, [alias, { table, schema }]]) };
      else dynamic(ctx, out, value, inner, `the batch's ${table === null ? "table" : "schema"} is not known statically`);
      // On PostgreSQL only "always" copies the table: its indexes are rebuilt from what SQLAlchemy reflects of the live table.
      const recreate = args.arg(-1, "recreate");
      if (recreate && stringValue(ctx, recreate, inner.env) !== "auto" && stringValue(ctx, recreate, inner.env) !== "never")
        dynamic(ctx, out, value, inner, args.arg(-1, "copy_from") ? RECREATE_FROM_COPY : RECREATE_FROM_DATABASE);
    } else {
      const helper = projectFunction(ctx, value, inner);
      if (typeof helper === "string") dynamic(ctx, out, value, inner, helper);
      if (helper === null || typeof helper === "string") continue;
      const split = aroundYield(helper.def);
      if (!split) {
        dynamic(ctx, out, value, inner, `${helper.name}() is a context manager whose yield the reader does not place (inside a loop or an if): what it does around the block is not read`);
        continue;
      }
      const entering = inner;
      follow(ctx, out, value, helper.name, helper.def, helper.module, entering, split.before);
      if (split.after.length > 0) leaving.unshift(() => void follow(ctx, out, value, helper.name, helper.def, helper.module, entering, split.after, split.before));
    }
  }
  const body = node.childForFieldName("body");
  if (body) visit(ctx, out, body, inner);
  for (const leave of leaving) leave();
}

/**
 * The function of the project's modules a call calls (this module's, one defined in the function walked, one it
 * imports), with its name; why not, when it is imported from a module that is not read.
 */
function projectFunction(ctx: RevisionContext, call: SyntaxNode, state: State): { def: SyntaxNode; module: FunctionModule | null; name: string } | string | null {
  const fn = call.childForFieldName("function");
  if (fn?.type === "identifier") {
    const own = state.locals.get(fn.text) ?? ctx.info.functionNamed(fn.text);
    if (own) return { def: own, module: null, name: fn.text };
    const imported = ctx.imported(fn.text);
    return imported !== null && typeof imported !== "string" ? { def: imported.def, module: imported.module, name: fn.text } : imported;
  }
  if (fn?.type !== "attribute") return null;
  const [object, method] = objectAndName(fn);
  const helper = ctx.importedFrom(object, method);
  return helper !== null && typeof helper !== "string" ? { def: helper.def, module: helper.module, name: method } : helper;
}

const RECREATE_FROM_DATABASE =
  'batch_alter_table(recreate="always") copies the table from what SQLAlchemy reflects of it in the live database (Alembic refuses it with --sql): indexes it cannot reflect, such as expression indexes, are not rebuilt, so which indexes the table keeps is not known statically';
const RECREATE_FROM_COPY =
  'batch_alter_table(recreate="always", copy_from=...) builds a new table from the Table it is given and renames it into place (an unnamed key is named after the temporary table, _alembic_tmp_<table>_pkey): which indexes the table keeps is not read';

/** A `for` loop; "leaves" when a turn surely leaves the function (what follows the loop never runs). */
function visitFor(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): "on" | "leaves" {
  const left = node.childForFieldName("left");
  const right = node.childForFieldName("right");
  const body = node.childForFieldName("body");
  if (!left || !right || !body) return "on";
  const items = ctx.evaluator.iterate(right, state.env);
  if (!Array.isArray(items)) {
    // Operations inside still count; what depends on the loop variable is reported as dynamic. They may run
    // any number of times, none included: how a turn ends says nothing of what follows the loop.
    visitBlock(ctx, out, body.namedChildren, { ...within(state, { tests: [], unknown: true }, true), repeats: true });
    // Its `else:` runs when the loop ends without a `break`, `return` or `raise`: surely when the body has none.
    const orelse = node.childForFieldName("alternative");
    if (orelse) visit(ctx, out, orelse, mayEndEarly(body) ? within(state, { tests: [], unknown: true }, true) : state);
    return "on";
  }
  // `for col in [sa.Column(...), ...]:`: each Column is read where it is written.
  carryValues(ctx, items, state.env, right);
  for (const item of items) {
    const vars = new Map<string, Value>();
    if (!bindPattern(left, item, vars)) continue;
    // An item a list got under a condition (appended in an undecided `if`): what the loop does with it runs only under it.
    const c = ctx.carried.get(item);
    const flow = visitBlock(ctx, out, body.namedChildren, { ...state, env: extendEnv(state.env, vars), ...(c?.runsIf !== undefined ? { runsIf: c.runsIf } : {}), ...(c?.guards ? { guards: c.guards } : {}) });
    // A `break` also skips the loop's `else`.
    if (flow === "leaves" || flow === "break") return flow === "leaves" ? "leaves" : "on";
  }
  const orelse = node.childForFieldName("alternative");
  if (orelse) visit(ctx, out, orelse, state);
  return "on";
}

/**
 * An `if` whose conditions say which branches PostgreSQL takes (branches.ts):
 * those are read; else one that tests what the database holds (existence.ts):
 * each branch is read with what it needs to run, for replay to decide, and
 * when the first ends the function, what follows the `if` (`after`) with what
 * it needs. Null when neither: every branch is read as if it ran.
 */
function visitIf(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State, end?: { state: State | null }): "read" | Exclude<Flow, "on"> | { after: State } | null {
  const valueOf = conditionValues(ctx, node);
  const taken = branchesTaken(node, valueOf, (condition) => truthy(ctx.evaluator.evaluate(condition, state.env)));
  if (taken !== null) {
    // Where no block runs, or exactly one surely does, the caller's variables go on as that leaves them.
    const only = taken.surely && taken.bodies.length === 1 && taken.bodies[0]!.undecided.length === 0;
    if (end && taken.bodies.length === 0) end.state = state;
    const flows = taken.bodies.map((b) => visitBlock(ctx, out, b.statements, undecided(state, b.undecided), only ? end : undefined));
    if (taken.leaves) return "leaves";
    // `if table in SKIP: continue` decided for this turn: what follows in the loop's body does not run.
    const first = flows[0];
    return taken.surely && first !== undefined && first !== "on" && flows.every((f) => f === first) ? first : "read";
  }
  const condition = node.childForFieldName("condition");
  const alternatives = node.childrenForFieldName("alternative");
  if (!condition || alternatives.some((a) => a.type === "elif_clause")) return null;
  const found = existenceTests(condition, valueOf, (n) => stringValue(ctx, n, state.env), (call) => askingFunction(ctx, call, state));
  if (!found || changedSince(out, found, state)) return null;
  // One question for both branches (and what follows a branch that returns): answered once, when the first of them runs.
  const question: ExistenceQuestion = { tests: found.tests, shown: { whenTrue: { ...guard(condition, true), undecided: true }, whenFalse: { ...guard(condition, false), undecided: true } } };
  const body = node.childForFieldName("consequence")?.namedChildren ?? [];
  const orElse = alternatives[0]?.childForFieldName("body")?.namedChildren ?? null;
  const otherwise = within(state, question, false);
  visitBlock(ctx, out, body, within(state, question, true));
  if (orElse) visitBlock(ctx, out, orElse, otherwise);
  if (endsFunction(body)) return orElse && endsFunction(orElse) ? "leaves" : { after: otherwise };
  if (endsBlock(body)) return { after: otherwise };
  return "read";
}

/**
 * The function a condition calls (of the revision, or imported from a
 * project module), when its body (past a docstring) only assigns names and
 * then returns an expression, as Superset's `has_table(table_name)` and
 * `table_has_index(table, index)` do: that expression, read in the
 * function's module with its parameters bound to the call's arguments, for
 * existence.ts to read as a question to the database. Null for any other.
 */
function askingFunction(ctx: RevisionContext, call: SyntaxNode, state: State): ReturnType<CalledFunction> {
  const fn = call.childForFieldName("function");
  if (fn?.type !== "identifier") return null;
  const own = state.locals.get(fn.text) ?? ctx.info.functionNamed(fn.text);
  const imported = own ? null : ctx.imported(fn.text);
  const def = own ?? (imported !== null && typeof imported !== "string" ? imported.def : null);
  const module = imported !== null && typeof imported !== "string" ? imported.module : null;
  const statements = (def?.childForFieldName("body")?.namedChildren ?? []).filter((c) => c.type !== "comment" && !(c.type === "expression_statement" && c.namedChildren[0]?.type === "string"));
  const last = statements.at(-1);
  const returned = last?.type === "return_statement" ? (last.namedChildren[0] ?? null) : null;
  // Anything else it runs first (a log call aside, nothing is) could change what the answer is taken of.
  if (!def || !returned || !statements.slice(0, -1).every((s) => s.type === "expression_statement" && s.namedChildren.length === 1 && s.namedChildren[0]!.type === "assignment")) return null;
  const home = module ? { ...ctx, ...module } : ctx;
  const vars = ctx.evaluator.bindCall(def, call, state.env, module ? (n) => module.evaluator.evaluate(n, ROOT_ENV) : undefined);
  const env = extendEnv(ROOT_ENV, vars);
  return { returned, valueOf: assignedIn(returned, (f) => home.info.functionNamed(f)), str: (n) => stringValue(home, n, env) };
}

/**
 * An `if` whose condition the reader does not read: every branch is read as
 * if it ran, but may not have (undecided()): a branch's statements have its
 * condition as their guard, and an elif's or the else's also the negation of
 * each condition before it. Returns the state after
 * the `if`: when its only branch ends the function (`if has_table(t):
 * return`), what follows runs only when the condition is false.
 */
function visitUnread(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): State {
  const condition = node.childForFieldName("condition");
  if (condition) visit(ctx, out, condition, state);
  const body = node.childForFieldName("consequence");
  if (body) visit(ctx, out, body, undecided(state, condition ? [{ condition, when: true }] : []));
  // An elif (and the else) runs only when every condition before it is false.
  const passed: UndecidedCondition[] = condition ? [{ condition, when: false }] : [];
  const alternatives = node.childrenForFieldName("alternative");
  for (const alt of alternatives) {
    const elif = alt.type === "elif_clause" ? alt.childForFieldName("condition") : null;
    if (elif) visit(ctx, out, elif, undecided(state, passed));
    const block = alt.childForFieldName(elif ? "consequence" : "body");
    if (block) visit(ctx, out, block, undecided(state, elif ? [...passed, { condition: elif, when: true }] : passed));
    if (elif) passed.push({ condition: elif, when: false });
  }
  return alternatives.length === 0 && body && endsBlock(body.namedChildren) ? undecided(state, passed) : state;
}

/** Whether an expression's text (a lambda's body) calls one of op's operations that make or drop an index, or runs SQL (`op.get_bind().execute(...)`). */
function callsOperation(text: string, opFunctions: ReadonlyMap<string, string>): boolean {
  // Linear: a fixed word, a dot, one run of word characters.
  for (const m of text.matchAll(/\b(?:op|batch_op)\.(\w+)\s*\(/g)) if (INDEX_METHODS.has(m[1]!)) return true;
  // Linear: one run of word characters (op's functions imported by name).
  if (opFunctions.size > 0) for (const m of text.matchAll(/\b(\w+)\s*\(/g)) if (INDEX_METHODS.has(opFunctions.get(m[1]!) ?? "")) return true;
  // Linear: a dot, a fixed word.
  return /\.(?:execute|exec_driver_sql)\s*\(/.test(text);
}

/**
 * `a if condition else b`: the side the condition picks, when it is a test
 * replay decides as an `if`'s (the dialect, values known statically); else
 * both, each under the condition as an undecided guard.
 */
function visitConditional(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): void {
  const parts = node.namedChildren.filter((c) => c.type !== "comment");
  const [body, condition, otherwise] = parts;
  if (parts.length !== 3 || !body || !condition || !otherwise) {
    for (const part of parts) visit(ctx, out, part, state);
    return;
  }
  visit(ctx, out, condition, state);
  const value = onPostgres(condition, conditionValues(ctx, node)) ?? truthy(ctx.evaluator.evaluate(condition, state.env));
  if (value !== false) visit(ctx, out, body, value === true ? state : undecided(state, [{ condition, when: true }]));
  if (value !== true) visit(ctx, out, otherwise, value === false ? state : undecided(state, [{ condition, when: false }]));
}

/**
 * A `while` loop runs its body as long as its condition holds, perhaps never:
 * the body is read once as a loop's over what the reader cannot list (names
 * it assigns again, and lists it appends to, are not known), under its
 * condition as a guard the reader does not decide. `while True:` runs it at
 * least once and its `else:` never (it ends only at a `break`); otherwise the
 * `else:` runs when the loop ends without a `break`, `return` or `raise`:
 * surely when its body has none.
 */
function visitWhile(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): void {
  const condition = node.childForFieldName("condition");
  if (condition) visit(ctx, out, condition, state);
  const always = condition?.type === "true";
  const body = node.childForFieldName("body");
  if (body) visitBlock(ctx, out, body.namedChildren, { ...(always || !condition ? state : undecided(state, [{ condition, when: true }])), repeats: true });
  const otherwise = node.childForFieldName("alternative")?.childForFieldName("body");
  if (otherwise && !always) visit(ctx, out, otherwise, condition && body && mayEndEarly(body) ? undecided(state, [{ condition, when: false }]) : state);
}

/** Whether a loop's body may end it other than by running out: a `break` of that loop, or a `return` or `raise` (not in a function or class inside it). */
function mayEndEarly(body: SyntaxNode): boolean {
  // `inner`: inside a nested loop's body, where a `break` ends that loop only (one in its `else:` ends this one).
  const stack = body.namedChildren.map((node) => ({ node, inner: false }));
  for (let top = stack.pop(); top; top = stack.pop()) {
    const { node, inner } = top;
    if (node.type === "return_statement" || node.type === "raise_statement" || (node.type === "break_statement" && !inner)) return true;
    if (node.type === "function_definition" || node.type === "class_definition" || node.type === "lambda" || node.type === "decorated_definition") continue;
    if (node.type === "for_statement" || node.type === "while_statement") {
      const otherwise = node.childForFieldName("alternative");
      for (const child of node.namedChildren) stack.push({ node: child, inner: child === otherwise ? inner : true });
      continue;
    }
    for (const child of node.namedChildren) stack.push({ node: child, inner });
  }
  return false;
}

/**
 * The state of a block that runs only when conditions the reader does not
 * decide have the values given (outermost first): replay no longer knows what
 * it changes, and each statement in it has them as guards (innermost first),
 * marked undecided, so that `list` does not present it as surely built.
 */
function undecided(state: State, conditions: readonly UndecidedCondition[]): State {
  if (conditions.length === 0) return state;
  const guards = conditions.map((c) => ({ ...guard(c.condition, c.when), undecided: true }));
  return { ...within(state, { tests: [], unknown: true }, true), guards: [...guards.reverse(), ...state.guards] };
}

/**
 * Whether the revision ran a statement that may change the answers since
 * they were taken: where a list of names it tests was assigned, or where the
 * same inspector was first asked (SQLAlchemy keeps what an inspector
 * reflected). Replay decides a test as the database is at the `if`, so it
 * then does not decide it. Notes the inspectors asked.
 */
function changedSince(out: RevisionOutput, found: ExistenceCondition, state: State): boolean {
  // Something the revision does that the reader could not read (create_all(), SQL known only at run time) may have changed anything.
  if (out.dynamic.length > 0) return true;
  const touches = (k: number): boolean => mayChange(out.statements[k]!, found.tests);
  let changed = false;
  // Per call of the function: a helper called twice makes its inspector twice.
  const call = `${state.site?.startIndex ?? -1}:${state.entered}:`;
  for (const inspector of found.inspectors) {
    const first = out.asked.get(`${call}${inspector}`);
    if (first === undefined) out.asked.set(`${call}${inspector}`, out.statements.length);
    else for (let k = first; k < out.statements.length && !changed; k++) changed = touches(k);
  }
  if (changed || found.askedAt === null) return changed;
  for (let k = out.statements.length - 1; k >= state.entered; k--) {
    // A helper's statements are all reported at its call: any since the helper began counts.
    if (state.site === null && out.statements[k]!.start < found.askedAt) break;
    if (touches(k)) return true;
  }
  return false;
}

/**
 * Whether a statement may make or remove a table, index or column the tests
 * name: one that names it, or a schema, or holds SQL known only at run time.
 * An add_column's ADD COLUMN (its type not rendered) changes only whether its
 * table has that column. What an index or key operation emits changes no
 * table or column, and of indexes only the one it names, or any of its
 * table's when PostgreSQL names the key (`ADD UNIQUE (…)`).
 */
function mayChange(st: SourceStatement, tests: readonly ExistenceTest[]): boolean {
  const holes = st.holes !== undefined && st.holes.size > 0;
  const addsColumn = st.columnTypesUnknown === true && st.sql.startsWith("ALTER TABLE ");
  // A create_table's columns are its own: only its name before them says what else it may change.
  const sql = (st.columnTypesUnknown && !addsColumn ? st.sql.slice(0, st.sql.indexOf("(")) : st.sql).toLowerCase();
  const keysOnly = !addsColumn && st.executor !== null && KEY_OPERATIONS.has(lastName(st.executor));
  // A CASCADE may drop what the statement does not name (DROP TYPE … CASCADE drops columns of the type, and their indexes).
  const cascades = names(sql, "cascade");
  return tests.some((t) => {
    if (addsColumn) return t.object === "column" && (holes || (names(sql, t.table.toLowerCase()) && names(sql, t.name.toLowerCase())));
    if (keysOnly) return t.object === "index" && (holes || names(sql, t.name.toLowerCase()) || (UNNAMED_KEY.test(st.sql) && names(sql, t.table.toLowerCase())));
    return holes || cascades || names(sql, "schema") || names(sql, t.table.toLowerCase()) || names(sql, t.name.toLowerCase());
  });
}

/** Operations (and the elements of a create_table or add_column) whose statements make or drop only indexes and keys. */
const KEY_OPERATIONS: ReadonlySet<string> = new Set(["create_index", "drop_index", "create_unique_constraint", "create_primary_key", "drop_constraint", "create_exclude_constraint", "Index", "Column", "UniqueConstraint", "PrimaryKeyConstraint", "ExcludeConstraint"]);

/** A key the reader renders without a name (`ALTER TABLE t ADD UNIQUE (a)`): PostgreSQL picks one, which a test may name. */
const UNNAMED_KEY = /\bADD (?:UNIQUE|PRIMARY KEY|EXCLUDE)\b/;

/** Whether `sql` holds `name` as a whole word (`t` is not in `CREATE TABLE`). */
function names(sql: string, name: string): boolean {
  // NaN (before the start, past the end) is no name character. A `$` is a boundary here: `t$x` counts as naming t, which only leaves a test undecided.
  for (let at = sql.indexOf(name); at >= 0; at = sql.indexOf(name, at + 1)) if (!isNameChar(sql.charCodeAt(at - 1)) && !isNameChar(sql.charCodeAt(at + name.length))) return true;
  return false;
}

/** The state of a block that runs only when the answer to `question` is `when`, inside the block walked. */
function within(state: State, question: ExistenceQuestion, when: boolean): State {
  return { ...state, runsIf: { question, when, parent: state.runsIf } };
}

/** Handles a call the reader knows; false lets the walk look inside it. */
function visitCall(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, state: State): boolean {
  const fn = call.childForFieldName("function");
  if (!fn) return false;
  if (fn.type === "attribute") {
    const [object, method] = objectAndName(fn);
    const batch = state.batches.get(object) ?? null;
    if (ctx.op.has(object) || state.ops.has(object) || batch) return operation(ctx, out, call, method, `${object}.${method}`, batch, state);
    if (appendToList(ctx, call, object, method, state)) return true;
    if (method === "execute" || method === "exec_driver_sql") {
      // `sa.DDL("CREATE INDEX ...").execute(bind)` (SQLAlchemy 1.x): the DDL's own SQL runs on the bind given, or on
      // the one it was made with (`DDL(sql, bind=conn)`); with neither, SQLAlchemy refuses it.
      const target = fn.childForFieldName("object");
      if (method === "execute" && target?.type === "call" && lastName(calleeText(target)) === "DDL") {
        const ddl = argsOf(target, { ctx, env: state.env });
        return argsOf(call).arg(0, "bind") || ddl.arg(2, "bind") ? rawSql(ctx, out, call, "DDL.execute", state, ddl) : true;
      }
      return rawSql(ctx, out, call, `${object}.${method}`, state, argsOf(call, { ctx, env: state.env }));
    }
    // `utils.add_index(...)` with `from migrations import utils` (or `import migrations.utils as utils`): read in that module.
    // One from a module that is not read is said where it is called for what it does (its value unused), as below.
    const helper = ctx.importedFrom(object, method);
    if (typeof helper === "string") return call.parent?.type === "expression_statement" ? dynamic(ctx, out, call, state, helper) : false;
    if (helper) return follow(ctx, out, call, method, helper.def, helper.module, state);
    // An index operation on something not known to be `op` (`ops = op`, an Operations object handed around): said, not passed over.
    if (INDEX_METHODS.has(method)) return dynamic(ctx, out, call, state, `${object} is not known to be Alembic's op: what ${method}() does is not read`);
    // sa.Index(...).create(bind), or a name assigned such an Index once: SQLAlchemy builds the index outside Alembic's
    // operations, read when its table is declared here.
    const target = fn.childForFieldName("object");
    // What a name the call is made on was assigned (once), for .create() / .drop() of an Index or a Table.
    const held = target?.type === "identifier" && (method === "create" || method === "drop") ? assignedIn(call, (f) => ctx.info.functionNamed(f))(target.text) : null;
    const index = target?.type === "call" ? target : held;
    if (index?.type === "call" && lastName(calleeText(index)) === "Index") {
      if (method === "create") return indexCreate(ctx, out, call, index, state);
      if (method === "drop") return indexDrop(ctx, out, call, index, state);
    }
    // Base.metadata.create_all(bind), Model.__table__.create(bind): the tables and indexes of the models, built outside Alembic's operations.
    if (method === "create_all" || method === "drop_all" || ((method === "create" || method === "drop") && object.endsWith("__table__")))
      return dynamic(ctx, out, call, state, `tables of the models ${method.startsWith("drop") ? "dropped" : "built"} with ${method}(): their indexes are not read`);
    // sa.Table("t", metadata, ...).create(bind), a name assigned such a Table, or a loop's variable over such names.
    if ((method === "create" || method === "drop") && target) {
      const table = tableAt(ctx, target, state);
      if (table) return tableCreateOrDrop(ctx, out, call, table, method, state);
      // A loop over Tables the reader cannot list (said once, however many turns it is read for).
      const reason = `a table SQLAlchemy ${method === "drop" ? "drops" : "builds"} with Table(...).${method}() in a loop over what is not known statically: its indexes are not read`;
      if (target.type === "identifier" && (loopTable(ctx, call, target) || unlistedLoop(ctx, call, target, state))) return dynamic(ctx, out, call, state, reason);
    }
    return false;
  }
  if (fn.type === "identifier") {
    const name = fn.text;
    const own = state.locals.get(name) ?? ctx.info.functionNamed(name);
    // A helper imported from a module of the project is read in that module; one from elsewhere is said
    // where it is called for what it does (its value unused), since it may create or drop an index.
    const imported = own ? null : ctx.imported(name);
    if (typeof imported === "string") return call.parent?.type === "expression_statement" ? dynamic(ctx, out, call, state, imported) : false;
    const def = own ?? imported?.def;
    if (!def) {
      // One of op's functions imported by name, unless the function binds the name to something else.
      const opFunction = ctx.opFunctions.get(name);
      if (opFunction !== undefined && !boundInFunction(ctx, fn, state)) return operation(ctx, out, call, opFunction, name, null, state);
      // `func = op.create_primary_key`, then `func(...)`: that operation, or said when which one is not known.
      const held = heldOpMethod(ctx, fn, state);
      if (held?.method) return operation(ctx, out, call, held.method, held.executor, null, state);
      if (held?.partial) return dynamic(ctx, out, call, state, `${name} holds functools.partial of one of op's methods: the arguments it binds are not read`);
      if (held) return dynamic(ctx, out, call, state, `${name} holds one of op's methods, which one is not known statically: what it does is not read`);
      return false;
    }
    if (name === "upgrade" || name === "downgrade") return false;
    if (own && !state.locals.has(name) && def.childForFieldName("body")) out.followed.add(name);
    return follow(ctx, out, call, name, def, imported?.module ?? null, state);
  }
  return false;
}

/**
 * A `Table(...)` a loop's variable takes (`for table in [users, orders]:
 * table.create()`, or a list assigned to a name just before the loop, each
 * item a name assigned a Table once), so that what it builds is said, not
 * passed over; null when it takes no such Table.
 */
function loopTable(ctx: RevisionContext, call: SyntaxNode, variable: SyntaxNode): SyntaxNode | null {
  let loop = call.parent;
  while (loop && !(loop.type === "for_statement" && loop.childForFieldName("left")?.text === variable.text)) loop = loop.type === "function_definition" ? null : loop.parent;
  const right = loop?.childForFieldName("right") ?? null;
  const items = right?.type === "identifier" && loop ? listAssignedBefore(loop, right.text) : right;
  if (items?.type !== "list" && items?.type !== "tuple") return null;
  const tableOf = assignedIn(call, (f) => ctx.info.functionNamed(f));
  for (const item of items.namedChildren) {
    const held = item.type === "identifier" ? tableOf(item.text) : item;
    if (held?.type === "call" && lastName(calleeText(held)) === "Table") return held;
  }
  return null;
}

/**
 * Whether `variable` is the variable of a loop around `call` over what the
 * reader cannot list (`for table in define_tables(meta):`): its `.create()`
 * may build any table.
 */
function unlistedLoop(ctx: RevisionContext, call: SyntaxNode, variable: SyntaxNode, state: State): boolean {
  for (let p = call.parent; p && p.type !== "function_definition"; p = p.parent) {
    if (p.type !== "for_statement" || p.childForFieldName("left")?.text !== variable.text) continue;
    const right = p.childForFieldName("right");
    return right !== null && !Array.isArray(ctx.evaluator.iterate(right, state.env));
  }
  return false;
}

/** The list or tuple the statement before `statement` in its block assigns to `name` (the nearest such one), if any. */
function listAssignedBefore(statement: SyntaxNode, name: string): SyntaxNode | null {
  for (let s = statement.previousSibling; s; s = s.previousSibling) {
    const a = s.type === "expression_statement" ? s.firstNamedChild : null;
    if (a?.type === "assignment" && a.childForFieldName("left")?.text === name) return a.childForFieldName("right");
  }
  return null;
}

/** `sa.Index(...).create(bind)`: the index standalone-index.ts reads, or said with why not; `checkfirst=` other than False is said too. */
function indexCreate(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, index: SyntaxNode, state: State): true {
  const checkfirst = argsOf(call).arg(1, "checkfirst");
  const read = checkfirst && checkfirst.type !== "false" ? { reason: "checkfirst= asks the database whether the index is there" } : standaloneIndex(ctx, index, state.env);
  if ("reason" in read) return dynamic(ctx, out, call, state, `an index SQLAlchemy builds with Index(...).create(): ${read.reason}`);
  push(ctx, out, read.sql, call, state, "Index.create", read.generated, read.holes);
  return true;
}

/** `sa.Index(...).drop(bind)`: DROP INDEX of its name (standalone-index.ts), or said with why not; `checkfirst=` other than False is said too. */
function indexDrop(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, index: SyntaxNode, state: State): true {
  const checkfirst = argsOf(call).arg(1, "checkfirst");
  const read = checkfirst && checkfirst.type !== "false" ? { reason: "checkfirst= asks the database whether the index is there" } : standaloneDrop(ctx, index, state.env);
  if ("reason" in read) return dynamic(ctx, out, call, state, `an index SQLAlchemy drops with Index(...).drop(): ${read.reason}`);
  push(ctx, out, read.sql, call, state, "Index.drop", read.generated, read.holes);
  return true;
}

/** Reads the body of the function `call` calls, its arguments bound, in its own module when another one defines it. */
function follow(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, name: string, def: SyntaxNode, module: FunctionModule | null, state: State, part?: readonly SyntaxNode[], ranBefore?: readonly SyntaxNode[]): boolean {
  const body = def.childForFieldName("body");
  if (!body) return false;
  // Not followed any deeper: said at the call, never passed over.
  if (state.depth >= LIMITS.helperDepth) return dynamic(ctx, out, call, state, `${limitReached("helperDepth")}: ${name}() is not read`);
  // Defaults are read in the helper's own module.
  const vars = ctx.evaluator.bindCall(def, call, state.env, module ? (n) => module.evaluator.evaluate(n, ROOT_ENV) : undefined);
  // The Columns and constraints it is given are read where this call writes them.
  carryValues(ctx, vars.values(), state.env, call);
  const site = state.site ?? call;
  const inner = forwarded({ ...ctx, ...module }, vars);
  const given = parametersGiven(def, call);
  // A context manager's part after its yield: what its part before assigned again is not known there (reassigned.ts).
  const names = ranBefore ? reassignedNames(ranBefore) : null;
  const env = (ranBefore ?? []).reduce((e, s) => (names ? clobbered(e, s, names) : e), extendEnv(ROOT_ENV, vars, site.startIndex));
  visitBody(inner, out, body, {
    ...state,
    env,
    site,
    fn: name,
    depth: state.depth + 1,
    ops: opParameters(ctx, given, state),
    batches: batchParameters(def, given, state),
    entered: out.statements.length,
  }, part);
  return true;
}

/** Each parameter of `def` that `call` gives an argument (by position, before any `*`, or by keyword), with that argument. */
function parametersGiven(def: SyntaxNode, call: SyntaxNode): [string, SyntaxNode | null][] {
  const params: string[] = [];
  for (const p of def.childForFieldName("parameters")?.namedChildren ?? []) {
    const pattern = p.type === "typed_parameter" ? (p.namedChildren[0] ?? p) : p;
    if (pattern.type === "list_splat_pattern" || pattern.type === "dictionary_splat_pattern" || p.type === "keyword_separator") break;
    const name = p.type === "identifier" ? p : (p.childForFieldName("name") ?? p.namedChildren.find((c) => c.type === "identifier"));
    if (name?.type === "identifier") params.push(name.text);
  }
  const out: [string, SyntaxNode | null][] = [];
  let k = 0;
  for (const a of call.childForFieldName("arguments")?.namedChildren ?? []) {
    if (a.type === "comment") continue;
    if (a.type === "keyword_argument") {
      const name = a.childForFieldName("name")?.text;
      if (name) out.push([name, a.childForFieldName("value")]);
      continue;
    }
    if (a.type === "list_splat" || a.type === "dictionary_splat") break;
    const param = params[k++];
    if (param !== undefined) out.push([param, a]);
  }
  return out;
}

/** The parameters that `call` gives `op`. */
function opParameters(ctx: RevisionContext, given: readonly [string, SyntaxNode | null][], state: State): ReadonlySet<string> {
  const isOp = (a: SyntaxNode | null): boolean => a?.type === "identifier" && (ctx.op.has(a.text) || state.ops.has(a.text));
  return new Set(given.filter(([, a]) => isOp(a)).map(([p]) => p));
}

/**
 * The batches the helper sees: each parameter given a batch
 * (`_add_indexes(batch_op)` to `def _add_indexes(b):`) is that batch; a
 * parameter given anything else hides a caller's batch of its name.
 */
function batchParameters(def: SyntaxNode, given: readonly [string, SyntaxNode | null][], state: State): State["batches"] {
  const batches = new Map(state.batches);
  for (const p of def.childForFieldName("parameters")?.namedChildren ?? []) {
    const name = p.type === "identifier" ? p.text : (p.childForFieldName("name") ?? p.namedChildren.find((c) => c.type === "identifier"))?.text;
    if (name !== undefined) batches.delete(name);
  }
  for (const [param, a] of given) {
    const batch = a?.type === "identifier" ? state.batches.get(a.text) : undefined;
    if (batch) batches.set(param, batch);
  }
  return batches;
}

/** `a.b.method` → [`a.b`, `method`], as written. */
function objectAndName(fn: SyntaxNode): [string, string] {
  const text = fn.text;
  // The attribute's name holds no dot: without blanks (or comments) the object is what stands before the last one.
  if (!/[\s#\\]/.test(text)) {
    const dot = text.lastIndexOf(".");
    return [text.slice(0, dot), text.slice(dot + 1)];
  }
  return [fn.childForFieldName("object")?.text ?? "", fn.childForFieldName("attribute")?.text ?? ""];
}

/** `op.<method>(...)` / `batch_op.<method>(...)`; false for operations that create no index. */
function operation(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, written: string, executor: string, batch: { table: string; schema: string | null } | null, state: State): boolean {
  // GeoAlchemy2's operations (geoalchemy2.alembic_helpers) do on PostgreSQL what Alembic's own of the same shape do.
  const method = GEOSPATIAL_OPERATIONS.get(written) ?? written;
  if (!INDEX_METHODS.has(method) && !ALEMBIC_METHODS.has(method)) return customOperation(ctx, out, call, written, state);
  const args = argsOf(call, { ctx, env: state.env });
  // A `*x` or `**x` not known statically could hold any argument: said at it, never passed over (create_table reads the rest).
  if (args.unread && method !== "create_table" && INDEX_METHODS.has(method)) return dynamic(ctx, out, call, state, args.unread.reason, args.unread.node);
  // A batch operation takes no table argument: every later positional argument moves one place left.
  const shift = batch ? -1 : 0;
  // schema= may be passed by position (keyword-only since Alembic 1.9; a batch operation takes none).
  const schemaArg = (): SyntaxNode | null => args.arg(batch ? -1 : (SCHEMA_POSITION[written] ?? SCHEMA_POSITION[method] ?? -1), "schema");
  // A schema known only at run time (a config option): every name would be a guess.
  if (INDEX_METHODS.has(method) && schemaValue(ctx, schemaArg(), state.env) === undefined) return dynamic(ctx, out, call, state, "the schema is not known statically", schemaArg() ?? call);
  const emit = (sql: string, generated = false, at: SyntaxNode = call): void => push(ctx, out, sql, at, state, executor, generated);
  const table = (): { table: string; schema: string | null } | null => {
    if (batch) return batch;
    const t = stringValue(ctx, args.arg(1, "table_name"), state.env);
    return t === null ? null : { table: t, schema: stringValue(ctx, schemaArg(), state.env) };
  };
  switch (method) {
    case "execute":
      return rawSql(ctx, out, call, executor, state, args);
    case "create_index": {
      const t = table();
      const name = writtenName(ctx, args.arg(0, "index_name") ?? args.arg(-1, "name"), state.env);
      const columns = args.arg(2 + shift, "columns");
      if (!t || name === undefined || !columns) return dynamic(ctx, out, call, state, "its name, table or columns are not known statically");
      const unknown = unknownFlag(ctx, args, state.env, [[batch ? -1 : 4, "unique"], ...INDEX_FLAGS]);
      if (unknown) return dynamic(ctx, out, call, state, unknown.reason);
      const holes: Holes = { map: new Map() };
      const keys = alembicKeys(columnList(ctx, columns, state.env, holes)!);
      const sql = createIndexSql(ctx, args, state.env, name, t.table, t.schema, keys, flag(ctx, args.arg(batch ? -1 : 4, "unique"), state.env), holes);
      if (sql === null) return dynamic(ctx, out, call, state, "its name comes from columns not known statically");
      push(ctx, out, sql.sql, call, state, executor, sql.generated, holes.map);
      return true;
    }
    case "drop_index": {
      const name = writtenName(ctx, args.arg(0, "index_name") ?? args.arg(-1, "name"), state.env);
      if (!name) return dynamic(ctx, out, call, state, "the index name is not known statically");
      const unknown = unknownFlag(ctx, args, state.env, DROP_INDEX_FLAGS);
      if (unknown) return dynamic(ctx, out, call, state, unknown.reason);
      const t = batch ?? { table: stringValue(ctx, args.arg(1, "table_name"), state.env) ?? "", schema: stringValue(ctx, schemaArg(), state.env) };
      const final = conventionalName(name, { kind: "ix", table: t.table, schema: t.schema, columns: [] }, ctx.convention)!.name;
      const concurrently = flag(ctx, args.arg(-1, "postgresql_concurrently"), state.env) ? " CONCURRENTLY" : "";
      const ifExists = flag(ctx, args.arg(-1, "if_exists"), state.env) ? " IF EXISTS" : "";
      emit(`DROP INDEX${concurrently}${ifExists} ${qualifiedIdent(t.schema, final)}`);
      return true;
    }
    case "create_unique_constraint":
    case "create_primary_key": {
      const kind: ConventionKind = method === "create_primary_key" ? "pk" : "uq";
      const t = table();
      const name = writtenName(ctx, args.arg(0, "constraint_name") ?? args.arg(-1, "name"), state.env);
      const colsNode = args.arg(2 + shift, "columns") ?? args.arg(-1, "local_cols");
      const cols = colsNode ? stringList(ctx, colsNode, state.env) : null;
      if (!t || name === undefined || cols === null) return dynamic(ctx, out, call, state, "its name, table or columns are not known statically");
      const final = conventionalName(name, { kind, table: t.table, schema: t.schema, columns: cols }, ctx.convention);
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} ADD ${final ? `CONSTRAINT ${ident(final.name)} ` : ""}${kind === "pk" ? "PRIMARY KEY" : "UNIQUE"} (${cols.map(ident).join(", ")})`, final?.generated ?? false);
      return true;
    }
    case "drop_constraint": {
      const t = table();
      const nameNode = args.arg(0, "constraint_name") ?? args.arg(-1, "name");
      const name = writtenName(ctx, nameNode, state.env);
      const type = stringValue(ctx, args.arg(2 + shift, "type_"), state.env);
      const asked = t && !name && nameNode && !batch ? primaryKeyName(nameNode, conditionValues(ctx, call), (n) => stringValue(ctx, n, state.env)) : null;
      // The name the inspector gives the table's primary key when it runs (replay knows which key that is), whatever type_
      // says: PostgreSQL drops the constraint of that name. An inspector asked before a statement that changed the key
      // names one PostgreSQL no longer has: the migration fails there.
      if (t && nameNode && asked?.table === t.table && asked.schema === t.schema) {
        const holes: Holes = { map: new Map() };
        const sql = `ALTER TABLE ${qualifiedIdent(t.schema, t.table)} DROP CONSTRAINT ${hole(holes, nameNode)}`;
        push(ctx, out, sql, call, state, executor, false, holes.map, { primaryKeyOfTable: true });
        return true;
      }
      // A foreign key or a check has no index: which one is dropped does not matter here.
      if ((!t || !name) && (type === "foreignkey" || type === "check")) return true;
      if (!t || !name) return dynamic(ctx, out, call, state, "the constraint or its table is not known statically");
      const kind: ConventionKind = type === "primary" ? "pk" : type === "foreignkey" ? "fk" : type === "check" ? "ck" : "uq";
      const final = conventionalName(name, { kind, table: t.table, schema: t.schema, columns: [] }, ctx.convention)!.name;
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} DROP CONSTRAINT ${ident(final)}`);
      return true;
    }
    case "drop_table": {
      const t = stringValue(ctx, args.arg(0, "table_name"), state.env);
      if (t === null) return dynamic(ctx, out, call, state, "the table is not known statically");
      emit(`DROP TABLE ${qualifiedIdent(stringValue(ctx, schemaArg(), state.env), t)}`);
      return true;
    }
    case "rename_table": {
      const from = stringValue(ctx, args.arg(0, "old_table_name"), state.env);
      const to = stringValue(ctx, args.arg(1, "new_table_name"), state.env);
      if (from === null || to === null) return dynamic(ctx, out, call, state, "the table names are not known statically");
      emit(`ALTER TABLE ${qualifiedIdent(stringValue(ctx, schemaArg(), state.env), from)} RENAME TO ${ident(to)}`);
      return true;
    }
    case "add_column":
      return addColumn(ctx, out, call, args, batch, executor, state, written === PLAIN_ADD_COLUMN);
    case "drop_column": {
      // PostgreSQL drops the indexes and constraints that use the column with it.
      const t = batch ?? { table: stringValue(ctx, args.arg(0, "table_name"), state.env), schema: stringValue(ctx, schemaArg(), state.env) };
      const column = stringValue(ctx, args.arg(1 + shift, "column_name"), state.env);
      if (t.table === null || column === null) return dynamic(ctx, out, call, state, "the table or column is not known statically");
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} DROP COLUMN ${ident(column)}`);
      return true;
    }
    case "alter_column": {
      // Only a rename concerns indexes: those on the column follow it.
      const renamed = args.arg(-1, "new_column_name");
      if (!renamed || renamed.type === "none") return true;
      const t = batch ?? { table: stringValue(ctx, args.arg(0, "table_name"), state.env), schema: stringValue(ctx, schemaArg(), state.env) };
      const column = stringValue(ctx, args.arg(1 + shift, "column_name"), state.env);
      const to = stringValue(ctx, renamed, state.env);
      if (t.table === null || column === null || to === null) return dynamic(ctx, out, call, state, "the table or column names are not known statically");
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} RENAME COLUMN ${ident(column)} TO ${ident(to)}`);
      return true;
    }
    case "create_table":
      return createTable(ctx, out, call, args, executor, state);
    case "create_exclude_constraint": {
      const t = table();
      const name = writtenName(ctx, args.arg(0, "constraint_name") ?? args.arg(-1, "name"), state.env);
      const from = batch ? 1 : 2;
      const clause = excludeClause(ctx, args, args.positional.slice(from), args.envs.slice(from), state.env);
      if (!t || name === undefined || clause === null) return dynamic(ctx, out, call, state, "its name, table, elements or options are not known statically");
      // SQLAlchemy's naming conventions have no key for EXCLUDE: an unnamed one gets PostgreSQL's name.
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} ADD ${name ? `CONSTRAINT ${ident(name.text)} ` : ""}${clause}`);
      return true;
    }
    case "invoke":
      // op.invoke(CreateIndexOp(...)), op.invoke(AddColumnOp(...)): an operation object, which may be any of them.
      return dynamic(ctx, out, call, state, "an operation object run by op.invoke is not read");
    default:
      // create_foreign_key, create_check_constraint, …: no index, and nothing inside them is SQL to run.
      return true;
  }
}

/**
 * `op.add_column(table, sa.Column(...), schema=)`, `batch_op.add_column(sa.Column(...))`:
 * Alembic adds the column, then the UNIQUE constraint or the index its flags
 * ask for (alembic/operations/toimpl.py). A column given any other way (a
 * variable, a helper's return) is said to be dynamic, as in create_table.
 * The ADD COLUMN is emitted for replay to know the table's columns (its
 * SQLAlchemy type is not rendered); with a table or column name not known
 * statically, replay no longer knows which columns tables have. `plain`
 * (GeoAlchemy2's add_geospatial_column): the ADD COLUMN only.
 */
function addColumn(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, args: Args, batch: { table: string; schema: string | null } | null, executor: string, state: State, plain = false): boolean {
  const written = args.arg(batch ? 0 : 1, "column");
  if (!written) return true;
  // A column a helper was given or returns is read where it is written, reported where the walk meets it.
  const el = elementAt(ctx, written, state.env);
  const column = el.node;
  const at = el.at === column ? column : el.at;
  const readable = column.type === "call" && isColumnCall(calleeText(column));
  // add_geospatial_column makes no index whatever the column is: only its name may not be known (a hole below).
  if (!readable && !plain) return dynamic(ctx, out, call, state, "the column is not written here as a Column(...): an index or constraint it makes is not read", at);
  const columnArgs = readable ? argsOf(column, { ctx: el.ctx, env: el.env }) : null;
  // A `**x` not known statically could hold index=True: said at it, as in create_table.
  if (columnArgs?.unread && !plain) return dynamic(ctx, out, at, state, columnArgs.unread.reason, el.at === column ? columnArgs.unread.node : at);
  const table = batch?.table ?? stringValue(ctx, args.arg(0, "table_name"), state.env);
  const schema = batch ? batch.schema : stringValue(ctx, args.arg(SCHEMA_POSITION.add_column!, "schema"), state.env);
  // Alembic 1.16's add_column(..., if_not_exists=True).
  const ifNotExists = args.arg(-1, "if_not_exists");
  const conditional = ifNotExists !== null && truthy(ctx.evaluator.evaluate(ifNotExists, state.env)) !== false;
  const holes: Holes = { map: new Map() };
  const name = columnArgs ? columnName(el.ctx, columnArgs, el.env) : null;
  const tableSql = table === null ? hole(holes, args.arg(0, "table_name") ?? call) : qualifiedIdent(schema, table);
  const columnSql = name === null ? hole(holes, columnArgs?.arg(0, "name") ?? column) : ident(name);
  push(ctx, out, `ALTER TABLE ${tableSql} ADD COLUMN ${conditional ? "IF NOT EXISTS " : ""}${columnSql} text`, at, state, executor, false, holes.map, { columnTypesUnknown: true });
  if (plain || !columnArgs) return true;
  if (table === null) {
    const flagged = flag(el.ctx, columnArgs.arg(-1, "index"), el.env) || flag(el.ctx, columnArgs.arg(-1, "unique"), el.env) || unknownFlag(el.ctx, columnArgs, el.env, COLUMN_FLAGS) !== null || spatialIndexOf(el.ctx, columnArgs, el.env, true) !== null;
    return flagged ? dynamic(ctx, out, call, state, "the table is not known statically") : true;
  }
  const callee = calleeText(column);
  const flags = columnFlags(el.ctx, out, column, columnArgs, el.env, state, { table, schema }, callee, at, true);
  if (flags?.unique) pushKeyConstraint(ctx, out, state, { table, schema }, { kind: "uq", columns: [flags.name], name: null, node: at, callee, ofColumn: true });
  flags?.index?.();
  return true;
}
