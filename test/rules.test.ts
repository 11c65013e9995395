import assert from "node:assert/strict";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RULES } from "../rules/index.js";
import { createToolkit } from "../src/index.js";
import { ROOT, UPDATE_GOLDEN } from "./helpers/paths.js";
import { listCases, runCase, RULE_FIXTURES } from "./helpers/rule-fixtures.js";

const toolkit = createToolkit();
const cases = listCases();

describe("rule fixtures", () => {
  for (const c of cases) {
    it(`${c.rule} ${c.kind}/${c.name}`, async () => {
      const actual = await runCase(c, toolkit);
      const expectedPath = join(c.dir, "expected.txt");
      if (c.kind === "valid") {
        assert.equal(actual, "", `${c.rule} must stay silent on valid/${c.name}`);
        return;
      }
      assert.notEqual(actual, "", `${c.rule} must fire on invalid/${c.name}`);
      if (UPDATE_GOLDEN) writeFileSync(expectedPath, actual);
      else assert.equal(actual, readFileSync(expectedPath, "utf8"));
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

  it("the config schema lists exactly the rules that exist", () => {
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/config.schema.json"), "utf8")) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    assert.deepEqual(schema.properties.rules.propertyNames.enum, RULES.map((r) => r.id));
  });
});
