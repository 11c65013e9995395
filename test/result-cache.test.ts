import assert from "node:assert/strict";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { readCachedResult, writeCachedResult } from "../src/cache/result.js";
import type { CheckResult } from "../src/engine/run-rules.js";

const RESULT: CheckResult = { diagnostics: [], suppressed: 2, files: ["server/db_indexes.py", "server/db_migrate.py"] };

test("the result cache answers for its own key only, and takes an unreadable file for a miss", (t) => {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-result-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  assert.equal(readCachedResult(dir, "a1"), null);
  writeCachedResult(dir, "a1", RESULT);
  assert.deepEqual(readCachedResult(dir, "a1"), RESULT);
  assert.equal(readCachedResult(dir, "b2"), null);
  // A key that is a prefix of the stored one is another key.
  assert.equal(readCachedResult(dir, "a"), null);
  // Cut short (a system crash before the data reached the disk): a miss, not an error.
  writeFileSync(join(dir, "check-result.json"), '{"key":"a1","result":{"diagnostics":[');
  assert.equal(readCachedResult(dir, "a1"), null);
  writeFileSync(join(dir, "check-result.json"), "\0\0\0\0");
  assert.equal(readCachedResult(dir, "a1"), null);
});
