/**
 * The inventory's pure steps on their own: replay returns each created
 * index's fate without touching the operations, and classification returns a
 * reason as data that the edges render in words.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { classify, NO_OVERRIDES } from "../src/model/classify.js";
import { replayMigrations, type CreatedIndex, type Operation } from "../src/model/effective.js";
import { reasonText } from "../src/model/reason.js";
import type { ConstraintDef, Location } from "../src/model/types.js";

const at = (line: number): Location => ({ file: "m.py", line, column: 5, endLine: line, endColumn: 40 });
const index = (name: string, table: string, schema: string | null = null): CreatedIndex => ({
  schema,
  name,
  table,
  shape: { table: `${schema ?? "public"}.${table}`, unique: false, method: "btree", keys: [{ IndexElem: { name: "a" } }], include: [], where: null, nullsNotDistinct: false, with: [] },
  ifNotExists: false,
  only: false,
});
const constraint = (name: string, table: string, usingIndex: string | null): ConstraintDef => ({
  name,
  nameGenerated: false,
  type: "unique",
  schema: null,
  table,
  columns: ["a"],
  usingIndex,
  renamedTo: null,
  tableRenamedTo: null,
  guard: null,
  columnsRenamed: [],
  origin: "migration",
  location: at(9),
  effective: true,
});

test("replay: drops, renames, table drops and USING INDEX give each index its fate; nothing is mutated", () => {
  const a = index("idx_a", "leads");
  const b = index("idx_b", "leads");
  const c = index("idx_c", "calls", "crm");
  const d = index("idx_d", "old_calls");
  const e = index("idx_e", "users");
  const uq = constraint("uq_users_e", "users", "idx_e");
  const kept = constraint("uq_calls", "calls", null);
  const gone = constraint("uq_old", "old_calls", null);
  const operations: Operation[] = [
    { kind: "create", def: a },
    { kind: "create", def: b },
    { kind: "create", def: c },
    { kind: "create", def: d },
    { kind: "create", def: e },
    { kind: "constraint", constraint: kept },
    { kind: "constraint", constraint: gone },
    { kind: "drop", names: [{ schema: null, name: "idx_a" }], at: at(6) },
    { kind: "rename", schema: "crm", from: "idx_c", to: "idx_calls_c" },
    { kind: "rename-table", schema: null, from: "old_calls", to: "archived_calls" },
    { kind: "drop-table", tables: [{ schema: null, name: "archived_calls" }], at: at(8) },
    { kind: "constraint", constraint: uq },
  ];
  const before = JSON.stringify(operations);
  const { fates, droppedConstraints } = replayMigrations(operations);
  assert.equal(JSON.stringify(operations), before);
  assert.deepEqual(
    [a, b, c, d, e].map((x) => [x.name, fates.get(x)]),
    [
      ["idx_a", { effective: false, droppedAt: at(6), renamedTo: null, backsConstraint: null, temporary: false, skipped: null }],
      ["idx_b", { effective: true, droppedAt: null, renamedTo: null, backsConstraint: null, temporary: false, skipped: null }],
      ["idx_c", { effective: true, droppedAt: null, renamedTo: "idx_calls_c", backsConstraint: null, temporary: false, skipped: null }],
      ["idx_d", { effective: false, droppedAt: at(8), renamedTo: null, backsConstraint: null, temporary: false, skipped: null }],
      ["idx_e", { effective: true, droppedAt: null, renamedTo: "uq_users_e", backsConstraint: "uq_users_e", temporary: false, skipped: null }],
    ],
  );
  assert.deepEqual([...droppedConstraints].map((x) => x.name), ["uq_old"]);
  assert.equal(gone.effective, true);
});

test("replay: a rename then a drop of the new name drops the index; the old name no longer does", () => {
  const a = index("idx_a", "t");
  const b = index("idx_b", "t");
  const { fates } = replayMigrations([
    { kind: "create", def: a },
    { kind: "create", def: b },
    { kind: "rename", schema: null, from: "idx_a", to: "idx_a2" },
    { kind: "drop", names: [{ schema: null, name: "idx_a" }], at: at(3) },
    { kind: "drop", names: [{ schema: null, name: "idx_a2" }], at: at(4) },
  ]);
  assert.deepEqual(fates.get(a), { effective: false, droppedAt: at(4), renamedTo: "idx_a2", backsConstraint: null, temporary: false, skipped: null });
  assert.deepEqual(fates.get(b), { effective: true, droppedAt: null, renamedTo: null, backsConstraint: null, temporary: false, skipped: null });
});

test("replay: a skipped CREATE TABLE IF NOT EXISTS drops its own constraints only, not another table's that stands at the same place", () => {
  const first = constraint("uq_leads", "leads", null);
  const again = constraint("uq_leads", "leads", null);
  const other = constraint("uq_calls", "calls", null);
  const table = { kind: "create-table", schema: null, table: "leads", temporary: false, ifNotExists: true, at: at(9) } as const;
  const { droppedConstraints } = replayMigrations([
    table,
    { kind: "constraint", constraint: first },
    table,
    { kind: "constraint", constraint: again },
    { kind: "constraint", constraint: other },
  ]);
  assert.deepEqual(
    [first, again, other].map((c) => droppedConstraints.has(c)),
    [false, true, false],
  );
});

test("replay: CREATE INDEX IF NOT EXISTS makes nothing when an index, a constraint, a table or a sequence of the schema has the name", () => {
  const first = index("ix_t_a", "t");
  const again = { ...index("ix_t_a", "t"), ifNotExists: true };
  const onConstraint = { ...index("t_b_uq", "t"), ifNotExists: true };
  const onTable = { ...index("t", "t"), ifNotExists: true };
  const onSequence = { ...index("seq_taken", "t"), ifNotExists: true };
  const otherSchema = { ...index("ix_t_a", "t", "crm"), ifNotExists: true };
  const afterDrop = { ...index("ix_t_a", "t"), ifNotExists: true };
  const { fates } = replayMigrations([
    { kind: "create-table", schema: null, table: "t", temporary: false, ifNotExists: false, at: at(1) },
    { kind: "constraint", constraint: constraint("t_b_uq", "t", null) },
    { kind: "relation", created: true, names: [{ schema: null, name: "seq_taken" }], temporary: false },
    { kind: "create", def: first },
    { kind: "create", def: again },
    { kind: "create", def: onConstraint },
    { kind: "create", def: onTable },
    { kind: "create", def: onSequence },
    { kind: "create", def: otherSchema },
    { kind: "drop", names: [{ schema: null, name: "ix_t_a" }], at: at(9) },
    { kind: "create", def: afterDrop },
  ]);
  const skipped = { effective: false, droppedAt: null, renamedTo: null, backsConstraint: null, temporary: false, skipped: "if-not-exists" };
  assert.deepEqual(fates.get(first), { effective: false, droppedAt: at(9), renamedTo: null, backsConstraint: null, temporary: false, skipped: null });
  for (const d of [again, onConstraint, onTable, onSequence]) assert.deepEqual(fates.get(d), skipped, d.name);
  // Names are per schema, and a dropped name is free again.
  assert.equal(fates.get(otherSchema)?.effective, true);
  assert.equal(fates.get(afterDrop)?.effective, true);
});

test("classify: every criterion as data, and its words", () => {
  const overrides = { functional: new Map([["idx_dedupe", "webhooks rely on it"]]), performance: new Map([["uq_legacy", ""]]) };
  const plain = { name: "idx_a", renamedTo: null, backsConstraint: null, unique: false };
  const cases: [Parameters<typeof classify>[0], Parameters<typeof classify>[1], unknown, string][] = [
    [plain, null, { kind: "performance", by: "default" }, "not UNIQUE and backs no constraint: only speeds up queries"],
    [{ ...plain, unique: true }, null, { kind: "functional", by: "unique" }, "UNIQUE index: enforces a rule on the data"],
    [{ ...plain, backsConstraint: "uq_x" }, null, { kind: "functional", by: "constraint", constraint: "uq_x" }, "backs constraint uq_x"],
    [{ ...plain, name: "idx_dedupe" }, null, { kind: "functional", by: "config", note: "webhooks rely on it" }, "configured as functional: webhooks rely on it"],
    // The configuration names the index as it is after a rename.
    [{ ...plain, name: "idx_old", renamedTo: "idx_dedupe" }, null, { kind: "functional", by: "config", note: "webhooks rely on it" }, "configured as functional: webhooks rely on it"],
    [{ ...plain, name: "uq_legacy", unique: true }, null, { kind: "performance", by: "config", note: null }, "configured as performance"],
    // A pragma wins over the configuration and over UNIQUE.
    [{ ...plain, name: "idx_dedupe", unique: true }, { kind: "performance", reason: "rebuilt nightly", line: 12 }, { kind: "performance", by: "pragma", line: 12, note: "rebuilt nightly" }, "marked performance by pragma on line 12: rebuilt nightly"],
    [plain, { kind: "functional", reason: null, line: 3 }, { kind: "functional", by: "pragma", line: 3, note: null }, "marked functional by pragma on line 3"],
  ];
  for (const [def, pragma, reason, words] of cases) {
    const got = classify(def, pragma, overrides);
    assert.deepEqual(got, reason, words);
    assert.equal(reasonText(got), words);
  }
  assert.deepEqual(classify(plain, null, NO_OVERRIDES), { kind: "performance", by: "default" });
});
