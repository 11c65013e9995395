import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Chalk } from "chalk";
import { RULES } from "../rules/index.js";
import type { Diagnostic } from "../src/engine/rule.js";
import { formatStylish } from "../src/format/check/stylish.js";
import { summarize } from "../src/format/check/types.js";
import { cli } from "./helpers/cli.js";
import { EXAMPLE } from "./helpers/paths.js";

// What a new user meets first on the command line: output files, help text,
// the summary, the baseline's bookkeeping.

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-cli-"));
  temps.push(dir);
  cpSync(join(EXAMPLE, "server"), join(dir, "server"), { recursive: true });
  return dir;
}

describe("check --output-file", () => {
  it("creates the directory it writes into, as report --output does", async () => {
    const dir = copyExample();
    const printed = await cli(dir, ["check", "-f", "compact"]);
    const written = await cli(dir, ["check", "-f", "compact", "-o", "out/deeper/x.txt"]);
    assert.deepEqual([written.code, written.out, written.err], [1, "", ""]);
    assert.equal(readFileSync(join(dir, "out/deeper/x.txt"), "utf8"), printed.out);
  });

  it("a file in the way of the directory is one line and exit 2", async () => {
    const dir = copyExample();
    writeFileSync(join(dir, "out"), "a file\n");
    const r = await cli(dir, ["check", "-o", "out/x.txt"]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", "index-audit: cannot create the directory of out/x.txt: EEXIST\n"]);
  });
});

describe("the hook's fast path", () => {
  it("skips without loading the CLI when no staged file concerns the project, also with --staged --base HEAD", async () => {
    const { skipsPreCommit } = await import("../src/commands/precommit.js");
    assert.equal(await skipsPreCommit(["check", "--staged", "--base", "HEAD", "--cwd", ".", "--", "README.md"], EXAMPLE), true);
    assert.equal(await skipsPreCommit(["check", "--staged", "--base=HEAD", "README.md"], EXAMPLE), true);
    assert.equal(await skipsPreCommit(["check", "--staged", "--base", "HEAD", "--", "server/db_migrate.py"], EXAMPLE), false);
    assert.equal(await skipsPreCommit(["check", "--base"], EXAMPLE), false);
  });
});

describe("--help", () => {
  it("--max-warnings has no limit by default, and says so", async () => {
    const r = await cli(EXAMPLE, ["check", "--help"]);
    assert.deepEqual({ code: r.code, err: r.err }, { code: 0, err: "" });
    const line = r.out.split("\n").find((l) => l.includes("--max-warnings"));
    assert.ok(line, r.out);
    assert.match(line, /Exit 1 past this many warnings \(default: no limit\)/);
    assert.doesNotMatch(r.out, /default: -1/);
  });
});

describe("baseline bookkeeping", () => {
  it("reports entries that no longer match anything, with the command that prunes them", async () => {
    const dir = copyExample();
    assert.equal((await cli(dir, ["check", "--update-baseline"])).code, 0);
    const path = join(dir, ".index-audit-baseline.json");
    const baseline = JSON.parse(readFileSync(path, "utf8")) as { findings: { rule: string; file: string; index: string | null; message: string; count: number }[] };
    const gone = { rule: "performance-index-in-migration", file: "server/db_migrate.py", message: "gone", count: 1 };
    baseline.findings.push({ ...gone, index: "idx_gone_1" }, { ...gone, index: "idx_gone_2" }, { ...gone, index: "idx_gone_3" });
    writeFileSync(path, JSON.stringify(baseline));
    const r = await cli(dir, ["check"]);
    assert.equal(r.code, 0);
    assert.equal(r.err, "index-audit: 3 baseline entries are stale (the finding is gone); `index-audit check --update-baseline` prunes them\n");
    baseline.findings.pop();
    baseline.findings.pop();
    writeFileSync(path, JSON.stringify(baseline));
    assert.equal((await cli(dir, ["check"])).err, "index-audit: 1 baseline entry is stale (the finding is gone); `index-audit check --update-baseline` prunes it\n");
    assert.equal((await cli(dir, ["check", "--update-baseline"])).code, 0);
    assert.equal((await cli(dir, ["check"])).err, "");
  });

  it("a baseline outside the working directory is shown by its own path", async () => {
    const r = await cli(EXAMPLE, ["check", "--baseline", "/dev/null"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^index-audit: \/dev\/null: baseline is not valid JSON/);
  });
});

const diagnostic = (over: Partial<Diagnostic>): Diagnostic => ({
  rule: "registry-not-concurrent",
  messageId: "notConcurrent",
  severity: "error",
  message: "Registry index idx_calls_direction is built without CONCURRENTLY",
  help: "",
  file: "server/db_indexes.py",
  line: 158,
  column: 17,
  endLine: 158,
  endColumn: 40,
  index: "idx_calls_direction",
  fix: null,
  suggestions: [],
  ...over,
});

describe("stylish", () => {
  it("wraps a long message under its own column, keeps the rule column aligned and says what --fix can fix", () => {
    const diagnostics = [
      diagnostic({ fix: { edits: [] } as unknown as Diagnostic["fix"] }),
      diagnostic({
        rule: "identifier-too-long",
        line: 421,
        message: "Index name idx_webhook_deliveries_business_id_status_next_retry_at_pending_only is 68 bytes; PostgreSQL truncates it to 63 bytes: idx_webhook_deliveries_business_id_status_next_retry_at_pending",
      }),
      diagnostic({ rule: "redundant-index", severity: "warn", line: 500, column: 5, message: "Index idx_a duplicates idx_b" }),
    ];
    const report = { diagnostics, summary: summarize(diagnostics, 0, 0, 1), files: ["server/db_indexes.py"], base: null };
    const out = formatStylish(report, { chalk: new Chalk({ level: 0 }), rules: RULES, toolVersion: "0", ruleDocs: new Map(), repositoryPrefix: "" });
    assert.equal(
      out,
      [
        "server/db_indexes.py",
        "  158:17  error    Registry index idx_calls_direction is built without CONCURRENTLY                                      registry-not-concurrent",
        "  421:17  error    Index name idx_webhook_deliveries_business_id_status_next_retry_at_pending_only is 68 bytes;          identifier-too-long",
        "                   PostgreSQL truncates it to 63 bytes: idx_webhook_deliveries_business_id_status_next_retry_at_pending",
        "  500:5   warning  Index idx_a duplicates idx_b                                                                          redundant-index",
        "",
        "✖ 3 problems (2 errors, 1 warning)",
        "  1 fixable with `index-audit check --fix` (`--fix-dry-run` shows the change first)",
        "",
      ].join("\n"),
    );
  });
});

describe("paths shown", () => {
  it("are relative to where the user stands: run from server/, the paths open from there", async () => {
    const dir = copyExample();
    writeFileSync(join(dir, "index-audit.json"), "{}\n");
    const top = await cli(dir, ["check", "-f", "compact"]);
    assert.equal(top.code, 1);
    const below = await cli(join(dir, "server"), ["check", "-f", "compact"]);
    assert.equal(below.code, 1);
    assert.equal(below.out, top.out.replace(/^server\//gm, ""));
    assert.ok(existsSync(join(dir, "server", below.out.split(":")[0]!)));
  });
});

describe("Python syntax errors", () => {
  it("read like Python's (expected ':' at Python's column) and cause no knock-on dynamic-index-sql in the broken statement", async () => {
    const dir = mkdtempSync(join(tmpdir(), "index-audit-syntax-"));
    temps.push(dir);
    cpSync(join(EXAMPLE, "server/db_indexes.py"), join(dir, "db_indexes.py"));
    const migrate = [
      "from sqlalchemy import text",
      "",
      "",
      "def migrate(conn)",
      '    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_a ON a (x)"))',
      "",
      "",
      "def more(conn):",
      '    for t in ("leads", "calls")',
      '        conn.execute(text(f"CREATE UNIQUE INDEX IF NOT EXISTS uq_{t}_x ON {t} (x)"))',
      "",
    ].join("\n");
    writeFileSync(join(dir, "db_migrate.py"), migrate);
    writeFileSync(join(dir, "db_indexes.py"), "INDEX_DEFS = []\n");
    const r = await cli(dir, ["check", "-f", "compact", "--migrations", "db_migrate.py", "--registry", "db_indexes.py"]);
    // python3 -c "import ast; ast.parse(...)" says: line 4, offset 18, "expected ':'".
    assert.deepEqual([r.code, r.out, r.err], [1, "db_migrate.py:4:18: error python-syntax-error Python syntax error: expected ':'; the findings for this file may be incomplete\n", ""]);
  });
});
