/**
 * How `fix --move` takes a statement out of a migration (src/fix/move/removal.ts),
 * one row per removal kind: the migration before, and after the command ran.
 * Refusals leave the file as it was and say why.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

const HEAD = `from sqlalchemy import text


def migrate_v1(conn):
    conn.execute(text("CREATE TABLE IF NOT EXISTS leads (id BIGSERIAL PRIMARY KEY, status TEXT, email TEXT)"))

`;
const REGISTRY = "INDEX_DEFS = []\n";
const IDX = "CREATE INDEX IF NOT EXISTS idx_leads_status ON leads (status)";
const UQ = "CREATE UNIQUE INDEX IF NOT EXISTS uq_leads_email ON leads (email)";
const REGISTRY_AFTER = `INDEX_DEFS = [
    {
        "name": "idx_leads_status",
        "table": "leads",
        "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status ON leads (status)",
        "critical": False,
        "description": "Lookup by status",
    },
]
`;
const MOVED = "# idx_leads_status: moved to server/db_indexes.py (INDEX_DEFS)";

async function moveIn(migration: string): Promise<{ code: number; after: string; err: string; registry: string }> {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-removal-"));
  temps.push(dir);
  mkdirSync(join(dir, "server"));
  writeFileSync(join(dir, "server/db_migrate.py"), HEAD + migration);
  writeFileSync(join(dir, "server/db_indexes.py"), REGISTRY);
  const io = fakeIo(dir);
  const code = await run(["fix", "--move"], io);
  return { code, err: io.err, after: readFileSync(join(dir, "server/db_migrate.py"), "utf8").slice(HEAD.length), registry: readFileSync(join(dir, "server/db_indexes.py"), "utf8") };
}

const MOVES: { kind: string; before: string; after: string }[] = [
  {
    kind: "call: the executor statement's lines, replaced by a note",
    before: `def migrate_v2(conn):\n    conn.execute(text("${IDX}"))\n    conn.execute(text("${UQ}"))\n`,
    after: `def migrate_v2(conn):\n    ${MOVED}\n    conn.execute(text("${UQ}"))\n`,
  },
  {
    kind: "call: the block's only statement leaves a pass",
    before: `def migrate_v2(conn):\n    conn.execute(text("${IDX}"))\n`,
    after: `def migrate_v2(conn):\n    ${MOVED}\n    pass\n`,
  },
  {
    kind: "call: a concatenated string over several lines goes whole",
    before: `def migrate_v2(conn):\n    conn.execute(\n        text(\n            "CREATE INDEX IF NOT EXISTS idx_leads_status "\n            "ON leads (status)"\n        )\n    )\n    conn.execute(text("${UQ}"))\n`,
    after: `def migrate_v2(conn):\n    ${MOVED}\n    conn.execute(text("${UQ}"))\n`,
  },
  {
    kind: "element: a list element on its own line",
    before: `def migrate_v2(conn):\n    for sql in [\n        "${IDX}",\n        "${UQ}",\n    ]:\n        conn.execute(text(sql))\n`,
    after: `def migrate_v2(conn):\n    for sql in [\n        ${MOVED}\n        "${UQ}",\n    ]:\n        conn.execute(text(sql))\n`,
  },
  {
    kind: "element: first in a one-line list, cut with its comma; the note goes above the statement",
    before: `def migrate_v2(conn):\n    for sql in ["${IDX}", "${UQ}"]:\n        conn.execute(text(sql))\n`,
    after: `def migrate_v2(conn):\n    ${MOVED}\n    for sql in ["${UQ}"]:\n        conn.execute(text(sql))\n`,
  },
  {
    kind: "element: last in a one-line list, cut with the comma before it",
    before: `def migrate_v2(conn):\n    for sql in ["${UQ}", "${IDX}"]:\n        conn.execute(text(sql))\n`,
    after: `def migrate_v2(conn):\n    ${MOVED}\n    for sql in ["${UQ}"]:\n        conn.execute(text(sql))\n`,
  },
  {
    kind: "sql: a statement on lines of its own in a multi-statement string, replaced by an SQL comment",
    before: `def migrate_v2(conn):\n    conn.execute(text("""\n        ${UQ};\n        ${IDX};\n    """))\n`,
    after: `def migrate_v2(conn):\n    conn.execute(text("""\n        ${UQ};\n        -- idx_leads_status: moved to server/db_indexes.py (INDEX_DEFS)\n    """))\n`,
  },
  {
    kind: "sql: a statement sharing its line, replaced by a block comment",
    before: `def migrate_v2(conn):\n    conn.execute(text("${IDX}; ${UQ};"))\n`,
    after: `def migrate_v2(conn):\n    conn.execute(text("/* idx_leads_status: moved to server/db_indexes.py (INDEX_DEFS) */ ${UQ};"))\n`,
  },
];

const REFUSALS: { kind: string; before: string; reason: string }[] = [
  {
    kind: "call sharing its line with other code",
    before: `def migrate_v2(conn):\n    conn.execute(text("${IDX}")); conn.execute(text("${UQ}"))\n`,
    reason: "its call shares a line with other code",
  },
  {
    kind: "one-line list sharing its line with other code",
    before: `def migrate_v2(conn):\n    n = 0; stmts = ["${IDX}", "${UQ}"]\n    for sql in stmts:\n        conn.execute(text(sql))\n`,
    reason: "its list shares a line with other code",
  },
  {
    kind: "SQL held in a dictionary",
    before: `def migrate_v2(conn):\n    ddl = {"status": "${IDX}"}\n    conn.execute(text(ddl["status"]))\n`,
    reason: "its SQL sits in a pair",
  },
  {
    // Read alone, the element would be on public.leads: the registry entry would build another index.
    kind: "an element of CREATE SCHEMA, whose unqualified table is the new schema's",
    before: `def migrate_v2(conn):\n    conn.execute(text("CREATE SCHEMA crm CREATE TABLE leads (id int, status text) ${IDX}"))\n`,
    reason: "its SQL could not be rewritten as CREATE INDEX CONCURRENTLY IF NOT EXISTS",
  },
];

describe("fix --move removes a statement from a migration", () => {
  for (const c of MOVES) {
    it(c.kind, async () => {
      const r = await moveIn(c.before);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.after, c.after);
      assert.equal(r.registry, REGISTRY_AFTER);
      assert.match(r.err, /moved 1 index to server\/db_indexes\.py/);
    });
  }

  for (const c of REFUSALS) {
    it(`leaves it in place: ${c.kind}`, async () => {
      const r = await moveIn(c.before);
      assert.equal(r.code, 0, r.err);
      assert.equal(r.after, c.before);
      assert.equal(r.registry, REGISTRY);
      assert.ok(r.err.includes(`idx_leads_status: ${c.reason}`), r.err);
    });
  }
});
