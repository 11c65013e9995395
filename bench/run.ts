/**
 * `npm run bench` (`-- --quick`: fewer runs, the targets' cases only: no
 * naive scan, example project, 100k, 1M-line or 1,000-file case).
 *
 * Generates synthetic projects under bench/.work (projects.ts,
 * real-module.ts, alembic.ts), then times whole CLI runs. Every case's runs
 * alternate with runs of `node -e 0`, so each ratio compares with the floor
 * measured at the same moment of the same run (the machine is shared: its
 * load changes within minutes). Median, min and max wall time after a
 * warm-up; peak RSS from /usr/bin/time when present. Prints the speed
 * targets' table (each row: median, ratio, target, met or missed) as markdown
 * for the README, then every case, then the per-stage times of one
 * instrumented run (INDEX_AUDIT_TIMING=1). A script, not a timed test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, loadavg, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { alembicProject } from "./alembic.js";
import { djangoProject, manyFileProject, NAIVE_SCAN, singleFileProject, write } from "./projects.js";
import { EDITED, realModuleProject } from "./real-module.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The installed CLI (package.json `bin`) beside this compiled script (dist/bench → dist/src, .dist-x/bench → .dist-x/src). */
const BIN = resolve(HERE, "../src/bundle/index-audit.cjs");
const ROOT = resolve(HERE, "../..");
const WORK = join(ROOT, "bench/.work");
const EXAMPLE = join(ROOT, "fixtures/example");
const QUICK = process.argv.includes("--quick");
const RUNS = Number(process.env.BENCH_RUNS ?? (QUICK ? 5 : 9));

interface Sample {
  ms: number;
  rssKiB: number | null;
}

interface Result {
  name: string;
  runs: number;
  median: number;
  min: number;
  max: number;
  /** Median of the `node -e 0` runs interleaved with this case's. */
  floor: number;
  rssMiB: number | null;
}

const hasTime = existsSync("/usr/bin/time");
const node = process.execPath;

function once(cmd: string, args: readonly string[], cwd: string): Sample {
  // Output is discarded: a pipe would add the reader's cost and could overflow a buffer.
  const opts = { cwd, encoding: "utf8" as const, stdio: ["ignore", "ignore", "pipe"] as ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 };
  const start = process.hrtime.bigint();
  const r = hasTime ? spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], opts) : spawnSync(cmd, args, opts);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}: ${r.stderr}`);
  const rss = hasTime ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { ms, rssKiB: Number.isFinite(rss) ? rss : null };
}

const median = (xs: readonly number[]): number => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** `each` runs before every run of the case (warm-up included), untimed: the edit-loop case edits a line there. */
function measure(name: string, cmd: string, args: readonly string[], cwd: string, opts: { runs?: number; before?: () => void; each?: () => void } = {}): Result {
  const runs = opts.runs ?? RUNS;
  opts.before?.();
  opts.each?.();
  once(cmd, args, cwd); // warm-up (also fills the cache for the --cache cases)
  const samples: Sample[] = [];
  const floors: number[] = [];
  for (let k = 0; k < runs; k++) {
    floors.push(once(node, ["-e", "0"], ROOT).ms);
    opts.each?.();
    samples.push(once(cmd, args, cwd));
  }
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssKiB ?? 0);
  const result = { name, runs, median: median(ms), min: ms[0]!, max: ms[ms.length - 1]!, floor: median(floors), rssMiB: hasTime ? Math.max(...rss) / 1024 : null };
  process.stderr.write(`  ${name}: ${result.median.toFixed(0)} ms (node -e 0: ${result.floor.toFixed(0)} ms)\n`);
  return result;
}

/** Per-stage times (ms) printed by one run with INDEX_AUDIT_TIMING=1. */
function stages(cwd: string, args: readonly string[]): Map<string, number> {
  const r = spawnSync(node, [BIN, ...args], { cwd, env: { ...process.env, INDEX_AUDIT_TIMING: "1" }, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const out = new Map<string, number>();
  for (const line of r.stderr.split("\n")) {
    const m = /^index-audit timing: (.+?)\s+([\d.]+) ms$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

// ---------------------------------------------------------------------------

if (!existsSync(BIN)) throw new Error(`${BIN} not found: build first (npm run build)`);
process.stderr.write(`generating projects under ${WORK} …\n`);
const real = realModuleProject(WORK);
const p10k = singleFileProject(WORK, "p10k", 10_000);
const p100k = QUICK ? null : singleFileProject(WORK, "p100k", 100_000);
const p1m = QUICK ? null : singleFileProject(WORK, "p1m", 1_000_000);
const many = QUICK ? null : manyFileProject(WORK, 1_000, 1_000);
const alembic300 = join(WORK, "alembic-300");
for (const [path, text] of alembicProject(300)) write(join(alembic300, path), text);
const django500 = djangoProject(WORK, 5, 100);
const django = djangoProject(WORK, 15, 100);
const naive = join(WORK, "naive_scan.py");
write(naive, NAIVE_SCAN);
const hasPython = spawnSync("python3", ["-c", "0"]).status === 0;
const cacheDir = join(WORK, "cache");
const clearCache = (): void => rmSync(cacheDir, { recursive: true, force: true });
const lines = (dir: string, file = "server/db_migrate.py"): string => readFileSync(join(dir, file), "utf8").split("\n").length.toLocaleString("en-US");
const realModule = join(real, "server/db_migrate.py");
const realText = readFileSync(realModule, "utf8");
let flips = 0;
/** One line of the real-size module, changed back and forth: every run is a whole-result miss with one new SQL string. */
const editOneLine = (): void => writeFileSync(realModule, flips++ % 2 === 0 ? realText.replace(EDITED.from, EDITED.to) : realText);

const check = (...extra: string[]): string[] => [BIN, "check", ...extra];
const cached = check("--cache", "--cache-location", cacheDir);
const slowRuns = Math.min(RUNS, 3);
// The two cases near the floor (about 0.1 s) move by a few ms from run to run: more runs, still cheap.
const quickRuns = Math.max(RUNS * 3, 15);
process.stderr.write(`timing (${RUNS} runs after a warm-up, each after a run of node -e 0; ${quickRuns} for the pre-commit and warm-hit cases, ${slowRuns} for the largest) …\n`);

const R = {
  precommit: measure("`check README.md` (pre-commit, no migration staged)", node, check("README.md"), EXAMPLE, { runs: quickRuns }),
  real: measure(`\`check\`: real-size module (${lines(real)} lines, 330 retry-helper calls) + ${lines(real, "server/db_indexes.py")}-line registry`, node, check(), real),
  warm: measure("`check --cache`, warm hit: real-size module", node, cached, real, { runs: quickRuns, before: clearCache }),
  edit: measure("`check --cache` after one line edited: real-size module", node, cached, real, { before: clearCache, each: editOneLine }),
  p10k: measure(`\`check\`: synthetic ${lines(p10k)}-line migration + 800-entry registry`, node, check(), p10k),
  alembic: measure("`check`: Alembic project, 300 revisions (no registry)", node, check(), alembic300),
  django500: measure("`check`: Django project, 500 migration files (5 apps)", node, check(), django500, { runs: slowRuns }),
  django1500: measure("`check`: Django project, 1,500 migration files (15 apps)", node, check(), django, { runs: slowRuns }),
};
writeFileSync(realModule, realText);
clearCache();
const extra: Result[] = [];
// --quick keeps to the targets' rows: under five minutes on a shared 2-core machine.
if (hasPython && !QUICK) extra.push(measure(`naive line-regex scan (python3), ${lines(p10k)}-line migration`, "python3", [naive, "server/db_migrate.py"], p10k));
if (!QUICK) extra.push(measure("`check`: example project (1,600 + 600 lines)", node, check(), EXAMPLE));
if (p100k) extra.push(measure(`\`check\`: ${lines(p100k)}-line migration + registry`, node, check(), p100k, { runs: slowRuns }));
if (p1m) extra.push(measure(`\`check\`: ${lines(p1m)}-line migration + registry`, node, check(), p1m, { runs: slowRuns }));
if (many) {
  extra.push(measure("`check`: 1,000 files × 1,000 lines + registry", node, check(), many, { runs: slowRuns }));
  extra.push(measure("`check --cache` (warm): 1,000 files × 1,000 lines", node, cached, many, { runs: slowRuns, before: clearCache }));
}
clearCache();

const ratio = (r: Result): number => r.median / r.floor;
const fmt = (x: number): string => x.toLocaleString("en-US", { maximumFractionDigits: 0 });
/** Linear when 3× the files cost 3× the time above the floor (within 25%). */
const perFile = (r: Result, files: number): number => (r.median - r.floor) / files;
const growth = (R.django1500.median - R.django1500.floor) / (R.django500.median - R.django500.floor);
const rssAt10k = R.p10k.rssMiB;
const targets: [string, string, string, string, boolean | null][] = [
  [R.real.name, fmt(R.real.median), `${ratio(R.real).toFixed(2)}×`, "≤ 4×", ratio(R.real) <= 4],
  [R.p10k.name, fmt(R.p10k.median), `${ratio(R.p10k).toFixed(2)}×`, "≤ 6×", ratio(R.p10k) <= 6],
  [R.warm.name, fmt(R.warm.median), `${ratio(R.warm).toFixed(2)}×`, "≤ 1.35×", ratio(R.warm) <= 1.35],
  [R.edit.name, fmt(R.edit.median), `${ratio(R.edit).toFixed(2)}×`, "≤ 2.5×", ratio(R.edit) <= 2.5],
  [R.precommit.name, fmt(R.precommit.median), `${ratio(R.precommit).toFixed(2)}×`, "≤ 1.2×", ratio(R.precommit) <= 1.2],
  [
    "`check`: Django, 500 → 1,500 migration files (~100 lines each)",
    `${fmt(R.django500.median)} → ${fmt(R.django1500.median)}`,
    `${ratio(R.django500).toFixed(2)}× → ${ratio(R.django1500).toFixed(2)}×; above the floor ${growth.toFixed(2)}× for 3× the files (${perFile(R.django500, 500).toFixed(2)} → ${perFile(R.django1500, 1500).toFixed(2)} ms a file)`,
    "linear (3× ± 25%)",
    growth >= 2.25 && growth <= 3.75,
  ],
  ["peak RSS, synthetic 10k case", rssAt10k === null ? "n/a" : `${rssAt10k.toFixed(0)} MiB`, "", "≤ 120 MiB", rssAt10k === null ? null : rssAt10k <= 120],
  [`${R.alembic.name}, held to the real-size module's cold budget`, fmt(R.alembic.median), `${ratio(R.alembic).toFixed(2)}×`, "≤ 4×", ratio(R.alembic) <= 4],
];

const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
const load = loadavg().map((l) => l.toFixed(1)).join(", ");
console.log(`\n${new Date().toISOString().slice(0, 10)}; node ${process.version}; ${process.platform}/${process.arch}; ${availableParallelism()} cores (${cpu}); ${(totalmem() / 2 ** 30).toFixed(1)} GiB; load average at the end ${load}`);
console.log(`${RUNS} runs after a warm-up (${quickRuns} for the pre-commit and warm-hit cases, ${slowRuns} for the Django and larger cases), each run after one of \`node -e 0\`; wall time of the whole process; ratio to the median \`node -e 0\` of the same case's runs\n`);
console.log("| target | median ms | × `node -e 0` | target | |");
console.log("|---|---:|---:|---:|---|");
for (const [name, ms, x, target, met] of targets) console.log(`| ${name} | ${ms} | ${x} | ${target} | ${met === null ? "not measured" : met ? "met" : "missed"} |`);

console.log("\n| case | median ms | min | max | `node -e 0` ms | × `node -e 0` | peak RSS MiB |");
console.log("|---|---:|---:|---:|---:|---:|---:|");
for (const r of [...Object.values(R), ...extra]) {
  const rss = r.rssMiB === null ? "n/a" : r.rssMiB.toFixed(0);
  console.log(`| ${r.name} | ${fmt(r.median)} | ${fmt(r.min)} | ${fmt(r.max)} | ${fmt(r.floor)} | ${ratio(r).toFixed(2)} | ${rss} |`);
}

const stageRuns: [string, string, string[]][] = [
  ["real-size module", real, ["check"]],
  ["synthetic 10k", p10k, ["check"]],
  ["Alembic, 300 revisions", alembic300, ["check"]],
];
const tables = stageRuns.map(([label, dir, args]) => [label, stages(dir, args)] as const);
const names = [...new Set(tables.flatMap(([, m]) => [...m.keys()]))];
console.log("\nPer stage, one instrumented run (INDEX_AUDIT_TIMING=1), ms:\n");
console.log(`| stage | ${tables.map(([l]) => l).join(" | ")} |`);
console.log(`|---|${tables.map(() => "---:").join("|")}|`);
for (const n of names) console.log(`| ${n} | ${tables.map(([, m]) => (m.has(n) ? m.get(n)!.toFixed(1) : "")).join(" | ")} |`);
