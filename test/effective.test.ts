import assert from "node:assert/strict";
import { it } from "node:test";
import { createToolkit } from "../src/index.js";
import { analyze, py } from "./helpers/analyze.js";

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
