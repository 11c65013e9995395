import { limitMessage } from "../python/limits.js";
import { readSuppressions } from "../python/suppressions.js";
import { sqlValueOf, stringOf } from "../registry/read.js";
import { positionOf } from "../source/text.js";
import { looksLikeSql, otherDialect } from "../sql/dialect.js";
import type { SqlParser } from "../sql/parser.js";
import { INDEX_SQL_HINT } from "../sql/statements.js";
import type { ReadResult, SqlStatement } from "../sql/types.js";
import type { Operation } from "./effective.js";
import type { AnyFile, MigrationFile, RegistryFile, SqlRegistryFile } from "./inputs.js";
import type { SqlSource } from "../python/extract.js";
import { mapSql, pyIndex, readMapped, withBindHoles } from "./mapped-sql.js";
import { mayChangeSearchPath, namesSearchPath } from "./search-path-scope.js";
import { dynamicOf, readStatement, sqlProblems, type FoundIndex, type IndexRead, type StatementContext, type StatementRead } from "./read-statement.js";
import type { ConstraintDef, DropDef, DynamicSql, Location, MigrationStep, Origin, Problem, RegistryEntryInfo, RegistryFields, SourceFile } from "./types.js";

/** A framework source's step, its index still as read (replay and classification come later). */
/** A step as read: a drop's with the operation replay applies for it, which says whether it ran. */
export type FoundStep = Omit<MigrationStep, "index"> & { index: IndexRead | null; op?: Operation };

/** Everything read from some files, in reading order; `operations` are what replay applies. */
export interface Found {
  files: SourceFile[];
  errors: Problem[];
  dynamic: DynamicSql[];
  drops: DropDef[];
  constraints: ConstraintDef[];
  indexes: FoundIndex[];
  operations: Operation[];
  registryEntries: RegistryEntryInfo[];
  steps: FoundStep[];
}

function emptyFound(): Found {
  return { files: [], errors: [], dynamic: [], drops: [], constraints: [], indexes: [], operations: [], registryEntries: [], steps: [] };
}

/** The parts one after the other. */
export function concatFound(parts: readonly Found[]): Found {
  return {
    files: parts.flatMap((p) => p.files),
    errors: parts.flatMap((p) => p.errors),
    dynamic: parts.flatMap((p) => p.dynamic),
    drops: parts.flatMap((p) => p.drops),
    constraints: parts.flatMap((p) => p.constraints),
    indexes: parts.flatMap((p) => p.indexes),
    operations: parts.flatMap((p) => p.operations),
    registryEntries: parts.flatMap((p) => p.registryEntries),
    steps: parts.flatMap((p) => p.steps),
  };
}

/** Index DDL the user would recognise in an unresolved template. */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
export const INDEX_TEMPLATE = /\b(create\s+(unique\s+)?index|drop\s+index|alter\s+index)\b/i;

const NO_STATEMENTS: ReadResult = { statements: [], errors: [] };

/** A file's entry in the inventory and the problems of the file itself (syntax, encoding, budgets). */
export function fileFound(file: AnyFile, origin: Origin): Found {
  const found = emptyFound();
  // A framework source's reader finds its files' suppression comments (Python or SQL).
  const suppressions = "limits" in file ? readSuppressions(file.source, file.sites) : file.suppressions;
  found.files.push({ path: file.source.path, origin, syntaxErrors: file.syntax.length, lines: file.source.lineStarts.length, suppressions });
  const problem = (kind: Problem["kind"], index: number, message: string): Problem => ({ kind, file: file.source.path, ...positionOf(file.source, index), message });
  for (const hit of "limits" in file ? file.limits : []) {
    // Past the listing limit there is still a syntax error at that place: python-syntax-error reports it.
    found.errors.push(problem(hit.where === "syntax error" ? "python-syntax" : "limit", hit.index, limitMessage(hit)));
  }
  if (file.invalidUtf8At !== null)
    found.errors.push({ kind: "encoding", file: file.source.path, line: 1, column: 1, message: `invalid UTF-8 at byte ${file.invalidUtf8At}; read with replacement characters` });
  for (const p of file.syntax) found.errors.push(problem("python-syntax", p.index, p.message));
  return found;
}

/** Adds what a statement gave to `found`. */
export function take(found: Found, read: StatementRead): void {
  if (read.index) found.indexes.push(read.index);
  if (read.constraint) found.constraints.push(read.constraint);
  if (read.drop) found.drops.push(read.drop);
  if (read.dynamic && read.op) found.dynamic.push(read.dynamic);
  else if (read.dynamic) takeUnread(found, read.dynamic);
  if (read.op) found.operations.push(read.op);
}

/** SQL replay cannot apply: reported, and from there on replay knows that something it did not read ran. */
export function takeUnread(found: Found, dynamic: DynamicSql): void {
  found.dynamic.push(dynamic);
  found.operations.push({ kind: "unread" });
}

/** Statements reported as dynamic only because replay cannot apply them: what they drop or rename is unknown. */
const REPLAY_ONLY: ReadonlySet<SqlStatement["kind"]> = new Set(["drop-table", "drop-schema", "drop-column", "rename-table", "rename-column", "set-schema", "rename-schema", "drop-cascade"]);

/**
 * A statement that does not change what the migrations leave behind: no operation, and its index is not kept.
 * A table, schema or column it drops or renames at run time is then no finding: replay would not apply it anyway.
 */
function unapplied(read: StatementRead, kind: SqlStatement["kind"]): StatementRead {
  const { dynamic, ...rest } = read;
  return { ...rest, op: null, ...(dynamic && !REPLAY_ONLY.has(kind) ? { dynamic } : {}), ...(read.index ? { index: { ...read.index, effective: false } } : {}) };
}

/** What runs next (another source, the registry's deploy step) runs in a session of its own, under its own search_path. */
export function newSession(): Found {
  return { ...emptyFound(), operations: [{ kind: "search-path", path: "initial" }] };
}

/** Statements that build, drop or rename no index by themselves. */
const NOT_INDEX_DDL: ReadonlySet<SqlStatement["kind"]> = new Set(["other", "create-table", "add-column", "procedural-columns", "relation", "named-constraint", "search-path", "transaction-end", "create-schema", "user-type", "column-type", "detach-partition", "create-extension"]);

/** The SQL strings of one migration module, in source order. */
export function readMigrationFile(sql: SqlParser | null, file: MigrationFile): Found {
  const found = fileFound(file, "migration");
  const seen = new Map<number, Named[]>();
  for (const src of file.sql) {
    let mapped = mapSql(src.value);
    const context: StatementContext = { function: src.function, guards: src.guards, executor: src.executor, statementStart: src.statementStart, rangeStart: src.start, rangeEnd: src.end };
    const viaExecutor = src.executor !== null;
    // With the parser, what readsAsSql says (plainTextAsks counts the same strings).
    if ((!sql || !INDEX_SQL_HINT.test(mapped.text)) && !viaExecutor && !INDEX_TEMPLATE.test(mapped.text)) continue;
    let read = sql ? readMapped(sql, mapped) : NO_STATEMENTS;
    // Rejected with its binds as values, accepted with them as names: the driver fills in a name (AsIs), a template.
    const asNames = sql && read.errors.length > 0 && !mapped.template ? withBindHoles(mapped) : null;
    const readAsNames = asNames && sql ? readMapped(sql, asNames) : null;
    if (asNames && readAsNames?.errors.length === 0) {
      mapped = asNames;
      read = readAsNames;
    }
    // A module's strings run in an order its source does not fix, on connections it does not show: from a SET
    // search_path on, the schema of an unqualified name is not known.
    if (viaExecutor && namesSearchPath(mapped.text) && !isDowngrade(src.function) && (!sql || read.errors.length > 0 || read.statements.some((s) => s.kind === "search-path" || mayChangeSearchPath(s, mapped.text.slice(s.start, s.end)))))
      found.operations.push({ kind: "search-path", path: null });
    // A new table alone builds no index: it is read with the statements that do, not for itself.
    const indexStatements = read.statements.some((s) => !NOT_INDEX_DDL.has(s.kind));
    if (mapped.template && (read.errors.length > 0 || !indexStatements)) {
      // Unparseable or statement-free templates are reported when they read as index DDL.
      if ((viaExecutor || read.errors.length === 0) && INDEX_TEMPLATE.test(mapped.text)) takeUnread(found, dynamicOf(file, "migration", src.start, mapped, context));
      continue;
    }
    if (!viaExecutor && (read.errors.length > 0 || !indexStatements)) continue;
    // Broken SQL is SQL PostgreSQL rejects; text that is no SQL at all, or another database's SQL, is not broken.
    if (read.errors.length > 0 && looksLikeSql(mapped.text) && otherDialect(mapped.text) === null) found.errors.push(...sqlProblems(file, mapped, read.errors));
    // A downgrade is not the deploy path, and a DROP in an `except` clause cleans up after a failed build:
    // neither changes the state the migrations leave behind.
    const downgrade = isDowngrade(src.function);
    const alone = read.statements.length === 1 && read.errors.length === 0;
    for (const st of read.statements) {
      // One statement is one index: the same CREATE (by where it stands and what it names) reached along
      // two paths (`SQL` and `SQL.strip()`) is read once.
      if ((st.kind === "create-index" || st.kind === "constraint") && seenBefore(seen, pyIndex(mapped, st.start), st)) continue;
      const statement = columnNeverFound(readStatement(st, file, mapped, { ...context, alone }, "migration"));
      const kind = statement.op?.kind;
      take(found, downgrade || (src.inErrorHandler && kind !== "create" && kind !== "constraint") ? unapplied(statement, st.kind) : statement);
    }
  }
  return found;
}

/**
 * Where a column may be dropped unseen, ADD COLUMN IF NOT EXISTS is never taken to find its column (and skip its
 * constraints): a module's strings are read only when an executor runs them or they may hold index DDL, and a
 * framework source may have left something unread (RunPython). The column is still there afterwards.
 */
export function columnNeverFound(read: StatementRead): StatementRead {
  return read.op?.kind === "add-column" ? { ...read, op: { ...read.op, skipIfThere: false } } : read;
}

/** Whether a migration's string is read as SQL: an executor runs it, or it may hold index DDL. */
function readsAsSql(src: SqlSource, text: string): boolean {
  return src.executor !== null || INDEX_SQL_HINT.test(text) || INDEX_TEMPLATE.test(text);
}

/**
 * How many times readMigrationFile and readRegistryFile will ask the parser
 * for each plain text (a string without `{`, which is its own SQL): what the
 * parser keeps for a text is let go after its last ask (readingEachTextOnce).
 * A template is not counted: its SQL is known only once it is mapped.
 */
export function plainTextAsks(migrations: readonly MigrationFile[], registry: RegistryFile | SqlRegistryFile | null): Map<string, number> {
  const asks = new Map<string, number>();
  const count = (text: string): void => {
    asks.set(text, (asks.get(text) ?? 0) + 1);
  };
  for (const file of migrations) for (const src of file.sql) if (src.value.kind === "str" && !src.value.text.includes("{") && readsAsSql(src, src.value.text)) count(src.value.text);
  for (const entry of registry?.read.entries ?? []) {
    const value = sqlValueOf(entry.sql);
    if (value?.kind === "str" && !value.text.includes("{")) count(value.text);
  }
  return asks;
}

/** What a statement names, as readMigrationFile tells two statements at one place apart. */
interface Named {
  kind: string;
  schema: string | null;
  name: string | null;
  table: string;
}

/** The names compared: `schema.name` as written, no schema and an empty one alike. */
function namesOf(n: Named): string {
  return `${n.kind}\0${n.schema ?? ""}.${n.name ?? ""}\0${n.table}`;
}

/**
 * Whether a statement at .py index `at` naming what `st` names was read
 * already; if not, it is now. Keyed by the place first: the names are compared
 * only between statements at one place (a string reached along two paths), not
 * written into a key for every statement, which the file's loop kept alive to its end.
 */
function seenBefore(seen: Map<number, Named[]>, at: number, st: Named): boolean {
  const named: Named = { kind: st.kind, schema: st.schema, name: st.name, table: st.table };
  const here = seen.get(at);
  if (!here) {
    seen.set(at, [named]);
    return false;
  }
  const names = namesOf(named);
  if (here.some((n) => namesOf(n) === names)) return true;
  here.push(named);
  return false;
}

/** The registry's entries: each entry's shape, and the indexes its SQL creates. */
export function readRegistryFile(sql: SqlParser | null, registry: RegistryFile | SqlRegistryFile): Found {
  const found = fileFound(registry, "registry");
  for (const p of registry.read.problems) found.errors.push({ kind: "registry", file: registry.source.path, ...positionOf(registry.source, p.index), message: p.message });
  for (const entry of registry.read.entries) {
    const value = sqlValueOf(entry.sql);
    const mapped = value && mapSql(value);
    const read = mapped && sql ? readMapped(sql, mapped) : NO_STATEMENTS;
    const held = statementsHeld(read.statements);
    const fields: RegistryFields = {
      list: entry.list,
      name: stringOf(entry.name),
      table: stringOf(entry.table),
      critical: entry.critical?.kind === "bool" ? entry.critical.value : null,
      description: stringOf(entry.description),
      keys: entry.keys,
      statements: held.length,
    };
    found.registryEntries.push({
      list: entry.list,
      reachable: entry.reachable,
      location: locateRange(registry, entry.start, entry.end),
      keys: entry.keys,
      name: fields.name,
      table: fields.table,
      sqlReadable: value !== null,
      statements: held.map(statementSummary),
      sqlErrors: read.errors.length,
    });
    // The entry's shape (no "sql", or one that cannot be read) is registry-entry-mismatch's to report.
    if (!mapped) continue;
    const context: StatementContext = { function: null, guards: [], executor: null, statementStart: entry.start, rangeStart: entry.start, rangeEnd: entry.end, registry: fields };
    if (mapped.template && (read.errors.length > 0 || !read.statements.some((s) => s.kind === "create-index"))) {
      found.dynamic.push(dynamicOf(registry, "registry", entry.start, mapped, context));
      continue;
    }
    found.errors.push(...sqlProblems(registry, mapped, read.errors));
    const alone = read.statements.length === 1 && read.errors.length === 0;
    for (const st of read.statements) {
      if (st.kind !== "create-index") continue;
      const statement = readStatement(st, registry, mapped, { ...context, alone }, "registry");
      // The deploy step never builds an entry whose list does not reach the registry variable.
      take(found, { ...statement, op: null, ...(statement.index ? { index: { ...statement.index, effective: entry.reachable } } : {}) });
    }
  }
  return found;
}

/** `downgrade`, `downgrade_v12`, `Migration.downgrade`: the reverse path (Alembic's convention). */
function isDowngrade(fn: string | null): boolean {
  return fn !== null && /^downgrade/i.test(fn.slice(fn.lastIndexOf(".") + 1));
}

/** The statements an entry holds: a column its ALTER TABLE adds is part of that statement (one that only adds columns is one). */
function statementsHeld(statements: readonly SqlStatement[]): SqlStatement[] {
  return statements.filter((s, k) => s.kind !== "add-column" || !statements.some((o, j) => o.start === s.start && (o.kind !== "add-column" || j < k)));
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
