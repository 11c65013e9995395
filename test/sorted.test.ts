import { test } from "node:test";
import assert from "node:assert/strict";
import { firstAtOrAfter, insideAny } from "../src/python/sorted.js";

test("firstAtOrAfter: the first position at or after a value, at every edge", () => {
  const items = [2, 4, 4, 9];
  assert.deepEqual([0, 2, 3, 4, 5, 9, 10].map((at) => firstAtOrAfter(items, at)), [0, 0, 1, 1, 3, 3, 4]);
  assert.equal(firstAtOrAfter([], 5), 0);
});

test("insideAny: inside a range means start ≤ at < end", () => {
  const ranges = [
    { start: 2, end: 5 },
    { start: 5, end: 6 },
    { start: 10, end: 12 },
  ];
  assert.deepEqual([0, 1, 2, 4, 5, 6, 9, 10, 11, 12].map((at) => insideAny(ranges, at)), [false, false, true, true, true, false, false, true, true, false]);
  assert.equal(insideAny([], 0), false);
});
