/**
 * `fix --move` on whole projects: the example (golden diff), generated
 * projects (invariants, idempotence), file modes, verification and the
 * registry's definitions. The removal kinds have their table in test/removal.test.ts.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { assertGolden } from "../helpers/golden.js";
import { cli } from "../helpers/cli.js";
import { moveCase } from "../helpers/move-cases.js";
import { EXAMPLE } from "../helpers/paths.js";

const PYTHON = spawnSync("python3", ["--version"]).status === 0 ? "python3" : null;
const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function tempProject(files: Record<string, string> | null): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-fix-"));
  temps.push(dir);
  if (files === null) cpSync(join(EXAMPLE, "server"), join(dir, "server"), { recursive: true });
  else
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(join(dir, path, ".."), { recursive: true });
      writeFileSync(join(dir, path), text);
    }
  return dir;
}

/** Effective index names (migrations ∪ built registry entries), from `list --format json`. */
async function names(cwd: string): Promise<string[]> {
  const doc = JSON.parse((await cli(cwd, ["list", "--format", "json"])).out) as { indexes: { name: string; renamedTo: string | null; schema: string | null; effective: boolean }[] };
  return [...new Set(doc.indexes.filter((i) => i.effective).map((i) => `${i.schema ?? "public"}.${i.renamedTo ?? i.name}`))].sort();
}

function files(dir: string): string[] {
  return ["server/db_migrate.py", "server/db_indexes.py"].map((f) => readFileSync(join(dir, f), "utf8"));
}

/** Names reported as left in place by `fix --move`. */
function leftInPlace(stderr: string): Set<string> {
  return new Set([...stderr.matchAll(/^ {2}\S+:\d+ (\S+): /gm)].map((m) => m[1]!));
}

function pyCompile(dir: string, t: { skip: (m: string) => void }): void {
  if (!PYTHON) {
    t.skip("python3 is not on PATH: py_compile not checked");
    return;
  }
  const r = spawnSync(PYTHON, ["-m", "py_compile", "server/db_migrate.py", "server/db_indexes.py"], { cwd: dir, encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
}

/** The invariants of a move: names unchanged, no performance index left in migrations unless reported, Python still compiles, a second run changes nothing. */
async function assertMoveInvariants(dir: string, t: { skip: (m: string) => void }): Promise<void> {
  const before = await names(dir);
  const moved = await cli(dir, ["fix", "--move"]);
  assert.equal(moved.code, 0, moved.err);
  assert.deepEqual(await names(dir), before, "the set of index names changed");
  const left = leftInPlace(moved.err);
  const check = JSON.parse((await cli(dir, ["check", "--format", "json"])).out) as { diagnostics: { rule: string; index: string | null }[] };
  const stillThere = check.diagnostics.filter((d) => (d.rule === "performance-index-in-migration" || d.rule === "index-in-both-places") && !left.has(d.index ?? ""));
  assert.deepEqual(stillThere, []);
  pyCompile(dir, t);
  const once = files(dir);
  const again = await cli(dir, ["fix", "--move"]);
  assert.equal(again.code, 0);
  assert.deepEqual(files(dir), once, "a second run changed the files");
  assert.match(again.err, /moved 0 indexes to .*; removed 0 already built there/);
}

describe("fix --move on the example project", () => {
  it("--dry-run prints the golden diff and writes nothing", async () => {
    const dir = tempProject(null);
    const before = files(dir);
    const r = await cli(dir, ["fix", "--move", "--dry-run"]);
    assert.equal(r.code, 0, r.err);
    assertGolden(r.out, join(EXAMPLE, "expected", "fix-move.diff"));
    assert.match(r.err, /^index-audit: would move 70 indexes to server\/db_indexes\.py; would remove 4 already built there from migrations\nleft in place \(10\):\n/);
    assert.deepEqual(files(dir), before);
  });

  it("moves, keeps every index name, leaves no movable performance index behind, and is idempotent", async (t) => {
    await assertMoveInvariants(tempProject(null), t);
  });

  it("never moves a UNIQUE index", async () => {
    const dir = tempProject(null);
    // Where each UNIQUE index is created (file and origin), from the inventory rather than the text.
    const uniques = async () => {
      const r = await cli(dir, ["list", "--format", "json"]);
      assert.equal(r.code, 0, r.err);
      const doc = JSON.parse(r.out) as { indexes: { name: string; unique: boolean; origin: string; file: string; effective: boolean }[] };
      return doc.indexes.filter((i) => i.unique).map((i) => `${i.origin} ${i.file} ${i.name} ${i.effective}`).sort();
    };
    const before = await uniques();
    assert.equal(before.length, 17);
    const moved = await cli(dir, ["fix", "--move"]);
    assert.equal(moved.code, 0, moved.err);
    assert.match(moved.err, /^index-audit: moved 70 indexes to server\/db_indexes\.py/);
    assert.deepEqual(await uniques(), before);
  });

  it("without --move is a usage error", async () => {
    const r = await cli(EXAMPLE, ["fix"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^index-audit: fix needs --move/);
  });
});

describe("fix --move on generated projects", () => {
  // A dozen in the suite; MOVE_CASES=500 npm test for a longer run.
  const SEEDS = Array.from({ length: Number(process.env.MOVE_CASES ?? 12) }, (_, k) => 1000 + k);
  it(`keeps its invariants on ${SEEDS.length} generated migrations`, async (t) => {
    for (const seed of SEEDS) {
      const c = moveCase(seed);
      const dir = tempProject({ "server/db_migrate.py": c.migration, "server/db_indexes.py": c.registry });
      try {
        await assertMoveInvariants(dir, t);
      } catch (e) {
        throw new Error(`seed ${seed}: ${(e as Error).message}`, { cause: e });
      }
    }
  });
});

describe("fix --move writes safely", () => {
  it("keeps each file's mode", async () => {
    const dir = tempProject(null);
    chmodSync(join(dir, "server/db_migrate.py"), 0o640);
    chmodSync(join(dir, "server/db_indexes.py"), 0o604);
    assert.equal((await cli(dir, ["fix", "--move"])).code, 0);
    assert.equal(statSync(join(dir, "server/db_migrate.py")).mode & 0o777, 0o640);
    assert.equal(statSync(join(dir, "server/db_indexes.py")).mode & 0o777, 0o604);
    assert.deepEqual(readdirSync(join(dir, "server")).sort(), ["db_indexes.py", "db_migrate.py"]);
  });

  it("verification refuses a result whose index names or findings differ from the plan", async () => {
    const { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } = await import("../../src/index.js");
    const { verifyMove } = await import("../../src/fix/move/verify.js");
    const toolkit = createToolkit();
    const project = (migration: string) => analyzeProject({ migrations: [{ path: "server/db_migrate.py", text: migration }], registry: { path: "server/db_indexes.py", text: "INDEX_DEFS = []\n" } }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    const before = await project('conn.execute("CREATE INDEX IF NOT EXISTS idx_a ON t (a)")\n');
    const lost = await project("pass\n");
    const plan = { edits: new Map(), moved: [{ name: "idx_a", file: "server/db_migrate.py", line: 1, list: "INDEX_DEFS" }], removed: [], unmovable: [] };
    assert.match(verifyMove(before, lost, [], plan) ?? "", /^the set of index names would change \(-public\.idx_a\)$/);
    const broken = await project('conn.execute("CREATE INDEX IF NOT EXISTS idx_a ON t (a)")\ndef f(:\n');
    assert.match(verifyMove(before, broken, [], plan) ?? "", /would add a Python syntax error to server\/db_migrate\.py/);
    const stuck = [{ rule: "performance-index-in-migration", index: "idx_a", file: "server/db_migrate.py", line: 1 }] as unknown as Parameters<typeof verifyMove>[2];
    assert.match(verifyMove(before, before, stuck, plan) ?? "", /idx_a would still be reported by performance-index-in-migration/);
    assert.equal(verifyMove(before, before, [], { ...plan, moved: [] }), null);
  });
});

describe("fix --move and the registry's definition", () => {
  const migration = [
    '"""Lead migrations."""',
    "from sqlalchemy import text",
    "",
    "",
    "def migrate_v80_leads(conn):",
    '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_owner ON leads (owner_id)"))',
    '    conn.execute(text(\'CREATE INDEX IF NOT EXISTS "idx_leads_status" ON public.leads USING btree ("status" ASC)\'))',
    "",
  ].join("\n");
  const registry = [
    '"""Performance indexes."""',
    "INDEX_DEFS = [",
    "    {",
    '        "name": "idx_leads_owner",',
    '        "table": "leads",',
    '        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_owner ON leads (owner_id, created_at)",',
    "    },",
    "    {",
    '        "name": "idx_leads_status",',
    '        "table": "leads",',
    '        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status ON leads (status)",',
    "    },",
    "]",
    "",
  ].join("\n");

  it("leaves a CREATE whose definition differs in place, with the reason and the DROP it needs; removes one that is the same however spelled", async () => {
    const dir = tempProject({ "server/db_migrate.py": migration, "server/db_indexes.py": registry });
    const r = await cli(dir, ["fix", "--move"]);
    assert.equal(r.code, 0, r.err);
    assert.equal(
      r.err,
      [
        "index-audit: moved 0 indexes to server/db_indexes.py; removed 1 already built there from migrations",
        "left in place (1):",
        "  server/db_migrate.py:6 idx_leads_owner: its definition differs from the registry entry in INDEX_DEFS (server/db_indexes.py:6): columns (owner_id) vs (owner_id, created_at); the registry's IF NOT EXISTS would keep this one where it was built, so drop it on every database first",
        "    DROP INDEX CONCURRENTLY IF EXISTS idx_leads_owner;",
        "",
      ].join("\n"),
    );
    const [after] = files(dir);
    assert.equal(
      after,
      migration.replace(
        `    conn.execute(text('CREATE INDEX IF NOT EXISTS "idx_leads_status" ON public.leads USING btree ("status" ASC)'))\n`,
        "    # idx_leads_status: removed, built from server/db_indexes.py (INDEX_DEFS)\n",
      ),
    );
  });
});
