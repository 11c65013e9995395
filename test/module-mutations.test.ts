/**
 * Which `X += …` and `X.append(…)` statements analyzeModule records as changes
 * of a binding it can follow: only statements standing directly in the
 * binding's own scope (not in an `if`, a loop, a nested function, a broken
 * stretch of the file, or inside another expression). One in an `if`, a loop
 * or another expression of the same scope may run any number of times: the
 * name is then not known (never its value as first assigned).
 */
import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createPythonParser, parsePython } from "../src/python/parser.js";
import { analyzeModule, type Scope } from "../src/python/scope.js";

const parser = createPythonParser();

/** For each name: how many times it is bound in the scope, whether it keeps a value, and the lines of its recorded mutations. */
function bindingsOf(scope: Scope): Record<string, [number, boolean, number[]]> {
  const out: Record<string, [number, boolean, number[]]> = {};
  for (const [name, b] of [...scope.bindings].sort((x, y) => (x[0] < y[0] ? -1 : 1))) out[name] = [b.count, b.value !== null, b.mutations.map((m) => m.startPosition.row + 1)];
  return out;
}

/** The scope of the function or class whose node has `type` and the first such name. */
function scopeNamed(info: ReturnType<typeof analyzeModule>, type: string, name: string): Scope {
  const found = [...info.scopes.values()].find((s) => s.node.type === type && s.node.childForFieldName("name")?.text === name);
  assert.ok(found, `${type} ${name} not found`);
  return found;
}

function analyzed(lines: string[]) {
  const source = lines.join("\n") + "\n";
  return analyzeModule(parsePython(parser, source).rootNode, source);
}

describe("mutations analyzeModule records", () => {
  it("at module level: statements of the module; one in an if, a loop or inside another call makes the name not known", () => {
    const info = analyzed(['SQL = "A"', 'SQL += " B"', "L = []", 'L.append("x")', "if FLAG:", '    L.append("y")', 'print(L.append("z"))', "for i in R:", '    L.extend(["w"])', 'L.extend(["v"])']);
    const b = bindingsOf(info.module);
    assert.deepEqual(b.L, [5, false, [4]]);
    assert.deepEqual(b.SQL, [1, true, [2]]);
    assert.deepEqual(b.i, [1, false, []]);
  });

  it("in a function: its own body only; an `if` inside it makes `+=` an unfollowed rebinding", () => {
    const info = analyzed(["def up(conn):", '    sql = "A"', '    sql += " B"', "    parts = []", '    parts.append("p")', "    if conn:", '        sql += " C"', "    def inner():", '        parts.append("q")', '    conn.execute(sql + "".join(parts))']);
    const fn = scopeNamed(info, "function_definition", "up");
    const b = bindingsOf(fn);
    assert.deepEqual(b.sql, [2, false, [3]]);
    assert.deepEqual(b.parts, [1, true, [5]]);
  });

  it("in a class body, and in a one-line `if` body", () => {
    const info = analyzed(["class M:", "    ITEMS = []", '    ITEMS.append("a")', '    if X: ITEMS.append("b")', 'TOTAL = "t"', 'if X: TOTAL += "u"']);
    const cls = scopeNamed(info, "class_definition", "M");
    assert.deepEqual(bindingsOf(cls).ITEMS, [2, false, [3]]);
    assert.deepEqual(bindingsOf(info.module).TOTAL, [2, false, []]);
  });

  it("by the method's whole name: spaces, a line break or a comment before it (one in parentheses is inside an expression); not a longer non-ASCII name ending in one", () => {
    const info = analyzed(["L = []", 'L . append("a")', "L.\\", '    extend(["b"])', "(L.  # the list", '    append("c"))', 'L.éappend("d")', 'L.ßort()', 'L.x_sort()']);
    assert.deepEqual(bindingsOf(info.module).L, [2, false, [2, 3]]);
    const sorted = analyzed(["L = []", "L.sort()"]);
    assert.deepEqual(bindingsOf(sorted.module).L, [2, false, []]);
  });

  it("not in a broken stretch of the file", () => {
    const info = analyzed(['S = "a"', "def f(:", '    S += "b"', 'S += "c"']);
    assert.deepEqual(bindingsOf(info.module).S, [1, true, [4]]);
  });
});
