import assert from "node:assert/strict";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../../src/index.js";
import { DEFAULT_CONFIG, RULES, resolveConfig } from "../../src/index.js";
import { cacheKey, readCachedResult, writeCachedResult } from "../../src/cache/result.js";
import { decodeRecord, encodeRecord, recordFileName, serveCachedOutput } from "../../src/cache/output.js";
import { needsSqlParser } from "../../src/cli/sql-preload.js";
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
    // Another command line misses the stored output (below) and formats the stored result.
    const r = await check(dir, ["--cache", "--max-warnings", "1000"]);
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
      // Stale: the run that follows analyzes again, so the CLI starts loading the SQL parser at once.
      assert.deepEqual(serveCachedOutput(["check", "-f", "compact", "--cache"], fakeIo(dir, {})), { exitCode: null, stale: true }, what);
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
    const config = resolveConfig({}, null, RULES);
    const project = { migrations: [{ path: "server/db_migrate.py", text: "X = 1\n" }], registry: { path: "server/db_indexes.py", text: "INDEX_DEFS = []\n" } };
    const key = cacheKey({ toolVersion: "1.0.0", config, project });
    assert.equal(cacheKey({ toolVersion: "1.0.0", config: resolveConfig({}, null, RULES), project: structuredClone(project) }), key, "deterministic");
    const variants = [
      cacheKey({ toolVersion: "1.0.1", config, project }),
      cacheKey({ toolVersion: "1.0.0", config: resolveConfig({ rules: { "redundant-index": "off" } }, null, RULES), project }),
      cacheKey({ toolVersion: "1.0.0", config: resolveConfig({ executors: ["exec_index"] }, null, RULES), project }),
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

/** The stored output record of the last cached run in `dir` (one command line, so one record). */
function outputRecordPath(dir: string, cacheDir = join(dir, ".index-audit-cache")): string {
  const names = readdirSync(cacheDir).filter((n) => n.startsWith("output-") && n.endsWith(".bin"));
  assert.equal(names.length, 1, `one output record in ${cacheDir}: ${names.join(", ")}`);
  return join(cacheDir, names[0]!);
}

/** Replaces the stored output with one marked line and exit code 7: a run that prints it was served from the record. */
function poisonOutput(path: string): void {
  const record = decodeRecord(readFileSync(path));
  assert.ok(record, "the record decodes");
  writeFileSync(path, encodeRecord({ ...record, exitCode: 7, chunks: [[1, `${SENTINEL}\n`]] }));
}

describe("check --cache: the stored output", () => {
  it("a warm run prints the stored bytes and exit code, stdout and stderr in order, without running the CLI", async () => {
    const dir = copyExample();
    rmSync(join(dir, "server/db_indexes.py"));
    const plain = await check(dir, []);
    assert.match(plain.err, /^index-audit: no registry yet/);
    assert.equal(plain.code, 1);
    // No record yet: a miss, and not a stale one (the CLI does not start loading the SQL parser for it).
    assert.deepEqual(serveCachedOutput(["check", "-f", "compact", "--cache"], fakeIo(dir, {})), { exitCode: null, stale: false });
    assert.equal(needsSqlParser(["check", "--cache"]), false);
    assert.equal(needsSqlParser(["check", "--cache"], true), true);
    const cold = await check(dir, ["--cache"]);
    const warm = await check(dir, ["--cache"]);
    assert.deepEqual(cold, plain);
    assert.deepEqual(warm, plain);
    // What is re-asked: the project's files (the migration's bytes among them), not the tool's dependencies.
    const record = decodeRecord(readFileSync(outputRecordPath(dir)))!;
    assert.ok(record.observations.some(([op, path]) => op === "r" && path === join(dir, "server/db_migrate.py")));
    assert.ok(record.observations.some(([op, path, answer]) => op === "e" && path === join(dir, "server/db_indexes.py") && answer === "0"));
    assert.deepEqual(record.observations.filter(([, path]) => path.includes("node_modules")), []);
    poisonOutput(outputRecordPath(dir));
    assert.deepEqual(await check(dir, ["--cache"]), { code: 7, out: `${SENTINEL}\n`, err: "" });
    // Without --cache nothing is read from the cache.
    assert.deepEqual(await check(dir, []), plain);
  });

  it("never serves the output after a change to a migration, the registry, a configuration, a baseline or an imported module", async () => {
    const edits: [string, (dir: string) => void][] = [
      ["migration, same size", (dir) => writeFileSync(join(dir, "server/db_migrate.py"), readFileSync(join(dir, "server/db_migrate.py"), "utf8").replace("idx_users_business_id", "idx_users_business_ie"))],
      ["registry", (dir) => writeFileSync(join(dir, "server/db_indexes.py"), readFileSync(join(dir, "server/db_indexes.py"), "utf8").replace('"critical": True', '"critical": False'))],
      ["registry removed", (dir) => rmSync(join(dir, "server/db_indexes.py"))],
      ["configuration created", (dir) => writeFileSync(join(dir, "index-audit.json"), JSON.stringify({ rules: { "redundant-index": "off" } }))],
      ["pyproject.toml created", (dir) => writeFileSync(join(dir, "pyproject.toml"), '[tool.index-audit]\nrules = { "redundant-index" = "off" }\n')],
      ["baseline created", (dir) => writeFileSync(join(dir, ".index-audit-baseline.json"), JSON.stringify({ version: 1, entries: [] }))],
      // The migration imports `from server.extensions import db`: that module appearing changes what it may resolve.
      ["imported module created", (dir) => writeFileSync(join(dir, "server/extensions.py"), 'SCHEMA = "app"\n')],
    ];
    for (const [what, edit] of edits) {
      const dir = copyExample();
      await check(dir, ["--cache"]);
      poisonOutput(outputRecordPath(dir));
      edit(dir);
      // Stale: the run that follows analyzes again, so the CLI starts loading the SQL parser at once.
      assert.deepEqual(serveCachedOutput(["check", "-f", "compact", "--cache"], fakeIo(dir, {})), { exitCode: null, stale: true }, what);
      const cached = await check(dir, ["--cache"]);
      assert.doesNotMatch(cached.out, new RegExp(SENTINEL), what);
      assert.deepEqual(cached, await check(dir, []), `${what}: the output is the computed one`);
    }
  });

  it("a new file matching a migrations glob, or a new Alembic revision, is never served stale", async () => {
    const dir = copyExample();
    writeFileSync(join(dir, "index-audit.json"), JSON.stringify({ migrations: ["server/db_*.py"], registry: "server/db_indexes.py" }));
    rmSync(join(dir, "server/db_indexes.py"));
    writeFileSync(join(dir, "server/db_indexes.py"), "INDEX_DEFS = []\n");
    await check(dir, ["--cache"]);
    poisonOutput(outputRecordPath(dir));
    writeFileSync(join(dir, "server/db_late.py"), 'from sqlalchemy import text\n\ndef m(conn):\n    conn.execute(text("CREATE INDEX idx_late ON leads (late)"))\n');
    const cached = await check(dir, ["--cache"]);
    assert.match(cached.out, /idx_late/);
    assert.deepEqual(cached, await check(dir, []));

    const alembic = mkdtempSync(join(tmpdir(), "index-audit-cache-alembic-"));
    temps.push(alembic);
    cpSync(join(EXAMPLE, "../alembic-example"), alembic, { recursive: true });
    await check(alembic, ["--cache"]);
    poisonOutput(outputRecordPath(alembic));
    const versions = join(alembic, "migrations/versions");
    writeFileSync(join(versions, "zz_late.py"), `revision = "zzlate"\ndown_revision = None\nbranch_labels = None\ndepends_on = None\n\nfrom alembic import op\n\n\ndef upgrade():\n    op.create_index("ix_late", "late_table", ["a"])\n`);
    const late = await check(alembic, ["--cache"]);
    assert.match(late.out, /zz_late\.py/);
    assert.deepEqual(late, await check(alembic, []));
  });

  it("the output is keyed on the format, flags, colour, environment and working directory", async () => {
    const dir = copyExample();
    const variants: [string, string[], Record<string, string>][] = [
      ["json", ["-f", "json"], {}],
      ["--quiet", ["--quiet"], {}],
      ["--max-warnings", ["--max-warnings", "0"], {}],
      ["--color", ["--color"], {}],
      ["FORCE_COLOR", [], { FORCE_COLOR: "1" }],
      ["GITHUB_ACTIONS", [], { GITHUB_ACTIONS: "true" }],
    ];
    await check(dir, ["--cache"]);
    poisonOutput(outputRecordPath(dir));
    for (const [what, args, env] of variants) {
      const io = fakeIo(dir, env);
      const code = await run(["check", "-f", "compact", "--cache", ...args], io);
      assert.doesNotMatch(io.out, new RegExp(SENTINEL), what);
      const plain = fakeIo(dir, env);
      assert.deepEqual({ code, out: io.out, err: io.err }, { code: await run(["check", "-f", "compact", ...args], plain), out: plain.out, err: plain.err }, what);
    }
    // From another working directory the paths are shown differently: another record.
    const io = fakeIo(join(dir, "server"), {});
    await run(["check", "-f", "compact", "--cache", "--cwd", ".."], io);
    assert.doesNotMatch(io.out, new RegExp(SENTINEL));
    assert.match(io.out, /^db_migrate\.py:/m);
  });

  it("the record's name covers the tool version, the command line and the environment it reads", () => {
    const io = fakeIo("/p", {});
    const name = recordFileName(["check", "--cache"], io, "1.0.0");
    assert.match(name, /^output-[0-9a-f]{32}\.bin$/);
    assert.equal(recordFileName(["check", "--cache"], fakeIo("/p", {}), "1.0.0"), name, "deterministic");
    const others = [
      recordFileName(["check", "--cache"], io, "1.0.1"),
      recordFileName(["check", "--cache", "-f", "json"], io, "1.0.0"),
      recordFileName(["check", "--cache"], fakeIo("/q", {}), "1.0.0"),
      recordFileName(["check", "--cache"], fakeIo("/p", { NO_COLOR: "1" }), "1.0.0"),
      recordFileName(["check", "--cache"], { ...io, stdoutIsTTY: true }, "1.0.0"),
    ];
    assert.equal(new Set([name, ...others]).size, others.length + 1);
    // Variables the CLI does not read do not split the cache.
    assert.equal(recordFileName(["check", "--cache"], fakeIo("/p", { HOME: "/root" }), "1.0.0"), name);
  });

  it("stores nothing for runs that write files, print timings, take staged files or hook file names", async () => {
    const dir = copyExample();
    const outFile = join(dir, "out.txt");
    for (const args of [["--update-baseline"], ["--output-file", outFile], ["--timing"], ["server/db_migrate.py"], ["--fix-dry-run"], ["--base", "HEAD"]]) {
      await run(["check", "-f", "compact", "--cache", ...args], fakeIo(dir, {}));
      rmSync(join(dir, ".index-audit-baseline.json"), { force: true });
    }
    const records = existsSync(join(dir, ".index-audit-cache")) ? readdirSync(join(dir, ".index-audit-cache")).filter((n) => n.startsWith("output-")) : [];
    assert.deepEqual(records, []);
  });

  it("a cache kept in the project root itself, or walked by a ** glob, is never stale and still serves", async () => {
    const dir = copyExample();
    writeFileSync(join(dir, "index-audit.json"), JSON.stringify({ migrations: ["**/db_migrate*.py"], registry: "server/db_indexes.py" }));
    for (const location of [[], ["--cache-location", "."]]) {
      const args = ["--cache", ...location];
      await check(dir, args);
      await check(dir, args);
      const cacheDir = location.length ? dir : join(dir, ".index-audit-cache");
      poisonOutput(outputRecordPath(dir, cacheDir));
      assert.match((await check(dir, args)).out, new RegExp(SENTINEL), `served: ${args.join(" ")}`);
      writeFileSync(join(dir, "server/db_migrate_late.py"), 'from sqlalchemy import text\n\ndef m(conn):\n    conn.execute(text("CREATE INDEX idx_late ON leads (late)"))\n');
      const late = await check(dir, args);
      assert.match(late.out, /idx_late/, args.join(" "));
      assert.deepEqual(late, await check(dir, []));
      rmSync(join(dir, "server/db_migrate_late.py"));
      rmSync(cacheDir === dir ? outputRecordPath(dir, dir) : cacheDir, { recursive: true, force: true });
    }
  });

  it("a corrupt or truncated record is a miss, not an error", async () => {
    const dir = copyExample();
    const plain = await check(dir, []);
    await check(dir, ["--cache"]);
    const path = outputRecordPath(dir);
    const bytes = readFileSync(path);
    writeFileSync(path, bytes.subarray(0, bytes.length - 10));
    assert.deepEqual(await check(dir, ["--cache"]), plain);
    writeFileSync(path, "{not json\n");
    assert.deepEqual(await check(dir, ["--cache"]), plain);
    assert.equal(decodeRecord(Buffer.from("no header")), null);
  });
});
