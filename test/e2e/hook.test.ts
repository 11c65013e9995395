import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

// The CLI built next to this test (dist/src/bin.js under `npm test`). The hook
// that `init --hook` installs runs the project's node_modules/.bin/index-audit,
// else the index-audit on PATH: the tests put a launcher for this CLI on PATH.
const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/bin.js");
const LAUNCHER = `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`;
const PATH_BIN = mkdtempSync(join(tmpdir(), "index-audit-path-"));
writeFileSync(join(PATH_BIN, "index-audit"), LAUNCHER);
chmodSync(join(PATH_BIN, "index-audit"), 0o755);

const GIT = spawnSync("git", ["--version"], { encoding: "utf8" });
const SKIP = GIT.error ? "git is not on PATH" : false;

/** The environment without the caller's git settings (a hook running this test, a global core.hooksPath). */
function cleanEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_") && k !== "NO_COLOR" && k !== "FORCE_COLOR") env[k] = v;
  return { ...env, GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: "1", GIT_TERMINAL_PROMPT: "0", NO_COLOR: "1", PATH: `${PATH_BIN}:${env.PATH ?? ""}` };
}

function sh(cwd: string, command: string, args: string[], env: NodeJS.ProcessEnv = cleanEnv()): SpawnSyncReturns<string> {
  const r = spawnSync(command, args, { cwd, env, encoding: "utf8" });
  if (r.error) throw r.error;
  return r;
}

function git(cwd: string, ...args: string[]): string {
  const r = sh(cwd, "git", args);
  assert.equal(r.status, 0, `git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function cli(cwd: string, ...args: string[]): SpawnSyncReturns<string> {
  return sh(cwd, process.execPath, [BIN, ...args]);
}

function write(dir: string, path: string, text: string): void {
  mkdirSync(dirname(join(dir, path)), { recursive: true });
  writeFileSync(join(dir, path), text);
}

const MIGRATE = `"""Schema migrations, run by the deploy before the app starts."""
from sqlalchemy import text


def migrate(conn):
    conn.execute(text("""
        CREATE TABLE IF NOT EXISTS leads (
            id BIGSERIAL PRIMARY KEY,
            business_id BIGINT NOT NULL,
            email TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'new',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
    """))
    # One lead per email within a business.
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_business_email ON leads (business_id, email)"))
`;

const PERFORMANCE_IN_MIGRATION = `    # Lead list filtered by status.\n    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)"))\n`;

const REGISTRY_ENTRY = (name: string, columns: string, description: string): string => `    {
        "name": "${name}",
        "table": "leads",
        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON leads (${columns})",
        "description": "${description}",
    },
`;

const registry = (...entries: string[]): string =>
  `"""Performance indexes, built CONCURRENTLY by the deploy step after the migrations."""\n\nINDEX_DEFS = [\n${entries.join("")}]\n`;

const CREATED_AT = REGISTRY_ENTRY("idx_leads_created_at", "created_at", "Lead list sorted by newest");
const STATUS = REGISTRY_ENTRY("idx_leads_status", "status", "Lead list filtered by status");

/** A git repository with a committed, clean project (and nothing else). */
function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-hook-"));
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "Index Audit Test");
  git(dir, "config", "user.email", "index-audit@example.invalid");
  git(dir, "config", "commit.gpgsign", "false");
  write(dir, "server/db_migrate.py", MIGRATE);
  write(dir, "server/db_indexes.py", registry(CREATED_AT));
  write(dir, "README.md", "# leads service\n");
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "Initial schema");
  return dir;
}

function commit(dir: string, message: string, ...paths: string[]): SpawnSyncReturns<string> {
  git(dir, "add", "--", ...paths);
  return sh(dir, "git", ["commit", "-m", message]);
}

test("init --hook installs a pre-commit hook that refuses a performance index in the migration and lets clean commits through", { skip: SKIP }, () => {
  const dir = repository();

  const init = cli(dir, "init", "--hook");
  assert.equal(init.status, 0, init.stderr);
  assert.equal(init.stdout, "");
  assert.equal(init.stderr, "index-audit: wrote index-audit.json\nindex-audit: added .index-audit-cache/ (the --cache directory) to .gitignore\nindex-audit: installed .git/hooks/pre-commit\n");
  const hook = join(dir, ".git/hooks/pre-commit");
  assert.ok(statSync(hook).mode & 0o100, "the hook is executable");
  const text = readFileSync(hook, "utf8");
  assert.ok(!text.includes(BIN) && !text.includes(process.execPath) && !text.includes(dir), "the hook names no absolute path");

  // Committing the configuration runs the check (it concerns the project), which passes.
  const config = commit(dir, "Add index-audit configuration", "index-audit.json", ".gitignore");
  assert.equal(config.status, 0, config.stdout + config.stderr);

  // (a) A performance index added to the migration: the commit is refused and HEAD does not move.
  const before = git(dir, "rev-parse", "HEAD");
  write(dir, "server/db_migrate.py", MIGRATE + PERFORMANCE_IN_MIGRATION);
  const refused = commit(dir, "Filter leads by status", "server/db_migrate.py");
  assert.equal(refused.status, 1, "the commit is refused");
  const output = refused.stdout + refused.stderr;
  assert.match(output, /performance-index-in-migration/);
  assert.match(output, /idx_leads_status/);
  assert.match(output, /server\/db_migrate\.py/);
  assert.equal(git(dir, "rev-parse", "HEAD"), before);
  assert.equal(git(dir, "diff", "--cached", "--name-only"), "server/db_migrate.py", "the change is still staged");

  // (b) The same index in the registry instead: the commit goes through.
  write(dir, "server/db_migrate.py", MIGRATE);
  write(dir, "server/db_indexes.py", registry(CREATED_AT, STATUS));
  const moved = commit(dir, "Filter leads by status (registry)", "server/db_migrate.py", "server/db_indexes.py");
  assert.equal(moved.status, 0, moved.stdout + moved.stderr);
  assert.equal(git(dir, "log", "-1", "--format=%s"), "Filter leads by status (registry)");
  assert.equal(git(dir, "show", "--name-only", "--format=", "HEAD"), "server/db_indexes.py");

  // (c) A commit that touches only README.md goes through without checking anything: the
  // migration in the work tree has an (unstaged) violation that a full check would refuse.
  write(dir, "server/db_migrate.py", MIGRATE + PERFORMANCE_IN_MIGRATION);
  assert.equal(cli(dir, "check").status, 1, "the work tree does have a violation");
  write(dir, "README.md", "# leads service\n\nLeads API.\n");
  const docs = commit(dir, "Describe the service", "README.md");
  assert.equal(docs.status, 0, docs.stdout + docs.stderr);
  assert.doesNotMatch(docs.stdout + docs.stderr, /index-audit|error/);
  assert.equal(git(dir, "show", "--name-only", "--format=", "HEAD"), "README.md");
  assert.equal(git(dir, "status", "--porcelain"), "M server/db_migrate.py");
});

test("the hook judges what is staged, not what the work tree holds besides", { skip: SKIP }, () => {
  const dir = repository();
  assert.equal(cli(dir, "init", "--hook").status, 0);
  assert.equal(commit(dir, "Add index-audit configuration", "index-audit.json", ".gitignore").status, 0);

  // Staged: a performance index in the migration. Work tree: already fixed, but not staged.
  write(dir, "server/db_migrate.py", MIGRATE + PERFORMANCE_IN_MIGRATION);
  git(dir, "add", "--", "server/db_migrate.py");
  write(dir, "server/db_migrate.py", MIGRATE + "    # (moved to the registry)\n");
  const refused = sh(dir, "git", ["commit", "-m", "Filter leads by status"]);
  assert.equal(refused.status, 1, "the staged violation is refused");
  assert.match(refused.stdout + refused.stderr, /performance-index-in-migration/);

  // Staged: clean. Work tree: a violation that is not part of the commit.
  write(dir, "server/db_migrate.py", MIGRATE + "    # (moved to the registry)\n");
  git(dir, "add", "--", "server/db_migrate.py");
  write(dir, "server/db_migrate.py", MIGRATE + PERFORMANCE_IN_MIGRATION);
  const clean = sh(dir, "git", ["commit", "-m", "Note where the status index lives"]);
  assert.equal(clean.status, 0, clean.stdout + clean.stderr);
  assert.equal(git(dir, "status", "--porcelain"), "M server/db_migrate.py");
});

test("staged deletions and file names that look like commands or options are file names to the hook", { skip: SKIP }, () => {
  const dir = repository();
  assert.equal(cli(dir, "init", "--hook").status, 0);
  write(dir, "notes", "todo\n");
  write(dir, "-v.txt", "odd name\n");
  const added = commit(dir, "Notes", "notes", "-v.txt", "index-audit.json", ".gitignore");
  assert.equal(added.status, 0, added.stdout + added.stderr);
  // An unstaged violation in the work tree: only a (wrong) full check would see it.
  write(dir, "server/db_migrate.py", MIGRATE + PERFORMANCE_IN_MIGRATION);
  git(dir, "rm", "-q", "--", "notes", "-v.txt");
  const deleted = sh(dir, "git", ["commit", "-m", "No notes"]);
  assert.equal(deleted.status, 0, deleted.stdout + deleted.stderr);
  assert.equal(git(dir, "show", "--name-only", "--format=", "HEAD"), "-v.txt\nnotes");
});

test("init --hook refuses to replace an existing hook without --force and changes nothing; --force replaces it", { skip: SKIP }, () => {
  const dir = repository();
  const hook = join(dir, ".git/hooks/pre-commit");
  const mine = "#!/bin/sh\necho my own hook\n";
  write(dir, ".git/hooks/pre-commit", mine);

  const refused = cli(dir, "init", "--hook");
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, "");
  assert.equal(refused.stderr, "index-audit: .git/hooks/pre-commit already exists; pass --force to replace it (or call index-audit from it yourself)\n");
  assert.equal(readFileSync(hook, "utf8"), mine);
  assert.equal(existsSync(join(dir, "index-audit.json")), false, "a refused init writes no configuration either");

  const forced = cli(dir, "init", "--hook", "--force");
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(forced.stderr, "index-audit: wrote index-audit.json\nindex-audit: added .index-audit-cache/ (the --cache directory) to .gitignore\nindex-audit: installed .git/hooks/pre-commit\n");
  const installed = readFileSync(hook, "utf8");
  assert.match(installed, /^#!\/bin\/sh\n# index-audit pre-commit hook/);
  assert.ok(statSync(hook).mode & 0o100, "the hook is executable");

  // With the configuration already there, --hook alone keeps it and still refuses the hook.
  const again = cli(dir, "init", "--hook");
  assert.equal(again.status, 2);
  assert.match(again.stderr, /^index-audit: \.git\/hooks\/pre-commit already exists; pass --force/);
  assert.equal(readFileSync(hook, "utf8"), installed);

  // --hook --force replaces the hook only: a customised configuration stays as it is.
  const custom = `{ "migrations": ["server/db_migrate.py"], "rules": { "redundant-index": "off" } }\n`;
  writeFileSync(join(dir, "index-audit.json"), custom);
  write(dir, ".git/hooks/pre-commit", mine);
  const hookOnly = cli(dir, "init", "--hook", "--force");
  assert.equal(hookOnly.status, 0, hookOnly.stderr);
  assert.equal(hookOnly.stderr, "index-audit: kept the existing configuration index-audit.json\nindex-audit: installed .git/hooks/pre-commit\n");
  assert.equal(readFileSync(join(dir, "index-audit.json"), "utf8"), custom);
  assert.equal(readFileSync(hook, "utf8"), installed);
});

test("init refuses to overwrite an existing index-audit.json without --force", { skip: SKIP }, () => {
  const dir = repository();
  const path = join(dir, "index-audit.json");
  const mine = `{ "migrations": ["migrations/*.py"], "registry": { "path": "app/indexes.py" } }\n`;
  writeFileSync(path, mine);

  const refused = cli(dir, "init");
  assert.equal(refused.status, 2);
  assert.equal(refused.stdout, "");
  assert.equal(refused.stderr, "index-audit: index-audit.json already exists; pass --force to overwrite it\n");
  assert.equal(readFileSync(path, "utf8"), mine);

  const forced = cli(dir, "init", "--force");
  assert.equal(forced.status, 0, forced.stderr);
  assert.equal(forced.stderr, "index-audit: wrote index-audit.json\nindex-audit: added .index-audit-cache/ (the --cache directory) to .gitignore\n");
  const written = JSON.parse(readFileSync(path, "utf8")) as { migrations: string[]; registry: { path: string; variable: string } };
  assert.deepEqual(written.migrations, ["server/db_migrate.py"]);
  assert.deepEqual(written.registry, { path: "server/db_indexes.py", variable: "INDEX_DEFS" });
  assert.equal(existsSync(join(dir, ".git/hooks/pre-commit")), false, "no hook without --hook");

  // The written configuration is valid: check runs with it and the project is clean.
  const check = cli(dir, "check");
  assert.equal(check.status, 0, check.stdout + check.stderr);
});

test("init never writes index-audit.json over a configuration in pyproject.toml or .index-audit.json, even with --force", { skip: SKIP }, () => {
  for (const [file, text, shown] of [
    ["pyproject.toml", `[project]\nname = "leads"\n\n[tool.index-audit]\nmigrations = ["server/db_migrate.py"]\n`, "pyproject.toml [tool.index-audit]"],
    [".index-audit.json", `{ "migrations": ["server/db_migrate.py"] }\n`, ".index-audit.json"],
  ] as const) {
    const dir = repository();
    write(dir, file, text);
    for (const args of [["init"], ["init", "--force"]]) {
      const refused = cli(dir, ...args);
      assert.equal(refused.status, 2, `${file} ${args.join(" ")}`);
      assert.equal(refused.stderr, `index-audit: the project is already configured by ${shown}; a new index-audit.json would take its place, so init writes none\n`);
      assert.equal(existsSync(join(dir, "index-audit.json")), false);
    }
    // From a subdirectory too: the configuration above it would be shadowed.
    const below = cli(join(dir, "server"), "init");
    assert.equal(below.status, 2);
    assert.equal(below.stderr, `index-audit: the project is already configured by ../${shown}; a new index-audit.json would take its place, so init writes none\n`);
    const hook = cli(dir, "init", "--hook", "--force");
    assert.equal(hook.status, 0, hook.stderr);
    assert.equal(hook.stderr, `index-audit: kept the existing configuration ${shown}\nindex-audit: installed .git/hooks/pre-commit\n`);
    assert.equal(existsSync(join(dir, "index-audit.json")), false);
    assert.equal(readFileSync(join(dir, file), "utf8"), text);
  }
});

test("the hook runs the project's node_modules/.bin/index-audit first, then PATH, and says so when there is none", { skip: SKIP }, () => {
  const dir = repository();
  write(dir, ".gitignore", "node_modules/\n");
  assert.equal(cli(dir, "init", "--hook").status, 0);
  assert.equal(readFileSync(join(dir, ".gitignore"), "utf8"), "node_modules/\n.index-audit-cache/\n", "init git-ignores the --cache directory");
  assert.equal(commit(dir, "Add index-audit configuration", "index-audit.json", ".gitignore").status, 0);
  // A project-local launcher that records that it ran, then runs the CLI.
  write(dir, "node_modules/.bin/index-audit", `#!/bin/sh\necho local >> "${join(dir, "node_modules/ran")}"\n${LAUNCHER.split("\n")[1]}\n`);
  chmodSync(join(dir, "node_modules/.bin/index-audit"), 0o755);
  write(dir, "server/db_migrate.py", MIGRATE + PERFORMANCE_IN_MIGRATION);
  const local = commit(dir, "Filter leads by status", "server/db_migrate.py");
  assert.equal(local.status, 1);
  assert.match(local.stderr, /performance-index-in-migration/, "git shows a hook's output on stderr");
  assert.equal(readFileSync(join(dir, "node_modules/ran"), "utf8"), "local\n");

  // Not in node_modules/.bin: the one on PATH (the change is still staged).
  chmodSync(join(dir, "node_modules/.bin/index-audit"), 0o644);
  const onPath = sh(dir, "sh", [".git/hooks/pre-commit"]);
  // xargs answers 123 when the command it ran exited 1 to 125.
  assert.equal(onPath.status, 123);
  assert.match(onPath.stdout, /performance-index-in-migration/);
  assert.equal(readFileSync(join(dir, "node_modules/ran"), "utf8"), "local\n", "the local launcher did not run again");

  // Neither: the commit is refused with one line that says why.
  const none = sh(dir, "sh", [".git/hooks/pre-commit"], { ...cleanEnv(), PATH: "/usr/bin:/bin" });
  assert.equal(none.status, 1);
  assert.equal(none.stdout, "");
  assert.equal(none.stderr, "index-audit pre-commit hook: index-audit is not installed here (node_modules/.bin/index-audit) nor on PATH; install it, or commit with --no-verify\n");
});

test("the hook compares the staged state with HEAD: a commit that deletes an index is refused (index-missing)", { skip: SKIP }, () => {
  const dir = repository();
  assert.equal(cli(dir, "init", "--hook").status, 0);
  assert.equal(commit(dir, "Add index-audit configuration", "index-audit.json", ".gitignore").status, 0);
  const head = git(dir, "rev-parse", "HEAD");
  // The registry loses idx_leads_created_at, with no DROP anywhere.
  write(dir, "server/db_indexes.py", registry());
  const refused = commit(dir, "Tidy the registry", "server/db_indexes.py");
  assert.equal(refused.status, 1, refused.stdout + refused.stderr);
  assert.match(refused.stderr, /^server\/db_indexes\.py\n {2}\d+:\d+ +error +Index idx_leads_created_at .*index-missing$/m);
  assert.equal(
    refused.stderr,
    "server/db_indexes.py\n  1:1  error    Index idx_leads_created_at existed at HEAD (registry server/db_indexes.py:7) and now exists neither   index-missing\n                in migrations nor in the registry\n\n\u2716 1 problem (1 error, 0 warnings)\n  compared with HEAD\n",
  );
  assert.equal(git(dir, "rev-parse", "HEAD"), head);
});
