/**
 * Positions, table-driven: the line and column (1-based, in characters) of
 * the CREATE keyword in the .py file, mapped back through escapes, implicit
 * concatenation, triple quotes, formatting, CRLF, a BOM and non-ASCII text.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createToolkit } from "../src/index.js";
import { analyze, dynamics, positions, problems, py } from "./helpers/analyze.js";

const toolkit = createToolkit();

const IMPORT = "from sqlalchemy import text";

type At = [name: string, line: number, column: number];

interface Case {
  name: string;
  source: string;
  indexes: At[];
}

const crlf = (s: string): string => s.replace(/\n/g, "\r\n");
const BOM = "\uFEFF";

/** Escapes, implicit concatenation, triple quotes and several statements in one file. */
const MIXED = py(
  IMPORT,
  "",
  "",
  "def upgrade(conn):",
  String.raw`    conn.execute(text("\t\tCREATE INDEX idx_tabs ON leads (a)"))`,
  "    conn.execute(text(",
  '        "-- owner lookups\\n"',
  '        "CREATE INDEX idx_second_piece ON leads (owner_id)"',
  "    ))",
  '    conn.execute(text("""',
  "        -- Inbox ordering",
  "        CREATE INDEX idx_inbox ON messages (inbox_id, created_at DESC);",
  "        CREATE INDEX idx_inbox_unread ON messages (inbox_id) WHERE read_at IS NULL",
  '    """))',
);
const MIXED_AT: At[] = [
  ["idx_tabs", 5, 28],
  ["idx_second_piece", 8, 10],
  ["idx_inbox", 12, 9],
  ["idx_inbox_unread", 13, 9],
];

const CASES: Case[] = [
  {
    name: "\\t\\t escapes before CREATE on the same line",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text("\t\tCREATE INDEX idx_tabs ON leads (a)"))`),
    indexes: [["idx_tabs", 5, 28]],
  },
  {
    name: "\\x20 escapes before CREATE",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text("\x20\x20CREATE INDEX idx_hex ON leads (a)"))`),
    indexes: [["idx_hex", 5, 32]],
  },
  {
    name: "the C of CREATE written as \\x43: the escape's backslash",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text("\x43REATE INDEX idx_hex_c ON leads (a)"))`),
    indexes: [["idx_hex_c", 5, 24]],
  },
  {
    name: "\\u0020 escape before CREATE",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text("\u0020CREATE INDEX idx_u ON leads (a)"))`),
    indexes: [["idx_u", 5, 30]],
  },
  {
    name: "\\N{SPACE} named escape before CREATE",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text("\N{SPACE}CREATE INDEX idx_named ON leads (b)"))`),
    indexes: [["idx_named", 5, 33]],
  },
  {
    name: "second statement after ;\\n\\t escapes on the same source line",
    source: py(IMPORT, "", "", "def upgrade(conn):", String.raw`    conn.execute(text("CREATE INDEX idx_one ON leads (a);\n\tCREATE INDEX idx_two ON leads (b)"))`),
    indexes: [
      ["idx_one", 5, 24],
      ["idx_two", 5, 62],
    ],
  },
  {
    name: "implicit concatenation, CREATE in the second piece on the same line",
    source: py(IMPORT, "", "", "def upgrade(conn):", `    conn.execute(text("SET lock_timeout = '5s'; " "CREATE INDEX idx_second_piece ON leads (a)"))`),
    indexes: [["idx_second_piece", 5, 52]],
  },
  {
    name: "implicit concatenation, CREATE in the second piece on the next line",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    conn.execute(text(",
      '        "-- owner lookups\\n"',
      '        "CREATE INDEX idx_second_piece ON leads (owner_id)"',
      "    ))",
    ),
    indexes: [["idx_second_piece", 7, 10]],
  },
  {
    name: "triple quotes with CREATE on the 3rd line of the string",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text("""',
      "        -- Inbox ordering",
      "        CREATE INDEX idx_inbox ON messages (inbox_id, created_at DESC)",
      '    """))',
    ),
    indexes: [["idx_inbox", 7, 9]],
  },
  {
    name: "f-string with {{ }} escapes before CREATE",
    source: py(IMPORT, "", 'T = "leads"', "", "", "def upgrade(conn):", '    conn.execute(text(f"/* {{x}} */ CREATE INDEX idx_{T}_x ON {T} (x)"))'),
    indexes: [["idx_leads_x", 7, 37]],
  },
  {
    name: "% substitution before CREATE on the same line",
    source: py(IMPORT, "", "", "def upgrade(conn):", `    conn.execute(text("%s; CREATE INDEX idx_after ON leads (a)" % "SET lock_timeout = '1s'"))`),
    indexes: [["idx_after", 5, 28]],
  },
  {
    name: "textwrap.dedent keeps the original positions",
    source: py(
      "import textwrap",
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    conn.execute(text(textwrap.dedent('''",
      "        CREATE INDEX idx_dedent ON leads (a);",
      "            CREATE INDEX idx_dedent_b ON leads (b)",
      "    ''')))",
    ),
    indexes: [
      ["idx_dedent", 7, 9],
      ["idx_dedent_b", 8, 13],
    ],
  },
  {
    name: "CREATE inside the argument of % and .format(): at the argument literal",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text("%s" % "CREATE INDEX idx_pct_arg ON leads (a)"))',
      '    conn.execute(text("{}; {}".format("SET lock_timeout = 0", "CREATE INDEX idx_fmt_arg ON leads (b)")))',
    ),
    indexes: [
      ["idx_pct_arg", 5, 31],
      ["idx_fmt_arg", 6, 64],
    ],
  },
  {
    name: "module constant interpolated into an f-string: at the constant's literal",
    source: py(IMPORT, "", 'LEADS_STATUS = "CREATE INDEX idx_const ON leads (status)"', "", "", "def upgrade(conn):", '    conn.execute(text(f"{LEADS_STATUS}"))'),
    indexes: [["idx_const", 3, 17]],
  },
  {
    name: "loop over a module-level tuple of tables",
    source: py(
      IMPORT,
      "",
      'TENANT_TABLES = ("leads", "deals", "calls")',
      "",
      "",
      "def upgrade(conn):",
      "    for table in TENANT_TABLES:",
      "        conn.execute(text(",
      '            f"CREATE INDEX IF NOT EXISTS idx_{table}_tenant "',
      '            f"ON {table} (tenant_id)"',
      "        ))",
    ),
    indexes: [
      ["idx_calls_tenant", 9, 15],
      ["idx_deals_tenant", 9, 15],
      ["idx_leads_tenant", 9, 15],
    ],
  },
  { name: "mixed file with LF", source: MIXED, indexes: MIXED_AT },
  { name: "mixed file with CRLF: same lines and columns", source: crlf(MIXED), indexes: MIXED_AT },
  { name: "mixed file with a UTF-8 BOM: no shift", source: BOM + MIXED, indexes: MIXED_AT },
  { name: "mixed file with a BOM and CRLF", source: BOM + crlf(MIXED), indexes: MIXED_AT },
  {
    name: "BOM with CREATE on line 1",
    source: BOM + py('op.execute("CREATE INDEX idx_bom ON leads (a)")'),
    indexes: [["idx_bom", 1, 13]],
  },
  {
    name: "Hebrew and emoji earlier on the same line: columns in characters, emoji = 1",
    source: py(
      "import logging",
      IMPORT,
      "",
      "logger = logging.getLogger(__name__)",
      "",
      "",
      "def upgrade(conn):",
      '    logger.info("שלום 🚀"); conn.execute(text("CREATE INDEX idx_heb ON leads (a)"))',
    ),
    indexes: [["idx_heb", 8, 47]],
  },
  {
    name: "non-ASCII inside the SQL before a second statement",
    source: py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      "    # מיגרציה 🚀 של אינדקסים",
      '    conn.execute(text("""',
      "        CREATE INDEX idx_first ON leads (a); -- ✓ ראשון",
      "        -- הערה: אינדקס שני 🚀",
      "        CREATE INDEX idx_second ON leads (b);",
      "        /* שלישי 🎯 */ CREATE INDEX idx_third ON leads (c)",
      '    """))',
    ),
    indexes: [
      ["idx_first", 7, 9],
      ["idx_second", 9, 9],
      ["idx_third", 10, 23],
    ],
  },
];

for (const c of CASES) {
  test(`position: ${c.name}`, async () => {
    const inv = await analyze(toolkit, c.source);
    assert.deepEqual(positions(inv), c.indexes);
    assert.deepEqual(dynamics(inv), []);
    assert.deepEqual(problems(inv), []);
  });
}

test("position: the -- comment in Hebrew is the purpose of the statement below it", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("""',
    "        CREATE INDEX idx_first ON leads (a);",
    "        -- הערה: אינדקס שני 🚀",
    "        CREATE INDEX idx_second ON leads (b)",
    '    """))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column, i.context.comment]),
    [
      ["idx_first", 6, 9, null],
      ["idx_second", 8, 9, "הערה: אינדקס שני 🚀"],
    ],
  );
});

test("position: end of the statement (endLine/endColumn) through a BOM and CRLF", async () => {
  const source = BOM + crlf(py(IMPORT, "", "", "def upgrade(conn):", '    conn.execute(text("""', "        CREATE INDEX idx_span", "            ON leads (a)", '    """))'));
  const inv = await analyze(toolkit, source);
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.location.column, i.location.endLine, i.location.endColumn]),
    [["idx_span", 6, 9, 7, 25]],
  );
});

test("position: a Python syntax error after the index still extracts it", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE INDEX idx_survives ON leads (a)"))',
    "",
    "",
    "def broken(conn:",
    "    pass",
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [["idx_survives", 5, 24]]);
  assert.deepEqual(
    inv.errors.map((e) => [e.kind, e.line]),
    [["python-syntax", 8]],
  );
  assert.deepEqual(
    inv.files.map((f) => [f.path, f.origin, f.syntaxErrors]),
    [["server/db_migrate.py", "migration", 1]],
  );
});

test("position: a Python syntax error before the index does not shift it", async () => {
  const source = py(
    IMPORT,
    "",
    "",
    "def setup(conn)",
    "    pass",
    "",
    "",
    "def upgrade(conn):",
    '    conn.execute(text("CREATE INDEX idx_after_error ON leads (a)"))',
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [["idx_after_error", 9, 24]]);
  assert.deepEqual(
    inv.errors.map((e) => e.kind),
    ["python-syntax"],
  );
  assert.equal(inv.errors[0]?.line, 4);
});

test("position: invalid SQL is reported at the mapped line and column through CRLF and non-ASCII", async () => {
  const source = crlf(
    py(
      IMPORT,
      "",
      "",
      "def upgrade(conn):",
      '    conn.execute(text("CREATE INDEX idx_ok ON leads (a)"))',
      '    conn.execute(text("""',
      "        -- אינדקס 🚀",
      "        🚀 ON leads (a)",
      '    """))',
    ),
  );
  const inv = await analyze(toolkit, source);
  assert.deepEqual(positions(inv), [["idx_ok", 5, 24]]);
  assert.deepEqual(
    inv.errors.map((e) => [e.kind, e.line, e.column]),
    [["invalid-sql", 8, 9]],
  );
});
