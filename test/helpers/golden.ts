import assert from "node:assert/strict";
import { readFileSync, writeFileSync } from "node:fs";
import { UPDATE_GOLDEN } from "./paths.js";

/** Compares with a golden file byte for byte; rewrites it only under UPDATE_GOLDEN=1. */
export function assertGolden(actual: string, path: string): void {
  if (UPDATE_GOLDEN) {
    writeFileSync(path, actual);
    return;
  }
  let expected: string;
  try {
    expected = readFileSync(path, "utf8");
  } catch {
    assert.fail(`golden file ${path} is missing; run UPDATE_GOLDEN=1 npm test and review it`);
  }
  assert.equal(actual, expected);
}
