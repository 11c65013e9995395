/** Dict literals read from the text: the same values the evaluator reads through the tree, or nothing. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { SyntaxNode } from "../src/python/syntax-node.js";
import { createEvaluator, ROOT_ENV } from "../src/python/evaluate.js";
import { createPythonParser, parsePython } from "../src/python/parser.js";
import { readPlainDict } from "../src/python/plain-dict.js";
import { analyzeModule } from "../src/python/scope.js";
import type { LimitHit } from "../src/python/limits.js";
import type { Value } from "../src/python/values.js";
import { offsetsToArray } from "./helpers/offsets.js";

const parser = createPythonParser();

/** The first dict literal of `text`, read through the tree (plainDicts off) and from the text. */
function both(text: string): { tree: unknown; plain: ReturnType<typeof readPlainDict>; dict: SyntaxNode } {
  const root = parsePython(parser, text).rootNode;
  const dict = root.descendantsOfType("dictionary")[0]!;
  const tree = createEvaluator(analyzeModule(root, text), { wrappers: new Set() }).evaluate(dict, ROOT_ENV);
  return { tree, plain: readPlainDict(text, dict.startIndex, dict.endIndex), dict };
}

test("a dict of plain strings and constants reads as the evaluator reads it, offsets included", () => {
  const text = [
    "X = {",
    '    "name": "ix_a",  # the index',
    "    'sql': 'CREATE INDEX ix_a ON t (a) -- \"quoted\" #1',",
    '    "critical" :True, "empty": "", "none": None,',
    '    "no": False,',
    "}",
    "",
  ].join("\n");
  const { tree, plain, dict } = both(text);
  assert.ok(plain);
  assert.deepEqual({ kind: "dict", entries: plain.entries, node: dict }, tree);
  assert.deepEqual(
    plain.entries.map((e) => [e.key.kind === "str" ? e.key.text : null, e.value.kind === "str" ? e.value.text : e.value]),
    [
      ["name", "ix_a"],
      ["sql", 'CREATE INDEX ix_a ON t (a) -- "quoted" #1'],
      ["critical", { kind: "bool", value: true }],
      ["empty", ""],
      ["none", { kind: "none" }],
      ["no", { kind: "bool", value: false }],
    ],
  );
  const name = plain.entries[0]!.value;
  assert.equal(name.kind, "str");
  assert.deepEqual(offsetsToArray(name.offsets), [19, 20, 21, 22]);
  // Two steps per pair (key and value); none of the strings reaches 64 characters.
  assert.equal(plain.steps, 12);
});

test("a long string costs a step per 64 characters, as the evaluator charges it", () => {
  const { plain } = both(`X = {"sql": "${"a".repeat(130)}"}\n`);
  assert.equal(plain?.steps, 4);
});

test("an empty dict, with or without a comment, has no entries", () => {
  assert.deepEqual(both("X = {}\n").plain, { entries: [], steps: 0 });
  assert.deepEqual(both("X = {\n  # nothing yet\n}\n").plain, { entries: [], steps: 0 });
});

test("anything the text alone cannot give exactly is left to the evaluator", () => {
  const others = [
    'X = {"a": f"x{y}"}',
    'X = {"a": "x\\n"}',
    'X = {"a": 1}',
    'X = {"a": "b" "c"}',
    'X = {"a" "b": "c"}',
    "X = {**base}",
    'X = {"a": """x"""}',
    'X = {"a": Truex}',
    'X = {"a": Trueé}',
    'X = {"a": u"x"}',
    'X = {"a": name}',
    "X = {a: 'x'}",
    'X = {"a": "x", \\\n "b": "y"}',
    'X = {"a": ("x")}',
    'X = {"a": "x",, "b": "y"}',
  ];
  for (const text of others) assert.equal(both(`${text}\n`).plain, null, text);
});

interface Evaluated {
  value: Value;
  hits: readonly LimitHit[];
}

/** The value bound to X and the budgets that ran out, read with dicts read from the text (`fast`) and through the tree only (`tree`), from one parse. */
function evaluated(text: string): { fast: Evaluated; tree: Evaluated } {
  const root = parsePython(parser, text).rootNode;
  const read = (plainDicts: boolean): Evaluated => {
    const info = analyzeModule(root, text);
    const ev = createEvaluator(info, { wrappers: new Set(), plainDicts });
    return { value: ev.evaluate(info.module.bindings.get("X")!.value!, ROOT_ENV), hits: ev.limitHits };
  };
  return { fast: read(true), tree: read(false) };
}

test("a dict a helper returns stands at the call, as the evaluator places it when reading it through the tree", () => {
  const text = ["def entry():", '    return {"name": "ix_a", "sql": "CREATE INDEX ix_a ON t (a)"}', "", "X = [entry()]", ""].join("\n");
  const { fast, tree } = evaluated(text);
  assert.deepEqual(fast, tree);
  const call = text.indexOf("entry()]");
  assert.equal(fast.value.kind, "list");
  const dict = fast.value.items[0];
  assert.equal(dict?.kind, "dict");
  const sql = dict.entries[1]?.value;
  assert.equal(sql?.kind, "str");
  // Every character of the SQL at the call site, none at the literal in the helper.
  assert.deepEqual(offsetsToArray(sql.offsets), Array<number>(26).fill(call));
});

test("a dict at the nesting budget's edge is read as the evaluator reads it, the budget hit included", () => {
  // Within 59 lists the dict's keys and values are read; within 60 each is one level too deep (a hit each); past that the dict or a list is.
  const hits = new Map([[57, 0], [58, 0], [59, 0], [60, 2], [61, 1], [62, 1]]);
  for (const [n, count] of hits) {
    const text = `X = ${"[".repeat(n)}{"a": "b"}${"]".repeat(n)}\n`;
    const { fast, tree } = evaluated(text);
    assert.deepEqual(fast, tree, `${n} lists`);
    assert.deepEqual(fast.hits.map((h) => h.limit), Array<string>(count).fill("depth"), `${n} lists`);
  }
});

test("a string at the length budget is read from the text; one character more is left to the evaluator, which reports it", () => {
  const { plain } = both(`X = {"sql": "${"a".repeat(1 << 20)}"}\n`);
  assert.equal(plain?.entries.length, 1);
  const longer = `X = {"sql": "${"a".repeat((1 << 20) + 1)}"}\n`;
  assert.equal(both(longer).plain, null);
  const { fast, tree } = evaluated(longer);
  assert.deepEqual(fast, tree);
  assert.deepEqual(fast.hits, [{ limit: "stringLength", index: 12, where: "expression" }]);
});
