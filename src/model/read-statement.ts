/**
 * One SQL statement of a file turned into model values: the IndexDef,
 * ConstraintDef or DropDef it states, the operation replay applies, or the
 * dynamic SQL it is when a name is known only at run time. Nothing is shared
 * between calls: each returns what it read.
 */
import type { Guard } from "../python/guards.js";
import { anchorLine, classificationPragma, commentAbove, type Pragma } from "../python/context.js";
import { positionOf } from "../source/text.js";
import { keyName } from "../sql/key-names.js";
import { nameStem, numberedName, storedIdentifier, type NameStem } from "../sql/names.js";
import type { CreateIndexStatement, IndexKey, InsertionPoint, SqlProblem, SqlStatement } from "../sql/types.js";
import type { Operation } from "./effective.js";
import type { AnyFile } from "./inputs.js";
import { fillHoles, hasHole, holeReasonIn, pyIndex, type MappedSql } from "./mapped-sql.js";
import type { ConstraintDef, DropDef, DynamicSql, IndexDef, IndexSpan, Location, Origin, Problem, RegistryFields, Skipped } from "./types.js";

/** An index as its statement states it, before replay and classification. */
export type IndexRead = Omit<IndexDef, "effective" | "renamedTo" | "tableRenamedTo" | "columnsRenamed" | "droppedAt" | "backsConstraint" | "temporary" | "skipped" | "classification" | "reason">;

export interface FoundIndex {
  def: IndexRead;
  pragma: Pragma | null;
  /** Whether it exists when no replayed statement says otherwise (false for a downgrade's, a registry entry's reachability). */
  effective: boolean;
  /** Why it made nothing, when that is known before replay (a transaction rolled back). */
  skipped?: Skipped;
}

export interface StatementContext {
  function: string | null;
  guards: Guard[];
  executor: string | null;
  statementStart: number;
  /** The executor call (or string, or registry entry) the SQL comes from. */
  rangeStart: number;
  rangeEnd: number;
  /** Whether the SQL string holds this one statement and nothing else. */
  alone?: boolean;
  /** The line suppressions apply from, when the source says (framework sources). */
  anchorLine?: number;
  /** The name comes from a framework's naming convention, not from the source. */
  nameGenerated?: boolean;
  /** A DROP CONSTRAINT that stands for a column or table dropped: it takes the name whatever it is, an index too. */
  takenWithColumn?: true;
  /** A DROP CONSTRAINT of the table's primary key, whatever its name when it runs. */
  primaryKeyOfTable?: true;
  /** The column types written stand for types not known (an Alembic Column's). */
  columnTypesUnknown?: true;
  /** The registry entry the statement is the SQL of. */
  registry?: RegistryFields;
}

/** What one statement gives; `op` is null when replay has nothing to apply. */
export interface StatementRead {
  op: Operation | null;
  index?: FoundIndex;
  constraint?: ConstraintDef;
  drop?: DropDef;
  dynamic?: DynamicSql;
}

const NOTHING: StatementRead = { op: null };

const PROCEDURAL_REASONS = {
  do: "index DDL inside a DO block (PL/pgSQL) is not read statically",
  function: "index DDL inside a function's body runs only when the function is called, which the inventory cannot know",
  procedure: "index DDL inside a procedure's body runs only when the procedure is called, which the inventory cannot know",
} as const;

export function readStatement(st: SqlStatement, file: AnyFile, mapped: MappedSql, context: StatementContext, origin: Origin): StatementRead {
  switch (st.kind) {
    case "create-index": {
      // Only an unknown name or table makes the index unknown; a schema filled in at run time is shown as written.
      if (hasHole(st.name) || hasHole(st.table)) return dynamicStatement(st, file, mapped, context, origin, [st.name, st.table]);
      const stem = st.name === null ? defaultIndexName(st) : null;
      const index = indexOf(st, stem, file, mapped, context, origin);
      return { op: { kind: "create", def: index.def, stem }, index };
    }
    case "drop-index": {
      // A DROP of a name known only at run time cannot be replayed: report it, change nothing.
      if (st.names.some((n) => hasHole(n.name))) return dynamicStatement(st, file, mapped, context, origin, st.names.map((n) => n.name));
      // A schema filled in at run time (`{SCHEMA}.idx_a`) leaves the name known.
      const names = st.names.map((n) => ({ schema: fillSchema(n.schema, mapped), name: n.name }));
      const drop = { names, ifExists: st.ifExists, location: locate(file, mapped, st.start, st.end) };
      return { op: { kind: "drop", names, at: drop.location }, drop };
    }
    // A table, schema or column known only at run time: which indexes it drops or moves is not known, so it is
    // reported (as a DROP INDEX of such a name is) and replay changes nothing.
    case "drop-table":
      if (st.tables.some((t) => hasHole(t.name))) return dynamicStatement(st, file, mapped, context, origin, st.tables.map((t) => t.name));
      return { op: { kind: "drop-table", tables: st.tables.map((t) => ({ schema: fillSchema(t.schema, mapped), name: t.name })), at: locate(file, mapped, st.start, st.end) } };
    case "rename-table":
      if (hasHole(st.from) || hasHole(st.to)) return dynamicStatement(st, file, mapped, context, origin, [st.from, st.to]);
      return { op: { kind: "rename-table", schema: fillSchema(st.schema, mapped), from: st.from, to: st.to } };
    case "drop-schema":
      if (st.schemas.some(hasHole)) return dynamicStatement(st, file, mapped, context, origin, st.schemas);
      return { op: { kind: "drop-schema", schemas: st.schemas, at: locate(file, mapped, st.start, st.end) } };
    case "drop-column":
      if (hasHole(st.table) || hasHole(st.column)) return dynamicStatement(st, file, mapped, context, origin, [st.table, st.column]);
      return { op: { kind: "drop-column", schema: fillSchema(st.schema, mapped), table: st.table, column: st.column, at: locate(file, mapped, st.start, st.end) } };
    case "rename-column":
      if (hasHole(st.table) || hasHole(st.from) || hasHole(st.to)) return dynamicStatement(st, file, mapped, context, origin, [st.table, st.from, st.to]);
      return { op: { kind: "rename-column", schema: fillSchema(st.schema, mapped), table: st.table, from: st.from, to: st.to } };
    case "rename-index":
      if (hasHole(st.from) || hasHole(st.to)) return dynamicStatement(st, file, mapped, context, origin, [st.from, st.to]);
      return { op: { kind: "rename", schema: fillSchema(st.schema, mapped), from: st.from, to: st.to } };
    case "rename-constraint":
      // Renamed as its index is: the constraint and its index share one name.
      if (hasHole(st.from) || hasHole(st.to)) return dynamicStatement(st, file, mapped, context, origin, [st.from, st.to]);
      return { op: { kind: "rename", schema: fillSchema(st.schema, mapped), from: st.from, to: st.to } };
    case "create-table":
      return {
        op: {
          kind: "create-table",
          schema: fillSchema(st.schema, mapped),
          table: st.table,
          temporary: st.temporary,
          ifNotExists: st.ifNotExists,
          ...(st.view ? { view: true } : {}),
          columns: st.columns,
          ...(context.columnTypesUnknown ? { typesUnknown: true } : st.userTypes ? { userTypes: st.userTypes } : {}),
          at: locate(file, mapped, st.start, st.end),
        },
      };
    case "add-column":
      // A table or column known only at run time: replay stops deciding whether a column is there (after an Alembic
      // add_column, which adds one column and changes nothing else, only that).
      if (hasHole(st.table) || hasHole(st.column)) return { op: { kind: context.columnTypesUnknown ? "unseen-columns" : "unread-columns" } };
      return {
        op: {
          kind: "add-column",
          schema: fillSchema(st.schema, mapped),
          table: st.table,
          column: st.column,
          skipIfThere: st.ifNotExists,
          ...(context.columnTypesUnknown ? { typeUnknown: true } : st.userType === undefined ? {} : { userType: st.userType }),
          at: locate(file, mapped, st.start, st.end),
        },
      };
    case "column-type":
      if (hasHole(st.table) || hasHole(st.column)) return { op: { kind: "unread-columns" } };
      return { op: { kind: "column-type", schema: fillSchema(st.schema, mapped), table: st.table, column: st.column, userType: st.userType } };
    case "create-extension":
      return hasHole(st.name) ? NOTHING : { op: { kind: "create-extension", name: st.name, schema: st.schema === null ? null : fillSchema(st.schema, mapped) } };
    case "detach-partition":
      if (hasHole(st.table) || hasHole(st.partition.name)) return NOTHING;
      return { op: { kind: "detach-partition", schema: fillSchema(st.schema, mapped), table: st.table, partition: { schema: fillSchema(st.partition.schema, mapped), name: st.partition.name } } };
    case "user-type":
      return hasHole(st.name) ? NOTHING : { op: { kind: "user-type", name: st.name, over: st.over } };
    case "drop-cascade": {
      // A schema known only at run time: its DROP SCHEMA says so already.
      if (st.what === "schema" && st.names.some((n) => hasHole(n.name))) return NOTHING;
      const dropped = fillHoles(st.names.map((n) => displayName(n.schema, n.name)).join(", "), mapped.holes);
      const what = st.what;
      const finding: DynamicSql = {
        ...dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end)),
        reason: `CASCADE also drops every index and constraint that depends on the ${what} ${dropped} (through a column's type, an operator class, an access method or a function it calls)`,
      };
      if (st.names.some((n) => hasHole(n.name))) return { op: null, dynamic: { ...finding, reason: `${finding.reason}: which ones is not known statically` } };
      return { op: { kind: "drop-dependents", what: st.what, names: st.names, at: locate(file, mapped, st.start, st.end), finding }, dynamic: finding };
    }
    case "procedural-columns":
      return { op: { kind: "unread-columns" } };
    case "procedural":
      // What the body does depends on its data and control flow (and a function's, on its calls): said, never guessed.
      return { op: null, dynamic: { ...dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end)), reason: PROCEDURAL_REASONS[st.body] } };
    case "role-schema":
      return {
        op: null,
        dynamic: {
          ...dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end)),
          reason: `the schema is named after the role that runs it (AUTHORIZATION ${st.role}): the tables and indexes its elements create are not listed`,
        },
      };
    case "drop-constraint":
      // The table's primary key, by the name it has when it runs (its name in the text is a hole).
      if (context.primaryKeyOfTable && !hasHole(st.table)) return { op: { kind: "drop-primary-key", schema: fillSchema(st.schema, mapped), table: st.table, at: locate(file, mapped, st.start, st.end) } };
      if (hasHole(st.name) || hasHole(st.table)) return dynamicStatement(st, file, mapped, context, origin, [st.name, st.table]);
      // PostgreSQL looks for a constraint only: a name that is only an index stays (an error, or with IF EXISTS a
      // notice). Django's schema editor writes one for the indexes a dropped column takes with it, whatever they are.
      return { op: { kind: "drop", names: [{ schema: fillSchema(st.schema, mapped), name: st.name }], at: locate(file, mapped, st.start, st.end), ...(context.takenWithColumn ? {} : { constraint: true }) } };
    case "relation":
      // A name known only at run time keeps no name from PostgreSQL's choices that it might take: nothing to say.
      if (st.names.some((n) => hasHole(n.name))) return NOTHING;
      return { op: { kind: "relation", created: st.created, names: st.names.map((n) => ({ schema: fillSchema(n.schema, mapped), name: n.name })), temporary: st.temporary } };
    case "set-schema":
      if (hasHole(st.table) || hasHole(st.to)) return dynamicStatement(st, file, mapped, context, origin, [st.table, st.to]);
      return { op: { kind: "set-schema", schema: fillSchema(st.schema, mapped), table: st.table, to: st.to } };
    case "rename-schema":
      if (hasHole(st.from) || hasHole(st.to)) return dynamicStatement(st, file, mapped, context, origin, [st.from, st.to]);
      return { op: { kind: "rename-schema", from: st.from, to: st.to } };
    case "copied-indexes": {
      const from = fillHoles(displayName(st.from.schema, st.from.name), mapped.holes);
      const partition = fillHoles(displayName(st.schema, st.table), mapped.holes);
      const reason =
        st.how === "like"
          ? `LIKE ${from} INCLUDING INDEXES copies the indexes ${from} has when it runs, under names PostgreSQL chooses then: the copies are not listed`
          : st.how === "partition"
            ? `the partition ${partition} gets its own copy of each index of ${from} (those it has and those created on it later), under names PostgreSQL chooses: the copies are not listed`
            : `the partition ${partition} gets its own copy of each index of ${from} it has no equivalent of (now, or when one is created on ${from} later), under names PostgreSQL chooses: the copies are not listed`;
      const dynamic = { ...dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end)), reason };
      if (hasHole(st.table) || hasHole(st.from.name)) return { op: null, dynamic };
      const tables = { schema: fillSchema(st.schema, mapped), table: st.table, from: { schema: fillSchema(st.from.schema, mapped), name: st.from.name } };
      // Replay withdraws an ATTACH's finding when the partition has an equivalent of every index of its parent.
      return { op: { kind: "copy-indexes", ...tables, attach: st.how === "attach" ? dynamic : null }, dynamic };
    }
    case "create-schema":
      return hasHole(st.schema) ? NOTHING : { op: { kind: "create-schema", schema: st.schema, empty: st.empty } };
    case "named-constraint":
      // Only a name to keep out of PostgreSQL's choices: one known at run time changes nothing read.
      if (hasHole(st.name) || hasHole(st.table)) return NOTHING;
      return { op: { kind: "constraint-name", schema: fillSchema(st.schema, mapped), table: st.table, name: st.name, at: locate(file, mapped, st.start, st.end), ...(st.ofColumnIfNotExists ? { ofColumnIfNotExists: true } : {}) } };
    case "constraint": {
      if (hasHole(st.name) || hasHole(st.table)) return dynamicStatement(st, file, mapped, context, origin, [st.name, st.table]);
      const constraint: ConstraintDef = {
        name: st.name,
        nameGenerated: st.nameGenerated || context.nameGenerated === true,
        type: st.constraintType,
        schema: fillSchema(st.schema, mapped),
        table: st.table,
        columns: st.columns,
        usingIndex: st.usingIndex,
        renamedTo: null,
        tableRenamedTo: null,
        columnsRenamed: [],
        origin,
        location: locate(file, mapped, st.start, st.end),
        effective: true,
        ...(st.writtenName === undefined ? {} : { writtenName: st.writtenName }),
        guard: context.guards[0] ?? null,
      };
      return { op: { kind: "constraint", constraint, stem: st.stem, ...(st.ofColumnIfNotExists ? { ofColumnIfNotExists: true } : {}) }, constraint };
    }
    default:
      return NOTHING;
  }
}

function dynamicStatement(st: SqlStatement, file: AnyFile, mapped: MappedSql, context: StatementContext, origin: Origin, hiding: readonly (string | null)[]): StatementRead {
  return { op: null, dynamic: dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end), hiding) };
}

function indexOf(st: CreateIndexStatement, stem: NameStem | null, file: AnyFile, mapped: MappedSql, context: StatementContext, origin: Origin): FoundIndex {
  // The statement's extent in the .py file, found once for its location and its span.
  const createAt = pyIndex(mapped, st.start);
  const endAt = pyIndex(mapped, st.end - 1) + 1;
  const location = locateAt(file, createAt, endAt);
  const anchor = context.anchorLine ?? ("anchors" in file ? anchorLine(file.source, file.root, createAt, context.statementStart, file.anchors) : positionOf(file.source, createAt).line);
  const written = mapped.text.slice(st.start, st.end);
  const holes = mapped.holes;
  // Plain loops, and the keys' parts read in one: this runs once per index, mostly before V8 optimizes anything.
  const columns: string[] = [];
  const keys: IndexKey[] = [];
  for (const k of st.keys) {
    const text = fillHoles(k.text, holes);
    columns.push(text);
    keys.push({ text, column: k.column, opclass: k.opclass, collation: k.collation, order: k.order, nulls: k.nulls });
  }
  const include: string[] = [];
  for (const s of st.include) include.push(fillHoles(s, holes));
  const def: IndexRead = {
    // A framework's name (SQLAlchemy's naming convention, cut to 63 characters) is cut by PostgreSQL to 63 bytes.
    name: stem ? numberedName(stem, 0) : context.nameGenerated === true ? storedIdentifier(st.name ?? "") : (st.name ?? ""),
    nameGenerated: st.name === null || context.nameGenerated === true,
    schema: fillSchema(st.schema, mapped),
    table: st.table,
    unique: st.unique,
    concurrently: st.concurrently,
    ifNotExists: st.ifNotExists,
    only: st.only,
    method: fillHoles(st.method, holes),
    columns,
    keys,
    include,
    where: st.where === null ? null : fillHoles(st.where, holes),
    nullsNotDistinct: st.nullsNotDistinct,
    tablespace: st.tablespace,
    shape: st.shape,
    definition: st.definition,
    sql: fillHoles(written, holes),
    origin,
    location,
    anchorLine: anchor,
    span: spanOf(st, file, mapped, context, createAt, endAt, written),
    context: {
      function: context.function,
      guard: context.guards[0]?.text ?? null,
      guards: context.guards,
      comment: commentAbove(file.source, location.line, anchor),
      executor: context.executor,
    },
    registry: context.registry ?? null,
  };
  return { def, pragma: classificationPragma(file.source, file.sites, location.line, anchor), effective: true };
}

/**
 * Where the statement stands in the Python text (`start`, `end`: its extent
 * there; `written`: its SQL text). Edits are offered only where
 * the SQL appears there verbatim, inside the call or entry it comes from — not
 * in a constant that other code may share.
 */
function spanOf(st: CreateIndexStatement, file: AnyFile, mapped: MappedSql, context: StatementContext, start: number, end: number, written: string): IndexSpan {
  const text = file.source.text;
  const inside = (i: number): boolean => i >= context.rangeStart && i < context.rangeEnd;
  const literal = end - start === written.length && text.startsWith(written, start);
  const at = (p: InsertionPoint | null | undefined): number | null => {
    if (!p) return null;
    const i = pyIndex(mapped, p.index);
    return inside(i) && text.startsWith(p.before, i) && !hasHole(p.before) ? i : null;
  };
  return {
    start,
    end,
    literal,
    verbatim: literal && inside(start),
    rangeStart: context.rangeStart,
    rangeEnd: context.rangeEnd,
    alone: context.alone ?? false,
    concurrentlyAt: at(st.insertionPoints?.concurrently),
    ifNotExistsAt: at(st.insertionPoints?.ifNotExists),
  };
}

/** What PostgreSQL names `CREATE [UNIQUE] INDEX ON t (a, lower(b)) [INCLUDE (c)]` from: `t_a_lower_c_idx`, cut to 63 bytes as it cuts it (`t_a_lower_c_idx1` when taken). */
function defaultIndexName(st: CreateIndexStatement): NameStem {
  return nameStem(st.table, [...st.shape.keys.map(keyName), ...st.shape.include.map(keyName)], "idx");
}

function displayName(schema: string | null, name: string): string {
  return schema === null ? name : `${schema}.${name}`;
}

/** A schema as written, with a run-time part shown as its template (`{SCHEMA}`). */
function fillSchema(schema: string | null, mapped: MappedSql): string | null {
  return schema === null ? null : fillHoles(schema, mapped.holes);
}

/**
 * A statement that cannot be audited. The reason is the one of the first
 * unknown part among `hiding` (the name, then the table), else of the string's first.
 */
export function dynamicOf(file: AnyFile, origin: Origin, start: number, mapped: MappedSql, context: StatementContext, text?: string, hiding: readonly (string | null)[] = []): DynamicSql {
  const at = positionOf(file.source, start);
  const template = fillHoles(text ?? mapped.text, mapped.holes).replace(/\s+/g, " ").trim();
  return {
    origin,
    file: file.source.path,
    line: at.line,
    column: at.column,
    template,
    reason: hiding.map((h) => holeReasonIn(h, mapped)).find((r) => r !== null) ?? mapped.holeReason ?? "not known statically",
    executor: context.executor,
    function: context.function,
  };
}

/** PostgreSQL's parse errors in a string, at their places in the file. */
export function sqlProblems(file: AnyFile, mapped: MappedSql, errors: readonly SqlProblem[]): Problem[] {
  return errors.map((e) => {
    const at = positionOf(file.source, pyIndex(mapped, e.index));
    return { kind: "invalid-sql", file: file.source.path, line: at.line, column: at.column, message: e.message };
  });
}

export function locate(file: AnyFile, mapped: MappedSql, start: number, end: number): Location {
  return locateAt(file, pyIndex(mapped, start), pyIndex(mapped, end - 1) + 1);
}

/** The location of .py indices [start, end). */
function locateAt(file: AnyFile, start: number, end: number): Location {
  const a = positionOf(file.source, start);
  const b = positionOf(file.source, end);
  return { file: file.source.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}
