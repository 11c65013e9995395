import type { SyntaxNode } from "tree-sitter";
import { bindPattern, extendEnv, ROOT_ENV, type Env, type Evaluator } from "../../python/evaluate.js";
import type { ModuleInfo } from "../../python/scope.js";
import type { Value } from "../../python/values.js";
import { lineIndexOf, type SourceText } from "../../source/text.js";
import type { SourceDynamic, SourceStatement } from "../types.js";
import { conventionalName, type ConventionKind, type NamingConvention, type WrittenName } from "./naming.js";
import { ident, qualifiedIdent } from "./sql-text.js";

/** What the walk of one revision's `upgrade()` needs. */
export interface RevisionContext {
  source: SourceText;
  info: ModuleInfo;
  evaluator: Evaluator;
  convention: NamingConvention;
  revision: string;
}

export interface RevisionOutput {
  statements: SourceStatement[];
  dynamic: SourceDynamic[];
  /**
   * An `op.execute("COMMIT")` ended the migration's transaction (the old way out
   * of it, before autocommit_block): what follows runs outside one until a BEGIN.
   */
  committed: boolean;
  /** Module functions the walk followed (for entry points such as the multidb template's upgrade_<engine>). */
  followed: Set<string>;
}

/** Where the walk stands: inside which blocks, with which loop variables. */
interface State {
  env: Env;
  transaction: boolean;
  /** `with op.batch_alter_table("t") as batch_op:` aliases → their table. */
  batches: ReadonlyMap<string, { table: string; schema: string | null }>;
  /** The call in `upgrade()` a helper's operations are reported at. */
  site: SyntaxNode | null;
  /** The function the walk is in (`upgrade`, or a helper it calls). */
  fn: string;
  depth: number;
  /** Functions defined inside the function walked, by name (called later in its body). */
  locals: ReadonlyMap<string, SyntaxNode>;
}

/** Helper functions `upgrade()` calls are followed this deep. */
const MAX_HELPER_DEPTH = 4;

const TEXT_CALLS = new Set(["text", "sa.text", "sqlalchemy.text", "sql.text", "literal_column", "sa.literal_column", "sqlalchemy.literal_column"]);
const NAME_FINAL_CALLS = new Set(["op.f", "conv", "sa.sql.elements.conv", "sqlalchemy.sql.elements.conv"]);
const COLUMN_CALLS = new Set(["Column", "sa.Column", "sqlalchemy.Column", "schema.Column"]);
const INDEX_CALLS = new Set(["Index", "sa.Index", "sqlalchemy.Index", "schema.Index"]);
const UNIQUE_CALLS = new Set(["UniqueConstraint", "sa.UniqueConstraint", "sqlalchemy.UniqueConstraint", "schema.UniqueConstraint"]);
const PK_CALLS = new Set(["PrimaryKeyConstraint", "sa.PrimaryKeyConstraint", "sqlalchemy.PrimaryKeyConstraint", "schema.PrimaryKeyConstraint"]);

/**
 * The SQL one revision's `upgrade()` runs, in order: what each `op.*` and
 * `batch_op.*` operation makes Alembic emit for PostgreSQL, and the SQL given
 * to `op.execute`, `conn.execute` and `exec_driver_sql`. `downgrade()` is not
 * read. Loops over literal lists are unrolled, `if` branches are all read,
 * `except` clauses are not (cleanup after a failure), and module functions
 * `upgrade()` calls are followed with their arguments bound.
 */
export function readUpgrade(ctx: RevisionContext, upgrade: SyntaxNode): RevisionOutput {
  const out: RevisionOutput = { statements: [], dynamic: [], committed: false, followed: new Set() };
  const walk = (fn: SyntaxNode, name: string): void => {
    const body = fn.childForFieldName("body");
    if (body) visit(ctx, out, body, { env: ROOT_ENV, transaction: true, batches: new Map(), site: null, fn: name, depth: 0, locals: localFunctions(body) });
  };
  walk(upgrade, "upgrade");
  // The multidb template's upgrade(engine_name) calls globals()["upgrade_%s" % engine_name](): each upgrade_<engine> is an upgrade.
  for (const [name, fn] of ctx.info.functions) {
    if (!/^upgrade_\w+$/.test(name) || out.followed.has(name)) continue;
    out.committed = false;
    walk(fn, name);
  }
  return out;
}

/** `def helper(...)` statements directly in a function body (decorated ones too). */
function localFunctions(body: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const child of body.namedChildren) {
    const def = child.type === "decorated_definition" ? child.childForFieldName("definition") : child;
    const name = def?.type === "function_definition" ? def.childForFieldName("name")?.text : undefined;
    if (def && name) out.set(name, def);
  }
  return out;
}

function visit(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): void {
  switch (node.type) {
    case "function_definition":
    case "class_definition":
    case "lambda":
    case "decorated_definition":
    case "except_clause":
    case "comment":
    case "string":
      return;
    case "with_statement":
      return visitWith(ctx, out, node, state);
    case "for_statement":
      return visitFor(ctx, out, node, state);
    case "call":
      if (visitCall(ctx, out, node, state)) return;
      break;
  }
  for (const child of node.namedChildren) visit(ctx, out, child, state);
}

function visitWith(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): void {
  let inner = state;
  const clause = node.namedChildren.find((c) => c.type === "with_clause");
  for (const item of clause?.namedChildren ?? []) {
    let value = item.childForFieldName("value") ?? item.namedChildren[0] ?? null;
    let alias: string | null = null;
    if (value?.type === "as_pattern") {
      alias = value.childForFieldName("alias")?.text ?? value.namedChildren[1]?.text ?? null;
      value = value.namedChildren[0] ?? null;
    }
    if (value?.type !== "call") continue;
    const callee = calleeOf(value);
    if (callee.endsWith(".autocommit_block")) inner = { ...inner, transaction: false };
    else if (callee.endsWith("batch_alter_table") && alias !== null) {
      const args = argsOf(value);
      const table = stringValue(ctx, args.arg(0, "table_name"), inner.env);
      const schema = stringValue(ctx, args.arg(-1, "schema"), inner.env);
      if (table !== null) inner = { ...inner, batches: new Map([...inner.batches, [alias, { table, schema }]]) };
      else dynamic(ctx, out, value, inner, "the batch's table is not known statically");
    }
  }
  const body = node.childForFieldName("body");
  if (body) visit(ctx, out, body, inner);
}

function visitFor(ctx: RevisionContext, out: RevisionOutput, node: SyntaxNode, state: State): void {
  const left = node.childForFieldName("left");
  const right = node.childForFieldName("right");
  const body = node.childForFieldName("body");
  if (!left || !right || !body) return;
  const items = ctx.evaluator.iterate(right, state.env);
  if (!Array.isArray(items)) {
    // Operations inside still count; what depends on the loop variable is reported as dynamic.
    visit(ctx, out, body, state);
    return;
  }
  for (const item of items) {
    const vars = new Map<string, Value>();
    if (!bindPattern(left, item, vars)) continue;
    visit(ctx, out, body, { ...state, env: extendEnv(state.env, vars) });
  }
  const orelse = node.childForFieldName("alternative");
  if (orelse) visit(ctx, out, orelse, state);
}

/** Handles a call the reader knows; false lets the walk look inside it. */
function visitCall(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, state: State): boolean {
  const fn = call.childForFieldName("function");
  if (!fn) return false;
  if (fn.type === "attribute") {
    const object = fn.childForFieldName("object")?.text ?? "";
    const method = fn.childForFieldName("attribute")?.text ?? "";
    const batch = state.batches.get(object) ?? null;
    if (object === "op" || batch) return operation(ctx, out, call, method, `${object}.${method}`, batch, state);
    if (method === "execute" || method === "exec_driver_sql") return rawSql(ctx, out, call, `${object}.${method}`, state);
    return false;
  }
  if (fn.type === "identifier" && state.depth < MAX_HELPER_DEPTH) {
    const def = state.locals.get(fn.text) ?? ctx.info.functions.get(fn.text);
    const body = def?.childForFieldName("body");
    if (!def || !body || fn.text === "upgrade" || fn.text === "downgrade") return false;
    if (!state.locals.has(fn.text)) out.followed.add(fn.text);
    const vars = ctx.evaluator.bindCall(def, call, state.env);
    const site = state.site ?? call;
    visit(ctx, out, body, { ...state, env: extendEnv(ROOT_ENV, vars, site.startIndex), site, fn: fn.text, depth: state.depth + 1, locals: localFunctions(body) });
    return true;
  }
  return false;
}

/** `op.<method>(...)` / `batch_op.<method>(...)`; false for operations that create no index. */
function operation(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, method: string, executor: string, batch: { table: string; schema: string | null } | null, state: State): boolean {
  const args = argsOf(call);
  // A batch operation takes no table argument: every later positional argument moves one place left.
  const shift = batch ? -1 : 0;
  const emit = (sql: string, generated = false, at: SyntaxNode = call): void => push(ctx, out, sql, at, state, executor, generated);
  const table = (): { table: string; schema: string | null } | null => {
    if (batch) return batch;
    const t = stringValue(ctx, args.arg(1, "table_name"), state.env);
    return t === null ? null : { table: t, schema: stringValue(ctx, args.arg(-1, "schema"), state.env) };
  };
  switch (method) {
    case "execute":
      return rawSql(ctx, out, call, executor, state);
    case "create_index": {
      const t = table();
      const name = writtenName(ctx, args.arg(0, "index_name") ?? args.arg(-1, "name"), state.env);
      const columns = args.arg(2 + shift, "columns");
      if (!t || name === undefined || !columns) return dynamic(ctx, out, call, state, "its name, table or columns are not known statically");
      const keys = columnList(ctx, columns, state.env);
      if (keys === null) return dynamic(ctx, out, call, state, "its columns are not known statically");
      const sql = createIndexSql(ctx, args, state.env, name, t.table, t.schema, keys, flag(ctx, args.arg(-1, "unique"), state.env));
      if (sql === null) return dynamic(ctx, out, call, state, "its options are not known statically");
      emit(sql.sql, sql.generated);
      return true;
    }
    case "drop_index": {
      const name = writtenName(ctx, args.arg(0, "index_name") ?? args.arg(-1, "name"), state.env);
      if (!name) return dynamic(ctx, out, call, state, "the index name is not known statically");
      const t = batch ?? { table: stringValue(ctx, args.arg(1, "table_name"), state.env) ?? "", schema: stringValue(ctx, args.arg(-1, "schema"), state.env) };
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
      const name = writtenName(ctx, args.arg(0, "constraint_name") ?? args.arg(-1, "name"), state.env);
      if (!t || !name) return dynamic(ctx, out, call, state, "the constraint or its table is not known statically");
      const type = stringValue(ctx, args.arg(2 + shift, "type_"), state.env);
      const kind: ConventionKind = type === "primary" ? "pk" : type === "foreignkey" ? "fk" : type === "check" ? "ck" : "uq";
      const final = conventionalName(name, { kind, table: t.table, schema: t.schema, columns: [] }, ctx.convention)!.name;
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} DROP CONSTRAINT ${ident(final)}`);
      return true;
    }
    case "drop_table": {
      const t = stringValue(ctx, args.arg(0, "table_name"), state.env);
      if (t === null) return dynamic(ctx, out, call, state, "the table is not known statically");
      emit(`DROP TABLE ${qualifiedIdent(stringValue(ctx, args.arg(-1, "schema"), state.env), t)}`);
      return true;
    }
    case "rename_table": {
      const from = stringValue(ctx, args.arg(0, "old_table_name"), state.env);
      const to = stringValue(ctx, args.arg(1, "new_table_name"), state.env);
      if (from === null || to === null) return dynamic(ctx, out, call, state, "the table names are not known statically");
      emit(`ALTER TABLE ${qualifiedIdent(stringValue(ctx, args.arg(-1, "schema"), state.env), from)} RENAME TO ${ident(to)}`);
      return true;
    }
    case "create_table":
      return createTable(ctx, out, call, args, executor, state);
    case "create_exclude_constraint": {
      const t = table();
      const name = writtenName(ctx, args.arg(0, "constraint_name") ?? args.arg(-1, "name"), state.env);
      const elements = args.positional.slice(batch ? 1 : 2).map((e) => excludeElement(ctx, e, state.env));
      const using = args.arg(-1, "using") ? stringValue(ctx, args.arg(-1, "using"), state.env) : "gist";
      const whereNode = args.arg(-1, "where");
      const where = whereNode ? ctx.evaluator.evaluate(whereNode, state.env) : null;
      if (!t || name === undefined || elements.some((e) => e === null) || using === null || (where !== null && where.kind !== "str"))
        return dynamic(ctx, out, call, state, "its name, table, elements or options are not known statically");
      // SQLAlchemy's naming conventions have no key for EXCLUDE: an unnamed one gets PostgreSQL's name.
      const final = name === null ? null : name.text;
      emit(`ALTER TABLE ${qualifiedIdent(t.schema, t.table)} ADD ${final ? `CONSTRAINT ${ident(final)} ` : ""}EXCLUDE USING ${using} (${elements.join(", ")})${where ? ` WHERE (${where.text})` : ""}`);
      return true;
    }
    default:
      // add_column, alter_column, create_foreign_key, …: no index, and nothing inside them is SQL to run.
      return true;
  }
}

/** `op.create_table(name, *columns_and_constraints, schema=)`: the table, then its constraints and indexes. */
function createTable(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, args: Args, executor: string, state: State): boolean {
  const table = stringValue(ctx, args.arg(0, "table_name"), state.env);
  if (table === null) return dynamic(ctx, out, call, state, "the table name is not known statically");
  const schema = stringValue(ctx, args.arg(-1, "schema"), state.env);
  const qualified = qualifiedIdent(schema, table);
  const push_ = (sql: string, at: SyntaxNode, generated = false, via = executor): void => push(ctx, out, sql, at, state, via, generated);
  push_(`CREATE TABLE ${qualified} ()`, call);
  const elements = args.positional.slice(1);
  const pkColumns: { name: string; node: SyntaxNode }[] = [];
  let explicitPk = false;
  const later: (() => void)[] = [];
  for (const el of elements) {
    if (el.type !== "call") continue;
    const callee = calleeOf(el);
    const elArgs = argsOf(el);
    if (COLUMN_CALLS.has(callee)) {
      const column = stringValue(ctx, elArgs.arg(0, "name"), state.env);
      if (column === null) continue;
      if (flag(ctx, elArgs.arg(-1, "primary_key"), state.env)) pkColumns.push({ name: column, node: el });
      const unique = flag(ctx, elArgs.arg(-1, "unique"), state.env);
      if (flag(ctx, elArgs.arg(-1, "index"), state.env)) {
        // index=True: an Index named by the convention, unique when unique=True (then no UNIQUE constraint).
        later.push(() => {
          const n = conventionalName(null, { kind: "ix", table, schema, columns: [column] }, ctx.convention);
          if (n === null) return void dynamic(ctx, out, el, state, "index=True without an \"ix\" naming convention: SQLAlchemy cannot name the index");
          push_(`CREATE ${unique ? "UNIQUE " : ""}INDEX ${ident(n.name)} ON ${qualified} (${ident(column)})`, el, n.generated, callee);
        });
      } else if (unique) {
        const n = conventionalName(null, { kind: "uq", table, schema, columns: [column] }, ctx.convention);
        push_(`ALTER TABLE ${qualified} ADD ${n ? `CONSTRAINT ${ident(n.name)} ` : ""}UNIQUE (${ident(column)})`, el, n?.generated ?? false, callee);
      }
    } else if (UNIQUE_CALLS.has(callee) || PK_CALLS.has(callee)) {
      const kind: ConventionKind = PK_CALLS.has(callee) ? "pk" : "uq";
      const cols: string[] = [];
      for (const a of elArgs.positional) {
        const c = stringValue(ctx, a, state.env);
        if (c === null) return dynamic(ctx, out, el, state, "a constraint column is not known statically");
        cols.push(c);
      }
      const name = writtenName(ctx, elArgs.arg(-1, "name"), state.env);
      if (name === undefined) return dynamic(ctx, out, el, state, "the constraint name is not known statically");
      if (kind === "pk") explicitPk = true;
      const n = conventionalName(name, { kind, table, schema, columns: cols }, ctx.convention);
      push_(`ALTER TABLE ${qualified} ADD ${n ? `CONSTRAINT ${ident(n.name)} ` : ""}${kind === "pk" ? "PRIMARY KEY" : "UNIQUE"} (${cols.map(ident).join(", ")})`, el, n?.generated ?? false, callee);
    } else if (INDEX_CALLS.has(callee)) {
      later.push(() => {
        const name = writtenName(ctx, elArgs.arg(0, "name"), state.env);
        const keys = expressionList(ctx, elArgs.positional.slice(1), state.env);
        if (name === undefined || keys === null) return void dynamic(ctx, out, el, state, "the index name or columns are not known statically");
        const sql = createIndexSql(ctx, elArgs, state.env, name, table, schema, keys, flag(ctx, elArgs.arg(-1, "unique"), state.env));
        if (sql === null) return void dynamic(ctx, out, el, state, "the index options are not known statically");
        push_(sql.sql, el, sql.generated, callee);
      });
    }
  }
  if (pkColumns.length > 0 && !explicitPk) {
    const n = conventionalName(null, { kind: "pk", table, schema, columns: pkColumns.map((c) => c.name) }, ctx.convention);
    push_(`ALTER TABLE ${qualified} ADD ${n ? `CONSTRAINT ${ident(n.name)} ` : ""}PRIMARY KEY (${pkColumns.map((c) => ident(c.name)).join(", ")})`, pkColumns[0]!.node, n?.generated ?? false, calleeOf(pkColumns[0]!.node));
  }
  // Alembic emits CREATE TABLE (with its constraints), then each index.
  for (const f of later) f();
  return true;
}

/** A key of an index: a column name (quoted as needed), or a `text()` expression as written. */
interface Key {
  column: string | null;
  sql: string;
}

function createIndexSql(ctx: RevisionContext, args: Args, env: Env, written: WrittenName | null, table: string, schema: string | null, keys: Key[], unique: boolean): { sql: string; generated: boolean } | null {
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

/** Index keys from a list expression (`["a", sa.text("lower(b)")]`). */
function columnList(ctx: RevisionContext, node: SyntaxNode, env: Env): Key[] | null {
  if (node.type === "list" || node.type === "tuple") return expressionList(ctx, node.namedChildren.filter((c) => c.type !== "comment"), env);
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind === "str") return [{ column: v.text, sql: ident(v.text) }];
  if (v.kind !== "list") return null;
  const keys: Key[] = [];
  for (const [i, item] of v.items.entries()) {
    const itemNode = v.itemNodes[i] ?? null;
    const key = itemNode ? keyOf(ctx, itemNode, env) : item.kind === "str" ? { column: item.text, sql: ident(item.text) } : null;
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

function expressionList(ctx: RevisionContext, nodes: readonly SyntaxNode[], env: Env): Key[] | null {
  const keys: Key[] = [];
  for (const n of nodes) {
    if (n.type === "keyword_argument") continue;
    const key = keyOf(ctx, n, env);
    if (key === null) return null;
    keys.push(key);
  }
  return keys;
}

function keyOf(ctx: RevisionContext, node: SyntaxNode, env: Env): Key | null {
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind !== "str") return null;
  // text("lower(email)") is an expression, emitted as written; a plain string is a column name.
  if (node.type === "call" && TEXT_CALLS.has(calleeOf(node))) return { column: null, sql: v.text };
  return { column: v.text, sql: ident(v.text) };
}

/** `("period", "&&")` or `(sa.column("room"), "=")`: one element of an EXCLUDE constraint. */
function excludeElement(ctx: RevisionContext, node: SyntaxNode, env: Env): string | null {
  const parts = node.type === "tuple" || node.type === "parenthesized_expression" ? node.namedChildren.filter((c) => c.type !== "comment") : [];
  if (parts.length !== 2) return null;
  const [exprNode, opNode] = parts as [SyntaxNode, SyntaxNode];
  const op = stringValue(ctx, opNode, env);
  const column = exprNode.type === "call" && /(^|\.)column$/.test(calleeOf(exprNode)) ? argsOf(exprNode).positional[0] ?? null : exprNode;
  const key = column ? keyOf(ctx, column, env) : null;
  return key && op ? `${key.sql} WITH ${op}` : null;
}

/** The SQL handed to `op.execute`, `conn.execute`, `exec_driver_sql`. */
function rawSql(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, executor: string, state: State): boolean {
  const arg = argsOf(call).arg(0, "sqltext") ?? argsOf(call).arg(-1, "statement");
  if (!arg) return true;
  const v = ctx.evaluator.evaluate(arg, state.env);
  if (v.kind === "str") {
    if (v.text.trim() === "") return true;
    // Linear: anchored; runs of spaces around one keyword.
    const control = /^\s*(commit|end|begin|start\s+transaction)\s*;?\s*$/i.exec(v.text)?.[1]?.toLowerCase();
    if (control === "commit" || control === "end") out.committed = true;
    else if (control !== undefined) out.committed = false;
    const at = state.site ?? call;
    out.statements.push({
      file: ctx.source.path,
      sql: v.text,
      offsets: v.offsets,
      migration: ctx.revision,
      transaction: state.transaction && !out.committed,
      nameGenerated: false,
      anchorLine: lineIndexOf(ctx.source, at.startIndex) + 1,
      start: at.startIndex,
      end: at.endIndex,
      function: state.fn,
      executor,
    });
    return true;
  }
  // Not SQL text (a SQLAlchemy construct such as sa.insert(...)), or SQL with parts known only at run time.
  if (v.kind === "template" && /\b(create|drop|alter)\b[\s\S]*\b(index|constraint|table)\b/i.test(v.parts.map((p) => (p.kind === "str" ? p.text : "")).join(" ")))
    dynamic(ctx, out, call, state, "the SQL is built from values known only at run time");
  return true;
}

function push(ctx: RevisionContext, out: RevisionOutput, sql: string, node: SyntaxNode, state: State, executor: string, nameGenerated: boolean): void {
  const at = state.site ?? node;
  const offsets = new Array<number>(sql.length).fill(at.startIndex);
  // The last character maps to the call's end, so the statement spans the whole call.
  if (offsets.length > 0) offsets[offsets.length - 1] = Math.max(at.startIndex, at.endIndex - 1);
  out.statements.push({
    file: ctx.source.path,
    sql,
    offsets,
    migration: ctx.revision,
    transaction: state.transaction && !out.committed,
    nameGenerated,
    anchorLine: lineIndexOf(ctx.source, at.startIndex) + 1,
    start: at.startIndex,
    end: at.endIndex,
    function: state.fn,
    executor,
  });
}

function dynamic(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, state: State, reason: string): true {
  const at = state.site ?? call;
  out.dynamic.push({ file: ctx.source.path, index: at.startIndex, template: call.text.replace(/\s+/g, " "), reason, executor: calleeOf(call), function: state.fn });
  return true;
}

interface Args {
  positional: SyntaxNode[];
  /** Positional argument `i` (negative: none), else the keyword argument `name`. */
  arg(i: number, name: string): SyntaxNode | null;
}

function argsOf(call: SyntaxNode): Args {
  const list = call.childForFieldName("arguments")?.namedChildren.filter((a) => a.type !== "comment") ?? [];
  const positional = list.filter((a) => a.type !== "keyword_argument" && a.type !== "list_splat" && a.type !== "dictionary_splat");
  const keywords = new Map<string, SyntaxNode>();
  for (const a of list) {
    if (a.type !== "keyword_argument") continue;
    const name = a.childForFieldName("name")?.text;
    const value = a.childForFieldName("value");
    if (name && value) keywords.set(name, value);
  }
  return { positional, arg: (i, name) => (i >= 0 ? positional[i] : undefined) ?? keywords.get(name) ?? null };
}

function calleeOf(call: SyntaxNode): string {
  return call.childForFieldName("function")?.text.replace(/\s+/g, "") ?? "";
}

/** A string argument; null when absent, None, or not known statically. */
function stringValue(ctx: RevisionContext, node: SyntaxNode | null, env: Env): string | null {
  if (!node) return null;
  const v = ctx.evaluator.evaluate(node, env);
  return v.kind === "str" ? v.text : null;
}

/** A name argument: null for None (the convention names it), undefined when not known statically. */
function writtenName(ctx: RevisionContext, node: SyntaxNode | null, env: Env): WrittenName | null | undefined {
  if (!node) return null;
  // op.f("…") and batch_op.f("…") mark a name as final.
  const final = node.type === "call" && (NAME_FINAL_CALLS.has(calleeOf(node)) || /^\w+\.f$/.test(calleeOf(node)));
  const inner = final ? (argsOf(node).positional[0] ?? null) : node;
  if (!inner) return undefined;
  const v = ctx.evaluator.evaluate(inner, env);
  if (v.kind === "none") return null;
  return v.kind === "str" ? { text: v.text, final } : undefined;
}

function stringList(ctx: RevisionContext, node: SyntaxNode, env: Env): string[] | null {
  const v = ctx.evaluator.evaluate(node, env);
  if (v.kind === "str") return [v.text];
  if (v.kind !== "list") return null;
  const out: string[] = [];
  for (const item of v.items) {
    if (item.kind !== "str") return null;
    out.push(item.text);
  }
  return out;
}

function flag(ctx: RevisionContext, node: SyntaxNode | null, env: Env): boolean {
  if (!node) return false;
  const v = ctx.evaluator.evaluate(node, env);
  return v.kind === "bool" ? v.value : v.kind === "num" ? v.value !== 0 : false;
}
