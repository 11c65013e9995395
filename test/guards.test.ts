/**
 * Guards are read from the syntax tree as data: which tests the condition
 * makes, about what, and which outcome lets the statement run.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createToolkit } from "../src/index.js";
import { isExistenceGuard } from "../src/model/guards.js";
import { analyze, py } from "./helpers/analyze.js";

const toolkit = createToolkit();
const FUNCTIONS = ["index_exists", "index_missing"];

test("guards: direction, subjects and the conditions around a statement, innermost first", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def upgrade(conn, existing):",
      '    if index_exists(conn, "idx_a"):',
      '        conn.execute("CREATE INDEX idx_a ON t (a)")',
      '    if "idx_b" not in existing:',
      "        if DEBUG:",
      '            conn.execute("CREATE INDEX idx_b ON t (b)")',
      '    if index_exists(conn, "idx_c"):',
      "        pass",
      "    else:",
      '        conn.execute("CREATE INDEX idx_c ON t (c)")',
      '    if index_missing(conn, "idx_d") or FORCE:',
      '        conn.execute("CREATE INDEX idx_d ON t (d)")',
      '    if index_exists(conn, "idx_e"):',
      "        return",
      '    conn.execute("CREATE INDEX idx_e ON t (e)")',
    ),
  );
  const view = inv.indexes.map((i) => [
    i.name,
    i.context.guard,
    i.context.guards.map((g) => [g.condition, g.runsWhen, g.tests.map((t) => [t.kind, t.callee, t.literals, t.names, t.requires])]),
    isExistenceGuard(i.context.guards, i.name, FUNCTIONS),
  ]);
  assert.deepEqual(view, [
    ["idx_a", 'index_exists(conn, "idx_a")', [['index_exists(conn, "idx_a")', true, [["call", "index_exists", ["idx_a"], ["conn"], true]]]], false],
    [
      "idx_b",
      "DEBUG",
      [
        ["DEBUG", true, []],
        ['"idx_b" not in existing', true, [["membership", null, ["idx_b"], [], false]]],
      ],
      true,
    ],
    ["idx_c", 'not (index_exists(conn, "idx_c"))', [['index_exists(conn, "idx_c")', false, [["call", "index_exists", ["idx_c"], ["conn"], false]]]], true],
    ["idx_d", 'index_missing(conn, "idx_d") or FORCE', [['index_missing(conn, "idx_d") or FORCE', true, [["call", "index_missing", ["idx_d"], ["conn"], null]]]], false],
    ["idx_e", 'not (index_exists(conn, "idx_e"))', [['index_exists(conn, "idx_e")', false, [["call", "index_exists", ["idx_e"], ["conn"], false]]]], true],
  ]);
});

test("a guard inside a helper counts at every call site; a guard about another index does not", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def create(conn, name, sql):",
      "    if index_exists(conn, name):",
      "        return",
      "    conn.execute(sql)",
      "",
      "",
      "def upgrade(conn):",
      '    create(conn, "idx_a", "CREATE INDEX idx_a ON t (a)")',
      '    if not index_exists(conn, "idx_other"):',
      '        conn.execute("CREATE INDEX idx_b ON t (b)")',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.context.guard, isExistenceGuard(i.context.guards, i.name, FUNCTIONS)]),
    [
      ["idx_a", 8, "not (index_exists(conn, name))", true],
      ["idx_b", 10, 'not index_exists(conn, "idx_other")', false],
    ],
  );
});

test("an elif or else runs only when every condition before it was false", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def upgrade(conn, mode):",
      '    if index_exists(conn, "idx_a"):',
      "        pass",
      '    elif mode == "fast":',
      '        conn.execute("CREATE INDEX idx_a ON t (a)")',
      '    if mode == "skip":',
      "        pass",
      '    elif index_exists(conn, "idx_b"):',
      "        pass",
      "    else:",
      '        conn.execute("CREATE INDEX idx_b ON t (b)")',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.context.guards.map((g) => [g.condition, g.runsWhen]), isExistenceGuard(i.context.guards, i.name, FUNCTIONS)]),
    [
      [
        "idx_a",
        [
          ['mode == "fast"', true],
          ['index_exists(conn, "idx_a")', false],
        ],
        true,
      ],
      [
        "idx_b",
        [
          ['index_exists(conn, "idx_b")', false],
          ['mode == "skip"', false],
        ],
        true,
      ],
    ],
  );
});

test("an early exit is an if without elif or else whose body ends (comments aside) in return, raise, continue or break", async () => {
  const inv = await analyze(
    toolkit,
    py(
      "def upgrade(conn, names):",
      '    if index_exists(conn, "idx_x"):',
      "        return",
      "    else:",
      "        pass",
      "    if FAST:",
      "        return",
      "    elif SLOW:",
      "        pass",
      "    if DEBUG:",
      "        log()",
      '    if index_exists(conn, "idx_a"):',
      "        log()",
      '        raise Skip("idx_a")',
      "        # raised above: what follows runs only without it",
      "    for name in names:",
      "        if name == SKIPPED:",
      "            continue",
      "        if name == LAST:",
      "            # done",
      "            break",
      "        if name == OTHER:",
      "            return",
      "            log()",
      '        conn.execute("CREATE INDEX idx_b ON t (b)")',
      '    conn.execute("CREATE INDEX idx_a ON t (a)")',
    ),
  );
  assert.deepEqual(
    inv.indexes.map((i) => [i.name, i.location.line, i.context.guards.map((g) => [g.condition, g.runsWhen])]),
    [
      [
        "idx_b",
        25,
        [
          ["name == LAST", false],
          ["name == SKIPPED", false],
          ['index_exists(conn, "idx_a")', false],
        ],
      ],
      ["idx_a", 26, [['index_exists(conn, "idx_a")', false]]],
    ],
  );
});
