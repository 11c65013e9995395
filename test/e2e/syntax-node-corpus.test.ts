/**
 * Our syntax nodes against tree-sitter's own on real code: every Python file
 * of Debian's Django, Alembic and SQLAlchemy, as installed, node by node
 * (test/helpers/node-compare.ts), every member on a seeded sample.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { ALEMBIC, DJANGO, PYTHON, requireComponent } from "../helpers/component.js";
import { makeRng } from "../helpers/fuzz.js";
import { compareWithLibrary, libraryParser, notedParentDifference } from "../helpers/node-compare.js";
import { pythonFiles } from "../helpers/python-files.js";

const SKIP = requireComponent(DJANGO) || requireComponent(ALEMBIC);

/** Every Python file of the installed Django, Alembic and SQLAlchemy. */
function corpus(): string[] {
  const where = spawnSync(PYTHON, ["-c", "import os, alembic, django, sqlalchemy\nfor m in (alembic, django, sqlalchemy): print(os.path.dirname(m.__file__))"], { encoding: "utf8" });
  assert.equal(where.status, 0, where.stderr);
  const files = where.stdout.trim().split("\n").flatMap((d) => pythonFiles(d, [])).sort();
  assert.ok(files.length > 1000, `found ${files.length} Python files`);
  return files;
}

const read = (f: string): string => readFileSync(f, "utf8").replace(/^\uFEFF/, "");

test("syntax nodes: every node of Django, Alembic and SQLAlchemy answers as tree-sitter's own", { skip: SKIP }, () => {
  const files = corpus();
  const parser = libraryParser();
  const rng = makeRng(15);
  const total = { nodes: 0, sampled: 0, errors: 0 };
  for (const f of files) {
    const c = compareWithLibrary(parser, read(f), rng, 0.005);
    assert.equal(c.difference, null, f);
    total.nodes += c.nodes;
    total.sampled += c.sampled;
    total.errors += c.errors;
  }
  assert.ok(total.nodes > 1_000_000 && total.sampled > 5_000, JSON.stringify(total));
});

test("syntax nodes: the parents the analysis notes on Django, Alembic and SQLAlchemy are tree-sitter's own", { skip: SKIP }, () => {
  const parser = libraryParser();
  let definitions = 0;
  for (const f of corpus()) {
    const d = notedParentDifference(parser, read(f));
    assert.equal(d.difference, null, f);
    definitions += d.definitions;
  }
  assert.ok(definitions > 10_000, `definitions: ${definitions}`);
});
