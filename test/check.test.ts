import assert from "node:assert/strict";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { Ajv } from "ajv";
import { RULES } from "../rules/index.js";
import { run } from "../src/index.js";
import { assertGolden } from "./helpers/golden.js";
import { fakeIo } from "./helpers/io.js";
import { EXAMPLE, ROOT } from "./helpers/paths.js";


async function check(cwd: string, args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(cwd, env);
  const code = await run(["check", ...args], io);
  return { code, out: io.out, err: io.err };
}

const temps: string[] = [];
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-check-"));
  temps.push(dir);
  cpSync(join(EXAMPLE, "server"), join(dir, "server"), { recursive: true });
  return dir;
}
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("check on the example project", () => {
  // One line per diagnostic: the whole check of the example; each format's layout has its golden in test/golden/ (formatters.test).
  it("--format compact matches its golden file and exits 1", async () => {
    const r = await check(EXAMPLE, ["--format", "compact"]);
    assert.equal(r.err, "");
    assert.equal(r.code, 1);
    assertGolden(r.out, join(EXAMPLE, "expected", "check.compact.txt"));
  });

  it("JSON output validates against schemas/report.schema.json and counts add up", async () => {
    const r = await check(EXAMPLE, ["--format", "json"]);
    const doc = JSON.parse(r.out) as { diagnostics: { severity: string; rule: string }[]; summary: { errors: number; warnings: number; files: number } };
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/report.schema.json"), "utf8")) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.equal(doc.summary.errors, doc.diagnostics.filter((d) => d.severity === "error").length);
    assert.equal(doc.summary.warnings, doc.diagnostics.filter((d) => d.severity === "warn").length);
    assert.equal(doc.summary.files, 2);
  });

  it("SARIF names every rule it reports, with levels and physical locations", async () => {
    const r = await check(EXAMPLE, ["--format", "sarif"]);
    const doc = JSON.parse(r.out) as {
      version: string;
      runs: { tool: { driver: { rules: { id: string; help: { text: string; markdown?: string } }[] } }; results: { ruleId: string; ruleIndex: number; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
    };
    assert.equal(doc.version, "2.1.0");
    const run0 = doc.runs[0]!;
    const ids = run0.tool.driver.rules.map((r) => r.id);
    for (const rule of run0.tool.driver.rules) assert.ok(rule.help.markdown?.startsWith(`# ${rule.id}`), `${rule.id} has its README as help`);
    assert.equal(run0.results.length, 107);
    assert.equal(ids.length, RULES.length);
    for (const res of run0.results) {
      assert.equal(ids[res.ruleIndex], res.ruleId);
      assert.ok(res.level === "error" || res.level === "warning");
      // From the repository root: the example project sits in fixtures/example/ of this repository.
      assert.match(res.locations[0]!.physicalLocation.artifactLocation.uri, /^fixtures\/example\/server\/db_(migrate|indexes)\.py$/);
      assert.ok(res.locations[0]!.physicalLocation.region.startLine >= 1);
    }
  });

  it("picks the github format under GitHub Actions when none is given", async () => {
    const r = await check(EXAMPLE, [], { GITHUB_ACTIONS: "true" });
    assert.match(r.out, /^::error file=fixtures\/example\/server\/db_indexes\.py,line=\d+,col=\d+/);
  });

  it("--quiet hides warnings and keeps errors", async () => {
    const quiet = await check(EXAMPLE, ["--quiet", "-f", "compact"]);
    assert.doesNotMatch(quiet.out, / warning /);
    assert.match(quiet.out, / error /);
  });

  it("--output-file writes the report and nothing to stdout", async () => {
    const dir = copyExample();
    const r = await check(dir, ["-f", "json", "--output-file", "out/../report.json"]);
    assert.equal(r.out, "");
    assert.equal(r.code, 1);
    // The file holds what stdout would have: the same document, every diagnostic.
    assert.equal(readFileSync(join(dir, "report.json"), "utf8"), (await check(dir, ["-f", "json"])).out);
    assert.equal((JSON.parse(readFileSync(join(dir, "report.json"), "utf8")) as { diagnostics: unknown[] }).diagnostics.length, 107);
  });
});

describe("check on the example project with its problems fixed by hand", () => {
  it("prints nothing and exits 0", async () => {
    const r = await check(join(ROOT, "fixtures/example-clean"), ["--max-warnings", "0"]);
    assert.deepEqual([r.code, r.out, r.err], [0, "", ""]);
  });
});

describe("exit codes", () => {
  it("0 on a clean project, 1 on warnings past --max-warnings", async () => {
    const dir = mkdtempSync(join(tmpdir(), "index-audit-clean-"));
    temps.push(dir);
    cpSync(join(ROOT, "fixtures/rules/redundant-index/invalid/same-keys-different-names/server"), join(dir, "server"), { recursive: true });
    const errorsOff = JSON.stringify({ rules: { "performance-index-in-migration": "off", "non-idempotent-migration-index": "off", "index-in-both-places": "off" } });
    writeFileSync(join(dir, "index-audit.json"), errorsOff);
    const lenient = await check(dir, ["-f", "compact"]);
    assert.equal(lenient.code, 0, lenient.out + lenient.err);
    assert.match(lenient.out, / warning redundant-index /);
    const strict = await check(dir, ["-f", "compact", "--max-warnings", "0"]);
    assert.equal(strict.code, 1);
  });

  it("2 with one line for an unknown format, rule, command or missing file", async () => {
    for (const [args, message] of [
      [["--format", "xml"], /Invalid values/],
      [["--registry", "nope.py"], /^index-audit: registry file not found: nope\.py\n$/],
      [["lsit"], /^index-audit: unknown command 'lsit'/],
    ] as const) {
      const r = await check(EXAMPLE, [...args]);
      assert.equal(r.code, 2, String(args));
      assert.match(r.err, message);
      assert.equal(r.err.split("\n").length, 2, r.err);
    }
  });
});

describe("--staged", () => {
  it("outside a git repository, or with --fix, is exit 2 with one line", async () => {
    const dir = copyExample();
    const outside = await check(dir, ["--staged"]);
    assert.equal(outside.code, 2);
    assert.match(outside.err, /^index-audit: --staged: .* is not inside a git repository\n$/);
    const withFix = await check(dir, ["--staged", "--fix"]);
    assert.deepEqual([withFix.code, withFix.err], [2, "index-audit: --staged cannot be combined with --fix: fixes edit the work tree\n"]);
  });
});

describe("pre-commit file names", () => {
  it("does nothing when no staged file is a migration, the registry or a config", async () => {
    const r = await check(EXAMPLE, ["README.md", "expected/list.json"]);
    assert.deepEqual([r.code, r.out, r.err], [0, "", ""]);
  });

  it("a .sql project: a staged file psql's \\ir may run is checked, by the fast path and by check alike", async () => {
    const dir = mkdtempSync(join(tmpdir(), "index-audit-check-"));
    temps.push(dir);
    mkdirSync(join(dir, "db"));
    mkdirSync(join(dir, "lib"));
    writeFileSync(join(dir, "index-audit.json"), JSON.stringify({ sources: [{ kind: "sql", paths: ["db/*.sql"] }] }));
    writeFileSync(join(dir, "db/001_init.sql"), "CREATE TABLE t (a int);\n");
    writeFileSync(join(dir, "db/002_indexes.sql"), "\\ir ../lib/indexes.sql\n");
    writeFileSync(join(dir, "lib/indexes.sql"), "CREATE INDEX t_a ON t (a);\n");
    writeFileSync(join(dir, "README.md"), "");
    const { skipsPreCommit } = await import("../src/commands/precommit.js");
    assert.equal(await skipsPreCommit(["check", "lib/indexes.sql"], dir), false);
    assert.equal(await skipsPreCommit(["check", "README.md"], dir), true);
    const r = await check(dir, ["lib/indexes.sql", "-f", "compact"]);
    assert.equal(r.code, 1);
    assert.match(r.out, /^lib\/indexes\.sql:1:1: .*index-not-concurrent/m);
    assert.deepEqual(await check(dir, ["README.md"]), { code: 0, out: "", err: "" });
  });

  it("checks the whole project when the migration is among them", async () => {
    const r = await check(EXAMPLE, ["README.md", "server/db_migrate.py", "-f", "compact"]);
    assert.equal(r.code, 1);
    assert.match(r.out, /performance-index-in-migration/);
  });
});

describe("baseline", () => {
  it("--update-baseline accepts today's findings; only new ones fail afterwards", async () => {
    const dir = copyExample();
    const written = await check(dir, ["--update-baseline"]);
    assert.equal(written.code, 0);
    assert.match(written.err, /^index-audit: wrote \d+ findings to \.index-audit-baseline\.json\n$/);

    const clean = await check(dir, []);
    assert.equal(clean.code, 0, clean.out);
    assert.match(clean.out, /no new problems \(\d+ in the baseline\)/);

    // Shift every line down and add one new performance index: only that one is reported.
    const path = join(dir, "server/db_migrate.py");
    const text = readFileSync(path, "utf8");
    writeFileSync(path, "# a new header comment\n\n" + text.replace("\ndef _utcnow():", '\ndef _new(conn):\n    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_brand_new ON leads (referral_code, brand_new_flag)"))\n\n\ndef _utcnow():'));
    const after = await check(dir, ["-f", "compact"]);
    assert.equal(after.code, 1);
    assert.deepEqual(
      after.out.trim().split("\n").map((l) => l.replace(/^\S+ (\w+) ([a-z-]+) .*$/, "$1 $2")),
      ["error performance-index-in-migration"],
    );
    assert.match(after.out, /idx_brand_new/);
  });

  it("a malformed baseline is one line and exit 2", async () => {
    const dir = copyExample();
    writeFileSync(join(dir, "b.json"), "{ nope");
    const r = await check(dir, ["--baseline", "b.json"]);
    assert.equal(r.code, 2);
    assert.match(r.err, /^index-audit: b\.json: baseline is not valid JSON/);
  });
});

describe("README", () => {
  it("its rules table lists exactly the rules that exist, with their defaults", async () => {
    const { RULES } = await import("../rules/index.js");
    const readme = readFileSync(join(ROOT, "README.md"), "utf8");
    const table = readme.slice(readme.indexOf("<!-- rules-table -->"), readme.indexOf("<!-- /rules-table -->"));
    const rows = [...table.matchAll(/^\| \[`([a-z-]+)`\]\(rules\/\1\/README\.md\) \| (error|warn|off) \| (yes|no) \| (.+) \|$/gm)].map((m) => [m[1], m[2], m[3], m[4]]);
    assert.deepEqual(
      rows,
      RULES.map((r) => [r.id, r.meta.defaultSeverity, r.meta.fixable ? "yes" : "no", r.meta.description]),
    );
  });
});
