import assert from "node:assert/strict";
import { it } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../src/project/analyze.js";
import type { Inventory } from "../src/model/types.js";

/**
 * What a search_path does to replay's other readings: the columns a table
 * certainly has (ADD COLUMN IF NOT EXISTS), and the elements of a CREATE SCHEMA.
 */
const toolkit = createToolkit();

async function inventory(sql: string): Promise<Inventory> {
  const inv = await analyzeProject({ migrations: [], registry: null, sources: [{ kind: "sql", files: [{ path: "V1__a.sql", text: sql }], plan: null }] }, DEFAULT_ANALYZE_OPTIONS, toolkit);
  assert.deepEqual([inv.errors, inv.dynamic], [[], []]);
  return inv;
}

/** Each constraint: schema (`-` unqualified), name, and whether it is made. */
async function constraints(sql: string): Promise<string[]> {
  return (await inventory(sql)).constraints.map((c) => `${c.schema ?? "-"}.${c.name} ${c.effective ? "made" : "not made"}`);
}

it("under a path replay knows, an unqualified table is that schema's: its columns are followed as if it were written so", async () => {
  assert.deepEqual(
    await constraints(`CREATE SCHEMA app;
SET search_path = app;
CREATE TABLE t (id int, email text);
ALTER TABLE t ADD COLUMN IF NOT EXISTS email text UNIQUE;
ALTER TABLE app.t ADD COLUMN IF NOT EXISTS id int CONSTRAINT t_id_uq UNIQUE;
ALTER TABLE t ADD COLUMN IF NOT EXISTS code text UNIQUE;
`),
    ["app.t_email_key not made", "app.t_id_uq not made", "app.t_code_key made"],
  );
});

it("under a path that leaves the table's schema unknown, every table of the name is forgotten: the constraints are listed as made", async () => {
  assert.deepEqual(
    await constraints(`CREATE TABLE t (id int, email text);
SET search_path = elsewhere, public;
ALTER TABLE t ADD COLUMN IF NOT EXISTS email text UNIQUE;
ALTER TABLE public.t ADD COLUMN IF NOT EXISTS id int CONSTRAINT t_id_uq UNIQUE;
`),
    ["-.t_email_key made", "public.t_id_uq made"],
  );
});

it("a table a CREATE SCHEMA's element made is found through the path", async () => {
  const inv = await inventory(`CREATE SCHEMA app CREATE TABLE t (a int);
SET search_path = app;
CREATE INDEX t_a ON t (a);
`);
  assert.deepEqual(
    inv.indexes.map((d) => [d.schema, d.name, d.schemaNotKnown ?? false]),
    [["app", "t_a", false]],
  );
});
