/** `check --fix`: the registry SQL fixes on the example project, as a diff and applied. */
import assert from "node:assert/strict";
import { cpSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { assertGolden } from "./helpers/golden.js";
import { cli } from "./helpers/cli.js";
import { EXAMPLE } from "./helpers/paths.js";

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function tempProject(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-check-fix-"));
  temps.push(dir);
  cpSync(join(EXAMPLE, "server"), join(dir, "server"), { recursive: true });
  return dir;
}

function files(dir: string): string[] {
  return ["server/db_migrate.py", "server/db_indexes.py"].map((f) => readFileSync(join(dir, f), "utf8"));
}

describe("check --fix", () => {
  it("--fix-dry-run prints the registry SQL fixes as a diff; --fix applies them once", async () => {
    const dir = tempProject();
    const dry = await cli(dir, ["check", "--fix-dry-run", "-f", "compact"]);
    const diff = dry.out.slice(0, dry.out.indexOf("\n\n") + 1);
    assertGolden(diff, join(EXAMPLE, "expected", "check-fix.diff"));
    const fixed = await cli(dir, ["check", "--fix", "-f", "compact"]);
    assert.equal(fixed.code, 1);
    // After the diff, a blank line and the findings the fixes leave: what --fix then reports.
    assert.equal(dry.code, 1);
    assert.equal(dry.out, `${diff}\n${fixed.out}`);
    assert.match(fixed.err, /^index-audit: applied 4 fixes in 1 file\n$/);
    assert.doesNotMatch(fixed.out, /registry-not-(concurrent|if-not-exists)/);
    const once = files(dir);
    const again = await cli(dir, ["check", "--fix", "-f", "compact"]);
    assert.equal(again.err, "");
    assert.deepEqual(files(dir), once);
  });
});


describe("the fix loop's pass limit", () => {
  const diagnostic = (file: string, at: number) => ({
    rule: "r", messageId: "m", severity: "error" as const, message: "m", help: "", file, line: 1, column: 1, endLine: 1, endColumn: 1, index: null,
    fix: { file, edits: [{ start: at, end: at, text: "x" }] }, suggestions: [],
  });
  const project = { migrations: [{ path: "m.py", text: "" }], registry: null };

  it("a fix that never settles stops after MAX_FIX_PASSES passes, and the outcome says so", async () => {
    const { fixProject, MAX_FIX_PASSES } = await import("../src/fix/fix-loop.js");
    let checks = 0;
    // Every check finds one more fix to make: the loop can only end at its limit.
    const out = await fixProject(project, (p) => {
      checks++;
      const text = p.migrations[0]?.text ?? "";
      return Promise.resolve({ diagnostics: [diagnostic("m.py", text.length)], suppressed: [], files: [], inventory: {} } as never);
    }, () => 0);
    assert.equal(MAX_FIX_PASSES, 10);
    assert.equal(out.passLimitReached, true);
    assert.equal(out.applied, 10);
    assert.equal(checks, 11);
    assert.equal(out.project.migrations[0]?.text, "x".repeat(10));
  });

  it("a fix that settles before the limit is not reported as stopped", async () => {
    const { fixProject } = await import("../src/fix/fix-loop.js");
    const out = await fixProject(project, (p) => {
      const text = p.migrations[0]?.text ?? "";
      return Promise.resolve({ diagnostics: text.length < 3 ? [diagnostic("m.py", text.length)] : [], suppressed: [], files: [], inventory: {} } as never);
    }, () => 0);
    assert.equal(out.passLimitReached, false);
    assert.equal(out.applied, 3);
    assert.equal(out.project.migrations[0]?.text, "xxx");
  });
});
