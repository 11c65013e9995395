/**
 * The state a team starts from: migrations and no registry yet. The default
 * registry path that does not exist is an empty registry, said in one line;
 * `fix --move` creates it; a registry path set explicitly must exist.
 */
import assert from "node:assert/strict";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { spawnSync } from "node:child_process";
import { devNull, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, it } from "node:test";
import { newRegistryText } from "../src/fix/move/new-registry.js";
import { cli } from "./helpers/cli.js";
import { writeProject } from "./helpers/project.js";

const MIGRATION = [
  "from sqlalchemy import text",
  "",
  "",
  "def migrate_v1_leads(conn):",
  "    # Inbox sorted by newest first.",
  '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_created ON leads (created_at DESC)"))',
  '    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_email ON leads (email)"))',
  "",
].join("\n");

const NOTICE = "index-audit: no registry yet: server/db_indexes.py does not exist, so the registry is treated as empty\n";

function project(files: Record<string, string>): string {
  return writeProject("index-audit-noreg-", files);
}

describe("no registry yet", () => {
  it("check, list and report treat the registry as empty and say so in one line", async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION });
    const check = await cli(dir, ["check", "--format", "compact"]);
    assert.deepEqual(check, {
      code: 1,
      out: "server/db_migrate.py:6:24: error performance-index-in-migration Performance index idx_leads_created on leads is created in migrations\n",
      err: NOTICE,
    });
    const list = await cli(dir, ["list", "--format", "csv"]);
    assert.equal(list.code, 0);
    assert.equal(list.err, NOTICE);
    assert.deepEqual(
      list.out
        .trim()
        .split("\n")
        .slice(1)
        .map((l) => l.split(",")[0]),
      ["idx_leads_created", "uq_leads_email"],
    );
    const report = await cli(dir, ["report"]);
    assert.equal(report.code, 0);
    assert.equal(report.err, NOTICE);
  });

  it("a registry path set by flag or configuration that does not exist is still exit 2", async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION });
    assert.deepEqual(await cli(dir, ["check", "--registry", "server/registry.py"]), { code: 2, out: "", err: "index-audit: registry file not found: server/registry.py\n" });
    const configured = project({ "server/db_migrate.py": MIGRATION, "index-audit.json": '{ "registry": "server/db_indexes.py" }\n' });
    assert.deepEqual(await cli(configured, ["list"]), { code: 2, out: "", err: "index-audit: registry file not found: server/db_indexes.py\n" });
  });

  it("fix --move creates the registry in the documented layout, and the project then checks clean", async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION });
    const dry = await cli(dir, ["fix", "--move", "--dry-run"]);
    assert.equal(dry.code, 0);
    assert.equal(existsSync(join(dir, "server/db_indexes.py")), false);
    assert.match(dry.out, /^--- a\/server\/db_indexes\.py\n\+\+\+ b\/server\/db_indexes\.py\n@@ -0,0 \+1,18 @@\n/m);
    const r = await cli(dir, ["fix", "--move"]);
    assert.deepEqual(r, {
      code: 0,
      out: "",
      err: "index-audit: no registry yet: created server/db_indexes.py\nindex-audit: moved 1 index to server/db_indexes.py; removed 0 already built there from migrations\n",
    });
    assert.equal(
      readFileSync(join(dir, "server/db_indexes.py"), "utf8"),
      newRegistryText("INDEX_DEFS").replace(
        "INDEX_DEFS = []\n",
        [
          "INDEX_DEFS = [",
          "    {",
          '        "name": "idx_leads_created",',
          '        "table": "leads",',
          '        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_created ON leads (created_at DESC)",',
          '        "critical": False,',
          '        "description": "Inbox sorted by newest first.",',
          "    },",
          "]",
          "",
        ].join("\n"),
      ),
    );
    assert.equal(
      readFileSync(join(dir, "server/db_migrate.py"), "utf8"),
      MIGRATION.replace(
        '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_created ON leads (created_at DESC)"))\n',
        "    # idx_leads_created: moved to server/db_indexes.py (INDEX_DEFS)\n",
      ),
    );
    assert.deepEqual(await cli(dir, ["check", "--format", "compact"]), { code: 0, out: "", err: "" });
  });

  it("fix --move with nothing to move does not create a registry", async () => {
    const dir = project({ "server/db_migrate.py": 'def up(conn):\n    conn.execute("CREATE UNIQUE INDEX IF NOT EXISTS uq_a ON t (a)")\n' });
    const r = await cli(dir, ["fix", "--move"]);
    assert.equal(r.code, 0);
    assert.equal(r.err, "index-audit: no registry yet: nothing to move, so not created: server/db_indexes.py\nindex-audit: moved 0 indexes to server/db_indexes.py; removed 0 already built there from migrations\n");
    assert.equal(existsSync(join(dir, "server/db_indexes.py")), false);
  });
});

describe("no registry yet, with init and with other sources", () => {
  it("init leaves the registry unnamed while it does not exist, so check keeps treating it as empty", async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION });
    assert.equal((await cli(dir, ["init"])).code, 0);
    assert.equal("registry" in (JSON.parse(readFileSync(join(dir, "index-audit.json"), "utf8")) as object), false);
    const r = await cli(dir, ["check", "-f", "compact"]);
    assert.equal(r.err, NOTICE);
    assert.equal(r.code, 1);
    // Once it exists, init names it.
    const withRegistry = project({ "server/db_migrate.py": MIGRATION, "server/db_indexes.py": newRegistryText("INDEX_DEFS") });
    assert.equal((await cli(withRegistry, ["init"])).code, 0);
    assert.deepEqual((JSON.parse(readFileSync(join(withRegistry, "index-audit.json"), "utf8")) as { registry: unknown }).registry, { path: "server/db_indexes.py", variable: "INDEX_DEFS" });
  });

  it("fix --move keeps the modules migrations import constants from in its re-check", async () => {
    const dir = project({
      "app/config.py": 'SCHEMA = "crm"\n',
      "server/db_migrate.py": 'from app.config import SCHEMA\n\n\ndef up(conn):\n    conn.execute(f"CREATE INDEX IF NOT EXISTS idx_a ON {SCHEMA}.t (a)")\n    conn.execute(f"CREATE UNIQUE INDEX IF NOT EXISTS uq_b ON {SCHEMA}.t (b)")\n',
    });
    const r = await cli(dir, ["fix", "--move", "--dry-run"]);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /\+.*CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_a ON crm\.t \(a\)/);
  });

  it("fix --move in a framework-source project without a registry says there is nothing to move into, exit 2", async () => {
    const dir = project({ "db/migrations/V1__init.sql": "CREATE TABLE t (a int);\nCREATE INDEX t_a_idx ON t (a);\n" });
    const r = await cli(dir, ["fix", "--move"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^index-audit: fix --move moves performance indexes into the registry, and this project has none \(server\/db_indexes\.py does not exist\)/);
    assert.equal(r.err.split("\n").length, 2);
    assert.equal(existsSync(join(dir, "server/db_indexes.py")), false);
  });
});

describe("no registry yet, in the pre-commit hook", () => {
  const SKIP = spawnSync("git", ["--version"]).error ? "git is not on PATH" : false;

  it("check --staged treats a default registry that is neither staged nor on disk as empty", { skip: SKIP }, async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION });
    const env = { ...process.env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: "1", GIT_CEILING_DIRECTORIES: tmpdir() };
    for (const args of [["init", "-q"], ["add", "-A"]]) assert.equal(spawnSync("git", args, { cwd: dir, env }).status, 0);
    const saved = { ...process.env };
    Object.assign(process.env, env);
    try {
      const r = await cli(dir, ["check", "--staged", "--format", "compact"]);
      assert.deepEqual(r, {
        code: 1,
        out: "server/db_migrate.py:6:24: error performance-index-in-migration Performance index idx_leads_created on leads is created in migrations\n",
        err: NOTICE,
      });
      // On disk but not staged: the commit leaves it out, which is an error.
      writeFileSync(join(dir, "server/db_indexes.py"), "INDEX_DEFS = []\n");
      const unstaged = await cli(dir, ["check", "--staged"]);
      assert.deepEqual(unstaged, { code: 2, out: "", err: "index-audit: --staged: the registry server/db_indexes.py is not in the git index\n" });
    } finally {
      for (const k of Object.keys(env)) if (saved[k] === undefined) delete process.env[k];
      Object.assign(process.env, saved);
    }
  });
});
