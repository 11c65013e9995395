import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { directiveSites } from "../src/python/directives.js";
import { createPythonParser, parsePython } from "../src/python/parser.js";
import { analyzeModule } from "../src/python/scope.js";

const parser = createPythonParser();

/** Whether a directive of `marker` at each `at` (text found in the source, from `from`) is accepted. */
function accepts(source: string, marker: "#" | "--", ...probes: { at: string; from?: number }[]): boolean[] {
  const sites = directiveSites(analyzeModule(parsePython(parser, source).rootNode, source), []);
  return probes.map(({ at, from = 0 }) => {
    const index = source.indexOf(at, from);
    assert.ok(index >= 0, `${at} not in the source`);
    return sites.accepts(marker, index);
  });
}

describe("where directives may stand", () => {
  it("a # directive in a comment, after code on its line or alone, on the first and the last line", () => {
    const source = '# first\nx = 1  # after code\n\ndef f():\n    return "a"  # in a function\n# last';
    assert.deepEqual(accepts(source, "#", { at: "# first" }, { at: "# after code" }, { at: "# in a function" }, { at: "# last" }), [true, true, true, true]);
  });

  it("not a # in a string, even on a line whose comment follows it", () => {
    const source = 'HELP = "# index-audit: ignore-file[x]"  # real comment\nSQL = f"{a} # {b}"\n';
    assert.deepEqual(accepts(source, "#", { at: "# index-audit" }, { at: "# real comment" }, { at: "# {b}" }), [false, true, false]);
  });

  it("not code, a comment's neighbour or the end of a comment", () => {
    const source = "x = 1 # c\ny = 2\n";
    assert.deepEqual(accepts(source, "#", { at: "x" }, { at: " # c" }, { at: "\ny" }, { at: "y" }), [false, false, false, false]);
  });

  it("a -- directive in a comment or inside a string (a SQL comment), not in code", () => {
    const source = 'SQL = """\n-- index-audit: ignore\nCREATE INDEX i ON t (a)\n"""\n# -- note\nz = a --b\n';
    assert.deepEqual(accepts(source, "--", { at: "-- index-audit" }, { at: "-- note" }, { at: "--b" }), [true, true, false]);
  });

  it("a -- directive in any part of an implicit concatenation, a docstring or an f-string's nested string; not between them", () => {
    const source = 'def f():\n    """Doc\n    -- in the docstring\n    """\n    q = (\n        "SELECT 1 "\n        "-- second part"\n    ) - a --c\n    g = f"{x} {\'-- nested\'}"\n';
    assert.deepEqual(accepts(source, "--", { at: "-- in the docstring" }, { at: "-- second part" }, { at: "--c" }, { at: "-- nested" }), [true, true, false, true]);
  });

  it("with CRLF and CR-only line ends", () => {
    const crlf = "x = 1\r\n# one\r\ny = '#'  # two\r\n";
    assert.deepEqual(accepts(crlf, "#", { at: "# one" }, { at: "#'" }, { at: "# two" }), [true, false, true]);
    const cr = "x = 1\r# one\ry = 2\n# two\n";
    assert.deepEqual(accepts(cr, "#", { at: "# one" }, { at: "# two" }), [true, true]);
  });

  it("in a comment inside brackets spanning lines", () => {
    const source = "CALL(\n    a,  # first arg\n    b,\n)\n";
    assert.deepEqual(accepts(source, "#", { at: "# first arg" }), [true]);
  });
});
