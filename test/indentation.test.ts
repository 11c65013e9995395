/**
 * The indentation check answers "any problem?" with a cursor walk and words
 * the problems with the node walk only when there is one. The two must agree
 * on every file: checked here on hand-written cases, on every Python fixture
 * of the repository and on a few thousand files with their indentation
 * scrambled (seeded, so a failure replays).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createPythonParser, parsePython, syntaxProblems } from "../src/python/parser.js";
import { describeIndentationProblems, hasIndentationProblem, indentationProblems } from "../src/python/indentation.js";
import { indentationLooksClean } from "../src/python/indentation-scan.js";
import { makeRng } from "./helpers/fuzz.js";
import { ROOT } from "./helpers/paths.js";
import { pythonFiles } from "./helpers/python-files.js";

const parser = createPythonParser();
/** Files the text scan proved clean, across the tests below: it must carry most clean files, not none. */
let scanPassed = 0;

function agree(text: string, label: string): boolean | null {
  const root = parsePython(parser, text).rootNode;
  // The check runs only on trees without recovery (syntaxProblems reports those instead).
  if (root.hasError) return null;
  const fast = hasIndentationProblem(root, text);
  const full = describeIndentationProblems(root, text, 100);
  assert.equal(fast, full.length > 0, `${label}: cursor walk says ${String(fast)}, node walk found ${JSON.stringify(full)}\n${JSON.stringify(text)}`);
  // The text scan may leave a clean file to the walks, never pass one they find a problem in.
  if (indentationLooksClean(text) && ++scanPassed > 0) assert.equal(fast, false, `${label}: the text scan passed a file with ${JSON.stringify(full)}\n${JSON.stringify(text)}`);
  assert.deepEqual(indentationProblems(root, text, 100), full, label);
  return fast;
}

test("indentation: each kind of problem, worded and placed as before", () => {
  const cases: [string, { index: number; message: string }[]][] = [
    ["def f():\n    a = 1\n    b = 2\n", []],
    ["def f():\n    a = 1\n      b = 2\n", [{ index: 25, message: "unexpected indent" }]],
    ["def f():\n    if x:\n        a = 1\n      b = 2\n", [{ index: 39, message: "unindent does not match any outer indentation level" }]],
    ["def f():\n    a = 1\n\tb = 2\n", [{ index: 20, message: "unindent does not match any outer indentation level" }]],
    ["def f():\n    a = 1\n\t\t\t\tb = 2\n", [{ index: 23, message: "inconsistent use of tabs and spaces in indentation" }]],
    ["if x:\n    a = 1\n  else:\n    b = 2\n", [{ index: 18, message: "unindent does not match any outer indentation level" }]],
    ["def f():\n    # nothing\nx = 1\n", [{ index: 23, message: "expected an indented block after line 1" }]],
    ["def f():\n    # nothing\n", [{ index: 8, message: "expected an indented block after line 1" }]],
    ["for a in b:\n    # c\nelse:\n    pass\n", [{ index: 11, message: "expected an indented block after line 1" }]],
    ["if x:\n        # c\n    pass\n", []],
    ["\ufeffx = 1\ny = 2\n", []],
    ["x = 1; y = 2\nif x: y = 3\n", []],
    ["if x:\n    # only a comment\n    pass\n", []],
  ];
  for (const [text, expected] of cases) {
    const root = parsePython(parser, text).rootNode;
    assert.equal(root.hasError, false, text);
    assert.deepEqual(syntaxProblems(root, text), expected, JSON.stringify(text));
    assert.equal(agree(text, JSON.stringify(text)), expected.length > 0);
  }
});

test("indentation: a form feed in a line's leading blanks starts the count again, as CPython's tokenizer does", () => {
  // Each verdict is CPython 3's (ast.parse): a form feed resets the column, so only the blanks after it count.
  const cases: [string, { index: number; message: string }[]][] = [
    ["\fdef f():\n    return 1\n", []],
    ["x = 1\n\fy = 2\n", []],
    ["x = 1\n  \fy = 2\n", []],
    ["def f():\n    x = 1\n  \f    y = 2\n", []],
    ["def f():\n    x = 1\n\f\n    y = 2\n", []],
    ["x = 1\n\f    y = 2\n", [{ index: 11, message: "unexpected indent" }]],
    ["def f():\n    x = 1\n    \f  y = 2\n", [{ index: 26, message: "unindent does not match any outer indentation level" }]],
  ];
  for (const [text, expected] of cases) {
    agree(text, JSON.stringify(text));
    assert.deepEqual(syntaxProblems(parsePython(parser, text).rootNode, text), expected, JSON.stringify(text));
  }
});

test("indentation: the cursor walk agrees with the node walk on every Python fixture", () => {
  const files = [...pythonFiles(join(ROOT, "fixtures"), []), ...pythonFiles(join(ROOT, "test"), [])];
  assert.ok(files.length > 50, `found ${files.length} Python files`);
  let checked = 0;
  const before = scanPassed;
  for (const f of files) if (agree(readFileSync(f, "utf8").replace(/^\uFEFF/, ""), f) !== null) checked++;
  assert.ok(checked > 50, `checked ${checked}`);
  assert.ok(scanPassed - before > checked / 2, `the text scan proved ${scanPassed - before} of ${checked} files clean`);
});

/** Statements and clauses of every shape the check looks at, correctly indented. */
const BASE = [
  "import os",
  "def f(conn):",
  "    '''Doc.'''",
  "    x = 1; y = 2",
  "    if x:",
  "        pass",
  "    elif y:",
  "        # a comment alone",
  "        y = 3",
  "    else:",
  "        for t in names:",
  "            conn.execute(",
  '                "CREATE INDEX i ON t (a)"',
  "            )",
  "        else:",
  "            pass",
  "    try:",
  "        z = f(x) \\",
  "            + 1",
  "    except ValueError:",
  "        raise",
  "    finally:",
  "        pass",
  "    while x: x -= 1",
  "@decorator",
  "class C:",
  "    def g(self):",
  "        return '''",
  "  text kept as is",
  "'''",
  "    async def h(self):",
  "        with a as b:",
  "            match b:",
  "                case 1:",
  "                    pass",
  "                case _:",
  "                    pass",
  "x = [",
  "  1,",
  "    2]",
];

const LEADS = ["", " ", "  ", "    ", "\t", "\t ", " \t", "        ", "\f", "            "];

test("indentation: the cursor walk agrees with the node walk on 1,500 scrambled files", () => {
  const rng = makeRng(15);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  let parsed = 0;
  let withProblems = 0;
  for (let n = 0; n < 1500; n++) {
    const lines = BASE.map((l) => l);
    const edits = 1 + Math.floor(rng() * 3);
    for (let e = 0; e < edits; e++) {
      const k = Math.floor(rng() * lines.length);
      const body = lines[k]!.trimStart();
      const r = rng();
      if (r < 0.6) lines[k] = pick(LEADS) + body;
      else if (r < 0.75) lines.splice(k, 1);
      else if (r < 0.9) lines.splice(k, 0, pick(LEADS) + pick(["# note", "pass", "", "y = 0"]));
      else lines[k] = lines[k]!.replace(/^ {4}/, "\t");
    }
    const eol = rng() < 0.2 ? "\r\n" : "\n";
    const text = (rng() < 0.1 ? "\ufeff" : "") + lines.join(eol) + eol;
    const fast = agree(text, `case ${n}`);
    if (fast !== null) parsed++;
    if (fast) withProblems++;
  }
  // The scrambling must exercise both answers, not only trees tree-sitter refuses.
  assert.ok(parsed > 500, `parsed without recovery: ${parsed}`);
  assert.ok(withProblems > 100, `with an indentation problem: ${withProblems}`);
  assert.ok(parsed - withProblems > 100, `clean: ${parsed - withProblems}`);
});

test("indentation: the text scan follows strings, comments, brackets and continuations, and leaves the rest to the tree", () => {
  const clean = [
    "def f():\n    x = '#:'  # a comment:\n    return x\n",
    'def f():\n    s = """\n  text: at any indent\n"""\n    return s\n',
    "def f(a,\n  b):\n    return (a +\n b)\n",
    "def f():\n    x = 1 + \\\n  2\n    return x\n",
    "def f(n):\n    return f\"{n:>{width}} {{literal}}\"\n",
    "if x: y = 1\nelse: y = 2\n",
    "class C:\n    pass\n\n\n# end\n",
    "x = 1\r\nif x:\r\n    y = 2\r\n",
    "\ufeffx = 1\n",
    "",
  ];
  for (const text of clean) assert.equal(indentationLooksClean(text), true, JSON.stringify(text));
  const leftToTheTree = [
    "def f():\n\tx = 1\n",
    "def f():\n    x = 1\n      y = 2\n",
    "def f():\n    if x:\n        a = 1\n      b = 2\n",
    "def f():\n    # nothing\nx = 1\n",
    "def f():\n",
    "x = 1\n  y = 2\n",
    "match x:\n    case 1:\n        pass\n",
    "def f():\n    return f\"{d['k']}\"\n",
    "x = (1,\n",
    "x = 'open\n",
    "x = 1\ry = 2\n",
    "x = 1\n\ufeffy = 2\n",
  ];
  for (const text of leftToTheTree) assert.equal(indentationLooksClean(text), false, JSON.stringify(text));
});

/** BASE without the match statement (which the text scan leaves to the tree), plus strings and f-strings that hold `#`, `:` and brackets. */
const SCANNED = [
  ...BASE.filter((l) => !/case|^ {20}pass/.test(l)).map((l) => l.replace("match b:", "b.close()")),
  "def k(d, n):",
  "    s = 'a # b: (' + \"]\"",
  '    t = f"{n:>{w}} {{x}}: #"',
  "    if d: return (s,",
  "  t)",
  "    return '''",
  "    # not a comment:",
  "''' + s  # done:",
];

test("indentation: the text scan never passes a file the walks find a problem in (1,500 scrambled files)", () => {
  const rng = makeRng(16);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
  const spaces = ["", " ", "  ", "    ", "        ", "            ", "\t"];
  const before = scanPassed;
  let parsed = 0;
  let withProblems = 0;
  for (let n = 0; n < 1500; n++) {
    const lines = SCANNED.map((l) => l);
    const edits = Math.floor(rng() * 3);
    for (let e = 0; e < edits; e++) {
      const k = Math.floor(rng() * lines.length);
      const body = lines[k]!.trimStart();
      const r = rng();
      if (r < 0.6) lines[k] = pick(spaces) + body;
      else if (r < 0.75) lines.splice(k, 1);
      else lines.splice(k, 0, pick(spaces) + pick(["# note:", "pass", "", "y = 0", "else:", "if y:", "x = (", ")"]));
    }
    const fast = agree(lines.join(rng() < 0.2 ? "\r\n" : "\n") + "\n", `scanned case ${n}`);
    if (fast !== null) parsed++;
    if (fast) withProblems++;
  }
  assert.ok(parsed > 500, `parsed without recovery: ${parsed}`);
  assert.ok(withProblems > 100, `with an indentation problem: ${withProblems}`);
  assert.ok(scanPassed - before > 200, `proved clean by the text scan: ${scanPassed - before} of ${parsed - withProblems} clean`);
});
