import assert from "node:assert/strict";
import { readFileSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import { Ajv } from "ajv";
import { describe, it } from "node:test";
import { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS } from "../src/project/analyze.js";
import { PLAIN } from "../src/format/color.js";
import { formatListTable, inventoryToJson } from "../src/format/list.js";
import { searchPathScope } from "../src/model/search-path-scope.js";
import type { Inventory } from "../src/model/types.js";
import { run } from "../src/index.js";
import { fakeIo } from "./helpers/io.js";
import { ROOT } from "./helpers/paths.js";
import { writeProject } from "./helpers/project.js";
import { leftBehind } from "./helpers/answer-key.js";
import { SEARCH_PATH_PAST_PUBLIC_SQL } from "./helpers/replay-scenarios.js";
import { analyzeAlembic } from "./helpers/alembic.js";

const toolkit = createToolkit();

/** The inventory of `.sql` files (Flyway's layout, or sqitch's with a plan). */
async function inventory(files: Record<string, string>, plan: string | null = null): Promise<Inventory> {
  const inv = await analyzeProject(
    { migrations: [], registry: null, sources: [{ kind: "sql", files: Object.entries(files).map(([path, text]) => ({ path, text })), plan: plan === null ? null : { path: "sqitch.plan", text: plan } }] },
    DEFAULT_ANALYZE_OPTIONS,
    toolkit,
  );
  assert.deepEqual(inv.errors, []);
  return inv;
}

/** Each index as `schema.name` (`?` for a schema not known, `-` for unqualified), and whether it is effective. */
function placed(inv: Inventory): string[] {
  return inv.indexes.map((d) => `${d.schemaNotKnown ? "?" : (d.schema ?? "-")}.${d.name}${d.effective ? "" : " (not effective)"}`);
}

describe("search_path: a schema replay made empty, after SQL it does not read", () => {
  it("a DO block (or a function's body) may make tables in it: an unqualified table is then not known to be public's", async () => {
    const inv = await inventory({
      "V1__a.sql": "CREATE SCHEMA s;\nCREATE TABLE t (id int);\nDO $$ BEGIN EXECUTE 'CREATE TABLE s.t (id int)'; END $$;\nSET search_path = s, public;\nCREATE INDEX t_id ON t (id);\n",
    });
    assert.deepEqual(placed(inv), ["?.t_id"]);
  });
});

describe("search_path: unqualified names under a path replay knows", () => {
  it("SET puts what follows in the first schema of the path that exists; the index is made in its table's schema", async () => {
    const inv = await inventory({
      "V1__a.sql": `CREATE SCHEMA app;
SET search_path TO app, public;
CREATE TABLE t (a int PRIMARY KEY, b int UNIQUE);
CREATE INDEX t_a ON t (a);
DROP SCHEMA IF EXISTS gone CASCADE;
SET search_path = gone, 'app';
CREATE TABLE u (a int);
CREATE INDEX u_a ON u (a);
`,
    });
    assert.deepEqual(placed(inv), ["app.t_a", "app.u_a"]);
    assert.deepEqual(
      inv.constraints.map((c) => `${c.schema ?? "-"}.${c.name}`),
      ["app.t_b_key", "app.t_pkey"],
    );
    // Read as the qualified statement would be: its definition names the table it is on.
    assert.match(inv.indexes[0]!.definition, /"table":"app\.t"/);
  });

  it("a reference finds the first schema of the path that holds the table: one only in the second schema", async () => {
    const inv = await inventory({
      "V1__a.sql": `CREATE TABLE only_public (a int);
CREATE SCHEMA app;
CREATE TABLE app.shared (a int);
CREATE TABLE public.shared (a int);
SET search_path TO app, public;
CREATE INDEX op_a ON only_public (a);
CREATE INDEX shared_a ON shared (a);
DROP INDEX op_a;
`,
    });
    assert.deepEqual(placed(inv), ["public.op_a (not effective)", "app.shared_a"]);
  });

  it("public first: a name public does not hold (it starts empty) is found further along the path, as chado's upgrades drop and rename there", async () => {
    const inv = await inventory({ "V1__a.sql": SEARCH_PATH_PAST_PUBLIC_SQL });
    assert.deepEqual(placed(inv), ["s2.ft_a (not effective)", "s2.ft_b", "s2.ft_c (not effective)", "s2.ft_a"]);
    assert.deepEqual(
      inv.indexes.map((d) => d.renamedTo),
      [null, "ft_b2", null, null],
    );
    assert.deepEqual(leftBehind(inv), ["s2.ft_a", "s2.ft_b2"]);
  });

  it("public first, in Alembic revisions: tables no statement read made may be in public (the ORM's create_all), so a name is not known to be further along the path", async () => {
    const sql = SEARCH_PATH_PAST_PUBLIC_SQL.split(";\n").filter((st) => st.trim() !== "");
    const revision = ["from alembic import op", "", 'revision = "a1"', "down_revision = None", "", "", "def upgrade():", ...sql.map((st) => `    op.execute(${JSON.stringify(st)})`), ""].join("\n");
    const inv = await analyzeAlembic(toolkit, { "migrations/versions/a1.py": revision });
    assert.deepEqual(inv.errors, []);
    // DROP INDEX ft_a and the rename may have found public's: s2's stay as they were made.
    assert.deepEqual(placed(inv), ["s2.ft_a", "s2.ft_b", "s2.ft_c", "?.ft_a"]);
  });

  it("not known: a first schema replay never saw made, `$user`, a value that is no literal, a table the schema may hold", async () => {
    const inv = await inventory({
      "V1__a.sql": `SET search_path TO elsewhere, public;
CREATE TABLE u (a int);
CREATE INDEX u_a ON u (a);
SET search_path TO "$user", public;
CREATE TABLE v (a int);
CREATE INDEX v_a ON v (a);
SET search_path TO \${schema};
CREATE TABLE w (a int);
CREATE INDEX w_a ON w (a);
SET search_path TO public, elsewhere;
CREATE INDEX x_a ON x (a);
`,
    });
    assert.deepEqual(placed(inv), ["?.u_a", "?.v_a", "?.w_a", "?.x_a"]);
    assert.match(formatListTable(inv, PLAIN), /schema not known: search_path set/);
    const schema = JSON.parse(readFileSync(resolve(ROOT, "schemas/list.schema.json"), "utf8")) as object;
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    const doc = inventoryToJson(inv) as { indexes: { schemaNotKnown?: boolean }[] };
    assert.equal(validate(doc), true, JSON.stringify(validate.errors, null, 2));
    assert.deepEqual(doc.indexes.map((d) => d.schemaNotKnown), [true, true, true, true]);
  });

  it("SET LOCAL lasts to COMMIT, set_config(…, true) too; RESET and set_config(…, false) go back to the session's path", async () => {
    const inv = await inventory({
      "V1__a.sql": `CREATE SCHEMA app;
BEGIN;
SET LOCAL search_path TO app;
CREATE TABLE a (x int);
CREATE INDEX a_x ON a (x);
COMMIT;
CREATE TABLE b (x int);
CREATE INDEX b_x ON b (x);
SELECT set_config('search_path', 'app', false);
CREATE TABLE c (x int);
CREATE INDEX c_x ON c (x);
RESET search_path;
CREATE TABLE d (x int);
CREATE INDEX d_x ON d (x);
BEGIN;
SELECT set_config('search_path', 'App,public', true);
CREATE INDEX a_x2 ON a (x);
END;
CREATE INDEX d_x2 ON d (x);
`,
    });
    assert.deepEqual(placed(inv), ["app.a_x", "-.b_x", "app.c_x", "-.d_x", "app.a_x2", "-.d_x2"]);
  });

  it("after a file: Flyway's next migration does not know the path; sqitch runs each script in a session of its own", async () => {
    const files = { "V1__a.sql": "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE t (a int);\n", "V2__b.sql": "CREATE INDEX t_a ON t (a);\n" };
    assert.deepEqual(placed(await inventory(files)), ["?.t_a"]);
    const plan = "%syntax-version=1.0.0\n%project=p\n\na 2024-01-01T00:00:00Z D <d@x>\nb 2024-01-02T00:00:00Z D <d@x>\n";
    const sqitch = await inventory({ "deploy/a.sql": "CREATE SCHEMA app;\nSET search_path TO app;\nCREATE TABLE t (a int);\nCREATE TABLE public.t (a int);\n", "deploy/b.sql": "CREATE INDEX t_a ON t (a);\n" }, plan);
    assert.deepEqual(placed(sqitch), ["-.t_a"]);
  });

  it("a file without a search_path reads as before: unqualified, in the default schema", async () => {
    const inv = await inventory({ "V1__a.sql": "CREATE TABLE t (a int);\nCREATE INDEX t_a ON t (a);\n" });
    assert.deepEqual(placed(inv), ["-.t_a"]);
    assert.equal("schemaNotKnown" in inv.indexes[0]!, false);
  });

  it("a function's own search_path (CREATE FUNCTION … SET) is not the session's; a DO block that names it may change it", async () => {
    const inv = await inventory({
      "V1__a.sql": `CREATE TABLE t (a int, b int);
CREATE FUNCTION f() RETURNS int LANGUAGE sql SET search_path = pg_catalog AS 'SELECT 1';
ALTER FUNCTION f() SET search_path = app;
CREATE INDEX t_a ON t (a);
DO $$ BEGIN PERFORM set_config('search_path', 'app', false); END $$;
CREATE INDEX t_b ON t (b);
`,
    });
    assert.deepEqual(placed(inv), ["-.t_a", "?.t_b"]);
  });

  it("a function whose body builds an index and sets its own search_path leaves the session's path as it was", async () => {
    const inv = await inventory({
      "V1__a.sql": `CREATE TABLE t (a int);
CREATE FUNCTION f() RETURNS void LANGUAGE plpgsql SET search_path = app AS $$ BEGIN CREATE INDEX u_a ON u (a); END $$;
CREATE INDEX t_a ON t (a);
`,
    });
    assert.deepEqual(placed(inv), ["-.t_a"]);
  });
});

describe("search_path in a hand-written migration module", () => {
  it("from a SET on, an unqualified index's schema is not known; the registry's deploy step runs in a session of its own", async () => {
    const dir = writeProject("ia-search-path-", {
      "server/db_migrate.py": [
        "def upgrade(conn):",
        '    conn.execute("CREATE UNIQUE INDEX uq_a ON t (a)")',
        '    conn.execute("SET search_path TO app, public")',
        '    conn.execute("CREATE UNIQUE INDEX uq_b ON t (b)")',
        "",
      ].join("\n"),
      "server/db_indexes.py": 'INDEX_DEFS = [{"name": "idx_c", "table": "t", "sql": "CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_c ON t (c)"}]\n',
    });
    try {
      const io = fakeIo(dir);
      assert.equal(await run(["list", "--format", "json"], io), 0, io.err);
      const doc = JSON.parse(io.out) as { indexes: { name: string; schemaNotKnown?: boolean }[] };
      assert.deepEqual(
        doc.indexes.map((d) => `${d.name} ${d.schemaNotKnown === true}`),
        ["idx_c false", "uq_a false", "uq_b true"],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("search_path in Alembic revisions", () => {
  it("a session SET carries to later revisions (one connection); a SET LOCAL is not known past its revision (one transaction may span them all)", async () => {
    const revision = (id: string, down: string | null, body: string[]): string =>
      ["from alembic import op", "import sqlalchemy as sa", `revision = "${id}"`, `down_revision = ${down === null ? "None" : `"${down}"`}`, "", "def upgrade():", ...body.map((l) => `    ${l}`), ""].join("\n");
    const dir = writeProject("ia-search-path-alembic-", {
      "alembic.ini": "[alembic]\nscript_location = migrations\n",
      "migrations/env.py": "from alembic import context\n",
      "migrations/versions/a1.py": revision("a1", null, ['op.execute("CREATE SCHEMA app")', 'op.execute("SET search_path TO app, public")', 'op.create_table("t", sa.Column("a", sa.Integer))']),
      "migrations/versions/a2.py": revision("a2", "a1", ['op.create_index("t_a", "t", ["a"])', 'op.execute("SET LOCAL search_path TO public")', 'op.create_table("u", sa.Column("a", sa.Integer))', 'op.create_index("u_a", "u", ["a"])']),
      "migrations/versions/a3.py": revision("a3", "a2", ['op.create_index("t_b", "t", ["a"])']),
    });
    try {
      const io = fakeIo(dir);
      assert.equal(await run(["list", "--format", "json"], io), 0, io.err);
      const doc = JSON.parse(io.out) as { indexes: { name: string; schema: string | null; schemaNotKnown?: boolean }[] };
      assert.deepEqual(
        doc.indexes.map((d) => `${d.schemaNotKnown ? "?" : (d.schema ?? "-")}.${d.name}`),
        ["app.t_a", "public.u_a", "?.t_b"],
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("search_path: how long a SET lasts, as the source runs its migrations", () => {
  const set = (schemas: string[] | "default", local = false) => ({ schemas, local });

  it("one connection for the run (Alembic, Django): a session SET carries to the next migration", () => {
    const scope = searchPathScope({ sessionAfterMigration: "kept" });
    assert.deepEqual(scope.set(set(["app"]), true), ["app"]);
    assert.equal(scope.migrationEnd(), undefined);
  });

  it("SET LOCAL ends with its migration where each runs in a transaction of its own; where one may span several (Alembic), it is not known after", () => {
    const own = searchPathScope({ sessionAfterMigration: "kept", localEndsWithMigration: true });
    own.set(set(["app"]), false);
    assert.deepEqual(own.set(set(["tmp"], true), true), ["tmp"]);
    assert.deepEqual(own.migrationEnd(), ["app"]);
    const spanning = searchPathScope({ sessionAfterMigration: "kept" });
    spanning.set(set(["tmp"], true), true);
    assert.equal(spanning.migrationEnd(), null);
    assert.equal(spanning.transactionEnd(true), "initial");
  });

  it("SET LOCAL outside a transaction, a ROLLBACK after a SET, a tool that may keep or reset the session: not known", () => {
    const scope = searchPathScope({ localEndsWithMigration: true });
    assert.equal(scope.set(set(["app"], true), false), null);
    assert.equal(scope.migrationEnd(), "initial");
    scope.set(set(["app"]), true);
    assert.equal(scope.migrationEnd(), null);
    assert.equal(scope.set(set("default"), true), "initial");
    assert.equal(scope.transactionEnd(false), null);
  });
});

describe("search_path: a SET that may not run", () => {
  it("under psql's \\if whose condition is not known, the path is not known after it; under \\if true it is followed", async () => {
    const inv = await inventory({
      "a.sql": `CREATE SCHEMA app;
CREATE TABLE app.t (a int);
CREATE TABLE app.u (a int);
\\if :on
SET search_path = app;
\\endif
CREATE INDEX t_a ON t (a);
\\if true
SET search_path = app;
\\endif
CREATE INDEX u_a ON u (a);
`,
    });
    assert.deepEqual(placed(inv), ["?.t_a", "app.u_a"]);
  });
});
