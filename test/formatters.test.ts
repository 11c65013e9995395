/**
 * Formatter goldens: every `check` format rendered from the same three
 * diagnostics (an error with a safe fix, an error with a suggestion, a
 * warning spanning two lines), small enough to review line by line. The
 * example project's whole check is held by fixtures/example/expected/check.compact.txt.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { Ajv } from "ajv";
import { Chalk } from "chalk";
import { findRule } from "../rules/index.js";
import type { AnyRule, Diagnostic } from "../src/engine/rule.js";
import { FORMATTERS, summarize, type CheckReport, type FormatContext } from "../src/format/check/index.js";
import { formatJson } from "../src/format/check/json.js";
import { formatSarif } from "../src/format/check/sarif.js";
import { formatStylish } from "../src/format/check/stylish.js";
import { assertGolden } from "./helpers/golden.js";
import { ROOT } from "./helpers/paths.js";

const GOLDEN = join(ROOT, "test/golden");

const DIAGNOSTICS: Diagnostic[] = [
  {
    rule: "registry-not-concurrent",
    messageId: "notConcurrent",
    severity: "error",
    message: "Registry index idx_calls_direction is built without CONCURRENTLY",
    help: "Write CREATE INDEX CONCURRENTLY: without it the build blocks writes to the table on a live database.",
    file: "server/db_indexes.py",
    line: 12,
    column: 9,
    endLine: 12,
    endColumn: 71,
    index: "idx_calls_direction",
    fix: { file: "server/db_indexes.py", edits: [{ start: 310, end: 310, text: "CONCURRENTLY " }] },
    suggestions: [],
  },
  {
    rule: "performance-index-in-migration",
    messageId: "inMigration",
    severity: "error",
    message: "Performance index idx_orders_status on orders is created in migrations",
    help: 'Move it to server/db_indexes.py as CREATE INDEX CONCURRENTLY IF NOT EXISTS (index-audit fix --move), or mark it "# index-audit: functional <reason>" if it enforces a rule.',
    file: "server/db_migrate.py",
    line: 40,
    column: 17,
    endLine: 40,
    endColumn: 69,
    index: "idx_orders_status",
    fix: null,
    suggestions: [{ desc: "Move it to server/db_indexes.py", command: "index-audit fix --move" }],
  },
  {
    rule: "redundant-index",
    messageId: "prefix",
    severity: "warn",
    message: "Index idx_orders_account on orders (account_id) is a leading prefix of idx_orders_account_created (account_id, created_at) at server/db_migrate.py:52",
    help: "Every write maintains both; the longer index serves the same queries. Drop idx_orders_account (DROP INDEX CONCURRENTLY idx_orders_account).",
    file: "server/db_migrate.py",
    line: 47,
    column: 9,
    endLine: 48,
    endColumn: 40,
    index: "idx_orders_account",
    fix: null,
    suggestions: [],
  },
];

const REPORT: CheckReport = {
  diagnostics: DIAGNOSTICS,
  summary: summarize(DIAGNOSTICS, 1, 0, 2),
  files: ["server/db_indexes.py", "server/db_migrate.py"],
  base: "origin/main",
};

const rules: AnyRule[] = DIAGNOSTICS.map((d) => {
  const rule = findRule(d.rule);
  assert.ok(rule, d.rule);
  return rule;
});

function context(level: 0 | 1): FormatContext {
  return {
    chalk: new Chalk({ level }),
    rules,
    toolVersion: "1.2.3",
    // A stand-in for the README, so the golden shows where it goes without repeating it.
    ruleDocs: new Map(rules.map((r) => [r.id, `# ${r.id}\n\n${r.meta.description}.\n`])),
    repositoryPrefix: "backend",
  };
}

const FILES: Record<string, string> = { stylish: "check.stylish.txt", compact: "check.compact.txt", json: "check.json", sarif: "check.sarif.json", github: "check.github.txt" };

describe("check formatters on three diagnostics", () => {
  it("every format has a golden file", () => {
    assert.deepEqual(Object.keys(FORMATTERS).sort(), Object.keys(FILES).sort());
  });

  for (const [name, file] of Object.entries(FILES)) {
    it(`${name} matches test/golden/${file}`, () => {
      const formatter = FORMATTERS[name];
      assert.ok(formatter);
      assertGolden(formatter(REPORT, context(0)), join(GOLDEN, file));
    });
  }

  it("stylish in colour matches test/golden/check.stylish.color.txt", () => {
    assertGolden(formatStylish(REPORT, context(1)), join(GOLDEN, "check.stylish.color.txt"));
  });

  it("json validates against schemas/report.schema.json, with message ids, fixes and suggestions apart", () => {
    const doc = JSON.parse(formatJson(REPORT)) as { diagnostics: { messageId: string; fixable: boolean; suggestions: unknown[] }[] };
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/report.schema.json"), "utf8")) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    assert.equal(validate(doc), true, JSON.stringify(validate.errors));
    assert.deepEqual(
      doc.diagnostics.map((d) => [d.messageId, d.fixable, d.suggestions.length]),
      [
        ["notConcurrent", true, 0],
        ["inMigration", false, 1],
        ["prefix", false, 0],
      ],
    );
  });

  it("sarif points each rule's helpUri at its README and indexes results by rule", () => {
    const doc = JSON.parse(formatSarif(REPORT, context(0))) as { runs: [{ tool: { driver: { rules: { id: string; helpUri: string }[] } }; results: { ruleIndex: number }[] }] };
    const driverRules = doc.runs[0].tool.driver.rules;
    assert.deepEqual(
      driverRules.map((r) => r.helpUri),
      DIAGNOSTICS.map((d) => `https://git.example.com/your-org/index-audit/blob/main/rules/${d.rule}/README.md`),
    );
    assert.deepEqual(
      doc.runs[0].results.map((r) => r.ruleIndex),
      [0, 1, 2],
    );
  });
});
