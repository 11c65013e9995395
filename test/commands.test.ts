import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { RULES, run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";
import { EXAMPLE, ROOT } from "./helpers/paths.js";

async function cli(args: string[], env: Record<string, string> = {}) {
  const io = fakeIo(EXAMPLE, env);
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("rules and explain", () => {
  it("rules lists every rule with its default severity and fixability", async () => {
    const r = await cli(["rules"]);
    assert.equal(r.code, 0);
    const rows = r.out.trim().split("\n").slice(1);
    assert.deepEqual(
      rows.map((l) => l.split(/\s{2,}/).slice(0, 3)),
      RULES.map((rule) => [rule.id, rule.meta.defaultSeverity, rule.meta.fixable ? "yes" : "no"]),
    );
    const json = JSON.parse((await cli(["rules", "--format", "json"])).out) as { id: string }[];
    assert.deepEqual(json.map((j) => j.id), RULES.map((rule) => rule.id));
  });

  it("explain prints the rule's README, the file the completeness test checks", async () => {
    for (const rule of RULES) {
      const r = await cli(["explain", rule.id]);
      assert.equal(r.code, 0);
      assert.equal(r.out, readFileSync(join(ROOT, "rules", rule.id, "README.md"), "utf8"));
    }
  });

  it("explain of an unknown rule is exit 2 with suggestions", async () => {
    const r = await cli(["explain", "registry-concurrent"]);
    assert.equal(r.code, 2);
    assert.equal(r.err, "index-audit: unknown rule 'registry-concurrent'; did you mean 'registry-not-concurrent'? (see index-audit rules)\n");
  });

  it("did-you-mean puts the closest match first, for rules, commands and configuration keys", async () => {
    const rule = await cli(["explain", "performance-index-in-migrations"]);
    assert.equal(rule.err, "index-audit: unknown rule 'performance-index-in-migrations'; did you mean 'performance-index-in-migration'? (see index-audit rules)\n");
    const command = await cli(["lsit"]);
    assert.deepEqual([command.code, command.err], [2, "index-audit: unknown command 'lsit'; did you mean 'list' or 'init'? (see index-audit --help)\n"]);
    const option = await cli(["check", "--formt", "json"]);
    assert.deepEqual([option.code, option.err], [2, "index-audit: Unknown argument: formt; did you mean --format?\n"]);
    const { closest } = await import("../src/config/suggest.js");
    assert.deepEqual(closest("non-idempotent-migration", RULES.map((r) => r.id)), ["non-idempotent-migration-index"]);
    assert.deepEqual(closest("regsitry", ["migrations", "registry", "executors", "rules"]), ["registry"]);
    assert.deepEqual(closest("zzzz", ["migrations", "registry"]), []);
  });
});

describe("colour in check's stylish output", () => {
  const ESC = "\u001b[";
  it("is plain when not a terminal, with NO_COLOR, and with --no-color", async () => {
    assert.ok(!(await cli(["check"])).out.includes(ESC));
    assert.ok(!(await cli(["check"], { NO_COLOR: "1", FORCE_COLOR: "0" })).out.includes(ESC));
    assert.ok(!(await cli(["check", "--no-color"], { FORCE_COLOR: "1" })).out.includes(ESC));
  });

  it("is coloured with FORCE_COLOR, the same text underneath", async () => {
    const plain = (await cli(["check"])).out;
    const coloured = (await cli(["check"], { FORCE_COLOR: "1" })).out;
    assert.ok(coloured.includes(`${ESC}31m`), "errors in red");
    // eslint-disable-next-line no-control-regex -- colour codes start with ESC
    assert.equal(coloured.replace(/\u001b\[\d+(;\d+)*m/g, ""), plain);
  });
});
