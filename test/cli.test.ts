import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";

function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-cli-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(join(dir, path, ".."), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

const MIGRATE = `from sqlalchemy import text\n\n\ndef upgrade(conn):\n    conn.execute(text("CREATE INDEX idx_a ON leads (a)"))\n`;
const REGISTRY = `INDEX_DEFS = [\n    {"name": "idx_b", "table": "leads", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_b ON leads (b)"},\n]\n`;

test("list reads the default paths and exits 0", async () => {
  const dir = project({ "server/db_migrate.py": MIGRATE, "server/db_indexes.py": REGISTRY });
  const io = fakeIo(dir);
  assert.equal(await run(["list", "--format", "json"], io), 0);
  const doc = JSON.parse(io.out) as { indexes: { name: string; file: string; line: number; column: number; origin: string }[] };
  assert.deepEqual(
    doc.indexes.map((i) => [i.name, i.origin, i.file, i.line, i.column]),
    [
      ["idx_b", "registry", "server/db_indexes.py", 2, 49],
      ["idx_a", "migration", "server/db_migrate.py", 5, 24],
    ],
  );
});

test("--migrations takes globs; files are read in path order", async () => {
  const dir = project({
    "migrations/002_b.py": `conn.execute("CREATE INDEX idx_2 ON t (b)")\n`,
    "migrations/001_a.py": `conn.execute("CREATE INDEX idx_1 ON t (a)")\nconn.execute("DROP INDEX idx_2")\n`,
    "reg.py": "INDEX_DEFS = []\n",
  });
  const io = fakeIo(dir);
  assert.equal(await run(["list", "--format", "csv", "--migrations", "migrations/*.py", "--registry", "reg.py"], io), 0);
  const rows = io.out.trimEnd().split("\r\n").map((r) => r.split(",").slice(0, 1).concat(r.split(",").slice(10, 14)));
  // 001 drops idx_2 before 002 creates it, so idx_2 is in effect.
  assert.deepEqual(rows, [
    ["name", "file", "line", "column", "effective"],
    ["idx_1", "migrations/001_a.py", "1", "15", "true"],
    ["idx_2", "migrations/002_b.py", "1", "15", "true"],
  ]);
});

test("a missing file, a directory, an empty glob and a binary file are one-line errors with exit code 2", async () => {
  const dir = project({ "server/db_migrate.py": MIGRATE, "bin.py": Buffer.from([0x43, 0x00, 0x01]), "server/db_indexes.py": REGISTRY });
  const cases: [string[], string][] = [
    [["list", "--registry", "nope.py"], "index-audit: registry file not found: nope.py\n"],
    [["list", "--registry", "server"], "index-audit: registry path is a directory, not a file: server\n"],
    [["list", "--migrations", "db/**/*.py"], "index-audit: no files match the migrations pattern 'db/**/*.py'\n"],
    [["list", "--migrations", "bin.py"], "index-audit: migration file bin.py is binary (NUL byte at offset 1), not Python source\n"],
    [["list", "--format", "xml"], ""],
    [["list", "--bogus"], "index-audit: Unknown argument: bogus\n"],
  ];
  for (const [argv, message] of cases) {
    const io = fakeIo(dir);
    assert.equal(await run(argv, io), 2, argv.join(" "));
    assert.equal(io.out, "");
    if (message) assert.equal(io.err, message);
    else assert.match(io.err, /^index-audit: Invalid values:[\s\S]*format/);
    assert.doesNotMatch(io.err, /\n\s+at /, "no stack trace");
  }
});

test("invalid UTF-8 is read with replacement characters and reported with its byte offset", async () => {
  const bytes = Buffer.concat([Buffer.from(`# caf`), Buffer.from([0xe9]), Buffer.from(`\n` + MIGRATE)]);
  const dir = project({ "server/db_migrate.py": bytes, "server/db_indexes.py": REGISTRY });
  const io = fakeIo(dir);
  assert.equal(await run(["list", "--format", "json"], io), 0);
  const doc = JSON.parse(io.out) as { indexes: { name: string; line: number }[]; errors: unknown[] };
  assert.deepEqual(doc.indexes.map((i) => [i.name, i.line]), [["idx_b", 2], ["idx_a", 6]]);
  assert.deepEqual(doc.errors, [{ kind: "encoding", file: "server/db_migrate.py", line: 1, column: 1, message: "invalid UTF-8 at byte 5; read with replacement characters" }]);
});

test("a registry without its variable is reported, not a crash", async () => {
  const dir = project({ "server/db_migrate.py": MIGRATE, "server/db_indexes.py": "INDEXES = []\n" });
  const io = fakeIo(dir);
  assert.equal(await run(["list", "--format", "json"], io), 0);
  const doc = JSON.parse(io.out) as { errors: unknown[] };
  assert.deepEqual(doc.errors, [{ kind: "registry", file: "server/db_indexes.py", line: 1, column: 1, message: "registry variable INDEX_DEFS is not defined at module level" }]);
});

test("colour follows --no-color, NO_COLOR and FORCE_COLOR", async () => {
  const dir = project({ "server/db_migrate.py": MIGRATE, "server/db_indexes.py": REGISTRY });
  // eslint-disable-next-line no-control-regex -- colour codes start with ESC
  const esc = /\u001b\[/;
  const plain = fakeIo(dir, {});
  assert.equal(await run(["list"], plain), 0);
  assert.notEqual(plain.out, "");
  assert.doesNotMatch(plain.out, esc);
  const forced = fakeIo(dir, { FORCE_COLOR: "1" });
  assert.equal(await run(["list"], forced), 0);
  assert.match(forced.out, esc);
  const off = fakeIo(dir, { FORCE_COLOR: "1" });
  assert.equal(await run(["list", "--no-color"], off), 0);
  assert.doesNotMatch(off.out, esc);
  const tty = fakeIo(dir, { NO_COLOR: "1" });
  tty.stdoutIsTTY = true;
  assert.equal(await run(["list"], tty), 0);
  assert.doesNotMatch(tty.out, esc);
  assert.equal(plain.out, off.out);
  assert.equal(plain.out, tty.out);
});

test("--help prints usage and exits 0", async () => {
  const io = fakeIo(process.cwd());
  assert.equal(await run(["--help"], io), 0);
  assert.match(io.out, /index-audit \[command\] \[options\]/);
  assert.match(io.out, /list\s+List every index/);
});
