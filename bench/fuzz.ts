/**
 * `npm run fuzz -- --cases N [--seed S] [--case I]`: the fuzz test of
 * test/fuzz.test.ts for longer local runs. Prints the seed first, so any run
 * can be replayed, and each failing case's seed and index.
 * Exit code 1 when a case failed.
 */
import { createToolkit } from "../src/project/analyze.js";
import { describeCase, makeCase, readOriginals, runCase } from "../test/helpers/fuzz.js";
import { EXAMPLE } from "../test/helpers/paths.js";

function option(name: string): number | null {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return null;
  const v = Number(process.argv[i + 1]);
  if (!Number.isInteger(v) || v < 0) {
    console.error(`fuzz: --${name} needs a non-negative integer`);
    process.exit(2);
  }
  return v;
}

const seed = option("seed") ?? Math.floor(Math.random() * 2 ** 31);
const only = option("case");
const cases = option("cases") ?? 10_000;
console.log(`fuzz: seed ${seed}, ${only === null ? `${cases} cases` : `case ${only}`}`);

const originals = readOriginals(EXAMPLE);
const toolkit = createToolkit();
const started = performance.now();
let failed = 0;
let slowest = 0;
const indices = only === null ? Array.from({ length: cases }, (_, i) => i) : [only];
for (const i of indices) {
  const c = makeCase(originals, seed, i);
  const r = await runCase(c, toolkit);
  slowest = Math.max(slowest, r.ms);
  if (r.failures.length > 0) {
    failed++;
    console.log(`FAIL ${describeCase(c)}\n  ${r.failures.join("\n  ")}`);
  }
  if (only === null && (i + 1) % 1000 === 0) console.log(`fuzz: ${i + 1} cases, ${failed} failing, ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
const total = (performance.now() - started) / 1000;
console.log(`fuzz: seed ${seed}: ${indices.length} cases in ${total.toFixed(1)} s (slowest ${slowest.toFixed(0)} ms), ${failed} failing`);
process.exitCode = failed > 0 ? 1 : 0;
