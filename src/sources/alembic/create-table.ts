import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Env } from "../../python/evaluate.js";
import { truthy } from "../../python/values.js";
import { calleeText } from "../../python/expand.js";
import { argsOf, excludeElement, flag, INDEX_FLAGS, keyOf, stringValue, unknownFlag, writtenName, type Args, type Holes } from "./arguments.js";
import { dynamic, push, type RevisionContext, type RevisionOutput, type State } from "./context.js";
import { createIndexSql } from "./index-sql.js";
import { constructOf, elementAt } from "./elements.js";
import { conventionalName, type ConventionKind, type WrittenName } from "./naming.js";
import { ident, qualifiedIdent } from "./sql-text.js";
import { predicateSql } from "./sa-expression.js";
import { spatialIndexOf, spatialKey } from "./spatial.js";
import { survivingConstraints } from "../../sql/redundant-constraints.js";

/**
 * `EXCLUDE USING gist (room WITH =, during WITH &&) [WHERE (…)]`: what an
 * ExcludeConstraint's elements (`(column, operator)` pairs, each read in its
 * environment) and its `using=` and `where=` make; null when a part is not
 * known statically.
 */
export function excludeClause(ctx: RevisionContext, args: Args, elements: readonly SyntaxNode[], envs: readonly Env[], env: Env): string | null {
  const parts = elements.map((e, k) => excludeElement(ctx, e, envs[k] ?? env));
  const usingNode = args.arg(-1, "using");
  const using = usingNode ? stringValue(ctx, usingNode, env) : "gist";
  const whereNode = args.arg(-1, "where");
  const whereValue = whereNode ? ctx.evaluator.evaluate(whereNode, env) : null;
  const where = whereNode && whereValue ? (whereValue.kind === "str" ? whereValue.text : predicateSql(ctx, whereNode, env)) : null;
  if (parts.some((p) => p === null) || using === null || (whereNode !== null && where === null)) return null;
  return `EXCLUDE USING ${using} (${parts.join(", ")})${where !== null ? ` WHERE (${where})` : ""}`;
}

/** `sa.Column(...)`, `sqlalchemy.schema.Column(...)`: a column with its flags. */
export function isColumnCall(callee: string): boolean {
  return constructOf(callee) === "column";
}

/** A Column's flags that make an index or a constraint. */
export const COLUMN_FLAGS: readonly (readonly [number, string])[] = [
  [-1, "unique"],
  [-1, "index"],
  [-1, "primary_key"],
];

/**
 * A `sa.Column(name, ..., primary_key=, index=, unique=)` of a table being
 * created or altered: what SQLAlchemy adds to the table for its flags.
 * index=True is an Index named by the "ix" convention, unique when
 * unique=True, returned for the caller to push where Alembic emits indexes
 * (after the table's constraints); unique=True alone is a UNIQUE constraint,
 * flagged for the caller to push (create_table weighs it against the table's
 * other keys). A GeoAlchemy2 spatial column's GiST index (spatial.ts) is
 * pushed with the index=True one. Null when the column's name is not known
 * (said, when a flag needed it) or one of its flags is not (said).
 */
export function columnFlags(ctx: RevisionContext, out: RevisionOutput, el: SyntaxNode, args: Args, env: Env, state: State, on: { table: string; schema: string | null }, executor: string, at: SyntaxNode = el, adding = false): { name: string; primaryKey: boolean; index: (() => void) | null; unique: boolean } | null {
  const { table, schema } = on;
  const qualified = qualifiedIdent(schema, table);
  const unknown = unknownFlag(ctx, args, env, COLUMN_FLAGS);
  if (unknown) {
    dynamic(ctx, out, at, state, unknown.reason);
    return null;
  }
  const column = stringValue(ctx, args.arg(0, "name"), env);
  const unique = flag(ctx, args.arg(-1, "unique"), env);
  const index = flag(ctx, args.arg(-1, "index"), env);
  let spatial = spatialIndexOf(ctx, args, env, adding);
  if (spatial && "unknown" in spatial) {
    dynamic(ctx, out, at, state, `${spatial.unknown}: the spatial index GeoAlchemy2 may add is not read`, at === el ? spatial.node : at);
    spatial = null;
  }
  if (column === null) {
    // A column whose name is not known cannot name its index or constraint: said, not skipped.
    if (index || unique || spatial) dynamic(ctx, out, at, state, "the column name is not known statically");
    return null;
  }
  const primaryKey = flag(ctx, args.arg(-1, "primary_key"), env);
  const indexes: (() => void)[] = [];
  if (index)
    indexes.push(() => {
      const n = conventionalName(null, { kind: "ix", table, schema, columns: [column] }, ctx.convention);
      if (n === null) return void dynamic(ctx, out, at, state, "index=True without an \"ix\" naming convention: SQLAlchemy cannot name the index");
      push(ctx, out, `CREATE ${unique ? "UNIQUE " : ""}INDEX ${ident(n.name)} ON ${qualified} (${ident(column)})`, at, state, executor, n.generated);
    });
  if (spatial) {
    const key = spatialKey(spatial, ident(column));
    indexes.push(() => {
      // GeoAlchemy2 names it; a naming convention changes a given name only through %(constraint_name)s.
      const n = conventionalName({ text: `idx_${table}_${column}`, final: false }, { kind: "ix", table, schema, columns: [column] }, ctx.convention)!;
      push(ctx, out, `CREATE INDEX ${ident(n.name)} ON ${qualified} USING gist (${key})`, at, state, executor, n.generated);
    });
  }
  const made = indexes.length === 0 ? null : (): void => indexes.forEach((f) => f());
  // index=True with unique=True is a UNIQUE index, not a constraint.
  return { name: column, primaryKey, index: made, unique: index ? false : unique };
}

/**
 * The name a Column gives its column in PostgreSQL, as replay keeps it; null
 * when not known statically, or when `quote=` decides how it is written
 * (`quote=False` folds it to lower case), or empty (SQLAlchemy refuses it).
 */
export function columnName(ctx: RevisionContext, args: Args, env: Env): string | null {
  if (args.unread || args.arg(-1, "quote")) return null;
  const name = stringValue(ctx, args.arg(0, "name"), env);
  return name === "" ? null : name;
}

/** A UNIQUE or PRIMARY KEY constraint of a table, as SQLAlchemy names it. */
interface KeyConstraint {
  kind: "pk" | "uq";
  columns: string[];
  name: WrittenName | null;
  node: SyntaxNode;
  callee: string;
  /** Made by a Column's unique=True (SQLAlchemy makes it last). */
  ofColumn: boolean;
  /** `deferrable=` and `initially=` as SQLAlchemy renders them (` DEFERRABLE INITIALLY DEFERRED`); PostgreSQL merges two keys only when they agree. */
  timing?: { sql: string; deferrable: boolean; deferred: boolean };
}

/** `ALTER TABLE … ADD [CONSTRAINT name] UNIQUE|PRIMARY KEY (…)`, named by the convention when it has a key for the kind. */
export function pushKeyConstraint(ctx: RevisionContext, out: RevisionOutput, state: State, on: { table: string; schema: string | null }, c: KeyConstraint, nameOf: KeyConstraint = c): void {
  const n = conventionalName(nameOf.name, { kind: nameOf.kind, table: on.table, schema: on.schema, columns: nameOf.columns }, ctx.convention);
  const sql = `ALTER TABLE ${qualifiedIdent(on.schema, on.table)} ADD ${n ? `CONSTRAINT ${ident(n.name)} ` : ""}${c.kind === "pk" ? "PRIMARY KEY" : "UNIQUE"} (${c.columns.map(ident).join(", ")})${c.timing?.sql ?? ""}`;
  push(ctx, out, sql, c.node, state, c.callee, n?.generated ?? false);
}

/**
 * The table's keys that build an index in PostgreSQL: SQLAlchemy writes the
 * primary key, then the constraints in the order they were made (those given
 * to create_table, then each Column(unique=True)'s), all in one CREATE TABLE,
 * where PostgreSQL keeps one of those that would build the same index. In
 * that order, each with the constraint whose name it ends up with.
 */
function survivingKeys(ctx: RevisionContext, on: { table: string; schema: string | null }, written: readonly KeyConstraint[]): { key: KeyConstraint; nameOf: KeyConstraint }[] {
  const rendered = [...written.filter((c) => c.kind === "pk"), ...written.filter((c) => c.kind === "uq" && !c.ofColumn), ...written.filter((c) => c.kind === "uq" && c.ofColumn)];
  const shapes = rendered.map((c) => ({
    primary: c.kind === "pk",
    sameIndex: JSON.stringify([c.columns, c.timing?.deferrable === true, c.timing?.deferred === true]),
    named: conventionalName(c.name, { kind: c.kind, table: on.table, schema: on.schema, columns: c.columns }, ctx.convention) !== null,
  }));
  const kept = survivingConstraints(shapes).map((k) => ({ key: rendered[k.at]!, nameOf: rendered[k.nameFrom]! }));
  // In the order SQLAlchemy renders them: PostgreSQL names unnamed ones in that order (the second of a stem is numbered).
  return kept;
}

/** Where a table's name and its first column or constraint are among the call's arguments. */
export interface TableShape {
  nameKeyword: string;
  firstElement: number;
  /** The schema when the call names none (a Table's MetaData(schema=...)). */
  schema?: string;
}

/** `op.create_table(table_name, *columns_and_constraints)`. */
const CREATE_TABLE: TableShape = { nameKeyword: "table_name", firstElement: 1 };

/**
 * `op.create_table(name, *columns_and_constraints, schema=)`, or a
 * `Table(name, metadata, *columns_and_constraints, schema=)` SQLAlchemy
 * creates (`shape`): the table, then its constraints and indexes.
 */
export function createTable(ctx: RevisionContext, out: RevisionOutput, call: SyntaxNode, args: Args, executor: string, state: State, shape: TableShape = CREATE_TABLE): boolean {
  const table = stringValue(ctx, args.arg(0, shape.nameKeyword), state.env);
  if (table === null) return dynamic(ctx, out, call, state, "the table name is not known statically");
  const schemaNode = args.arg(-1, "schema");
  const schema = schemaNode ? stringValue(ctx, schemaNode, state.env) : (shape.schema ?? null);
  const qualified = qualifiedIdent(schema, table);
  // `op.create_table(..., if_not_exists=True)` (Alembic 1.13.3): CREATE TABLE IF NOT EXISTS with its keys, made
  // only when no relation has the name (replay answers it as PostgreSQL looks); its indexes are made either way.
  const ifNotExists = shape === CREATE_TABLE ? args.arg(-1, "if_not_exists") : null;
  // Not known statically: under the question too, which a table made here answers as no flag would.
  const conditional = ifNotExists !== null && truthy(ctx.evaluator.evaluate(ifNotExists, state.env)) !== false;
  const made: State = conditional ? { ...state, runsIf: { question: { tests: [{ object: "table", asked: "if-exists", schema, table, name: table, present: false }] }, when: true, parent: state.runsIf } } : state;
  const push_ = (sql: string, at: SyntaxNode, generated = false, via = executor): void => push(ctx, out, sql, at, made, via, generated);
  // Columns and constraints `*x` passes but static reading cannot enumerate: said at the `*x`; the others are still read.
  if (args.unread) dynamic(ctx, out, call, state, `${args.unread.reason}: its columns and constraints are not read`, args.unread.node);
  // The columns' names, for replay to answer `get_columns` tests (their SQLAlchemy types are not rendered); null
  // when one element is not known to be a column or not, or a column's name is not known statically.
  // PostgreSQL gives a table made with INHERITS its parents' columns too.
  let columns: string[] | null = args.unread || args.arg(-1, "postgresql_inherits") ? null : [];
  // EXCLUDE constraints, inline in the CREATE TABLE: emitted right after it.
  const inline: (() => void)[] = [];
  const pkColumns: { name: string; node: SyntaxNode; callee: string }[] = [];
  let explicitPk = false;
  let namedPk: { name: WrittenName | null; node: SyntaxNode; callee: string } | null = null;
  const later: (() => void)[] = [];
  const keys: KeyConstraint[] = [];
  for (const [i, written] of args.positional.entries()) {
    if (i < shape.firstElement) continue;
    // An element of an expanded `*[... for c in ...]` is read with its own variables; one a helper was given or returns, where it is written.
    const element = args.carried[i] ?? elementAt(ctx, written, args.envs[i]!);
    const { env, node: el, ctx: ectx } = element;
    // Where it is reported: where it is written in the module walked (a helper's returned Column is read in the helper).
    const at = (part: SyntaxNode = el): SyntaxNode => (element.at === el ? part : element.at);
    const callee = el.type === "call" ? calleeText(el) : "";
    const construct = constructOf(callee);
    if (construct === "other") continue;
    // A column or constraint made elsewhere (a variable assigned twice, a parameter): its index or constraint is not read.
    if (construct === null) {
      columns = null;
      dynamic(ctx, out, element.at, state, "an element not written as a Column, Index or constraint here: any index or constraint it makes is not read");
      continue;
    }
    const elArgs = argsOf(el, { ctx: ectx, env });
    if (construct === "column") {
      const name = columnName(ectx, elArgs, env);
      if (name === null) columns = null;
      else columns?.push(name);
    }
    if (elArgs.unread) {
      dynamic(ctx, out, at(), state, elArgs.unread.reason, at(elArgs.unread.node));
      continue;
    }
    if (construct === "column") {
      const column = columnFlags(ectx, out, el, elArgs, env, state, { table, schema }, callee, at());
      if (column === null) continue;
      if (column.primaryKey) pkColumns.push({ name: column.name, node: at(), callee });
      if (column.index) later.push(column.index);
      if (column.unique) keys.push({ kind: "uq", columns: [column.name], name: null, node: at(), callee, ofColumn: true });
    } else if (construct === "unique" || construct === "pk") {
      const kind: ConventionKind = construct === "pk" ? "pk" : "uq";
      const cols: string[] = [];
      for (const [k, a] of elArgs.positional.entries()) cols.push(stringValue(ectx, a, elArgs.envs[k]!) ?? "");
      const name = writtenName(ectx, elArgs.arg(-1, "name"), env);
      // Said at the element; the table's other elements are still read.
      if (cols.includes("") || name === undefined) {
        dynamic(ctx, out, at(), state, name === undefined ? "the constraint name is not known statically" : "a constraint column is not known statically");
        continue;
      }
      const timing = timingOf(ectx, elArgs, env);
      if (timing === null) {
        dynamic(ctx, out, at(), state, "deferrable= or initially= is not known statically");
        continue;
      }
      if (kind === "pk") explicitPk = true;
      // SQLAlchemy renders a UniqueConstraint of no columns as nothing.
      if (kind === "uq" && cols.length === 0) continue;
      // PrimaryKeyConstraint(name=...) without columns names the key the primary_key=True columns make.
      if (kind === "pk" && cols.length === 0) {
        namedPk = { name, node: at(), callee };
        continue;
      }
      keys.push({ kind, columns: cols, name, node: at(), callee, ofColumn: false, timing });
    } else if (construct === "exclude") {
      // Inline in CREATE TABLE; SQLAlchemy's naming conventions have no key for it: an unnamed one gets PostgreSQL's name.
      const name = writtenName(ectx, elArgs.arg(-1, "name"), env);
      const clause = excludeClause(ectx, elArgs, elArgs.positional, elArgs.envs, env);
      if (name === undefined || clause === null) {
        dynamic(ctx, out, at(), state, "its name, elements or options are not known statically");
        continue;
      }
      inline.push(() => push_(`ALTER TABLE ${qualified} ADD ${name ? `CONSTRAINT ${ident(name.text)} ` : ""}${clause}`, at(), false, callee));
    } else {
      later.push(() => {
        const name = writtenName(ectx, elArgs.arg(0, "name"), env);
        if (name === undefined) return void dynamic(ctx, out, at(), state, "the index name is not known statically");
        const unknown = unknownFlag(ectx, elArgs, env, [[-1, "unique"], ...INDEX_FLAGS]);
        if (unknown) return void dynamic(ctx, out, at(), state, unknown.reason);
        const holes: Holes = { map: new Map() };
        // Each key in its own environment: `sa.Index("ix", *[sa.text(f"lower({c})") for c in COLS])` binds c per key.
        const keys = elArgs.positional.slice(1).map((k, j) => keyOf(ectx, k, elArgs.envs[j + 1]!, holes)!);
        const sql = createIndexSql(ectx, elArgs, env, name, table, schema, keys, flag(ectx, elArgs.arg(-1, "unique"), env), holes);
        if (sql === null) return void dynamic(ctx, out, at(), state, "its name comes from columns not known statically");
        push(ctx, out, sql.sql, at(), state, callee, sql.generated, holes.map);
      });
    }
  }
  const typed = columns && columns.length > 0 ? columns.map((c) => `${ident(c)} text`).join(", ") : "";
  push(ctx, out, `CREATE TABLE ${conditional ? "IF NOT EXISTS " : ""}${qualified} (${typed})`, call, made, executor, false, undefined, typed ? { columnTypesUnknown: true } : {});
  for (const f of inline) f();
  if (pkColumns.length > 0 && (!explicitPk || namedPk)) {
    keys.push({ kind: "pk", columns: pkColumns.map((c) => c.name), name: namedPk?.name ?? null, node: namedPk?.node ?? pkColumns[0]!.node, callee: namedPk?.callee ?? pkColumns[0]!.callee, ofColumn: false });
  }
  for (const { key, nameOf } of survivingKeys(ctx, { table, schema }, keys)) pushKeyConstraint(ctx, out, made, { table, schema }, key, nameOf);
  // Alembic emits CREATE TABLE (with its constraints), then each index.
  for (const f of later) f();
  return true;
}

/** A constraint's `deferrable=` and `initially=`, rendered as SQLAlchemy does; null when one is not known statically. */
function timingOf(ctx: RevisionContext, args: Args, env: Env): NonNullable<KeyConstraint["timing"]> | null {
  const deferrableNode = args.arg(-1, "deferrable");
  const initiallyNode = args.arg(-1, "initially");
  const initially = initiallyNode ? stringValue(ctx, initiallyNode, env) : null;
  if (unknownFlag(ctx, args, env, [[-1, "deferrable"]]) || (initiallyNode && initially === null)) return null;
  const deferrable = deferrableNode !== null && flag(ctx, deferrableNode, env);
  // PostgreSQL: INITIALLY DEFERRED makes the constraint deferrable.
  const deferred = initially?.toUpperCase() === "DEFERRED";
  const sql = `${deferrableNode ? (deferrable ? " DEFERRABLE" : " NOT DEFERRABLE") : ""}${initially !== null ? ` INITIALLY ${initially}` : ""}`;
  return { sql, deferrable: deferrable || deferred, deferred };
}
