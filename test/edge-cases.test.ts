/** Edge cases of reading names and strings that once went wrong. */
import assert from "node:assert/strict";
import { it } from "node:test";
import { createSqlParser, createToolkit, readStatements } from "../src/index.js";
import { analyze, dynamics, py } from "./helpers/analyze.js";

const toolkit = createToolkit();
const IMPORT = "from sqlalchemy import text";

it("an SQL comment between INDEX and the name is not the name", async () => {
  const sql = await createSqlParser();
  const names = (text: string) => readStatements(sql, text).statements.map((s) => (s.kind === "create-index" ? s.name : s.kind));
  assert.deepEqual(names("CREATE INDEX /* built off-peak */ CONCURRENTLY IF NOT EXISTS idx_a ON t (a)"), ["idx_a"]);
  assert.deepEqual(names("CREATE INDEX -- why\n  IF NOT EXISTS idx_b ON t (b)"), ["idx_b"]);
});

it("only ASCII letters are folded in an unquoted name, as PostgreSQL does in UTF-8", async () => {
  const sql = await createSqlParser();
  const [st] = readStatements(sql, "CREATE INDEX idx_FACTURACIÓN_Emisión ON facturas (emitida)").statements;
  assert.equal(st?.kind === "create-index" ? st.name : null, "idx_facturaciÓn_emisión");
});

it("an empty SQL string is no statement and no error", async () => {
  const sql = await createSqlParser();
  assert.deepEqual(readStatements(sql, ""), { statements: [], errors: [] });
  assert.deepEqual(readStatements(sql, "   \n"), { statements: [], errors: [] });
});

it("comments between implicitly concatenated fragments are skipped", async () => {
  const inv = await analyze(
    toolkit,
    py(IMPORT, "def up(conn):", "    conn.execute(text(", '        "CREATE INDEX IF NOT EXISTS idx_a "  # the lookup by a', '        "ON t (a)"', "    ))", '    conn.execute(text("DROP INDEX IF EXISTS "  # gone', '        "idx_a"))'),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective]),
    [["idx_a", false]],
  );
  assert.deepEqual(dynamics(inv), []);
});

it("a DROP INDEX or RENAME of a name known only at run time is dynamic, and drops nothing", async () => {
  const inv = await analyze(
    toolkit,
    py(
      IMPORT,
      "def up(conn, name):",
      '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))',
      '    conn.execute(text(f"DROP INDEX IF EXISTS {name}"))',
      '    conn.execute(text(f"ALTER INDEX idx_a RENAME TO {name}"))',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.effective, i.renamedTo]),
    [["idx_a", true, null]],
  );
  assert.deepEqual(dynamics(inv), [
    ["DROP INDEX IF EXISTS {name}", 4, 25],
    ["ALTER INDEX idx_a RENAME TO {name}", 5, 25],
  ]);
});

it("a registry entry without \"sql\" is reported by registry-entry-mismatch as a missing key, not as an unreadable dict", async () => {
  const inv = await analyze(toolkit, null, py("INDEX_DEFS = [", '    {"name": "idx_a", "table": "t"},', "]"));
  assert.deepEqual(inv.errors, []);
  assert.deepEqual(
    inv.registryEntries.map((e) => [e.name, e.keys, e.sqlReadable]),
    [["idx_a", ["name", "table"], false]],
  );
});

it("two spellings of one IN (…) predicate have the same definition", async () => {
  const sql = await createSqlParser();
  const def = (text: string) => {
    const [st] = readStatements(sql, text).statements;
    return st?.kind === "create-index" ? st.definition : null;
  };
  assert.equal(def("CREATE INDEX i ON calls (a) WHERE status IN ('a', 'b')"), def("create index concurrently if not exists i on calls(a)\n  where status in ('a','b')"));
});
