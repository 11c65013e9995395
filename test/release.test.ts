import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { releasePackageJson } from "../scripts/release.js";
import { ROOT } from "./helpers/paths.js";

test("a release's package.json keeps what an install needs and drops the build and the dev dependencies", () => {
  const source = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as Record<string, unknown> & { scripts: Record<string, string> };
  const release = JSON.parse(releasePackageJson(JSON.stringify(source))) as typeof source;
  assert.equal("prepare" in release.scripts, false);
  assert.equal("devDependencies" in release, false);
  assert.deepEqual(release.dependencies, source.dependencies);
  assert.deepEqual(release.bin, source.bin);
  assert.deepEqual(release.files, source.files);
  const { prepare: _prepare, ...scripts } = source.scripts;
  assert.deepEqual(release.scripts, scripts);
});
