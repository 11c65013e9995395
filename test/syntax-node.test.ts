/**
 * Our syntax nodes (src/python/syntax-node.ts) over tree-sitter's native
 * binding must answer exactly as tree-sitter's own node objects do: checked
 * node by node on every Python fixture of the repository and on files with
 * syntax errors, MISSING tokens and non-ASCII text; every node reached
 * through any member is ours, one object per node.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { createRequire } from "node:module";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { binding } from "../src/python/native.js";
import { createPythonParser, parsePython, parsePythonLean } from "../src/python/parser.js";
import { SyntaxNode, Tree } from "../src/python/syntax-node.js";
import { analyzeModule as libraryAnalyzeModule, createPythonParser as createLibraryParser, parsePython as libraryParsePython, type Point as LibraryPoint, type SyntaxNode as LibrarySyntaxNode, type Tree as LibraryTree } from "../src/index.js";
import { analyzeModule } from "../src/python/scope.js";
import { DEFAULT_EXECUTORS, DEFAULT_WRAPPERS, extractSql } from "../src/python/extract.js";
import { makeRng } from "./helpers/fuzz.js";
import { PYTHON, compareTrees, compareWithLibrary, foreignNode, libraryParser, notedParentDifference } from "./helpers/node-compare.js";
import { ROOT } from "./helpers/paths.js";
import { pythonFiles } from "./helpers/python-files.js";

const require = createRequire(import.meta.url);
const parser = libraryParser();

/** Files tree-sitter has to recover in (ERROR and MISSING nodes), and text beyond ASCII (indices are UTF-16 units). */
const BROKEN: Record<string, string> = {
  "missing paren": "def f(:\n    conn.execute('CREATE INDEX ix ON t (a)')\n",
  "unclosed call": "f(a, b\nx = {'a': 1\n",
  "missing colon": "def f(conn)\n    return 1\n\nclass C:\n    x = 1\n",
  "unclosed bracket": "x = [1, 2,\ny = 3\n",
  "stray token": "op.create_index('ix', 't', ['a']) )\nz = 1\n",
  "bad indent": "if x:\ny = 1\n  z = 2\n",
  "non-ascii": "s = 'héllo 😀 wörld'\nt = f\"{s!r:>10} ✓\"\n# ‼ comment\nu = '''ü\n😀'''\n",
  "crlf": "import os\r\nx = 'a'\r\nif x:\r\n    y = 1\r\n",
};

test("syntax nodes: the library entry's parsePython gives our tree and nodes, under the types it exports", () => {
  const text = "def f(conn):\n    conn.execute('CREATE INDEX ix ON t (a)')\n";
  const tree: LibraryTree = libraryParsePython(createLibraryParser(), text);
  const root: LibrarySyntaxNode = tree.rootNode;
  assert.ok(root instanceof SyntaxNode);
  assert.equal(tree.text, text);
  const at: LibraryPoint = root.descendantsOfType("string")[0]!.startPosition;
  assert.deepEqual(at, { row: 1, column: 17 });
  assert.deepEqual([...libraryAnalyzeModule(root, text).functions.keys()], ["f"]);
});

test("syntax nodes: the binding is the very module tree-sitter loaded", () => {
  const lib = require("tree-sitter") as { Tree: unknown };
  assert.equal(binding.Tree, lib.Tree);
});

test("syntax nodes: tree-sitter is pinned to 0.25.1, whose binding's calling convention native.ts relies on, and that one is installed", () => {
  const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { dependencies: Record<string, string> };
  assert.equal(pkg.dependencies["tree-sitter"], "0.25.1");
  assert.equal((require("tree-sitter/package.json") as { version: string }).version, "0.25.1");
});

test("syntax nodes: every node of every Python fixture answers as tree-sitter's own", () => {
  const files = [...pythonFiles(join(ROOT, "fixtures"), []), ...pythonFiles(join(ROOT, "test"), [])].sort();
  assert.ok(files.length > 400, `found ${files.length} fixtures`);
  const rng = makeRng(15);
  const total = { nodes: 0, sampled: 0 };
  for (const f of files) {
    const c = compareWithLibrary(parser, readFileSync(f, "utf8"), rng, 0.1);
    assert.equal(c.difference, null, f);
    total.nodes += c.nodes;
    total.sampled += c.sampled;
  }
  assert.ok(total.nodes > 50_000, `nodes compared: ${total.nodes}`);
  // Every member on a few thousand nodes.
  assert.ok(total.sampled > 5_000, `nodes sampled: ${total.sampled}`);
});

test("syntax nodes: ERROR, MISSING and anonymous nodes, and non-ASCII text, answer as tree-sitter's own", () => {
  const rng = makeRng(1);
  const total = { errors: 0, missing: 0, anonymous: 0 };
  for (const [name, text] of Object.entries(BROKEN)) {
    const c = compareWithLibrary(parser, text, rng, 1);
    assert.equal(c.difference, null, name);
    assert.equal(c.sampled, c.nodes, name);
    total.errors += c.errors;
    total.missing += c.missing;
    total.anonymous += c.anonymous;
  }
  assert.ok(total.errors >= 3 && total.missing >= 1 && total.anonymous >= 40, JSON.stringify(total));
});

/** Nodes tree-sitter-python renames (aliases): one-line blocks, soft keywords as names, `is not`, `not in`, patterns, format specs. */
const ALIASED = [
  "if x: y = 1",
  "match = print = 3",
  "z = a is not b and c not in d",
  "match p:",
  "    case [a, *rest]: pass",
  "    case (b, c) as d: pass",
  "    case {'k': v, **kw}: pass",
  'f"{x:{y}>10}"',
  "w = [lambda: 1 for q in r if lambda: 2]",
  "a, *b = c",
  "",
].join("\n");

test("syntax nodes: a lean parse (included ranges around comment runs) answers as tree-sitter's own over that very tree", () => {
  const text = "import os\n\n# one\n# two\n\n@app.route('/ü')\ndef f(conn):\n    # inside\n    # and more\n    conn.execute('CREATE INDEX ix ON t (a)')\n\n# three\nx = f(None)  # 😀\n";
  const lean = parsePythonLean(createPythonParser(), text);
  assert.deepEqual(lean.commentRuns.map((r) => text.slice(r.start, r.end)), ["# one\n# two\n", "# three\n"]);
  // The library's nodes and ours over the lean tree, and a second wrapper of ours over it.
  const c = compareTrees(lean.tree.native, new Tree(lean.tree.native, text, PYTHON), lean.tree, makeRng(3), 1);
  assert.equal(c.difference, null);
  assert.equal(c.sampled, c.nodes);
  assert.ok(c.nodes > 40, `nodes: ${c.nodes}`);
  const call = lean.tree.rootNode.descendantsOfType("call")[0]!;
  assert.equal(call.text, "app.route('/ü')");
  assert.deepEqual(lean.tree.rootNode.descendantsOfType("string").map((s) => [s.startPosition, s.endIndex]), [
    [{ row: 5, column: 11 }, 39],
    [{ row: 9, column: 17 }, 125],
  ]);
});

test("syntax nodes: aliased nodes answer as tree-sitter's own", () => {
  const c = compareWithLibrary(parser, ALIASED, makeRng(2), 1);
  assert.equal(c.difference, null);
  assert.equal(c.errors, 0);
  const types = new Set<string>();
  const stack = [parsePython(parser, ALIASED).rootNode];
  for (let n = stack.pop(); n; n = stack.pop()) {
    types.add(n.type);
    stack.push(...n.children);
  }
  for (const t of ["block", "identifier", "is not", "not in", "list_pattern", "as_pattern", "format_expression", "list_splat_pattern", "splat_pattern", "lambda"]) assert.ok(types.has(t), t);
});

test("syntax nodes: every node reached through every member is ours, one object per node", () => {
  const texts = [...Object.values(BROKEN), readFileSync(join(ROOT, "fixtures/example/server/db_migrate.py"), "utf8")];
  for (const text of texts) {
    const tree = parsePython(parser, text);
    assert.equal(foreignNode(tree.rootNode), null);
    assert.ok(tree.rootNode instanceof SyntaxNode);
  }
  // A lean parse (comment runs left out) too.
  const lean = parsePythonLean(createPythonParser(), "import os\n\n# one\n# two\n\ndef f():\n    # inside\n    return 1\n\n# three\nx = f()\n");
  assert.ok(lean.commentRuns.length > 0);
  assert.equal(foreignNode(lean.tree.rootNode), null);
});

test("syntax nodes: exact answers on a small module", () => {
  const text = "def f(conn):\n    s = 'ü'\n    conn.execute(f\"CREATE INDEX {s}\")\n";
  const tree = parsePython(parser, text);
  const calls = tree.rootNode.descendantsOfType("call");
  assert.equal(calls.length, 1);
  const call = calls[0]!;
  assert.equal(call.type, "call");
  assert.equal(call.startIndex, 29);
  assert.equal(call.endIndex, 62);
  assert.deepEqual(call.startPosition, { row: 2, column: 4 });
  assert.deepEqual(call.endPosition, { row: 2, column: 37 });
  assert.equal(call.text, 'conn.execute(f"CREATE INDEX {s}")');
  assert.equal(call.childForFieldName("function")?.text, "conn.execute");
  assert.equal(call.childForFieldName("no_such_field"), null);
  assert.deepEqual(call.children.map((c) => c.type), ["attribute", "argument_list"]);
  const s = tree.rootNode.descendantForIndex(22);
  assert.equal(s.type, "string_content");
  assert.equal(s.text, "ü");
  assert.equal(s.parent?.parent?.type, "assignment");
  // Same node, same object: through the parent chain and through a search.
  const fn = tree.rootNode.firstNamedChild!;
  assert.equal(call.parent?.parent?.parent, fn);
  assert.equal(tree.rootNode.descendantsOfType("function_definition")[0], fn);
  assert.equal(fn.childForFieldName("name")?.id, tree.rootNode.descendantsOfType("identifier")[0]?.id);
  // The cursor: our node at it, the same object.
  const cursor = fn.walk();
  assert.ok(cursor.gotoFirstChild());
  assert.ok(cursor.gotoNextSibling());
  assert.equal(tree.nodeAtCursor(cursor), fn.childForFieldName("name"));
  assert.equal(cursor.nodeType, "identifier");
  // The shared cursor: one object, moved to the node asked, rooted there (no way above it).
  const shared = call.sharedCursor();
  assert.equal(tree.nodeAtCursor(shared), call);
  assert.ok(shared.gotoFirstChild());
  assert.equal(tree.nodeAtCursor(shared), call.children[0]);
  assert.equal(fn.sharedCursor(), shared);
  assert.equal(tree.nodeAtCursor(shared), fn);
  assert.equal(shared.gotoParent(), false);
  assert.ok(shared.gotoFirstChild() && shared.gotoNextSibling());
  assert.equal(tree.nodeAtCursor(shared), fn.childForFieldName("name"));
  assert.equal(s.sharedCursor(), shared);
  assert.equal(shared.nodeType, "string_content");
  assert.deepEqual([shared.startIndex, shared.endIndex], [s.startIndex, s.endIndex]);
});

test("syntax nodes: the library's own node objects handed back by the binding map to ours", () => {
  // The library caches each node object it builds in native memory, and the binding then returns that
  // object instead of the node's fields: ours over a tree the library has walked meets only those.
  const text = "x = 1\ny = f(2)\nclass C:\n    pass\n";
  const native = parser.parse(text);
  const libKids = native.rootNode.namedChildren;
  const tree = new Tree(native, text, PYTHON);
  const kids = tree.rootNode.namedChildren;
  assert.deepEqual(kids.map((k) => k.type), ["expression_statement", "expression_statement", "class_definition"]);
  for (const [i, k] of kids.entries()) {
    assert.ok(k instanceof SyntaxNode);
    assert.ok((k as unknown) !== libKids[i]);
    assert.equal(k.id, libKids[i]!.id);
    assert.equal(k.parent, tree.rootNode);
  }
  assert.equal(kids[2]!.childForFieldName("name")?.text, "C");
});

/** Definitions where a file is broken: decorators, methods and merge-conflict markers around ERROR nodes. */
const BROKEN_DEFINITIONS: Record<string, string> = {
  "decorated, broken def": "@app.route('/x')\ndef f(:\n    conn.execute('CREATE INDEX a ON t (x)')\n",
  "broken method": "class C:\n    @property\n    def p(self\n        return 1\n    def q(self): pass\n",
  "broken decorator": "@decorator\n\n@other(\nclass D:\n    def m(self): pass\n",
  "merge conflict": "<<<<<<< HEAD\ndef f(): pass\n=======\ndef g(): pass\n>>>>>>> branch\n",
  "def in an open bracket": "x = (\ndef h():\n    @d\n    def i(): pass\n",
};

test("syntax nodes: the parents the analysis notes (knowParent) are tree-sitter's own", () => {
  const files = [...pythonFiles(join(ROOT, "fixtures"), []), ...pythonFiles(join(ROOT, "test"), [])].sort();
  const texts: [string, string][] = [...files.map((f): [string, string] => [f, readFileSync(f, "utf8")]), ...Object.entries(BROKEN), ...Object.entries(BROKEN_DEFINITIONS), ["aliased", ALIASED]];
  let definitions = 0;
  const parents = new Map<string, number>();
  for (const [name, text] of texts) {
    const d = notedParentDifference(parser, text);
    assert.equal(d.difference, null, name);
    definitions += d.definitions;
    for (const [t, n] of d.definitionParents) parents.set(t, (parents.get(t) ?? 0) + n);
  }
  assert.ok(definitions > 100, `definitions: ${definitions}`);
  // Every kind of place scope.ts notes a definition's parent from was met.
  for (const t of ["module", "block", "decorated_definition", "ERROR"]) assert.ok((parents.get(t) ?? 0) > 0, `${t}: ${JSON.stringify([...parents])}`);
});

test("syntax nodes: a node kept answers after its tree and root are dropped and collected, many trees parsed since", () => {
  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;
  const text = (i: number): string => `def f${i}(conn):\n    conn.execute("CREATE INDEX ix${i} ON t (a)")\n`;
  // One string node kept per tree; nothing else of the trees is.
  const kept = Array.from({ length: 50 }, (_, i) => parsePython(parser, text(i)).rootNode.descendantsOfType("string_content")[0]!);
  gc();
  for (let i = 0; i < 200; i++) parsePython(parser, `x${i} = [${"1, ".repeat(i)}]\n`);
  gc();
  for (const [i, n] of kept.entries()) {
    assert.equal(n.text, `CREATE INDEX ix${i} ON t (a)`);
    const start = text(i).indexOf("CREATE");
    assert.deepEqual([n.type, n.startIndex, n.endIndex, n.endPosition], ["string_content", start, start + n.text.length, { row: 1, column: 18 + n.text.length }]);
    assert.deepEqual([n.parent?.type, n.parent?.parent?.parent?.type, n.tree.rootNode.namedChildren[0]?.childForFieldName("name")?.text], ["string", "call", `f${i}`]);
  }
});

test("syntax nodes: a parent once known is kept, the root's none included", () => {
  const tree = parsePython(parser, "x = 1\n");
  const root = tree.rootNode;
  const statement = root.firstNamedChild!;
  assert.equal(statement.parent, root);
  statement.knowParent(statement.firstNamedChild!);
  assert.equal(statement.parent, root);
  assert.equal(root.parent, null);
  root.knowParent(statement);
  assert.equal(root.parent, null);
});

test("syntax nodes: definitions in broken files get the parents tree-sitter gives", () => {
  const got = Object.values(BROKEN_DEFINITIONS).map((text) => {
    const tree = parsePython(parser, text);
    extractSql(analyzeModule(tree.rootNode, text), { executors: DEFAULT_EXECUTORS, wrappers: DEFAULT_WRAPPERS });
    return tree.rootNode.descendantsOfType(["function_definition", "class_definition"]).map((d) => `${d.type}@${d.startIndex}<${d.parent?.type ?? "none"}`).join(" ");
  });
  assert.deepEqual(got, [
    "function_definition@17<decorated_definition",
    "class_definition@0<module function_definition@59<decorated_definition",
    "class_definition@20<decorated_definition function_definition@33<block",
    "function_definition@13<module function_definition@35<module",
    "function_definition@6<module function_definition@26<decorated_definition",
  ]);
});
