import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";
import { assertGolden } from "./helpers/golden.js";
import { EXAMPLE, ROOT } from "./helpers/paths.js";

async function listExample(format: string): Promise<string> {
  const io = fakeIo(ROOT, {});
  const code = await run(["list", "--cwd", "fixtures/example", "--format", format], io);
  assert.equal(io.err, "");
  assert.equal(code, 0);
  return io.out;
}

function readTsv(name: string): string[][] {
  const lines = readFileSync(resolve(EXAMPLE, name), "utf8").trimEnd().split("\n");
  return lines.slice(1).map((l) => l.split("\t"));
}

interface JsonIndex {
  name: string;
  schema: string | null;
  table: string;
  unique: boolean;
  origin: string;
  file: string;
  line: number;
  column: number;
  effective: boolean;
  classification: string;
}

test("the example inventory equals the independent hand-checked manifest", async () => {
  const doc = JSON.parse(await listExample("json")) as { indexes: JsonIndex[]; dynamic: { file: string; line: number; column: number }[] };
  const actual = doc.indexes
    .map((i) => [i.file, String(i.line), String(i.column), i.name, i.schema ?? "", i.table, String(i.unique), i.origin, String(i.effective)].join("\t"))
    .sort();
  const expected = readTsv("expected-indexes.tsv")
    .map((r) => r.join("\t"))
    .sort();
  assert.equal(actual.length, 157);
  assert.deepEqual(actual, expected);
  const dynamic = doc.dynamic.map((d) => `${d.file}\t${d.line}\t${d.column}`);
  assert.deepEqual(
    dynamic,
    readTsv("expected-dynamic.tsv").map((r) => r.slice(0, 3).join("\t")),
  );
});

test("the example's classification: every UNIQUE index is functional, every other one performance", async () => {
  const doc = JSON.parse(await listExample("json")) as { indexes: JsonIndex[] };
  for (const i of doc.indexes) assert.equal(i.classification, i.unique || i.name === "uq_subscriptions_provider_id" ? "functional" : "performance", i.name);
  assert.equal(doc.indexes.filter((i) => i.classification === "functional").length, 17);
});

test("list --format json matches the golden inventory byte for byte and its schema", async () => {
  const out = await listExample("json");
  assertGolden(out, resolve(EXAMPLE, "expected/list.json"));
  const schema = JSON.parse(readFileSync(resolve(ROOT, "schemas/list.schema.json"), "utf8")) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  assert.equal(validate(JSON.parse(out)), true, JSON.stringify(validate.errors, null, 2));
});

// The example's inventory has its golden above (list.json); each other format's layout is checked on a four-index project.
test("list --format csv and the table match their golden files", async () => {
  const small = async (format: string) => {
    const io = fakeIo(ROOT, {});
    assert.equal(await run(["list", "--cwd", "test/golden/list-project", "--format", format], io), 0);
    assert.equal(io.err, "");
    return io.out;
  };
  assertGolden(await small("csv"), resolve(ROOT, "test/golden/list.csv"));
  assertGolden(await small("table"), resolve(ROOT, "test/golden/list.txt"));
  // The example in both formats: one row per index of the inventory.
  assert.equal((await listExample("csv")).trimEnd().split("\n").length, 1 + 157);
  assert.equal((await listExample("table")).split("\n").filter((l) => /^server\/db_(migrate|indexes)\.py:\d+:\d+ /.test(l)).length, 157);
});

test("the schema rejects a document that breaks it", () => {
  const schema = JSON.parse(readFileSync(resolve(ROOT, "schemas/list.schema.json"), "utf8")) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  assert.equal(validate({ version: 1, indexes: [{ name: "x" }], constraints: [], dynamic: [], errors: [] }), false);
});
