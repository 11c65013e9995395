import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";

const SKIP = spawnSync("git", ["--version"]).error ? "git is not on PATH" : false;

for (const k of Object.keys(process.env)) if (k.startsWith("GIT_")) delete process.env[k];
process.env.GIT_CONFIG_GLOBAL = devNull;
process.env.GIT_CONFIG_NOSYSTEM = "1";
process.env.GIT_CEILING_DIRECTORIES = tmpdir();

function git(cwd: string, ...args: string[]): void {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `git ${args.join(" ")}: ${r.stderr}`);
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function revision(id: string, down: string | null, body: string): string {
  return `from alembic import op\nimport sqlalchemy as sa\n\nrevision = "${id}"\ndown_revision = ${down === null ? "None" : `"${down}"`}\n\n\ndef upgrade():\n${body}\n`;
}

const PROJECT = {
  "alembic.ini": "[alembic]\nscript_location = migrations\n",
  "migrations/env.py": "from alembic import context\n",
  "migrations/versions/1111_accounts.py": revision("1111", null, '    op.create_table("accounts", sa.Column("id", sa.Integer(), primary_key=True), sa.Column("email", sa.String()))\n    op.create_index("ix_accounts_email", "accounts", ["email"], unique=True)'),
  "migrations/versions/2222_accounts_created.py": revision("2222", "1111", '    with op.get_context().autocommit_block():\n        op.create_index("ix_accounts_created", "accounts", ["created_at"], postgresql_concurrently=True)'),
};

function repository(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-sources-git-"));
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "Index Audit Test");
  git(dir, "config", "user.email", "index-audit@example.invalid");
  git(dir, "config", "commit.gpgsign", "false");
  write(dir, PROJECT);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "Accounts");
  return dir;
}

async function check(cwd: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(cwd);
  const code = await run(["check", "-f", "compact", ...args], io);
  return { code, out: io.out, err: io.err };
}

test("check --base reads the Alembic revisions at the base revision: an index edited away is missing", { skip: SKIP }, async () => {
  const dir = repository();
  write(dir, { "migrations/versions/2222_accounts_created.py": revision("2222", "1111", "    pass") });
  const r = await check(dir, ["--base", "HEAD"]);
  assert.equal(r.err, "");
  assert.match(r.out, /^migrations\/versions\/2222_accounts_created\.py:\d+:\d+: error index-missing Index ix_accounts_created /m);
  assert.equal(r.code, 1);
});

test("check --staged reads the staged revisions, and a new revision's index on an existing table fires", { skip: SKIP }, async () => {
  const dir = repository();
  const added = { "migrations/versions/3333_accounts_email_domain.py": revision("3333", "2222", '    op.create_index("ix_accounts_domain", "accounts", [sa.text("split_part(email, \'@\', 2)")])') };
  write(dir, added);
  // Not staged yet: the staged content is clean.
  assert.deepEqual(await check(dir, ["--staged"]), { code: 0, out: "", err: "" });
  git(dir, "add", "-A");
  const r = await check(dir, ["--staged", "--", "migrations/versions/3333_accounts_email_domain.py"]);
  assert.equal(r.out, "migrations/versions/3333_accounts_email_domain.py:9:5: error index-not-concurrent Index ix_accounts_domain on accounts is built without CONCURRENTLY; writes to accounts block for the whole build\n");
  assert.equal(r.code, 1);
  // A staged file outside every source leaves the hook silent.
  write(dir, { "README.md": "Accounts service\n" });
  git(dir, "add", "README.md");
  assert.deepEqual(await check(dir, ["--staged", "--", "README.md"]), { code: 0, out: "", err: "" });
});

test("init writes the source it detects, without a registry when there is none", { skip: SKIP }, async () => {
  const dir = repository();
  const io = fakeIo(dir);
  assert.equal(await run(["init"], io), 0);
  assert.equal(io.err, "index-audit: wrote index-audit.json (detected: Alembic revisions in migrations/versions)\nindex-audit: added .index-audit-cache/ (the --cache directory) to .gitignore\n");
  assert.deepEqual(JSON.parse(readFileSync(join(dir, "index-audit.json"), "utf8")), { sources: [{ kind: "alembic", directory: "migrations/versions" }], rules: {} });
  assert.equal((await check(dir, [])).code, 0);

  const sql = mkdtempSync(join(tmpdir(), "index-audit-sources-init-"));
  write(sql, { "db/migrations/000001_init.up.sql": "CREATE TABLE t (id int);\n", "server/db_indexes.py": "INDEX_DEFS = []\n" });
  const io2 = fakeIo(sql);
  assert.equal(await run(["init"], io2), 0);
  assert.deepEqual(JSON.parse(readFileSync(join(sql, "index-audit.json"), "utf8")), {
    sources: [{ kind: "sql", paths: ["db/migrations/*.sql"] }],
    registry: { path: "server/db_indexes.py", variable: "INDEX_DEFS" },
    rules: {},
  });
});

test("the pre-commit fast path knows the files of configured sources", async () => {
  const { skipsPreCommit } = await import("../src/commands/precommit.js");
  const dir = mkdtempSync(join(tmpdir(), "index-audit-sources-precommit-"));
  write(dir, {
    "index-audit.json": JSON.stringify({ sources: [{ kind: "alembic", directory: "db/migrations/versions" }, { kind: "sql", paths: ["sql/*.sql"] }] }),
  });
  assert.equal(await skipsPreCommit(["check", "--", "README.md"], dir), true);
  for (const f of ["db/migrations/versions/1234_x.py", "db/migrations/env.py", "alembic.ini", "sql/V1__a.sql", "index-audit.json"]) assert.equal(await skipsPreCommit(["check", "--", f], dir), false, f);
  // A kind it does not know for sure takes the full loader.
  write(dir, { "index-audit.json": JSON.stringify({ sources: [{ kind: "other", paths: ["x"] }] }) });
  assert.equal(await skipsPreCommit(["check", "--", "README.md"], dir), false);
});

test("a Django settings module git does not hold: absent at --base, one clear line under --staged", { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-sources-git-django-"));
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "Index Audit Test");
  git(dir, "config", "user.email", "index-audit@example.invalid");
  write(dir, {
    "index-audit.json": JSON.stringify({ sources: [{ kind: "django", paths: ["shop/migrations/*.py"], settings: "site/settings.py" }] }),
    "shop/migrations/__init__.py": "",
    "shop/migrations/0001_initial.py": [
      "from django.db import migrations, models",
      "",
      "",
      "class Migration(migrations.Migration):",
      "    initial = True",
      "    dependencies = []",
      "    operations = [",
      '        migrations.CreateModel(name="Order", fields=[("id", models.BigAutoField(primary_key=True)), ("code", models.CharField(max_length=8, unique=True))]),',
      "    ]",
      "",
    ].join("\n"),
  });
  git(dir, "add", "-A");
  git(dir, "commit", "-qm", "init");
  write(dir, { "site/settings.py": 'AUTH_USER_MODEL = "auth.User"\n' });
  const plain = await check(dir, []);
  // An initial migration's indexes are on a new table: clean under the policy for projects without a registry.
  assert.deepEqual(plain, { code: 0, out: "", err: "" });
  const base = await check(dir, ["--base", "HEAD"]);
  assert.deepEqual(base, plain);
  const staged = await check(dir, ["--staged"]);
  assert.deepEqual(staged, { code: 2, out: "", err: "index-audit: settings file not in git: site/settings.py\n" });
});

test("--staged judges a binary or non-UTF-8 migration as a run on the work tree does", { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-staged-bytes-"));
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "Index Audit Test");
  git(dir, "config", "user.email", "index-audit@example.invalid");
  write(dir, { "server/db_indexes.py": "INDEX_DEFS = []\n" });
  writeFileSync(join(dir, "server/db_migrate.py"), Buffer.from([0x78, 0x20, 0x3d, 0x20, 0x27, 0xff, 0xfe, 0x27, 0x0a]));
  git(dir, "add", "-A");
  const invalid = await check(dir, ["--staged"]);
  assert.deepEqual(invalid, await check(dir, []));
  assert.match(invalid.out, /^server\/db_migrate\.py:1:1: error python-syntax-error File is not valid UTF-8: invalid UTF-8 at byte 5;/);
  writeFileSync(join(dir, "server/db_migrate.py"), Buffer.from("x = 1\n\u0000\n"));
  git(dir, "add", "-A");
  const binary = await check(dir, ["--staged"]);
  assert.deepEqual(binary, await check(dir, []));
  assert.deepEqual([binary.code, binary.out], [2, ""]);
  assert.match(binary.err, /^index-audit: migration file server\/db_migrate\.py is binary \(NUL byte at offset 6\), not Python source\n$/);
});

test("check --staged says another Alembic project below the root, as check does", { skip: SKIP }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-sources-git-two-"));
  git(dir, "init", "-q");
  const below = Object.fromEntries(Object.entries(PROJECT).flatMap(([path, text]) => [`svc_a/${path}`, `svc_b/${path}`].map((p) => [p, text])));
  write(dir, below);
  git(dir, "add", "-A");
  const staged = await check(dir, ["--staged"]);
  const worktree = await check(dir, []);
  const note = /^svc_b\/alembic\.ini:1:1: warning dynamic-index-sql Not read: another Alembic project: zero configuration reads the first it finds \(svc_a\/alembic\.ini\)/m;
  assert.match(worktree.out, note);
  assert.match(staged.out, note);
});
