import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test } from "node:test";
import { Ajv } from "ajv";
import { run } from "../src/index.js";
import { assertGolden } from "./helpers/golden.js";
import { fakeIo } from "./helpers/io.js";
import { ROOT } from "./helpers/paths.js";

// fixtures/django-example is found with no configuration (manage.py); its
// settings name the custom user model. Django's own SQL for it is checked in
// test/e2e/django.test.ts; here the inventory's details and the goldens.

const PROJECT = resolve(ROOT, "fixtures/django-example");

/** Runs the CLI standing in the example project, as its users do (paths are shown relative to where they stand). */
async function cli(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(PROJECT, {});
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

interface JsonIndex {
  name: string;
  nameGenerated: boolean;
  table: string;
  unique: boolean;
  concurrently: boolean;
  file: string;
  line: number;
  column: number;
  effective: boolean;
  renamedTo: string | null;
  droppedAt: { file: string; line: number; column: number } | null;
  classification: string;
  executor: string | null;
}

test("Django example: list matches its golden table and the list schema", async () => {
  const table = await cli("list");
  assert.equal(table.code, 0);
  assertGolden(table.out, resolve(PROJECT, "expected/list.txt"));
  const json = await cli("list", "--format", "json");
  const schema = JSON.parse(readFileSync(resolve(ROOT, "schemas/list.schema.json"), "utf8")) as object;
  const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
  assert.equal(validate(JSON.parse(json.out)), true, JSON.stringify(validate.errors, null, 2));
});

test("Django example: check matches its golden findings", async () => {
  const r = await cli("check", "--format", "compact");
  assert.equal(r.code, 1);
  assertGolden(r.out, resolve(PROJECT, "expected/check.compact.txt"));
});

test("Django example: positions, generated names, renames, drops and the squash, index by index", async () => {
  const doc = JSON.parse((await cli("list", "--format", "json")).out) as { indexes: JsonIndex[]; errors: { kind: string; file: string; line: number; message: string }[] };
  const by = (name: string): JsonIndex => {
    const found = doc.indexes.filter((i) => i.name === name);
    assert.equal(found.length, 1, name);
    return found[0]!;
  };
  const at = (i: JsonIndex): string => `${i.file}:${i.line}:${i.column}`;
  // A field's indexes stand at the field's call inside CreateModel.
  assert.equal(at(by("accounts_organisation_slug_43a9054f_like")), "accounts/migrations/0001_initial.py:21:26");
  // The many-to-many table's indexes at the ManyToManyField; AddField's at the operation.
  assert.equal(at(by("accounts_user_groups_user_id_52b62117")), "accounts/migrations/0001_initial.py:38:28");
  assert.equal(at(by("accounts_user_phone_c603acdd_like")), "accounts/migrations/0002_user_phone.py:13:9");
  // RunSQL: the CREATE keyword inside the string (a module constant), and inside a (sql, params) pair.
  assert.equal(at(by("sales_order_open_idx")), "orders/migrations/0004_concurrent_indexes.py:7:5");
  assert.equal(at(by("sales_order_warehouse_code_idx")), "orders/migrations/0005_order_warehouse.py:23:27");
  assert.deepEqual(
    doc.indexes.filter((i) => !i.nameGenerated).map((i) => i.name).sort(),
    ["catalog_pro_categor_17efd9_idx", "catalog_pro_created_a7768e_brin", "product_name_idx", "sales_order_custome_bbd8b6_idx", "sales_order_open_idx", "sales_order_warehouse_code_idx", "sales_orderline_product_qty_idx", "sales_orderline_top_products", "uniq_active_product_name"],
  );
  assert.equal(by("product_name_idx").renamedTo, "catalog_product_name_idx");
  assert.deepEqual(by("catalog_pro_created_a7768e_brin").droppedAt, { file: "catalog/migrations/0004_alter_category_name_remove_brin.py", line: 19, column: 9 });
  // RemoveField takes the column's indexes with it.
  assert.deepEqual(
    doc.indexes.filter((i) => !i.effective).map((i) => i.name).sort(),
    ["catalog_pro_created_a7768e_brin", "sales_order_coupon_code_1acb2528", "sales_order_coupon_code_1acb2528_like"],
  );
  // The squash counts once: nothing comes from the migrations it replaces.
  assert.equal(doc.indexes.filter((i) => /orders\/migrations\/000[123]_(initial|order)/.test(i.file)).length, 0);
  assert.equal(by("sales_order_custome_bbd8b6_idx").concurrently, true);
  assert.equal(by("uniq_active_product_name").unique, true);
  assert.equal(by("uniq_active_product_name").classification, "functional");
  assert.equal(by("accounts_user_phone_c603acdd").executor, "migrations.AddField");
  assert.deepEqual(doc.errors.map((e) => `${e.kind} ${e.file}:${e.line}`), ["not-read orders/migrations/0005_order_warehouse.py:36"]);
});

test("Django example: init writes the source it detected, without a registry the project does not have", async () => {
  const dir = mkdtempSync(join(tmpdir(), "ia-django-"));
  try {
    cpSync(PROJECT, dir, { recursive: true });
    rmSync(join(dir, "expected"), { recursive: true });
    const io = fakeIo(dir, {});
    assert.equal(await run(["init"], io), 0);
    assert.deepEqual(JSON.parse(readFileSync(join(dir, "index-audit.json"), "utf8")), {
      sources: [{ kind: "django", paths: ["accounts/migrations/*.py", "catalog/migrations/*.py", "orders/migrations/*.py"], settings: "shop/settings.py" }],
      rules: {},
    });
    const list = fakeIo(dir, {});
    assert.equal(await run(["list", "--format", "json"], list), 0);
    assert.equal((JSON.parse(list.out) as { indexes: unknown[] }).indexes.length, 41);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
