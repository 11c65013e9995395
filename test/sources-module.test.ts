/**
 * A framework source reads a module's functions and its module-level names
 * without analyzing the module when the text is plain enough; what it reads
 * must be what the analysis finds, on plain files and on every file where the
 * shortcut has to step aside.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { createPythonParser, parsePython, syntaxProblems } from "../src/python/parser.js";
import { analyzeModule } from "../src/python/scope.js";
import { plainLiteral } from "../src/sources/literal.js";
import { LazyModuleInfo, moduleFunctions, moduleValue } from "../src/sources/module.js";
import { scanModuleText } from "../src/sources/module-text.js";
import { insideAny } from "../src/python/sorted.js";

const parser = createPythonParser();

function lazy(text: string): LazyModuleInfo {
  const root = parsePython(parser, text).rootNode;
  return new LazyModuleInfo(root, text, syntaxProblems(root, text).length === 0);
}

/** What the analysis says of `name`: where its value starts, whether it is None, its plain literal; null when not bound once. */
function fromAnalysis(text: string, name: string): { start: number; none: boolean; plain: string | null } | null {
  const info = analyzeModule(parsePython(parser, text).rootNode, text);
  const v = info.module.bindings.get(name)?.value ?? null;
  return v ? { start: v.startIndex, none: v.type === "none", plain: plainLiteral(v) } : null;
}

function fromShortcut(text: string, name: string): { value: { start: number; none: boolean; plain: string | null } | null; analyzed: boolean } {
  const info = lazy(text);
  const v = moduleValue(info, name);
  return { value: v ? { start: v.start, none: v.none, plain: v.plain } : null, analyzed: info.analyzed };
}

const REVISION = ['"""revision 3: revision of the users table', "", "Revision ID: abc", '"""', "from alembic import op", "import sqlalchemy as sa", "", 'revision = "abc"  # revision', "down_revision = None", "branch_labels = None", 'depends_on = ("x", "y")', "", "", "def upgrade() -> None:", '    op.create_index("ix", "t", ["a"])', "", "", "def downgrade() -> None:", "    pass", ""].join("\n");

test("a plain revision's identifiers are read from its text, without the module's analysis, as the analysis reads them", () => {
  const info = lazy(REVISION);
  const values = ["revision", "down_revision", "branch_labels", "depends_on", "message"].map((n) => moduleValue(info, n));
  assert.deepEqual(
    values.map((v) => v && { start: v.start, none: v.none, plain: v.plain, node: v.node?.type ?? null }),
    [
      { start: REVISION.indexOf('"abc"  #'), none: false, plain: "abc", node: null },
      { start: REVISION.indexOf("None"), none: true, plain: null, node: null },
      { start: REVISION.indexOf("None", REVISION.indexOf("branch_labels")), none: true, plain: null, node: null },
      // A tuple is left to the evaluator: its node is given.
      { start: REVISION.indexOf('("x"'), none: false, plain: null, node: "tuple" },
      null,
    ],
  );
  assert.equal(info.analyzed, false);
  for (const n of ["revision", "down_revision", "branch_labels", "depends_on", "message"]) assert.deepEqual(fromShortcut(REVISION, n).value, fromAnalysis(REVISION, n), n);
});

test("a module-level name is read as the analysis binds it, whatever the shape of the module", () => {
  const cases: [string, string][] = [
    ['revision = "a"\n', "read"],
    ["revision = 'a'\n", "read"],
    ['revision = down = "a"\n', "read"],
    ['revision: str = "a"\n', "read"],
    ["revision: Union[str, None] = None\n", "read"],
    ['revision : str="a"\n', "read"],
    ['revision: Union[str, Sequence[str], None] = ("a", "b")\n', "read"],
    ["revision: str\n", "analysis"],
    ["revision: a <= None\n", "analysis"],
    ["revision: (y := None)\n", "read"],
    ['revision: (y := "a")\n', "read"],
    ['revision: "x=y" = "a"\n', "analysis"],
    ['revision: Literal["="] = None\n', "analysis"],
    ["revision: a == None\n", "analysis"],
    ['revision: str = "a"  # id\n', "read"],
    ['revision = "a"\nrevision = "b"\n', "analysis"],
    ['revision = "a"\nprint(revision)\n', "analysis"],
    ['if True:\n    revision = "a"\n', "analysis"],
    ['revision = "a"; x = 1\n', "read"],
    ['x = 1; revision = "a"\n', "analysis"],
    ['revision += "a"\n', "analysis"],
    ['revision, other = "a", "b"\n', "analysis"],
    ['for revision in ["a"]:\n    pass\n', "analysis"],
    ["from x import revision\n", "analysis"],
    ['def f():\n    revision = "a"\n', "analysis"],
    ['# revision = "a"\nrevision = "b"\n', "read"],
    ['"""revision = "a\'"""\nrevision = "b"\n', "read"],
    ['x = f"{revision}"\nrevision = "b"\n', "analysis"],
    ['x = rb"revision"\nrevision = "b"\n', "read"],
    ['revision = ("a"\n    "b")\n', "read"],
    ['revision = (\n    "a"  # why\n)\n', "read"],
    ['revision = "a" \\\n    "b"\n', "read"],
    ['my_revision = "x"\nrevision_id = "y"\nrevision = "a"\n', "read"],
    // A non-ASCII letter next to the name may make it part of another: counted, so the analysis answers.
    ['ärevision = "x"\nrevision = "a"\n', "analysis"],
    ['obj.revision = "x"\nrevision = "a"\n', "analysis"],
    ["revision = some.call(1)\n", "read"],
    ["revision = None  # none yet\n", "read"],
    ['revision = "a"\n  x = 1\n', "analysis"],
    ['revision = "unclosed\n', "analysis"],
    ["x = 1\n", "read"],
  ];
  for (const [text, how] of cases) {
    const got = fromShortcut(text, "revision");
    assert.deepEqual(got.value, fromAnalysis(text, "revision"), text);
    assert.equal(got.analyzed, how === "analysis", `${text}: ${how}`);
  }
});

const FUNCTIONS = [
  "import sqlalchemy as sa",
  "",
  "def upgrade():",
  "    def local():",
  "        pass",
  "    helper()",
  "",
  "class Thing:",
  "    def method(self):",
  "        pass",
  "",
  "async def fetch():",
  "    pass",
  "",
  "handler = lambda: None",
  "",
  "def helper(x=lambda: 1):",
  "    return [y for y in x]",
  "",
  "def upgrade():",
  "    pass",
  "",
].join("\n");

test("module-level functions: the def statements at column 0 of a clean module, one node asked for each function named", () => {
  const analysis = analyzeModule(parsePython(parser, FUNCTIONS).rootNode, FUNCTIONS).functions;
  assert.deepEqual([...analysis.keys()], ["upgrade", "fetch", "helper"]);
  const info = lazy(FUNCTIONS);
  // `async` stands at the top level: the tree is asked, and agrees.
  assert.deepEqual(info.functionNames(), ["upgrade", "fetch", "helper"]);
  assert.deepEqual(
    info.functionNames().map((n) => info.functionNamed(n)?.startIndex),
    [...analysis.values()].map((n) => n.startIndex),
  );
  const plain = FUNCTIONS.replace("async def fetch():\n    pass\n", "");
  const plainInfo = lazy(plain);
  assert.deepEqual(plainInfo.functionNames(), ["upgrade", "helper"]);
  // The last `def upgrade` wins, in the place of the first.
  assert.equal(plainInfo.functionNamed("upgrade")?.startIndex, plain.lastIndexOf("def upgrade"));
  assert.equal(plainInfo.functionNamed("downgrade"), null);
  assert.equal(plainInfo.functionNamed("local"), null);
  assert.equal(plainInfo.functionNamed("method"), null);
  assert.equal(plainInfo.analyzed, false);
  assert.deepEqual(
    [...plainInfo.functions].map(([n, f]) => [n, f.startIndex]),
    [...analyzeModule(parsePython(parser, plain).rootNode, plain).functions].map(([n, f]) => [n, f.startIndex]),
  );
});

test("module-level functions in a module the text does not settle (decorators, blocks, syntax errors) come from the tree, as the analysis finds them", () => {
  const texts = [
    "@decorator\ndef upgrade():\n    pass\n",
    "if True:\n    def upgrade():\n        pass\nelse:\n    def upgrade():\n        pass\n",
    "try:\n    def upgrade():\n        pass\nexcept Exception:\n    pass\n",
    "with ctx():\n    def upgrade():\n        pass\n",
    "def upgrade(:\n    pass\ndef downgrade():\n    pass\n",
    "x = f'{1}'\ndef upgrade():\n    pass\n",
    "def upgrade():\n    pass\nclass C:\n    def upgrade(self):\n        pass\n",
  ];
  for (const text of texts) {
    const root = parsePython(parser, text).rootNode;
    const expected = [...analyzeModule(root, text).functions].map(([n, f]) => [n, f.startIndex]);
    assert.deepEqual([...moduleFunctions(root)].map(([n, f]) => [n, f.startIndex]), expected, text);
    const info = lazy(text);
    assert.deepEqual(info.functionNames().map((n) => [n, info.functionNamed(n)?.startIndex]), expected, text);
  }
});

test("a line starting with a character tree-sitter takes for a blank, or a form feed (which resets the indentation): the text is not read, and the tree agrees with the analysis", () => {
  const blanks = ["\ufeff", "\u200b", "\u2060", "\u00a0", "\v", "\f", "    \f"];
  for (const blank of blanks) {
    const text = `revision = "a"\n${blank}def upgrade():\n    pass\nx = 1\n${blank}revision_2 = "b"\n`;
    assert.equal(scanModuleText(text), null, JSON.stringify(blank));
    const root = parsePython(parser, text).rootNode;
    const expected = [...analyzeModule(root, text).functions].map(([n, f]) => [n, f.startIndex]);
    const info = lazy(text);
    assert.deepEqual(info.functionNames().map((n) => [n, info.functionNamed(n)?.startIndex]), expected, JSON.stringify(blank));
    for (const name of ["revision", "revision_2"]) assert.deepEqual(fromShortcut(text, name).value, fromAnalysis(text, name), `${JSON.stringify(blank)} ${name}`);
  }
  // Where tree-sitter finds a module-level upgrade() behind such a blank, it is the one the analysis has.
  const zwsp = 'revision = "a"\n\u200bdef upgrade():\n    pass\n';
  assert.deepEqual(lazy(zwsp).functionNames(), ["upgrade"]);
  assert.equal(lazy(zwsp).functionNamed("upgrade")?.startIndex, zwsp.indexOf("def upgrade"));
  // A non-ASCII letter starting a line, or inside a string or comment, is not a blank: strings and comments are still read.
  assert.notEqual(scanModuleText('x = "\u200b\f"  # \ufeff\f\nrevision = "a"\n'), null);
});

test("the text scan: statements at column 0, where their code ends, and the strings and comments; a formatted or unclosed string stops it", () => {
  const text = '"""doc\n# not a comment\n"""\nx = [1,\n  2]  # end\ny = r"a#b" \\\n  + "c"\n  # indented comment\nz = 1\n';
  const scanned = scanModuleText(text)!;
  assert.deepEqual([...scanned.topStarts], [0, text.indexOf("x ="), text.indexOf("y ="), text.indexOf("z =")]);
  assert.deepEqual(
    [...scanned.codeEnds].map(([s, e]) => text.slice(s, e)),
    ['"""doc\n# not a comment\n"""', "x = [1,\n  2]", 'y = r"a#b" \\\n  + "c"', "z = 1"],
  );
  assert.deepEqual(
    scanned.inert.map((r) => text.slice(r.start, r.end)),
    ['"""doc\n# not a comment\n"""', "# end", 'r"a#b"', '"c"', "# indented comment"],
  );
  assert.equal(insideAny(scanned.inert, text.indexOf("not a comment")), true);
  assert.equal(insideAny(scanned.inert, text.indexOf("z =")), false);
  assert.equal(scanModuleText('x = f"{y}"\n'), null);
  assert.equal(scanModuleText("x = 'open\n"), null);
  assert.equal(scanModuleText("x = 1 \\ y\n"), null);
});

/** Module-level statements that bind, rebind, hide or define the names asked for, and ways of writing them. */
const PIECES = [
  'revision = "a"', "revision = 'b'  # id", "revision = None", 'revision = ("a")', 'revision = "a" "b"', 'revision = "a\\x62"', 'revision: str = "a"',
  'revision = down_revision = "a"', 'revision, y = "a", "b"', "del revision", "global revision", '(revision := "q")', 'print(f"{revision}")',
  'print("revision")', '# revision = 1', 'revision += "x"', 'revision = "a"; down_revision = None', 'revision = \\\n  "c"', 'revision = [\n  "a",  # c\n]',
  "down_revision = None", 'down_revision = ("a", "b")', "down_revision: Union[str, None] = None", "revision: a <= None", 'revision: Literal["="] = None', "revision: (y := None)", "down_revision: str", 'x = """\nrevision = "s"\ndef upgrade():\n    pass\n"""',
  "def upgrade():\n    pass", 'def upgrade() -> None:\n    op.create_index("ix", "t", ["a"])', "async def upgrade():\n    pass", "@dec\ndef upgrade():\n    pass",
  'class C:\n    def upgrade(self):\n        pass\n    revision = "c"', 'if x:\n    revision = "i"\nelse:\n    def upgrade():\n        pass', 'def helper(revision="d"):\n    return revision',
  "def  upgrade  ():\n    pass", "def\tdowngrade():\n    pass", "upgrade = lambda: None", "def upgrade[T]():\n    pass", "for revision in []:\n    pass", "import revision",
  'x = "it\'s #"; revision = "n"', 'x = r"\\"\nrevision = "r"', "y = [1,\n# ]\n2]", 'if x: revision = "one"', "define = 1", 'révision = "x"', "match x:\n    case revision:\n        pass",
];
const ODD = ["\f", "\v", "\u00a0", "\ufeff", "\u200b", "\u2060", "\t", "\\", " ", "\n", "\r", "#", "'", '"', "(", ")", ":", "é", "\\\n"];

test("generated modules: the functions and names read from the text are the analysis's, on clean files and broken ones", () => {
  let seed = 20261130;
  const next = (n: number): number => ((seed = (seed * 1103515245 + 12345) & 0x7fffffff), seed % n);
  let read = 0;
  for (let t = 0; t < 1500; t++) {
    const parts = Array.from({ length: 1 + next(6) }, () => PIECES[next(PIECES.length)]!);
    let text = parts.join("\n").replace(/\n/g, next(4) === 0 ? "\r\n" : "\n") + "\n";
    // A character inserted somewhere, or at a line's start (where a statement may or may not begin).
    for (let m = next(3); m > 0; m--) {
      const lineStart = next(2) === 0 ? text.indexOf("\n", next(text.length)) + 1 : next(text.length);
      text = text.slice(0, lineStart) + ODD[next(ODD.length)]! + text.slice(lineStart);
    }
    const root = parsePython(parser, text).rootNode;
    const analysis = analyzeModule(root, text);
    const info = lazy(text);
    if (info.text()) read++;
    const functions = [...analysis.functions].map(([n, f]) => [n, f.startIndex]);
    assert.deepEqual(info.functionNames().map((n) => [n, info.functionNamed(n)?.startIndex]), functions, JSON.stringify(text));
    assert.deepEqual(lazy(text).functionNamed("upgrade")?.startIndex, analysis.functions.get("upgrade")?.startIndex, JSON.stringify(text));
    for (const name of ["revision", "down_revision"]) assert.deepEqual(fromShortcut(text, name).value, fromAnalysis(text, name), `${JSON.stringify(text)} ${name}`);
  }
  // Most are read from their text: the shortcut is what is being held to the analysis.
  assert.equal(read, 599);
});
