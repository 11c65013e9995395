import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ROOT } from "../helpers/paths.js";

// README's walk-through ("From an empty repository to a blocked commit") run
// as written, with this build as the `index-audit` on PATH: the printed output
// and the GitHub annotation must be the ones the README shows.

const BIN = resolve(dirname(fileURLToPath(import.meta.url)), "../../src/bin.js");
const SKIP = spawnSync("git", ["--version"]).error ? "git is not on PATH" : false;

/** The text of the first fenced block after `<!-- name -->`. */
function block(readme: string, name: string): string {
  const from = readme.indexOf(`<!-- ${name} -->`);
  assert.ok(from >= 0, `README has <!-- ${name} -->`);
  const open = readme.indexOf("\n", readme.indexOf("```", from)) + 1;
  return readme.slice(open, readme.indexOf("```", open));
}

test("README's walk-through works as written: a blocked commit, then the GitHub annotation on the right line", { skip: SKIP }, () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const script = block(readme, "walkthrough");
  const expected = block(readme, "walkthrough-output");
  const annotationCommand = block(readme, "walkthrough-annotation").trim();
  const annotationSection = readme.slice(readme.indexOf("<!-- walkthrough-annotation -->"), readme.indexOf("<!-- /walkthrough-annotation -->"));
  const annotation = annotationSection.slice(annotationSection.indexOf("```text\n") + 8, annotationSection.lastIndexOf("```"));

  const work = mkdtempSync(join(tmpdir(), "index-audit-walkthrough-"));
  const bin = join(work, "bin");
  mkdirSync(bin);
  writeFileSync(join(bin, "index-audit"), `#!/bin/sh\nexec '${process.execPath}' '${BIN}' "$@"\n`);
  chmodSync(join(bin, "index-audit"), 0o755);
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("GIT_") && k !== "GITHUB_ACTIONS" && k !== "FORCE_COLOR") env[k] = v;
  Object.assign(env, {
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    NO_COLOR: "1",
    GIT_CONFIG_GLOBAL: devNull,
    GIT_CONFIG_NOSYSTEM: "1",
    GIT_AUTHOR_NAME: "New User",
    GIT_AUTHOR_EMAIL: "new.user@example.invalid",
    GIT_COMMITTER_NAME: "New User",
    GIT_COMMITTER_EMAIL: "new.user@example.invalid",
  });

  // One stream, in order, as a terminal shows it; any failing step stops the script.
  const r = spawnSync("sh", ["-c", `exec 2>&1\nset -e\n${script}`], { cwd: work, env, encoding: "utf8" });
  assert.equal(r.status, 0, r.stdout);
  assert.equal(r.stdout, expected);

  const annotated = spawnSync("sh", ["-c", annotationCommand], { cwd: join(work, "leads"), env, encoding: "utf8" });
  assert.equal(annotated.status, 1, annotated.stderr);
  assert.equal(annotated.stdout, annotation);
});
