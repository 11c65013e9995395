import assert from "node:assert/strict";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, describe, it } from "node:test";
import { RULES } from "../rules/index.js";
import { addToCatalog, addToReadmeTable, addToSchema, scaffoldRule } from "../scripts/new-rule.js";
import { ROOT } from "./helpers/paths.js";

const temps: string[] = [];
after(() => {
  for (const d of temps) rmSync(d, { recursive: true, force: true });
});

/** A temporary copy of the files the scaffolder reads. */
function catalogCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-new-rule-"));
  temps.push(dir);
  mkdirSync(join(dir, "rules"));
  mkdirSync(join(dir, "schemas"));
  cpSync(join(ROOT, "rules/index.ts"), join(dir, "rules/index.ts"));
  cpSync(join(ROOT, "schemas/config.schema.json"), join(dir, "schemas/config.schema.json"));
  cpSync(join(ROOT, "README.md"), join(dir, "README.md"));
  return dir;
}

describe("npm run new-rule", () => {
  it("writes the rule, its README and fixtures, and adds it to the catalog, the schema and the rules table in id order", () => {
    const dir = catalogCopy();
    const written = scaffoldRule(dir, "index-on-hot-table");
    assert.deepEqual(written, [
      "rules/index-on-hot-table/index.ts",
      "rules/index-on-hot-table/README.md",
      "fixtures/rules/index-on-hot-table/valid/clean/server/db_migrate.py",
      "fixtures/rules/index-on-hot-table/valid/clean/server/db_indexes.py",
      "fixtures/rules/index-on-hot-table/invalid/fires/server/db_migrate.py",
      "fixtures/rules/index-on-hot-table/invalid/fires/server/db_indexes.py",
      "fixtures/rules/index-on-hot-table/invalid/fires/expected.txt",
      "rules/index.ts",
      "schemas/config.schema.json",
      "README.md",
    ]);
    for (const path of written) assert.ok(existsSync(join(dir, path)), path);

    const catalog = readFileSync(join(dir, "rules/index.ts"), "utf8").split("\n");
    const imported = catalog.indexOf('import { rule as indexOnHotTable } from "./index-on-hot-table/index.js";');
    assert.equal(catalog[imported - 1], 'import { rule as indexNotConcurrent } from "./index-not-concurrent/index.js";');
    assert.equal(catalog[imported + 1], 'import { rule as invalidSql } from "./invalid-sql/index.js";');
    const listed = catalog.indexOf("  indexOnHotTable,");
    assert.deepEqual([catalog[listed - 1], catalog[listed + 1]], ["  indexNotConcurrent,", "  invalidSql,"]);

    const schema = JSON.parse(readFileSync(join(dir, "schemas/config.schema.json"), "utf8")) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    assert.deepEqual(schema.properties.rules.propertyNames.enum, [...RULES.map((r) => r.id), "index-on-hot-table"].sort());

    const readme = readFileSync(join(dir, "README.md"), "utf8");
    assert.match(readme, /\| \[`index-not-concurrent`\][^\n]*\n\| \[`index-on-hot-table`\]\(rules\/index-on-hot-table\/README\.md\) \| error \| no \| Describe in one line what index-on-hot-table catches \|\n\| \[`invalid-sql`\]/);

    const doc = readFileSync(join(dir, "rules/index-on-hot-table/README.md"), "utf8");
    assert.equal(doc.split("\n")[2], "Default severity: **error**. Type: **problem**. Fixable: **no**. Suggestions: **no**.");
    for (const s of ["## What it does", "## Why it matters", "## Example that fires", "## Fixed example", "## Options"]) assert.ok(doc.includes(`\n${s}\n`), s);
    assert.match(readFileSync(join(dir, "rules/index-on-hot-table/index.ts"), "utf8"), /^ {2}id: "index-on-hot-table",$/m);
  });

  it("refuses an id that is not kebab-case, and a rule that exists, writing nothing", () => {
    const dir = catalogCopy();
    const before = readFileSync(join(dir, "rules/index.ts"), "utf8");
    assert.throws(() => scaffoldRule(dir, "Index_On_Hot"), { message: "rule id 'Index_On_Hot' must be lowercase words joined by hyphens (e.g. index-on-hot-table)" });
    assert.throws(() => scaffoldRule(dir, ""), /rule id '' must be lowercase/);
    mkdirSync(join(dir, "rules/redundant-index"));
    assert.throws(() => scaffoldRule(dir, "redundant-index"), { message: "rules/redundant-index exists already" });
    assert.equal(readFileSync(join(dir, "rules/index.ts"), "utf8"), before);
    assert.equal(existsSync(join(dir, "fixtures")), false);
  });

  it("puts a rule first and last in each list", () => {
    const catalog = readFileSync(join(ROOT, "rules/index.ts"), "utf8");
    const first = addToCatalog(catalog, "aaa-first").split("\n");
    assert.equal(first.findIndex((l) => l.includes("./aaa-first/")) + 1, first.findIndex((l) => l.includes("./alembic-revision-graph/")));
    assert.equal(first[first.indexOf("export const RULES: readonly AnyRule[] = [") + 1], "  aaaFirst,");
    const last = addToCatalog(catalog, "zzz-last").split("\n");
    assert.equal(last[last.indexOf("];") - 1], "  zzzLast,");
    const schema = JSON.parse(addToSchema(readFileSync(join(ROOT, "schemas/config.schema.json"), "utf8"), "zzz-last")) as { properties: { rules: { propertyNames: { enum: string[] } } } };
    assert.equal(schema.properties.rules.propertyNames.enum.at(-1), "zzz-last");
    const table = addToReadmeTable(readFileSync(join(ROOT, "README.md"), "utf8"), "zzz-last");
    assert.match(table, /\| \[`zzz-last`\][^\n]*\n<!-- \/rules-table -->/);
  });
});
