/**
 * Seeded mutation fuzzing of the framework sources (see
 * test/helpers/fuzz-sources.ts): the first cases of each example here, the
 * next ones in test/e2e/fuzz.test.ts. A failure names its fixture, seed and
 * case index, which replay it exactly.
 */
import assert from "node:assert/strict";
import { join } from "node:path";
import { it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { detectSources, trackedTree } from "../src/project/sources.js";
import { describeSourceCase, makeSourceCase, readFixture, runSourceCase, SOURCE_FIXTURES, SOURCE_SEED } from "./helpers/fuzz-sources.js";
import { ROOT } from "./helpers/paths.js";

/** About 40 ms a case on a 2-core machine. */
const CASES = 40;

for (const fixture of SOURCE_FIXTURES) {
  it(`${CASES} mutated copies of fixtures/${fixture}: no throw, within budget, every position in its file`, { timeout: 60_000 }, async () => {
    const originals = readFixture(join(ROOT, "fixtures", fixture));
    const tree = trackedTree([...originals.keys()], (path) => ({ path, text: originals.get(path)! }));
    assert.equal(detectSources(tree).length, 1, "the example's source is detected");
    const toolkit = createToolkit();
    const failures: string[] = [];
    let withFindings = 0;
    for (let i = 0; i < CASES; i++) {
      const c = makeSourceCase(fixture, originals, SOURCE_SEED, i);
      const r = await runSourceCase(c, toolkit);
      if (r.diagnostics > 0) withFindings++;
      if (r.failures.length > 0) failures.push(`${describeSourceCase(c)}:\n  ${r.failures.slice(0, 3).join("\n  ")}`);
    }
    assert.deepEqual(failures.slice(0, 5), []);
    // Not vacuous: a mutation or three leaves most of the project read, with the example's deliberate problems.
    assert.ok(withFindings >= CASES * 0.8, `${withFindings} of ${CASES} cases reported findings`);
  });
}
