/**
 * `npm run new-rule` in a temporary copy of the repository: the scaffolded
 * rule compiles, its valid case passes, its invalid case fails until
 * UPDATE_GOLDEN=1 records what the rule reports, and the completeness test
 * keeps asking for three cases of each kind.
 */
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import { ROOT } from "../helpers/paths.js";

const copy = mkdtempSync(join(tmpdir(), "index-audit-scaffold-"));
after(() => rmSync(copy, { recursive: true, force: true }));

function node(args: string[], env: NodeJS.ProcessEnv = {}): { status: number | null; out: string } {
  // Without NODE_TEST_CONTEXT, which makes a node --test inside a test skip its files.
  const { NODE_TEST_CONTEXT: _nested, ...outer } = process.env;
  const r = spawnSync(process.execPath, args, { cwd: copy, encoding: "utf8", env: { ...outer, ...env, UPDATE_GOLDEN: env.UPDATE_GOLDEN ?? "" } });
  if (r.error) throw r.error;
  return { status: r.status, out: r.stdout + r.stderr };
}

test("a scaffolded rule builds and runs through the rule fixture tests", () => {
  for (const part of ["package.json", "tsconfig.json", "README.md", "src", "rules", "scripts", "schemas", "test", "bench", "fixtures"]) cpSync(join(ROOT, part), join(copy, part), { recursive: true });
  symlinkSync(join(ROOT, "node_modules"), join(copy, "node_modules"), "dir");

  const scaffold = node([join(ROOT, "dist/scripts/new-rule.js"), "index-on-hot-table"]);
  assert.equal(scaffold.status, 0, scaffold.out);
  assert.match(scaffold.out, /^rules\/index-on-hot-table\/index\.ts\n/);
  const again = node([join(ROOT, "dist/scripts/new-rule.js"), "index-on-hot-table"]);
  assert.deepEqual(again, { status: 2, out: "new-rule: rules/index-on-hot-table exists already\n" });

  const tsc = node([join(copy, "node_modules/typescript/bin/tsc"), "-p", "tsconfig.json"]);
  assert.equal(tsc.status, 0, tsc.out);

  const rulesTest = (env: NodeJS.ProcessEnv = {}) => node(["--test", "--test-reporter=tap", "--test-name-pattern=index-on-hot-table", "dist/test/rules.test.js"], env);
  const first = rulesTest();
  assert.equal(first.status, 1, first.out);
  assert.match(first.out, /^ {4}ok \d+ - index-on-hot-table valid\/clean$/m);
  assert.match(first.out, /^ {4}not ok \d+ - index-on-hot-table invalid\/fires$/m);
  assert.match(first.out, /fixtures\/rules\/index-on-hot-table\/valid needs at least three cases/);

  const recorded = rulesTest({ UPDATE_GOLDEN: "1" });
  assert.match(recorded.out, /^ {4}ok \d+ - index-on-hot-table invalid\/fires$/m);
  assert.equal(
    readFileSync(join(copy, "fixtures/rules/index-on-hot-table/invalid/fires/expected.txt"), "utf8"),
    [
      "server/db_migrate.py:10:24-10:73 error index-on-hot-table/found",
      "  message: Index idx_orders_status on orders …",
      "  help: What to do about it.",
      "",
    ].join("\n"),
  );
  const after = rulesTest();
  assert.match(after.out, /^ {4}ok \d+ - index-on-hot-table invalid\/fires$/m);
  assert.match(after.out, /^ {4}ok \d+ - index-on-hot-table: fixes never, suggestions never$/m);
  assert.match(after.out, /^ {4}ok \d+ - rules\/index-on-hot-table\/README\.md has the header its meta gives/m);
  assert.match(after.out, /^ {4}not ok \d+ - index-on-hot-table has docs and at least three valid and three invalid cases$/m);
});
