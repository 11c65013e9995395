/**
 * The lean parse (comment runs left out of tree-sitter's input) against a
 * full parse on real code: every Python file of Debian's Django, Alembic and
 * SQLAlchemy, as installed, must give the same tree, comments aside.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createPythonParser, parsePython, parsePythonLean } from "../../src/python/parser.js";
import { ALEMBIC, DJANGO, PYTHON, requireComponent } from "../helpers/component.js";
import { firstDifference, nodesWithoutComments } from "../helpers/lean-parse.js";
import { pythonFiles } from "../helpers/python-files.js";

const SKIP = requireComponent(DJANGO) || requireComponent(ALEMBIC);

test("lean parse: Django, Alembic and SQLAlchemy sources give the full parse's tree", { skip: SKIP }, () => {
  const where = spawnSync(PYTHON, ["-c", "import os, alembic, django, sqlalchemy\nfor m in (alembic, django, sqlalchemy): print(os.path.dirname(m.__file__))"], { encoding: "utf8" });
  assert.equal(where.status, 0, where.stderr);
  const files = where.stdout.trim().split("\n").flatMap((d) => pythonFiles(d, [])).sort();
  assert.ok(files.length > 1000, `found ${files.length} Python files`);
  const parser = createPythonParser();
  let lean = 0;
  for (const f of files) {
    const text = readFileSync(f, "utf8").replace(/^\uFEFF/, "");
    const parsed = parsePythonLean(parser, text);
    if (parsed.commentRuns.length > 0) lean++;
    const diff = firstDifference(nodesWithoutComments(parsePython(parser, text)), nodesWithoutComments(parsed.tree));
    assert.equal(diff, null, `${f}: ${diff ?? ""}`);
  }
  // Most of these files have comment runs between statements: the lean path must carry them.
  assert.ok(lean > files.length / 3, `files with a run left out: ${lean} of ${files.length}`);
});
