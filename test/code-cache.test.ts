import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { after, describe, it } from "node:test";
import { createHash } from "node:crypto";
import { codeCacheFile } from "../src/code-cache.js";
import { ROOT } from "./helpers/paths.js";

// The entry bundle loads the CLI bundle with the V8 code cache the build made (scripts/code-cache.mjs).
const CLI = resolve(ROOT, "dist/src/bundle/cli.cjs");

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** Loads `file` with its code cache in a fresh Node, with the CLI's V8 flags or without: whether V8 took the cache, and what the bundle exports. */
function load(file: string, flags: boolean): { cacheUsed: boolean; exports: string[] } {
  const url = (path: string) => JSON.stringify(pathToFileURL(resolve(ROOT, path)).href);
  const script = [
    flags ? `(await import(${url("dist/src/process-flags.js")})).setProcessFlags();` : "",
    `const { cacheUsed, exports } = (await import(${url("dist/src/code-cache.js")})).loadWithCodeCache(${JSON.stringify(file)});`,
    "console.log(JSON.stringify({ cacheUsed, exports: Object.keys(exports).sort() }));",
  ].join("\n");
  const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  return JSON.parse(r.stdout) as { cacheUsed: boolean; exports: string[] };
}

/** A copy of the CLI bundle beside it (its requires resolve the same), with or without the cache. */
function copyOfCli(edit: (source: string) => string, withCache: boolean): string {
  const dir = mkdtempSync(resolve(ROOT, "dist/src/code-cache-test-"));
  temps.push(dir);
  const file = join(dir, "cli.cjs");
  writeFileSync(file, edit(readFileSync(CLI, "utf8")));
  if (withCache) copyFileSync(`${CLI}.v8cache`, `${file}.v8cache`);
  return file;
}

describe("the CLI bundle's code cache", () => {
  it("is taken under the CLI's V8 flags", () => {
    const { cacheUsed, exports } = load(CLI, true);
    assert.equal(cacheUsed, true);
    assert.ok(exports.includes("run"), exports.join(", "));
  });

  it("is refused under other flags, and the bundle still loads", () => {
    assert.deepEqual(load(CLI, false), { cacheUsed: false, exports: load(CLI, true).exports });
  });

  it("is refused for another source, and a missing cache is no error", () => {
    const exports = load(CLI, true).exports;
    assert.deepEqual(load(copyOfCli((s) => `${s}\n// edited\n`, true), true), { cacheUsed: false, exports });
    assert.deepEqual(load(copyOfCli((s) => s, false), true), { cacheUsed: false, exports });
    // V8 alone would take it for any source of the same length: the fingerprint refuses it.
    const sameLength = (s: string): string => {
      const edited = s.replace("index-audit", "INDEX-AUDIT");
      assert.ok(edited !== s && edited.length === s.length);
      return edited;
    };
    assert.deepEqual(load(copyOfCli(sameLength, true), true), { cacheUsed: false, exports });
    // The same source beside the cache: taken, wherever the bundle lies.
    assert.deepEqual(load(copyOfCli((s) => s, true), true), { cacheUsed: true, exports });
  });

  it("starts with the bundle's CRC-32, big-endian, then V8's data", () => {
    // 0xCBF43926: the CRC-32 of "123456789", the check value of the standard.
    assert.deepEqual([...codeCacheFile(Buffer.from("123456789"), Buffer.from([1, 2, 3]))], [0xcb, 0xf4, 0x39, 0x26, 1, 2, 3]);
  });

  it("is refused when left in the earlier format (the bundle's SHA-256 first)", () => {
    const exports = load(CLI, true).exports;
    const file = copyOfCli((s) => s, true);
    const v8data = readFileSync(`${CLI}.v8cache`).subarray(4);
    writeFileSync(`${file}.v8cache`, Buffer.concat([createHash("sha256").update(readFileSync(file)).digest(), v8data]));
    assert.deepEqual(load(file, true), { cacheUsed: false, exports });
  });

  it("is deleted whenever the bundle is written again: V8 would take it for any source of the same length", () => {
    const root = mkdtempSync(join(tmpdir(), "index-audit-code-cache-"));
    temps.push(root);
    for (const dir of ["dist/src", "dist/rules"]) cpSync(resolve(ROOT, dir), join(root, dir), { recursive: true });
    const cache = join(root, "dist/src/bundle/cli.cjs.v8cache");
    assert.equal(existsSync(cache), true);
    const r = spawnSync(process.execPath, [resolve(ROOT, "scripts/bundle.mjs"), root], { encoding: "utf8", cwd: ROOT });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(existsSync(join(root, "dist/src/bundle/cli.cjs")), true);
    assert.equal(existsSync(cache), false);
  });
});
