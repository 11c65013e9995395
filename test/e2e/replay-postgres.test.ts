import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import pg from "pg";
import { join, resolve } from "node:path";
import { after, before, describe, it } from "node:test";
import { RULES } from "../../rules/index.js";
import { run } from "../../src/cli.js";
import { readProject } from "../../src/commands/project.js";
import { readSourceFiles, trackedTree } from "../../src/project/sources.js";
import { writeProject } from "../helpers/project.js";
import { loadConfig } from "../../src/config/load.js";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../../src/project/analyze.js";
import { ALEMBIC, POSTGRES, PYTHON, requireComponent } from "../helpers/component.js";
import { ROOT } from "../helpers/paths.js";
import { fakeIo } from "../helpers/io.js";
import { indexesIn, indexTablesIn, leftBehind, tablesLeftBehind } from "../helpers/answer-key.js";
import type { Inventory } from "../../src/model/types.js";
import { EXPRESSION_NAMES_SQL, LONG_NAMES_SQL, NUMBERED_LATER_SQL, NUMBERED_SQL, PARTITION_ATTACH_SQL, SET_SCHEMA_SQL } from "../helpers/name-scenarios.js";
import { startPostgresServer, type PostgresServer } from "../helpers/postgres-server.js";
import { ALTER_TABLE_IF_EXISTS_SQL, DETACH_AND_SCHEMA_CASCADE_SQL, DROP_CASCADE_SQL, DROP_CASCADE_UNDECIDED_SQL, RENAME_SCHEMA_SQL, ROLLBACK_SQL, SEARCH_PATH_PAST_PUBLIC_SQL, UNREAD_TABLE_KEYS_SQL } from "../helpers/replay-scenarios.js";

/**
 * What migrations leave behind, with PostgreSQL as the answer key: the
 * migrations run on a real server, and the indexes it holds afterwards (its
 * own and those backing constraints) are exactly the ones the inventory calls
 * effective. Replay's rules (DROP INDEX, DROP TABLE, DROP MATERIALIZED VIEW,
 * DROP SCHEMA, DROP COLUMN, renames of indexes, tables, materialized views and
 * columns) are PostgreSQL's, not our reading of them.
 */
const skip = requireComponent(POSTGRES);
const toolkit = createToolkit();
let server: PostgresServer;

before(async () => {
  if (!skip) server = await startPostgresServer("local all all trust\nhost all all 127.0.0.1/32 scram-sha-256\n");
});
// eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- before() may fail before it assigns the server
after(() => server?.stop());



function createDatabase(name: string): void {
  server.psql(`CREATE DATABASE ${name}`);
}

/** Runs `sql` as one .sql migration (Flyway's, unless `path` says otherwise), on a new database and through the inventory; returns what the database keeps, having checked the inventory agrees. */
async function replayed(database: string, sql: string, path = `V1__${database}.sql`): Promise<string[]> {
  createDatabase(database);
  server.psql(sql, database);
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path, text: sql }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual(inv.errors, []);
  const expected = await indexesIn(server, database);
  assert.deepEqual(leftBehind(inv), expected);
  assert.deepEqual(tablesLeftBehind(inv), await indexTablesIn(server, database));
  return expected;
}

/** Runs `sql` on a new database; what it keeps. */
async function indexesAfter(database: string, sql: string): Promise<string[]> {
  createDatabase(database);
  server.psql(sql, database);
  return indexesIn(server, database);
}

const COLUMNS_SQL = `CREATE TABLE leads (id int PRIMARY KEY, a int, b text, c int, d int, e int, f int UNIQUE, g int, CONSTRAINT leads_a_e UNIQUE (a, e));
CREATE INDEX idx_key ON leads (a, b);
CREATE INDEX idx_expr ON leads (lower(b));
CREATE INDEX idx_where ON leads (a) WHERE c > 0;
CREATE INDEX idx_include ON leads (a) INCLUDE (d);
CREATE INDEX idx_kept ON leads (a);
CREATE INDEX CONCURRENTLY idx_g ON leads (g);
ALTER TABLE leads DROP COLUMN b, DROP COLUMN IF EXISTS c CASCADE;
ALTER TABLE leads DROP COLUMN d;
ALTER TABLE leads DROP COLUMN e;
ALTER TABLE leads DROP COLUMN f;
ALTER TABLE leads RENAME COLUMN g TO g2;
ALTER TABLE leads ADD COLUMN g int;
ALTER TABLE leads DROP COLUMN g;
CREATE TABLE calls (id int, x int, y int);
CREATE INDEX idx_calls_x ON calls (x);
CREATE INDEX idx_calls_y ON calls (y);
ALTER TABLE calls RENAME TO old_calls;
CREATE TABLE calls (id int, x int);
CREATE INDEX idx_new_calls_x ON calls (x);
ALTER TABLE old_calls DROP COLUMN x;
DROP TABLE calls;
ALTER INDEX idx_calls_y RENAME TO idx_old_calls_y;
ALTER TABLE old_calls RENAME y TO y2;
`;

// Where PostgreSQL 15 makes and finds unqualified names (the connecting role, postgres, has no schema of its name).
const SEARCH_PATH_SQL = `CREATE SCHEMA app;
DROP SCHEMA IF EXISTS gone CASCADE;
CREATE TABLE only_public (a int);
SET search_path TO app, public;
CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);
CREATE INDEX t_a ON t (a);
CREATE INDEX op_a ON only_public (a);
BEGIN;
SET LOCAL search_path TO public;
CREATE TABLE l (a int);
CREATE INDEX l_a ON l (a);
COMMIT;
CREATE TABLE after_local (a int);
CREATE INDEX after_local_a ON after_local (a);
SELECT set_config('search_path', 'gone, App', false);
CREATE TABLE c (a int);
CREATE INDEX c_a ON c (a);
BEGIN;
SELECT set_config('search_path', 'public', true);
CREATE INDEX l_a2 ON l (a);
COMMIT;
CREATE INDEX c_a2 ON c (a);
RESET search_path;
CREATE TABLE r (a int);
CREATE INDEX r_a ON r (a);
SET search_path TO nosuch, public;
CREATE TABLE n (a int);
CREATE INDEX n_a ON n (a);
`;

const SQITCH_FILES = [
  { path: "deploy/a.sql", text: "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\nCREATE TABLE public.t (b int);\n" },
  { path: "deploy/b.sql", text: "CREATE INDEX t_b ON t (b);\n" },
];

/** The inventory of `.sql` files (a sqitch project with its plan, else Flyway's layout), with no read errors. */
async function analyzed(files: { path: string; text: string }[], plan: { path: string; text: string } | null = null): Promise<Inventory> {
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files, plan }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual(inv.errors, []);
  return inv;
}

const RELATIONS_SQL = `CREATE TABLE events (id int PRIMARY KEY, kind text, at timestamptz);
CREATE MATERIALIZED VIEW event_stats AS SELECT kind, count(*) AS n FROM events GROUP BY kind;
CREATE UNIQUE INDEX event_stats_kind ON event_stats (kind);
DROP MATERIALIZED VIEW event_stats;
CREATE MATERIALIZED VIEW event_stats AS SELECT kind, max(at) AS last FROM events GROUP BY kind;
CREATE UNIQUE INDEX event_stats_kind ON event_stats (kind);
CREATE MATERIALIZED VIEW daily AS SELECT date_trunc('day', at) AS day, count(*) AS n FROM events GROUP BY 1;
CREATE INDEX daily_day ON daily (day);
ALTER MATERIALIZED VIEW daily RENAME TO daily_v1;
DROP MATERIALIZED VIEW IF EXISTS daily_v1;
CREATE SCHEMA crm;
CREATE TABLE crm.leads (id int PRIMARY KEY, email text UNIQUE);
CREATE INDEX leads_email_lower ON crm.leads (lower(email));
DROP SCHEMA crm CASCADE;
CREATE TABLE accounts (id int PRIMARY KEY, code text, email text, CONSTRAINT accounts_code_uq UNIQUE (code));
ALTER TABLE accounts RENAME TO customers;
ALTER INDEX accounts_pkey RENAME TO customers_pkey;
ALTER TABLE customers RENAME CONSTRAINT accounts_code_uq TO customers_code_key;
CREATE UNIQUE INDEX customers_email_idx ON customers (email);
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE USING INDEX customers_email_idx;
ALTER TABLE customers RENAME CONSTRAINT customers_email_key TO customers_email_uq;
ALTER TABLE customers ADD CONSTRAINT customers_gone UNIQUE (email, code);
ALTER INDEX customers_gone RENAME TO customers_gone2;
ALTER TABLE customers DROP CONSTRAINT customers_gone2;
CREATE UNIQUE INDEX customers_code_email_idx ON customers (code, email);
ALTER TABLE customers DROP CONSTRAINT IF EXISTS customers_code_email_idx;
`;

const TEMPORARY_SQL = `CREATE TABLE invoices (id int PRIMARY KEY, customer_id int, total int);
CREATE TABLE IF NOT EXISTS invoices (id int PRIMARY KEY, customer_id int UNIQUE, total int);
CREATE TEMP TABLE tmp_recent AS SELECT id FROM invoices;
CREATE INDEX idx_tmp_recent ON tmp_recent (id);
CREATE TEMPORARY TABLE tmp_totals (customer_id int PRIMARY KEY, total int UNIQUE);
ALTER TABLE tmp_totals RENAME TO tmp_sums;
CREATE INDEX idx_tmp_sums_total ON tmp_sums (total);
SELECT id INTO TEMP tmp_ids FROM invoices;
CREATE INDEX idx_tmp_ids ON tmp_ids (id);
CREATE TABLE invoice_totals AS SELECT customer_id, sum(total) AS total FROM invoices GROUP BY customer_id;
CREATE UNIQUE INDEX uq_invoice_totals_customer ON invoice_totals (customer_id);
SELECT id, customer_id INTO invoices_archive FROM invoices;
CREATE INDEX idx_invoices_archive_customer ON invoices_archive (customer_id);
`;

// A temporary table lives in pg_temp, which an unqualified name finds first: a permanent table of its name is another table.
const TEMPORARY_SHADOW_SQL = `CREATE TABLE orders (id int PRIMARY KEY, ref text);
CREATE INDEX idx_orders_ref ON orders (ref);
CREATE TEMP TABLE IF NOT EXISTS orders (id int PRIMARY KEY, ref text UNIQUE);
CREATE INDEX idx_tmp_orders_ref ON orders (ref);
ALTER TABLE orders DROP COLUMN ref;
DROP TABLE orders;
CREATE TEMP TABLE staging (id int);
CREATE TABLE IF NOT EXISTS staging (id int PRIMARY KEY);
CREATE TABLE pg_temp.scratch (id int PRIMARY KEY);
CREATE INDEX idx_scratch ON pg_temp.scratch (id);
CREATE TEMP TABLE tmp_ids (id int);
CREATE INDEX idx_tmp_ids ON pg_temp.tmp_ids (id);
BEGIN;
CREATE TEMP TABLE tmp_batch (id int PRIMARY KEY) ON COMMIT DROP;
COMMIT;
CREATE TABLE IF NOT EXISTS tmp_batch (id int PRIMARY KEY);
`;

// IF NOT EXISTS finds the table under its name now: not after a rename away, nor after DROP SCHEMA.
const IF_NOT_EXISTS_SQL = `CREATE TABLE accounts (id int PRIMARY KEY);
ALTER TABLE accounts RENAME TO customers;
ALTER INDEX accounts_pkey RENAME TO customers_pkey;
CREATE TABLE IF NOT EXISTS accounts (id int PRIMARY KEY, code text UNIQUE);
CREATE TABLE IF NOT EXISTS customers (id int PRIMARY KEY, email text UNIQUE);
CREATE SCHEMA crm;
CREATE TABLE crm.leads (id int PRIMARY KEY);
DROP SCHEMA crm CASCADE;
CREATE SCHEMA crm;
CREATE TABLE IF NOT EXISTS crm.leads (id int PRIMARY KEY, email text UNIQUE);
CREATE TABLE IF NOT EXISTS crm.leads (id int PRIMARY KEY, phone text UNIQUE);
CREATE TABLE IF NOT EXISTS totals AS SELECT 1 AS id;
CREATE TABLE IF NOT EXISTS totals AS SELECT 2 AS id;
CREATE UNIQUE INDEX totals_id ON totals (id);
`;

// CREATE INDEX IF NOT EXISTS looks for any relation of the schema with the name; found, it does nothing.
const INDEX_IF_NOT_EXISTS_SQL = `CREATE TABLE t (id int PRIMARY KEY, a int, b int, CONSTRAINT t_b_uq UNIQUE (b));
CREATE SEQUENCE seq_taken;
CREATE INDEX ix_t_a ON t (a);
CREATE INDEX IF NOT EXISTS ix_t_a ON t (b);
CREATE INDEX IF NOT EXISTS t_b_uq ON t (a);
CREATE INDEX IF NOT EXISTS t ON t (a);
CREATE INDEX IF NOT EXISTS seq_taken ON t (a);
CREATE INDEX IF NOT EXISTS ix_t_b ON t (b);
CREATE INDEX IF NOT EXISTS ix_t_ab ON t (a, b);
DROP INDEX ix_t_ab;
CREATE INDEX IF NOT EXISTS ix_t_ab ON t (b, a);
`;

/** psql's meta-commands (run by psql itself, as sqitch and `psql -f` deploys do): the statements around them are split as psql sends them. */
const PSQL_META_SQL = String.raw`\set ON_ERROR_STOP on
CREATE TABLE t (id int PRIMARY KEY, a int, note text DEFAULT E'a\\b', tag text DEFAULT 'x\y');
SELECT format('CREATE TABLE %I (id int, a int)', 'u') \gexec
CREATE INDEX ix_u_a ON u (a);
SELECT 1 \g
CREATE UNIQUE INDEX ix_t_a ON t (a) \g
DO $$ BEGIN RAISE NOTICE '\x'; END $$;
/* \not_a_command */ CREATE INDEX ix_t_note ON t (note); -- \neither
/* example:
COPY t (a) FROM stdin;
*/
CREATE INDEX ix_reset ON t (a, id)
\r
CREATE INDEX ix_described ON t (id, a) \gdesc
SELECT 1;
\g
\if off
CREATE INDEX ix_off ON t (a, id);
\elif 1
CREATE INDEX ix_on ON t (id, a);
\else
CREATE INDEX ix_else ON t (a, note);
\endif
\set with_u true
\if :with_u
CREATE INDEX ix_u_id ON u (id);
\endif
\echo done
`;

// CREATE SCHEMA's elements: made in the new schema (an index element's table is looked for there), sequences first, then tables, views, indexes.
const SCHEMA_ELEMENTS_SQL = `CREATE TABLE base (id int PRIMARY KEY, v int UNIQUE);
CREATE SCHEMA shop
  CREATE INDEX items_sku ON items (sku)
  CREATE TABLE items (id int PRIMARY KEY, sku text UNIQUE, c int, UNIQUE (c))
  -- the sequence is made first: the unnamed index on c is items_c_idx1
  CREATE INDEX ON items (c)
  CREATE VIEW items_v AS SELECT id FROM items
  CREATE SEQUENCE items_c_idx;
CREATE ROLE schema_owner;
CREATE SCHEMA AUTHORIZATION schema_owner CREATE TABLE owned (id int PRIMARY KEY);
CREATE SCHEMA crm AUTHORIZATION schema_owner
  CREATE TABLE leads (id int, email text, CONSTRAINT leads_email_uq UNIQUE (email))
  GRANT SELECT ON leads TO PUBLIC;
CREATE INDEX leads_id ON crm.leads (id);
CREATE SCHEMA tmp CREATE TABLE gone (id int PRIMARY KEY) CREATE INDEX gone_id ON gone (id);
DROP SCHEMA tmp CASCADE;
CREATE TABLE items (id int PRIMARY KEY);
CREATE INDEX ON items (id);
`;

// A table renamed after its constraints were added: the constraints' indexes are on it under its new name, in its schema.
const RENAMED_TABLE_CONSTRAINTS_SQL = `CREATE SCHEMA audit;
CREATE TABLE audit.entries (id int PRIMARY KEY);
CREATE TABLE accounts (id int PRIMARY KEY, code text, email text);
ALTER TABLE accounts ADD CONSTRAINT accounts_code_key UNIQUE (code);
ALTER TABLE accounts RENAME TO customers;
ALTER TABLE customers ADD CONSTRAINT customers_email_key UNIQUE (email);
`;

// ADD COLUMN IF NOT EXISTS of a column that is there is skipped (a NOTICE), its own constraints with it, not the
// statement's other subcommands. A column is there when the table was created with it or it was added or renamed
// to since, not when it was renamed away or dropped, also in a DO block.
const ADD_COLUMN_IF_NOT_EXISTS_SQL = `CREATE TABLE t (id int, email text);
ALTER TABLE t ADD COLUMN IF NOT EXISTS email text UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS code text UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS code text CONSTRAINT t_code_uq UNIQUE, ADD COLUMN IF NOT EXISTS ref int PRIMARY KEY;
ALTER TABLE t ADD COLUMN IF NOT EXISTS id int CONSTRAINT t_id_uq UNIQUE, ADD CONSTRAINT t_id_email_uq UNIQUE (id, email);
ALTER TABLE t ADD COLUMN email2 text CONSTRAINT t_email2_ck CHECK (email2 <> ''), ADD COLUMN IF NOT EXISTS email2 text CONSTRAINT t_email2_ck2 UNIQUE;
CREATE TABLE n (id int, a int);
ALTER TABLE n ADD COLUMN IF NOT EXISTS a int CONSTRAINT n_a_key CHECK (a > 0);
ALTER TABLE n ADD UNIQUE (a);
CREATE TABLE r (id int, a int, b int);
ALTER TABLE r RENAME COLUMN a TO a2;
ALTER TABLE r DROP COLUMN b;
ALTER TABLE r ADD COLUMN IF NOT EXISTS a int UNIQUE;
ALTER TABLE r ADD COLUMN IF NOT EXISTS a2 int UNIQUE;
ALTER TABLE r ADD COLUMN IF NOT EXISTS b int UNIQUE;
ALTER TABLE r RENAME TO u;
CREATE SCHEMA s;
ALTER TABLE u SET SCHEMA s;
ALTER TABLE s.u ADD COLUMN IF NOT EXISTS id int UNIQUE;
ALTER TABLE s.u ADD COLUMN IF NOT EXISTS c int UNIQUE;
CREATE TABLE g (id int, x int);
DO $$ BEGIN ALTER TABLE g DROP COLUMN x; END $$;
ALTER TABLE g ADD COLUMN IF NOT EXISTS x int UNIQUE;
`;

// Columns replay cannot follow (a DROP … CASCADE of a type, a function that drops one, INHERIT), and a CREATE TABLE's own key when a temporary table of its name comes first in a lookup.
const COLUMNS_NOT_FOLLOWED_SQL = `CREATE TYPE mood AS ENUM ('a');
CREATE TABLE t (id int, m mood);
DROP TYPE mood CASCADE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS m text UNIQUE;
CREATE TABLE u (id int, m int);
CREATE FUNCTION drop_m() RETURNS void LANGUAGE sql AS 'ALTER TABLE u DROP COLUMN m';
SELECT drop_m();
ALTER TABLE u ADD COLUMN IF NOT EXISTS m int UNIQUE;
CREATE TABLE p (id int, x int);
CREATE TABLE c (id int, x int);
ALTER TABLE c INHERIT p;
ALTER TABLE p RENAME COLUMN x TO y;
ALTER TABLE c ADD COLUMN IF NOT EXISTS x int UNIQUE;
CREATE SCHEMA s;
CREATE TEMP TABLE w (x int);
SET search_path = s, public;
CREATE TABLE w (id int PRIMARY KEY);
`;

// A CREATE SCHEMA under a psql \if the reader does not decide may not have run: the path's first schema is then not known.
const SCHEMA_MAYBE_MADE_SQL = `\\set create_it false
\\if :create_it
CREATE SCHEMA s;
\\endif
SET search_path = s, public;
CREATE TABLE t (id int PRIMARY KEY);
`;








describe("PostgreSQL keeps exactly the indexes the inventory says migrations leave behind", { skip }, () => {
  it("plain SQL that detaches a partition before dropping its parent, and drops a schema holding an extension other tables' indexes use", async () => {
    assert.deepEqual(await replayed("detach_schema_cascade", DETACH_AND_SCHEMA_CASCADE_SQL), ["public.ev_2024_id", "public.s_name", "public.s_pkey"]);
  });

  it("plain SQL that rolls back transactions and savepoints: what they did is undone", async () => {
    assert.deepEqual(await replayed("rollback", ROLLBACK_SQL, "sql/001_rollback.sql"), ["public.t_b", "public.u_code", "public.u_id"]);
  });

  it("plain SQL that drops an extension, a function, a type and a domain with CASCADE: the indexes and constraints that depend on them go", async () => {
    assert.deepEqual(await replayed("drop_cascade", DROP_CASCADE_SQL), ["public.t_name", "public.t_pkey", "public.u_m2", "public.u_m_key", "public.u_pkey", "public.u_x"]);
  });

  it("plain SQL whose DROP … CASCADE replay cannot decide for some indexes: it names them, and what PostgreSQL keeps is among what is listed", async () => {
    const expected = await indexesAfter("drop_cascade_undecided", DROP_CASCADE_UNDECIDED_SQL);
    assert.deepEqual(expected, ["public.l_room", "public.r_during", "public.r_pkey"]);
    const inv = await analyzed([{ path: "V1__drop_cascade_undecided.sql", text: DROP_CASCADE_UNDECIDED_SQL }]);
    const named = new Set(inv.dynamic.flatMap((d) => /whether (.*) do(es)? is not known/.exec(d.reason)?.[1]?.split(", ") ?? []));
    // Every index the database lost that the inventory lists is one a finding names.
    assert.deepEqual(leftBehind(inv).filter((i) => !expected.includes(i)), ["public.r_no_overlap"]);
    assert.ok(named.has("r_no_overlap"), [...named].join());
  });

  it("plain SQL under search_path public, s2: a name public does not hold is dropped, renamed or loses its column in s2", async () => {
    assert.deepEqual(await replayed("past_public", SEARCH_PATH_PAST_PUBLIC_SQL), ["s2.ft_a", "s2.ft_b2"]);
  });

  it("plain SQL that renames schemas: their tables, indexes and constraints go with them; a search_path naming the old name finds nothing", async () => {
    assert.deepEqual(await replayed("rename_schema", RENAME_SCHEMA_SQL), ["app2.u_pkey", "public.v_id", "public.v_pkey", "s2.t_a2", "s2.t_pkey", "s2.w_pkey"]);
  });

  it("plain SQL whose ALTER TABLE IF EXISTS names a table that is not there (never made, renamed away, dropped): skipped", async () => {
    assert.deepEqual(await replayed("alter_table_if_exists", ALTER_TABLE_IF_EXISTS_SQL), ["public.t3_a_key", "public.t_pk"]);
  });

  it("plain SQL whose DO blocks, function bodies and \\gexec queries create tables with keys: each is reported, none guessed", async () => {
    const expected = await indexesAfter("unread_table_keys", UNREAD_TABLE_KEYS_SQL);
    assert.deepEqual(expected, ["public.t_code_key", "public.t_pkey", "public.u_pkey", "public.v_pkey", "public.w_pkey"]);
    const inv = await analyzed([{ path: "sql/001_unread_table_keys.sql", text: UNREAD_TABLE_KEYS_SQL }]);
    assert.deepEqual(leftBehind(inv), []);
    assert.deepEqual(inv.dynamic.map((d) => d.line), [1, 4, 10, 12]);
  });

  it("plain SQL whose unnamed indexes and constraints find their first name taken (PostgreSQL numbers the label)", async () => {
    const expected = await replayed("numbered", NUMBERED_SQL);
    assert.deepEqual(expected, ["public.t_a_idx", "public.t_a_idx1", "public.t_a_idx2", "public.t_a_key", "public.t_a_key1", "public.t_a_key2", "public.t_b_a_key", "public.t_b_a_key1", "public.t_b_idx1", "public.t_b_key1", "public.t_id_b_idx", "public.t_id_b_idx1", "public.t_pkey", "public.u_x_key1", "public.v_pkey", "public.v_pkey1"]);
    const later = await replayed("numbered_later", NUMBERED_LATER_SQL);
    assert.deepEqual(later, ["public.t_a_key", "public.t_a_uq", "public.t_id_idx", "public.t_id_uq", "s.c_a_key1"]);
  });

  it("plain SQL whose unnamed indexes and exclusion constraints are on expressions (FigureIndexColname, repeated names numbered)", async () => {
    const expected = await replayed("expression_names", EXPRESSION_NAMES_SQL);
    assert.deepEqual(expected, ["public.t_a_a1_a2_idx", "public.t_a_a1_key", "public.t_a_idx", "public.t_case_idx", "public.t_coalesce_greatest_nullif_array_idx", "public.t_lower_excl", "public.t_lower_idx", "public.t_lower_idx1", "public.t_lower_lower1_idx", "public.t_lower_lower1_n_expr_excl", "public.t_n_expr_expr1_idx", "public.t_n_idx", "public.t_n_idx1", "public.t_n_n1_idx", "public.t_text_idx"]);
  });

  it("plain SQL that attaches partitions with an equivalent of each index of the parent (PostgreSQL copies none), before and after the parent's indexes, then drops the parent's index, column and table", async () => {
    const expected = await replayed("partition_attach", PARTITION_ATTACH_SQL);
    assert.deepEqual(expected, ["public.ev_2024_at_idx", "public.ev_2025_at", "public.ev_at_idx", "public.logs_2024_at_idx", "public.logs_2024_id", "public.logs_at_idx"]);
    const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "V1__x.sql", text: PARTITION_ATTACH_SQL }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(inv.dynamic, []);
  });

  it("plain SQL with psql's meta-commands: \\set, \\gexec, \\g, \\r, \\gdesc, \\if, \\echo, backslashes in strings and comments", async () => {
    assert.deepEqual(await replayed("psql_meta", PSQL_META_SQL, "sql/001_psql_meta.sql"), ["public.ix_on", "public.ix_t_a", "public.ix_t_note", "public.ix_u_a", "public.ix_u_id", "public.t_pkey"]);
  });

  it("plain SQL that runs other files with \\ir (psql -f), which run others in turn", async () => {
    const files: Record<string, string> = {
      "deploy/a.sql": "\\ir ../common/tables.sql\nCREATE INDEX ix_t_id ON t (id);\nCOMMIT;\n\\ir ../common/tables.sql\nCOMMIT;\n",
      "common/tables.sql": "BEGIN;\nCREATE TABLE IF NOT EXISTS t (id int PRIMARY KEY, a int);\n\\ir 'indexes/t a.sql'\n",
      "common/indexes/t a.sql": "CREATE INDEX IF NOT EXISTS ix_t_a ON t (a);\nDROP INDEX IF EXISTS ix_t_id;\n",
    };
    const dir = writeProject("index-audit-psql-", files);
    createDatabase("psql_include");
    server.psqlFile(join(dir, "deploy/a.sql"), "psql_include");
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "sql", paths: ["deploy/*.sql"] });
    const inv = await analyzeProject({ migrations: [], registry: null, sources: [input] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual([inv.errors, inv.dynamic], [[], []]);
    const expected = await indexesIn(server, "psql_include");
    assert.deepEqual(leftBehind(inv), expected);
    assert.deepEqual(expected, ["public.ix_t_a", "public.t_pkey"]);
  });

  it("plain SQL whose columns change where replay does not follow them (DROP TYPE … CASCADE, a function, INHERIT), and a table made under a search_path while a temporary one of its name exists", async () => {
    assert.deepEqual(await replayed("columns_not_followed", COLUMNS_NOT_FOLLOWED_SQL), ["public.c_x_key", "public.t_m_key", "public.u_m_key", "s.w_pkey"]);
  });

  it("plain SQL whose CREATE SCHEMA sits under a psql \\if the reader does not decide", async () => {
    assert.deepEqual(await replayed("schema_maybe_made", SCHEMA_MAYBE_MADE_SQL, "sql/001_schema_maybe_made.sql"), ["public.t_pkey"]);
  });

  it("plain SQL that drops and renames indexes by names longer than 63 bytes (ASCII and not)", async () => {
    const expected = await replayed("long_names", LONG_NAMES_SQL);
    assert.deepEqual(expected, ["public.ix_t_id", "public.t_a_idx"]);
  });

  it("plain SQL that moves tables and materialized views to another schema, with their indexes", async () => {
    const expected = await replayed("set_schema", SET_SCHEMA_SQL);
    assert.deepEqual(expected, ["other.mv_id", "other.u_pkey", "other.u_x_idx", "other.u_x_idx1", "public.ix_t_b", "public.t_a_uq", "public.t_pkey", "public.w_pkey"]);
  });

  it("plain SQL that creates tables and indexes as elements of CREATE SCHEMA, named or named after their owner", async () => {
    const expected = await replayed("schema_elements", SCHEMA_ELEMENTS_SQL);
    assert.deepEqual(expected, [
      "crm.leads_email_uq",
      "crm.leads_id",
      "public.base_pkey",
      "public.base_v_key",
      "public.items_id_idx",
      "public.items_pkey",
      "schema_owner.owned_pkey",
      "shop.items_c_idx1",
      "shop.items_c_key",
      "shop.items_pkey",
      "shop.items_sku",
      "shop.items_sku_key",
    ]);
  });

  it("plain SQL that creates a table IF NOT EXISTS after a rename, after DROP SCHEMA, and AS SELECT", async () => {
    const expected = await replayed("if_not_exists", IF_NOT_EXISTS_SQL);
    assert.deepEqual(expected, ["crm.leads_email_key", "crm.leads_pkey", "public.accounts_code_key", "public.accounts_pkey", "public.customers_pkey", "public.totals_id"]);
  });

  it("plain SQL that creates an index IF NOT EXISTS under a name an index, a constraint, a table or a sequence holds", async () => {
    const expected = await replayed("index_if_not_exists", INDEX_IF_NOT_EXISTS_SQL);
    assert.deepEqual(expected, ["public.ix_t_a", "public.ix_t_ab", "public.ix_t_b", "public.t_b_uq", "public.t_pkey"]);
    // The index kept under each name is the first one made: its definition is PostgreSQL's.
    const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "V1__x.sql", text: INDEX_IF_NOT_EXISTS_SQL }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
    const client = new pg.Client({ connectionString: server.url("index_if_not_exists") });
    await client.connect();
    try {
      const rows = (await client.query<{ name: string; def: string }>("SELECT indexname AS name, indexdef AS def FROM pg_indexes WHERE indexname LIKE 'ix_%' ORDER BY 1")).rows;
      const ours = inv.indexes.filter((i) => i.effective).map((i) => ({ name: i.name, def: `(${i.columns.join(", ")})` }));
      assert.deepEqual(ours.sort((a, b) => (a.name < b.name ? -1 : 1)), rows.map((r) => ({ name: r.name, def: r.def.slice(r.def.lastIndexOf("(")) })));
    } finally {
      await client.end();
    }
  });

  it("plain SQL whose temporary tables share a name with permanent ones, or are made in pg_temp", async () => {
    const expected = await replayed("temporary_shadow", TEMPORARY_SHADOW_SQL);
    assert.deepEqual(expected, ["public.idx_orders_ref", "public.orders_pkey", "public.staging_pkey", "public.tmp_batch_pkey"]);
  });

  it("plain SQL that builds on temporary tables, on tables created AS SELECT or by SELECT INTO, and creates a table again IF NOT EXISTS", async () => {
    const expected = await replayed("temporary", TEMPORARY_SQL);
    assert.deepEqual(expected, ["public.idx_invoices_archive_customer", "public.invoices_pkey", "public.uq_invoice_totals_customer"]);
  });

  it("plain SQL that drops and renames materialized views, drops a schema, and renames constraints and their indexes", async () => {
    const expected = await replayed("relations", RELATIONS_SQL);
    assert.deepEqual(expected, ["public.customers_code_email_idx", "public.customers_code_key", "public.customers_email_uq", "public.customers_pkey", "public.event_stats_kind", "public.events_pkey"]);
  });

  it("plain SQL that renames a table after adding its constraints: index-audit db finds them on the table's new name", async () => {
    const expected = await replayed("renamed_table_constraints", RENAMED_TABLE_CONSTRAINTS_SQL);
    assert.deepEqual(expected, ["audit.entries_pkey", "public.accounts_code_key", "public.accounts_pkey", "public.customers_email_key"]);
    const dir = mkdtempSync(join(tmpdir(), "ia-renamed-table-"));
    try {
      mkdirSync(join(dir, "db/migration"), { recursive: true });
      writeFileSync(join(dir, "db/migration/V1__renamed_table.sql"), RENAMED_TABLE_CONSTRAINTS_SQL);
      // The table's old name is in no schema: looked up there, the constraints would be missing from the first one examined.
      assert.deepEqual(await databaseFindings(dir, "renamed_table_constraints", ["--schema", "audit", "--schema", "public"]), { code: 0, out: "" });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("plain SQL that adds columns IF NOT EXISTS, some there already: their own constraints are not made", async () => {
    const expected = await replayed("add_column_if_not_exists", ADD_COLUMN_IF_NOT_EXISTS_SQL);
    assert.deepEqual(expected, ["public.g_x_key", "public.n_a_key", "public.t_code_key", "public.t_id_email_uq", "public.t_pkey", "s.r_a_key", "s.r_b_key", "s.u_c_key"]);
  });

  it("plain SQL that drops and renames columns, tables and indexes", async () => {
    const expected = await replayed("columns", COLUMNS_SQL);
    // Not vacuous: some indexes went with their columns, some stayed.
    assert.deepEqual(expected, ["public.idx_g", "public.idx_kept", "public.idx_old_calls_y", "public.leads_pkey"]);
  });

  it("plain SQL that sets the search_path: SET, SET LOCAL, set_config, RESET, a first schema that is not there, a table only in the second schema", async () => {
    createDatabase("search_path");
    server.psql(SEARCH_PATH_SQL, "search_path");
    const inv = await analyzed([{ path: "V1__search_path.sql", text: SEARCH_PATH_SQL }]);
    const expected = await indexesIn(server, "search_path");
    assert.deepEqual(expected, ["app.after_local_a", "app.c_a", "app.c_a2", "app.t_a", "app.t_b_key", "app.t_pkey", "public.l_a", "public.l_a2", "public.n_a", "public.op_a", "public.r_a"]);
    // n_a's schema is not known to the inventory (nosuch may exist): it says so, and does not claim public.
    assert.deepEqual(leftBehind(inv), expected);
    assert.deepEqual(inv.indexes.filter((i) => i.schemaNotKnown).map((i) => i.name), ["n_a"]);
    assert.equal(inv.indexes.find((i) => i.name === "n_a")?.schema, null);
    // index-audit db finds each index where the search_path put it (n_a, whose schema is not known, where the database resolves n):
    // nothing missing, nothing undeclared; only the two indexes that repeat others, which they do.
    const dir = mkdtempSync(join(tmpdir(), "index-audit-search-path-"));
    try {
      mkdirSync(join(dir, "db/migrations"), { recursive: true });
      writeFileSync(join(dir, "db/migrations/V1__search_path.sql"), SEARCH_PATH_SQL);
      const io = fakeIo(dir);
      await run(["db", "--database-url", server.url("search_path"), "--schema", "app", "--schema", "public", "-f", "compact"], io);
      assert.equal(io.err, "");
      assert.equal(
        io.out,
        "db/migrations/V1__search_path.sql:20:1: warning db-duplicate-index Index public.l_a2 on l (8192 bytes) has the same definition as public.l_a\n" +
          "db/migrations/V1__search_path.sql:22:1: warning db-duplicate-index Index app.c_a2 on c (8192 bytes) has the same definition as app.c_a\n",
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("sqitch scripts, each run by a psql of its own: a SET search_path ends with its script", async () => {
    createDatabase("search_path_sqitch");
    for (const f of SQITCH_FILES) server.psql(f.text, "search_path_sqitch");
    const inv = await analyzed(SQITCH_FILES, { path: "sqitch.plan", text: "%syntax-version=1.0.0\n%project=p\n\na 2024-01-01T00:00:00Z D <d@x>\nb 2024-01-02T00:00:00Z D <d@x>\n" });
    const expected = await indexesIn(server, "search_path_sqitch");
    assert.deepEqual(expected, ["app.t_a", "public.t_b"]);
    assert.deepEqual(leftBehind(inv), expected);
    assert.deepEqual(inv.indexes.filter((i) => i.schemaNotKnown), []);
  });

  it("the Alembic example's offline SQL (alembic upgrade head --sql)", { skip: requireComponent(ALEMBIC) }, async () => {
    const dir = resolve(ROOT, "fixtures/alembic-example");
    const r = spawnSync(PYTHON, ["-m", "alembic", "upgrade", "head", "--sql"], { cwd: dir, encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    createDatabase("alembic_example");
    server.psql(r.stdout, "alembic_example");
    const { config, root } = loadConfig(dir, null, RULES);
    const inv = await analyzeProject(readProject(root, config, () => {}), DEFAULT_ANALYZE_OPTIONS, toolkit);
    assert.deepEqual(inv.errors, []);
    const expected = await indexesIn(server, "alembic_example");
    assert.deepEqual(leftBehind(inv), expected);
    assert.deepEqual(tablesLeftBehind(inv), await indexTablesIn(server, "alembic_example"));
    assert.ok(expected.length > 30, String(expected.length));
    assert.equal(expected.includes("public.ix_invoices_user_id"), false, "dropped with its column");
    // The offline SQL makes Alembic's own history table too: its key is Alembic's, not an undeclared index.
    const client = new pg.Client({ connectionString: server.url("alembic_example") });
    await client.connect();
    const history = await client.query("SELECT indexname FROM pg_indexes WHERE tablename = 'alembic_version'");
    await client.end();
    assert.deepEqual(history.rows, [{ indexname: "alembic_version_pkc" }]);
    assert.deepEqual(await databaseFindings(dir, "alembic_example"), { code: 0, out: "" });
  });

  it("index-audit db finds nothing on databases the plain-SQL examples built (Flyway by version then R__, dbmate's up sections)", async () => {
    const flyway = resolve(ROOT, "fixtures/sql-example/flyway");
    const scripts = resolve(flyway, "src/main/resources/db/migration");
    const version = (f: string): number[] => (/^V([\d_]+)__/.exec(f)?.[1] ?? "").split("_").map(Number);
    const byVersion = (a: string, b: string): number => {
      const [x, y] = [version(a), version(b)];
      for (let i = 0; i < Math.max(x.length, y.length); i++) if ((x[i] ?? 0) !== (y[i] ?? 0)) return (x[i] ?? 0) - (y[i] ?? 0);
      return 0;
    };
    const files = readdirSync(scripts);
    createDatabase("flyway_example");
    for (const f of [...files.filter((f) => f.startsWith("V")).sort(byVersion), ...files.filter((f) => f.startsWith("R__")).sort()]) server.psql(readFileSync(resolve(scripts, f), "utf8"), "flyway_example");
    // Flyway's history table, as Flyway makes it.
    server.psql("CREATE TABLE flyway_schema_history (installed_rank int NOT NULL, success boolean NOT NULL, CONSTRAINT flyway_schema_history_pk PRIMARY KEY (installed_rank)); CREATE INDEX flyway_schema_history_s_idx ON flyway_schema_history (success);", "flyway_example");
    assert.deepEqual(await databaseFindings(flyway, "flyway_example"), { code: 0, out: "" });

    const dbmate = resolve(ROOT, "fixtures/sql-example/dbmate");
    const migrations = resolve(dbmate, "db/migrations");
    createDatabase("dbmate_example");
    for (const f of readdirSync(migrations).sort()) server.psql(readFileSync(resolve(migrations, f), "utf8").split(/^-- migrate:down/m)[0]!, "dbmate_example");
    server.psql("CREATE TABLE schema_migrations (version varchar(128) PRIMARY KEY);", "dbmate_example");
    assert.deepEqual(await databaseFindings(dbmate, "dbmate_example"), { code: 0, out: "" });
  });
});

/** `index-audit db` on the project in `dir` against `database` (`args` added): its exit code and compact output. */
async function databaseFindings(dir: string, database: string, args: readonly string[] = []): Promise<{ code: number; out: string }> {
  const io = fakeIo(dir);
  const code = await run(["db", "--database-url", server.url(database), "-f", "compact", ...args], io);
  assert.equal(io.err, "");
  return { code, out: io.out };
}
