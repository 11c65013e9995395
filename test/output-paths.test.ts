import assert from "node:assert/strict";
import { join, relative, resolve, sep } from "node:path";
import { describe, it } from "node:test";
import { reportAsShown } from "../src/commands/output.js";
import type { CheckReport } from "../src/format/check/index.js";
import { isNormalRelative } from "../src/paths/display.js";

/** What stylish and compact showed before the shortcut: each path resolved under the root and made relative to where the user stands. */
function asRelated(userCwd: string, projectRoot: string, file: string): string {
  const rel = relative(userCwd, resolve(projectRoot, file));
  return (rel === "" ? "." : rel).split(sep).join("/");
}

describe("stylish and compact paths: relative to where the user stands", () => {
  const root = join("/", "work", "project");
  const files = ["migrations/versions/a1.py", "server/db_migrate.py", "../outside/x.py", "./server/db_indexes.py", "a//b.py", "database"];
  const cwds = [root, join(root, ".."), "/", join(root, "server"), join("/", "elsewhere"), join(root, "..", "other")];

  it("are the same as resolving and relating each path, from above, at and below the project root", () => {
    for (const cwd of cwds) {
      const report = { diagnostics: files.map((file) => ({ file })) } as unknown as CheckReport;
      const shown = reportAsShown(report, "stylish", cwd, root).diagnostics.map((d) => d.file);
      assert.deepEqual(
        shown,
        files.map((f) => (f === "database" ? f : asRelated(cwd, root, f))),
        cwd,
      );
    }
  });

  it("a normal relative path has no empty, . or .. segment, backslash or drive colon", () => {
    assert.deepEqual(
      ["a/b.py", "a.b/c", "..a/b", "a/..b", "./a", "../a", "a/../b", "a//b", "/a", "a\\b", "c:/a", ".", "a/", ""].map(isNormalRelative),
      [true, true, true, true, false, false, false, false, false, false, false, false, false, false],
    );
  });
});
