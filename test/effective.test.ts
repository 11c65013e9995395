import assert from "node:assert/strict";
import { it } from "node:test";
import { createToolkit } from "../src/index.js";
import { analyze, py } from "./helpers/analyze.js";
import { definitionParts, describeDifference } from "../src/model/indexes.js";

const toolkit = createToolkit();
const IMPORT = "from sqlalchemy import text";
const effective = async (source: string) => (await analyze(toolkit, source)).indexes.map((i) => [i.name, i.effective, i.droppedAt?.line ?? null]);

it("effective state: a later DROP INDEX removes the index from migrations", async () => {
  const source = py(IMPORT, "def up(conn):", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))', '    conn.execute(text("DROP INDEX IF EXISTS idx_a"))');
  assert.deepEqual(await effective(source), [["idx_a", false, 4]]);
});

it("effective state: DROP INDEX in downgrade() does not count, nor does a CREATE there", async () => {
  const source = py(
    "from alembic import op",
    "def upgrade():",
    '    op.execute("CREATE INDEX IF NOT EXISTS idx_a ON t (a)")',
    '    op.execute("DROP INDEX IF EXISTS idx_old")',
    "def downgrade():",
    '    op.execute("DROP INDEX IF EXISTS idx_a")',
    '    op.execute("CREATE INDEX IF NOT EXISTS idx_old ON t (b)")',
  );
  assert.deepEqual(await effective(source), [
    ["idx_a", true, null],
    ["idx_old", false, null],
  ]);
});

it("effective state: a cleanup DROP in an except clause does not count", async () => {
  const source = py(
    IMPORT,
    "def up(conn):",
    "    try:",
    '        conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON leads (a)"))',
    "    except Exception:",
    '        conn.execute(text("DROP INDEX IF EXISTS idx_a"))',
    "        raise",
  );
  assert.deepEqual(await effective(source), [["idx_a", true, null]]);
});

it("effective state: DROP COLUMN drops every index and constraint that uses the column, as PostgreSQL does", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE TABLE leads (id int PRIMARY KEY, a int, b text, c int, d int, e int, f int UNIQUE, CONSTRAINT leads_a_e UNIQUE (a, e))"))',
      '    conn.execute(text("CREATE INDEX idx_key ON leads (a, b)"))',
      '    conn.execute(text("CREATE INDEX idx_expr ON leads (lower(b))"))',
      '    conn.execute(text("CREATE INDEX idx_where ON leads (a) WHERE c > 0"))',
      '    conn.execute(text("CREATE INDEX idx_include ON leads (a) INCLUDE (d)"))',
      '    conn.execute(text("CREATE INDEX idx_other ON calls (b)"))',
      '    conn.execute(text("CREATE INDEX idx_kept ON leads (a)"))',
      '    conn.execute(text("ALTER TABLE leads DROP COLUMN b, DROP COLUMN IF EXISTS c CASCADE"))',
      '    conn.execute(text("ALTER TABLE leads DROP COLUMN d"))',
      '    conn.execute(text("ALTER TABLE leads DROP COLUMN e"))',
      '    conn.execute(text("ALTER TABLE leads DROP COLUMN f"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.droppedAt?.line ?? null]),
    [
      ["idx_key", false, 10],
      ["idx_expr", false, 10],
      ["idx_where", false, 10],
      ["idx_include", false, 11],
      ["idx_other", true, null],
      ["idx_kept", true, null],
    ],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.effective]),
    [
      ["leads_a_e", false],
      ["leads_f_key", false],
      ["leads_pkey", true],
    ],
  );
});

it("effective state: DROP COLUMN follows RENAME COLUMN and RENAME TABLE, and a new column of the old name is another column", async () => {
  const source = py(
    IMPORT,
    "def up(conn):",
    '    conn.execute(text("CREATE INDEX idx_a ON leads (a)"))',
    '    conn.execute(text("CREATE INDEX idx_b ON leads (b)"))',
    '    conn.execute(text("ALTER TABLE leads RENAME COLUMN a TO a2"))',
    '    conn.execute(text("ALTER TABLE leads RENAME b TO b2"))',
    '    conn.execute(text("ALTER TABLE leads ADD COLUMN a int"))',
    '    conn.execute(text("ALTER TABLE leads DROP COLUMN a"))',
    '    conn.execute(text("ALTER TABLE leads RENAME TO prospects"))',
    '    conn.execute(text("ALTER TABLE prospects DROP COLUMN a2"))',
    '    conn.execute(text("ALTER TABLE leads DROP COLUMN b2"))',
  );
  assert.deepEqual(await effective(source), [
    ["idx_a", false, 10],
    ["idx_b", true, null],
  ]);
});

it("a DO block that builds an index is dynamic SQL, said at its DO: what it does depends on data", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("""',
      "        DO $$ BEGIN",
      "            IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'ix_a') THEN CREATE INDEX ix_a ON t (a); END IF;",
      "        END $$",
      '    """))',
    ),
  );
  assert.deepEqual(inv.indexes, []);
  assert.deepEqual(
    inv.dynamic.map((d) => [d.line, d.column, d.reason]),
    [[4, 9, "index DDL inside a DO block (PL/pgSQL) is not read statically"]],
  );
});

it("a function whose body builds an index is dynamic SQL, said at its CREATE: the index exists only once it is called", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("""',
      "        CREATE OR REPLACE FUNCTION ensure_ix() RETURNS void LANGUAGE plpgsql AS $$",
      "        BEGIN CREATE INDEX IF NOT EXISTS ix_a ON t (a); END $$",
      '    """))',
    ),
  );
  assert.deepEqual(inv.indexes, []);
  assert.deepEqual(
    inv.dynamic.map((d) => [d.line, d.column, d.reason]),
    [[4, 9, "index DDL inside a function's body runs only when the function is called, which the inventory cannot know"]],
  );
});

it("CREATE SCHEMA's elements in a module's string are indexes and constraints in the schema, each at its own CREATE in the .py file", async () => {
  const inv = await analyze(
    toolkit,
    py(IMPORT, "def up(conn):", '    conn.execute(text("""', "        CREATE SCHEMA crm", "            CREATE TABLE leads (id int PRIMARY KEY, email text)", "            CREATE INDEX ix_leads_email ON leads (email)", '    """))'),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.schema, i.table, i.name, i.location.line, i.location.column]),
    [["crm", "leads", "ix_leads_email", 6, 13]],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.schema, c.name, c.location.line, c.location.column]),
    [["crm", "leads_pkey", 5, 13]],
  );
  assert.deepEqual(inv.dynamic, []);
});

it("effective state: DROP COLUMN drops a constraint added USING INDEX with the index it took over", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE UNIQUE INDEX idx_code ON leads (code)"))',
      '    conn.execute(text("ALTER TABLE leads ADD CONSTRAINT leads_code_key UNIQUE USING INDEX idx_code"))',
      '    conn.execute(text("ALTER TABLE leads RENAME COLUMN code TO ref"))',
      '    conn.execute(text("ALTER TABLE leads DROP COLUMN ref"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.droppedAt?.line ?? null, i.backsConstraint]),
    [["idx_code", false, 6, "leads_code_key"]],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.columns, c.effective]),
    [["leads_code_key", [], false]],
  );
});

it("effective state: DROP SCHEMA drops what is in that schema only, a schema whose quoted name starts with it is another", async () => {
  const source = py(
    IMPORT,
    "def up(conn):",
    '    conn.execute(text("CREATE INDEX idx_crm ON crm.leads (a)"))',
    '    conn.execute(text(\'CREATE INDEX idx_crm_eu ON "crm.eu".leads (a)\'))',
    '    conn.execute(text("CREATE INDEX idx_public ON leads (a)"))',
    '    conn.execute(text("CREATE INDEX idx_other ON crmx.leads (a)"))',
    '    conn.execute(text("ALTER TABLE crm.leads RENAME TO prospects"))',
    '    conn.execute(text("DROP SCHEMA crm CASCADE"))',
  );
  assert.deepEqual(await effective(source), [
    ["idx_crm", false, 8],
    ["idx_crm_eu", true, null],
    ["idx_public", true, null],
    ["idx_other", true, null],
  ]);
});

it("effective state: RENAME CONSTRAINT and ALTER INDEX … RENAME rename a constraint with its index, and the later name is the one a drop finds", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE TABLE accounts (id int PRIMARY KEY, code text, email text, CONSTRAINT accounts_code_uq UNIQUE (code))"))',
      '    conn.execute(text("ALTER TABLE accounts RENAME CONSTRAINT accounts_code_uq TO accounts_code_key"))',
      '    conn.execute(text("ALTER INDEX accounts_pkey RENAME TO accounts_id_pkey"))',
      '    conn.execute(text("ALTER TABLE accounts ADD CONSTRAINT accounts_email_uq UNIQUE (email)"))',
      '    conn.execute(text("ALTER INDEX accounts_email_uq RENAME TO accounts_email_key"))',
      '    conn.execute(text("ALTER TABLE accounts DROP CONSTRAINT accounts_email_key"))',
      '    conn.execute(text("ALTER TABLE accounts DROP CONSTRAINT IF EXISTS accounts_code_uq"))',
    ),
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.renamedTo, c.effective]),
    [
      ["accounts_code_uq", "accounts_code_key", true],
      ["accounts_pkey", "accounts_id_pkey", true],
      ["accounts_email_uq", "accounts_email_key", false],
    ],
  );
});

it("a DROP TABLE, DROP COLUMN, DROP SCHEMA or rename of a name known only at run time is dynamic SQL and changes nothing; a run-time schema alone is kept as written", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      'SCHEMA = os.environ["SCHEMA"]',
      "def up(conn, table, column):",
      '    conn.execute(text("CREATE INDEX ix_a ON leads (a)"))',
      '    conn.execute(text(f"CREATE INDEX ix_b ON {SCHEMA}.calls (b)"))',
      '    conn.execute(text(f"DROP TABLE IF EXISTS {table}"))',
      '    conn.execute(text(f"ALTER TABLE leads DROP COLUMN {column}"))',
      '    conn.execute(text(f"ALTER TABLE {table} RENAME TO leads_old"))',
      '    conn.execute(text(f"ALTER TABLE leads RENAME COLUMN a TO {column}"))',
      '    conn.execute(text(f"DROP SCHEMA {table} CASCADE"))',
      '    conn.execute(text(f"DROP TABLE {SCHEMA}.calls"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.droppedAt?.line ?? null]),
    [
      ["ix_a", true, null],
      ["ix_b", false, 11],
    ],
  );
  assert.deepEqual(
    inv.dynamic.map((d) => [d.line, d.template, d.reason]),
    [
      [6, "DROP TABLE IF EXISTS {table}", "parameter table"],
      [7, "ALTER TABLE leads DROP COLUMN {column}", "parameter column"],
      [8, "ALTER TABLE {table} RENAME TO leads_old", "parameter table"],
      [9, "ALTER TABLE leads RENAME COLUMN a TO {column}", "parameter column"],
      [10, "DROP SCHEMA {table} CASCADE", "parameter table"],
    ],
  );
});

it("effective state: what is built on a temporary table goes with the session, and a new table of its name after a DROP TABLE is a table again", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE TEMP TABLE tmp_ids AS SELECT id FROM leads WHERE owner_id IS NULL"))',
      '    conn.execute(text("CREATE INDEX idx_tmp_ids ON tmp_ids (id)"))',
      '    conn.execute(text("CREATE TEMPORARY TABLE tmp_x (id BIGINT PRIMARY KEY, v TEXT)"))',
      '    conn.execute(text("ALTER TABLE tmp_x RENAME TO tmp_y"))',
      '    conn.execute(text("CREATE INDEX idx_tmp_y ON tmp_y (v)"))',
      '    conn.execute(text("DROP TABLE tmp_ids"))',
      '    conn.execute(text("CREATE TABLE tmp_ids (id BIGINT)"))',
      '    conn.execute(text("CREATE INDEX idx_kept ON tmp_ids (id)"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.temporary, i.droppedAt?.line ?? null]),
    [
      ["idx_tmp_ids", false, true, 8],
      ["idx_tmp_y", false, true, null],
      ["idx_kept", true, false, null],
    ],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.effective]),
    [["tmp_x_pkey", false]],
  );
});

it("effective state: CREATE TABLE IF NOT EXISTS of a table an earlier statement created creates nothing, its constraints neither", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def v1(conn):",
      '    conn.execute(text("CREATE TABLE IF NOT EXISTS calls (id BIGSERIAL PRIMARY KEY, sid TEXT)"))',
      "def v2(conn):",
      '    conn.execute(text("CREATE TABLE IF NOT EXISTS calls (id BIGSERIAL PRIMARY KEY, sid TEXT UNIQUE)"))',
      '    conn.execute(text("DROP TABLE calls"))',
      '    conn.execute(text("CREATE TABLE IF NOT EXISTS calls (id BIGSERIAL, sid TEXT, CONSTRAINT calls_sid_uq UNIQUE (sid))"))',
      '    conn.execute(text("CREATE TABLE IF NOT EXISTS crm.calls (id BIGINT PRIMARY KEY)"))',
    ),
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.location.line, c.effective]),
    [
      ["calls_pkey", 3, false],
      ["calls_pkey", 5, false],
      ["calls_sid_key", 5, false],
      ["calls_sid_uq", 7, true],
      ["calls_pkey", 8, true],
    ],
  );
});

it("effective state: a temporary table is in pg_temp, apart from a permanent table of its name, and pg_temp.t is temporary too", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE TABLE orders (id BIGINT PRIMARY KEY, ref TEXT)"))',
      '    conn.execute(text("CREATE INDEX idx_orders_ref ON orders (ref)"))',
      '    conn.execute(text("CREATE TEMP TABLE IF NOT EXISTS orders (id BIGINT PRIMARY KEY, ref TEXT UNIQUE)"))',
      '    conn.execute(text("CREATE INDEX idx_tmp_orders_ref ON orders (ref)"))',
      '    conn.execute(text("ALTER TABLE orders DROP COLUMN ref"))',
      '    conn.execute(text("DROP TABLE orders"))',
      '    conn.execute(text("CREATE TEMP TABLE staging (id BIGINT)"))',
      '    conn.execute(text("CREATE TABLE IF NOT EXISTS staging (id BIGINT PRIMARY KEY)"))',
      '    conn.execute(text("CREATE TABLE pg_temp.scratch (id BIGINT PRIMARY KEY)"))',
      '    conn.execute(text("CREATE INDEX idx_scratch ON scratch (id)"))',
      '    conn.execute(text("CREATE TEMP TABLE tmp_ids (id BIGINT)"))',
      '    conn.execute(text("CREATE INDEX idx_tmp_ids ON pg_temp.tmp_ids (id)"))',
      '    conn.execute(text("DROP SCHEMA public CASCADE"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.temporary, i.droppedAt?.line ?? null]),
    [
      ["idx_orders_ref", false, false, 15],
      ["idx_tmp_orders_ref", false, true, 7],
      ["idx_scratch", false, true, null],
      ["idx_tmp_ids", false, true, null],
    ],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.location.line, c.effective]),
    [
      ["orders_pkey", 3, false],
      ["orders_pkey", 5, false],
      ["orders_ref_key", 5, false],
      ["staging_pkey", 10, false],
      ["scratch_pkey", 11, false],
    ],
  );
});

it("a DROP TABLE or rename of a name known only at run time in downgrade() or an except clause is no finding: replay applies neither; a DROP INDEX there still is", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def upgrade(conn, table):",
      "    try:",
      '        conn.execute(text("CREATE TABLE staging (id BIGINT PRIMARY KEY)"))',
      "    except Exception:",
      '        conn.execute(text(f"DROP TABLE IF EXISTS {table}"))',
      '        conn.execute(text(f"ALTER TABLE leads RENAME COLUMN a TO {table}"))',
      "        raise",
      "def downgrade(conn, table, index):",
      '    conn.execute(text(f"DROP TABLE IF EXISTS {table}"))',
      '    conn.execute(text(f"DROP SCHEMA {table} CASCADE"))',
      '    conn.execute(text(f"DROP INDEX IF EXISTS {index}"))',
      "def migrate_v2(conn, table):",
      '    conn.execute(text(f"DROP TABLE IF EXISTS {table}"))',
    ),
  );
  assert.deepEqual(
    inv.dynamic.map((d) => [d.line, d.template, d.reason]),
    [
      [12, "DROP INDEX IF EXISTS {index}", "parameter index"],
      [14, "DROP TABLE IF EXISTS {table}", "parameter table"],
    ],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.effective]),
    [["staging_pkey", true]],
  );
});

it("effective state: an index follows its table through renames, and keeps the table's last name (db compares it there)", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE INDEX idx_leads_a ON leads (a)"))',
      '    conn.execute(text("CREATE INDEX idx_crm_a ON crm.leads (a)"))',
      '    conn.execute(text("CREATE INDEX idx_calls_a ON calls (a)"))',
      '    conn.execute(text("ALTER TABLE leads RENAME TO prospects"))',
      '    conn.execute(text("ALTER TABLE prospects RENAME TO contacts"))',
      '    conn.execute(text("CREATE INDEX idx_leads_b ON leads (b)"))',
      '    conn.execute(text("ALTER TABLE calls RENAME TO phone_calls"))',
      '    conn.execute(text("DROP TABLE phone_calls"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.schema, i.table, i.tableRenamedTo, i.effective]),
    [
      ["idx_leads_a", null, "leads", "contacts", true],
      ["idx_crm_a", "crm", "leads", null, true],
      ["idx_calls_a", null, "calls", "phone_calls", false],
      ["idx_leads_b", null, "leads", null, true],
    ],
  );
});

it("effective state: a constraint follows its table through renames, and keeps the table's last name (db compares it there)", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE TABLE leads (id int PRIMARY KEY, a int, b int)"))',
      '    conn.execute(text("ALTER TABLE leads ADD CONSTRAINT leads_a_key UNIQUE (a)"))',
      '    conn.execute(text("CREATE TABLE crm.leads (id int PRIMARY KEY)"))',
      '    conn.execute(text("ALTER TABLE leads RENAME TO prospects"))',
      '    conn.execute(text("ALTER TABLE prospects RENAME TO contacts"))',
      '    conn.execute(text("ALTER TABLE contacts ADD CONSTRAINT contacts_b_key UNIQUE (b)"))',
      '    conn.execute(text("CREATE TABLE calls (id int PRIMARY KEY)"))',
      '    conn.execute(text("ALTER TABLE calls RENAME TO phone_calls"))',
      '    conn.execute(text("DROP TABLE phone_calls"))',
    ),
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.schema, c.table, c.tableRenamedTo, c.effective]),
    [
      ["leads_pkey", null, "leads", "contacts", true],
      ["leads_a_key", null, "leads", "contacts", true],
      ["leads_pkey", "crm", "leads", null, true],
      ["contacts_b_key", null, "contacts", null, true],
      ["calls_pkey", null, "calls", "phone_calls", false],
    ],
  );
});

it("an index made before its table was renamed is on the renamed table for the rules: a later index there can make it redundant", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE INDEX idx_leads_a ON leads (a)"))',
      '    conn.execute(text("ALTER TABLE leads RENAME TO contacts"))',
      '    conn.execute(text("CREATE INDEX idx_contacts_a_b ON contacts (a, b)"))',
    ),
  );
  const [first, second] = inv.indexes;
  assert.ok(first && second);
  assert.equal(definitionParts(first).table, definitionParts(second).table);
  assert.deepEqual(describeDifference(first, second), ["columns (a) vs (a, b)"]);
});

it("effective state: the columns an index or a constraint uses keep their names now after RENAME COLUMN (a chain of renames, an expression, WHERE, INCLUDE); a new column of the old name is another", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE TABLE leads (id int PRIMARY KEY, a int, b text, c int, d int, CONSTRAINT leads_a_b UNIQUE (a, b))"))',
      '    conn.execute(text("CREATE INDEX idx_expr ON leads (lower(b)) INCLUDE (d) WHERE c > 0"))',
      '    conn.execute(text("CREATE INDEX idx_a ON leads (a)"))',
      '    conn.execute(text("ALTER TABLE leads RENAME COLUMN a TO a2"))',
      '    conn.execute(text("ALTER TABLE leads RENAME COLUMN a2 TO a3"))',
      '    conn.execute(text("ALTER TABLE leads RENAME b TO body"))',
      '    conn.execute(text("ALTER TABLE leads RENAME COLUMN d TO extra"))',
      '    conn.execute(text("ALTER TABLE leads ADD COLUMN a int"))',
      '    conn.execute(text("CREATE INDEX idx_new_a ON leads (a)"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.columnsRenamed]),
    [
      ["idx_expr", [{ from: "b", to: "body" }, { from: "d", to: "extra" }]],
      ["idx_a", [{ from: "a", to: "a3" }]],
      ["idx_new_a", []],
    ],
  );
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.columnsRenamed]),
    [
      ["leads_a_b", [{ from: "a", to: "a3" }, { from: "b", to: "body" }]],
      ["leads_pkey", []],
    ],
  );
  const [expr] = inv.indexes;
  assert.ok(expr);
  assert.deepEqual(definitionParts(expr).keys, ['{"IndexElem":{"expr":{"FuncCall":{"funcname":[{"String":{"sval":"lower"}}],"args":[{"ColumnRef":{"fields":[{"String":{"sval":"body"}}]}}],"funcformat":"COERCE_EXPLICIT_CALL"}},"ordering":"SORTBY_DEFAULT","nulls_ordering":"SORTBY_NULLS_DEFAULT"}}']);
});

it("an index whose table SET SCHEMA moved is on the table in its new schema for the rules", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn):",
      '    conn.execute(text("CREATE INDEX idx_leads_a ON leads (a)"))',
      '    conn.execute(text("ALTER TABLE leads SET SCHEMA crm"))',
      '    conn.execute(text("CREATE INDEX idx_crm_leads_a_b ON crm.leads (a, b)"))',
    ),
  );
  const [moved, later] = inv.indexes;
  assert.ok(moved && later);
  assert.equal(moved.schema, "crm");
  assert.equal(definitionParts(moved).table, "crm.leads");
  assert.deepEqual(describeDifference(moved, later), ["columns (a) vs (a, b)"]);
});
