/**
 * A hand-written migration module with the shapes real ones grow over their
 * history — a retry helper, text() objects executed later, a loop inside a
 * retry loop, guards in both directions, expanding binds, a statement whose
 * CREATE line was lost — checked end to end against reviewed goldens.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { join } from "node:path";
import { run } from "../src/index.js";
import { assertGolden } from "./helpers/golden.js";
import { fakeIo } from "./helpers/io.js";
import { ROOT } from "./helpers/paths.js";

const PROJECT = join(ROOT, "fixtures/real-shapes/migration-history");

async function cli(args: string[]) {
  const io = fakeIo(PROJECT);
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

test("check: each index once, invalid-sql only for the lost CREATE line, guards by direction", async () => {
  const r = await cli(["check", "--format", "compact"]);
  assert.equal(r.code, 1);
  assert.equal(r.err, "");
  assertGolden(r.out, join(PROJECT, "expected/check.txt"));
});

test("list: the ADD COLUMN … UNIQUE constraint is there, and no index is listed twice", async () => {
  const r = await cli(["list", "--format", "json"]);
  assert.equal(r.code, 0);
  const doc = JSON.parse(r.out) as { indexes: { name: string; origin: string }[]; constraints: { name: string; line: number }[]; errors: unknown[] };
  const migration = doc.indexes.filter((i) => i.origin === "migration").map((i) => i.name);
  assert.equal(new Set(migration).size, migration.length);
  assert.equal(migration.length, 8);
  assert.deepEqual(
    doc.constraints.map((c) => [c.name, c.line]),
    [
      ["leads_pkey", 30],
      ["leads_phone_key", 31],
    ],
  );
});

test("fix --move --dry-run: a definition that differs from the registry stays, with its DROP", async () => {
  const r = await cli(["fix", "--move", "--dry-run"]);
  assert.equal(r.code, 0);
  assertGolden(r.err, join(PROJECT, "expected/fix-move.txt"));
});
