import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";

const SKIP = spawnSync("git", ["--version"]).error ? "git is not on PATH" : false;

// `check --base` runs git in this process: keep the caller's git settings (a hook
// running the tests, a global configuration) out of the temporary repositories.
for (const k of Object.keys(process.env)) if (k.startsWith("GIT_")) delete process.env[k];
process.env.GIT_CONFIG_GLOBAL = devNull;
process.env.GIT_CONFIG_NOSYSTEM = "1";
// A temporary directory must not be taken for part of a repository above it.
process.env.GIT_CEILING_DIRECTORIES = tmpdir();

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", args, { cwd, encoding: "utf8" });
  assert.equal(r.status, 0, `git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

function write(dir: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
}

function repository(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-base-"));
  git(dir, "init", "-q");
  git(dir, "config", "user.name", "Index Audit Test");
  git(dir, "config", "user.email", "index-audit@example.invalid");
  git(dir, "config", "commit.gpgsign", "false");
  write(dir, files);
  git(dir, "add", "-A");
  git(dir, "commit", "-q", "-m", "Schema with performance indexes in the migration");
  return dir;
}

const HEADER = `"""Schema migrations, run by the deploy before the app starts."""
from sqlalchemy import text


def migrate(conn):
    conn.execute(text("""
        CREATE TABLE IF NOT EXISTS leads (
            id BIGSERIAL PRIMARY KEY,
            business_id BIGINT NOT NULL,
            email TEXT NOT NULL,
            status TEXT NOT NULL,
            owner_id BIGINT,
            source TEXT,
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
        )
    """))
    # One lead per email within a business.
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_business_email ON leads (business_id, email)"))
`;

/** The six performance indexes of the first commit, in file order. */
const PERFORMANCE: [name: string, columns: string][] = [
  ["idx_leads_status", "status"],
  ["idx_leads_owner", "owner_id"],
  ["idx_leads_source", "source"],
  ["idx_leads_updated_at", "updated_at"],
  ["idx_leads_business_created", "business_id, created_at DESC"],
  ["idx_leads_email_lower", "lower(email)"],
];

const migrationLine = (name: string, columns: string): string => `    conn.execute(text("CREATE INDEX IF NOT EXISTS ${name} ON leads (${columns})"))\n`;
const migration = (names: string[], after = ""): string =>
  HEADER + PERFORMANCE.filter(([n]) => names.includes(n)).map(([n, c]) => migrationLine(n, c)).join("") + after;

const entry = (name: string, columns: string): string =>
  `    {"name": "${name}", "table": "leads", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS ${name} ON leads (${columns})"},\n`;
const registry = (entries: [string, string][]): string =>
  `"""Performance indexes, built CONCURRENTLY by the deploy step after the migrations."""\n\nINDEX_DEFS = [\n${entries.map(([n, c]) => entry(n, c)).join("")}]\n`;

const ALL = PERFORMANCE.map(([n]) => n);
const REGISTERED: [string, string] = ["idx_leads_created_at", "created_at DESC"];
/** Line of each performance index in the first commit's migration. */
const BASE_LINE = new Map(PERFORMANCE.map(([n], k) => [n, HEADER.split("\n").length + k]));

interface JsonReport {
  base: string | null;
  diagnostics: { rule: string; severity: string; file: string; line: number; column: number; message: string; index: string | null }[];
}

async function check(dir: string, ...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(dir);
  const code = await run(["check", ...argv], io);
  return { code, out: io.out, err: io.err };
}

test("--base: a commit that moves half of the performance indexes out of the migration but registers only one reports each lost index once, naming the revision", { skip: SKIP }, async () => {
  const dir = repository({ "server/db_migrate.py": migration(ALL), "server/db_indexes.py": registry([REGISTERED]) });

  // Second commit: idx_leads_status, idx_leads_owner and idx_leads_source leave the
  // migration, but only idx_leads_status reaches the registry. idx_leads_updated_at is
  // retired on purpose: its CREATE is deleted and a later statement drops it.
  const kept = ["idx_leads_business_created", "idx_leads_email_lower"];
  const retire = `    # Nobody sorts by updated_at any more.\n    conn.execute(text("DROP INDEX IF EXISTS idx_leads_updated_at"))\n`;
  write(dir, {
    "server/db_migrate.py": migration(kept, retire),
    "server/db_indexes.py": registry([REGISTERED, ["idx_leads_status", "status"]]),
  });
  git(dir, "commit", "-q", "-a", "-m", "Move performance indexes to the registry");

  const { code, out, err } = await check(dir, "--base", "HEAD~1", "--format", "json");
  assert.equal(err, "");
  assert.equal(code, 1);
  const report = JSON.parse(out) as JsonReport;
  assert.equal(report.base, "HEAD~1");
  const missing = report.diagnostics.filter((d) => d.rule === "index-missing");
  assert.deepEqual(
    missing.map((d) => [d.index, d.severity, d.file, d.line, d.column, d.message]),
    ["idx_leads_owner", "idx_leads_source"].map((name) => [
      name,
      "error",
      "server/db_migrate.py",
      1,
      1,
      `Index ${name} existed at HEAD~1 (migration server/db_migrate.py:${BASE_LINE.get(name)}) and now exists neither in migrations nor in the registry`,
    ]),
  );
  // The registered, the dropped, the unchanged and the still-to-move indexes are not missing.
  for (const name of ["idx_leads_status", "idx_leads_updated_at", "uq_leads_business_email", "idx_leads_created_at", ...kept])
    assert.ok(!missing.some((d) => d.index === name), name);
  // The indexes still in the migration are reported by their own rule, not as missing.
  assert.deepEqual(
    report.diagnostics.filter((d) => d.rule === "performance-index-in-migration").map((d) => d.index),
    kept,
  );

  // Without --base there is nothing to compare with.
  const plain = JSON.parse((await check(dir, "--format", "json")).out) as JsonReport;
  assert.equal(plain.base, null);
  assert.equal(plain.diagnostics.filter((d) => d.rule === "index-missing").length, 0);

  // Registering the two lost indexes fixes the finding against the same base.
  write(dir, {
    "server/db_indexes.py": registry([REGISTERED, ["idx_leads_status", "status"], ["idx_leads_owner", "owner_id"], ["idx_leads_source", "source"]]),
  });
  const fixed = JSON.parse((await check(dir, "--base", "HEAD~1", "--format", "json")).out) as JsonReport;
  assert.deepEqual(fixed.diagnostics.filter((d) => d.rule === "index-missing"), []);
});

test("--base: a registry entry deleted without a DROP is missing too, with its registry origin", { skip: SKIP }, async () => {
  const dir = repository({ "server/db_migrate.py": migration([]), "server/db_indexes.py": registry([REGISTERED, ["idx_leads_status", "status"]]) });
  write(dir, { "server/db_indexes.py": registry([["idx_leads_status", "status"]]) });
  git(dir, "commit", "-q", "-a", "-m", "Tidy the registry");
  const head = git(dir, "rev-parse", "--short", "HEAD~1");

  const { code, out } = await check(dir, "--base", head, "--format", "json");
  assert.equal(code, 1);
  const report = JSON.parse(out) as JsonReport;
  assert.deepEqual(
    report.diagnostics.map((d) => [d.rule, d.index, d.file, d.message]),
    [["index-missing", "idx_leads_created_at", "server/db_indexes.py", `Index idx_leads_created_at existed at ${head} (registry server/db_indexes.py:4) and now exists neither in migrations nor in the registry`]],
  );
});

test("--base with an unknown revision or outside a git repository is exit 2 with one line", { skip: SKIP }, async () => {
  const files = { "server/db_migrate.py": migration(ALL), "server/db_indexes.py": registry([REGISTERED]) };
  const dir = repository(files);
  assert.deepEqual(await check(dir, "--base", "nope", "--format", "json"), { code: 2, out: "", err: "index-audit: --base nope: unknown git revision\n" });
  assert.deepEqual(await check(dir, "--base", "HEAD~1"), { code: 2, out: "", err: "index-audit: --base HEAD~1: unknown git revision\n" });
  const option = await check(dir, "--base=--output=x");
  assert.equal(option.code, 2);
  assert.equal(option.err, "index-audit: --base --output=x: not a git revision\n");

  const plain = mkdtempSync(join(tmpdir(), "index-audit-nogit-"));
  write(plain, files);
  const outside = await check(plain, "--base", "HEAD", "--format", "json");
  assert.equal(outside.code, 2);
  assert.equal(outside.out, "");
  assert.match(outside.err, /^index-audit: --base HEAD: .*not inside a git repository\n$/);
  assert.equal(outside.err.split("\n").length, 2, "one line");
});
