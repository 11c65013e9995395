import { describe, it } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";
import { assertGolden } from "./helpers/golden.js";
import { ROOT } from "./helpers/paths.js";

/**
 * The framework-source examples, read with no configuration (alembic.ini and
 * the directories of versioned .sql files are detected). Each has a
 * hand-checked manifest of its indexes and constraints (expected-*.tsv: every
 * row was read against the source line it names) and golden outputs.
 */
const PROJECTS = [
  { dir: "fixtures/alembic-example", indexes: 34, constraints: 27 },
  { dir: "fixtures/sql-example/flyway", indexes: 6, constraints: 4 },
  { dir: "fixtures/sql-example/dbmate", indexes: 5, constraints: 3 },
];

/** Runs the CLI standing in the example project, as its users do (paths are shown relative to where they stand). */
async function cli(dir: string, args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = fakeIo(resolve(ROOT, dir), {});
  const code = await run(args, io);
  return { code, out: io.out, err: io.err };
}

function tsv(path: string): string[] {
  return readFileSync(resolve(ROOT, path), "utf8").trimEnd().split("\n").slice(1);
}

interface JsonIndex {
  name: string;
  schema: string | null;
  table: string;
  unique: boolean;
  origin: string;
  file: string;
  line: number;
  column: number;
  effective: boolean;
}

interface JsonConstraint {
  name: string;
  schema: string | null;
  table: string;
  type: string;
  columns: string[];
  file: string;
  line: number;
  column: number;
  effective: boolean;
}

for (const p of PROJECTS) {
  describe(p.dir, () => {
    it("its inventory equals the hand-checked manifests", async () => {
      const { code, out, err } = await cli(p.dir, ["list", "--format", "json"]);
      assert.equal(err, "");
      assert.equal(code, 0);
      const doc = JSON.parse(out) as { indexes: JsonIndex[]; constraints: JsonConstraint[]; dynamic: unknown[]; errors: unknown[] };
      const indexes = doc.indexes.map((i) => [i.file, i.line, i.column, i.name, i.schema ?? "", i.table, i.unique, i.origin, i.effective].join("\t")).sort();
      const constraints = doc.constraints.map((c) => [c.file, c.line, c.column, c.name, c.schema ?? "", c.table, c.type, c.columns.join(","), c.effective].join("\t")).sort();
      assert.deepEqual(indexes, tsv(`${p.dir}/expected-indexes.tsv`).sort());
      assert.deepEqual(constraints, tsv(`${p.dir}/expected-constraints.tsv`).sort());
      assert.equal(indexes.length, p.indexes);
      assert.equal(constraints.length, p.constraints);
      assert.deepEqual([doc.dynamic, doc.errors], [[], []]);
    });

    it("list (JSON and table) and check's compact output match their golden files; the JSON follows its schema", async () => {
      mkdirSync(resolve(ROOT, p.dir, "expected"), { recursive: true });
      const list = await cli(p.dir, ["list", "--format", "json"]);
      assertGolden(list.out, resolve(ROOT, p.dir, "expected/list.json"));
      const schema = JSON.parse(readFileSync(resolve(ROOT, "schemas/list.schema.json"), "utf8")) as object;
      const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
      assert.equal(validate(JSON.parse(list.out)), true, JSON.stringify(validate.errors, null, 2));
      assertGolden((await cli(p.dir, ["list"])).out, resolve(ROOT, p.dir, "expected/list.txt"));
      const check = await cli(p.dir, ["check", "--format", "compact"]);
      assert.equal(check.err, "");
      assert.equal(check.code, 1);
      assertGolden(check.out, resolve(ROOT, p.dir, "expected/check.compact.txt"));
    });
  });
}
