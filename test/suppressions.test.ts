import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { RULES } from "../rules/index.js";
import { createToolkit } from "../src/index.js";
import { runRules } from "../src/engine/run-rules.js";
import type { AnyRule } from "../src/engine/rule.js";
import { analyze, py } from "./helpers/analyze.js";

const toolkit = createToolkit();
const IMPORT = "from sqlalchemy import text";

/** Rule and line of every diagnostic, with the count of suppressed ones. */
async function diagnose(source: string, registry: string | null = "INDEX_DEFS = []\n") {
  const inventory = await analyze(toolkit, source, registry);
  const result = runRules({ inventory, base: null, layout: { migrations: ["server/db_migrate.py"], registry: "server/db_indexes.py", registryVariable: "INDEX_DEFS" }, rules: RULES, settings: new Map() });
  return { found: result.diagnostics.map((d) => `${d.line} ${d.rule}${d.rule === "unused-suppression" ? `: ${d.message}` : ""}`), suppressed: result.suppressed };
}

describe("suppression comments", () => {
  it("on the statement's line", async () => {
    const r = await diagnose(py(IMPORT, "def up(conn):", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))  # index-audit: ignore[performance-index-in-migration]'));
    assert.deepEqual(r, { found: [], suppressed: 1 });
  });

  it("on the line above, naming several rules", async () => {
    const r = await diagnose(py(IMPORT, "def up(conn):", "    # index-audit: ignore[performance-index-in-migration, non-idempotent-migration-index]", '    conn.execute(text("CREATE INDEX idx_a ON t (a)"))'));
    assert.deepEqual(r, { found: [], suppressed: 2 });
  });

  it("above the call of a triple-quoted statement whose CREATE is lines below", async () => {
    const r = await diagnose(
      py(IMPORT, "def up(conn):", "    # index-audit: ignore[performance-index-in-migration]", '    conn.execute(text("""', "        SET lock_timeout = '5s';", "        CREATE INDEX IF NOT EXISTS idx_a ON t (a);", '    """))'),
    );
    assert.deepEqual(r, { found: [], suppressed: 1 });
  });

  it("as a SQL comment inside the statement", async () => {
    const r = await diagnose(py(IMPORT, "def up(conn):", '    conn.execute(text("""', "        -- index-audit: ignore[performance-index-in-migration]", "        CREATE INDEX IF NOT EXISTS idx_a ON t (a);", '    """))'));
    assert.deepEqual(r, { found: [], suppressed: 1 });
  });

  it("two lines above does not apply, and is itself reported as unused", async () => {
    const r = await diagnose(py(IMPORT, "def up(conn):", "    # index-audit: ignore[performance-index-in-migration]", "", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))'));
    assert.deepEqual(r.found, ["3 unused-suppression: Suppression of performance-index-in-migration suppresses nothing", "5 performance-index-in-migration"]);
  });

  it("ignore-file applies anywhere in the file, only to the rules it names", async () => {
    const r = await diagnose(
      py(IMPORT, "# index-audit: ignore-file[non-idempotent-migration-index]", "def up(conn):", '    conn.execute(text("CREATE INDEX idx_a ON t (a)"))', '    conn.execute(text("CREATE INDEX idx_b ON t (b)"))'),
    );
    assert.deepEqual(r, { found: ["4 performance-index-in-migration", "5 performance-index-in-migration"], suppressed: 2 });
  });

  it("a bare ignore silences every rule on its statement", async () => {
    const r = await diagnose(py(IMPORT, "def up(conn):", '    conn.execute(text("CREATE INDEX idx_a ON t (a)"))  # index-audit: ignore'));
    assert.deepEqual(r, { found: [], suppressed: 2 });
  });

  it("unknown rule ids and suppressions that silence nothing are reported", async () => {
    const r = await diagnose(
      py(IMPORT, "def up(conn):", "    # index-audit: ignore[performance-index-in-migrations]", '    conn.execute(text("CREATE UNIQUE INDEX IF NOT EXISTS uq_a ON t (a)"))', "    # index-audit: ignore", "    pass"),
    );
    assert.deepEqual(r.found, ["3 unused-suppression: Suppression names unknown rule performance-index-in-migrations", "5 unused-suppression: Suppression comment suppresses nothing"]);
  });

  it("the classification pragma is not a suppression", async () => {
    const r = await diagnose(py(IMPORT, "def up(conn):", "    # index-audit: functional — the nightly dedupe job relies on it", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))'));
    assert.deepEqual(r, { found: [], suppressed: 0 });
  });

  it("a trailing comment covers its own line only, not the statement below", async () => {
    const r = await diagnose(
      py(IMPORT, "def up(conn):", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))  # index-audit: ignore[performance-index-in-migration]', '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_b ON t (b)"))'),
    );
    assert.deepEqual(r, { found: ["4 performance-index-in-migration"], suppressed: 1 });
  });

  it("the nearest matching comment takes the credit; a farther one is unused", async () => {
    const r = await diagnose(
      py(IMPORT, "def up(conn):", "    # index-audit: ignore-file[performance-index-in-migration]", "    # index-audit: ignore[performance-index-in-migration]", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))'),
    );
    assert.deepEqual(r.found, ["3 unused-suppression: Suppression of performance-index-in-migration suppresses nothing"]);
  });

  it("a string that holds a directive is data: it silences nothing and is not reported", async () => {
    const r = await diagnose(
      py(
        IMPORT,
        'HELP = "Add # index-audit: ignore-file[performance-index-in-migration] to silence the audit"',
        'NOTE = """',
        "# index-audit: ignore[performance-index-in-migration]",
        '"""',
        "def up(conn):",
        '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"))  # see HELP',
        '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_b ON t (b) -- index-audit: ignore[performance-index-in-migration]"))',
      ),
    );
    // The `--` directive is a SQL comment inside the statement, so it counts; the `#` ones in strings do not.
    assert.deepEqual(r, { found: ["7 performance-index-in-migration"], suppressed: 1 });
  });

  it("a classification pragma inside a string is data too", async () => {
    const inventory = await analyze(
      toolkit,
      py(IMPORT, "def up(conn):", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_a ON t (a)"), {"note": "# index-audit: functional"})', "    # index-audit: functional — the nightly job needs it", '    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_b ON t (b)"))'),
    );
    assert.deepEqual(
      inventory.indexes.map((i) => [i.name, i.classification]),
      [
        ["idx_a", "performance"],
        ["idx_b", "functional"],
      ],
    );
  });
});

describe("messages", () => {
  it("each {placeholder} is replaced by its data, repeated ones too; one without data stays as written", async () => {
    const inventory = await analyze(toolkit, py(IMPORT, "def up(conn):", '    conn.execute(text("CREATE INDEX idx_a ON t (a)"))'), null);
    const rule: AnyRule = {
      id: "message-probe",
      meta: {
        type: "suggestion",
        description: "Reports every index, to show how messages are written.",
        docs: { url: "" },
        defaultSeverity: "warn",
        fixable: false,
        hasSuggestions: false,
        optionsSchema: {},
        defaultOptions: {},
        messages: { all: "{name} on {table}: {name} again, {missing} kept, {} and {a-b} are no placeholders, {count}/{count}" },
      },
      check: ({ inventory: inv }) => inv.indexes.map((d) => ({ messageId: "all", data: { name: d.name, table: d.table, count: 0 }, help: "", location: d.location, index: d.name })),
    };
    const result = runRules({ inventory, base: null, layout: { migrations: ["server/db_migrate.py"], registry: null, registryVariable: "INDEX_DEFS" }, rules: [rule], settings: new Map() });
    assert.deepEqual(
      result.diagnostics.map((d) => d.message),
      ["idx_a on t: idx_a again, {missing} kept, {} and {a-b} are no placeholders, 0/0"],
    );
  });
});
