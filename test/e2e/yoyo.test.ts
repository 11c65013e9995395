import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { after, before, describe, it } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../../src/project/analyze.js";
import { detectSources, readSourceFiles, trackedTree } from "../../src/project/sources.js";
import { run } from "../../src/cli.js";
import { leftBehind, indexesIn } from "../helpers/answer-key.js";
import { POSTGRES, PSYCOPG2, PYTHON, requireComponent, YOYO } from "../helpers/component.js";
import { fakeIo } from "../helpers/io.js";
import { startPostgresServer, type PostgresServer } from "../helpers/postgres-server.js";
import { writeProject } from "../helpers/project.js";

/**
 * yoyo, run on PostgreSQL, is the answer key of its layout: the indexes the
 * database holds after `yoyo apply` are exactly the inventory's effective ones
 * (rollback files not run, `-- depends:` moving a migration later, names in
 * code-point order, post-apply hooks last), and a CONCURRENTLY yoyo runs in a
 * transaction fails there as concurrently-in-transaction says.
 */
const skip = requireComponent(POSTGRES) || requireComponent(YOYO) || requireComponent(PSYCOPG2);
const toolkit = createToolkit();
let server: PostgresServer;

before(async () => {
  if (!skip) server = await startPostgresServer("local all all trust\nhost all all 127.0.0.1/32 trust\n");
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- before() may fail before it assigns the server
after(() => server?.stop());

/** yoyo's own tables (src/sources/tool-tables.ts): not the project's indexes. */
const YOYO_INDEXES = new Set(["public._yoyo_log_pkey", "public._yoyo_migration_pkey", "public._yoyo_version_pkey", "public.yoyo_lock_pkey"]);

const MIGRATIONS: Record<string, string> = {
  "yoyo.ini": "[DEFAULT]\nsources = %(here)s/migrations\nbatch_mode = on\n",
  "migrations/0001.users.sql": "-- users and their organisation\nCREATE TABLE users (id serial PRIMARY KEY, email text, org int);\nCREATE INDEX users_org_idx ON users (org);\n",
  "migrations/0001.users.rollback.sql": "DROP TABLE users;\n",
  "migrations/0002.drop-org.sql": "DROP INDEX users_org_idx;\n",
  // Run before 0002's forward file by a natural sort: it would bring users_org_idx back.
  "migrations/0002.drop-org.rollback.sql": "CREATE INDEX IF NOT EXISTS users_org_idx ON users (org);\n",
  // Needs 0010: yoyo runs it after.
  "migrations/0003.needs-orgs.sql": "-- depends: 0010.orgs\nDROP INDEX orgs_tmp_idx;\n",
  "migrations/0010.orgs.sql": "CREATE TABLE orgs (id serial PRIMARY KEY, name text UNIQUE);\nCREATE INDEX orgs_tmp_idx ON orgs (name);\n",
  "migrations/0020.lower.sql": "-- transactional: false\nCREATE INDEX CONCURRENTLY orgs_lower_idx ON orgs (lower(name));\n",
  // Code points: 10.… before 9.…, so the index 10 builds is gone after 9.
  "migrations/9.drop-email.sql": "DROP INDEX IF EXISTS users_email_idx;\n",
  "migrations/10.email.sql": "CREATE INDEX users_email_idx ON users (email);\n",
  "migrations/post-apply.sql": "CREATE INDEX IF NOT EXISTS users_email_org_idx ON users (email, org);\n",
};

function yoyoApply(dir: string, database: string): ReturnType<typeof spawnSync> {
  return spawnSync(PYTHON, ["-m", "yoyo", "apply", "--batch", "--database", server.url(database), "migrations"], { cwd: dir, encoding: "utf8" });
}

describe("yoyo apply on PostgreSQL keeps exactly the inventory's effective indexes", { skip }, () => {
  it("rollback files, -- depends:, code-point order, -- transactional: false and post-apply hooks, with no configuration but yoyo.ini", async () => {
    server.psql("CREATE DATABASE yoyo_order");
    const dir = writeProject("index-audit-yoyo-", MIGRATIONS);
    const r = yoyoApply(dir, "yoyo_order");
    assert.equal(r.status, 0, String(r.stderr));
    const tree = trackedTree(Object.keys(MIGRATIONS), (p) => ({ path: p, text: MIGRATIONS[p]! }));
    const specs = detectSources(tree);
    assert.deepEqual(specs, [{ kind: "sql", paths: ["migrations/*.sql"] }]);
    const inv = await analyzeProject({ migrations: [], registry: null, sources: specs.map((s) => readSourceFiles(tree, s)) }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(inv.errors, []);
    const expected = (await indexesIn(server, "yoyo_order")).filter((i) => !YOYO_INDEXES.has(i));
    assert.deepEqual(expected, ["public.orgs_lower_idx", "public.orgs_name_key", "public.orgs_pkey", "public.users_email_org_idx", "public.users_pkey"]);
    assert.deepEqual(leftBehind(inv), expected);
  });

  it("CREATE INDEX CONCURRENTLY in a migration yoyo runs in a transaction: PostgreSQL refuses it, and check says so", async () => {
    server.psql("CREATE DATABASE yoyo_tx");
    const files = { "yoyo.ini": "[DEFAULT]\nsources = migrations\n", "migrations/0001.t.sql": "CREATE TABLE t (a int);\n", "migrations/0002.idx.sql": "CREATE INDEX CONCURRENTLY t_a_idx ON t (a);\n" };
    const dir = writeProject("index-audit-yoyo-", files);
    const r = yoyoApply(dir, "yoyo_tx");
    assert.notEqual(r.status, 0);
    assert.match(String(r.stderr), /CREATE INDEX CONCURRENTLY cannot run inside a transaction block/);
    const io = fakeIo(dir);
    assert.equal(await run(["check", "-f", "compact"], io), 1);
    assert.match(io.out, /^migrations\/0002\.idx\.sql:1:1: error concurrently-in-transaction /m);
  });
});
