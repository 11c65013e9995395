import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { EXAMPLE, ROOT } from "./helpers/paths.js";

// The installed CLI (package.json `bin`) is two CommonJS bundles of the compiled modules (scripts/bundle.mjs).
const ENTRY = resolve(ROOT, "dist/src/bundle/index-audit.cjs");
const MODULES = resolve(ROOT, "dist/src/bin.js");

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

function cli(bin: string, argv: readonly string[], cwd: string, env: NodeJS.ProcessEnv = {}): { stdout: string; stderr: string; status: number | null } {
  const { INDEX_AUDIT_TIMING: _timing, GITHUB_ACTIONS: _actions, ...rest } = process.env;
  const r = spawnSync(process.execPath, [bin, ...argv], { cwd, encoding: "utf8", env: { ...rest, ...env } });
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

/** The files (outside Node's built-ins) a run of the bundle requires, relative to the root, in load order: Node's module debug log. */
function filesLoaded(argv: readonly string[], cwd: string): string[] {
  const { stderr } = cli(ENTRY, argv, cwd, { NODE_DEBUG: "module" });
  return [...new Set([...stderr.matchAll(/^MODULE \d+: load "([^"]+)" for/gm)].map((m) => relative(ROOT, m[1]!)))];
}

describe("the installed CLI", () => {
  it("is the entry bundle: package.json bin names it, and it runs as a script", () => {
    const pkg = JSON.parse(readFileSync(resolve(ROOT, "package.json"), "utf8")) as { bin: Record<string, string> };
    assert.deepEqual(pkg.bin, { "index-audit": "dist/src/bundle/index-audit.cjs" });
    assert.match(readFileSync(ENTRY, "utf8"), /^#!\/usr\/bin\/env node\n"use strict";\n/);
    assert.notEqual(statSync(ENTRY).mode & 0o111, 0);
  });

  for (const argv of [["check", "--format", "json"], ["check", "--format", "sarif"], ["check", "-f", "compact", "--color"], ["list", "--format", "json"], ["report"], ["check", "--help"], ["rules"], ["explain", "index-missing"], ["--version"], ["lsit"]]) {
    it(`prints what the modules print: ${argv.join(" ")}`, () => {
      const bundled = cli(ENTRY, argv, EXAMPLE);
      assert.deepEqual(bundled, cli(MODULES, argv, EXAMPLE));
      assert.notEqual(bundled.stdout + bundled.stderr, "");
    });
  }

  it("exits only after a slow reader has taken all of its output (bin exits without Node's teardown)", () => {
    // A shell pipe (64 KiB; Node's own stdio pipes are socket pairs that hold more) and a reader who
    // starts late: 180 KB of JSON leaves most of it waiting in the CLI when its work is done.
    const dir = mkdtempSync(join(tmpdir(), "index-audit-exit-"));
    temps.push(dir);
    const status = join(dir, "status");
    const line = `{ "${process.execPath}" "${ENTRY}" list --format json; echo $? > "${status}"; } | { sleep 0.3; cat; }`;
    const r = spawnSync("sh", ["-c", line], { cwd: EXAMPLE, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    const whole = cli(MODULES, ["list", "--format", "json"], EXAMPLE);
    assert.ok(whole.stdout.length > 128 * 1024, String(whole.stdout.length));
    assert.equal(r.stdout, whole.stdout);
    assert.equal(Number(readFileSync(status, "utf8")), whole.status);
  });

  it("a pre-commit run with no staged migration loads the entry bundle alone", () => {
    assert.deepEqual(filesLoaded(["check", "README.md"], EXAMPLE), ["dist/src/bundle/index-audit.cjs"]);
  });

  it("a warm --cache hit loads the entry bundle alone; the miss before it loads the CLI bundle", () => {
    const dir = mkdtempSync(join(tmpdir(), "index-audit-bundle-"));
    temps.push(dir);
    const argv = ["check", "--cache", "--cache-location", dir];
    // The CLI bundle is compiled as a vm script (src/code-cache.ts), which Node's module log does not show: what it requires is.
    const miss = filesLoaded(argv, EXAMPLE);
    assert.equal(miss[0], "dist/src/bundle/index-audit.cjs");
    assert.ok(miss.some((f) => f.startsWith("node_modules/tree-sitter/")), miss.join(", "));
    assert.deepEqual(filesLoaded(argv, EXAMPLE), ["dist/src/bundle/index-audit.cjs"]);
  });

  it("a plain check starts loading libpg-query first, then tree-sitter (from the CLI bundle); no yargs, ajv's compiler, chalk or smol-toml", () => {
    const files = filesLoaded(["check", "-f", "compact"], EXAMPLE);
    // libpg-query's WebAssembly compiles on other threads while the CLI bundle loads and the Python is parsed.
    assert.deepEqual(files.slice(0, 2), ["dist/src/bundle/index-audit.cjs", "node_modules/libpg-query/wasm/index.cjs"]);
    for (const pkg of ["tree-sitter", "tree-sitter-python", "libpg-query"]) assert.ok(files.some((f) => f.startsWith(`node_modules/${pkg}/`)), `${pkg}: ${files.join(", ")}`);
    // ajv's runtime helpers for the generated validator only (ajv/dist/runtime), never ajv itself.
    const unwanted = files.filter((f) => /^node_modules\/(yargs|chalk|smol-toml)\//.test(f) || (f.startsWith("node_modules/ajv/") && !f.startsWith("node_modules/ajv/dist/runtime/")));
    assert.deepEqual(unwanted, []);
  });
});
