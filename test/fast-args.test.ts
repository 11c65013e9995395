import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { fastCheckArgs } from "../src/cli/fast-check.js";
import { parseWithYargs } from "../src/cli/yargs-parse.js";
import type { CheckArgs } from "../src/commands/check.js";
import { UsageError } from "../src/errors.js";
import { fakeIo } from "./helpers/io.js";

/** What `check` reads of its arguments: the fast parser must give the same as yargs. */
const KEYS = ["cwd", "color", "debug", "config", "migrations", "registry", "registry-variable", "executor", "files", "_", "format", "output-file", "max-warnings", "quiet", "base", "baseline", "staged", "fix", "fix-dry-run", "update-baseline", "cache", "cache-location", "timing"] as const;

function readByCheck(args: CheckArgs): Partial<Record<(typeof KEYS)[number], unknown>> {
  return Object.fromEntries(KEYS.filter((k) => args[k] !== undefined).map((k) => [k, args[k]]));
}

// [argv, whether the fast parser answers]
const TABLE: [string[], boolean][] = [
  [[], true],
  [["check"], true],
  [["a.py"], true],
  [["check", "a.py", "b.md"], true],
  [["check", "--cwd", "fixtures/example"], true],
  [["check", "--cwd=fixtures/example", "--cache", "--timing"], true],
  [["--cwd", "x", "-f", "json", "-o", "out.json", "-q"], true],
  [["check", "--format", "sarif", "--max-warnings", "0"], true],
  [["check", "--max-warnings=-1", "--no-color"], true],
  [["check", "--color", "--debug", "--staged", "--base", "HEAD~1"], true],
  [["check", "-c", "conf/index-audit.json", "--registry", "r.py", "--registry-variable", "DEFS"], true],
  [["check", "--baseline", "b.json", "--update-baseline"], true],
  [["check", "--fix"], true],
  [["check", "--fix-dry-run", "--cache-location", ".c"], true],
  [["check", "--cwd", ".", "--", "a.py", "-b.py"], true],
  [["--", "a.py", "check"], true],
  [["check", "a.py", "--", "b.py"], true],
  [["lsit"], true],
  // The pre-commit framework's hook (.pre-commit-hooks.yaml) with two staged files.
  [["check", "--staged", "--base", "HEAD", "server/db_migrate.py", "README.md"], true],
  // yargs' to read: help, version, other commands, lists, conversions, errors.
  [["--help"], false],
  [["check", "-h"], false],
  [["--version"], false],
  [["list"], false],
  [["--cwd", ".", "report"], false],
  [["check", "--migrations", "a.py", "b.py"], false],
  [["check", "--executor", "run_sql"], false],
  [["check", "--quiet", "false"], false],
  [["check", "--quiet=false"], false],
  [["check", "-qf", "json"], false],
  [["check", "-fjson"], false],
  [["check", "--format", "xml"], false],
  [["check", "--format", "json", "--format", "compact"], false],
  [["check", "--max-warnings", "1.5"], false],
  [["check", "--max-warnings", "abc"], false],
  [["check", "--max-warnings", "-1"], false],
  [["check", "--maxWarnings", "2"], false],
  [["check", "--no-quiet"], false],
  [["check", "--cwd"], false],
  [["check", "--cwd="], false],
  [["check", "--formt", "json"], false],
  [["check", "--wide"], false],
  [["check", "0123"], false],
  [["check", "--", "0x1f"], false],
  [["check", "--color", "--no-color"], false],
];

describe("the fast parser of `check` and yargs agree", () => {
  for (const [argv, fast] of TABLE) {
    it(`${JSON.stringify(argv)}: ${fast ? "the fast parser reads what yargs reads" : "left to yargs"}`, async () => {
      const quick = fastCheckArgs(argv);
      if (!fast) {
        assert.equal(quick, null);
        return;
      }
      assert.notEqual(quick, null);
      const full = await parseWithYargs(argv, fakeIo("/"));
      assert.equal(full.kind, "args");
      assert.equal(full.parsed.command, "check");
      assert.deepEqual(readByCheck(quick!), readByCheck(full.parsed.args));
    });
  }

  it("errors stay yargs' own: an unknown option and a bad choice", async () => {
    await assert.rejects(parseWithYargs(["check", "--formt", "json"], fakeIo("/")), new UsageError("Unknown argument: formt; did you mean --format?"));
    await assert.rejects(parseWithYargs(["check", "--format", "xml"], fakeIo("/")), (e: unknown) => e instanceof UsageError && e.message.startsWith('Invalid values: Argument: format, Given: "xml", Choices: "stylish", "compact", "json", "sarif", "github"'));
  });
});
