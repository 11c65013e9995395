import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { EXAMPLE, ROOT } from "./helpers/paths.js";

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** The packages (under node_modules) a CLI run with `argv` in `cwd` imports, in the order first loaded, and its exit code. */
function packagesLoaded(argv: string[], cwd: string): { packages: string[]; modules: string[]; status: number | null } {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-loads-"));
  temps.push(dir);
  const log = join(dir, "loaded.txt");
  // A module resolve hook (it runs on the loader's thread) appends each package it resolves to the log.
  writeFileSync(
    join(dir, "hooks.mjs"),
    `import { appendFileSync } from "node:fs";
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = /\\/node_modules\\/((?:@[^/]+\\/)?[^/]+)\\//.exec(result.url);
  if (m) appendFileSync(${JSON.stringify(log)}, m[1] + "\\n");
  const own = /\\/dist\\/(src\\/.*)\\.js$/.exec(result.url);
  if (own) appendFileSync(${JSON.stringify(log)}, "own:" + own[1] + "\\n");
  return result;
}
`,
  );
  writeFileSync(join(dir, "register.mjs"), `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(join(dir, "hooks.mjs")).href)});\n`);
  writeFileSync(log, "");
  const r = spawnSync(process.execPath, ["--import", pathToFileURL(join(dir, "register.mjs")).href, resolve(ROOT, "dist/src/bin.js"), ...argv], { cwd, encoding: "utf8" });
  const lines = [...new Set(readFileSync(log, "utf8").split("\n").filter((l) => l !== ""))];
  return { packages: lines.filter((l) => !l.startsWith("own:")), modules: lines.filter((l) => l.startsWith("own:")).map((l) => l.slice(4)), status: r.status };
}

describe("what a run loads", () => {
  it("a plain check parses without yargs and validates the configuration without ajv's compiler", () => {
    const { packages, status } = packagesLoaded(["check", "--cwd", EXAMPLE, "-f", "compact"], ROOT);
    assert.equal(status, 1);
    assert.equal(packages.includes("yargs"), false, packages.join(", "));
    assert.equal(packages.includes("ajv"), false, packages.join(", "));
  });

  it("--help loads yargs (the hook sees it)", () => {
    const { packages, status } = packagesLoaded(["check", "--help"], ROOT);
    assert.equal(status, 0);
    assert.ok(packages.includes("yargs"), packages.join(", "));
  });

  it("a pre-commit run with no staged migration loads no package at all", () => {
    const { packages, modules, status } = packagesLoaded(["check", "README.md"], EXAMPLE);
    assert.equal(status, 0);
    assert.deepEqual(packages, []);
    // Nor the CLI, the Python evaluator, the readers or the pipeline: only src/bin.ts's fast path and what it needs
    // (src/bin.ts decides the skip before it loads src/cli.ts, so the installed entry bundle holds the rest of the CLI apart).
    assert.deepEqual(modules.filter((m) => !/^src\/(bin|process-flags|errors|commands\/precommit|config\/defaults|paths\/(display|glob))$/.test(m)), []);
    assert.ok(modules.includes("src/commands/precommit"), modules.join(", "));
  });
});

/** Node's own list of the built-in modules a check of the installed bundle in `project` loaded (written when it exits), which exits `status`. */
function builtinsLoaded(project: string, status: number): string[] {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-builtins-"));
  temps.push(dir);
  const log = join(dir, "modules.txt");
  writeFileSync(join(dir, "list.cjs"), `process.on("exit", () => require("node:fs").writeFileSync(${JSON.stringify(log)}, process.moduleLoadList.join("\\n")));\n`);
  const r = spawnSync(process.execPath, ["-r", join(dir, "list.cjs"), resolve(ROOT, "dist/src/bundle/index-audit.cjs"), "check", "--cwd", project, "-f", "compact"], { cwd: ROOT, encoding: "utf8" });
  assert.equal(r.status, status, r.stderr);
  const loaded = readFileSync(log, "utf8").split("\n");
  // The run did load the CLI and its parsers: the list is the real one.
  assert.ok(loaded.includes("NativeModule vm"), loaded.join(", "));
  return loaded;
}

describe("what a plain check of the installed bundle loads from Node", () => {
  it("neither node:crypto (the code cache's fingerprint is a CRC-32) nor perf_hooks (no clock is read without --timing)", () => {
    assert.deepEqual(builtinsLoaded(EXAMPLE, 1).filter((m) => /^NativeModule (crypto|perf_hooks)$/.test(m)), []);
  });

  it("nor node:crypto for an Alembic project whose names are all short (only a name cut to 63 bytes hashes)", () => {
    const project = mkdtempSync(join(tmpdir(), "index-audit-alembic-"));
    temps.push(project);
    mkdirSync(join(project, "migrations/versions"), { recursive: true });
    writeFileSync(join(project, "alembic.ini"), "[alembic]\nscript_location = migrations\n");
    writeFileSync(
      join(project, "migrations/versions/0001_leads.py"),
      'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "0001"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("leads", sa.Column("id", sa.Integer, primary_key=True), sa.Column("email", sa.Text, index=True))\n    op.create_index("ix_leads_id_email", "leads", ["id", "email"])\n',
    );
    assert.deepEqual(builtinsLoaded(project, 0).filter((m) => /^NativeModule (crypto|perf_hooks)$/.test(m)), []);
  });
});

describe("process flags", () => {
  it("only src/bin.ts sets V8 flags (through src/process-flags.ts): a host importing the library keeps its own", () => {
    const setters: string[] = [];
    const callers: string[] = [];
    const walk = (dir: string): void => {
      for (const name of readdirSync(dir)) {
        const path = join(dir, name);
        if (statSync(path).isDirectory()) walk(path);
        else if (/\.c?ts$/.test(name)) {
          const text = readFileSync(path, "utf8");
          if (/setFlagsFromString|node:v8/.test(text)) setters.push(relative(ROOT, path));
          if (text.includes("process-flags.js")) callers.push(relative(ROOT, path));
        }
      }
    };
    walk(resolve(ROOT, "src"));
    walk(resolve(ROOT, "rules"));
    assert.deepEqual(setters, ["src/process-flags.ts"]);
    assert.deepEqual(callers, ["src/bin.ts"]);
  });
});
