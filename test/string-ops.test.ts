/**
 * Python's string operations over evaluated values, without a syntax tree:
 * each result's text and, for every character, the source index it came from.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { braceFormat, dedent, formatArg, joinParts, percentFormat, quotedIdentifier, strip } from "../src/python/string-ops.js";
import { concatStringLike, concatStrings, str, type StrValue, type TemplateValue, type Value } from "../src/python/values.js";
import { offsetsToArray } from "./helpers/offsets.js";

/** A literal whose characters start at source index `at`. */
const lit = (text: string, at: number): StrValue => str(text, Array.from({ length: text.length }, (_, k) => at + k));
/** A string value with its offsets written out, one per character, to compare with a list. */
const flat = (v: Value | TemplateValue | string | null): unknown => (v !== null && typeof v === "object" && v.kind === "str" ? { ...v, offsets: offsetsToArray(v.offsets) } : v);
const NOT_STRING: Value = { kind: "none" };
const notString = (): Value => NOT_STRING;

function joined(pieces: { parts: Value[] } | { reason: string }): StrValue | TemplateValue | string {
  if ("reason" in pieces) return pieces.reason;
  return concatStringLike(pieces.parts as (StrValue | TemplateValue)[]);
}

test("percentFormat: positional and named directives, %% and %r, offsets kept", () => {
  const r = joined(percentFormat(lit("CREATE INDEX %s ON %s (a) -- 100%%", 10), { kind: "list", items: [lit("ix", 50), lit("t", 60)], itemNodes: [null, null] }, notString));
  assert.deepEqual(flat(r), { kind: "str", text: "CREATE INDEX ix ON t (a) -- 100%", offsets: [...Array.from({ length: 13 }, (_, k) => 10 + k), 50, 51, 25, 26, 27, 28, 60, ...Array.from({ length: 11 }, (_, k) => 31 + k), 42] });
  const named = joined(percentFormat(lit("%(name)s", 0), { kind: "dict", entries: [{ key: lit("name", 90), value: lit("a", 95) }, { key: lit("name", 91), value: lit("b", 96) }], node: null }, notString));
  assert.deepEqual(flat(named), { kind: "str", text: "b", offsets: [96] });
  assert.deepEqual(flat(joined(percentFormat(lit("%r", 4), lit("x", 8), notString))), { kind: "str", text: "'x'", offsets: [4, 8, 4] });
  assert.deepEqual(flat(joined(percentFormat(lit("%d", 0), { kind: "num", value: 7, text: "7" }, notString))), { kind: "str", text: "7", offsets: [0] });
});

test("percentFormat: what it cannot follow, with the reason", () => {
  assert.equal(joined(percentFormat(lit("%5s", 0), lit("x", 9), notString)), "format directive not followed statically");
  assert.equal(joined(percentFormat(lit("%(a)s", 0), lit("x", 9), notString)), "named placeholder without a dict");
  assert.equal(joined(percentFormat(lit("%s %s", 0), lit("x", 9), notString)), "missing format argument");
  const list: Value = { kind: "list", items: [{ kind: "list", items: [], itemNodes: [] }], itemNodes: [null] };
  const r = percentFormat(lit("a%s", 0), list, notString);
  assert.ok("parts" in r);
  assert.equal(r.parts[1], NOT_STRING);
});

test("braceFormat: automatic, numbered and named fields, doubled braces", () => {
  const r = joined(braceFormat(lit("{}-{1}-{x}-{{}}", 0), [lit("a", 20), lit("b", 30)], new Map([["x", lit("c", 40)]]), notString));
  assert.deepEqual(flat(r), { kind: "str", text: "a-b-c-{}", offsets: [20, 2, 30, 6, 40, 10, 11, 13] });
  assert.equal(joined(braceFormat(lit("{", 0), [], new Map(), notString)), "unbalanced braces in format string");
  assert.equal(joined(braceFormat(lit("}", 0), [], new Map(), notString)), "unbalanced braces in format string");
  assert.equal(joined(braceFormat(lit("{a.b}", 0), [], new Map(), notString)), "format field not followed statically");
  assert.equal(joined(braceFormat(lit("{y}", 0), [], new Map(), notString)), "format argument {y} missing");
});

test("formatArg: strings, numbers, repr; null for what has no text", () => {
  assert.deepEqual(flat(formatArg(lit("ab", 3), 100, true)), { kind: "str", text: "'ab'", offsets: [100, 3, 4, 100] });
  assert.deepEqual(flat(formatArg({ kind: "num", value: 2, text: "2" }, 7, false)), { kind: "str", text: "2", offsets: [7] });
  assert.equal(formatArg({ kind: "dict", entries: [], node: null }, 0, false), null);
});

test("dedent, strip, join and quoted identifiers keep each character's source index", () => {
  const d = dedent(lit("\n    CREATE INDEX i\n      ON t (a)\n  \n", 0));
  assert.deepEqual(flat(d), { kind: "str", text: "\nCREATE INDEX i\n  ON t (a)\n\n", offsets: [0, ...Array.from({ length: 14 }, (_, k) => 5 + k), 19, ...Array.from({ length: 10 }, (_, k) => 24 + k), 34, 37] });
  // Lines that come from two literals: each keeps its own source.
  assert.deepEqual(flat(dedent(concatStrings([lit("\n  a\n", 0), lit("  b\n", 50)]))), { kind: "str", text: "\na\nb\n", offsets: [0, 3, 4, 52, 53] });
  assert.deepEqual(flat(strip(lit("  a b \n", 0), "strip")), { kind: "str", text: "a b", offsets: [2, 3, 4] });
  assert.deepEqual(flat(strip(lit("  a ", 0), "lstrip")), { kind: "str", text: "a ", offsets: [2, 3] });
  assert.deepEqual(flat(strip(lit("  a ", 0), "rstrip")), { kind: "str", text: "  a", offsets: [0, 1, 2] });
  assert.deepEqual(joinParts(lit(", ", 0), [lit("a", 5), lit("b", 6)]), [lit("a", 5), lit(", ", 0), lit("b", 6)]);
  assert.deepEqual(joinParts(lit(", ", 0), []), []);
  assert.deepEqual(flat(quotedIdentifier([lit("crm", 10), lit('le"ads', 20)], 99)), { kind: "str", text: '"crm"."le""ads"', offsets: [99, 10, 11, 12, 99, 99, 99, ...Array.from({ length: 7 }, () => 99), 99] });
});
