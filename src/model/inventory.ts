import type { SqlParser } from "../sql/parser.js";
import { readingEachTextOnce } from "../sql/statements.js";
import type { SourceRead } from "../sources/types.js";
import { classify, type ClassificationOverrides } from "./classify.js";
import { replayMigrations, type CreatedIndex, type Replay } from "./effective.js";
import type { MigrationFile, RegistryFile, SqlRegistryFile } from "./inputs.js";
import { concatFound, newSession, type Found, plainTextAsks, readMigrationFile, readRegistryFile } from "./read-files.js";
import { readFrameworkSource } from "./read-source.js";
import type { FoundIndex } from "./read-statement.js";
import type { Guard } from "../python/guards.js";
import type { ConstraintDef, DynamicSql, IndexDef, Inventory, Location, Problem } from "./types.js";

export type { MigrationFile, RegistryFile, SqlRegistryFile } from "./inputs.js";

/**
 * Turns the strings found in migrations and the registry into the inventory,
 * in three pure steps: read (one IndexDef per CREATE INDEX, with the
 * operations it implies), replay (the effective migration state), and
 * classification of each index with its reason.
 */
export function buildInventory(
  parser: SqlParser | null,
  migrations: readonly MigrationFile[],
  registry: RegistryFile | SqlRegistryFile | null,
  overrides: ClassificationOverrides,
  sources: readonly SourceRead[] = [],
): Inventory {
  if (sources.length > 0 && !parser) throw new Error("framework sources need the SQL parser");
  const sql = parser && readingEachTextOnce(parser, plainTextAsks(migrations, registry));
  const found = concatFound([
    ...(migrations.length > 0 ? [tablesUnseen()] : []),
    ...migrations.map((file) => readMigrationFile(sql, file)),
    ...(sql ? sources.flatMap((source) => [newSession(), ...(source.kind === "sql" ? [] : [tablesUnseen()]), readFrameworkSource(sql, source)]) : []),
    ...(registry ? [newSession(), readRegistryFile(sql, registry)] : []),
  ]);
  const replay = replayMigrations(found.operations);
  const indexes: IndexDef[] = [];
  for (const f of found.indexes) indexes.push(settle(f, replay, overrides));
  // A step names its index as read, the inventory holds it settled: only framework sources have steps.
  const settled = sources.length > 0 ? new Map<CreatedIndex, IndexDef>(found.indexes.map((f, k) => [f.def, indexes[k]!])) : null;
  const errors = [...found.errors].sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column || cmp(a.message, b.message));
  const inventory: Inventory = {
    indexes: indexes.sort(byLocation),
    constraints: found.constraints.map((c) => settleConstraint(c, replay)).sort(byLocation),
    drops: found.drops,
    // An ATTACH PARTITION whose partition already has an equivalent of each of its parent's indexes copies none.
    dynamic: found.dynamic.flatMap((d) => cascadeFinding(d, replay)).sort((a, b) => cmp(a.file, b.file) || a.line - b.line || a.column - b.column),
    // The same broken statement reached along two paths is one error.
    errors: errors.filter((e, k) => k === 0 || !sameProblem(e, errors[k - 1])),
    files: found.files,
    registryEntries: found.registryEntries,
  };
  // A DROP under a test replay answers no never runs: no step of the migration's.
  if (settled) inventory.steps = found.steps.filter((s) => !(s.op && replay.dropsNotRun.has(s.op))).map(({ op: _op, ...s }) => ({ ...s, index: s.index && (settled.get(s.index) ?? null) }));
  return inventory;
}

/**
 * A finding as replay settled it: an ATTACH PARTITION that copies no index is none; a DROP … CASCADE is one only
 * where replay cannot decide whether an index or constraint depends on what it drops, and names those.
 */
function cascadeFinding(d: DynamicSql, replay: Replay): DynamicSql[] {
  if (replay.copiesNone.has(d)) return [];
  const undecided = replay.cascades.get(d);
  if (undecided === undefined) return [d];
  if (undecided.length === 0) return [];
  return [{ ...d, reason: `${d.reason}: whether ${undecided.join(", ")} ${undecided.length === 1 ? "does" : "do"} is not known statically, so ${undecided.length === 1 ? "it is" : "they are"} still listed` }];
}

/**
 * Only `.sql` files are read statement by statement: a module's strings are read when they may hold index DDL, and
 * Alembic's and Django's tables may come from what they do not read (models, RunPython). After one of those, a
 * table replay never saw made may be there.
 */
function tablesUnseen(): Found {
  return { ...concatFound([]), operations: [{ kind: "unseen-tables" }] };
}

/**
 * The index as replay left it, classified. Written out field by field: a
 * spread of thirty fields gave each of thousands of indexes a layout of its
 * own in V8, and every rule reading them paid for it.
 */
function settle(found: FoundIndex, replay: Replay, overrides: ClassificationOverrides): IndexDef {
  const d = found.def;
  const fate = replay.fates.get(d) ?? { effective: found.effective, droppedAt: null, renamedTo: null, backsConstraint: null, temporary: false, skipped: found.skipped ?? null };
  const name = replay.chosenNames.get(d) ?? d.name;
  const reason = classify({ name, unique: d.unique, renamedTo: fate.renamedTo, backsConstraint: fate.backsConstraint }, found.pragma, overrides);
  // Where the search_path put it, it reads as if it had been written qualified.
  const pathSchema = replay.pathSchemas.get(d);
  const shape = pathSchema === undefined ? d.shape : { ...d.shape, table: `${pathSchema}.${d.table}` };
  // A test of the database replay could not answer: shown as the guard it may not run under.
  const undecided = replay.undecidedGuards.get(d);
  const def: IndexDef = {
    name,
    nameGenerated: d.nameGenerated,
    schema: replay.movedTo.get(d) ?? pathSchema ?? d.schema,
    table: d.table,
    unique: d.unique,
    concurrently: d.concurrently,
    ifNotExists: d.ifNotExists,
    only: d.only,
    method: d.method,
    columns: d.columns,
    keys: d.keys,
    include: d.include,
    where: d.where,
    nullsNotDistinct: d.nullsNotDistinct,
    tablespace: d.tablespace,
    shape,
    definition: pathSchema === undefined ? d.definition : JSON.stringify(shape),
    sql: d.sql,
    origin: d.origin,
    location: d.location,
    anchorLine: d.anchorLine,
    span: d.span,
    // After the guards read with the statement: those stand in their nesting order, the tests' place in it is not kept.
    context: undecided ? { ...d.context, guard: d.context.guard ?? undecided[0]!.text, guards: [...d.context.guards, ...undecided] } : d.context,
    registry: d.registry,
    effective: fate.effective,
    droppedAt: fate.droppedAt,
    renamedTo: fate.renamedTo,
    tableRenamedTo: replay.renamedTables.get(d) ?? null,
    columnsRenamed: replay.renamedColumns.get(d) ?? [],
    backsConstraint: fate.backsConstraint,
    temporary: fate.temporary,
    skipped: fate.skipped,
    classification: reason.kind,
    reason,
  };
  if (replay.schemaNotKnown.has(d)) def.schemaNotKnown = true;
  return def;
}

function byLocation(a: { location: Location; name: string }, b: { location: Location; name: string }): number {
  return cmp(a.location.file, b.location.file) || a.location.line - b.location.line || a.location.column - b.location.column || cmp(a.name, b.name);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function sameProblem(a: Problem, b: Problem | undefined): boolean {
  return a.kind === b?.kind && a.file === b.file && a.line === b.line && a.column === b.column && a.message === b.message;
}

/** A constraint as replay left it: dropped, renamed (or its table renamed), or as declared. */
function settleConstraint(c: ConstraintDef, replay: Replay): ConstraintDef {
  const renamedTo = replay.renamedConstraints.get(c) ?? null;
  const effective = !replay.droppedConstraints.has(c) && c.effective;
  const columnsRenamed = replay.renamedColumns.get(c) ?? [];
  const name = replay.chosenNames.get(c) ?? c.name;
  const schema = replay.movedTo.get(c) ?? replay.pathSchemas.get(c) ?? c.schema;
  const tableRenamedTo = replay.renamedTables.get(c) ?? null;
  // ALTER TABLE IF EXISTS is the statement's own condition: before a test around it.
  const guard = c.guard ?? tableGuard(c, replay.tableMayBeMissing.get(c)) ?? replay.undecidedGuards.get(c)?.[0] ?? null;
  const unchanged = renamedTo === null && tableRenamedTo === null && effective === c.effective && columnsRenamed.length === 0 && name === c.name && schema === c.schema && guard === c.guard;
  return unchanged ? c : { ...c, name, schema, renamedTo, tableRenamedTo, columnsRenamed, effective, guard };
}

/** ALTER TABLE IF EXISTS on a table replay cannot tell is there: the constraint is made only if it is (said, not guessed). */
function tableGuard(c: ConstraintDef, table: string | undefined): Guard | null {
  if (table === undefined) return null;
  const condition = `table ${table} exists`;
  return { condition, text: `${condition} (ALTER TABLE IF EXISTS)`, index: 0, runsWhen: true, tests: [], undecided: true };
}
