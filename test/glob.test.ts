import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expandGlobs } from "../src/disk/files.js";
import { trackedTree } from "../src/project/sources.js";
import { UsageError } from "../src/errors.js";
import { globToRegExp, hasGlob } from "../src/paths/glob.js";
import { displayPath } from "../src/paths/display.js";

/** [pattern, path, matches]: the documented forms, escapes and dotfiles. */
const CASES: readonly (readonly [string, string, boolean])[] = [
  ["migrations/*.py", "migrations/0001_init.py", true],
  ["migrations/*.py", "migrations/sub/0001_init.py", false],
  ["migrations/**/*.py", "migrations/0001_init.py", true],
  ["migrations/**/*.py", "migrations/a/b/0001_init.py", true],
  ["migrations/v?.py", "migrations/v1.py", true],
  ["migrations/v?.py", "migrations/v10.py", false],
  ["migrations/[ab].py", "migrations/b.py", true],
  ["migrations/[ab].py", "migrations/c.py", false],
  ["migrations/[!ab].py", "migrations/c.py", true],
  ["migrations/[!ab].py", "migrations/a.py", false],
  ["migrations/{a,b}.py", "migrations/a.py", true],
  ["migrations/{a,b}.py", "migrations/c.py", false],
  // Escapes: the character is itself.
  ["migrations/\\*.py", "migrations/*.py", true],
  ["migrations/\\*.py", "migrations/x.py", false],
  ["migrations/\\[draft\\].py", "migrations/[draft].py", true],
  ["migrations/\\[draft\\].py", "migrations/d.py", false],
  ["migrations/v\\?.py", "migrations/v?.py", true],
  ["migrations/v\\?.py", "migrations/v1.py", false],
  // `*` and `**` do not match a leading dot; a pattern that names the dot does.
  ["migrations/*.py", "migrations/.hidden.py", false],
  ["**/*.py", ".venv/lib/x.py", false],
  ["**/*.py", "app/.cache/x.py", false],
  ["migrations/.*.py", "migrations/.hidden.py", true],
  [".github/**/*.py", ".github/scripts/x.py", true],
  // Characters special to regular expressions, and `!` and `(`, are plain.
  ["migrations/a+b (1).py", "migrations/a+b (1).py", true],
  ["migrations/!*.py", "migrations/!keep.py", true],
  ["migrations/!*.py", "migrations/keep.py", false],
  ["migrations/+(a|b).py", "migrations/a.py", false],
  ["migrations/+(a|b).py", "migrations/+(a|b).py", true],
  ["migrations/0001_init (copy).py", "migrations/0001_init (copy).py", true],
  ["migrations/*(copy).py", "migrations/0001_init (copy).py", true],
  ["migrations/\\(x\\).py", "migrations/(x).py", true],
  // Table names: `*` crosses the schema's dot.
  ["public.lead*", "public.leads", true],
  ["*", "public.leads", true],
];

for (const [pattern, path, matches] of CASES) {
  test(`glob ${pattern} ${matches ? "matches" : "does not match"} ${path}`, () => {
    assert.equal(globToRegExp(pattern).test(path), matches);
  });
}

test("an invalid glob is a UsageError naming the pattern", () => {
  assert.throws(() => globToRegExp("server/[z-a].py"), (e: unknown) => e instanceof UsageError && e.message === "invalid glob pattern 'server/[z-a].py': Range out of order in character class");
});

test("hasGlob: a path without glob characters is a plain path", () => {
  assert.deepEqual(
    ["a/b.py", "a/*.py", "a/?.py", "a/[x].py", "a/{x,y}.py", "a/\\*.py"].map(hasGlob),
    [false, true, true, true, true, true],
  );
});

test("on disk: escapes name literal files, dotfiles and dot-directories are left to patterns that name them", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-glob-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  for (const f of ["m/0001.py", "m/*.py", "m/[draft].py", "m/.hidden.py", "m/.old/0002.py", "m/sub/0003.py"]) {
    mkdirSync(join(dir, f, ".."), { recursive: true });
    writeFileSync(join(dir, f), "x = 1\n");
  }
  const shown = (patterns: string[]) => expandGlobs(dir, patterns, "migrations").map((abs) => displayPath(dir, abs));
  assert.deepEqual(shown(["m/*.py"]), ["m/*.py", "m/0001.py", "m/[draft].py"]);
  assert.deepEqual(shown(["m/**/*.py"]), ["m/*.py", "m/0001.py", "m/[draft].py", "m/sub/0003.py"]);
  assert.deepEqual(shown(["m/\\*.py"]), ["m/*.py"]);
  assert.deepEqual(shown(["m/\\[draft\\].py"]), ["m/[draft].py"]);
  assert.deepEqual(shown(["m/.*.py", "m/.old/*.py"]), ["m/.hidden.py", "m/.old/0002.py"]);
});

test("in git: tracked paths match the same way", () => {
  const tree = trackedTree(["m/0001.py", "m/*.py", "m/.hidden.py", "m/.old/0002.py", "m/sub/0003.py"], (path) => path);
  assert.deepEqual(tree.glob(["m/*.py"], "migrations"), ["m/*.py", "m/0001.py"]);
  assert.deepEqual(tree.glob(["m/**/*.py"], "migrations"), ["m/*.py", "m/0001.py", "m/sub/0003.py"]);
  assert.deepEqual(tree.glob(["m/\\*.py"], "migrations"), ["m/*.py"]);
  assert.deepEqual(tree.glob(["./m/.hidden.py"], "migrations"), ["m/.hidden.py"]);
});
