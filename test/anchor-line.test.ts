import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { anchorLine } from "../src/python/context.js";
import { DEFAULT_EXECUTORS, DEFAULT_WRAPPERS, extractSql } from "../src/python/extract.js";
import { createPythonParser, parsePython } from "../src/python/parser.js";
import { analyzeModule, type ModuleInfo } from "../src/python/scope.js";
import { createSourceText, type SourceText } from "../src/source/text.js";

const parser = createPythonParser();

interface Read {
  source: SourceText;
  info: ModuleInfo;
}

/** A module parsed and analyzed, its strings read as string finding reads them (which fills the parent cache). */
function read(text: string): Read {
  const source = createSourceText("m.py", text);
  const info = analyzeModule(parsePython(parser, text).rootNode, text);
  extractSql(info, { executors: DEFAULT_EXECUTORS, wrappers: DEFAULT_WRAPPERS });
  return { source, info };
}

/** The anchor line of the CREATE at the `nth` occurrence of `at`, climbing from the string that holds it. */
function anchorAt({ source, info }: Read, at: string, nth = 0, statementStart = 0): number {
  let index = -1;
  for (let k = 0; k <= nth; k++) index = source.text.indexOf(at, index + 1);
  assert.ok(index >= 0, `${at} not in the source`);
  return anchorLine(source, info.root, index, statementStart, info);
}

const REGISTRY = [
  "INDEXES = [",
  "    {",
  '        "name": "idx_a",',
  '        "sql": "CREATE INDEX idx_a ON t (a)",',
  "    },",
  '    "CREATE INDEX idx_b ON t (b)",',
  '    ("x", "CREATE INDEX idx_c ON t (c)"),',
  '    {"sql": "CREATE INDEX idx_d ON t (d)" "  WHERE d > 0"},',
  "]",
  "",
  "def migrate(conn, table):",
  '    conn.execute(text("CREATE INDEX idx_e ON t (e)"))',
  '    conn.execute(f"CREATE INDEX idx_{table} ON {table} ({[c for c in (\'a\', \'b\')][0]})")',
  '    SQL = f"{\'CREATE INDEX idx_g ON t (g)\'}"',
  '    for stmt in {"CREATE INDEX idx_h ON t (h)"}:',
  "        conn.execute(stmt)",
  "",
].join("\n");

describe("anchorLine", () => {
  it("a dict value anchors at its pair; a list, tuple or set element at itself", () => {
    const r = read(REGISTRY);
    assert.equal(anchorAt(r, "CREATE INDEX idx_a"), 4);
    assert.equal(anchorAt(r, "CREATE INDEX idx_b"), 6);
    assert.equal(anchorAt(r, "CREATE INDEX idx_c"), 7);
    assert.equal(anchorAt(r, "CREATE INDEX idx_d"), 8);
    assert.equal(anchorAt(r, "CREATE INDEX idx_h"), 15);
  });

  it("SQL run by a statement anchors at the statement start it is given (or the CREATE, when that comes first)", () => {
    const r = read(REGISTRY);
    const statement = REGISTRY.indexOf("    conn.execute(text(");
    assert.equal(anchorAt(r, "CREATE INDEX idx_e", 0, statement), 12);
    assert.equal(anchorAt(r, "CREATE INDEX idx_g", 0, REGISTRY.length), 14);
  });

  it("gives, at every index of a module, the line the walk down from the root gives", () => {
    const sources = [
      REGISTRY,
      // Unterminated strings, a broken dict and a placeholder holding a list: syntax errors inside and around strings.
      'X = ["CREATE INDEX a ON t (a)", {"sql": "CREATE INDEX b ON t (b)", \n"y": f"{[1, 2]}\nZ = "CREATE INDEX c',
      'def f():\n    return [\n        """\n        CREATE INDEX d ON t (d)\n        """,\n        rb"CREATE INDEX e",  # comment\n        ("CREATE" "INDEX"),\n    ]\n',
    ];
    for (const text of sources) {
      const r = read(text);
      // No string known: the walk starts at the root.
      const fromRoot = { ...r.info, strings: [], stringStarts: [] };
      for (let i = 0; i < text.length; i++) {
        const statementStart = text.lastIndexOf("\n", i) + 1;
        assert.equal(anchorLine(r.source, r.info.root, i, statementStart, r.info), anchorLine(r.source, r.info.root, i, statementStart, fromRoot), `at ${i} of ${JSON.stringify(text.slice(0, 20))}`);
      }
    }
  });
});
