/**
 * `npm run bench`: times whole CLI runs against `node -e 0` on the example
 * project and on a generated 10,000-line migration with an 800-entry registry.
 * Prints median/min/max wall time and peak RSS (from /usr/bin/time when present).
 */
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
const WORK = join(ROOT, "bench/.work");
const BIN = join(ROOT, "dist/src/bin.js");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

function generate(lines: number, entries: number): string {
  const dir = join(WORK, `p${lines}`);
  mkdirSync(join(dir, "server"), { recursive: true });
  const out: string[] = ['"""Generated migrations for the benchmark."""', "from sqlalchemy import text", "", 'TABLES = ("calls", "messages", "appointments")', ""];
  let n = 0;
  while (out.length < lines) {
    out.push(`def migrate_v${n}(conn):`, `    """Migration ${n}: CREATE INDEX example in a docstring."""`, `    # speeds up lookups by column c${n}`);
    out.push(`    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_t${n % 40}_c${n} ON t${n % 40} (c${n})"))`);
    out.push(`    conn.execute(text("""`, `        CREATE UNIQUE INDEX IF NOT EXISTS uq_t${n % 40}_u${n} ON t${n % 40} (u${n}, business_id)`, `        WHERE deleted_at IS NULL;`, `    """))`);
    out.push(`    for t in TABLES:`, `        conn.execute(text(f"CREATE INDEX IF NOT EXISTS idx_{t}_x${n} ON {t} (x${n})"))`);
    out.push(`    conn.execute(text("UPDATE t SET a = :a WHERE id = :id"), {"a": 1, "id": 2})`, `    logger.info("created index idx_t_c${n}")`, "", "");
    n++;
  }
  writeFileSync(join(dir, "server/db_migrate.py"), out.join("\n") + "\n");
  const reg: string[] = ["INDEX_DEFS_A = ["];
  for (let i = 0; i < entries; i++) {
    reg.push(`    {"name": "idx_r${i}", "table": "r${i % 50}", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_r${i} ON r${i % 50} (c${i})", "critical": False, "description": "entry ${i}"},`);
  }
  reg.push("]", "INDEX_DEFS = INDEX_DEFS_A", "");
  writeFileSync(join(dir, "server/db_indexes.py"), reg.join("\n"));
  return dir;
}

interface Sample {
  ms: number;
  rssKiB: number | null;
}

const hasTime = existsSync("/usr/bin/time");

function once(cmd: string, args: string[], cwd: string): Sample {
  const start = process.hrtime.bigint();
  // Output is discarded: a pipe would add the reader's cost and could overflow a buffer.
  const opts = { cwd, encoding: "utf8" as const, stdio: ["ignore", "ignore", "pipe"] as ["ignore", "ignore", "pipe"] };
  const r = hasTime ? spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], opts) : spawnSync(cmd, args, opts);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} failed: ${r.stderr}`);
  const rss = hasTime ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { ms, rssKiB: Number.isFinite(rss) ? rss : null };
}

function measure(cmd: string, args: string[], cwd: string): { median: number; min: number; max: number; rss: number | null } {
  once(cmd, args, cwd); // warm-up
  const samples = Array.from({ length: RUNS }, () => once(cmd, args, cwd));
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssKiB ?? 0);
  return { median: ms[Math.floor(ms.length / 2)]!, min: ms[0]!, max: ms[ms.length - 1]!, rss: hasTime ? Math.max(...rss) : null };
}

const p10k = generate(10_000, 800);
const lines = execFileSync("wc", ["-l", join(p10k, "server/db_migrate.py")], { encoding: "utf8" }).trim().split(" ")[0];
const cases: [string, string, string[], string][] = [
  ["node -e 0", process.execPath, ["-e", "0"], ROOT],
  ["list: example project", process.execPath, [BIN, "list", "--format", "json"], join(ROOT, "fixtures/example")],
  [`list: ${lines}-line migration + 800 entries`, process.execPath, [BIN, "list", "--format", "json"], p10k],
];
const results = cases.map(([name, cmd, args, cwd]) => ({ name, ...measure(cmd, args, cwd) }));
const floor = results[0]!.median;
console.log(`${RUNS} runs after a warm-up; node ${process.version}; ${process.platform}/${process.arch}`);
console.log("| case | median ms | min | max | × node -e 0 | peak RSS MiB |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of results) {
  const rss = r.rss === null ? "n/a" : (r.rss / 1024).toFixed(0);
  console.log(`| ${r.name} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${r.max.toFixed(0)} | ${(r.median / floor).toFixed(2)} | ${rss} |`);
}
