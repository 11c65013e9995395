import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { createSqlParser } from "../../src/sql/parser.js";
import { readStatements } from "../../src/sql/statements.js";
import { DJANGO, PSYCOPG2, PYTHON, requireComponent } from "../helpers/component.js";
import { ROOT } from "../helpers/paths.js";

// Django itself is the answer key: its PostgreSQL schema editor emits the SQL
// of every migration of the example (no database: see collect_sql.py), and
// every index and unique / primary key constraint in that SQL must be in the
// inventory exactly: name, table, columns, uniqueness, migration file.

const EXAMPLE = resolve(ROOT, "fixtures/django-example");
const HARNESS = resolve(ROOT, "test/e2e/django/collect_sql.py");
const BIN = resolve(ROOT, "dist/src/bin.js");
const SKIP = requireComponent(DJANGO) || requireComponent(PSYCOPG2);

interface Collected {
  migrations: { migration: string; file: string; atomic: boolean; sql: string[] }[];
  final: { name: string; table: string; columns: string[]; kind: "index" | "unique-index" | "unique" | "primary key" }[];
}

interface ListJson {
  indexes: { name: string; table: string; tableRenamedTo: string | null; unique: boolean; columns: string[]; file: string; effective: boolean; renamedTo: string | null; concurrently: boolean }[];
  constraints: { name: string; table: string; tableRenamedTo: string | null; type: string; columns: string[]; file: string; effective: boolean }[];
  errors: { kind: string; message: string }[];
}

/** The column a key starts with (`"slug" varchar_pattern_ops` → slug), folded as PostgreSQL folds it. */
function keyColumn(text: string): string {
  const m = /^\s*(?:"((?:[^"]|"")+)"|([A-Za-z_][\w$]*))/.exec(text);
  if (!m) return text.trim();
  return m[1] !== undefined ? m[1].replace(/""/g, '"') : m[2]!.toLowerCase();
}

function collect(project: string, settings: string, pythonPath?: string): Collected {
  const env = pythonPath ? { ...process.env, PYTHONPATH: pythonPath } : process.env;
  const r = spawnSync(PYTHON, [HARNESS, project, settings], { encoding: "utf8", maxBuffer: 64 << 20, env });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as Collected;
}

function list(project: string): ListJson {
  const r = spawnSync(process.execPath, [BIN, "list", "--format", "json", "--cwd", project], { encoding: "utf8", maxBuffer: 64 << 20 });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as ListJson;
}

// The example project, and a project that exercises every schema operation (AlterField's
// truth table, renames, many-to-many tables, deferred statements withdrawn or renamed).
interface Project {
  name: string;
  /** Where Django imports the migrations from. */
  dir: string;
  settings: string;
  /** A directory holding the settings module, when it is not in `dir`. */
  pythonPath?: string;
  /** Where index-audit reads the same files, when not `dir`. */
  listDir?: string;
  /** How many the project makes (a Django release may change its contrib apps: none given there). */
  indexes?: number;
  constraints?: number;
}

const PROJECTS: Project[] = [
  { name: "the example", dir: EXAMPLE, settings: "shop.settings", indexes: 41, constraints: 22 },
  { name: "every operation", dir: resolve(ROOT, "fixtures/django-operations"), settings: "site_config.settings", indexes: 48, constraints: 29 },
];

// Django's own contrib apps (auth, admin, sessions, sites, …): migrations written by Django's
// developers over a decade, read from a copy of the installed package.
if (!SKIP) {
  const where = spawnSync(PYTHON, ["-c", "import django.contrib, os; print(os.path.dirname(django.contrib.__file__))"], { encoding: "utf8" });
  assert.equal(where.status, 0, where.stderr);
  const contrib = where.stdout.trim();
  const copy = mkdtempSync(join(tmpdir(), "ia-django-contrib-"));
  cpSync(contrib, copy, { recursive: true });
  writeFileSync(join(copy, "index-audit.json"), JSON.stringify({ sources: [{ kind: "django", paths: ["*/migrations/*.py"] }] }));
  const settings = mkdtempSync(join(tmpdir(), "ia-django-settings-"));
  const apps = ["contenttypes", "auth", "admin", "sessions", "sites", "flatpages", "redirects"].map((a) => `"django.contrib.${a}"`).join(", ");
  writeFileSync(join(settings, "contrib_settings.py"), `SECRET_KEY = "x"\nINSTALLED_APPS = [${apps}]\nDATABASES = {"default": {"ENGINE": "django.db.backends.postgresql", "NAME": "x"}}\n`);
  after(() => {
    rmSync(copy, { recursive: true, force: true });
    rmSync(settings, { recursive: true, force: true });
  });
  PROJECTS.push({ name: "Django's contrib apps", dir: contrib, settings: "contrib_settings", pythonPath: settings, listDir: copy });
}

for (const p of PROJECTS) {
  describe(`Django, ${p.name}: the inventory equals the SQL Django emits`, { skip: SKIP }, () => {
    it("every CREATE INDEX and every UNIQUE / PRIMARY KEY constraint, in the migration that makes it", async () => {
      const sql = await createSqlParser();
      const django = collect(p.dir, p.settings, p.pythonPath);
      const inventory = list(p.listDir ?? p.dir);
      const wantIndexes: string[] = [];
      const wantConstraints: string[] = [];
      for (const m of django.migrations) {
        for (const text of m.sql) {
          const read = readStatements(sql, text);
          assert.deepEqual(read.errors, [], text);
          for (const st of read.statements) {
            if (st.kind === "create-index") wantIndexes.push(`${m.file} ${st.name} ON ${st.table} (${st.keys.map((k) => keyColumn(k.text)).join(", ")})${st.unique ? " unique" : ""}${st.concurrently ? " concurrently" : ""}`);
            if (st.kind === "constraint" && st.constraintType !== "exclude") wantConstraints.push(`${m.file} ${st.constraintType} ${st.name} ON ${st.table} (${st.columns.join(", ")})`);
          }
        }
      }
      const gotIndexes = inventory.indexes.map((i) => `${i.file} ${i.name} ON ${i.table} (${i.columns.map(keyColumn).join(", ")})${i.unique ? " unique" : ""}${i.concurrently ? " concurrently" : ""}`);
      const gotConstraints = inventory.constraints.filter((c) => c.type !== "exclude").map((c) => `${c.file} ${c.type} ${c.name} ON ${c.table} (${c.columns.join(", ")})`);
      assert.deepEqual(gotIndexes.sort(), wantIndexes.sort());
      assert.deepEqual(gotConstraints.sort(), wantConstraints.sort());
      if (p.indexes !== undefined) assert.equal(wantIndexes.length, p.indexes);
      if (p.constraints !== undefined) assert.equal(wantConstraints.length, p.constraints);
      assert.ok(wantIndexes.length > 0 && wantConstraints.length > 0);
    });

    it("what is left after every drop, rename and dropped column equals the catalog Django's SQL leaves", () => {
      const django = collect(p.dir, p.settings, p.pythonPath);
      const inventory = list(p.listDir ?? p.dir);
      // Each on its table as the migrations leave it (RenameModel renames the table after its indexes and constraints were made).
      const want = django.final.map((f) => `${f.kind === "index" || f.kind === "unique-index" ? "index" : f.kind} ${f.name}${f.kind === "unique-index" ? " unique" : ""} ON ${f.table}`);
      const got = [
        ...inventory.indexes.filter((i) => i.effective).map((i) => `index ${i.renamedTo ?? i.name}${i.unique ? " unique" : ""} ON ${i.tableRenamedTo ?? i.table}`),
        ...inventory.constraints.filter((c) => c.effective && c.type !== "exclude").map((c) => `${c.type} ${c.name} ON ${c.tableRenamedTo ?? c.table}`),
      ];
      assert.deepEqual(got.sort(), want.sort());
    });
  });
}

describe("Django example: order and transactions", { skip: SKIP }, () => {
  it("migrations run in Django's order, squashed ones counted once", () => {
    const django = collect(EXAMPLE, "shop.settings");
    assert.deepEqual(
      django.migrations.map((m) => m.migration),
      [
        "accounts.0001_initial",
        "accounts.0002_user_phone",
        "catalog.0001_initial",
        "catalog.0002_tag_product_tags",
        "catalog.0003_rename_product_name_idx_and_more",
        "catalog.0004_alter_category_name_remove_brin",
        "sales.0001_squashed_0003_order_status_index",
        "sales.0004_concurrent_indexes",
        "sales.0005_order_warehouse",
        "sales.0006_remove_coupon_rename_placed",
      ],
    );
    assert.deepEqual(
      django.migrations.filter((m) => !m.atomic).map((m) => m.migration),
      ["sales.0004_concurrent_indexes"],
    );
  });
});
