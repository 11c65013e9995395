import { positionOf } from "../source/text.js";
import type { SqlParser } from "../sql/parser.js";
import type { SqlStatement } from "../sql/types.js";
import type { RunCondition, SourceFileRead, SourceRead, SourceStatement } from "../sources/types.js";
import { identity, type Operation } from "./effective.js";
import { hasHole, readMapped, type MappedSql } from "./mapped-sql.js";
import type { SearchPath } from "./search-path.js";
import { mayChangeSearchPath, namesSearchPath, searchPathScope } from "./search-path-scope.js";
import { columnNeverFound, concatFound, fileFound, INDEX_TEMPLATE, take, takeUnread, type Found, type FoundStep } from "./read-files.js";
import { dynamicOf, locate, readStatement, sqlProblems, type StatementContext, type StatementRead } from "./read-statement.js";

/**
 * A framework source (Alembic, `.sql` files): its SQL, in apply order, goes
 * through the same statements → IndexDef → replay path as a module's. The
 * index operations are kept as steps with how they run, for the policy rules
 * of projects without a registry.
 */
export function readFrameworkSource(sql: SqlParser, source: SourceRead): Found {
  const files = new Map<string, SourceFileRead>(source.files.map((f) => [f.source.path, f]));
  const found = concatFound(source.files.map((f) => fileFound(f, "migration")));
  const at = (path: string, index: number): { line: number; column: number } => {
    const file = files.get(path);
    return file ? positionOf(file.source, index) : { line: 1, column: 1 };
  };
  for (const p of source.problems) found.errors.push({ kind: p.kind, file: p.file, ...(p.at ?? at(p.file, p.index)), message: p.message });
  // What the source did not read (RunPython, a limit reached, SQL known only at run time) may have dropped a column
  // or made a table: taken before the first statement of its migration when the reader says which that is (what
  // ran before it is still known), else before every statement.
  const unseen = source.problems.length > 0 || source.dynamic.length > 0;
  const rank = new Map((source.migrations ?? []).map((m, i) => [m, i]));
  // Unplaced: before everything. A statement of a migration the reader did not place: after everything placed.
  const placedAt = (m: string | undefined, unplaced: number): number => (m === undefined ? unplaced : (rank.get(m) ?? unplaced));
  const pending: { rank: number; unread: Operation | null }[] = [];
  for (const p of source.problems) pending.push({ rank: placedAt(p.migration, -1), unread: null });
  for (const d of source.dynamic) {
    found.dynamic.push({ origin: "migration", file: d.file, ...(d.at ?? at(d.file, d.index)), template: d.template, reason: d.reason, executor: d.executor, function: d.function });
    pending.push({ rank: placedAt(d.migration, -1), unread: touchesNoTable(d.executor) ? { kind: "unread" } : { kind: "unread", tables: true } });
  }
  pending.sort((a, b) => a.rank - b.rank);
  let taken = 0;
  // The pending ones of migrations up to `upTo`, in place.
  const takeUnseen = (upTo: number): void => {
    let end = taken;
    while (end < pending.length && pending[end]!.rank <= upTo) end++;
    if (end === taken) return;
    found.operations.push({ kind: "unseen-columns" });
    for (; taken < end; taken++) if (pending[taken]!.unread) found.operations.push(pending[taken]!.unread!);
  };
  takeUnseen(-1);
  // Tables created by each migration so far; where each live index stands (for drops).
  const newTables = new Map<string, Set<string>>();
  const indexTables = new Map<string, string>();
  const scope = searchPathScope(source.session ?? {});
  const path = (p: SearchPath | undefined): void => {
    if (p !== undefined) found.operations.push({ kind: "search-path", path: p });
  };
  let migration: string | null = null;
  for (const st of source.statements) {
    const file = files.get(st.file);
    if (!file) continue;
    if (migration !== null && st.migration !== migration) path(scope.migrationEnd());
    if (st.migration !== migration) takeUnseen(placedAt(st.migration, Infinity));
    migration = st.migration;
    const holes = new Map(st.holes ?? []);
    const holeReason = holes.size > 0 ? (st.holeReason ?? "a placeholder filled in when the migration runs") : null;
    const mapped: MappedSql = { text: st.sql, offsets: st.offsets, holes, holeReason, holeReasons: new Map([...holes.keys()].map((k) => [k, holeReason ?? ""])), template: holes.size > 0 };
    const read = readMapped(sql, mapped);
    const context: StatementContext = {
      function: st.function,
      guards: st.guards ? [...st.guards] : [],
      executor: st.executor,
      statementStart: st.start,
      rangeStart: st.start,
      rangeEnd: st.end,
      anchorLine: st.anchorLine,
      alone: read.statements.length === 1 && read.errors.length === 0,
      nameGenerated: st.nameGenerated,
      ...(st.takenWithColumn ? { takenWithColumn: true } : {}),
      ...(st.primaryKeyOfTable ? { primaryKeyOfTable: true } : {}),
      ...(st.columnTypesUnknown ? { columnTypesUnknown: true } : {}),
    };
    // SQL that only parses once its placeholders are filled in is dynamic, not invalid.
    // Text that names search_path where no statement read says how: the path is not known from here on.
    if (namesSearchPath(st.sql) && !read.statements.some((s) => namesSearchPath(mapped.text.slice(s.start, s.end)))) path(scope.unknown());
    if (holes.size > 0 && read.errors.length > 0) {
      if (INDEX_TEMPLATE.test(mapped.text)) takeUnread(found, dynamicOf(file, "migration", st.start, mapped, context));
      // SQL known only at run time may add, drop or rename a column, or add a constraint (`ALTER TABLE t {clause}`):
      // not reported without the words of index DDL, but what replay knows of the database is not known from here on.
      else found.operations.push({ kind: "unseen-columns" }, { kind: "unread", tables: true });
      continue;
    }
    found.errors.push(...sqlProblems(file, mapped, read.errors));
    // The statements its rows hold run unread: they may make, drop or change any table (index DDL there is reported by the reader).
    if (st.runsItsRows) found.operations.push({ kind: "unread-columns" });
    const created = newTables.get(st.migration) ?? new Set<string>();
    newTables.set(st.migration, created);
    const mayNotRun = st.runsIf !== undefined || (st.guards?.length ?? 0) > 0;
    for (const statement of read.statements) {
      // A SET that may not run (under psql's undecided `\if`, or a condition replay decides later) leaves the path not known.
      if (statement.kind === "search-path") path((statement.schemas !== "default" && statement.schemas?.some(hasHole)) || mayNotRun ? scope.unknown() : scope.set(statement, st.transaction));
      else if (statement.kind === "transaction-end") path(scope.transactionEnd(statement.commit));
      else if (mayChangeSearchPath(statement, mapped.text.slice(statement.start, statement.end))) path(scope.unknown());
      if (statement.kind === "create-table") created.add(identity(statement.schema, statement.table));
      // A table created in this migration is still new under its new name.
      if (statement.kind === "rename-table" && created.delete(identity(statement.schema, statement.from))) created.add(identity(statement.schema, statement.to));
      const read = rolledBack(st, unseen ? columnNeverFound(readStatement(statement, file, mapped, context, "migration")) : readStatement(statement, file, mapped, context, "migration"));
      // Replay decides whether it runs, from what the database then holds.
      const when = ifTableExists(statement, st.runsIf);
      const result = when && read.op ? { ...read, op: { ...read.op, when } } : read;
      take(found, result);
      // A table dropped or renamed by a name known only at run time (`DROP TABLE {name}`): which tables are there is not known.
      if (result.dynamic && !result.op && TABLE_DDL.has(statement.kind)) found.operations.push({ kind: "unread", tables: true });
      const step = stepOf(statement, result, st, created, indexTables, file, mapped);
      if (step) found.steps.push(step);
    }
  }
  takeUnseen(Infinity);
  return found;
}

/** Statements that drop, rename or move tables. */
const TABLE_DDL: ReadonlySet<SqlStatement["kind"]> = new Set(["drop-table", "rename-table", "set-schema", "drop-schema", "rename-schema", "drop-cascade"]);

/** Operations of an index, a key or a column: what one of them leaves unread (a name known only at run time) makes, drops or renames no table. */
const NO_TABLE_OPERATIONS = new Set(["create_index", "drop_index", "create_unique_constraint", "create_primary_key", "create_exclude_constraint", "drop_constraint", "create_foreign_key", "create_check_constraint", "add_column", "drop_column", "alter_column", "Index", "Column", "UniqueConstraint", "PrimaryKeyConstraint"]);

/**
 * Whether a dynamic note's operation, one of op's or a batch's (`op.create_index`, `batch_op.drop_index`), touches
 * no table; anything else (SQL, a helper whose code is not read, whatever its name, create_table, drop_table) may.
 */
function touchesNoTable(executor: string | null): boolean {
  const dot = executor?.lastIndexOf(".") ?? -1;
  // Linear: anchored; one run of word characters, then a fixed suffix (op, batch_op, alembic_op).
  return executor !== null && dot > 0 && /^(?:\w+_)?op$/.test(executor.slice(0, dot)) && NO_TABLE_OPERATIONS.has(executor.slice(dot + 1));
}

/** A statement a later ROLLBACK undid changes nothing: no operation, and what it made was never kept. */
function rolledBack(st: SourceStatement, read: StatementRead): StatementRead {
  if (!st.rolledBack) return read;
  return {
    ...read,
    op: null,
    ...(read.index ? { index: { ...read.index, effective: false, skipped: "rolled-back" } } : {}),
    ...(read.constraint ? { constraint: { ...read.constraint, effective: false } } : {}),
  };
}

/** The condition a statement runs under: its source's (psql's `\if`, a revision's inspector test), and for one of ALTER TABLE IF EXISTS, that its table is there. */
function ifTableExists(statement: SqlStatement, runsIf: RunCondition | undefined): RunCondition | undefined {
  const t = statement.ifTableExists;
  if (!t) return runsIf;
  return { question: { tests: [{ object: "table", asked: "if-exists", schema: t.schema, table: t.name, name: t.name, present: true }] }, when: true, parent: runsIf ?? null };
}

function stepOf(statement: SqlStatement, read: StatementRead, st: SourceStatement, created: ReadonlySet<string>, indexTables: Map<string, string>, file: SourceFileRead, mapped: MappedSql): FoundStep | null {
  const def = read.index?.def;
  if (def && statement.kind === "create-index") {
    const table = identity(def.schema, def.table);
    indexTables.set(identity(def.schema, def.name), table);
    return { kind: "create-index", index: def, name: def.name, table: def.table, concurrently: def.concurrently, transaction: st.transaction, tableIsNew: created.has(table), migration: st.migration, location: def.location, anchorLine: def.anchorLine };
  }
  if (read.op?.kind === "drop" && statement.kind === "drop-index") {
    const tables = statement.names.map((n) => indexTables.get(identity(n.schema, n.name)) ?? null);
    const [only] = tables;
    return {
      kind: "drop-index",
      index: null,
      name: statement.names.map((n) => (n.schema ? `${n.schema}.${n.name}` : n.name)).join(", "),
      table: tables.length === 1 && only ? only.slice(only.indexOf(".") + 1) : null,
      concurrently: statement.concurrently,
      transaction: st.transaction,
      tableIsNew: tables.length > 0 && tables.every((t) => t !== null && created.has(t)),
      migration: st.migration,
      location: locate(file, mapped, statement.start, statement.end),
      anchorLine: st.anchorLine,
      op: read.op,
    };
  }
  return null;
}
