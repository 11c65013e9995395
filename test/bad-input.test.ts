/**
 * Issue 7: every class of bad input ends with exit 0/1 and diagnostics, or
 * exit 2 and one line naming the file and the problem — never an uncaught
 * exception, a stack trace (without --debug), a hang or a damaged file.
 * Durations are printed (`bad input: … ms`); only node:test's generous
 * per-test timeout bounds them, as the quality bars ask (speed is measured by
 * `npm run bench`, not by timed tests).
 */
import assert from "node:assert/strict";
import fs, { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";
import { EXAMPLE } from "./helpers/paths.js";

const T = { timeout: 20_000 };
const IS_ROOT = process.getuid?.() === 0;
const ROOT_SKIP = IS_ROOT ? "root ignores file permissions" : false;

const MIGRATION = ["def upgrade(conn):", '    conn.execute("CREATE INDEX idx_a ON t (a)")', ""].join("\n");
const REGISTRY = "INDEX_DEFS = []\n";
/** What check reports for MIGRATION (compact format), whatever surrounds it. */
const IDX_A = /server\/db_migrate\.py:(\d+):(\d+): error performance-index-in-migration Performance index idx_a on t/;

const temps: string[] = [];
after(() => {
  for (const d of temps) {
    try {
      chmodSync(d, 0o755);
    } catch {
      // already gone
    }
    rmSync(d, { recursive: true, force: true });
  }
});

/** A project in a temp directory; a Buffer is written as bytes. */
function project(files: Record<string, string | Buffer>): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-bad-"));
  temps.push(dir);
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), content);
  }
  return dir;
}

interface Run {
  code: number;
  out: string;
  err: string;
  ms: number;
}

async function cli(cwd: string, args: string[], label: string): Promise<Run> {
  const io = fakeIo(cwd);
  const started = performance.now();
  const code = await run(args, io);
  const ms = performance.now() - started;
  console.log(`bad input: ${label}: exit ${code} in ${ms.toFixed(0)} ms`);
  // Never a stack trace, never an internal error.
  assert.doesNotMatch(io.err, /\n\s+at /, io.err);
  assert.doesNotMatch(io.err, /internal error/, io.err);
  return { code, out: io.out, err: io.err, ms };
}

const check = (cwd: string, label: string, args: string[] = []) => cli(cwd, ["check", "-f", "compact", ...args], label);

/** Exit 2 with exactly one line on stderr that matches `message`. */
function assertOneLineError(r: Run, message: RegExp): void {
  assert.equal(r.code, 2, r.err);
  assert.match(r.err, /^index-audit: [^\n]+\n$/);
  assert.match(r.err, message);
  assert.equal(r.out, "");
}

/** Line:column of idx_a in the output, which must have found it. */
function idxA(r: Run): [number, number] {
  const m = IDX_A.exec(r.out);
  assert.ok(m, `idx_a not found in:\n${r.out}`);
  return [Number(m[1]), Number(m[2])];
}

describe("bad Python source is read as far as it goes", () => {
  it("a syntax error: python-syntax-error at its line, the index before it still found", T, async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION + "def broken(:\n    pass\n", "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "syntax error");
    assert.equal(r.code, 1);
    assert.match(r.out, /server\/db_migrate\.py:3:\d+: error python-syntax-error Python syntax error/);
    assert.deepEqual(idxA(r), [2, 19]);
  });

  it("merge-conflict markers: python-syntax-error, and both sides' indexes found", T, async () => {
    const ours = MIGRATION;
    const theirs = MIGRATION.replace("idx_a", "idx_b").replace("upgrade", "upgrade2");
    const dir = project({ "server/db_migrate.py": `<<<<<<< HEAD\n${ours}=======\n${theirs}>>>>>>> feature\n`, "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "merge conflict");
    assert.equal(r.code, 1);
    assert.match(r.out, /server\/db_migrate\.py:1:1: error python-syntax-error Python syntax error: invalid syntax near "<<<<<<<"/);
    assert.deepEqual(idxA(r), [3, 19]);
    assert.match(r.out, /:6:19: error performance-index-in-migration Performance index idx_b/);
  });

  it("an unterminated string: python-syntax-error, the index before it still found", T, async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION + 'X = "CREATE INDEX idx_c ON t (c)\n', "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "unterminated string");
    assert.equal(r.code, 1);
    assert.match(r.out, /server\/db_migrate\.py:3:\d+: error python-syntax-error/);
    assert.deepEqual(idxA(r), [2, 19]);
  });

  it("empty files: an empty migration is clean; an empty registry lacks its variable", T, async () => {
    let r = await check(project({ "server/db_migrate.py": "", "server/db_indexes.py": REGISTRY }), "empty migration");
    assert.equal(r.code, 0, r.out + r.err);
    assert.equal(r.out + r.err, "");
    r = await check(project({ "server/db_migrate.py": "", "server/db_indexes.py": "" }), "empty registry");
    assert.equal(r.code, 1);
    assert.equal(r.out, "server/db_indexes.py:1:1: error registry-entry-mismatch Registry problem: registry variable INDEX_DEFS is not defined at module level\n");
  });
});

describe("files that cannot be read: exit 2, one line naming the file", () => {
  it("a directory where the migration file should be", T, async () => {
    const dir = project({ "server/db_indexes.py": REGISTRY });
    mkdirSync(join(dir, "server/db_migrate.py"));
    assertOneLineError(await check(dir, "directory as file"), /migrations path is a directory, not a file: server\/db_migrate\.py/);
  });

  it("a missing path", T, async () => {
    const dir = project({ "server/db_indexes.py": REGISTRY });
    assertOneLineError(await check(dir, "missing path"), /migrations file not found: server\/db_migrate\.py \(the default\), and no other migrations were detected/);
    assertOneLineError(await check(dir, "missing --registry", ["--registry", "nope/registry.py", "--migrations", "server/db_indexes.py"]), /registry file not found: nope\/registry\.py/);
  });

  it("an unreadable file (chmod 000)", { ...T, skip: ROOT_SKIP }, async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });
    chmodSync(join(dir, "server/db_migrate.py"), 0o000);
    assertOneLineError(await check(dir, "unreadable"), /cannot read migration file server\/db_migrate\.py: permission denied/);
  });

  it("a binary file (a PNG), and Python text with a NUL byte", T, async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0x00, 0x00, 0x0d, 0x49, 0x48, 0x44, 0x52]);
    let dir = project({ "server/db_migrate.py": png, "server/db_indexes.py": REGISTRY });
    assertOneLineError(await check(dir, "binary file"), /migration file server\/db_migrate\.py is binary \(NUL byte at offset 8\), not Python source/);
    dir = project({ "server/db_migrate.py": MIGRATION, "server/db_indexes.py": "INDEX_DEFS = []\0\n" });
    assertOneLineError(await check(dir, "NUL byte"), /registry file server\/db_indexes\.py is binary \(NUL byte at offset 15\)/);
  });
});

describe("odd encodings and line ends", () => {
  it("invalid UTF-8: the byte offset is reported, the rest is read with replacement characters", T, async () => {
    const bytes = (tail: number[]) => Buffer.concat([Buffer.from("# caf"), Buffer.from(tail), Buffer.from("\n" + MIGRATION)]);
    // Latin-1 é; then a UTF-16 surrogate encoded in UTF-8 (ED A0 80), which is not valid UTF-8 either.
    for (const [label, tail] of [["latin-1", [0xe9]], ["surrogate", [0xed, 0xa0, 0x80]]] as const) {
      const dir = project({ "server/db_migrate.py": bytes([...tail]), "server/db_indexes.py": REGISTRY });
      const r = await check(dir, `invalid UTF-8 (${label})`);
      assert.equal(r.code, 1);
      assert.match(r.out, /server\/db_migrate\.py:1:1: error python-syntax-error File is not valid UTF-8: invalid UTF-8 at byte 5;/);
      assert.deepEqual(idxA(r), [3, 19]);
    }
  });

  it("CRLF and mixed line ends (LF, CRLF, lone CR) do not shift lines or columns", T, async () => {
    for (const [label, text] of [
      ["CRLF", "# a\r\n# b\r\n" + MIGRATION.replace(/\n/g, "\r\n")],
      ["mixed", "# a\r# b\r\n" + MIGRATION],
    ] as const) {
      const dir = project({ "server/db_migrate.py": text, "server/db_indexes.py": REGISTRY });
      const r = await check(dir, label);
      assert.equal(r.code, 1);
      assert.deepEqual(idxA(r), [4, 19], label);
    }
  });

  it("a UTF-8 BOM does not shift the first line's columns", T, async () => {
    const dir = project({ "server/db_migrate.py": "\ufeff" + 'import os; conn.execute("CREATE INDEX idx_a ON t (a)")\n', "server/db_indexes.py": "\ufeff" + REGISTRY });
    const r = await check(dir, "BOM");
    assert.deepEqual(idxA(r), [1, 26]);
  });
});

describe("huge and pathological Python", () => {
  it("a 10 MB single line", T, async () => {
    const dir = project({ "server/db_migrate.py": `BLOB = "${"x".repeat(10 * 1024 * 1024)}"; IDS = [${"1, ".repeat(100_000)}]\n` + MIGRATION, "server/db_indexes.py": REGISTRY });
    assert.deepEqual(idxA(await check(dir, "10 MB line")), [3, 19]);
  });

  it("5,000 levels of nested brackets, closed and unclosed, and 5,000 nested calls", T, async () => {
    for (const [label, expr] of [
      ["lists", "[".repeat(5000) + "]".repeat(5000)],
      ["parentheses", "(".repeat(5000) + '"x"' + ")".repeat(5000)],
      ["calls", "f(".repeat(5000) + ")".repeat(5000)],
      ["additions", Array(5000).fill('"CREATE "').join(" + ")],
    ] as const) {
      const dir = project({ "server/db_migrate.py": `X = ${expr}\n` + MIGRATION, "server/db_indexes.py": REGISTRY });
      const r = await check(dir, `nested ${label}`);
      assert.equal(r.code, 1);
      assert.deepEqual(idxA(r), [3, 19], label);
    }
    const dir = project({ "server/db_migrate.py": MIGRATION + "X = " + "[".repeat(5000) + "\n", "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "5,000 unclosed brackets");
    assert.match(r.out, /error python-syntax-error/);
    assert.deepEqual(idxA(r), [2, 19]);
  });

  it("100,000 string literals", T, async () => {
    const strings = Array.from({ length: 100_000 }, (_, i) => `    "value ${i}",\n`).join("");
    const dir = project({ "server/db_migrate.py": `VALUES = [\n${strings}]\n` + MIGRATION, "server/db_indexes.py": REGISTRY });
    assert.deepEqual(idxA(await check(dir, "100,000 strings")), [100_004, 19]);
  });

  it('"x" * 10**9 and a loop over range(10**9) are dynamic, not computed', T, async () => {
    const text = [
      "def upgrade(conn):",
      '    conn.execute("CREATE INDEX idx_x ON t (a)" + "x" * 10**9)',
      "    for i in range(10**9):",
      '        conn.execute(f"CREATE INDEX idx_{i} ON t (a)")',
      "",
    ].join("\n");
    const dir = project({ "server/db_migrate.py": text, "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "10**9");
    assert.equal(r.code, 0);
    assert.match(r.out, /:2:5: warning dynamic-index-sql .*CREATE INDEX idx_x ON t \(a\)\{"x" \* 10\*\*9\}/);
    assert.match(r.out, /:4:24: warning dynamic-index-sql .*CREATE INDEX idx_\{i\} ON t \(a\)/);
  });
});

describe("names that double a string 25 times (regressions)", () => {
  it("a 32-million-character value is dynamic, quickly, not a stack overflow", T, async () => {
    const names = "ABCDEFGHIJKLMNOPQRSTUVWXYZ".split("");
    const body = ['A = "CREATE INDEX idx_a ON t (a) "', ...names.slice(1).map((n, i) => `${n} = ${names[i]} + ${names[i]}`), "conn.execute(Z)"];
    const dir = project({ "server/db_migrate.py": "def upgrade(conn):\n" + body.map((l) => `    ${l}\n`).join(""), "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "25 doublings");
    assert.equal(r.code, 0, r.out + r.err);
    // Named where the budget ran out (Q = P + P, past a megabyte) and at the call whose SQL it kept from being read.
    assert.equal(
      r.out,
      "server/db_migrate.py:18:9: warning dynamic-index-sql Static evaluation stopped: limit stringLength (1048576 characters per string) reached while evaluating this expression; it is not known statically\n" +
        "server/db_migrate.py:28:5: warning dynamic-index-sql Static evaluation stopped: the SQL passed here was not read in full: limit stringLength (1048576 characters per string) reached\n",
    );
  });

  it("textwrap.dedent of a string with a 1 MB line", T, async () => {
    const sql = `\n        CREATE INDEX idx_a ON t (a) WHERE b = '${"x".repeat(1_000_000)}'\n    `;
    const dir = project({ "server/db_migrate.py": `import textwrap\ndef upgrade(conn):\n    conn.execute(textwrap.dedent("""${sql}"""))\n`, "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "dedent of a 1 MB line");
    assert.equal(r.code, 1);
    assert.match(r.out, /:4:9: error performance-index-in-migration Performance index idx_a/);
  });
});

describe("huge and pathological SQL strings", () => {
  const sqlProject = (sql: string) => project({ "server/db_migrate.py": `def upgrade(conn):\n    conn.execute("""${sql}""")\n`, "server/db_indexes.py": REGISTRY });

  it("one statement with 50,000 key columns", T, async () => {
    const r = await check(sqlProject(`CREATE INDEX IF NOT EXISTS idx_wide ON t (${"a, ".repeat(50_000)}b)`), "50,000 columns");
    assert.equal(r.code, 1);
    assert.match(r.out, /:2:21: error performance-index-in-migration Performance index idx_wide/);
  });

  it("5,000 statements in one string (a regression: reading them was quadratic)", T, async () => {
    const sql = Array.from({ length: 5_000 }, (_, i) => `CREATE INDEX IF NOT EXISTS idx_${i} ON t (a);\n`).join("");
    const r = await check(sqlProject(sql), "5,000 statements");
    assert.equal(r.code, 1);
    assert.match(r.out, /:5001:1: error performance-index-in-migration Performance index idx_4999 /);
  });

  it("nesting past PostgreSQL's limits is invalid-sql at the string, not a crash", T, async () => {
    const r = await check(sqlProject(`CREATE INDEX idx_deep ON t (a) WHERE ${"NOT ".repeat(100_000)}a`), "100,000 NOTs");
    assert.equal(r.code, 1);
    assert.match(r.out, /:2:\d+: error invalid-sql PostgreSQL cannot parse this SQL/);
    const deep = await check(sqlProject(`CREATE INDEX idx_deep ON t ((${"(".repeat(5000)}a${")".repeat(5000)}))`), "5,000 parentheses in SQL");
    assert.ok(deep.code === 0 || deep.code === 1);
  });

  it("a line of 100,000 unclosed suppression comments (a regression: the directive pattern rescanned the line)", T, async () => {
    const dir = project({ "server/db_migrate.py": "# index-audit: ignore[".repeat(100_000) + "\n" + MIGRATION, "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "100,000 suppressions");
    // An unclosed `ignore[` names no rule; none is on or above idx_a's line, so each suppresses nothing.
    assert.equal(r.code, 1);
    assert.equal(r.out.split("\n").filter((l) => l.includes("unused-suppression")).length, 100_000);
    assert.deepEqual(idxA(r), [3, 19]);
    assert.match(r.out, /^server\/db_migrate\.py:1:23: warning unused-suppression/m);
  });
});

describe("pathological comments", () => {
  it("20,000 classification pragmas on one line ending in U+2028 (a regression: the pattern rescanned the line)", T, async () => {
    const pragmas = "# index-audit: functional ".repeat(20_000) + "\u2028x";
    const dir = project({ "server/db_migrate.py": `def upgrade(conn):\n    ${pragmas}\n    conn.execute("CREATE INDEX idx_a ON t (a)")\n`, "server/db_indexes.py": REGISTRY });
    const r = await check(dir, "20,000 pragmas");
    // The pragma makes idx_a functional: it may stay in migrations.
    assert.doesNotMatch(r.out, /performance-index-in-migration/);
    assert.match(r.out, /:3:19: warning non-idempotent-migration-index/);
  });
});

describe("globs", () => {
  it("a pattern that matches nothing", T, async () => {
    const dir = project({ "server/db_indexes.py": REGISTRY });
    assertOneLineError(await check(dir, "glob matches nothing", ["--migrations", "server/migrations/*.py"]), /no files match the migrations pattern 'server\/migrations\/\*\.py'/);
  });

  it("a pattern that is not a valid glob (a regression: an internal error)", T, async () => {
    const dir = project({ "server/db_indexes.py": REGISTRY });
    assertOneLineError(await check(dir, "invalid glob", ["--migrations", "server/[z-a].py"]), /invalid glob pattern '\[z-a\]\.py': Range out of order in character class/);
  });

  it("a pattern that matches 3,000 files", T, async () => {
    const files: Record<string, string> = { "server/db_indexes.py": REGISTRY };
    for (let i = 0; i < 3000; i++) files[`server/migrations/m${String(i).padStart(4, "0")}.py`] = `# migration ${i}\nX = ${i}\n`;
    files["server/migrations/m9999.py"] = MIGRATION;
    const r = await check(project(files), "3,000 files", ["--migrations", "server/migrations/*.py"]);
    assert.equal(r.code, 1);
    assert.match(r.out, /server\/migrations\/m9999\.py:2:19: error performance-index-in-migration/);
  });

  it("symlinks that loop are not followed", T, async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });
    symlinkSync("..", join(dir, "server/up")); // server/up/server/up/... forever
    symlinkSync("self.py", join(dir, "server/self.py")); // a link to itself
    const r = await check(dir, "symlink loop", ["--migrations", "**/*.py"]);
    assert.equal(r.code, 1);
    assert.deepEqual(idxA(r), [2, 19]);
    assertOneLineError(await check(dir, "looping symlink as the file", ["--migrations", "server/self.py"]), /migrations file not found: server\/self\.py/);
  });
});

describe("bad configuration: exit 2, one line naming the file and the key", () => {
  const withConfig = (name: string, text: string) => project({ [name]: text, "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });

  it("not JSON, not TOML", T, async () => {
    assertOneLineError(await check(withConfig("index-audit.json", "{ migrations: [}"), "config not JSON"), /^index-audit: index-audit\.json:1:3: not valid JSON: /);
    assertOneLineError(await check(withConfig("pyproject.toml", "[tool.index-audit\nmigrations = 1\n"), "config not TOML"), /^index-audit: pyproject\.toml:1:\d+: not valid TOML: /);
    assertOneLineError(await check(withConfig("index-audit.json", "\u0000\u0001binary"), "config binary"), /^index-audit: index-audit\.json: not valid JSON: Unexpected token '\\x00', "\\x00\\x01binary" is not valid JSON$/m);
  });

  it("an unknown key", T, async () => {
    assertOneLineError(await check(withConfig("index-audit.json", '{ "registry": { "path": "server/db_indexes.py", "varable": "X" } }'), "unknown key"), /index-audit\.json: .*'registry\.varable'/);
  });

  it("a wrong type", T, async () => {
    assertOneLineError(await check(withConfig("index-audit.json", '{ "migrations": 7 }'), "wrong type"), /index-audit\.json: .*migrations/);
    assertOneLineError(await check(withConfig("pyproject.toml", '[tool.index-audit]\nexecutors = 3\n'), "wrong type (TOML)"), /pyproject\.toml: .*executors/);
  });

  it("an unknown rule", T, async () => {
    assertOneLineError(await check(withConfig("index-audit.json", '{ "rules": { "no-such-rule": "error" } }'), "unknown rule"), /index-audit\.json: unknown rule 'no-such-rule' in rules/);
  });
});

// ---------------------------------------------------------------------------
// Writes: a failed write is one line, exit 2, the original bytes intact, no temp file left.

const FIXABLE_REGISTRY = 'INDEX_DEFS = [\n    {"name": "idx_b", "table": "t", "sql": "CREATE INDEX IF NOT EXISTS idx_b ON t (b)"},\n]\n';

function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (rel: string) => {
    for (const e of readdirSync(join(dir, rel), { withFileTypes: true })) {
      const path = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) walk(path);
      else out.set(path, readFileSync(join(dir, path)).toString("base64"));
    }
  };
  walk("");
  return out;
}

function assertUnchanged(dir: string, before: Map<string, string>): void {
  const now = snapshot(dir);
  assert.deepEqual([...now.keys()].filter((p) => p.endsWith(".tmp")), [], "a temporary file was left behind");
  assert.deepEqual(now, before);
}

/** Makes fs.writeSync fail (as a full disk would), for the duration of `body`. */
async function withFailingWrites<T>(body: () => Promise<T>): Promise<T> {
  const original = fs.writeSync;
  fs.writeSync = (() => {
    throw Object.assign(new Error("ENOSPC: no space left on device, write"), { code: "ENOSPC" });
  });
  syncBuiltinESMExports();
  try {
    return await body();
  } finally {
    fs.writeSync = original;
    syncBuiltinESMExports();
  }
}

interface WriteCase {
  name: string;
  args: string[];
  /** The file the command writes, relative to the project. */
  target: string;
  files?: Record<string, string>;
}

const WRITES: WriteCase[] = [
  { name: "check --fix", args: ["check", "--fix"], target: "server/db_indexes.py" },
  { name: "check --update-baseline", args: ["check", "--update-baseline"], target: ".index-audit-baseline.json" },
  { name: "check --output-file", args: ["check", "--output-file", "out/report.txt"], target: "out/report.txt" },
  { name: "report --output", args: ["report", "--output", "docs/index-audit.md"], target: "docs/index-audit.md" },
  { name: "init --force", args: ["init", "--force"], target: "index-audit.json" },
];

describe("writes that fail leave the original bytes", () => {
  for (const w of WRITES) {
    const base = (): Record<string, string> => ({
      "server/db_migrate.py": MIGRATION,
      "server/db_indexes.py": FIXABLE_REGISTRY,
      ...(w.target === "server/db_indexes.py" ? {} : { [w.target]: "original bytes\n" }),
      ...(w.target === "index-audit.json" ? { [w.target]: '{ "migrations": ["server/db_migrate.py"] }\n' } : {}),
    });

    it(`${w.name}: the write fails midway (disk full)`, T, async () => {
      const dir = project(base());
      const before = snapshot(dir);
      const r = await withFailingWrites(() => cli(dir, w.args, `${w.name}, write fails`));
      assertOneLineError({ ...r, out: "" }, new RegExp(`cannot write ${w.target.replace(/[.]/g, "\\.")}: ENOSPC`));
      assertUnchanged(dir, before);
    });

    it(`${w.name}: the target is read-only in a read-only directory`, { ...T, skip: ROOT_SKIP }, async () => {
      const dir = project(base());
      const target = join(dir, w.target);
      chmodSync(target, 0o444);
      chmodSync(dirname(target), 0o555);
      const before = snapshot(dir);
      try {
        const r = await cli(dir, w.args, `${w.name}, read-only`);
        assertOneLineError({ ...r, out: "" }, new RegExp(`cannot write ${w.target.replace(/[.]/g, "\\.")}: permission denied`));
        assertUnchanged(dir, before);
        assert.equal(statSync(target).mode & 0o777, 0o444);
      } finally {
        chmodSync(dirname(target), 0o755);
      }
    });

    if (w.target !== "server/db_indexes.py") {
      it(`${w.name}: a directory stands where the file should be`, T, async () => {
        const files = base();
        delete files[w.target];
        const dir = project(files);
        mkdirSync(join(dir, w.target), { recursive: true });
        writeFileSync(join(dir, w.target, "keep.txt"), "kept\n");
        const before = snapshot(dir);
        const r = await cli(dir, w.args, `${w.name}, directory at target`);
        assertOneLineError({ ...r, out: "" }, new RegExp(`cannot write ${w.target.replace(/[.]/g, "\\.")}: `));
        assertUnchanged(dir, before);
      });
    }
  }
});

describe("flags with bad values", () => {
  it("--max-warnings that is not a number, --cwd that does not exist: exit 2, one line", async () => {
    for (const [args, message] of [
      [["check", "--max-warnings", "abc"], "index-audit: --max-warnings must be a whole number\n"],
      [["check", "--max-warnings=1.5"], "index-audit: --max-warnings must be a whole number\n"],
      [["check", "--cwd", "no/such/dir"], "index-audit: --cwd no/such/dir: no such directory\n"],
    ] as const) {
      const io = fakeIo(EXAMPLE);
      assert.equal(await run([...args], io), 2);
      assert.equal(io.err, message);
    }
  });
});
