import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { PRE_COMMIT, requireComponent } from "../helpers/component.js";
import { ROOT } from "../helpers/paths.js";

// The real pre-commit framework (Debian's package) installs the hook the way a
// user's .pre-commit-config.yaml does: it clones this repository at a release
// tag, runs `npm install`, `npm pack` and `npm install -g` of the tarball, and
// runs the `index-audit` it installed. Release tags hold the built JavaScript
// (scripts/release.ts); this test makes one in a clone of this repository.

const SKIP = requireComponent(PRE_COMMIT);

const IDENTITY = { GIT_AUTHOR_NAME: "Index Audit Test", GIT_AUTHOR_EMAIL: "index-audit@example.invalid", GIT_COMMITTER_NAME: "Index Audit Test", GIT_COMMITTER_EMAIL: "index-audit@example.invalid" };

function env(home: string): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_") && !k.startsWith("PRE_COMMIT") && k !== "NO_COLOR" && k !== "FORCE_COLOR") out[k] = v;
  // Each `try-repo` installs into a fresh store: npm may answer from its cache without asking the registry again.
  const npm = { npm_config_prefer_offline: "true", npm_config_audit: "false", npm_config_fund: "false" };
  return { ...out, ...IDENTITY, ...npm, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", PRE_COMMIT_HOME: home, NO_COLOR: "1" };
}

function run(cwd: string, home: string, command: string, args: string[]): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env: env(home), encoding: "utf8", timeout: 540_000 });
  if (r.error) throw r.error;
  return r;
}

function ok(cwd: string, home: string, command: string, ...args: string[]): string {
  const r = run(cwd, home, command, args);
  assert.equal(r.status, 0, `${command} ${args.join(" ")}: ${r.stdout}${r.stderr}`);
  return r.stdout.trim();
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const MIGRATE = `from sqlalchemy import text


def migrate(conn):
    conn.execute(text("CREATE TABLE IF NOT EXISTS leads (id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL, status TEXT NOT NULL)"))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_email ON leads (email)"))
`;
const PERFORMANCE = `    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)"))\n`;
const REGISTRY = `INDEX_DEFS = [\n    {"name": "idx_leads_created", "table": "leads", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_created ON leads (id DESC)"},\n]\n`;

const BLOCKED = `server/db_migrate.py
  7:24  error    Performance index idx_leads_status on leads is created in migrations  performance-index-in-migration

✖ 1 problem (1 error, 0 warnings)
`;

test("pre-commit installs the hook from a release tag without building, passes a clean commit, blocks a performance index and a deleted index", { skip: SKIP, timeout: 1_800_000 }, () => {
  const work = mkdtempSync(join(tmpdir(), "index-audit-pre-commit-"));
  const home = join(work, "pre-commit-home");

  // A release of this checkout: a clone at HEAD, the dist/ this test was built with, `npm run release`'s script.
  const tool = join(work, "index-audit");
  ok(work, home, "git", "clone", "-q", "--no-hardlinks", ROOT, tool);
  ok(tool, home, "git", "checkout", "-q", ok(ROOT, home, "git", "rev-parse", "HEAD"));
  for (const dir of ["dist/src", "dist/rules"]) cpSync(join(ROOT, dir), join(tool, dir), { recursive: true });
  const released = ok(tool, home, process.execPath, join(ROOT, "dist/scripts/release.js"));
  const tag = /^tagged (v\S+) /.exec(released)?.[1];
  assert.ok(tag, released);
  // What pre-commit clones has the built code and no build step.
  assert.equal(ok(tool, home, "git", "cat-file", "-t", `${tag}:dist/src/bin.js`), "blob");
  assert.equal(ok(tool, home, "git", "cat-file", "-t", `${tag}:dist/src/bundle/index-audit.cjs`), "blob");
  assert.doesNotMatch(ok(tool, home, "git", "show", `${tag}:package.json`), /"prepare"/);

  const project = join(work, "project");
  mkdirSync(project);
  ok(project, home, "git", "init", "-q");
  write(project, "server/db_migrate.py", MIGRATE);
  write(project, "server/db_indexes.py", REGISTRY);
  ok(project, home, "git", "add", "-A");

  // A clean change: the hook passes.
  const clean = run(project, home, "pre-commit", ["try-repo", tool, "index-audit", "--ref", tag, "--color", "never"]);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.match(clean.stdout, /^index-audit\.+Passed$/m);
  ok(project, home, "git", "commit", "-q", "-m", "Initial schema");

  // A performance index added to the migration: the hook fails with the finding.
  write(project, "server/db_migrate.py", MIGRATE + PERFORMANCE);
  ok(project, home, "git", "add", "server/db_migrate.py");
  const blocked = run(project, home, "pre-commit", ["try-repo", tool, "index-audit", "--ref", tag, "--color", "never"]);
  assert.equal(blocked.status, 1, blocked.stdout + blocked.stderr);
  assert.match(blocked.stdout, /^index-audit\.+Failed$/m);
  assert.ok(blocked.stdout.includes(`- exit code: 1\n\n${BLOCKED}`), blocked.stdout);

  // The same hook installed from .pre-commit-config.yaml refuses the commit itself.
  write(project, ".pre-commit-config.yaml", `repos:\n  - repo: ${tool}\n    rev: ${tag}\n    hooks:\n      - id: index-audit\n`);
  ok(project, home, "git", "add", ".pre-commit-config.yaml");
  ok(project, home, "pre-commit", "install");
  const head = ok(project, home, "git", "rev-parse", "HEAD");
  const commit = run(project, home, "git", ["commit", "-m", "Filter leads by status"]);
  assert.equal(commit.status, 1, commit.stdout + commit.stderr);
  // git shows a hook's output on stderr.
  assert.ok(commit.stderr.includes(BLOCKED), commit.stderr);
  assert.equal(ok(project, home, "git", "rev-parse", "HEAD"), head, "the commit was refused");

  // Without the performance index the commit goes through (the environment is reused).
  write(project, "server/db_migrate.py", MIGRATE);
  ok(project, home, "git", "add", "-A");
  ok(project, home, "git", "commit", "-q", "-m", "Use pre-commit");
  // The hook compares with HEAD: deleting a registry index without a DROP is refused (index-missing).
  write(project, "server/db_indexes.py", "INDEX_DEFS = []\n");
  ok(project, home, "git", "add", "server/db_indexes.py");
  const deleted = run(project, home, "git", ["commit", "-m", "Tidy the registry"]);
  assert.equal(deleted.status, 1, deleted.stdout + deleted.stderr);
  assert.match(deleted.stderr, /^server\/db_indexes\.py\n {2}\d+:\d+ +error +Index idx_leads_created .*index-missing$/m);
  assert.match(deleted.stderr, /^ {2}compared with HEAD$/m);
});
