/**
 * The synthetic projects `npm run bench` times, written under bench/.work:
 * migration files in the example project's patterns, registries, many-file
 * and Django projects, and the naive scan teams write instead.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

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
export function registryFile(entries: number): string {
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

export function write(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  if (existsSync(path) && readFileSync(path, "utf8") === text) return;
  writeFileSync(path, text);
}

/** A project with one migration file of `lines` lines and an 800-entry registry. */
export function singleFileProject(work: string, name: string, lines: number): string {
  const dir = join(work, name);
  write(join(dir, "server/db_migrate.py"), migrationFile(lines, ""));
  write(join(dir, "server/db_indexes.py"), registryFile(800));
  return dir;
}

/** 1,000 migration files of 1,000 lines and the registry, configured by glob. */
export function manyFileProject(work: string, files: number, lines: number): string {
  const dir = join(work, `many-${files}x${lines}`);
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
export function djangoProject(work: string, apps: number, perApp: number): string {
  const dir = join(work, `django-${apps * perApp}`);
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
export const NAIVE_SCAN = `
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
