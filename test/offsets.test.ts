/** Source offsets held as runs: every operation must give what the one-number-per-character list gives. */
import { test } from "node:test";
import assert from "node:assert/strict";
import { concatOffsets, NO_OFFSETS, offsetAt, offsetsAt, offsetsOf, offsetsSpan, sliceOffsets } from "../src/python/offsets.js";
import { offsetsToArray } from "./helpers/offsets.js";
import { createEvaluator, ROOT_ENV } from "../src/python/evaluate.js";
import { createPythonParser, parsePython } from "../src/python/parser.js";
import { analyzeModule } from "../src/python/scope.js";

test("a literal's characters are one run; an escape or a jump starts another", () => {
  const o = offsetsOf([10, 11, 12, 20, 20, 20, 7, 30, 31]);
  assert.deepEqual(o, { length: 9, runs: [0, 10, 1, 3, 20, 0, 6, 7, 0, 7, 30, 1] });
  assert.deepEqual(offsetsToArray(o), [10, 11, 12, 20, 20, 20, 7, 30, 31]);
  assert.deepEqual(offsetsOf([]), NO_OFFSETS);
  assert.deepEqual(offsetsOf([5]), { length: 1, runs: [0, 5, 0] });
});

test("at, span and concat; at reads from the end with a negative index and is undefined past either end", () => {
  assert.deepEqual(offsetsToArray(offsetsAt(4, 3)), [4, 4, 4]);
  assert.deepEqual(offsetsToArray(offsetsSpan(4, 3)), [4, 5, 6]);
  assert.deepEqual(offsetsAt(4, 0), NO_OFFSETS);
  const joined = concatOffsets([offsetsSpan(0, 3), offsetsSpan(3, 2), offsetsAt(9, 2), offsetsSpan(9, 1)]);
  assert.deepEqual(joined, { length: 8, runs: [0, 0, 1, 5, 9, 0] });
  assert.deepEqual(offsetsToArray(joined), [0, 1, 2, 3, 4, 9, 9, 9]);
  assert.equal(offsetAt(joined, 0), 0);
  assert.equal(offsetAt(joined, 4), 4);
  assert.equal(offsetAt(joined, 5), 9);
  assert.equal(offsetAt(joined, -1), 9);
  assert.equal(offsetAt(joined, -8), 0);
  assert.equal(offsetAt(joined, 8), undefined);
  assert.equal(offsetAt(joined, -9), undefined);
});

test("every slice, concatenation and lookup matches the plain list (deterministic random lists)", () => {
  let seed = 7;
  const next = (n: number): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed % n;
  };
  for (let round = 0; round < 300; round++) {
    const list: number[] = [];
    const n = next(30);
    for (let i = 0; i < n; i++) list.push(next(4) === 0 ? next(100) : next(3) === 0 ? (list.at(-1) ?? 0) : (list.at(-1) ?? 0) + 1);
    const o = offsetsOf(list);
    assert.deepEqual(offsetsToArray(o), list);
    for (let i = -n - 1; i <= n; i++) assert.equal(offsetAt(o, i), list.at(i));
    const a = next(n + 3);
    const b = next(n + 3);
    assert.deepEqual(offsetsToArray(sliceOffsets(o, a, b)), list.slice(a, b));
    assert.deepEqual(offsetsToArray(sliceOffsets(o, a)), list.slice(a));
    const other = offsetsOf(list.slice(0, next(n + 1)).reverse());
    assert.deepEqual(offsetsToArray(concatOffsets([o, other, o])), [...list, ...offsetsToArray(other), ...list]);
    assert.deepEqual(offsetsToArray(concatOffsets([sliceOffsets(o, 0, a), sliceOffsets(o, a)])), list);
  }
});

/** The text and per-character source offsets of `xN = …` (the module's Nth line), as the evaluator reads it. */
function evaluated(lines: readonly string[]): { text: string; at: (line: number) => number; read: (line: number) => { text: string; offsets: number[] } | null } {
  const text = lines.map((l, i) => `x${i} = ${l}`).join("\n") + "\n";
  const info = analyzeModule(parsePython(createPythonParser(), text).rootNode, text);
  const evaluator = createEvaluator(info, { wrappers: new Set() });
  return {
    text,
    // Where the value of line `n` starts in the source.
    at: (n) => text.indexOf(`x${n} = `) + `x${n} = `.length,
    read: (n) => {
      const v = evaluator.evaluate(info.module.bindings.get(`x${n}`)!.value!, ROOT_ENV);
      return v.kind === "str" ? { text: v.text, offsets: offsetsToArray(v.offsets) } : null;
    },
  };
}

test("a literal's escapes, astral characters, implicit concatenation and f-string placeholders map to their source characters", () => {
  const m = evaluated(['"a\\nb\\x41\u{1F600}\\U0001F600c"', "\"ab\" 'c'", '"tt"', 'f"i{x2}{{z"', "r'\\d' \"\\t\"", '"ab" + x2']);
  // `\n` and `\x41` stand at their backslash; the astral character written as is keeps both its UTF-16 units' own indices; written `\U…`, both at the backslash.
  let b = m.at(0);
  assert.deepEqual(m.read(0), { text: "a\nbA\u{1F600}\u{1F600}c", offsets: [b + 1, b + 2, b + 4, b + 5, b + 9, b + 10, b + 11, b + 11, b + 21] });
  b = m.at(1);
  assert.deepEqual(m.read(1), { text: "abc", offsets: [b + 1, b + 2, b + 6] });
  const t = m.at(2);
  b = m.at(3);
  // The placeholder brings its value's own offsets; a doubled brace stands at its first brace.
  assert.deepEqual(m.read(3), { text: "itt{z", offsets: [b + 2, t + 1, t + 2, b + 7, b + 9] });
  b = m.at(4);
  // In a raw string the backslash and the letter after it both stand at the backslash.
  assert.deepEqual(m.read(4), { text: "\\d\t", offsets: [b + 2, b + 2, b + 7] });
  b = m.at(5);
  assert.deepEqual(m.read(5), { text: "abtt", offsets: [b + 1, b + 2, t + 1, t + 2] });
});
