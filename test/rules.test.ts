import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { findRule, RULES } from "../rules/index.js";
import { ruleDocHeader, withDocHeader } from "../scripts/rule-docs.js";
import { createToolkit } from "../src/index.js";
import { ROOT, UPDATE_GOLDEN } from "./helpers/paths.js";
import type { Diagnostic } from "../src/engine/rule.js";
import { listCases, runCase, RULE_FIXTURES, type RuleCase } from "./helpers/rule-fixtures.js";

const toolkit = createToolkit();
const cases = listCases();

const outcomes = new Map<RuleCase, Diagnostic[]>();

describe("rule fixtures", () => {
  for (const c of cases) {
    it(`${c.rule} ${c.kind}/${c.name}`, async () => {
      const { diagnostics, rendered } = await runCase(c, toolkit);
      outcomes.set(c, diagnostics);
      const expectedPath = join(c.dir, "expected.txt");
      if (c.kind === "valid") {
        assert.equal(rendered, "", `${c.rule} must stay silent on valid/${c.name}`);
        return;
      }
      assert.notEqual(rendered, "", `${c.rule} must fire on invalid/${c.name}`);
      if (UPDATE_GOLDEN) writeFileSync(expectedPath, rendered);
      else assert.equal(rendered, readFileSync(expectedPath, "utf8"));
    });
  }
});

describe("rule fixes and suggestions agree with meta", () => {
  for (const rule of RULES) {
    it(`${rule.id}: fixes ${rule.meta.fixable ? "in some invalid case" : "never"}, suggestions ${rule.meta.hasSuggestions ? "in some invalid case" : "never"}`, async () => {
      const mine = cases.filter((c) => c.rule === rule.id && c.kind === "invalid");
      const diagnostics: Diagnostic[] = [];
      // The fixture tests above ran these cases already (node:test runs the suites in order).
      for (const c of mine) diagnostics.push(...(outcomes.get(c) ?? (await runCase(c, toolkit)).diagnostics));
      assert.equal(diagnostics.some((d) => d.fix !== null), rule.meta.fixable, "meta.fixable");
      assert.equal(diagnostics.some((d) => d.suggestions.length > 0), rule.meta.hasSuggestions, "meta.hasSuggestions");
      for (const d of diagnostics) assert.ok(d.messageId in rule.meta.messages, `${d.messageId} is a message of ${rule.id}`);
    });
  }
});

const README_SECTIONS = ["## What it does", "## Why it matters", "## Example that fires", "## Fixed example", "## Options"];

describe("rule completeness", () => {
  it("the rule list is sorted by id and ids are unique", () => {
    const ids = RULES.map((r) => r.id);
    assert.deepEqual(ids, [...new Set(ids)].sort());
  });

  for (const rule of RULES) {
    it(`${rule.id} has docs and at least three valid and three invalid cases`, () => {
      const readme = join(ROOT, "rules", rule.id, "README.md");
      assert.ok(existsSync(readme), `rules/${rule.id}/README.md is missing`);
      const text = readFileSync(readme, "utf8");
      assert.ok(text.startsWith(`# ${rule.id}\n`), `rules/${rule.id}/README.md must start with "# ${rule.id}"`);
      for (const s of README_SECTIONS) assert.ok(text.includes(`\n${s}\n`), `rules/${rule.id}/README.md lacks "${s}"`);
      const mine = cases.filter((c) => c.rule === rule.id);
      assert.ok(mine.filter((c) => c.kind === "valid").length >= 3, `fixtures/rules/${rule.id}/valid needs at least three cases`);
      assert.ok(mine.filter((c) => c.kind === "invalid").length >= 3, `fixtures/rules/${rule.id}/invalid needs at least three cases`);
    });
  }

  it("every fixture folder belongs to a rule, and only invalid cases have expected output", () => {
    const ids = new Set(RULES.map((r) => r.id));
    for (const dir of readdirSync(RULE_FIXTURES)) assert.ok(ids.has(dir), `fixtures/rules/${dir} has no rule`);
    for (const c of cases) {
      const has = existsSync(join(c.dir, "expected.txt"));
      assert.equal(has, c.kind === "invalid", `${c.rule}/${c.kind}/${c.name}: expected.txt ${has ? "must not exist" : "is missing"}`);
    }
  });

  for (const rule of RULES) {
    it(`rules/${rule.id}/README.md has the header its meta gives (npm run docs:rules rewrites it)`, () => {
      const text = readFileSync(join(ROOT, "rules", rule.id, "README.md"), "utf8");
      assert.equal(text.split("\n")[2], ruleDocHeader(rule));
      assert.equal(withDocHeader(text, rule), text, `rules/${rule.id}/README.md is out of date: run npm run docs:rules`);
    });
  }

  it("a README whose header disagrees with meta is rewritten, and one without a header gets one", () => {
    const rule = findRule("registry-not-concurrent");
    assert.ok(rule);
    const body = "## What it does\n\nReports.\n";
    const header = "Default severity: **error**. Type: **problem**. Fixable: **yes**, a safe fix (`index-audit check --fix` applies it). Suggestions: **no**.";
    assert.equal(ruleDocHeader(rule), header);
    const stale = `# registry-not-concurrent\n\nDefault severity: **warn**. Fixable: **no**\nsecond line.\n\n${body}`;
    assert.equal(withDocHeader(stale, rule), `# registry-not-concurrent\n\n${header}\n\n${body}`);
    assert.equal(withDocHeader(`# registry-not-concurrent\n\n${body}`, rule), `# registry-not-concurrent\n\n${header}\n\n${body}`);
    const move = findRule("performance-index-in-migration");
    assert.ok(move);
    assert.match(ruleDocHeader(move), /Fixable: \*\*no\*\*\. Suggestions: \*\*yes\*\*, to review/);
    assert.equal(ruleDocHeader(move), "Default severity: **error**. Type: **problem**. Fixable: **no**. Suggestions: **yes**, to review (the diagnostic names the command that makes the change; `check --fix` never applies it).");
  });

  it("the report's checklist and findings orders in meta are distinct, so the report's order is the rules' own", () => {
    const checklist = RULES.flatMap((r) => (r.meta.report?.checklist ? [r.meta.report.checklist.order] : []));
    const first = RULES.flatMap((r) => (r.meta.report?.findingsOrder === undefined ? [] : [r.meta.report.findingsOrder]));
    assert.equal(checklist.length, 15);
    assert.equal(new Set(checklist).size, checklist.length);
    assert.deepEqual(
      RULES.filter((r) => r.meta.report?.findingsOrder !== undefined)
        .sort((a, b) => (a.meta.report?.findingsOrder ?? 0) - (b.meta.report?.findingsOrder ?? 0))
        .map((r) => r.id),
      ["duplicate-index-name", "redundant-index", "dynamic-index-sql", "invalid-sql"],
    );
    assert.equal(new Set(first).size, first.length);
  });

  it("the config schema lists exactly the rules that exist", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/config.schema.json"), "utf8")) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    assert.deepEqual(schema.properties.rules.propertyNames.enum, RULES.map((r) => r.id));
  });
});
