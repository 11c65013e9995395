/**
 * The lean parse leaves runs of comment lines out of tree-sitter's input. It
 * must give the same tree as a full parse, comments aside: checked on
 * hand-written cases, on every Python fixture of the repository and on a few
 * thousand files with comment runs dropped in at random places and depths
 * (seeded, so a failure replays). Directives in a left-out run still count.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPythonParser, parsePython, parsePythonLean, syntaxProblems } from "../src/python/parser.js";
import { scanLayout } from "../src/python/indentation-scan.js";
import { analyzeModule } from "../src/python/scope.js";
import { directiveSites } from "../src/python/directives.js";
import { readSuppressions } from "../src/python/suppressions.js";
import { createSourceText } from "../src/source/text.js";
import { makeRng } from "./helpers/fuzz.js";
import { firstDifference, nodesWithoutComments } from "./helpers/lean-parse.js";
import { ROOT } from "./helpers/paths.js";
import { pythonFiles } from "./helpers/python-files.js";

const parser = createPythonParser();

/** Lean and full parse agree (comments aside); the number of runs left out. */
function agree(text: string, label: string): number {
  const full = parsePython(parser, text);
  const lean = parsePythonLean(parser, text);
  const diff = firstDifference(nodesWithoutComments(full), nodesWithoutComments(lean.tree));
  assert.equal(diff, null, `${label}: ${diff ?? ""}\n${JSON.stringify(text)}`);
  // The same syntax problems, with the layout scan handed over or not.
  assert.deepEqual(syntaxProblems(lean.tree.rootNode, text, 100, lean.layout), syntaxProblems(full.rootNode, text, 100), label);
  // What is left out is whole lines of comments and blanks, and no comment node of the tree lies there.
  for (const r of lean.commentRuns) {
    const lines = text.slice(r.start, r.end).split("\n").slice(0, -1);
    assert.ok(lines.length > 0 && lines.every((l) => /^\s*(#.*)?\r?$/.test(l)), `${label}: run ${r.start}-${r.end} is not comment lines`);
    assert.equal(text[r.end - 1], "\n", label);
    assert.ok(r.start === 0 || text[r.start - 1] === "\n", label);
  }
  const comments = lean.tree.rootNode.descendantsOfType("comment");
  for (const c of comments) assert.ok(!lean.commentRuns.some((r) => r.start <= c.startIndex && c.startIndex < r.end), `${label}: a comment at ${c.startIndex} is both in the tree and left out`);
  return lean.commentRuns.length;
}

test("lean parse: which comment runs are left out, and the tree stays the same", () => {
  const block = "    # one\n    # two\n    # three\n";
  const cases: [string, number][] = [
    // Between two statements of one block, at any depth of comment.
    [`def f():\n    a = 1\n${block}    b = 2\n`, 1],
    ["def f():\n    a = 1\n# at the margin\n        # deeper\n    b = 2\n", 1],
    // Before a dedent: only when the first comment line sits no deeper than the line after it.
    ["def f():\n    return 1\n\n\n# section\n# notes\n\n\ndef g():\n    pass\n", 1],
    ["class C:\n    def f(self):\n        return 1\n    # about g, at the class's level\ndef g():\n    pass\n", 0],
    ["class C:\n    def f(self):\n        return 1\n    # about g, at the class's level\n    def g(self):\n        pass\n", 1],
    [`def f():\n    if x:\n        a = 1\n${block}    b = 2\n`, 1],
    // After a block's header, before a clause, before the first statement or after the last: left in.
    [`def f():\n${block}    a = 1\n`, 0],
    [`def f():\n    if x:\n        a = 1\n${block}    else:\n        b = 2\n`, 0],
    [`def f():\n    try:\n        a = 1\n${block}    except E:\n        b = 2\n`, 0],
    [`${block.replace(/ {4}/g, "")}import os\n`, 0],
    [`import os\n${block.replace(/ {4}/g, "")}`, 0],
    // Between a decorator and its definition, and in a class body.
    ["@decorator\n# why\ndef f():\n    pass\n", 1],
    ["class C:\n    a = 1\n    # about b\n    b = 2\n", 1],
    // Inside brackets, a string or a continuation the lines are not runs.
    ["x = [\n    1,\n    # two\n    2,\n]\ny = 1\n", 0],
    ['s = """\n# not a comment\n"""\ny = 1\n', 0],
    ["x = 1 + \\\n    2\n# after\ny = 1\n", 1],
    ['q = f"{x!r:>{w}}"\n# note\ny = 1\n', 1],
    // CRLF line ends.
    ["def f():\r\n    a = 1\r\n    # c\r\n    b = 2\r\n", 1],
  ];
  for (const [text, runs] of cases) assert.equal(agree(text, JSON.stringify(text)), runs, JSON.stringify(text));
});

test("lean parse: a file the layout scan does not follow, or a tree with an error, is parsed whole", () => {
  // Tabs and an f-string holding quotes in its field: the scan gives up, nothing is left out.
  for (const text of ["def f():\n\ta = 1\n\t# c\n\tb = 2\n", "def f():\n    a = f\"{d['k']}\"\n    # c\n    b = 2\n"]) {
    assert.equal(scanLayout(text), null, JSON.stringify(text));
    assert.equal(agree(text, JSON.stringify(text)), 0);
  }
  // The scan finds a run, but the tree has an error: tree-sitter's recovery is kept as a full parse gives it.
  const broken = "def f():\n    a = (1 +\n    # c\n    b = 2\n";
  const lean = parsePythonLean(parser, broken);
  assert.equal(lean.tree.rootNode.hasError, true);
  assert.deepEqual(lean.commentRuns, []);
  assert.equal(lean.tree.rootNode.descendantsOfType("comment").length, 1);
});

const FIXTURES = [...pythonFiles(join(ROOT, "fixtures"), []), ...pythonFiles(join(ROOT, "test"), [])].sort();

test("lean parse: every Python fixture gives the full parse's tree", () => {
  assert.ok(FIXTURES.length > 50, `found ${FIXTURES.length} Python files`);
  let lean = 0;
  for (const f of FIXTURES) if (agree(readFileSync(f, "utf8").replace(/^\uFEFF/, ""), f) > 0) lean++;
  assert.ok(lean > 20, `fixtures with a run left out: ${lean}`);
});

test("lean parse: 2,000 fixtures with comment runs dropped in at random lines and depths give the full parse's tree", () => {
  const rng = makeRng(701);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const texts = FIXTURES.map((f) => readFileSync(f, "utf8").replace(/^\uFEFF/, "")).filter((t) => t.length < 20_000);
  const leads = ["", "  ", "    ", "        ", "            ", "\t"];
  let spared = 0;
  let leftIn = 0;
  for (let n = 0; n < 2000; n++) {
    const lines = pick(texts).split("\n");
    const inserts = 1 + Math.floor(rng() * 4);
    for (let e = 0; e < inserts; e++) {
      const at = Math.floor(rng() * (lines.length + 1));
      const size = 1 + Math.floor(rng() * 12);
      const lead = pick(leads);
      const run = Array.from({ length: size }, (_, i) => (rng() < 0.15 ? "" : (rng() < 0.3 ? pick(leads) : lead) + `# note ${i}: "quoted" ''' (open`));
      lines.splice(at, 0, ...run);
    }
    const eol = rng() < 0.15 ? "\r\n" : "\n";
    const text = lines.map((l) => l.replace(/\r$/, "")).join(eol);
    const runs = agree(text, `case ${n}`);
    if (runs > 0) spared++;
    else leftIn++;
  }
  // Both paths must be exercised: runs left out, and files parsed whole.
  assert.ok(spared > 300, `cases with a run left out: ${spared}`);
  assert.ok(leftIn > 100, `cases parsed whole: ${leftIn}`);
});

test("lean parse: a directive in a left-out run still stands in a comment; one in a string does not", () => {
  const text = [
    "def migrate(conn):",
    "    conn.execute('SELECT 1')",
    "    # index-audit: ignore[index-not-concurrent]",
    "    # the statement below is built on a new table",
    "    conn.execute('CREATE INDEX i ON t (a)')",
    "    s = '''",
    "# index-audit: ignore-file",
    "'''",
    "",
  ].join("\n");
  const lean = parsePythonLean(parser, text);
  assert.equal(lean.commentRuns.length, 1);
  const info = analyzeModule(lean.tree.rootNode, text);
  const suppressions = readSuppressions(createSourceText("m.py", text), directiveSites(info, lean.commentRuns));
  assert.deepEqual(
    suppressions.map((s) => [s.kind, s.rules, s.line, s.column, s.ownLine]),
    [["ignore", ["index-not-concurrent"], 3, 5, true]],
  );
});
