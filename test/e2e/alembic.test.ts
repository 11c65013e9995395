import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { alembicProject } from "../../bench/alembic.js";
import { RULES } from "../../rules/index.js";
import { loadConfig } from "../../src/config/load.js";
import { readProject } from "../../src/commands/project.js";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../../src/project/analyze.js";
import type { Inventory } from "../../src/model/types.js";
import { OP_FUNCTIONS_IMPORTED, RETURN_REVISION } from "../helpers/alembic-helper-projects.js";
import { SPATIAL_OPERATIONS_REVISION, SPATIAL_REVISION } from "../helpers/alembic-spatial-projects.js";
import { ALEMBIC, GEOALCHEMY2, PYTHON, requireComponent } from "../helpers/component.js";
import { ROOT } from "../helpers/paths.js";

const EXAMPLE = resolve(ROOT, "fixtures/alembic-example");

// Debian's Alembic is a module of Debian's python3, which another python3 earlier on PATH may lack.
const SKIP = requireComponent(ALEMBIC);

/** What the answer key is compared on: every index and UNIQUE / PRIMARY KEY constraint, created or dropped, and what is left. */
function summary(inv: Inventory): { indexes: string[]; constraints: string[]; drops: string[] } {
  const where = (schema: string | null, table: string) => `${schema ?? "public"}.${table}`;
  return {
    indexes: inv.indexes
      .map((d) => `${d.schema ?? "public"}.${d.name} ON ${where(d.schema, d.table)} ${d.unique ? "UNIQUE " : ""}${d.definition} ${d.effective ? "kept" : "dropped"}`)
      .sort(),
    constraints: inv.constraints
      .filter((c) => c.table !== "alembic_version")
      .map((c) => `${c.type} ${c.name} ON ${where(c.schema, c.table)}${c.tableRenamedTo ? ` (now ${c.tableRenamedTo})` : ""} (${c.columns.join(", ")}) ${c.effective ? "kept" : "dropped"}`)
      .sort(),
    drops: inv.drops.map((d) => d.names.map((n) => `${n.schema ?? "public"}.${n.name}`).join(", ")).sort(),
  };
}

/** Alembic runs where its alembic.ini is (`alembicDir`); index-audit reads the project at `dir`, with no configuration. */
async function compareWithAlembic(dir: string, alembicDir = dir): Promise<ReturnType<typeof summary>> {
  const r = spawnSync(PYTHON, ["-m", "alembic", "upgrade", "head", "--sql"], { cwd: alembicDir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const toolkit = createToolkit();
  // Alembic's SQL, read as one plain .sql migration: PostgreSQL's parser reads what Alembic would run.
  const key = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "alembic-offline.sql", text: r.stdout }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  const { config, root } = loadConfig(dir, null, RULES);
  const ours = await analyzeProject(readProject(root, config, () => {}), DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual(ours.errors, []);
  const expected = summary(key);
  const actual = summary(ours);
  assert.deepEqual(actual.indexes, expected.indexes);
  assert.deepEqual(actual.constraints, expected.constraints);
  assert.deepEqual(actual.drops, expected.drops);
  return expected;
}

/** Alembic's answer key (compareWithAlembic) for a project of `files` written to a directory of its own, removed after. */
async function compareFilesWithAlembic(files: Record<string, string>): Promise<ReturnType<typeof summary>> {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-alembic-files-"));
  try {
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    return await compareWithAlembic(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** An env.py that runs the revisions offline (`--sql`) for PostgreSQL, with `imports` first. */
function offlineEnv(...imports: string[]): string {
  return [...imports, "from alembic import context", 'context.configure(url="postgresql://", literal_binds=True)', "with context.begin_transaction():", "    context.run_migrations()", ""].join("\n");
}

test("Alembic agrees on the 300-revision benchmark project (branches and merges, every fifth revision a create_table)", { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-alembic-300-"));
  try {
    for (const [path, text] of alembicProject(300)) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
    const expected = await compareWithAlembic(dir);
    assert.equal(expected.indexes.length, 480);
    assert.equal(expected.constraints.length, 240);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("Alembic's own offline SQL (alembic upgrade head --sql) is the answer key for the example's inventory", { skip: SKIP }, async () => {
  const expected = await compareWithAlembic(EXAMPLE);
  // The example exercises every form: the counts guard against a vacuous comparison.
  assert.equal(expected.indexes.length, 34);
  assert.equal(expected.constraints.length, 27);
  assert.equal(expected.drops.length, 5);
});

test("an Alembic project one directory down (backend/alembic.ini): found with no configuration, its env.py imports found through its prepend_sys_path, as Alembic run from there finds them", { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-alembic-nested-"));
  try {
    cpSync(EXAMPLE, join(dir, "backend"), { recursive: true, filter: (src) => !src.includes("expected") });
    const expected = await compareWithAlembic(dir, join(dir, "backend"));
    // The example's names follow the naming convention in backend/shop/db.py: missing it would change them.
    assert.equal(expected.indexes.length, 34);
    assert.equal(expected.constraints.length, 27);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("what a return statement evaluates runs: return op.create_index(...) in a helper, return helper(...) in upgrade() and in a helper calling itself; nothing after a return", { skip: SKIP }, async () => {
  const expected = await compareFilesWithAlembic({
    "alembic.ini": "[alembic]\nscript_location = migrations\n",
    "migrations/env.py": offlineEnv(),
    "migrations/versions/a1_init.py": RETURN_REVISION,
  });
  assert.deepEqual(
    expected.indexes.map((i) => i.split(" ")[0]),
    ["public.ix_t_a", "public.ix_t_chain_0", "public.ix_t_chain_1", "public.ix_t_chain_2", "public.ix_t_id_a"],
  );
});

test("op's functions imported by name (from alembic.op import create_index, f, batch_alter_table, …), as Alembic's offline SQL has them", { skip: SKIP }, async () => {
  const expected = await compareFilesWithAlembic({ "alembic.ini": "[alembic]\nscript_location = migrations\n", "migrations/env.py": offlineEnv(), ...OP_FUNCTIONS_IMPORTED });
  assert.deepEqual(
    expected.indexes.map((i) => i.split(" ")[0]),
    ["public.ix_t_a", "public.ix_t_ab", "public.ix_t_b", "public.ix_t_ba", "public.ix_t_batch"],
  );
  assert.deepEqual(expected.constraints.map((c) => c.split(" ON ")[0]), ["primary key t_pkey", "unique uq_t_b"]);
});

test("GeoAlchemy2: the GiST index a spatial column gets in create_table and add_column, and its Alembic operations (alembic_helpers), as Alembic's offline SQL has them", { skip: SKIP || requireComponent(GEOALCHEMY2) }, async () => {
  const expected = await compareFilesWithAlembic({
    "alembic.ini": "[alembic]\nscript_location = migrations\n",
    // The operations are registered when env.py imports geoalchemy2.alembic_helpers, as GeoAlchemy2's documentation has it.
    "migrations/env.py": offlineEnv("import geoalchemy2.alembic_helpers  # noqa: F401"),
    "migrations/versions/a1_places.py": SPATIAL_REVISION,
    "migrations/versions/a2_roads.py": SPATIAL_OPERATIONS_REVISION,
  });
  // Against a vacuous comparison: every spatial index Alembic made (two dropped again), none of the columns without one.
  assert.deepEqual(
    expected.indexes.map((i) => i.split(" ON ")[0]),
    [
      "public.idx_gone_g",
      "public.idx_places_area",
      "public.idx_places_geog",
      "public.idx_places_geom",
      "public.idx_places_line",
      "public.idx_places_nd",
      "public.idx_places_rast",
      "public.idx_roads_mid",
      "public.idx_roads_mid",
      "public.idx_roads_path",
      "public.idx_x_g",
      "public.ix_places_k",
      "s.idx_zones_g",
    ],
  );
});
