import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { after, describe, it } from "node:test";
import { Ajv } from "ajv";
import { ajvMessage } from "../src/config/ajv-message.js";
import { validateConfig } from "../src/config/validate.js";
import { EXAMPLE, ROOT } from "./helpers/paths.js";

const GENERATOR = resolve(ROOT, "scripts/generate-validators.mjs");
const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

describe("the configuration validator generated at build time", () => {
  it("is current with schemas/config.schema.json", () => {
    const r = spawnSync(process.execPath, [GENERATOR, ROOT, "--check"], { encoding: "utf8" });
    assert.equal(r.stderr, "");
    assert.equal(r.status, 0);
  });

  it("is reported stale when the schema changed and the build did not run", () => {
    const dir = mkdtempSync(join(tmpdir(), "index-audit-generated-"));
    temps.push(dir);
    mkdirSync(join(dir, "schemas"));
    cpSync(join(ROOT, "src/config/generated"), join(dir, "src/config/generated"), { recursive: true });
    const schema = JSON.parse(readFileSync(join(ROOT, "schemas/config.schema.json"), "utf8")) as { properties: Record<string, unknown> };
    schema.properties.baseline = { type: "string", minLength: 2 };
    writeFileSync(join(dir, "schemas/config.schema.json"), JSON.stringify(schema));
    const r = spawnSync(process.execPath, [GENERATOR, dir, "--check"], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.equal(
      r.stderr,
      "generate-validators: src/config/generated/config-validator.ts is stale against schemas/config.schema.json: run npm run build\n" +
        "generate-validators: src/config/generated/config-schema.ts is stale against schemas/config.schema.json: run npm run build\n",
    );
    // Writing brings it up to date.
    execFileSync(process.execPath, [GENERATOR, dir]);
    assert.equal(spawnSync(process.execPath, [GENERATOR, dir, "--check"]).status, 0);
  });

  // Each with the message a user reads; the same errors as ajv compiling the schema at run time.
  const BAD: [unknown, string][] = [
    [{ migrationz: "a.py" }, "unknown key 'migrationz'; did you mean 'migrations'?"],
    [{ registry: { path: "r.py", varible: "X" } }, "unknown key 'registry.varible'; did you mean 'registry.variable'?"],
    [{ rules: { "redundant-idx": "off" } }, "unknown rule 'redundant-idx' in rules; did you mean 'redundant-index'? (see index-audit rules)"],
    [{ rules: { "redundant-index": "loud" } }, 'rules.redundant-index must be one of "error", "warn", "warning", "off"'],
    [{ migrations: 3 }, "migrations must be string or array"],
    [{ migrations: [] }, "migrations must be string"],
    [{ migrations: [""] }, "migrations.0 must NOT have fewer than 1 characters"],
    [{ registry: { path: "r.py", variable: "1X" } }, 'registry.variable must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"'],
    [{ registry: { path: "r.py", format: "yaml" } }, 'registry.format must be one of "python", "sql"'],
    [{ sources: [{ kind: "flyway", paths: ["a.sql"] }] }, 'sources.0.kind must be one of "module", "alembic", "sql", "django"'],
    [{ sources: [{ kind: "alembic" }] }, "sources.0 must have required property 'directory'"],
    [{ sources: [{ kind: "django", paths: ["m/*.py"], authUserModel: "User" }] }, 'sources.0.authUserModel must match pattern "^[A-Za-z_][A-Za-z0-9_]*\\.[A-Za-z_][A-Za-z0-9_]*$"'],
    [{ domains: { billing: 5 } }, "domains.billing must be string or array"],
    [{ database: { urlEnv: "DB URL" } }, 'database.urlEnv must match pattern "^[A-Za-z_][A-Za-z0-9_]*$"'],
    [[], "configuration must be object"],
  ];
  const runtime = new Ajv({ allErrors: true, strict: true, strictTuples: false, verbose: true }).compile(
    JSON.parse(readFileSync(join(ROOT, "schemas/config.schema.json"), "utf8")) as object,
  );
  for (const [raw, message] of BAD) {
    it(`rejects ${JSON.stringify(raw)} as ajv does: ${message}`, () => {
      const result = validateConfig(raw);
      assert.ok("errors" in result);
      assert.equal(ajvMessage(result.errors), message);
      assert.equal(runtime(raw), false);
      assert.deepEqual(result.errors, runtime.errors);
    });
  }

  it("accepts a valid configuration as it is", () => {
    const raw = { migrations: ["a.py"], registry: { path: "r.py", variable: "DEFS" }, rules: { "redundant-index": ["warn", { prefix: false }] }, sources: [{ kind: "alembic", directory: "v", recursive: true }] };
    assert.deepEqual(validateConfig(raw), { config: raw });
  });

  it("a check run loads neither ajv nor its compiler, only the runtime helper the generated code uses", () => {
    const script = [
      `import { createRequire } from "node:module";`,
      `const { run } = await import(${JSON.stringify(resolve(ROOT, "dist/src/index.js"))});`,
      `const io = { cwd: ${JSON.stringify(EXAMPLE)}, env: {}, stdout() {}, stderr() {}, stdoutIsTTY: false };`,
      `await run(["check", "--cwd", "."], io);`,
      `const loaded = Object.keys(createRequire(import.meta.url).cache).filter((p) => p.includes("/node_modules/ajv/")).map((p) => p.slice(p.indexOf("/node_modules/") + 14));`,
      `process.stdout.write(JSON.stringify(loaded));`,
    ].join("\n");
    const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8", cwd: ROOT });
    assert.deepEqual(JSON.parse(out), ["ajv/dist/runtime/ucs2length.js"]);
    // The helper is what the generated module requires, and nothing else.
    assert.ok(createRequire(import.meta.url).resolve("ajv/dist/runtime/ucs2length"));
  });
});
