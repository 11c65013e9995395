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
import { compareWithLibrary, libraryParser } from "../helpers/node-compare.js";
import { pythonFiles } from "../helpers/python-files.js";

const SKIP = requireComponent(DJANGO) || requireComponent(ALEMBIC);

test("syntax nodes: every node of Django, Alembic and SQLAlchemy answers as tree-sitter's own", { skip: SKIP }, () => {
  const where = spawnSync(PYTHON, ["-c", "import os, alembic, django, sqlalchemy\nfor m in (alembic, django, sqlalchemy): print(os.path.dirname(m.__file__))"], { encoding: "utf8" });
  assert.equal(where.status, 0, where.stderr);
  const files = where.stdout.trim().split("\n").flatMap((d) => pythonFiles(d, [])).sort();
  assert.ok(files.length > 1000, `found ${files.length} Python files`);
  const parser = libraryParser();
  const rng = makeRng(15);
  const total = { nodes: 0, sampled: 0, errors: 0 };
  for (const f of files) {
    const c = compareWithLibrary(parser, readFileSync(f, "utf8").replace(/^\uFEFF/, ""), rng, 0.005);
    assert.equal(c.difference, null, f);
    total.nodes += c.nodes;
    total.sampled += c.sampled;
    total.errors += c.errors;
  }
  assert.ok(total.nodes > 1_000_000 && total.sampled > 5_000, JSON.stringify(total));
});
