/**
 * Scopes and names as Python has them: a class body is its own scope, an
 * interpolated schema leaves name and table known, and the reason for dynamic
 * SQL names what is unknown.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createToolkit } from "../src/index.js";
import { analyze, dynamics, problems, py } from "./helpers/analyze.js";

const toolkit = createToolkit();

test("a class body is its own scope: methods see the module's names, not the class's", async () => {
  const inv = await analyze(
    toolkit,
    py(
      'TABLE = "leads"',
      "",
      "",
      "class Migration:",
      '    TABLE = "calls"',
      '    INDEX = f"CREATE INDEX IF NOT EXISTS idx_calls_a ON {TABLE} (a)"',
      "",
      "    def up(self, conn):",
      '        conn.execute(f"CREATE INDEX IF NOT EXISTS idx_{TABLE}_b ON {TABLE} (b)")',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.table, i.location.line]),
    [
      ["idx_calls_a", "calls", 6],
      ["idx_leads_b", "leads", 9],
    ],
  );
  assert.deepEqual(dynamics(inv), []);
});

test("a name only a class body binds is not seen from its methods", async () => {
  const inv = await analyze(
    toolkit,
    py("class Migration:", '    TABLE = "calls"', "", "    def up(self, conn):", '        conn.execute(f"CREATE INDEX IF NOT EXISTS idx_x ON {TABLE} (b)")'),
  );
  assert.deepEqual(inv.indexes, []);
  assert.deepEqual(
    inv.dynamic.map((d) => [d.template, d.reason, d.line, d.column]),
    [["CREATE INDEX IF NOT EXISTS idx_x ON {TABLE} (b)", "TABLE is not defined in this file", 5, 24]],
  );
});

test("ON {SCHEMA}.hosts: name and table known, listed with the schema as written", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "from app.config import SCHEMA",
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(f"CREATE INDEX IF NOT EXISTS idx_hosts_ip ON {SCHEMA}.hosts (ip)")',
      '    conn.execute(f"DROP INDEX IF EXISTS {SCHEMA}.idx_hosts_old")',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.schema, i.table, i.columns, i.location.line, i.location.column]),
    [["idx_hosts_ip", "{SCHEMA}", "hosts", ["ip"], 5, 20]],
  );
  assert.deepEqual(
    inv.drops.map((d) => [d.names, d.location.line]),
    [[[{ schema: "{SCHEMA}", name: "idx_hosts_old" }], 6]],
  );
  assert.deepEqual(dynamics(inv), []);
  assert.deepEqual(problems(inv), []);
});

test("the reason names what hides the name or table, and why", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "from app.config import SCHEMA, SUFFIX",
      "",
      "",
      "def upgrade(conn, table):",
      '    conn.execute(f"CREATE INDEX idx_hosts_{SUFFIX} ON {SCHEMA}.hosts (ip)")',
      '    conn.execute(f"CREATE INDEX idx_a ON {SCHEMA}.{table} (a)")',
      "    for t in load_tables():",
      '        conn.execute(f"CREATE INDEX idx_b ON {t} (b)")',
      '    name = "x"',
      '    name = "y"',
      '    conn.execute(f"CREATE INDEX {name} ON t (c)")',
    ),
  );
  assert.deepEqual(
    inv.dynamic.map((d) => [d.line, d.reason]),
    [
      [5, "SUFFIX is imported from app.config, which is not in the project"],
      [6, "parameter table"],
      [8, "loop variable t over values not known statically"],
      [11, "name is assigned more than once"],
    ],
  );
});

test("a helper looping over its parameter is read at each call site; psycopg's sql.Identifier renders a quoted name", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "from psycopg2 import sql",
      "",
      "",
      "def create_indexes(cursor, specs):",
      "    for name, table, cols in specs:",
      '        cursor.execute("CREATE INDEX IF NOT EXISTS {} ON {} ({})".format(name, table, ", ".join(cols)))',
      "",
      "",
      "def forwards(cursor):",
      '    create_indexes(cursor, [("idx_b", "t", ["b"]), ("idx_c", "t", ["c", "d"])])',
      '    cursor.execute(sql.SQL("CREATE INDEX IF NOT EXISTS {} ON {} ({})").format(sql.Identifier("Idx_A"), sql.Identifier("crm", "t"), sql.Identifier("a")))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.schema, i.table, i.columns, i.location.line, i.location.column]),
    [
      ["idx_b", null, "t", ["b"], 10, 5],
      ["idx_c", null, "t", ["c", "d"], 10, 5],
      ["Idx_A", "crm", "t", ['"a"'], 11, 29],
    ],
  );
  assert.deepEqual(dynamics(inv), []);
  assert.deepEqual(problems(inv), []);
});

test("a retry helper that cleans its own sql parameter (sql = textwrap.dedent(sql).strip()) still reads each caller's SQL, at the call", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "import textwrap",
      "from sqlalchemy import text",
      "",
      "",
      "def _execute_with_retry(conn, sql, retries=3):",
      "    sql = textwrap.dedent(sql).strip()",
      "    for attempt in range(retries):",
      "        conn.execute(text(sql))",
      "        break",
      "",
      "",
      "def migrate(conn):",
      '    _execute_with_retry(conn, "CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)")',
      '    _execute_with_retry(conn, """',
      "        CREATE INDEX IF NOT EXISTS idx_leads_owner ON leads (owner_id)",
      '    """)',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line]),
    [
      ["idx_leads_status", 13],
      ["idx_leads_owner", 15],
    ],
  );
  assert.deepEqual(dynamics(inv), []);
});
