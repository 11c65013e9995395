import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../../src/index.js";
import { DEFAULT_CONFIG, RULES, resolveConfig } from "../../src/index.js";
import { cacheKey, readCachedResult, writeCachedResult } from "../../src/project/cache.js";
import { readConfigSchema } from "../../src/config/load.js";
import { fakeIo } from "../helpers/io.js";
import { EXAMPLE } from "../helpers/paths.js";

async function check(cwd: string, args: string[]) {
  const io = fakeIo(cwd, {});
  const code = await run(["check", "-f", "compact", ...args], io);
  return { code, out: io.out, err: io.err };
}

const temps: string[] = [];
function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-cache-"));
  temps.push(dir);
  cpSync(join(EXAMPLE, "server"), join(dir, "server"), { recursive: true });
  return dir;
}
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const CACHE_FILE = ".index-audit-cache/check-result.json";
const SENTINEL = "SERVED FROM CACHE";

/**
 * Replaces the stored diagnostics with one marked message, keeping the key:
 * a run that prints the marker was served from the cache, any other computed.
 */
function poison(dir: string): void {
  const path = join(dir, CACHE_FILE);
  const stored = JSON.parse(readFileSync(path, "utf8")) as { key: string; result: { diagnostics: { message: string }[] } };
  stored.result.diagnostics = stored.result.diagnostics.slice(0, 1).map((d) => ({ ...d, message: SENTINEL }));
  writeFileSync(path, JSON.stringify(stored));
}

describe("check --cache", () => {
  it("a warm run prints exactly what an uncached run prints, from .index-audit-cache/ in the project root, with no node_modules/ created", async () => {
    const dir = copyExample();
    const plain = await check(dir, []);
    const cold = await check(dir, ["--cache"]);
    assert.ok(existsSync(join(dir, CACHE_FILE)), "the cache file is written");
    assert.equal(existsSync(join(dir, "node_modules")), false, "a Python project gets no node_modules/");
    const warm = await check(dir, ["--cache"]);
    for (const format of ["stylish", "json"]) {
      const a = await check(dir, ["-f", format]);
      const b = await check(dir, ["-f", format, "--cache"]);
      assert.deepEqual(b, a, format);
    }
    assert.deepEqual(cold, plain);
    assert.deepEqual(warm, plain);
  });

  it("serves an unchanged project from the cache (the poisoned entry shows)", async () => {
    const dir = copyExample();
    await check(dir, ["--cache"]);
    poison(dir);
    const r = await check(dir, ["--cache"]);
    assert.match(r.out, new RegExp(SENTINEL));
    // Without --cache the cache is neither read nor trusted.
    assert.doesNotMatch((await check(dir, [])).out, new RegExp(SENTINEL));
  });

  it("never serves a changed migration, registry or configuration from the cache", async () => {
    const edits: [string, (dir: string) => void][] = [
      ["migration", (dir) => writeFileSync(join(dir, "server/db_migrate.py"), readFileSync(join(dir, "server/db_migrate.py"), "utf8") + '\n\ndef _late(conn):\n    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_late ON leads (late)"))\n')],
      // One byte, same length: only the content tells.
      ["migration, same size", (dir) => writeFileSync(join(dir, "server/db_migrate.py"), readFileSync(join(dir, "server/db_migrate.py"), "utf8").replace("idx_users_business_id", "idx_users_business_ie"))],
      ["registry", (dir) => writeFileSync(join(dir, "server/db_indexes.py"), readFileSync(join(dir, "server/db_indexes.py"), "utf8").replace('"critical": True', '"critical": False'))],
      ["configuration", (dir) => writeFileSync(join(dir, "index-audit.json"), JSON.stringify({ rules: { "redundant-index": "off" } }))],
    ];
    for (const [what, edit] of edits) {
      const dir = copyExample();
      await check(dir, ["--cache"]);
      poison(dir);
      edit(dir);
      const cached = await check(dir, ["--cache"]);
      assert.doesNotMatch(cached.out, new RegExp(SENTINEL), what);
      assert.deepEqual(cached, await check(dir, []), `${what}: the result is the computed one`);
    }
  });

  it("--cache-location is a directory relative to the working directory", async () => {
    const dir = copyExample();
    const plain = await check(dir, []);
    assert.deepEqual(await check(dir, ["--cache", "--cache-location", ".ia-cache"]), plain);
    assert.ok(existsSync(join(dir, ".ia-cache/check-result.json")));
    assert.ok(!existsSync(join(dir, CACHE_FILE)));
    assert.deepEqual(await check(dir, ["--cache", "--cache-location", ".ia-cache"]), plain);
  });

  it("the key covers the tool version, every file's path and bytes, and the configuration", () => {
    const schema = readConfigSchema();
    const config = resolveConfig({}, null, schema, RULES);
    const project = { migrations: [{ path: "server/db_migrate.py", text: "X = 1\n" }], registry: { path: "server/db_indexes.py", text: "INDEX_DEFS = []\n" } };
    const key = cacheKey({ toolVersion: "1.0.0", config, project });
    assert.equal(cacheKey({ toolVersion: "1.0.0", config: resolveConfig({}, null, schema, RULES), project: structuredClone(project) }), key, "deterministic");
    const variants = [
      cacheKey({ toolVersion: "1.0.1", config, project }),
      cacheKey({ toolVersion: "1.0.0", config: resolveConfig({ rules: { "redundant-index": "off" } }, null, schema, RULES), project }),
      cacheKey({ toolVersion: "1.0.0", config: resolveConfig({ executors: ["exec_index"] }, null, schema, RULES), project }),
      cacheKey({ toolVersion: "1.0.0", config: { ...config, migrations: [...DEFAULT_CONFIG.migrations, "more/*.py"] }, project }),
      cacheKey({ toolVersion: "1.0.0", config, project: { ...project, migrations: [{ path: "server/db_migrate.py", text: "X = 2\n" }] } }),
      cacheKey({ toolVersion: "1.0.0", config, project: { ...project, migrations: [{ path: "server/other.py", text: "X = 1\n" }] } }),
      cacheKey({ toolVersion: "1.0.0", config, project: { ...project, registry: null } }),
      cacheKey({ toolVersion: "1.0.0", config, project: { ...project, migrations: [{ ...project.migrations[0]!, invalidUtf8At: 3 }] } }),
    ];
    assert.equal(new Set([key, ...variants]).size, variants.length + 1, "every change gives another key");

    // A stored result is returned only for its own key: a new tool version reads nothing.
    const dir = mkdtempSync(join(tmpdir(), "index-audit-cache-key-"));
    temps.push(dir);
    const result = { diagnostics: [], suppressed: 0, files: ["server/db_migrate.py"] };
    writeCachedResult(dir, key, result);
    assert.deepEqual(readCachedResult(dir, key), result);
    assert.equal(readCachedResult(dir, variants[0]!), null);
    // A corrupt cache is a miss, not an error.
    writeFileSync(join(dir, "check-result.json"), "{not json");
    assert.equal(readCachedResult(dir, key), null);
  });
});
