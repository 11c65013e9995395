/**
 * Extraction, table-driven: Python migration / registry source in, the exact
 * indexes (and dynamic SQL, errors) out — names, tables, flags, columns,
 * predicates, origin, effective state and the line/column of CREATE.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createToolkit } from "../src/index.js";
import { reasonText } from "../src/model/reason.js";
import { analyze, dynamics, positions, problems, py, rows, type IndexRow } from "./helpers/analyze.js";

const toolkit = createToolkit();

const IMPORT = "from sqlalchemy import text";

interface Case {
  name: string;
  source: string;
  indexes: IndexRow[];
}

// Every pattern of §1 that must yield exactly these indexes, and no dynamic SQL or error.
const PATTERNS: Case[] = [
  {
    name: "plain double-quoted string",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("CREATE INDEX idx_leads_status ON leads (status)"))'),
    indexes: [["idx_leads_status", null, "leads", ["status"], null, "", "migration", true, 5, 24]],
  },
  {
    name: "single-quoted string",
    source: py(IMPORT, "", "", "def upgrade(conn):", "    conn.execute(text('CREATE UNIQUE INDEX idx_users_email ON users (email)'))"),
    indexes: [["idx_users_email", null, "users", ["email"], null, "unique", "migration", true, 5, 24]],
  },
  {
    name: "raw string keeps its backslashes",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text(r"CREATE INDEX idx_leads_digits ON leads (phone) WHERE phone ~ '^\d+$'"))`),
    indexes: [["idx_leads_digits", null, "leads", ["phone"], String.raw`phone ~ '^\d+$'`, "", "migration", true, 5, 25]],
  },
  {
    name: "triple-quoted multi-line string",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text("""',
      "        CREATE INDEX IF NOT EXISTS idx_leads_owner_created",
      "            ON leads (owner_id, created_at)",
      "            WHERE deleted_at IS NULL",
      '    """))',
    ),
    indexes: [["idx_leads_owner_created", null, "leads", ["owner_id", "created_at"], "deleted_at IS NULL", "if-not-exists", "migration", true, 6, 9]],
  },
  {
    name: "several statements with -- and /* */ comments in one string",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text("""',
      "        -- status filter for the inbox",
      "        CREATE INDEX idx_a ON leads (status);",
      "        /* owner lookups */ CREATE INDEX idx_b ON leads (owner_id);",
      "        /* two",
      "           lines; CREATE INDEX idx_in_comment ON leads (x) */",
      "        CREATE INDEX idx_c ON leads (tenant_id, created_at); -- trailing",
      '    """))',
    ),
    indexes: [
      ["idx_a", null, "leads", ["status"], null, "", "migration", true, 7, 9],
      ["idx_b", null, "leads", ["owner_id"], null, "", "migration", true, 8, 29],
      ["idx_c", null, "leads", ["tenant_id", "created_at"], null, "", "migration", true, 11, 9],
    ],
  },
  {
    name: "lowercase keywords",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("create unique index if not exists idx_lower_email on users (lower(email))"))'),
    indexes: [["idx_lower_email", null, "users", ["lower(email)"], null, "unique if-not-exists", "migration", true, 5, 24]],
  },
  {
    name: "quoted identifiers keep their case; unquoted ones fold",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      `    conn.execute(text('CREATE INDEX "idx_CamelCase" ON "Leads" (status)'))`,
      '    conn.execute(text("CREATE INDEX Idx_Folded ON Leads (status)"))',
    ),
    indexes: [
      ["idx_CamelCase", null, "Leads", ["status"], null, "", "migration", true, 5, 24],
      ["idx_folded", null, "leads", ["status"], null, "", "migration", true, 6, 24],
    ],
  },
  {
    name: "schema-qualified table",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("CREATE INDEX idx_pub_leads ON public.leads (email)"))'),
    indexes: [["idx_pub_leads", "public", "leads", ["email"], null, "", "migration", true, 5, 24]],
  },
  {
    name: "byte string passed to a DB-API cursor",
    source: py("def upgrade(cur):", '    cur.execute(b"CREATE INDEX idx_leads_bytes ON leads (created_at)")'),
    indexes: [["idx_leads_bytes", null, "leads", ["created_at"], null, "", "migration", true, 2, 19]],
  },
  {
    name: "textwrap.dedent and .strip() around a triple-quoted string",
    source: py(
      "import textwrap",
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    conn.execute(text(textwrap.dedent(\"\"\"",
      "        CREATE INDEX idx_deals_closed ON deals (closed_at)",
      "    \"\"\").strip()))",
    ),
    indexes: [["idx_deals_closed", null, "deals", ["closed_at"], null, "", "migration", true, 7, 9]],
  },
  {
    name: ".lower() and .upper() of an ASCII string",
    source: py(IMPORT, "", 'PREFIX = "IX"', "", "", "def upgrade(conn):", '    conn.execute(text(\'CREATE INDEX "\' + PREFIX.lower() + \'_leads_email" ON leads (email)\'.upper()))'),
    indexes: [["ix_LEADS_EMAIL", null, "leads", ["EMAIL"], null, "", "migration", true, 7, 24]],
  },
  {
    name: ".lower() past ASCII, mapped as Python maps it (İ becomes two characters, a final Σ ς)",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text(\'CREATE INDEX "ÀB_İΣ" ON t (a)\'.lower()))'),
    indexes: [["àb_i̇ς", null, "t", ["a"], null, "", "migration", true, 5, 24]],
  },
  {
    name: "implicit concatenation over lines",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    conn.execute(text(",
      '        "CREATE INDEX idx_leads_phone "',
      '        "ON leads (phone)"',
      "    ))",
    ),
    indexes: [["idx_leads_phone", null, "leads", ["phone"], null, "", "migration", true, 6, 10]],
  },
  {
    name: "+ concatenation with a module constant",
    source: py(IMPORT, "", 'TABLE = "leads"', "", "", "def upgrade(conn):", '    conn.execute(text("CREATE INDEX idx_leads_email ON " + TABLE + " (email)"))'),
    indexes: [["idx_leads_email", null, "leads", ["email"], null, "", "migration", true, 7, 24]],
  },
  {
    name: "% formatting with a tuple",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("CREATE INDEX %s ON %s (status)" % ("idx_pct_tuple", "deals")))'),
    indexes: [["idx_pct_tuple", null, "deals", ["status"], null, "", "migration", true, 5, 24]],
  },
  {
    name: "% formatting with a dict",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    sql = "CREATE INDEX %(name)s ON %(table)s (stage)" % {"name": "idx_pct_dict", "table": "deals"}',
      "    conn.execute(text(sql))",
    ),
    indexes: [["idx_pct_dict", null, "deals", ["stage"], null, "", "migration", true, 5, 12]],
  },
  {
    name: ".format() positional",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("CREATE INDEX {} ON {} ({})".format("idx_fmt_pos", "calls", "call_sid")))'),
    indexes: [["idx_fmt_pos", null, "calls", ["call_sid"], null, "", "migration", true, 5, 24]],
  },
  {
    name: ".format() keyword",
    source: py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("CREATE INDEX idx_{t}_kw ON {t} (owner_id)".format(t="deals")))'),
    indexes: [["idx_deals_kw", null, "deals", ["owner_id"], null, "", "migration", true, 5, 24]],
  },
  {
    name: "f-string from module constants",
    source: py(
      IMPORT,
      "",
      'LEADS = "leads"',
      'PREFIX = "idx_leads"',
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text(f"CREATE INDEX {PREFIX}_source ON {LEADS} (source)"))',
    ),
    indexes: [["idx_leads_source", null, "leads", ["source"], null, "", "migration", true, 8, 25]],
  },
  {
    name: "f-string from function-level names bound once",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    table = "deals"',
      '    column = "stage"',
      '    conn.execute(text(f"CREATE INDEX idx_{table}_{column} ON {table} ({column})"))',
    ),
    indexes: [["idx_deals_stage", null, "deals", ["stage"], null, "", "migration", true, 7, 25]],
  },
  {
    name: "module list of SQL executed in a for loop",
    source: py(
      IMPORT,
      "",
      "INDEXES = [",
      '    "CREATE INDEX idx_calls_sid ON calls (call_sid)",',
      '    "CREATE INDEX idx_calls_created ON calls (created_at)",',
      "]",
      "",
      "",
      "def upgrade(conn):",
      "    for sql in INDEXES:",
      "        conn.execute(text(sql))",
    ),
    indexes: [
      ["idx_calls_sid", null, "calls", ["call_sid"], null, "", "migration", true, 4, 6],
      ["idx_calls_created", null, "calls", ["created_at"], null, "", "migration", true, 5, 6],
    ],
  },
  {
    name: "for over a tuple of tables with an f-string: two indexes at one position",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    for t in ("leads", "deals"):',
      '        conn.execute(text(f"CREATE INDEX idx_{t}_tenant ON {t} (tenant_id)"))',
    ),
    indexes: [
      ["idx_deals_tenant", null, "deals", ["tenant_id"], null, "", "migration", true, 6, 29],
      ["idx_leads_tenant", null, "leads", ["tenant_id"], null, "", "migration", true, 6, 29],
    ],
  },
  {
    name: "tuple-unpacking loop",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    for name, table, column in [",
      '        ("idx_leads_email", "leads", "email"),',
      '        ("idx_users_phone", "users", "phone"),',
      "    ]:",
      '        conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"))',
    ),
    indexes: [
      ["idx_leads_email", null, "leads", ["email"], null, "if-not-exists", "migration", true, 9, 29],
      ["idx_users_phone", null, "users", ["phone"], null, "if-not-exists", "migration", true, 9, 29],
    ],
  },
  {
    name: "helper executing its parameter, called with literals: reported at the literal",
    source: py(
      IMPORT,
      "",
      "",
      "def exec_index(conn, sql):",
      "    conn.execute(text(sql))",
      "",
      "",
      "def upgrade(conn):",
      '    exec_index(conn, "CREATE INDEX idx_helper_a ON leads (a)")',
      "    exec_index(conn, 'CREATE UNIQUE INDEX idx_helper_b ON leads (b)')",
    ),
    indexes: [
      ["idx_helper_a", null, "leads", ["a"], null, "", "migration", true, 9, 23],
      ["idx_helper_b", null, "leads", ["b"], null, "unique", "migration", true, 10, 23],
    ],
  },
  {
    name: "helper building SQL from its parameters: reported at the call site",
    source: py(
      IMPORT,
      "",
      "",
      "def add_index(conn, name, table, column):",
      '    conn.execute(text(f"CREATE INDEX IF NOT EXISTS {name} ON {table} ({column})"))',
      "",
      "",
      "def upgrade(conn):",
      '    add_index(conn, "idx_leads_owner", "leads", "owner_id")',
      "    if True:",
      '        add_index(conn, "idx_deals_owner", "deals", "owner_id")',
    ),
    indexes: [
      ["idx_leads_owner", null, "leads", ["owner_id"], null, "if-not-exists", "migration", true, 9, 5],
      ["idx_deals_owner", null, "deals", ["owner_id"], null, "if-not-exists", "migration", true, 11, 9],
    ],
  },
];

for (const c of PATTERNS) {
  test(`extract: ${c.name}`, async () => {
    const inv = await analyze(toolkit, c.source);
    assert.deepEqual(rows(inv), c.indexes);
    assert.deepEqual(dynamics(inv), []);
    assert.deepEqual(problems(inv), []);
  });
}

// Text that mentions indexes but is not SQL run by the migration: nothing at all.
const NEGATIVES: { name: string; source: string }[] = [
  {
    name: "module, class and function docstrings",
    source: py(
      '"""Migrations for the CRM.',
      "",
      "CREATE INDEX idx_doc ON t (a)",
      '"""',
      IMPORT,
      "",
      "",
      "class Migration:",
      '    """CREATE INDEX idx_doc_class ON t (a)"""',
      "",
      "    def upgrade(self, conn):",
      "        '''CREATE UNIQUE INDEX idx_doc_method ON t (a)'''",
      "        conn.execute(text(\"SELECT 1\"))",
      "",
      "",
      "def upgrade(conn):",
      '    """Creates the indexes: CREATE INDEX idx_doc_fn ON t (a)."""',
      "    return None",
    ),
  },
  {
    name: "module docstring after a shebang and a coding line",
    source: py(
      "#!/usr/bin/env python",
      "# -*- coding: utf-8 -*-",
      '"""CREATE INDEX idx_doc ON t (a)"""',
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text("SELECT 1"))',
    ),
  },
  {
    name: "# comments holding CREATE INDEX",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    # CREATE INDEX idx_commented ON leads (a)",
      '    # conn.execute(text("CREATE INDEX idx_commented_call ON leads (b)"))',
      "    pass  # CREATE UNIQUE INDEX idx_trailing ON leads (c)",
    ),
  },
  {
    name: "log lines and messages",
    source: py(
      "import logging",
      "",
      "logger = logging.getLogger(__name__)",
      "",
      "",
      "def upgrade(conn, n):",
      '    logger.info("Creating index idx_leads_status on leads")',
      '    logger.error("Could not create unique index on call_sid")',
      '    logger.warning("index %s is missing", "idx_leads_status")',
      '    print(f"created {n} indexes")',
      '    logger.debug("CREATE INDEX idx_logged ON leads (status)")',
      '    print("CREATE UNIQUE INDEX idx_printed ON leads (email)")',
      '    HELP = "Run CREATE INDEX manually if this step fails"',
      "    if n < 0:",
      '        raise RuntimeError("CREATE INDEX failed")',
    ),
  },
  {
    name: "CREATE TABLE and UPDATE with :name and %(name)s bind parameters",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn, cur):",
      '    conn.execute(text("CREATE TABLE IF NOT EXISTS audit_log (id bigserial, note text DEFAULT :note)"), {"note": ""})',
      '    conn.execute(text("UPDATE leads SET status = :status WHERE id = :id"), {"status": "new", "id": 1})',
      '    cur.execute("UPDATE leads SET owner_id = %(owner)s WHERE tenant_id = %(tenant)s", {"owner": 1, "tenant": 2})',
      '    cur.execute("UPDATE leads SET source = %s WHERE id = %s", ("web", 3))',
    ),
  },
];

for (const c of NEGATIVES) {
  test(`extract (not SQL): ${c.name}`, async () => {
    const inv = await analyze(toolkit, c.source);
    assert.deepEqual(positions(inv), []);
    assert.deepEqual(dynamics(inv), []);
    assert.deepEqual(problems(inv), []);
  });
}

test("extract: an executor string whose CREATE INDEX line was deleted is invalid-sql at ON", async () => {
  const source = py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("""', "    ON leads (a)", '"""))');
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), []);
  assert.deepEqual(dynamics(inv), []);
  assert.deepEqual(problems(inv), [["invalid-sql", 6, 5, 'syntax error at or near "ON"']]);
});

test("extract: the same broken string is invalid-sql when the file also creates an index", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE INDEX idx_leads_b ON leads (b)"))',
    '    conn.execute(text("""',
    "    ON leads (a)",
    '"""))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [["idx_leads_b", 5, 24]]);
  assert.deepEqual(problems(inv), [["invalid-sql", 7, 5, 'syntax error at or near "ON"']]);
});

// ---------------------------------------------------------------- registry

const REGISTRY = py(
  '"""Performance indexes, built by the deploy step with CONCURRENTLY IF NOT EXISTS."""',
  "",
  "INDEX_DEFS_LEADS_CRM = [",
  "    {",
  '        "name": "idx_leads_status",',
  '        "table": "leads",',
  '        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status ON leads (status)",',
  '        "critical": True,',
  '        "description": "Filter leads by status",',
  "    },",
  "]",
  "",
  "INDEX_DEFS_CALLS = [",
  "    {",
  '        "name": "idx_calls_created",',
  '        "table": "calls",',
  '        "sql": (',
  '            "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_calls_created "',
  '            "ON calls (created_at DESC)"',
  "        ),",
  '        "critical": False,',
  "    },",
  "]",
  "",
  "INDEX_DEFS_BILLING = [",
  '    {"name": "idx_invoices_due", "table": "invoices", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_invoices_due ON invoices (due_date)"},',
  "]",
  "",
  "# Written but never added to INDEX_DEFS: the deploy step never builds it.",
  "INDEX_DEFS_ORPHAN = [",
  '    {"name": "idx_orphan", "table": "leads", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_orphan ON leads (archived_at)"},',
  "]",
  "",
  "INDEX_DEFS = INDEX_DEFS_LEADS_CRM + INDEX_DEFS_CALLS",
  "INDEX_DEFS += INDEX_DEFS_BILLING",
  'INDEX_DEFS.append({"name": "idx_deals_stage", "table": "deals", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_deals_stage ON deals (stage)"})',
  "INDEX_DEFS.extend([",
  '    {"name": "idx_deals_owner", "table": "deals", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_deals_owner ON deals (owner_id)", "critical": False},',
  "])",
);

test("registry: A + B, +=, .append, .extend and an orphan list", async () => {
  const inv = await analyze(toolkit, null, REGISTRY);
  const ci = "concurrently if-not-exists";
  assert.deepEqual(rows(inv), [
    ["idx_leads_status", null, "leads", ["status"], null, ci, "registry", true, 7, 17],
    ["idx_calls_created", null, "calls", ["created_at DESC"], null, ci, "registry", true, 18, 14],
    ["idx_invoices_due", null, "invoices", ["due_date"], null, ci, "registry", true, 26, 63],
    ["idx_orphan", null, "leads", ["archived_at"], null, ci, "registry", false, 31, 54],
    ["idx_deals_stage", null, "deals", ["stage"], null, ci, "registry", true, 36, 73],
    ["idx_deals_owner", null, "deals", ["owner_id"], null, ci, "registry", true, 38, 59],
  ]);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.registry?.list, i.registry?.name, i.registry?.table, i.registry?.critical, i.registry?.description, i.registry?.statements]),
    [
      ["idx_leads_status", "INDEX_DEFS_LEADS_CRM", "idx_leads_status", "leads", true, "Filter leads by status", 1],
      ["idx_calls_created", "INDEX_DEFS_CALLS", "idx_calls_created", "calls", false, null, 1],
      ["idx_invoices_due", "INDEX_DEFS_BILLING", "idx_invoices_due", "invoices", null, null, 1],
      ["idx_orphan", "INDEX_DEFS_ORPHAN", "idx_orphan", "leads", null, null, 1],
      ["idx_deals_stage", "INDEX_DEFS", "idx_deals_stage", "deals", null, null, 1],
      ["idx_deals_owner", "INDEX_DEFS", "idx_deals_owner", "deals", false, null, 1],
    ],
  );
  assert.deepEqual(inv.indexes[0]?.registry?.keys, ["name", "table", "sql", "critical", "description"]);
  assert.deepEqual(dynamics(inv), []);
  assert.deepEqual(problems(inv), []);
});

test("registry and migrations together: each index keeps its origin", async () => {
  const migration = py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("CREATE UNIQUE INDEX idx_users_email ON users (email)"))');
  const registry = py(
    "INDEX_DEFS = [",
    '    {"name": "idx_leads_status", "table": "leads", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status ON leads (status)"},',
    "]",
  );
  const inv = await analyze(toolkit, migration, registry);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.origin, i.location.file, i.location.line, i.location.column, i.registry?.list ?? null]),
    // Files in path order: server/db_indexes.py < server/db_migrate.py.
    [
      ["idx_leads_status", "registry", "server/db_indexes.py", 2, 60, "INDEX_DEFS"],
      ["idx_users_email", "migration", "server/db_migrate.py", 5, 24, null],
    ],
  );
});

test("registry: an entry a helper returns stands at the call that adds it", async () => {
  const registry = py(
    "def _status_index():",
    '    return {"name": "idx_leads_status", "table": "leads", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status ON leads (status)"}',
    "",
    "",
    "INDEX_DEFS = [_status_index()]",
  );
  const inv = await analyze(toolkit, null, registry);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column, i.registry?.list ?? null, i.registry?.table ?? null]),
    [["idx_leads_status", 5, 15, "INDEX_DEFS", "leads"]],
  );
  assert.deepEqual(problems(inv), []);
});

// ---------------------------------------------------------------- effective state

test("DROP INDEX (several names, IF EXISTS, CONCURRENTLY) makes earlier creates ineffective", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE INDEX idx_old_a ON leads (a)"))',
    '    conn.execute(text("CREATE INDEX idx_old_b ON leads (b)"))',
    '    conn.execute(text("CREATE INDEX idx_kept ON leads (c)"))',
    '    conn.execute(text("CREATE INDEX idx_old_c ON leads (d)"))',
    '    conn.execute(text("CREATE INDEX idx_pub_e ON leads (e)"))',
    "",
    "",
    "def cleanup(conn):",
    '    conn.execute(text("DROP INDEX IF EXISTS idx_old_a, idx_old_b"))',
    '    conn.execute(text("DROP INDEX CONCURRENTLY idx_old_c"))',
    '    conn.execute(text("DROP INDEX public.idx_pub_e"))',
    '    conn.execute(text("DROP INDEX IF EXISTS idx_never_created"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.droppedAt ? [i.droppedAt.line, i.droppedAt.column] : null]),
    [
      ["idx_old_a", false, [13, 24]],
      ["idx_old_b", false, [13, 24]],
      ["idx_kept", true, null],
      ["idx_old_c", false, [14, 24]],
      ["idx_pub_e", false, [15, 24]],
    ],
  );
  assert.deepEqual(
    inv.drops.map((d) => [d.names.map((n) => (n.schema ? `${n.schema}.${n.name}` : n.name)), d.ifExists, d.location.line, d.location.column]),
    [
      [["idx_old_a", "idx_old_b"], true, 13, 24],
      [["idx_old_c"], false, 14, 24],
      [["public.idx_pub_e"], false, 15, 24],
      [["idx_never_created"], true, 16, 24],
    ],
  );
  assert.deepEqual(problems(inv), []);
});

test("a DROP before the CREATE (in file order) leaves the index effective", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("DROP INDEX IF EXISTS idx_recreated; CREATE INDEX idx_recreated ON leads (status, created_at)"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(rows(inv), [["idx_recreated", null, "leads", ["status", "created_at"], null, "", "migration", true, 5, 60]]);
});

test("ALTER INDEX a RENAME TO b sets renamedTo; a later DROP of b drops it", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE INDEX idx_tmp_email ON leads (email)"))',
    '    conn.execute(text("ALTER INDEX idx_tmp_email RENAME TO idx_leads_email"))',
    '    conn.execute(text("CREATE INDEX idx_tmp_phone ON leads (phone)"))',
    '    conn.execute(text("ALTER INDEX IF EXISTS idx_tmp_phone RENAME TO idx_leads_phone"))',
    '    conn.execute(text("DROP INDEX idx_leads_phone"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.renamedTo, i.effective]),
    [
      ["idx_tmp_email", "idx_leads_email", true],
      ["idx_tmp_phone", "idx_leads_phone", false],
    ],
  );
});

test("ADD CONSTRAINT … UNIQUE USING INDEX makes the index functional, backing the constraint", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE UNIQUE INDEX CONCURRENTLY idx_calls_sid ON calls (call_sid)"))',
    '    conn.execute(text("ALTER TABLE calls ADD CONSTRAINT uq_calls_sid UNIQUE USING INDEX idx_calls_sid"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.backsConstraint, i.renamedTo, i.effective, i.classification]),
    [["idx_calls_sid", "uq_calls_sid", "uq_calls_sid", true, "functional"]],
  );
  assert.deepEqual(inv.indexes[0]!.reason, { kind: "functional", by: "constraint", constraint: "uq_calls_sid" });
  assert.deepEqual(
    inv.constraints.map((c) => [c.name, c.type, c.table, c.usingIndex, c.location.line, c.location.column]),
    [["uq_calls_sid", "unique", "calls", "idx_calls_sid", 6, 24]],
  );
});

test("ADD CONSTRAINT … USING INDEX on a non-UNIQUE index: functional, reason names the constraint", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE INDEX idx_calls_sid ON calls (call_sid)"))',
    '    conn.execute(text("ALTER TABLE calls ADD CONSTRAINT uq_calls_sid UNIQUE USING INDEX idx_calls_sid"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.backsConstraint, i.classification]),
    [["idx_calls_sid", "uq_calls_sid", "functional"]],
  );
  assert.deepEqual(inv.indexes[0]!.reason, { kind: "functional", by: "constraint", constraint: "uq_calls_sid" });
  assert.equal(reasonText(inv.indexes[0]!.reason), "backs constraint uq_calls_sid");
});

// ---------------------------------------------------------------- classification

test("classification and its reason: UNIQUE, plain, pragma", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE UNIQUE INDEX idx_users_email ON users (email)"))',
    '    conn.execute(text("CREATE INDEX idx_leads_status ON leads (status)"))',
    "    # index-audit: functional — webhook dedupe relies on it",
    '    conn.execute(text("CREATE INDEX idx_calls_sid ON calls (call_sid)"))',
    "    # index-audit: functional",
    '    conn.execute(text("CREATE INDEX idx_calls_parent ON calls (parent_sid)"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.classification]),
    [
      ["idx_users_email", "functional"],
      ["idx_leads_status", "performance"],
      ["idx_calls_sid", "functional"],
      ["idx_calls_parent", "functional"],
    ],
  );
  assert.deepEqual(
    inv.indexes.map((i) => i.reason),
    [
      { kind: "functional", by: "unique" },
      { kind: "performance", by: "default" },
      { kind: "functional", by: "pragma", line: 7, note: "webhook dedupe relies on it" },
      { kind: "functional", by: "pragma", line: 9, note: null },
    ],
  );
  assert.deepEqual(inv.indexes.map((i) => reasonText(i.reason)), [
    "UNIQUE index: enforces a rule on the data",
    "not UNIQUE and backs no constraint: only speeds up queries",
    "marked functional by pragma on line 7: webhook dedupe relies on it",
    "marked functional by pragma on line 9",
  ]);
  // The pragma is not the index's purpose.
  assert.deepEqual(
    inv.indexes.map((i) => i.context.comment),
    [null, null, null, null],
  );
});

// ---------------------------------------------------------------- dynamic SQL

const DYNAMIC: { name: string; source: string; dynamic: [string, number, number][] }[] = [
  {
    name: "function whose parameter is the table, called nowhere",
    source: py(
      IMPORT,
      "",
      "",
      "def add_tenant_index(conn, table):",
      '    conn.execute(text(f"CREATE INDEX IF NOT EXISTS idx_{table}_tenant ON {table} (tenant_id)"))',
    ),
    dynamic: [["CREATE INDEX IF NOT EXISTS idx_{table}_tenant ON {table} (tenant_id)", 5, 25]],
  },
  {
    name: "loop over a database query result",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    tables = conn.execute(text(\"SELECT tablename FROM pg_tables WHERE schemaname = 'public'\")).scalars().all()",
      "    for t in tables:",
      '        conn.execute(text(f"CREATE INDEX IF NOT EXISTS idx_{t}_created ON {t} (created_at)"))',
    ),
    dynamic: [["CREATE INDEX IF NOT EXISTS idx_{t}_created ON {t} (created_at)", 7, 29]],
  },
];

for (const c of DYNAMIC) {
  test(`dynamic: ${c.name}`, async () => {
    const inv = await analyze(toolkit, c.source);
    assert.deepEqual(positions(inv), []);
    assert.deepEqual(dynamics(inv), c.dynamic);
    assert.equal(inv.dynamic[0]?.origin, "migration");
    assert.equal(inv.dynamic[0].executor, "conn.execute");
    assert.deepEqual(problems(inv), []);
  });
}

// ---------------------------------------------------------------- context

test("text(...).execution_options(...) and .bindparams(...) run the text's SQL: read at the executor, binds kept as binds", async () => {
  const source = py(
    IMPORT,
    "def up(conn):",
    '    conn.execute(text("CREATE INDEX CONCURRENTLY idx_a ON leads (a)").execution_options(autocommit=True))',
    '    stmt = text("CREATE INDEX idx_b ON leads (b) WHERE b > :n")',
    "    conn.execute(stmt.bindparams(n=3))",
    '    conn.execute(text("SELECT 1 FROM leads WHERE a = :a").bindparams(a=1))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column, i.context.executor, i.where]),
    [
      ["idx_a", 3, 24, "conn.execute", null],
      ["idx_b", 4, 18, "conn.execute", "b > :n"],
    ],
  );
  assert.deepEqual([inv.errors, inv.dynamic], [[], []]);
});

test("context: function, guard, # comment, -- comment, executor", async () => {
  const source = py(
    IMPORT,
    "from alembic import op",
    "",
    "",
    "def exec_index(conn, sql):",
    "    conn.execute(text(sql))",
    "",
    "",
    "class Migration:",
    "    def upgrade(self, conn):",
    '        if not index_exists(conn, "idx_x"):',
    "            # Speeds up the inbox query",
    '            conn.execute(text("CREATE INDEX idx_x ON messages (inbox_id)"))',
    "",
    "",
    "",
    "def upgrade(conn, cursor):",
    '    op.execute("""',
    "        -- Sort the pipeline by value",
    "        CREATE INDEX idx_deals_value ON deals (value DESC)",
    '    """)',
    '    cursor.execute("CREATE INDEX idx_deals_stage ON deals (stage)")',
    "    # One per tenant",
    '    exec_index(conn, "CREATE INDEX idx_deals_tenant ON deals (tenant_id)")',
    "",
    "",
    'op.execute("CREATE INDEX idx_module_level ON deals (closed_at)")',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column, i.context.function, i.context.guard, i.context.comment, i.context.executor]),
    [
      ["idx_x", 13, 32, "Migration.upgrade", 'not index_exists(conn, "idx_x")', "Speeds up the inbox query", "conn.execute"],
      ["idx_deals_value", 20, 9, "upgrade", null, "Sort the pipeline by value", "op.execute"],
      ["idx_deals_stage", 22, 21, "upgrade", null, null, "cursor.execute"],
      ["idx_deals_tenant", 24, 23, "upgrade", null, "One per tenant", "exec_index"],
      ["idx_module_level", 27, 13, null, null, null, "op.execute"],
    ],
  );
  assert.deepEqual(problems(inv), []);
});

test("a loop around a function definition is not unrolled for the SQL inside the function", async () => {
  const source = py(
    IMPORT,
    "",
    'for t in ("leads", "deals"):',
    "",
    "    def make(conn):",
    '        conn.execute(text(f"CREATE INDEX idx_{t}_a ON {t} (a)"))',
    "",
    "",
    "def upgrade(conn):",
    '    for u in ("calls", "users"):',
    "",
    "        def build(conn):",
    '            for c in ("b", "c"):',
    '                conn.execute(text(f"CREATE INDEX idx_{u}_{c} ON {u} ({c})"))',
    "",
    "        build(conn)",
    '        conn.execute(text(f"CREATE INDEX idx_{u}_d ON {u} (d)"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [
    ["idx_calls_d", 17, 29],
    ["idx_users_d", 17, 29],
  ]);
  // The loops inside the function are unrolled (c), the ones around it are not (t, u): their names stay unknown there.
  assert.deepEqual(dynamics(inv), [
    ["CREATE INDEX idx_{t}_a ON {t} (a)", 6, 29],
    ["CREATE INDEX idx_{u}_b ON {u} (b)", 14, 37],
    ["CREATE INDEX idx_{u}_c ON {u} (c)", 14, 37],
  ]);
});

test("a helper that retries by calling itself: only the calls from outside it are its call sites", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def create_index(conn, name, columns, retries=3):",
    "    try:",
    '        conn.execute(text(f"CREATE INDEX {name} ON leads ({columns})"))',
    "    except Exception:",
    "        if retries:",
    "            create_index(conn, name, columns, retries - 1)",
    "",
    "",
    "def upgrade(conn):",
    '    create_index(conn, "idx_leads_a", "a")',
    '    create_index(conn, "idx_leads_b", "b")',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [
    ["idx_leads_a", 13, 5],
    ["idx_leads_b", 14, 5],
  ]);
  assert.deepEqual(dynamics(inv), []);
});

test("a call of a helper's name from a function where that name is its own (nested def, parameter, import) is no call site of the helper; a `global` declaration makes it one", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def run_ddl(conn, name, column):",
    '    conn.execute(text(f"CREATE INDEX {name} ON leads ({column})"))',
    "",
    "",
    "def nested(conn):",
    "    def run_ddl(conn, name, column):",
    "        print(name, column)",
    '    run_ddl(conn, "idx_leads_nested", "n")',
    "",
    "",
    "def given(conn, run_ddl):",
    '    run_ddl(conn, "idx_leads_param", "p")',
    "",
    "",
    "def imported(conn):",
    "    from audit import run_ddl",
    '    run_ddl(conn, "idx_leads_imported", "i")',
    "",
    "",
    "def declared(conn):",
    "    global run_ddl",
    '    run_ddl(conn, "idx_leads_global", "g")',
    "",
    "",
    "class Steps:",
    "    run_ddl = staticmethod(print)",
    "",
    "    def method(self, conn):",
    '        run_ddl(conn, "idx_leads_method", "m")',
    "",
    "",
    "def upgrade(conn):",
    '    run_ddl(conn, "idx_leads_a", "a")',
  );
  const inv = await analyze(toolkit, source);
  // A method does not see its class body's names: its call is the module's helper.
  assert.deepEqual(positions(inv), [
    ["idx_leads_global", 25, 5],
    ["idx_leads_method", 32, 9],
    ["idx_leads_a", 36, 5],
  ]);
  assert.deepEqual(dynamics(inv), []);
});

test("annotated names: `x: T = v` binds v, `x: T` alone binds nothing", async () => {
  const source = py(
    IMPORT,
    "from typing import Final",
    "",
    'TABLE: Final = "calls"',
    "",
    "",
    "def upgrade(conn):",
    '    sql: str = "CREATE INDEX idx_leads_a ON leads (a)"',
    "    conn.execute(text(sql))",
    '    conn.execute(text(f"CREATE INDEX idx_calls_b ON {TABLE} (b)"))',
    "    later: str",
    '    later = "CREATE INDEX idx_leads_c ON leads (c)"',
    "    conn.execute(text(later))",
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [
    ["idx_leads_a", 8, 17],
    ["idx_calls_b", 10, 25],
    ["idx_leads_c", 12, 14],
  ]);
  assert.deepEqual(dynamics(inv), []);
});
