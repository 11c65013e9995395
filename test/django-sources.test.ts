import assert from "node:assert/strict";
import { rmSync } from "node:fs";
import { test } from "node:test";
import { run } from "../src/index.js";
import { readSourceFiles, trackedTree } from "../src/project/sources.js";
import { fakeIo } from "./helpers/io.js";
import { migration } from "./helpers/django.js";
import { writeProject } from "./helpers/project.js";

const ID = '("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False))';

/** shop's migrations in a custom MIGRATION_MODULES package, `shop/dbmig/`. */
const FILES: Record<string, string> = {
  "shop/apps.py": 'from django.apps import AppConfig\n\n\nclass ShopConfig(AppConfig):\n    name = "shop"\n    label = "store"\n',
  "shop/dbmig/__init__.py": "",
  "shop/dbmig/0001_initial.py": migration(["initial = True", "operations = [", `    migrations.CreateModel(name="Item", fields=[${ID}, ("sku", models.CharField(max_length=20, db_index=True))]),`, "]"]),
  "shop/dbmig/0002_item_b.py": migration([
    'dependencies = [("store", "0001_initial")]',
    "operations = [",
    '    migrations.AddField(model_name="item", name="b", field=models.IntegerField(default=0)),',
    '    migrations.AddIndex(model_name="item", index=models.Index(fields=["b"], name="item_b_idx")),',
    "]",
  ]),
};

function project(files: Record<string, string>): string {
  return writeProject("ia-django-sources-", files);
}

test("Django source: configured files outside a migrations/ directory are migration modules of the app above them", () => {
  const tree = trackedTree(Object.keys(FILES).sort(), (p) => FILES[p]!);
  const input = readSourceFiles(tree, { kind: "django", paths: ["shop/dbmig/*.py"] });
  assert.ok(input.kind === "django");
  assert.deepEqual(
    input.files.map((f) => [f.path, f.appDir, f.name]),
    [
      ["shop/dbmig/0001_initial.py", "shop", "0001_initial"],
      ["shop/dbmig/0002_item_b.py", "shop", "0002_item_b"],
    ],
  );
  assert.deepEqual(input.apps.map((f) => f.path), ["shop/apps.py"]);
});

test("Django source: a configured pattern whose every file is left out is an input error naming the pattern", () => {
  const tree = trackedTree(Object.keys(FILES).sort(), (p) => FILES[p]!);
  assert.throws(() => readSourceFiles(tree, { kind: "django", paths: ["shop/dbmig/*.py", "shop/dbmig/__init__.py"] }), {
    name: "InputError",
    message: "Django source path shop/dbmig/__init__.py matches no migration module (its file is __init__.py, a _ or ~ module, not .py, or not in an app's package)",
  });
});

test("Django source through the CLI: a custom MIGRATION_MODULES package gives its indexes, under the app's label", async () => {
  const dir = project({ ...FILES, "index-audit.json": JSON.stringify({ sources: [{ kind: "django", paths: ["shop/dbmig/*.py"] }] }) });
  try {
    const io = fakeIo(dir, {});
    assert.equal(await run(["list", "--format", "json"], io), 0, io.err);
    const doc = JSON.parse(io.out) as { indexes: { name: string; table: string; file: string }[] };
    assert.deepEqual(
      doc.indexes.map((i) => [i.name, i.table, i.file]),
      [
        ["store_item_sku_c445c75b", "store_item", "shop/dbmig/0001_initial.py"],
        ["store_item_sku_c445c75b_like", "store_item", "shop/dbmig/0001_initial.py"],
        ["item_b_idx", "store_item", "shop/dbmig/0002_item_b.py"],
      ],
    );
    const bad = project({ "shop/dbmig/__init__.py": "", "index-audit.json": JSON.stringify({ sources: [{ kind: "django", paths: ["shop/dbmig/*.py"] }] }) });
    try {
      const err = fakeIo(bad, {});
      assert.equal(await run(["list"], err), 2);
      assert.equal(err.err.trim().split("\n").length, 1);
      assert.match(err.err, /Django source path shop\/dbmig\/\*\.py matches no migration module/);
    } finally {
      rmSync(bad, { recursive: true, force: true });
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Django source: a configured helper module with no Migration class is a not-read problem, never dropped silently", async () => {
  const dir = project({ ...FILES, "shop/dbmig/helpers.py": "def backfill(apps, schema_editor):\n    pass\n", "index-audit.json": JSON.stringify({ sources: [{ kind: "django", paths: ["shop/dbmig/*.py"] }] }) });
  try {
    const io = fakeIo(dir, {});
    assert.equal(await run(["list", "--format", "json"], io), 0, io.err);
    const doc = JSON.parse(io.out) as { errors: { kind: string; file: string; line: number; message: string }[] };
    assert.deepEqual(
      doc.errors.map((e) => [e.kind, e.file, e.line, e.message]),
      [["not-read", "shop/dbmig/helpers.py", 1, "a module among the migrations with no Migration class (a subclass of migrations.Migration) is not read as a migration"]],
    );
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
