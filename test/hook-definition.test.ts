import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { ROOT } from "./helpers/paths.js";

// The pre-commit framework runs the hook only for staged files matching `files:`: every kind of file
// a source can be read from must match, or a commit that touches only such a file is never checked.
test("the pre-commit hook definition's files pattern covers every source kind's files", () => {
  const yaml = readFileSync(resolve(ROOT, ".pre-commit-hooks.yaml"), "utf8");
  const pattern = /^\s+files: (.+)$/m.exec(yaml)?.[1];
  assert.ok(pattern, "files: is set");
  const files = new RegExp(pattern);
  const matching = [
    "server/db_migrate.py",
    "server/db_indexes.py",
    "migrations/versions/a1b2_add_index.py",
    "shop/migrations/0002_order_status.py",
    "db/migrations/V2__orders.sql",
    "db/migrations/000002_orders.up.sql",
    "db/indexes.sql",
    "alembic.ini",
    "backend/alembic.ini",
    "sqitch.plan",
    "index-audit.json",
    ".index-audit.json",
    "pyproject.toml",
  ];
  assert.deepEqual(matching.filter((f) => !files.test(f)), []);
  assert.deepEqual(["README.md", "package.json", "docs/alembic.ini.md", "notes.sqlx"].filter((f) => files.test(f)), []);
});
