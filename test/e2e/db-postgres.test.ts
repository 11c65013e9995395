import assert from "node:assert/strict";
import { after, before, describe, it } from "node:test";
import pg from "pg";
import { run } from "../../src/cli.js";
import { SESSION_SETUP } from "../../src/db/catalog-queries.js";
import { DEFAULT_SESSION, readDatabase } from "../../src/db/client.js";
import { parseDatabaseUrl } from "../../src/db/url.js";
import { requireComponent, POSTGRES } from "../helpers/component.js";
import { EXPECTED_COMPACT, EXPECTED_REPAIR, FAILING_BUILD, scenarioProject, SETUP } from "../helpers/db-scenario.js";
import { loadExample } from "../helpers/example-db.js";
import { fakeIo } from "../helpers/io.js";
import { EXAMPLE } from "../helpers/paths.js";
import { startPostgresServer, type PostgresServer } from "../helpers/postgres-server.js";

/**
 * index-audit db against a real PostgreSQL server: a throwaway cluster from
 * Debian's packages, with a real INVALID index left by a failed
 * CREATE UNIQUE INDEX CONCURRENTLY on duplicate data.
 */
const skip = requireComponent(POSTGRES);
const AUDITOR_PASSWORD = "audit-Pw-77";

// TLS: the `tlsonly` database refuses connections without encryption.
const PG_HBA = `local all all trust
hostnossl tlsonly all 127.0.0.1/32 reject
host all all 127.0.0.1/32 scram-sha-256
`;

let server: PostgresServer;
let project: string;

async function sql(url: string, statements: readonly string[]): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const s of statements) await client.query(s);
  } finally {
    await client.end();
  }
}

async function cli(args: string[]) {
  const io = fakeIo(project);
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

describe("index-audit db (a real PostgreSQL server)", { skip }, () => {
  before(async () => {
    server = await startPostgresServer(PG_HBA);
    await sql(server.url(), ["CREATE DATABASE example", "CREATE DATABASE crm", "CREATE DATABASE tlsonly", "CREATE DATABASE locked", `CREATE ROLE auditor LOGIN PASSWORD '${AUDITOR_PASSWORD}'`]);
    await sql(server.url("crm"), SETUP);
    // The real failure: concurrent unique build over duplicate e-mails.
    await assert.rejects(sql(server.url("crm"), [FAILING_BUILD]), /could not create unique index "uq_leads_email"/);
    await sql(server.url("locked"), ["REVOKE SELECT ON pg_catalog.pg_index FROM PUBLIC"]);
    project = scenarioProject();
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- before() may fail before it assigns the server
  after(() => server?.stop());

  it("the failed concurrent build left a real INVALID index", async () => {
    const client = new pg.Client({ connectionString: server.url("crm") });
    await client.connect();
    const r = await client.query("SELECT indisvalid, indisready FROM pg_index WHERE indexrelid = 'app.uq_leads_email'::regclass");
    await client.end();
    assert.deepEqual(r.rows, [{ indisvalid: false, indisready: false }]);
  });

  it("finds every difference of the scenario, and nothing else (exit 1)", async () => {
    const r = await cli(["db", "--database-url", server.url("crm"), "--schema", "app", "-f", "compact"]);
    assert.deepEqual([r.code, r.err], [1, ""]);
    assert.equal(r.out, EXPECTED_COMPACT);
  });

  it("--repair-sql prints the same SQL, and the database is unchanged", async () => {
    const r = await cli(["db", "--database-url", server.url("crm"), "--schema", "app", "--repair-sql"]);
    assert.equal(r.code, 0);
    assert.equal(r.out.slice(r.out.indexOf("\n") + 1), EXPECTED_REPAIR);
    assert.equal((await cli(["db", "--database-url", server.url("crm"), "--schema", "app", "-f", "compact"])).out, EXPECTED_COMPACT);
  });

  it("the session is read-only: after index-audit's setup statement a write is refused", async () => {
    const client = new pg.Client({ connectionString: server.url("crm") });
    await client.connect();
    try {
      await client.query(SESSION_SETUP, [`${DEFAULT_SESSION.statementTimeoutMs}`, `${DEFAULT_SESSION.lockTimeoutMs}`, DEFAULT_SESSION.applicationName]);
      await assert.rejects(client.query("CREATE TABLE app.nope (a int)"), /cannot execute CREATE TABLE in a read-only transaction/);
      const settings = await client.query("SELECT current_setting('application_name') AS app, current_setting('statement_timeout') AS st, current_setting('lock_timeout') AS lt");
      assert.deepEqual(settings.rows, [{ app: "index-audit", st: "30s", lt: "5s" }]);
    } finally {
      await client.end();
    }
    // And a full run leaves no session behind.
    // A run that read the catalog (exit 1: the scenario's findings), not one that failed to connect.
    const full = await cli(["db", "--database-url", server.url("crm"), "--schema", "app", "-f", "compact"]);
    assert.deepEqual([full.code, full.err, full.out], [1, "", EXPECTED_COMPACT]);
    const check = new pg.Client({ connectionString: server.url("crm") });
    await check.connect();
    const left = await check.query("SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = 'index-audit'");
    await check.end();
    assert.deepEqual(left.rows, [{ n: 0 }]);
  });

  it("wrong password: exit 2, one line, the password masked", async () => {
    const url = server.url("crm", "auditor", "not-the-password");
    const r = await cli(["db", "--database-url", url]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://auditor:***@127.0.0.1:${server.port}/crm: password authentication failed for user "auditor"\n`]);
  });

  it("a database that does not exist: exit 2, one line", async () => {
    const r = await cli(["db", "--database-url", server.url("nowhere", "auditor", AUDITOR_PASSWORD)]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://auditor:***@127.0.0.1:${server.port}/nowhere: database "nowhere" does not exist\n`]);
  });

  it("no permission on a catalog table: exit 2, one line naming it", async () => {
    const r = await cli(["db", "--database-url", server.url("locked", "auditor", AUDITOR_PASSWORD)]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot read the catalog of postgresql://auditor:***@127.0.0.1:${server.port}/locked: permission denied for table pg_index\n`]);
  });

  it("TLS required by the server: exit 2, one line", async () => {
    const r = await cli(["db", "--database-url", server.url("tlsonly", "auditor", AUDITOR_PASSWORD)]);
    assert.deepEqual([r.code, r.out, r.err], [2, "", `index-audit: cannot connect to postgresql://auditor:***@127.0.0.1:${server.port}/tlsonly: pg_hba.conf rejects connection for host "127.0.0.1", user "auditor", database "tlsonly", no encryption\n`]);
  });

  it("an unprivileged role reads the catalog as well as the superuser", async () => {
    const r = await cli(["db", "--database-url", server.url("crm", "auditor", AUDITOR_PASSWORD), "--schema", "app", "-f", "compact"]);
    assert.equal(r.out, EXPECTED_COMPACT);
  });

  it("reads 10,000 indexes with one query per catalog, within seconds", async () => {
    await sql(server.url("crm"), [
      "CREATE SCHEMA bulk",
      "DO $$ BEGIN FOR t IN 1..100 LOOP EXECUTE format('CREATE TABLE bulk.t%s (a int, b int)', t); FOR i IN 1..100 LOOP EXECUTE format('CREATE INDEX i_%s_%s ON bulk.t%s ((a + %s))', t, i, t, i); END LOOP; END LOOP; END $$",
    ]);
    const queries: string[] = [];
    const start = performance.now();
    const snapshot = await readDatabase(parseDatabaseUrl(server.url("crm"), "url"), { connectTimeoutSeconds: 10, schemas: ["bulk"], session: DEFAULT_SESSION, observe: (q) => queries.push(q) });
    const ms = performance.now() - start;
    assert.equal(snapshot.indexes.length, 10_000);
    assert.equal(queries.length, 6);
    assert.ok(ms < 10_000, `read in ${Math.round(ms)} ms`);
  });

  it("the example project with deliberate drift: every difference found, nothing else", async () => {
    const client = new pg.Client({ connectionString: server.url("example") });
    await client.connect();
    try {
      const load = await loadExample({ exec: async (text) => {
        await client.query(text);
      } });
      assert.deepEqual(load.failed, []);
      assert.equal(load.migrationStatements, 167);
      assert.equal(load.registryIndexes, 45);
    } finally {
      await client.end();
    }
    const io = fakeIo(EXAMPLE);
    const code = await run(["db", "--database-url", server.url("example"), "--schema", "public", "--schema", "crm", "-f", "json"], io);
    assert.deepEqual([code, io.err], [1, ""]);
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
