/**
 * `npm run bench` (`-- --quick` skips the 1M-line and the many-file cases).
 *
 * Generates synthetic projects under bench/.work — migration files of 10k,
 * 100k and 1M lines written with the patterns of fixtures/example (executor
 * calls, helpers, f-strings in loops, triple-quoted DDL, lists of statements,
 * guards, docstrings, log lines), an 800-entry registry, and 1,000 migration
 * files of 1,000 lines — then times whole CLI runs of `check` against
 * `node -e 0` and a naive line-regex scan, in one run on one machine:
 * median/min/max wall time of several runs after a warm-up, peak RSS from
 * /usr/bin/time when present. Last, the per-stage times of one instrumented
 * run (INDEX_AUDIT_TIMING=1). A script, not a timed test.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { availableParallelism, cpus, totalmem } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { alembicProject } from "./alembic.js";

const HERE = dirname(fileURLToPath(import.meta.url));
/** The compiled CLI beside this compiled script (dist/bench → dist/src, .dist-x/bench → .dist-x/src). */
const BIN = resolve(HERE, "../src/bin.js");
const ROOT = resolve(HERE, "../..");
const WORK = join(ROOT, "bench/.work");
const EXAMPLE = join(ROOT, "fixtures/example");
const QUICK = process.argv.includes("--quick");
const RUNS = Number(process.env.BENCH_RUNS ?? 7);

// ---------------------------------------------------------------------------
// Synthetic projects
// ---------------------------------------------------------------------------

const TABLES = ["leads", "calls", "messages", "appointments", "invoices", "payments", "tasks", "webhooks", "users", "conversations"];

const HEADER = `# -*- coding: utf-8 -*-
"""
Generated migrations for the index-audit benchmark.

Every migration is a plain function that takes a SQLAlchemy \`\`Connection\`\`,
as in fixtures/example/server/db_migrate.py:

    def migrate_v42_something(conn):
        conn.execute(text("CREATE INDEX IF NOT EXISTS idx_example ON t(a)"))
"""
from __future__ import annotations

import logging
import time

from sqlalchemy import text

logger = logging.getLogger("bench.migrate")

LEADS_TABLE = "leads"
TENANT_TABLES = ("tasks", "webhooks")
DEFAULT_LOCK_TIMEOUT = "5s"


def index_exists(conn, name):
    row = conn.execute(text("SELECT 1 FROM pg_indexes WHERE indexname = :name"), {"name": name}).first()
    return row is not None


def exec_index(conn, sql):
    """Run one CREATE INDEX statement and log how long it took."""
    started = time.monotonic()
    conn.execute(text(sql))
    logger.debug("index statement took %.2fs: %s", time.monotonic() - started, sql[:80])


def add_tenant_index(conn, table):
    """Index tenant_id on one of the white-label tables."""
    conn.execute(text(f"CREATE INDEX IF NOT EXISTS idx_{table}_tenant ON {table} (tenant_id)"))

`;

/** One migration function in one of several shapes; `n` makes every name unique. */
function migration(n: number, prefix: string): string {
  const t = TABLES[n % TABLES.length]!;
  const v = `${prefix}${n}`;
  switch (n % 6) {
    case 0:
      return `def migrate_v${v}_${t}_columns(conn):
    """v${v}: new columns on ${t} and their indexes."""
    conn.execute(text("ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS c${v} TEXT"))
    conn.execute(text("ALTER TABLE ${t} ADD COLUMN IF NOT EXISTS d${v} TIMESTAMPTZ"))
    # speeds up the ${t} list filtered by c${v}
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_${t}_c${v} ON ${t} (c${v})"))
    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_${t}_d${v} ON ${t} (business_id, d${v}) WHERE deleted_at IS NULL"))
    logger.info("created index idx_${t}_c${v} on ${t}")
`;
    case 1:
      return `def migrate_v${v}_${t}_table(conn):
    conn.execute(text(f"SET lock_timeout = '{DEFAULT_LOCK_TIMEOUT}'"))
    conn.execute(
        text(
            """
        CREATE TABLE IF NOT EXISTS ${t}_${v} (
            id BIGSERIAL PRIMARY KEY,
            business_id BIGINT NOT NULL REFERENCES businesses (id),
            name TEXT NOT NULL,
            status TEXT NOT NULL DEFAULT 'open',
            created_at TIMESTAMPTZ NOT NULL DEFAULT now(),
            UNIQUE (business_id, name)
        )
        """
        )
    )
    if not index_exists(conn, "idx_${t}_${v}_status"):
        exec_index(conn, "CREATE INDEX idx_${t}_${v}_status ON ${t}_${v} (business_id, status)")
`;
    case 2:
      return `${t.toUpperCase()}_${v}_INDEXES = [
    "CREATE INDEX IF NOT EXISTS idx_${t}_${v}_owner ON ${t} (owner_id)",
    "CREATE INDEX IF NOT EXISTS idx_${t}_${v}_created ON ${t} (created_at DESC)",
    'CREATE INDEX IF NOT EXISTS idx_${t}_${v}_phone ON ${t} (phone) WHERE phone IS NOT NULL',
]


def migrate_v${v}_${t}_indexes(conn):
    for stmt in ${t.toUpperCase()}_${v}_INDEXES:
        conn.execute(text(stmt))
`;
    case 3:
      return `def migrate_v${v}_tenants(conn):
    # white-label tables get a per-tenant index each
    for table in TENANT_TABLES:
        conn.execute(text(f"CREATE INDEX IF NOT EXISTS idx_{table}_t${v} ON {table} (tenant_id, t${v})"))
    add_tenant_index(conn, "${t}")
    conn.execute(text("UPDATE ${t} SET t${v} = :value WHERE t${v} IS NULL"), {"value": 0})
`;
    case 4:
      return `def migrate_v${v}_${t}_backfill(conn):
    """Backfill ${t}.e${v}; "Could not create unique index" in the log means duplicates."""
    try:
        conn.execute(text("UPDATE ${t} SET e${v} = lower(e${v}) WHERE e${v} <> lower(e${v})"))
    except Exception:
        logger.warning("Could not create unique index on ${t}.e${v}, skipping")
        return
    conn.execute(
        text(
            "CREATE UNIQUE INDEX IF NOT EXISTS uq_${t}_e${v} "
            "ON ${t} (lower(e${v}))"
        )
    )
`;
    default:
      return `def migrate_v${v}_${t}_cleanup(conn):
    conn.execute(
        text(
            """
            CREATE INDEX IF NOT EXISTS idx_${t}_f${v} ON ${t} (f${v}, created_at DESC);
            -- old name, replaced by idx_${t}_f${v}
            DROP INDEX IF EXISTS idx_${t}_f${v}_old;
            """
        )
    )
    conn.execute(text("CREATE INDEX IF NOT EXISTS %s ON %s (%s)" % ("idx_${t}_g${v}", "${t}", "g${v}")))
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_{0}_h${v} ON {0} (h${v})".format("${t}")))
`;
  }
}

/** A migration file of about `lines` lines. */
function migrationFile(lines: number, prefix: string): string {
  const out = [HEADER];
  let count = HEADER.split("\n").length;
  for (let n = 0; count < lines; n++) {
    const block = migration(n, prefix) + "\n\n";
    out.push(block);
    count += block.split("\n").length - 1;
  }
  return out.join("");
}

const DOMAINS = ["LEADS_CRM", "CALLS", "MESSAGING", "BILLING"];

/** An `entries`-entry registry in the example's style: one dict per entry, in several domain lists. */
function registryFile(entries: number): string {
  const out = ['"""Performance-index registry (generated for the benchmark)."""', "", "from sqlalchemy import text", ""];
  const per = Math.ceil(entries / DOMAINS.length);
  for (let d = 0; d < DOMAINS.length; d++) {
    out.push(`INDEX_DEFS_${DOMAINS[d]} = [`);
    for (let i = d * per; i < Math.min(entries, (d + 1) * per); i++) {
      const t = TABLES[i % TABLES.length]!;
      out.push(
        "    {",
        `        "name": "idx_${t}_r${i}",`,
        `        "table": "${t}",`,
        `        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_${t}_r${i} ON ${t} (r${i}, created_at DESC)",`,
        `        "critical": ${i % 7 === 0 ? "True" : "False"},`,
        `        "description": "Lookup of ${t} by r${i}",`,
        "    },",
      );
    }
    out.push("]", "");
  }
  out.push(`INDEX_DEFS = ${DOMAINS.map((d) => `INDEX_DEFS_${d}`).join(" + ")}`, "");
  return out.join("\n");
}

function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && readFileSync(path, "utf8") === text) return;
  writeFileSync(path, text);
}

/** A project with one migration file of `lines` lines and an 800-entry registry. */
function singleFileProject(name: string, lines: number): string {
  const dir = join(WORK, name);
  write(join(dir, "server/db_migrate.py"), migrationFile(lines, ""));
  write(join(dir, "server/db_indexes.py"), registryFile(800));
  return dir;
}

/** 1,000 migration files of 1,000 lines and the registry, configured by glob. */
function manyFileProject(files: number, lines: number): string {
  const dir = join(WORK, `many-${files}x${lines}`);
  for (let f = 0; f < files; f++) write(join(dir, `server/migrations/m${String(f).padStart(4, "0")}.py`), migrationFile(lines, `${f}_`));
  write(join(dir, "server/db_indexes.py"), registryFile(800));
  write(join(dir, "index-audit.json"), JSON.stringify({ migrations: ["server/migrations/*.py"], registry: "server/db_indexes.py" }, null, 2) + "\n");
  return dir;
}

/**
 * A Django project of `apps` apps × `perApp` migration files, as makemigrations
 * writes them: CreateModel with foreign keys (one to the swappable user model),
 * unique and indexed CharFields, Meta indexes and unique_together; then AddField,
 * AlterField, AddIndex, RemoveIndex, RunSQL and AddIndexConcurrently, with
 * dependencies within the app and on the previous app.
 */
function djangoProject(apps: number, perApp: number): string {
  const dir = join(WORK, `django-${apps * perApp}`);
  const id = '("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID"))';
  write(join(dir, "manage.py"), 'import os\nos.environ.setdefault("DJANGO_SETTINGS_MODULE", "site_config.settings")\n');
  write(join(dir, "site_config/settings.py"), 'AUTH_USER_MODEL = "app00.Member"\n');
  for (let a = 0; a < apps; a++) {
    const app = `app${String(a).padStart(2, "0")}`;
    write(join(dir, app, "migrations/__init__.py"), "");
    let previous = "";
    for (let m = 1; m <= perApp; m++) {
      const name = `${String(m).padStart(4, "0")}_${m === 1 ? "initial" : `change_${m}`}`;
      const deps = [previous ? `("${app}", "${previous}")` : "", m === 1 && a > 0 ? `("app${String(a - 1).padStart(2, "0")}", "0001_initial")` : "", m === 1 && a > 0 ? "migrations.swappable_dependency(settings.AUTH_USER_MODEL)" : ""].filter(Boolean);
      const model = `Model${m}`;
      const ops =
        m === 1
          ? [
              "        migrations.CreateModel(",
              `            name="${a === 0 ? "Member" : "Account"}",`,
              `            fields=[${id}, ("email", models.EmailField(max_length=254, unique=True)), ("handle", models.SlugField())],`,
              "        ),",
            ]
          : [
              "        migrations.CreateModel(",
              `            name="${model}",`,
              "            fields=[",
              `                ${id},`,
              '                ("code", models.CharField(max_length=32, unique=True)),',
              '                ("status", models.CharField(db_index=True, default="new", max_length=20)),',
              '                ("created_at", models.DateTimeField(auto_now_add=True)),',
              '                ("owner", models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, to=settings.AUTH_USER_MODEL)),',
              `                ("account", models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to="${app}.${a === 0 ? "member" : "account"}")),`,
              "            ],",
              `            options={"indexes": [models.Index(fields=["status", "-created_at"], name="${app}_m${m}_status_idx")], "unique_together": {("owner", "code")}},`,
              "        ),",
              `        migrations.AddField(model_name="${a === 0 ? "member" : "account"}", name="note_${m}", field=models.CharField(blank=True, db_index=True, max_length=40)),`,
              `        migrations.AlterField(model_name="${model.toLowerCase()}", name="status", field=models.CharField(default="new", max_length=24)),`,
              `        migrations.AddIndex(model_name="${model.toLowerCase()}", index=models.Index(fields=["created_at"], name="${app}_m${m}_created_idx")),`,
              ...(m % 3 === 0 ? [`        migrations.RemoveIndex(model_name="${model.toLowerCase()}", name="${app}_m${m}_created_idx"),`] : []),
              ...(m % 5 === 0 ? [`        migrations.RunSQL("CREATE INDEX ${app}_m${m}_lower_code ON ${app}_${model.toLowerCase()} (lower(code))", reverse_sql="DROP INDEX ${app}_m${m}_lower_code"),`] : []),
            ];
      const text = [
        `# Generated by Django 4.2 for the index-audit benchmark (${app} ${m})`,
        "",
        "from django.conf import settings",
        "from django.db import migrations, models",
        "import django.db.models.deletion",
        "",
        "",
        "class Migration(migrations.Migration):",
        "",
        `    dependencies = [${deps.join(", ")}]`,
        "",
        "    operations = [",
        ...ops,
        "    ]",
        "",
      ].join("\n");
      write(join(dir, app, "migrations", `${name}.py`), text);
      previous = name;
    }
  }
  return dir;
}

/** The script teams write instead: grep each line of the migrations for CREATE INDEX. */
const NAIVE_SCAN = `
import re, sys
pat = re.compile(r"CREATE\\s+(UNIQUE\\s+)?INDEX\\s+(CONCURRENTLY\\s+)?(IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)", re.I)
found = 0
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        for n, line in enumerate(f, 1):
            m = pat.search(line)
            if m:
                found += 1
                print(f"{path}:{n}: {m.group(4)}")
print(found, "indexes", file=sys.stderr)
`;

// ---------------------------------------------------------------------------
// Timing
// ---------------------------------------------------------------------------

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
  rssMiB: number | null;
}

const hasTime = existsSync("/usr/bin/time");

function once(cmd: string, args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Sample {
  // Output is discarded: a pipe would add the reader's cost and could overflow a buffer.
  const opts = { cwd, env, encoding: "utf8" as const, stdio: ["ignore", "ignore", "pipe"] as ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 };
  const start = process.hrtime.bigint();
  const r = hasTime ? spawnSync("/usr/bin/time", ["-f", "%M", cmd, ...args], opts) : spawnSync(cmd, args, opts);
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (r.status !== 0 && r.status !== 1) throw new Error(`${cmd} ${args.join(" ")} (in ${cwd}) exited ${r.status}: ${r.stderr}`);
  const rss = hasTime ? Number(r.stderr.trim().split("\n").pop()) : NaN;
  return { ms, rssKiB: Number.isFinite(rss) ? rss : null };
}

function measure(name: string, cmd: string, args: readonly string[], cwd: string, runs = RUNS, before?: () => void): Result {
  before?.();
  once(cmd, args, cwd); // warm-up (also fills the cache for the --cache cases)
  const samples = Array.from({ length: runs }, () => once(cmd, args, cwd));
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const rss = samples.map((s) => s.rssKiB ?? 0);
  const result = { name, runs, median: ms[Math.floor(ms.length / 2)]!, min: ms[0]!, max: ms[ms.length - 1]!, rssMiB: hasTime ? Math.max(...rss) / 1024 : null };
  process.stderr.write(`  ${name}: ${result.median.toFixed(0)} ms\n`);
  return result;
}

/** Per-stage times (ms) printed by one run with INDEX_AUDIT_TIMING=1. */
function stages(cwd: string, args: readonly string[]): Map<string, number> {
  const r = spawnSync(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, INDEX_AUDIT_TIMING: "1" }, encoding: "utf8", stdio: ["ignore", "ignore", "pipe"], maxBuffer: 64 * 1024 * 1024 });
  const out = new Map<string, number>();
  for (const line of r.stderr.split("\n")) {
    const m = /^index-audit timing: (.+?)\s+([\d.]+) ms$/.exec(line);
    if (m) out.set(m[1]!, Number(m[2]));
  }
  return out;
}

// ---------------------------------------------------------------------------
// Main
// ---------------------------------------------------------------------------

if (!existsSync(BIN)) throw new Error(`${BIN} not found: build first (npm run build)`);
process.stderr.write(`generating projects under ${WORK} …\n`);
const p10k = singleFileProject("p10k", 10_000);
const p100k = singleFileProject("p100k", 100_000);
const p1m = QUICK ? null : singleFileProject("p1m", 1_000_000);
const many = QUICK ? null : manyFileProject(1_000, 1_000);
const alembic300 = join(WORK, "alembic-300");
for (const [path, text] of alembicProject(300)) write(join(alembic300, path), text);
const django500 = djangoProject(5, 100);
const django = djangoProject(15, 100);
const naive = join(WORK, "naive_scan.py");
write(naive, NAIVE_SCAN);
const hasPython = spawnSync("python3", ["-c", "0"]).status === 0;
const cacheDir = join(WORK, "cache");
const clearCache = (): void => rmSync(cacheDir, { recursive: true, force: true });
const lines = (dir: string, file = "server/db_migrate.py"): string => readFileSync(join(dir, file), "utf8").split("\n").length.toLocaleString("en-US");

const node = process.execPath;
const check = (...extra: string[]): string[] => [BIN, "check", ...extra];
const slowRuns = Math.max(3, Math.min(RUNS, 3));
process.stderr.write(`timing (${RUNS} runs after a warm-up; ${slowRuns} for the largest cases) …\n`);
const results: Result[] = [];
results.push(measure("`node -e 0`", node, ["-e", "0"], ROOT));
results.push(measure("`check README.md` (pre-commit, no migration staged)", node, check("README.md"), EXAMPLE));
if (hasPython) results.push(measure(`naive line-regex scan (python3), ${lines(p10k)}-line migration`, "python3", [naive, "server/db_migrate.py"], p10k));
results.push(measure("`check`: example project (1,600 + 600 lines)", node, check(), EXAMPLE));
results.push(measure(`\`check\`: ${lines(p10k)}-line migration + 800-entry registry`, node, check(), p10k));
results.push(measure(`\`check --cache\` (warm): ${lines(p10k)}-line migration + registry`, node, check("--cache", "--cache-location", cacheDir), p10k, RUNS, clearCache));
results.push(measure("`check`: Alembic project, 300 revisions (no registry)", node, check(), alembic300));
results.push(measure(`\`check\`: ${lines(p100k)}-line migration + registry`, node, check(), p100k, slowRuns));
if (p1m) results.push(measure(`\`check\`: ${lines(p1m)}-line migration + registry`, node, check(), p1m, slowRuns));
if (many) {
  results.push(measure("`check`: 1,000 files × 1,000 lines + registry", node, check(), many, slowRuns));
  results.push(measure("`check --cache` (warm): 1,000 files × 1,000 lines", node, check("--cache", "--cache-location", cacheDir), many, slowRuns, clearCache));
}
results.push(measure("`check`: Django project, 500 migration files (5 apps)", node, check(), django500, slowRuns));
results.push(measure("`check`: Django project, 1,500 migration files (15 apps)", node, check(), django, slowRuns));
clearCache();

const floor = results[0]!.median;
const cpu = cpus()[0]?.model.trim() ?? "unknown CPU";
console.log(`\n${new Date().toISOString().slice(0, 10)}; node ${process.version}; ${process.platform}/${process.arch}; ${availableParallelism()} cores (${cpu}); ${(totalmem() / 2 ** 30).toFixed(1)} GiB`);
console.log(`${RUNS} runs after a warm-up (${slowRuns} for 100k lines and larger); wall time of the whole process\n`);
console.log("| case | median ms | min | max | × `node -e 0` | peak RSS MiB |");
console.log("|---|---:|---:|---:|---:|---:|");
for (const r of results) {
  const rss = r.rssMiB === null ? "n/a" : r.rssMiB.toFixed(0);
  console.log(`| ${r.name} | ${r.median.toFixed(0)} | ${r.min.toFixed(0)} | ${r.max.toFixed(0)} | ${(r.median / floor).toFixed(2)} | ${rss} |`);
}
const ratio = (a: string, b: string): string => {
  const x = results.find((r) => r.name.includes(a));
  const y = results.find((r) => r.name.includes(b));
  return x && y ? (x.median / y.median).toFixed(2) : "n/a";
};
console.log(`\n100k lines / 10k lines: ${ratio("100,", "`check`: 10,")}×`);

const stageRuns: [string, string, string[]][] = [
  ["10k lines", p10k, ["check"]],
  ["Alembic, 300 revisions", alembic300, ["check"]],
  ["100k lines", p100k, ["check"]],
];
const tables = stageRuns.map(([label, dir, args]) => [label, stages(dir, args)] as const);
const names = [...new Set(tables.flatMap(([, m]) => [...m.keys()]))];
console.log("\nPer stage, one instrumented run (INDEX_AUDIT_TIMING=1), ms:\n");
console.log(`| stage | ${tables.map(([l]) => l).join(" | ")} |`);
console.log(`|---|${tables.map(() => "---:").join("|")}|`);
for (const n of names) console.log(`| ${n} | ${tables.map(([, m]) => (m.has(n) ? m.get(n)!.toFixed(1) : "")).join(" | ")} |`);
