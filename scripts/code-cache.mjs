#!/usr/bin/env node
/**
 * Build step after scripts/bundle.mjs: V8's code cache for the CLI bundle
 * (dist/src/bundle/cli.cjs.v8cache), read by the entry bundle when it loads
 * the CLI (src/code-cache.ts). Made after loading the bundle as the CLI does,
 * under the CLI's V8 flags (V8 takes a cache only under the flags it was made
 * with), and running `check` on the example project, so that it holds every
 * function a check compiles, not only the bundle's top level.
 *
 *   node scripts/code-cache.mjs [root]
 *
 * Plain JavaScript, like the other build steps.
 */
import { existsSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { pathToFileURL } from "node:url";

const root = resolve(process.argv[2] ?? ".");
const dist = resolve(root, "dist/src");
const load = (path) => import(pathToFileURL(resolve(dist, path)).href);

const { setProcessFlags } = await load("process-flags.js");
setProcessFlags();
const { codeCacheFile, codeCachePath, loadWithCodeCache } = await load("code-cache.js");
const file = resolve(dist, "bundle/cli.cjs");
const cache = codeCachePath(file);
rmSync(cache, { force: true });
const { exports: cli, script } = loadWithCodeCache(file);
// A copy without the example (a package built elsewhere) still gets the bundle's top level.
if (existsSync(resolve(root, "fixtures/example"))) {
  const quiet = { cwd: root, env: {}, stdout: () => true, stderr: () => true, stdoutIsTTY: false };
  const code = await cli.run(["check", "--cwd", "fixtures/example"], quiet, { cachedOutput: true, preCommitSkip: false });
  // The example has problems (exit 1); anything else means the run did not go through.
  if (code !== 1) throw new Error(`code cache: check on fixtures/example exited ${code}, expected 1`);
}
writeFileSync(`${cache}.tmp`, codeCacheFile(readFileSync(file), script.createCachedData()));
renameSync(`${cache}.tmp`, cache);
