import type { SqlSource } from "../python/extract.js";
import type { Guard } from "../python/guards.js";
import { limitMessage, type LimitHit } from "../python/limits.js";
import { anchorLine, classificationPragma, commentAbove, type Pragma } from "../python/context.js";
import type { ModuleInfo } from "../python/scope.js";
import type { SyntaxProblem } from "../python/parser.js";
import type { RegistryRead } from "../registry/read.js";
import { sqlValueOf, stringOf } from "../registry/read.js";
import { positionOf, type SourceText } from "../source/text.js";
import type { SqlParser } from "../sql/parser.js";
import { INDEX_SQL_HINT, type CreateIndexStatement, type InsertionPoint, type SqlStatement } from "../sql/statements.js";
import { classify, type ClassificationOverrides } from "./classify.js";
import { identity, replayMigrations, type Operation } from "./effective.js";
import { fillHoles, hasHole, holeReasonIn, mapSql, pyIndex, readMapped, withBindHoles, type MappedSql } from "./mapped-sql.js";
import { readSuppressions } from "../python/suppressions.js";
import type { DirectiveSites } from "../python/directives.js";
import { chooseIndexName, keyNamePart } from "../sql/names.js";
import { looksLikeSql, otherDialect } from "../sql/dialect.js";
import type { SourceFileRead, SourceRead, SourceStatement } from "../sources/types.js";
import type { ConstraintDef, DynamicSql, IndexContext, IndexDef, IndexSpan, Inventory, Location, MigrationStep, Origin, Problem, RegistryEntryInfo, RegistryFields, SourceFile } from "./types.js";

export interface ParsedFile {
  source: SourceText;
  info: ModuleInfo;
  syntax: SyntaxProblem[];
  invalidUtf8At: number | null;
  /** Where its `index-audit:` directives may stand (comments; `--` also inside strings). */
  sites: DirectiveSites;
  /** Budgets that ran out in this file (static evaluation, syntax errors listed). */
  limits: readonly LimitHit[];
}

/** A file statements are located in: a parsed Python file, or a framework source's file. */
type AnyFile = ParsedFile | SourceFileRead;

export interface MigrationFile extends ParsedFile {
  sql: SqlSource[];
}

export interface RegistryFile extends ParsedFile {
  read: RegistryRead;
}

/** A registry kept as a `.sql` file. */
export interface SqlRegistryFile extends SourceFileRead {
  read: RegistryRead;
}

/** Index DDL the user would recognise in an unresolved template. */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
const INDEX_TEMPLATE = /\b(create\s+(unique\s+)?index|drop\s+index|alter\s+index)\b/i;

/**
 * Turns the strings found in migrations and the registry into the inventory:
 * one IndexDef per CREATE INDEX, the effective migration state, and the
 * classification of each index with its reason.
 */
export function buildInventory(
  sql: SqlParser | null,
  migrations: readonly MigrationFile[],
  registry: RegistryFile | SqlRegistryFile | null,
  overrides: ClassificationOverrides,
  sources: readonly SourceRead[] = [],
): Inventory {
  const out: Inventory = { indexes: [], constraints: [], drops: [], dynamic: [], errors: [], files: [], registryEntries: [] };
  const pragmas = new Map<IndexDef, Pragma | null>();
  const operations: Operation[] = [];
  const seenStatements = new Set<string>();

  for (const file of migrations) {
    out.files.push(sourceFile(file, "migration"));
    addSyntaxErrors(out.errors, file);
    for (const src of file.sql) {
      let mapped = mapSql(src.value);
      const context = { function: src.function, guards: src.guards, executor: src.executor, statementStart: src.statementStart, rangeStart: src.start, rangeEnd: src.end };
      const viaExecutor = src.executor !== null;
      if (!sql || !INDEX_SQL_HINT.test(mapped.text)) {
        if (!viaExecutor && !INDEX_TEMPLATE.test(mapped.text)) continue;
      }
      let read = sql ? readMapped(sql, mapped) : { statements: [], errors: [] };
      // Rejected with its binds as values, accepted with them as names: the driver fills in a name (AsIs), a template.
      const asNames = sql && read.errors.length > 0 && !mapped.template ? withBindHoles(mapped) : null;
      const readAsNames = asNames && sql ? readMapped(sql, asNames) : null;
      if (asNames && readAsNames?.errors.length === 0) {
        mapped = asNames;
        read = readAsNames;
      }
      const indexStatements = read.statements.some((s) => s.kind !== "other");
      if (mapped.template && (read.errors.length > 0 || !indexStatements)) {
        // Unparseable or statement-free templates are reported when they read as index DDL.
        if ((viaExecutor || read.errors.length === 0) && INDEX_TEMPLATE.test(mapped.text)) out.dynamic.push(dynamicOf(file, "migration", src.start, mapped, context));
        continue;
      }
      if (!viaExecutor && (read.errors.length > 0 || !indexStatements)) continue;
      // Broken SQL is SQL PostgreSQL rejects; text that is no SQL at all, or another database's SQL, is not broken.
      const judged = read.errors.length > 0 && looksLikeSql(mapped.text) && otherDialect(mapped.text) === null;
      for (const e of judged ? read.errors : []) {
        const at = positionOf(file.source, pyIndex(mapped, e.index));
        out.errors.push({ kind: "invalid-sql", file: file.source.path, line: at.line, column: at.column, message: e.message });
      }
      // A downgrade is not the deploy path, and a DROP in an `except` clause cleans up after a failed build:
      // neither changes the state the migrations leave behind.
      const downgrade = isDowngrade(src.function);
      for (const st of read.statements) {
        // One statement is one index: the same CREATE (by where it stands and what it names) reached along
        // two paths (`SQL` and `SQL.strip()`) is read once.
        if (st.kind === "create-index" || st.kind === "constraint") {
          const key = `${file.source.path}\0${pyIndex(mapped, st.start)}\0${st.kind}\0${st.schema ?? ""}.${st.name ?? ""}\0${st.table}`;
          if (seenStatements.has(key)) continue;
          seenStatements.add(key);
        }
        const op = toOperation(st, file, mapped, { ...context, alone: read.statements.length === 1 && read.errors.length === 0 }, "migration", out, pragmas);
        if (!op) continue;
        if (downgrade) {
          if (op.kind === "create") op.def.effective = false;
          continue;
        }
        if (src.inErrorHandler && op.kind !== "create" && op.kind !== "constraint") continue;
        operations.push(op);
      }
    }
  }

  for (const source of sources) {
    if (!sql) throw new Error("framework sources need the SQL parser");
    addSource(sql, source, out, operations, pragmas);
  }

  if (registry) {
    out.files.push(sourceFile(registry, "registry"));
    addSyntaxErrors(out.errors, registry);
    for (const p of registry.read.problems) {
      const at = positionOf(registry.source, p.index);
      out.errors.push({ kind: "registry", file: registry.source.path, line: at.line, column: at.column, message: p.message });
    }
    for (const entry of registry.read.entries) {
      const value = sqlValueOf(entry.sql);
      const fields: RegistryFields = {
        list: entry.list,
        name: stringOf(entry.name),
        table: stringOf(entry.table),
        critical: entry.critical?.kind === "bool" ? entry.critical.value : null,
        description: stringOf(entry.description),
        keys: entry.keys,
        statements: 0,
      };
      const context = { function: null, guards: [], executor: null, statementStart: entry.start, rangeStart: entry.start, rangeEnd: entry.end };
      const info: RegistryEntryInfo = {
        list: entry.list,
        reachable: entry.reachable,
        location: locateRange(registry, entry.start, entry.end),
        keys: entry.keys,
        name: fields.name,
        table: fields.table,
        sqlReadable: value !== null,
        statements: [],
        sqlErrors: 0,
      };
      out.registryEntries.push(info);
      // The entry's shape (no "sql", or one that cannot be read) is registry-entry-mismatch's to report.
      if (!value) continue;
      const mapped = mapSql(value);
      const read = sql ? readMapped(sql, mapped) : { statements: [], errors: [] };
      fields.statements = read.statements.length;
      info.statements = read.statements.map(statementSummary);
      info.sqlErrors = read.errors.length;
      if (mapped.template && (read.errors.length > 0 || !read.statements.some((s) => s.kind === "create-index"))) {
        out.dynamic.push(dynamicOf(registry, "registry", entry.start, mapped, context));
        continue;
      }
      for (const e of read.errors) {
        const at = positionOf(registry.source, pyIndex(mapped, e.index));
        out.errors.push({ kind: "invalid-sql", file: registry.source.path, line: at.line, column: at.column, message: e.message });
      }
      for (const st of read.statements) {
        if (st.kind !== "create-index") continue;
        const def = indexDef(st, registry, mapped, { ...context, alone: read.statements.length === 1 && read.errors.length === 0 }, "registry", out, pragmas);
        if (!def) continue;
        def.registry = fields;
        def.effective = entry.reachable;
      }
    }
  }

  replayMigrations(operations);
  for (const def of out.indexes) Object.assign(def, classify(def, pragmas.get(def) ?? null, overrides));
  out.indexes.sort(byLocation);
  out.constraints.sort(byLocation);
  out.dynamic.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column);
  out.errors.sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.message, b.message));
  // The same broken statement reached along two paths is one error.
  out.errors = out.errors.filter((e, k, all) => k === 0 || !sameProblem(e, all[k - 1]!));
  return out;
}

interface StatementContext {
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
}

function toOperation(
  st: SqlStatement,
  file: AnyFile,
  mapped: MappedSql,
  context: StatementContext,
  origin: Origin,
  out: Inventory,
  pragmas: Map<IndexDef, Pragma | null>,
): Operation | null {
  switch (st.kind) {
    case "create-index": {
      const def = indexDef(st, file, mapped, context, origin, out, pragmas);
      return def ? { kind: "create", def } : null;
    }
    case "drop-index": {
      // A DROP of a name known only at run time cannot be replayed: report it, change nothing.
      if (st.names.some((n) => hasHole(n.name))) {
        out.dynamic.push(dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end), st.names.map((n) => n.name)));
        return null;
      }
      // A schema filled in at run time (`{SCHEMA}.idx_a`) leaves the name known.
      const names = st.names.map((n) => ({ schema: fillSchema(n.schema, mapped), name: n.name }));
      const drop = { names, ifExists: st.ifExists, location: locate(file, mapped, st.start, st.end) };
      out.drops.push(drop);
      return { kind: "drop", names, at: drop.location };
    }
    case "drop-table":
      return { kind: "drop-table", tables: st.tables, at: locate(file, mapped, st.start, st.end) };
    case "rename-table":
      return { kind: "rename-table", schema: st.schema, from: st.from, to: st.to };
    case "rename-index":
      if (hasHole(st.from) || hasHole(st.to)) {
        out.dynamic.push(dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end), [st.from, st.to]));
        return null;
      }
      return { kind: "rename", schema: fillSchema(st.schema, mapped), from: st.from, to: st.to };
    case "drop-constraint":
      if (hasHole(st.name) || hasHole(st.table)) {
        out.dynamic.push(dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end), [st.name, st.table]));
        return null;
      }
      return { kind: "drop", names: [{ schema: fillSchema(st.schema, mapped), name: st.name }], at: locate(file, mapped, st.start, st.end) };
    case "constraint": {
      if (hasHole(st.name) || hasHole(st.table)) {
        out.dynamic.push(dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end), [st.name, st.table]));
        return null;
      }
      const c: ConstraintDef = {
        name: st.name,
        nameGenerated: st.nameGenerated,
        type: st.constraintType,
        schema: fillSchema(st.schema, mapped),
        table: st.table,
        columns: st.columns,
        usingIndex: st.usingIndex,
        origin,
        location: locate(file, mapped, st.start, st.end),
        effective: true,
      };
      out.constraints.push(c);
      return { kind: "constraint", constraint: c };
    }
    default:
      return null;
  }
}

function indexDef(
  st: CreateIndexStatement,
  file: AnyFile,
  mapped: MappedSql,
  context: StatementContext,
  origin: Origin,
  out: Inventory,
  pragmas: Map<IndexDef, Pragma | null>,
): IndexDef | null {
  const location = locate(file, mapped, st.start, st.end);
  // Only an unknown name or table makes the index unknown; a schema filled in at run time is shown as written.
  if (hasHole(st.name) || hasHole(st.table)) {
    out.dynamic.push(dynamicOf(file, origin, pyIndex(mapped, st.start), mapped, context, mapped.text.slice(st.start, st.end), [st.name, st.table]));
    return null;
  }
  const fill = (s: string): string => fillHoles(s, mapped.holes);
  const createAt = pyIndex(mapped, st.start);
  const root = "info" in file ? file.info.root : file.root;
  const anchor = context.anchorLine ?? (root ? anchorLine(file.source, root, createAt, context.statementStart) : positionOf(file.source, createAt).line);
  const columns = st.keys.map((k) => fill(k.text));
  const ctx: IndexContext = {
    function: context.function,
    guard: context.guards[0]?.text ?? null,
    guards: context.guards,
    comment: commentAbove(file.source, location.line, anchor),
    executor: context.executor,
  };
  const def: IndexDef = {
    name: st.name ?? defaultIndexName(st),
    nameGenerated: st.name === null,
    schema: fillSchema(st.schema, mapped),
    table: st.table,
    unique: st.unique,
    concurrently: st.concurrently,
    ifNotExists: st.ifNotExists,
    only: st.only,
    method: fill(st.method),
    columns,
    keys: st.keys.map((k) => ({ ...k, text: fill(k.text) })),
    include: st.include.map(fill),
    where: st.where === null ? null : fill(st.where),
    nullsNotDistinct: st.nullsNotDistinct,
    tablespace: st.tablespace,
    definition: st.definition,
    sql: fill(mapped.text.slice(st.start, st.end)),
    origin,
    location,
    anchorLine: anchor,
    span: spanOf(st, file, mapped, context),
    context: ctx,
    registry: null,
    effective: true,
    renamedTo: null,
    droppedAt: null,
    backsConstraint: null,
    classification: "performance",
    reason: "",
  };
  pragmas.set(def, classificationPragma(file.source, file.sites, location.line, anchor));
  out.indexes.push(def);
  return def;
}

/**
 * Where the statement stands in the Python text. Edits are offered only where
 * the SQL appears there verbatim, inside the call or entry it comes from — not
 * in a constant that other code may share.
 */
function spanOf(st: CreateIndexStatement, file: AnyFile, mapped: MappedSql, context: StatementContext): IndexSpan {
  const text = file.source.text;
  const start = pyIndex(mapped, st.start);
  const end = pyIndex(mapped, st.end - 1) + 1;
  const inside = (i: number): boolean => i >= context.rangeStart && i < context.rangeEnd;
  const literal = text.slice(start, end) === mapped.text.slice(st.start, st.end);
  const verbatim = literal && inside(start);
  const at = (p: InsertionPoint | null | undefined): number | null => {
    if (!p) return null;
    const i = pyIndex(mapped, p.index);
    return inside(i) && text.startsWith(p.before, i) && !hasHole(p.before) ? i : null;
  };
  return {
    start,
    end,
    literal,
    verbatim,
    rangeStart: context.rangeStart,
    rangeEnd: context.rangeEnd,
    alone: context.alone ?? false,
    concurrentlyAt: at(st.insertionPoints?.concurrently),
    ifNotExistsAt: at(st.insertionPoints?.ifNotExists),
  };
}

/** The name PostgreSQL picks for `CREATE [UNIQUE] INDEX ON t (a, b)`: `t_a_b_idx`, cut to 63 bytes as it cuts it. */
function defaultIndexName(st: CreateIndexStatement): string {
  return chooseIndexName(st.table, st.keys.map((k) => keyNamePart(k.column, k.text)), "idx");
}

/** A schema as written, with a run-time part shown as its template (`{SCHEMA}`). */
function fillSchema(schema: string | null, mapped: MappedSql): string | null {
  return schema === null ? null : fillHoles(schema, mapped.holes);
}

/**
 * A statement that cannot be audited. The reason is the one of the first
 * unknown part among `hiding` (the name, then the table), else of the string's first.
 */
function dynamicOf(file: AnyFile, origin: Origin, start: number, mapped: MappedSql, context: StatementContext, text?: string, hiding: readonly (string | null)[] = []): DynamicSql {
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

function locate(file: AnyFile, mapped: MappedSql, start: number, end: number): Location {
  const a = positionOf(file.source, pyIndex(mapped, start));
  const b = positionOf(file.source, pyIndex(mapped, end - 1) + 1);
  return { file: file.source.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

/** `downgrade`, `downgrade_v12`, `Migration.downgrade`: the reverse path (Alembic's convention). */
function isDowngrade(fn: string | null): boolean {
  return fn !== null && /^downgrade/i.test(fn.slice(fn.lastIndexOf(".") + 1));
}

function sourceFile(file: AnyFile, origin: Origin): SourceFile {
  // A framework source's reader finds its files' suppression comments (Python or SQL).
  const suppressions = "info" in file ? readSuppressions(file.source, file.sites) : file.suppressions;
  return { path: file.source.path, origin, syntaxErrors: file.syntax.length, lines: file.source.lineStarts.length, suppressions };
}



function statementSummary(st: SqlStatement): RegistryEntryInfo["statements"][number] {
  if (st.kind === "create-index") return { kind: st.kind, name: st.name, schema: st.schema, table: st.table };
  return { kind: st.kind, name: null, schema: null, table: null };
}

function locateRange(file: AnyFile, start: number, end: number): Location {
  const a = positionOf(file.source, start);
  const b = positionOf(file.source, end);
  return { file: file.source.path, line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
}

function addSyntaxErrors(errors: Problem[], file: AnyFile): void {
  for (const hit of "limits" in file ? file.limits : []) {
    const at = positionOf(file.source, hit.index);
    // Past the listing limit there is still a syntax error at that place: python-syntax-error reports it.
    errors.push({ kind: hit.where === "syntax error" ? "python-syntax" : "limit", file: file.source.path, line: at.line, column: at.column, message: limitMessage(hit) });
  }
  if (file.invalidUtf8At !== null)
    errors.push({ kind: "encoding", file: file.source.path, line: 1, column: 1, message: `invalid UTF-8 at byte ${file.invalidUtf8At}; read with replacement characters` });
  for (const p of file.syntax) {
    const at = positionOf(file.source, p.index);
    errors.push({ kind: "python-syntax", file: file.source.path, line: at.line, column: at.column, message: p.message });
  }
}

function byLocation(a: { location: Location; name: string }, b: { location: Location; name: string }): number {
  return cmp(a.location.file, b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column || cmp(a.name, b.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * A framework source (Alembic, `.sql` files): its SQL, in apply order, goes
 * through the same statements → IndexDef → replay path as a module's. The
 * index operations are kept as steps with how they run, for the policy rules
 * of projects without a registry.
 */
function addSource(sql: SqlParser, source: SourceRead, out: Inventory, operations: Operation[], pragmas: Map<IndexDef, Pragma | null>): void {
  const files = new Map<string, SourceFileRead>();
  for (const file of source.files) {
    files.set(file.source.path, file);
    out.files.push(sourceFile(file, "migration"));
    addSyntaxErrors(out.errors, file);
  }
  for (const p of source.problems) {
    const file = files.get(p.file);
    const at = file ? positionOf(file.source, p.index) : { line: 1, column: 1 };
    out.errors.push({ kind: p.kind, file: p.file, line: at.line, column: at.column, message: p.message });
  }
  for (const d of source.dynamic) {
    const file = files.get(d.file);
    const at = file ? positionOf(file.source, d.index) : { line: 1, column: 1 };
    out.dynamic.push({ origin: "migration", file: d.file, line: at.line, column: at.column, template: d.template, reason: d.reason, executor: d.executor, function: d.function });
  }
  const steps = (out.steps ??= []);
  // Tables created by each migration so far; where each live index stands (for drops).
  const newTables = new Map<string, Set<string>>();
  const indexTables = new Map<string, string>();
  for (const st of source.statements) {
    const file = files.get(st.file);
    if (!file) continue;
    const holes = new Map(st.holes ?? []);
    const holeReason = holes.size > 0 ? (st.holeReason ?? "a placeholder filled in when the migration runs") : null;
    const mapped: MappedSql = { text: st.sql, offsets: st.offsets, holes, holeReason, holeReasons: new Map([...holes.keys()].map((k) => [k, holeReason!])), template: holes.size > 0 };
    const read = readMapped(sql, mapped);
    const context: StatementContext = { function: st.function, guards: [], executor: st.executor, statementStart: st.start, rangeStart: st.start, rangeEnd: st.end, anchorLine: st.anchorLine, alone: read.statements.length === 1 && read.errors.length === 0 };
    // SQL that only parses once its placeholders are filled in is dynamic, not invalid.
    if (holes.size > 0 && read.errors.length > 0) {
      if (INDEX_TEMPLATE.test(mapped.text)) out.dynamic.push(dynamicOf(file, "migration", st.start, mapped, context));
      continue;
    }
    for (const e of read.errors) {
      const at = positionOf(file.source, pyIndex(mapped, e.index));
      out.errors.push({ kind: "invalid-sql", file: file.source.path, line: at.line, column: at.column, message: e.message });
    }
    const created = newTables.get(st.migration) ?? new Set<string>();
    newTables.set(st.migration, created);
    for (const statement of read.statements) {
      if (statement.kind === "other" && statement.table) created.add(identity(statement.table.schema, statement.table.name));
      if (statement.kind === "constraint" && statement.inCreateTable) created.add(identity(statement.schema, statement.table));
      if (statement.kind === "rename-table") created.delete(identity(statement.schema, statement.from));
      const op = toOperation(statement, file, mapped, context, "migration", out, pragmas);
      if (!op) continue;
      if (st.nameGenerated && op.kind === "create") op.def.nameGenerated = true;
      if (st.nameGenerated && op.kind === "constraint") op.constraint.nameGenerated = true;
      operations.push(op);
      const step = stepOf(statement, op, st, created, indexTables, file, mapped);
      if (step) steps.push(step);
    }
  }
}

function stepOf(statement: SqlStatement, op: Operation, st: SourceStatement, created: ReadonlySet<string>, indexTables: Map<string, string>, file: AnyFile, mapped: MappedSql): MigrationStep | null {
  if (op.kind === "create" && statement.kind === "create-index") {
    const def = op.def;
    const table = identity(def.schema, def.table);
    indexTables.set(identity(def.schema, def.name), table);
    return { kind: "create-index", index: def, name: def.name, table: def.table, concurrently: def.concurrently, transaction: st.transaction, tableIsNew: created.has(table), migration: st.migration, location: def.location, anchorLine: def.anchorLine };
  }
  if (op.kind === "drop" && statement.kind === "drop-index") {
    const location = locate(file, mapped, statement.start, statement.end);
    const tables = statement.names.map((n) => indexTables.get(identity(n.schema, n.name)) ?? null);
    return {
      kind: "drop-index",
      index: null,
      name: statement.names.map((n) => (n.schema ? `${n.schema}.${n.name}` : n.name)).join(", "),
      table: tables.every((t) => t !== null) && tables.length === 1 ? tables[0]!.slice(tables[0]!.indexOf(".") + 1) : null,
      concurrently: statement.concurrently,
      transaction: st.transaction,
      tableIsNew: tables.length > 0 && tables.every((t) => t !== null && created.has(t)),
      migration: st.migration,
      location,
      anchorLine: st.anchorLine,
    };
  }
  return null;
}

function sameProblem(a: Problem, b: Problem): boolean {
  return a.kind === b.kind && a.file === b.file && a.line === b.line && a.column === b.column && a.message === b.message;
}
