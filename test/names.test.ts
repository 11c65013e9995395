import assert from "node:assert/strict";
import { it } from "node:test";
import { createSqlParser, createToolkit, readStatements } from "../src/index.js";
import { chooseIndexName, nameStem } from "../src/sql/names.js";
import { analyze, py } from "./helpers/analyze.js";

const toolkit = createToolkit();

it("unnamed indexes get PostgreSQL's names: idx even when UNIQUE, the function of an expression", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def up(conn):",
      '    conn.execute("CREATE INDEX ON leads (business_id, status)")',
      '    conn.execute("CREATE UNIQUE INDEX ON users (email)")',
      '    conn.execute("CREATE INDEX ON users (lower(email))")',
      '    conn.execute("CREATE INDEX ON users ((a + b))")',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.nameGenerated]),
    [
      ["leads_business_id_status_idx", true],
      ["users_email_idx", true],
      ["users_lower_idx", true],
      ["users_expr_idx", true],
    ],
  );
});

it("INCLUDE columns are part of the name PostgreSQL gives an unnamed index or UNIQUE, folded or unquoted", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def up(conn):",
      "    conn.execute('CREATE INDEX ON u (a) INCLUDE (b, \"C\")')",
      '    conn.execute("CREATE UNIQUE INDEX ON u (lower(b)) INCLUDE (Total)")',
      '    conn.execute("ALTER TABLE u ADD UNIQUE (b) INCLUDE (a)")',
      '    conn.execute("CREATE TABLE v (a int, b int, UNIQUE (a) INCLUDE (b))")',
    ),
  );
  assert.deepEqual(inv.indexes.map((i) => i.name), ["u_a_b_C_idx", "u_lower_total_idx"]);
  assert.deepEqual(inv.constraints.map((c) => c.name), ["u_b_a_key", "v_a_b_key"]);
});

it("constraint names: _key, _pkey, and every column of an exclusion constraint", async () => {
  const sql = await createSqlParser();
  const names = readStatements(sql, "CREATE TABLE rooms (id int PRIMARY KEY, code text UNIQUE, during tstzrange, room int, EXCLUDE USING gist (room WITH =, during WITH &&))").statements.map((s) => (s.kind === "constraint" ? s.name : s.kind));
  assert.deepEqual(names, ["create-table", "rooms_pkey", "rooms_code_key", "rooms_room_during_excl"]);
});

it("long generated names are cut to 63 bytes, table and columns shortened evenly", () => {
  const name = chooseIndexName("a".repeat(40), ["b".repeat(40)], "idx");
  assert.equal(name, `${"a".repeat(29)}_${"b".repeat(29)}_idx`);
  assert.equal(Buffer.byteLength(name), 63);
  assert.equal(chooseIndexName("webhook_deliveries", ["business_id", "status", "next_retry_at", "attempt_count"], "idx"), "webhook_deliveries_business_id_status_next_retry_at_attempt_idx");
  // Never cut inside a character.
  assert.equal(chooseIndexName("é".repeat(40), ["x"], "key"), `${"é".repeat(28)}_x_key`);
});

it("a rename to a name over 63 bytes keeps the whole name, so identifier-too-long sees it", async () => {
  const long = "idx_webhook_deliveries_business_id_status_next_retry_at_pending_only";
  const inv = await analyze(
    toolkit,
    py("def up(conn):", '    conn.execute("CREATE INDEX IF NOT EXISTS idx_wd ON webhook_deliveries (business_id)")', `    conn.execute("ALTER INDEX idx_wd RENAME TO ${long.toUpperCase()}")`),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.renamedTo]),
    [["idx_wd", long]],
  );
});

it("a column name an earlier column of the index has gets 1, 2, … appended, cut so it stays within 63 bytes (ChooseIndexColumnNames)", () => {
  assert.equal(nameStem("t", ["lower", "lower", "lower1", "expr"], "idx").addition, "lower_lower1_lower11_expr");
  const long = "c".repeat(63);
  assert.equal(nameStem("t", [long, long], "idx").addition, `${long}_${"c".repeat(62)}1`);
  assert.equal(nameStem("t", ["a", "a"], "pkey").addition, null);
});
