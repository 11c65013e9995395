/**
 * The long fuzz run: cases 300 to 3,299 of the seed whose first 300 run in
 * the fast suite (test/fuzz.test.ts), and cases 40 to 439 of each framework
 * example whose first 40 run there (test/fuzz-sources.test.ts). A failure
 * names its seed and case index; `npm run fuzz -- --seed S --case I` replays
 * exactly a case of the example project.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { it } from "node:test";
import { createToolkit } from "../../src/index.js";
import { describeCase, makeCase, readOriginals, runCase } from "../helpers/fuzz.js";
import { EXAMPLE, ROOT } from "../helpers/paths.js";
import { describeSourceCase, makeSourceCase, readFixture, runSourceCase, SOURCE_FIXTURES, SOURCE_SEED } from "../helpers/fuzz-sources.js";

const SEED = 0x1a2b3c;
const FIRST = 300;
const CASES = 3_000;

it(`${CASES} more mutated copies of the example project: no throw, within budget, every position in its file`, { timeout: 300_000 }, async () => {
  const originals = readOriginals(EXAMPLE);
  const toolkit = createToolkit();
  const failures: string[] = [];
  let slowest = 0;
  const started = performance.now();
  for (let i = FIRST; i < FIRST + CASES; i++) {
    const c = makeCase(originals, SEED, i);
    const r = await runCase(c, toolkit);
    slowest = Math.max(slowest, r.ms);
    if (r.failures.length > 0) failures.push(`${describeCase(c)}:\n  ${r.failures.slice(0, 3).join("\n  ")}`);
  }
  const total = performance.now() - started;
  console.log(`fuzz: cases ${FIRST}–${FIRST + CASES - 1}, seed ${SEED}, ${(total / 1000).toFixed(1)} s, slowest case ${slowest.toFixed(0)} ms, ${failures.length} failing`);
  assert.deepEqual(failures.slice(0, 10), []);
});

const SOURCE_FIRST = 40;
const SOURCE_CASES = 400;

for (const fixture of SOURCE_FIXTURES) {
  it(`${SOURCE_CASES} more mutated copies of fixtures/${fixture}: no throw, within budget, every position in its file`, { timeout: 300_000 }, async () => {
    const originals = readFixture(join(ROOT, "fixtures", fixture));
    const toolkit = createToolkit();
    const failures: string[] = [];
    for (let i = SOURCE_FIRST; i < SOURCE_FIRST + SOURCE_CASES; i++) {
      const c = makeSourceCase(fixture, originals, SOURCE_SEED, i);
      const r = await runSourceCase(c, toolkit);
      if (r.failures.length > 0) failures.push(`${describeSourceCase(c)}:\n  ${r.failures.slice(0, 3).join("\n  ")}`);
    }
    assert.deepEqual(failures.slice(0, 10), []);
  });
}
