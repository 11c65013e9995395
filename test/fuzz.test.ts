/**
 * Seeded mutation fuzzing of the whole pipeline (see test/helpers/fuzz.ts):
 * the first cases of the seed here, the next 3,000 in test/e2e/fuzz.test.ts.
 * `npm run fuzz -- --cases N [--seed S]` runs longer; a failure names its
 * seed and case index, and `--seed S --case I` replays exactly that case.
 */
import assert from "node:assert/strict";
import { it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { describeCase, makeCase, readOriginals, runCase } from "./helpers/fuzz.js";
import { EXAMPLE } from "./helpers/paths.js";

/** A few seconds on a 2-core machine (about 6–12 ms a case); the long run is in the end-to-end suite. */
const CASES = 300;
const SEED = 0x1a2b3c;

/** Cases that once failed, replayed on every run: [seed, case, what was wrong]. */
const REGRESSIONS: [seed: number, index: number, bug: string][] = [
  [2, 65, "a whitespace-only ERROR node before CRLF put python-syntax-error between the CR and the LF (column past the line's end)"],
];

for (const [seed, index, bug] of REGRESSIONS) {
  it(`regression: seed ${seed} case ${index}: ${bug}`, { timeout: 20_000 }, async () => {
    const c = makeCase(readOriginals(EXAMPLE), seed, index);
    assert.deepEqual((await runCase(c, createToolkit())).failures, []);
  });
}

it(`${CASES} mutated copies of the example project: no throw, within budget, every position in its file`, { timeout: 60_000 }, async () => {
  const originals = readOriginals(EXAMPLE);
  const toolkit = createToolkit();
  const failures: string[] = [];
  let slowest = 0;
  const started = performance.now();
  for (let i = 0; i < CASES; i++) {
    const c = makeCase(originals, SEED, i);
    const r = await runCase(c, toolkit);
    slowest = Math.max(slowest, r.ms);
    if (r.failures.length > 0) failures.push(`${describeCase(c)}:\n  ${r.failures.slice(0, 3).join("\n  ")}`);
  }
  const total = performance.now() - started;
  console.log(`fuzz: ${CASES} cases, seed ${SEED}, ${(total / 1000).toFixed(1)} s, slowest case ${slowest.toFixed(0)} ms, ${failures.length} failing`);
  assert.deepEqual(failures.slice(0, 10), []);
});
