import assert from "node:assert/strict";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createServer, type Server, type Socket } from "node:net";
import { join } from "node:path";
import { after, before, describe, it } from "node:test";
import { Ajv } from "ajv";
import pg from "pg";
import { run } from "../src/cli.js";
import { DEFAULT_SESSION, readDatabase } from "../src/db/client.js";
import { maskUrl, parseDatabaseUrl } from "../src/db/url.js";
import { EXPECTED_COMPACT, EXPECTED_REPAIR, FAILING_BUILD, scenarioProject, SETUP } from "./helpers/db-scenario.js";
import { fakeIo } from "./helpers/io.js";
import { loadExample } from "./helpers/example-db.js";
import { EXAMPLE, ROOT } from "./helpers/paths.js";
import { startEmbeddedPostgres, type EmbeddedPostgres } from "./helpers/pglite.js";

/** index-audit db against PGlite (PostgreSQL in WebAssembly), reached over TCP by node-postgres like any server. */
let db: EmbeddedPostgres;
let project: string;
const PASSWORD = "s3cret-pw";

before(async () => {
  db = await startEmbeddedPostgres(PASSWORD);
  for (const s of SETUP) await db.exec(s);
  await assert.rejects(db.exec(FAILING_BUILD), /could not create unique index "uq_leads_email"/);
  project = scenarioProject();
});
after(async () => {
  await db.close();
});

async function cli(args: string[], env: Record<string, string> = {}, cwd = project) {
  const io = fakeIo(cwd, env);
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("index-audit db (PGlite)", () => {
  it("finds every difference of the scenario, and nothing else (exit 1)", async () => {
    const r = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "compact"]);
    assert.equal(r.err, "");
    assert.equal(r.out, EXPECTED_COMPACT);
    assert.equal(r.code, 1);
  });

  it("--repair-sql prints the drops, then the builds in declared order, and runs nothing", async () => {
    const r = await cli(["db", "--database-url", db.url, "--schema", "app", "--repair-sql"]);
    assert.equal(r.code, 0);
    const [first, ...rest] = r.out.split("\n");
    assert.equal(first, `-- index-audit db --repair-sql for postgresql://postgres:***@127.0.0.1:${db.port}/postgres`);
    assert.equal(rest.join("\n"), EXPECTED_REPAIR);
    // Nothing ran: the invalid index is still there and the missing one still missing.
    const again = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "compact"]);
    assert.equal(again.out, EXPECTED_COMPACT);
  });

  it("takes the URL from DATABASE_URL, or from the variable database.urlEnv names", async () => {
    assert.equal((await cli(["db", "--schema", "app", "-f", "compact"], { DATABASE_URL: db.url })).out, EXPECTED_COMPACT);
    const configured = scenarioProject({ database: { urlEnv: "CRM_DB_URL" } });
    const r = await cli(["db", "--schema", "app", "-f", "compact"], { CRM_DB_URL: db.url, DATABASE_URL: "postgresql://nobody@127.0.0.1:1/none" }, configured);
    assert.equal(r.out, EXPECTED_COMPACT);
    const none = await cli(["db", "--schema", "app"], {}, configured);
    assert.deepEqual([none.code, none.out, none.err], [2, "", "index-audit: no database URL: give --database-url or set CRM_DB_URL\n"]);
  });

  it("sarif and github formats carry the findings (database ones under the file name `database`)", async () => {
    const sarif = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "sarif"]);
    assert.equal(sarif.code, 1);
    const results = (JSON.parse(sarif.out) as { runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }[] }[] }).runs[0]!.results;
    assert.deepEqual(results.map((r) => `${r.ruleId} ${r.locations[0]!.physicalLocation.artifactLocation.uri}`), [
      "db-duplicate-index database",
      "db-index-undeclared database",
      "db-definition-drift server/db_indexes.py",
      "db-index-missing server/db_indexes.py",
      "db-index-invalid server/db_migrate.py",
    ]);
    const github = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "github"]);
    assert.deepEqual(github.out.split("\n").map((l) => l.slice(0, l.indexOf(","))), ["::warning file=database", "::warning file=database", "::error file=server/db_indexes.py", "::error file=server/db_indexes.py", "::error file=server/db_migrate.py", ""]);
  });

  it("json output follows schemas/report.schema.json; --output-file writes it; --quiet keeps errors", async () => {
    const r = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "json", "-o", "out.json", "--quiet"]);
    assert.deepEqual([r.code, r.out, r.err], [1, "", ""]);
    const doc = JSON.parse(readFileSync(join(project, "out.json"), "utf8")) as { diagnostics: { rule: string; index: string }[] };
    const validate = new Ajv({ strict: false }).compile(JSON.parse(readFileSync(join(ROOT, "schemas/report.schema.json"), "utf8")) as object);
    assert.ok(validate(doc), JSON.stringify(validate.errors));
    assert.deepEqual(doc.diagnostics.map((d) => [d.rule, d.index]), [
      ["db-definition-drift", "app.idx_leads_business_created"],
      ["db-index-missing", "app.idx_calls_started_at"],
      ["db-index-invalid", "app.uq_leads_email"],
    ]);
  });

  it("paths are shown and output files written relative to where the user stands, as in check", async () => {
    mkdirSync(join(project, "server", "out"), { recursive: true });
    const here = join(project, "server");
    const r = await cli(["db", "--cwd", "..", "--database-url", db.url, "--schema", "app", "-f", "compact"], {}, here);
    assert.equal(r.out, EXPECTED_COMPACT.replace(/^server\//gm, ""));
    const written = await cli(["db", "--cwd", "..", "--database-url", db.url, "--schema", "app", "-f", "compact", "-o", "out/db.txt"], {}, here);
    assert.deepEqual([written.code, written.out], [1, ""]);
    assert.equal(readFileSync(join(here, "out", "db.txt"), "utf8"), r.out);
  });

  it("severities, suppressions and the baseline apply as in check", async () => {
    const dir = scenarioProject({ rules: { "db-index-invalid": "off", "db-duplicate-index": "error" } });
    const r = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "compact"], {}, dir);
    assert.deepEqual(r.out.split("\n").map((l) => l.split(" ").slice(1, 3).join(" ")), [
      "error db-duplicate-index",
      "warning db-index-undeclared",
      "error db-definition-drift",
      "error db-index-missing",
      "",
    ]);
    const update = await cli(["db", "--database-url", db.url, "--schema", "app", "--update-baseline"], {}, dir);
    assert.deepEqual([update.code, update.err], [0, "index-audit: wrote 4 findings to .index-audit-db-baseline.json\n"]);
    const baselined = await cli(["db", "--database-url", db.url, "--schema", "app"], {}, dir);
    assert.deepEqual([baselined.code, baselined.out, baselined.err], [0, "✔ no new problems (4 in the baseline)\n", ""]);
    // An entry that matches nothing any more is reported, as check reports it.
    const file = join(dir, ".index-audit-db-baseline.json");
    const doc = JSON.parse(readFileSync(file, "utf8")) as { findings: { index: string }[] };
    doc.findings.push({ ...doc.findings[0]!, index: "app.idx_dropped_long_ago" });
    writeFileSync(file, JSON.stringify(doc));
    const stale = await cli(["db", "--database-url", db.url, "--schema", "app"], {}, dir);
    assert.deepEqual([stale.code, stale.err], [0, "index-audit: 1 baseline entry is stale (the finding is gone); `index-audit db --update-baseline` prunes it\n"]);
  });

  it("--max-warnings: past it with no error, exit 1 and, on stylish output, the line that says so (as in check)", async () => {
    const dir = scenarioProject({ rules: { "db-index-invalid": "warn", "db-definition-drift": "warn", "db-index-missing": "warn" } });
    const past = await cli(["db", "--database-url", db.url, "--schema", "app", "--max-warnings", "4"], {}, dir);
    assert.deepEqual([past.code, past.out.split("\n").slice(-2), past.err], [1, ["index-audit found too many warnings (maximum: 4).", ""], ""]);
    const compact = await cli(["db", "--database-url", db.url, "--schema", "app", "--max-warnings", "4", "-f", "compact"], {}, dir);
    assert.deepEqual([compact.code, compact.out.split("\n").length, compact.out.includes("too many warnings")], [1, 6, false]);
    const within = await cli(["db", "--database-url", db.url, "--schema", "app", "--max-warnings", "5"], {}, dir);
    assert.deepEqual([within.code, within.out.includes("too many warnings")], [0, false]);
  });

  it("db-unused-index, once switched on, names the size and that the statistics were never reset", async () => {
    const dir = scenarioProject({ rules: { "db-unused-index": "warn" } });
    const r = await cli(["db", "--database-url", db.url, "--schema", "app", "-f", "compact"], {}, dir);
    const unused = r.out.split("\n").filter((l) => l.includes("db-unused-index"));
    assert.deepEqual(unused, [
      "database:1:1: warning db-unused-index Index app.calls_lead_id_idx on calls (8192 bytes) has not been scanned since the statistics began (never reset)",
      "server/db_indexes.py:5:17: warning db-unused-index Index app.idx_leads_status on leads (16 kB) has not been scanned since the statistics began (never reset)",
      "server/db_indexes.py:10:17: warning db-unused-index Index app.idx_leads_business_created on leads (16 kB) has not been scanned since the statistics began (never reset)",
      "server/db_migrate.py:20:24: warning db-unused-index Index app.idx_calls_lead_id on calls (8192 bytes) has not been scanned since the statistics began (never reset)",
    ]);
  });

  it("report --database-url adds the Database section", async () => {
    const r = await cli(["report", "--database-url", db.url, "--schema", "app"]);
    assert.equal(r.code, 0);
    const section = r.out.slice(r.out.indexOf("## Database"));
    assert.equal(
      section,
      `## Database

The declared indexes (effective migrations, then the registry) held against the database's catalog, read-only; schemas: \`app\`.

| | indexes | size |
|---|---:|---:|
| Declared | 6 | |
| Present | 5 | 56 kB |
| Missing | 1 | |
| Invalid | 1 | 0 bytes |
| Undeclared | 1 | 8192 bytes |
| Drift | 1 | 16 kB |

### Missing (1)

| index | table | size | declared at |
|---|---|---:|---|
| \`app.idx_calls_started_at\` | calls |  | server/db_indexes.py:15 |

### Invalid (1)

| index | table | size | declared at |
|---|---|---:|---|
| \`app.uq_leads_email\` | leads | 0 bytes | server/db_migrate.py:26 |

### Undeclared (1)

| index | table | size | declared at |
|---|---|---:|---|
| \`app.calls_lead_id_idx\` | calls | 8192 bytes | nowhere |

### Drift (1)

| index | table | size | declared at |
|---|---|---:|---|
| \`app.idx_leads_business_created\` | leads | 16 kB | server/db_indexes.py:10 |
`,
    );
  });

  it("report --database-url reads the project once: the no-registry notice is said once", async () => {
    const bare = scenarioProject();
    rmSync(join(bare, "server/db_indexes.py"));
    const r = await cli(["report", "--database-url", db.url, "--schema", "app"], {}, bare);
    assert.equal(r.code, 0);
    assert.equal(r.err, "index-audit: no registry yet: server/db_indexes.py does not exist, so the registry is treated as empty\n");
    assert.equal(r.out.split("\n").filter((l) => l.startsWith("## Database")).length, 1);
  });

  it("reads 10,000 indexes with one query per catalog, within seconds", async () => {
    await db.exec(
      "CREATE SCHEMA bulk; DO $$ BEGIN FOR t IN 1..100 LOOP EXECUTE format('CREATE TABLE bulk.t%s (a int, b int)', t); FOR i IN 1..100 LOOP EXECUTE format('CREATE INDEX i_%s_%s ON bulk.t%s ((a + %s))', t, i, t, i); END LOOP; END LOOP; END $$",
    );
    const queries: string[] = [];
    const start = performance.now();
    const snapshot = await readDatabase(parseDatabaseUrl(db.url, "url"), { connectTimeoutSeconds: 10, schemas: ["bulk"], session: DEFAULT_SESSION, observe: (q) => queries.push(q) });
    const ms = performance.now() - start;
    assert.equal(snapshot.indexes.length, 10_000);
    assert.equal(snapshot.tables.length, 100);
    // The session setup, then pg_namespace, pg_class, pg_index (+ pg_get_indexdef), pg_constraint, pg_stat_user_indexes.
    assert.deepEqual(queries.map((q) => /FROM pg_catalog\.(\w+)/.exec(q.replace(/\(SELECT[^)]*\)/g, ""))?.[1] ?? "setup"), ["setup", "pg_namespace", "pg_class", "pg_index", "pg_constraint", "pg_stat_user_indexes"]);
    assert.ok(ms < 20_000, `read in ${Math.round(ms)} ms`);
    const r = await cli(["db", "--database-url", db.url, "--schema", "bulk", "-f", "compact"]);
    assert.equal(r.out.split("\n").filter((l) => l.includes("db-index-undeclared")).length, 10_000);
  });

  it("the session is read-only and names itself; user text travels only as parameters", async () => {
    const r = await cli(["db", "--database-url", db.url, "--schema", "x'); DROP TABLE app.leads; --"]);
    assert.deepEqual([r.code, r.err], [2, `index-audit: --schema: no schema "x'); DROP TABLE app.leads; --" in postgresql://postgres:***@127.0.0.1:${db.port}/postgres\n`]);
    // PGlite has one session: what index-audit set is still visible to the next client.
    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    const settings = await client.query("SELECT current_setting('default_transaction_read_only') AS ro, current_setting('application_name') AS app, current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt, to_regclass('app.leads')::text AS leads");
    await client.end();
    assert.deepEqual(settings.rows[0], { ro: "on", app: "index-audit", st: "30s", lt: "5s", leads: "app.leads" });
  });
});

describe("index-audit db: partitioned tables", () => {
  it("a partition's index counts as declared by its parent's CREATE INDEX", async () => {
    await db.exec(`CREATE SCHEMA parts;
      CREATE TABLE parts.events (id BIGINT, created_at TIMESTAMPTZ NOT NULL, kind TEXT, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at);
      CREATE TABLE parts.events_2026 PARTITION OF parts.events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01');
      CREATE TABLE parts.events_2027 PARTITION OF parts.events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01');
      CREATE INDEX idx_events_kind_created ON parts.events (kind, created_at);
      CREATE INDEX events_2027_by_hand ON parts.events_2027 (kind);`);
    const dir = scenarioProject({ rules: { "db-unused-index": "warn" } });
    const { writeFileSync } = await import("node:fs");
    writeFileSync(
      join(dir, "server/db_migrate.py"),
      `from sqlalchemy import text


def migrate_v1_events(conn):
    conn.execute(text("CREATE TABLE IF NOT EXISTS events (id BIGINT, created_at TIMESTAMPTZ NOT NULL, kind TEXT, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS events_2026 PARTITION OF events FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS events_2027 PARTITION OF events FOR VALUES FROM ('2027-01-01') TO ('2028-01-01')"))
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_events_kind_created ON events (kind, created_at)"))
`,
    );
    writeFileSync(join(dir, "server/db_indexes.py"), "INDEX_DEFS = []\n");
    const r = await cli(["db", "--database-url", db.url, "--schema", "parts", "-f", "compact"], {}, dir);
    assert.deepEqual([r.code, r.err], [0, ""]);
    assert.deepEqual(r.out.split("\n"), [
      "database:1:1: warning db-index-undeclared Index parts.events_2027_by_hand on events_2027 (8192 bytes) exists in the database but is declared nowhere",
      "database:1:1: warning db-unused-index Index parts.events_2027_by_hand on events_2027 (8192 bytes) has not been scanned since the statistics began (never reset)",
      "",
    ]);
  });
});

describe("index-audit db: the migration tool's own history table", () => {
  it("alembic_version's key is Alembic's, not an undeclared index; another table's key is still undeclared", async () => {
    await db.exec(`CREATE SCHEMA tooled;
      CREATE TABLE tooled.alembic_version (version_num VARCHAR(32) NOT NULL, CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num));
      CREATE TABLE tooled.schema_migrations (version BIGINT PRIMARY KEY);
      CREATE TABLE tooled.leads (id BIGINT PRIMARY KEY, email TEXT);
      CREATE INDEX ix_leads_email ON tooled.leads (email);`);
    const dir = mkdtempSync(join(tmpdir(), "index-audit-db-alembic-"));
    try {
      mkdirSync(join(dir, "migrations/versions"), { recursive: true });
      writeFileSync(join(dir, "alembic.ini"), "[alembic]\nscript_location = migrations\n");
      writeFileSync(join(dir, "migrations/env.py"), "");
      writeFileSync(
        join(dir, "migrations/versions/a1_leads.py"),
        'from alembic import op\nimport sqlalchemy as sa\n\nrevision = "a1"\ndown_revision = None\n\n\ndef upgrade():\n    op.create_table("leads", sa.Column("id", sa.BigInteger, primary_key=True), sa.Column("email", sa.Text))\n    op.create_index("ix_leads_email", "leads", ["email"])\n',
      );
      const r = await cli(["db", "--database-url", db.url, "--schema", "tooled", "-f", "compact"], {}, dir);
      assert.deepEqual([r.code, r.err], [0, ""]);
      assert.deepEqual(r.out.split("\n"), ["database:1:1: warning db-index-undeclared Index tooled.schema_migrations_pkey on schema_migrations (8192 bytes) backs constraint schema_migrations_pkey, which is declared nowhere", ""]);
      const report = await cli(["report", "--database-url", db.url, "--schema", "tooled"], {}, dir);
      assert.equal(report.code, 0, report.err);
      assert.match(report.out, /^\| Undeclared \| 1 \| 8192 bytes \|\n\| The migration tool's own \(`alembic_version`\) \| 1 \| 8192 bytes \|$/m);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("index-audit db: a table or a column renamed after its index was made", () => {
  it("the index is compared on the table's last name and the columns' names now: no drift, nothing missing", async () => {
    await db.exec(`CREATE SCHEMA renamed;
      CREATE TABLE renamed.contacts (id BIGINT PRIMARY KEY, email TEXT);
      CREATE INDEX idx_leads_email ON renamed.contacts (email);
      ALTER TABLE renamed.contacts ADD COLUMN code TEXT;
      CREATE UNIQUE INDEX idx_contacts_code ON renamed.contacts (lower(code)) WHERE code <> '';
      ALTER TABLE renamed.contacts ADD CONSTRAINT contacts_code_email UNIQUE (code, email);
      ALTER TABLE renamed.contacts RENAME COLUMN code TO ref;`);
    const dir = mkdtempSync(join(tmpdir(), "index-audit-db-renamed-"));
    try {
      mkdirSync(join(dir, "db/migrations"), { recursive: true });
      writeFileSync(join(dir, "db/migrations/V1__leads.sql"), "CREATE TABLE leads (id BIGINT PRIMARY KEY, email TEXT);\nCREATE INDEX idx_leads_email ON leads (email);\n");
      writeFileSync(join(dir, "db/migrations/V2__contacts.sql"), "ALTER TABLE leads RENAME TO contacts;\nALTER INDEX leads_pkey RENAME TO contacts_pkey;\n");
      writeFileSync(join(dir, "db/migrations/V3__code.sql"), "ALTER TABLE contacts ADD COLUMN code TEXT;\nCREATE UNIQUE INDEX idx_contacts_code ON contacts (lower(code)) WHERE code <> '';\nALTER TABLE contacts ADD CONSTRAINT contacts_code_email UNIQUE (code, email);\nALTER TABLE contacts RENAME COLUMN code TO ref;\n");
      const r = await cli(["db", "--database-url", db.url, "--schema", "renamed", "-f", "compact"], {}, dir);
      assert.deepEqual(r, { code: 0, out: "", err: "" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("index-audit db: a table renamed after its constraints were added", () => {
  it("the constraints are looked for in the schema that has the table's last name, not the first schema examined", async () => {
    await db.exec(`CREATE SCHEMA examined_first;
      CREATE SCHEMA renamed_later;
      CREATE TABLE renamed_later.customers (id BIGINT, code TEXT, CONSTRAINT accounts_pkey PRIMARY KEY (id), CONSTRAINT accounts_code_key UNIQUE (code));`);
    const dir = mkdtempSync(join(tmpdir(), "index-audit-db-renamed-constraints-"));
    try {
      mkdirSync(join(dir, "db/migrations"), { recursive: true });
      writeFileSync(join(dir, "db/migrations/V1__accounts.sql"), "CREATE TABLE accounts (id BIGINT PRIMARY KEY, code TEXT);\nALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE (code);\n");
      writeFileSync(join(dir, "db/migrations/V2__customers.sql"), "ALTER TABLE accounts RENAME TO customers;\n");
      const r = await cli(["db", "--database-url", db.url, "--schema", "examined_first", "--schema", "renamed_later", "-f", "compact"], {}, dir);
      assert.deepEqual(r, { code: 0, out: "", err: "" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("index-audit db: bad input", () => {
  it("a port nobody listens on: exit 2, one line, the password masked", async () => {
    const port = await closedPort();
    const r = await cli(["db", "--database-url", `postgresql://app:${PASSWORD}@127.0.0.1:${port}/crm`]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://app:***@127.0.0.1:${port}/crm: connection refused (is the server running, and on that port?)\n`]);
  });

  it("a host name that does not resolve: exit 2, one line", async () => {
    const r = await cli(["db", "--database-url", `postgresql://app:${PASSWORD}@db.no-such-host.invalid/crm`, "--connect-timeout", "5"]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", "index-audit: cannot connect to postgresql://app:***@db.no-such-host.invalid/crm: host not found\n"]);
  });

  it("a server that closes the connection at once: exit 2, one line", async () => {
    const closing = await listen(createServer((s) => s.destroy()));
    const port = (closing.address() as { port: number }).port;
    const r = await cli(["db", "--database-url", `postgresql://app:${PASSWORD}@127.0.0.1:${port}/crm`]);
    closing.close();
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://app:***@127.0.0.1:${port}/crm: the connection was closed before the server answered\n`]);
  });

  it("a host that accepts and never answers: exit 2, one line, within --connect-timeout", async () => {
    const sockets: Socket[] = [];
    const silent = await listen(createServer((s) => sockets.push(s)));
    const port = (silent.address() as { port: number }).port;
    const start = performance.now();
    const r = await cli(["db", "--database-url", `postgresql://app:${PASSWORD}@127.0.0.1:${port}/crm`, "--connect-timeout", "1"]);
    const ms = performance.now() - start;
    for (const s of sockets) s.destroy();
    silent.close();
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://app:***@127.0.0.1:${port}/crm: no answer within 1 s (--connect-timeout)\n`]);
    assert.ok(ms >= 900 && ms < 3000, `gave up after ${Math.round(ms)} ms`);
  });

  it("TLS required by the URL, refused by the server: exit 2, one line", async () => {
    const r = await cli(["db", "--database-url", `${db.url}?sslmode=require`]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://postgres:***@127.0.0.1:${db.port}/postgres?sslmode=require: the server does not accept TLS, and the URL requires it (sslmode)\n`]);
  });

  it("URLs that cannot be used: exit 2, one line naming the flag, never the password", async () => {
    const cases: [string, string][] = [
      [`mysql://u:${PASSWORD}@h/d`, "index-audit: --database-url: mysql://u:***@h/d: the scheme must be postgresql:// or postgres://\n"],
      [`postgresql://u:${PASSWORD}@h:99999/d`, "index-audit: --database-url: not a URL (expected postgresql://user:password@host:port/database): postgresql://u:***@h:99999/d\n"],
      [`postgresql://u:${PASSWORD}@h/d?sslmode=sometimes`, "index-audit: --database-url: postgresql://u:***@h/d?sslmode=sometimes: unknown sslmode 'sometimes' (use disable, allow, prefer, require, verify-ca, verify-full)\n"],
    ];
    for (const [url, err] of cases) {
      const r = await cli(["db", "--database-url", url]);
      assert.deepEqual([r.code, r.out, r.err], [2, "", err]);
    }
    const timeout = await cli(["db", "--database-url", db.url, "--connect-timeout", "0"]);
    assert.deepEqual([timeout.code, timeout.err], [2, "index-audit: --connect-timeout must be a number of seconds between 0 and 3600\n"]);
  });

  it("maskUrl hides the password wherever the URL is shown", () => {
    assert.equal(maskUrl("postgresql://app:p@ss:w0rd@db.internal:5432/crm"), "postgresql://app:***@db.internal:5432/crm");
    assert.equal(maskUrl("postgres://app:x@db/crm?sslmode=require&password=y"), "postgres://app:***@db/crm?sslmode=require&password=***");
    assert.equal(maskUrl("postgresql://app@db/crm"), "postgresql://app@db/crm");
  });

  it("no stray file is left by --output-file when the database cannot be read", async () => {
    const port = await closedPort();
    const r = await cli(["db", "--database-url", `postgresql://127.0.0.1:${port}/x`, "-o", "never.txt"]);
    assert.equal(r.code, 2);
    assert.equal(existsSync(join(project, "never.txt")), false);
  });
});

function listen(server: Server): Promise<Server> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

async function closedPort(): Promise<number> {
  const s = await listen(createServer());
  const port = (s.address() as { port: number }).port;
  await new Promise((resolve) => s.close(resolve));
  return port;
}

describe("index-audit db on the example project (PGlite, with deliberate drift)", () => {
  let example: EmbeddedPostgres;
  before(async () => {
    example = await startEmbeddedPostgres();
  });
  after(async () => {
    await example.close();
  });

  it("finds every difference and nothing else", async () => {
    const load = await loadExample(example);
    assert.deepEqual(load.failed, []);
    assert.equal(load.migrationStatements, 167);
    assert.equal(load.registryIndexes, 45);
    const io = fakeIo(EXAMPLE);
    const code = await run(["db", "--database-url", example.url, "-f", "json"], io);
    assert.equal(code, 1);
    const found = (JSON.parse(io.out) as { diagnostics: { rule: string; index: string }[] }).diagnostics.map((d) => `${d.rule} ${d.index}`);
    assert.deepEqual(found.sort(), [
      "db-definition-drift public.idx_leads_stage",
      "db-index-invalid public.uq_businesses_name",
      "db-index-missing public.idx_conversations_channel_status",
      "db-index-missing public.idx_conversations_lead_id",
      "db-index-missing public.idx_messages_channel_created",
      "db-index-missing public.idx_messages_failed",
      "db-index-missing public.idx_messages_status_created",
      "db-index-missing public.uq_conversations_external_thread",
      "db-index-undeclared public.idx_calls_tmp_debug",
      "db-index-undeclared public.uq_businesses_name",
    ]);
  });
});
