/**
 * The shortcuts the Alembic and Django readers take past the static
 * evaluator must read what it reads: a plain literal's text, a keyword's
 * name, a call's keyword values.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { SyntaxNode } from "../src/python/syntax-node.js";
import { createEvaluator, ROOT_ENV } from "../src/python/evaluate.js";
import { createPythonParser, parsePython } from "../src/python/parser.js";
import { analyzeModule } from "../src/python/scope.js";
import { KeywordArguments } from "../src/sources/django/kwargs.js";
import { keywordName, keywordNameAt, plainLiteral } from "../src/sources/literal.js";

const parser = createPythonParser();

/** The value expressions of `x0 = ...`, `x1 = ...` (one per line), with an evaluator over the module. */
function values(lines: string[]): { nodes: SyntaxNode[]; evaluate: (n: SyntaxNode) => string | null } {
  const text = lines.map((l, i) => `x${i} = ${l}`).join("\n") + "\n";
  const root = parsePython(parser, text).rootNode;
  const info = analyzeModule(root, text);
  const evaluator = createEvaluator(info, { wrappers: new Set() });
  const nodes = lines.map((_, i) => info.module.bindings.get(`x${i}`)!.value!);
  return {
    nodes,
    evaluate: (n) => {
      const v = evaluator.evaluate(n, ROOT_ENV);
      return v.kind === "str" ? v.text : null;
    },
  };
}

test("a plain literal is read from its text exactly as the evaluator reads it; anything else is left to the evaluator", () => {
  const literals = ['"ix_t_a"', "'ix_t_a'", '""', "''", '"a b {c}"', '"naïve"', '"it\'s"', "'say \"hi\"'", '"a\\nb"', "'a\\'b'", 'f"ix_{t}"', 'r"a\\d"', 'b"x"', 'u"x"', '"""doc"""', "'''doc'''", '"a" "b"', "NAME", "1"];
  const { nodes, evaluate } = values(literals);
  assert.deepEqual(
    nodes.map((n) => plainLiteral(n)),
    ["ix_t_a", "ix_t_a", "", "", "a b {c}", "naïve", "it's", 'say "hi"', null, null, null, null, null, null, null, null, null, null, null],
  );
  // Where it answers, the evaluator gives the same text.
  for (const n of nodes) {
    const plain = plainLiteral(n);
    if (plain !== null) assert.equal(plain, evaluate(n));
  }
});

test("a keyword's name is read at the argument's start when plain, else asked of the tree; a call's keyword values are what a Map filled in order holds", () => {
  const text = 'f(a=1, b = "x", c=\n    [2],  # note\n    d  # why\n    =3, a=4)\n';
  const root = parsePython(parser, text).rootNode;
  const call = root.firstNamedChild!.firstNamedChild!;
  const kws = call.childForFieldName("arguments")!.namedChildren.filter((c) => c.type === "keyword_argument");
  assert.deepEqual(kws.map((k) => keywordNameAt(k, text)), ["a", "b", "c", "d", "a"]);
  // From the argument's own text (Alembic's reader), the same names.
  assert.deepEqual(kws.map((k) => keywordName(k)), ["a", "b", "c", "d", "a"]);
  const lazy = new KeywordArguments();
  const eager = new Map<string, SyntaxNode>();
  for (const k of kws) {
    lazy.add(keywordNameAt(k, text)!, k);
    eager.set(k.childForFieldName("name")!.text, k.childForFieldName("value")!);
  }
  assert.equal(lazy.get("a")?.text, "4");
  assert.equal(lazy.has("e"), false);
  assert.deepEqual([...lazy].map(([k, v]) => `${k}=${v.text}`), [...eager].map(([k, v]) => `${k}=${v.text}`));
  assert.deepEqual([...lazy].map(([k, v]) => `${k}=${v.text}`), ["a=4", 'b="x"', "c=[2]", "d=3"]);
  assert.equal(lazy.size, 4);
});
