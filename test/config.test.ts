import assert from "node:assert/strict";
import { join } from "node:path";
import { describe, it } from "node:test";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";
import { writeProject } from "./helpers/project.js";

const MIGRATION = [
  '"""Migrations."""',
  "from sqlalchemy import text",
  "",
  "",
  "def upgrade(conn):",
  '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)"))',
  "",
].join("\n");
const REGISTRY = 'INDEX_DEFS = []\n';

/** A project in a temp directory: files given by relative path. */
function project(files: Record<string, string>): string {
  return writeProject("index-audit-config-", files);
}

async function check(cwd: string, args: string[] = []) {
  const io = fakeIo(cwd);
  const code = await run(["check", "-f", "compact", ...args], io);
  return { code, out: io.out, err: io.err };
}

describe("configuration discovery", () => {
  it("with no configuration, audits server/db_migrate.py against server/db_indexes.py", async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });
    const r = await check(dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^server\/db_migrate\.py:6:24: error performance-index-in-migration /);
  });

  it("finds index-audit.json in a parent directory; its paths are relative to it", async () => {
    const dir = project({
      "index-audit.json": JSON.stringify({ migrations: ["app/migrate.py"], registry: { path: "app/indexes.py", variable: "INDEXES" } }),
      "app/migrate.py": MIGRATION,
      "app/indexes.py": "INDEXES = []\n",
      "app/sub/README.md": "",
    });
    const r = await check(join(dir, "app/sub"));
    assert.equal(r.code, 1, r.err);
    // Shown relative to where the user stands (app/sub), so the path opens from there.
    assert.match(r.out, /^\.\.\/migrate\.py:6:24: error performance-index-in-migration /);
  });

  it("reads .index-audit.json, and [tool.index-audit] in pyproject.toml", async () => {
    const hidden = project({ ".index-audit.json": JSON.stringify({ rules: { "performance-index-in-migration": "off" } }), "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });
    assert.equal((await check(hidden)).code, 0);
    const toml = project({
      "pyproject.toml": ['[project]', 'name = "crm"', "", "[tool.index-audit]", 'rules = { "performance-index-in-migration" = "warn" }', ""].join("\n"),
      "server/db_migrate.py": MIGRATION,
      "server/db_indexes.py": REGISTRY,
    });
    const r = await check(toml);
    assert.equal(r.code, 0);
    assert.match(r.out, / warning performance-index-in-migration /);
  });

  it("skips a pyproject.toml without [tool.index-audit] and keeps walking up", async () => {
    const dir = project({
      "index-audit.json": JSON.stringify({ migrations: ["svc/server/db_migrate.py"], registry: "svc/server/db_indexes.py", rules: { "performance-index-in-migration": "off" } }),
      "svc/pyproject.toml": '[project]\nname = "svc"\n',
      "svc/server/db_migrate.py": MIGRATION,
      "svc/server/db_indexes.py": REGISTRY,
    });
    const r = await check(join(dir, "svc"));
    assert.deepEqual([r.code, r.err], [0, ""]);
  });

  it("functional overrides in the configuration reclassify an index", async () => {
    const dir = project({
      "index-audit.json": JSON.stringify({ functional: { idx_leads_status: "the status filter backs a partial exclusion" } }),
      "server/db_migrate.py": MIGRATION,
      "server/db_indexes.py": REGISTRY,
    });
    const r = await check(dir);
    assert.deepEqual([r.code, r.out], [0, ""]);
  });
});

describe("invalid configuration: one line naming the file and the key, exit 2", () => {
  const cases: [name: string, file: string, text: string, message: RegExp][] = [
    ["not JSON", "index-audit.json", "{ migrations: [", /^index-audit: index-audit\.json:1:3: not valid JSON: /],
    ["not JSON, with the line and column", "index-audit.json", '{\n  "migrations": ["a.py"],\n  "registry" "r.py"\n}\n', /^index-audit: index-audit\.json:3:14: not valid JSON: Unexpected string$/m],
    ["not TOML", "pyproject.toml", "[tool.index-audit\nrules = 1\n", /^index-audit: pyproject\.toml:1:\d+: not valid TOML: /],
    ["not TOML, with the line", "pyproject.toml", '[project]\nname = "leads"\n\n[tool.index-audit]\nmigrations = = 1\n', /^index-audit: pyproject\.toml:5:14: not valid TOML: invalid value$/m],
    ["unknown key", "index-audit.json", '{"migration": ["a.py"]}', /^index-audit: index-audit\.json: unknown key 'migration'; did you mean 'migrations'\?$/m],
    ["unknown nested key", "index-audit.json", '{"registry": {"path": "r.py", "varable": "X"}}', /^index-audit: index-audit\.json: unknown key 'registry\.varable'; did you mean 'registry\.variable'\?$/m],
    ["wrong type", "index-audit.json", '{"migrations": 3}', /^index-audit: index-audit\.json: migrations must be string or array$/m],
    ["unknown rule", "index-audit.json", '{"rules": {"no-such-rule": "off"}}', /^index-audit: index-audit\.json: unknown rule 'no-such-rule' in rules/m],
    ["bad severity", "index-audit.json", '{"rules": {"redundant-index": "warnings"}}', /^index-audit: index-audit\.json: rules\.redundant-index /m],
    ["bad rule options", "index-audit.json", '{"rules": {"registry-entry-mismatch": ["error", {"requiredKeys": "name"}]}}', /^index-audit: index-audit\.json: rules\.registry-entry-mismatch\[1\]\.requiredKeys must be array$/m],
    ["unknown rule option", "index-audit.json", '{"rules": {"redundant-index": ["warn", {"prefixes": true}]}}', /^index-audit: index-audit\.json: unknown key 'rules\.redundant-index\[1\]\.prefixes'; did you mean 'rules\.redundant-index\[1\]\.prefix'\?$/m],
    ["bad TOML value", "pyproject.toml", '[tool.index-audit]\nmigrations = 3\n', /^index-audit: pyproject\.toml: migrations must be string or array$/m],
  ];
  for (const [name, file, text, message] of cases) {
    it(name, async () => {
      const dir = project({ [file]: text, "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });
      const r = await check(dir);
      assert.equal(r.code, 2, r.out + r.err);
      assert.match(r.err, message);
      assert.equal(r.err.trimEnd().split("\n").length, 1, r.err);
      assert.equal(r.out, "");
    });
  }

  it("accepts \"warning\" for \"warn\", and one glob where a list of globs is expected", async () => {
    const dir = project({
      "index-audit.json": JSON.stringify({ migrations: "server/*.py", rules: { "performance-index-in-migration": "warning" }, domains: { Leads: "lead*" } }),
      "server/db_migrate.py": MIGRATION,
      "server/db_indexes.py": REGISTRY,
    });
    const r = await check(dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /^server\/db_migrate\.py:6:24: warning performance-index-in-migration /);
  });

  it("--config naming a missing file", async () => {
    const dir = project({ "server/db_migrate.py": MIGRATION, "server/db_indexes.py": REGISTRY });
    const r = await check(dir, ["--config", "nope.json"]);
    assert.deepEqual([r.code, r.err], [2, "index-audit: configuration file not found: nope.json\n"]);
  });
});
