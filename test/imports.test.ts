/**
 * `from pkg.mod import NAME` is resolved when pkg/mod.py is in the project:
 * read statically, constants only. The CLI reads the imported files at the
 * edge; the analysis is given their text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { devNull, tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../src/index.js";
import { importCandidateGroups, importCandidates, importedModules, modulePaths } from "../src/python/imports.js";
import { fakeIo } from "./helpers/io.js";
import { ROOT } from "./helpers/paths.js";

const PROJECT = join(ROOT, "fixtures/real-shapes/imported-constants");

test("the module files a file may import constants from", () => {
  assert.deepEqual(importCandidates("server/db_migrate.py", "import app.config as cfg\nfrom app import config, other as o\nfrom .helpers import X\n"), [
    "app/config.py",
    "app/config/__init__.py",
    "server/app/config.py",
    "server/app/config/__init__.py",
    "app.py",
    "app/__init__.py",
    "server/app.py",
    "server/app/__init__.py",
    "app/other.py",
    "app/other/__init__.py",
    "server/app/other.py",
    "server/app/other/__init__.py",
    "server/helpers.py",
    "server/helpers/__init__.py",
    "server/helpers/X.py",
    "server/helpers/X/__init__.py",
  ]);
});

test("the candidates of each imported module, in line order: plain imports, indented imports and submodules", () => {
  assert.deepEqual(importCandidateGroups("migrations/env.py", "from .base import Base\nimport app.models\ntry:\n    from app import meta\nexcept ImportError:\n    pass\n"), [
    ["migrations/base.py", "migrations/base/__init__.py"],
    ["migrations/base/Base.py", "migrations/base/Base/__init__.py"],
    ["app/models.py", "app/models/__init__.py", "migrations/app/models.py", "migrations/app/models/__init__.py"],
    ["app.py", "app/__init__.py", "migrations/app.py", "migrations/app/__init__.py"],
    ["app/meta.py", "app/meta/__init__.py", "migrations/app/meta.py", "migrations/app/meta/__init__.py"],
  ]);
  // Too many dots for the importer's depth: no candidate, no empty group.
  assert.deepEqual(importCandidateGroups("env.py", "from ...x import y\n"), []);
});

test("the import lines are those a multiline regex scan of the whole text finds, whatever ends the lines", () => {
  // The scan the line search replaced, kept as the oracle.
  const oracle = (importer: string, text: string): string[][] => {
    const found: { at: number; groups: string[][] }[] = [];
    for (const m of text.matchAll(/^[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+([\w, \t]*)/gm)) {
      const level = m[1]!.length;
      const module = m[2]!;
      const groups = [modulePaths(importer, { level, module })];
      for (const name of m[3]!.split(",").map((n) => n.trim().split(/\s+/)[0] ?? "").filter((n) => /^\w+$/.test(n)))
        groups.push(modulePaths(importer, { level, module: module === "" ? name : `${module}.${name}` }));
      found.push({ at: m.index, groups });
    }
    for (const m of text.matchAll(/^[ \t]*import[ \t]+([\w.]+)/gm)) found.push({ at: m.index, groups: [modulePaths(importer, { level: 0, module: m[1]! })] });
    return found.sort((a, b) => a.at - b.at).flatMap((f) => f.groups).filter((g) => g.length > 0);
  };
  const lines = ["from a import b", "from .. import x as y, z", "  from b.c import (d)", "import a.b", "\timport x", "# import a", "x = 'import a'", "fromage import a", "from  a  import", "importer a", "import", " import .a", "from a import b, c"];
  const ends = ["\n", "\r", "\r\n", "\u2028", "\u2029", " \n"];
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return Math.floor(seed / 65536) % n;
  };
  let matched = 0;
  for (let k = 0; k < 5000; k++) {
    let text = "";
    for (let j = next(8); j > 0; j--) {
      const line = lines[next(lines.length)]!;
      // Sometimes cut a line short, so a terminator can fall anywhere in one.
      text += (next(4) === 0 ? line.slice(0, next(line.length + 1)) : line) + ends[next(ends.length)]!;
    }
    const want = oracle("pkg/mod.py", text);
    matched += want.length > 0 ? 1 : 0;
    assert.deepEqual(importCandidateGroups("pkg/mod.py", text), want, JSON.stringify(text));
  }
  assert.ok(matched > 500, `only ${matched} texts with an import line`);
});

test("a long line holding `import` many times is walked over once: linear, and its own imports only", () => {
  const line = `x = '${"import a; ".repeat(60_000)}'`;
  const started = performance.now();
  const groups = importCandidateGroups("pkg/mod.py", `${line}\nimport b\n${line}\rfrom c import d\n`);
  const ms = performance.now() - started;
  assert.deepEqual(groups, [modulePaths("pkg/mod.py", { level: 0, module: "b" }), modulePaths("pkg/mod.py", { level: 0, module: "c" }), modulePaths("pkg/mod.py", { level: 0, module: "c.d" })]);
  // Walking back to the line start from every hit took about a minute here.
  assert.ok(ms < 2000, `${ms.toFixed(0)} ms`);
});

test("the project modules files import from, transitively, sorted, each read once, through any loader", () => {
  const disk: Record<string, string> = {
    "app/config.py": "from app.schema import NAME\n",
    "app/schema.py": "from app.config import OTHER\nNAME = 'x'\n",
    "app/__init__.py": "",
  };
  const asked: string[] = [];
  const modules = importedModules([{ path: "db_migrate.py", text: "from app.config import SCHEMA\nfrom missing import X\n" }], (path) => {
    asked.push(path);
    const text = disk[path];
    return text === undefined ? null : { path, text };
  });
  assert.deepEqual(modules.map((m) => m.path), ["app/config.py", "app/schema.py"]);
  const found = asked.filter((p) => p in disk);
  assert.deepEqual(found, ["app/config.py", "app/schema.py"], "a module found is loaded once, though two files import it");
});

test("where Python looks for a module, from the importing file", () => {
  assert.deepEqual(modulePaths("server/db_migrate.py", { module: "app.config", level: 0 }), [
    "app/config.py",
    "app/config/__init__.py",
    "server/app/config.py",
    "server/app/config/__init__.py",
  ]);
  assert.deepEqual(modulePaths("server/migrations/v1.py", { module: "helpers", level: 2 }), ["server/helpers.py", "server/helpers/__init__.py"]);
  assert.deepEqual(modulePaths("server/db_migrate.py", { module: "", level: 1 }), ["server/__init__.py"]);
  assert.deepEqual(modulePaths("db_migrate.py", { module: "x", level: 3 }), []);
});

test("constants imported from the project's own modules are resolved; others are named in the reason", async () => {
  const io = fakeIo(PROJECT);
  const code = await run(["list", "--format", "json"], io);
  assert.equal(code, 0, io.err);
  const listed = JSON.parse(io.out) as {
    indexes: { name: string; schema: string | null; table: string; file: string; line: number; column: number }[];
    dynamic: { file: string; line: number; reason: string }[];
  };
  assert.deepEqual(
    listed.indexes.map((i) => [i.name, i.schema, i.table, i.file, i.line, i.column]),
    [
      ["idx_audit_created", "crm", "audit_log", "server/db_migrate.py", 9, 25],
      ["uq_leads_email", "crm", "leads", "server/db_migrate.py", 10, 25],
      // import app.config as cfg; from app import config; a class constant of this file.
      ["idx_archive_created", "crm", "audit_log_archive", "server/db_migrate_v2.py", 14, 25],
      ["idx_archive_actor", "crm", "audit_log", "server/db_migrate_v2.py", 15, 25],
    ],
  );
  assert.deepEqual(
    listed.dynamic.map((d) => [d.file, d.line, d.reason]),
    [
      ["server/db_migrate.py", 11, "REGION is imported from app.deploy, which is not in the project"],
      ["server/db_migrate.py", 12, "DATABASE_URL is imported from app.config, where it is not known statically"],
      ["server/db_migrate_v2.py", 16, "settings.REGION is read from app.settings, where settings is not a module of constants"],
    ],
  );
});

test("--staged reads the imported modules from the git index, as the work tree run reads them from disk", async () => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-imports-"));
  try {
    cpSync(PROJECT, dir, { recursive: true });
    const env = { ...process.env, GIT_AUTHOR_NAME: "t", GIT_AUTHOR_EMAIL: "t@example.invalid", GIT_COMMITTER_NAME: "t", GIT_COMMITTER_EMAIL: "t@example.invalid", GIT_CONFIG_GLOBAL: devNull, GIT_CONFIG_NOSYSTEM: "1" };
    for (const args of [["init", "-q"], ["add", "-A"], ["commit", "-qm", "init"]]) assert.equal(spawnSync("git", args, { cwd: dir, env }).status, 0);
    const check = async (args: string[]): Promise<[number, string]> => {
      const io = fakeIo(dir);
      return [await run(["list", "--format", "json", ...args], io), io.out];
    };
    const work = await check([]);
    assert.equal(work[0], 0);
    assert.match(work[1], /"idx_audit_created"/);
    const declared = (JSON.parse(work[1]) as { indexes: { file: string; line: number; schema: string; name: string }[] }).indexes;
    assert.deepEqual(declared.map((i) => `${i.file}:${i.line} ${i.schema}.${i.name}`), [
      "server/db_migrate.py:9 crm.idx_audit_created",
      "server/db_migrate.py:10 crm.uq_leads_email",
      "server/db_migrate_v2.py:14 crm.idx_archive_created",
      "server/db_migrate_v2.py:15 crm.idx_archive_actor",
    ]);
    // `list` has no --staged: check is the command the hook runs; its findings must not differ either.
    const io = fakeIo(dir);
    const workCheck = await run(["check", "-f", "compact"], io);
    const staged = fakeIo(dir);
    assert.equal(await run(["check", "--staged", "-f", "compact"], staged), workCheck);
    assert.equal(staged.out, io.out);
    assert.doesNotMatch(staged.out, /SCHEMA is imported/);
    // A commit that changes only an imported constant changes what the migrations create: the hook checks it.
    const config = join(dir, "app/config.py");
    writeFileSync(config, readFileSync(config, "utf8").replace(/SCHEMA = "crm"/, 'SCHEMA = "crm2"'));
    assert.equal(spawnSync("git", ["add", "app/config.py"], { cwd: dir, env }).status, 0);
    const hook = fakeIo(dir);
    const hookCode = await run(["check", "--staged", "-f", "compact", "--", "app/config.py"], hook);
    const full = fakeIo(dir);
    assert.equal(await run(["check", "--staged", "-f", "compact"], full), hookCode);
    assert.equal(hook.out, full.out);
    assert.match(hook.out, /crm2\./);
    // Every finding moves to the new schema, and only that changes.
    assert.equal(hookCode, 1);
    assert.equal(hook.out, io.out.replaceAll("crm.", "crm2."));
    assert.equal(hook.out.split("\n").filter((l) => l.includes(" crm2.idx_")).length, 3);
    // A staged module nothing imports leaves the hook silent.
    writeFileSync(join(dir, "app/unrelated.py"), "X = 1\n");
    assert.equal(spawnSync("git", ["add", "app/unrelated.py"], { cwd: dir, env }).status, 0);
    const quiet = fakeIo(dir);
    assert.deepEqual([await run(["check", "--staged", "--", "app/unrelated.py"], quiet), quiet.out, quiet.err], [0, "", ""]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
