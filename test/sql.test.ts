import { test } from "node:test";
import assert from "node:assert/strict";
import { createSqlParser, readStatements, type CreateIndexStatement, type SqlStatement } from "../src/index.js";
import { readingEachTextOnce } from "../src/sql/statements.js";

const parser = await createSqlParser();

function creates(sql: string): CreateIndexStatement[] {
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, []);
  return r.statements.filter((s): s is CreateIndexStatement => s.kind === "create-index");
}

test("every attribute of CREATE INDEX comes from the parse tree", () => {
  const [st] = creates(
    `CREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS "Idx_A" ON ONLY public.t USING gin (a text_pattern_ops DESC NULLS LAST, lower(b) COLLATE "C") INCLUDE (c, d) NULLS NOT DISTINCT TABLESPACE fast WHERE a IS NOT NULL AND b <> ''`,
  );
  assert.ok(st);
  assert.deepEqual(
    {
      name: st.name,
      schema: st.schema,
      table: st.table,
      unique: st.unique,
      concurrently: st.concurrently,
      ifNotExists: st.ifNotExists,
      only: st.only,
      method: st.method,
      include: st.include,
      where: st.where,
      nullsNotDistinct: st.nullsNotDistinct,
      tablespace: st.tablespace,
      start: st.start,
    },
    {
      name: "Idx_A",
      schema: "public",
      table: "t",
      unique: true,
      concurrently: true,
      ifNotExists: true,
      only: true,
      method: "gin",
      include: ["c", "d"],
      where: "a IS NOT NULL AND b <> ''",
      nullsNotDistinct: true,
      tablespace: "fast",
      start: 0,
    },
  );
  assert.deepEqual(st.keys, [
    { text: "a text_pattern_ops DESC NULLS LAST", column: "a", opclass: "text_pattern_ops", collation: null, order: "desc", nulls: "last" },
    { text: `lower(b) COLLATE "C"`, column: null, opclass: null, collation: "C", order: null, nulls: null },
  ]);
});

test("lowercase keywords, comments and several statements in one string", () => {
  const sql = `-- speeds up the inbox\ncreate index if not exists idx_a on leads (status);\n/* two */ CREATE INDEX idx_b ON "Leads" ("Status", created_at);\n`;
  const st = creates(sql);
  assert.deepEqual(
    st.map((s) => [s.name, s.table, s.ifNotExists, s.keys.map((k) => k.text), s.start]),
    [
      ["idx_a", "leads", true, ["status"], sql.indexOf("create index")],
      ["idx_b", "Leads", false, [`"Status"`, "created_at"], sql.indexOf("CREATE INDEX")],
    ],
  );
});

test("an unnamed index and a name longer than 63 bytes", () => {
  const long = "idx_" + "x".repeat(70);
  const st = creates(`CREATE INDEX ON t (a); CREATE INDEX ${long} ON t (b)`);
  assert.deepEqual(st.map((s) => s.name), [null, long]);
});

test("the same index spelled differently has the same definition; another predicate does not", () => {
  const [a, b, c] = creates(
    `CREATE INDEX x ON public.t USING btree (a, lower(b)) WHERE c IS NULL; create index y on t(a,LOWER( b )) where (c is null); CREATE INDEX z ON t (a, lower(b)) WHERE c IS NOT NULL`,
  );
  assert.equal(a!.definition, b!.definition);
  assert.notEqual(a!.definition, c!.definition);
});

test("DROP INDEX with several names, ALTER INDEX RENAME, constraints", () => {
  const r = readStatements(
    parser,
    `DROP INDEX CONCURRENTLY IF EXISTS a, crm.b; ALTER INDEX c RENAME TO d; ALTER TABLE t ADD CONSTRAINT uq UNIQUE USING INDEX e; ALTER TABLE t ADD CONSTRAINT t_ab UNIQUE (a, b); CREATE TABLE z (id int PRIMARY KEY, email text UNIQUE); ALTER TABLE t DROP CONSTRAINT t_ab; DROP TABLE old_t`,
  );
  assert.deepEqual(r.errors, []);
  const pick = (s: SqlStatement): unknown => {
    switch (s.kind) {
      case "drop-index":
        return [s.kind, s.names, s.ifExists, s.concurrently];
      case "rename-index":
        return [s.kind, s.from, s.to];
      case "constraint":
        return [s.kind, s.name, s.constraintType, s.table, s.columns, s.usingIndex, s.nameGenerated];
      case "drop-constraint":
        return [s.kind, s.table, s.name];
      case "drop-table":
        return [s.kind, s.tables];
      default:
        return [s.kind];
    }
  };
  assert.deepEqual(r.statements.map(pick), [
    ["drop-index", [{ schema: null, name: "a" }, { schema: "crm", name: "b" }], true, true],
    ["rename-index", "c", "d"],
    ["constraint", "uq", "unique", "t", [], "e", false],
    ["constraint", "t_ab", "unique", "t", ["a", "b"], null, false],
    ["create-table"],
    ["constraint", "z_pkey", "primary key", "z", ["id"], null, true],
    ["constraint", "z_email_key", "unique", "z", ["email"], null, true],
    ["drop-constraint", "t", "t_ab"],
    ["drop-table", [{ schema: null, name: "old_t" }]],
  ]);
});

test("every statement that creates a relation an index can be built on, and whether it is temporary", () => {
  const r = readStatements(
    parser,
    `CREATE TABLE crm.a (id int); CREATE TEMP TABLE b (id int PRIMARY KEY); CREATE TEMPORARY TABLE c AS SELECT 1 AS id; CREATE UNLOGGED TABLE d (id int); SELECT 1 AS id INTO TEMP e; SELECT 1 AS id INTO f; CREATE MATERIALIZED VIEW g AS SELECT 1 AS id; CREATE VIEW h AS SELECT 1 AS id; SELECT 1`,
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "create-table" ? [s.kind, s.schema, s.table, s.temporary] : [s.kind])),
    [
      ["create-table", "crm", "a", false],
      ["create-table", null, "b", true],
      ["constraint"],
      ["create-table", null, "c", true],
      ["create-table", null, "d", false],
      ["create-table", null, "e", true],
      ["create-table", null, "f", false],
      ["create-table", null, "g", false],
      ["relation"],
      ["other"],
    ],
  );
});

test("IF NOT EXISTS of every statement that creates a relation; a table in pg_temp is read as written", () => {
  const r = readStatements(
    parser,
    `CREATE TABLE IF NOT EXISTS a (id int PRIMARY KEY); CREATE TEMP TABLE IF NOT EXISTS b (id int); CREATE TABLE IF NOT EXISTS c AS SELECT 1 AS id; CREATE MATERIALIZED VIEW IF NOT EXISTS d AS SELECT 1 AS id; CREATE TABLE e (id int); CREATE TABLE pg_temp.f (id int); CREATE TABLE g AS SELECT 1 AS id`,
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "create-table" ? [s.schema, s.table, s.temporary, s.ifNotExists] : [s.kind])),
    [
      [null, "a", false, true],
      ["constraint"],
      [null, "b", true, true],
      [null, "c", false, true],
      [null, "d", false, true],
      [null, "e", false, false],
      ["pg_temp", "f", false, false],
      [null, "g", false, false],
    ],
  );
});

test("DROP COLUMN and RENAME COLUMN of a table, as PostgreSQL folds the names; other relations' columns are not an index's", () => {
  const r = readStatements(
    parser,
    `ALTER TABLE IF EXISTS crm.leads DROP COLUMN IF EXISTS "Mixed" CASCADE, DROP old_a, ADD COLUMN code text UNIQUE; ALTER TABLE ONLY t DROP COLUMN B; ALTER TABLE t RENAME COLUMN a TO "A2"; ALTER TABLE t RENAME b TO b2; ALTER VIEW v RENAME COLUMN a TO b; ALTER FOREIGN TABLE f DROP COLUMN c`,
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "drop-column" ? [s.kind, s.schema, s.table, s.column] : s.kind === "rename-column" ? [s.kind, s.schema, s.table, s.from, s.to] : [s.kind])),
    [
      ["drop-column", "crm", "leads", "Mixed"],
      ["drop-column", "crm", "leads", "old_a"],
      ["add-column"],
      ["constraint"],
      ["drop-column", null, "t", "b"],
      ["rename-column", null, "t", "a", "A2"],
      ["rename-column", null, "t", "b", "b2"],
      ["other"],
      ["other"],
    ],
  );
});

test("a materialized view is dropped and renamed as a table is (its indexes go with it); DROP SCHEMA names its schemas", () => {
  const r = readStatements(parser, `DROP MATERIALIZED VIEW IF EXISTS a.mv, mv2 CASCADE; ALTER MATERIALIZED VIEW mv RENAME TO mv3; DROP SCHEMA IF EXISTS crm, "X" CASCADE; DROP VIEW v`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "drop-table" ? [s.kind, s.tables] : s.kind === "rename-table" ? [s.kind, s.from, s.to] : s.kind === "drop-schema" ? [s.kind, s.schemas] : [s.kind])),
    [
      ["drop-table", [{ schema: "a", name: "mv" }, { schema: null, name: "mv2" }]],
      ["rename-table", "mv", "mv3"],
      ["drop-schema", ["crm", "X"]],
      // CASCADE: what depends elsewhere on what the schemas held goes too.
      ["drop-cascade"],
      ["relation"],
    ],
  );
});

test("a DO block whose PL/pgSQL creates, drops or alters an index or adds a constraint is procedural; other DO blocks are other statements", () => {
  const r = readStatements(
    parser,
    `DO $$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'ix') THEN CREATE UNIQUE INDEX ix ON t (a); END IF; END $$; DO 'BEGIN ALTER TABLE t ADD CONSTRAINT c UNIQUE (a); END'; DO $$ BEGIN UPDATE t SET a = 1; END $$; DO $$ BEGIN ALTER INDEX ix RENAME TO iy; END $$`,
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.statements.map((s) => s.kind), ["procedural", "procedural", "other", "procedural"]);
});

test("a DO block that only adds foreign keys or checks (guarded against re-adding) builds no index: another statement", () => {
  const r = readStatements(
    parser,
    [
      `DO $$ BEGIN ALTER TABLE "orders" ADD CONSTRAINT "orders_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "users"("id"); EXCEPTION WHEN duplicate_object THEN null; END $$`,
      `DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_a_positive CHECK (a > 0); ALTER TABLE t ADD CONSTRAINT t_b_key UNIQUE (b); END $$`,
      `DO $$ BEGIN EXECUTE 'ALTER TABLE t ADD CONSTRAINT ' || quote_ident(n) || ' UNIQUE (a)'; ALTER TABLE t ADD CONSTRAINT fk FOREIGN KEY (u) REFERENCES u (id); END $$`,
      `DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT "a ""b"" c" CHECK (a > 0); END $$`,
    ].join("; "),
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.statements.map((s) => s.kind), ["other", "procedural", "procedural", "other"]);
});

test("a function or procedure whose body builds an index is procedural, whatever its quoting; comments say nothing, nor an SQL body's strings", () => {
  const r = readStatements(
    parser,
    [
      `CREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE INDEX t_a ON t (a); END $$`,
      `CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'ALTER TABLE t ADD CONSTRAINT t_u UNIQUE (a); SELECT ''x'''`,
      `CREATE FUNCTION q() RETURNS void AS $f$ BEGIN EXECUTE format('DROP INDEX %I', n); END $f$ LANGUAGE plpgsql`,
      `CREATE FUNCTION c1() RETURNS void LANGUAGE plpgsql AS $$ BEGIN -- create index t_a later\n PERFORM 1; /* alter index x */ END $$`,
      `CREATE FUNCTION c2() RETURNS text LANGUAGE sql AS $$ SELECT 'create index x on t (a)' $$`,
      `CREATE FUNCTION c3() RETURNS void LANGUAGE plpgsql AS $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (a) REFERENCES u (id); END $$`,
      `CREATE FUNCTION py() RETURNS void LANGUAGE plpython3u AS $$ plpy.execute("CREATE INDEX t_b ON t (b)") $$`,
      `CREATE FUNCTION n() RETURNS int LANGUAGE sql RETURN 1`,
    ].join(";\n"),
  );
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "procedural" ? s.body : s.kind)),
    ["function", "procedure", "function", "other", "other", "other", "function", "other"],
  );
});

test("a DO block's comments say nothing; its strings may be EXECUTEd, so they count", () => {
  const r = readStatements(parser, `DO $$ BEGIN -- drop index old_ix\n PERFORM 1; END $$; DO $$ BEGIN EXECUTE 'CREATE INDEX ix ON t (a)'; END $$`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.statements.map((s) => s.kind), ["other", "procedural"]);
});

test("index DDL in a BEGIN ATOMIC body is what PostgreSQL refuses when the function is created: an error at the statement, with its message", () => {
  const sql = `SELECT 1;\nCREATE PROCEDURE p() LANGUAGE sql BEGIN ATOMIC SELECT 1; CREATE INDEX ON t (a); END;\nCREATE FUNCTION f() RETURNS void LANGUAGE sql BEGIN ATOMIC ALTER TABLE t ADD CONSTRAINT u UNIQUE (a); END;\nCREATE FUNCTION g() RETURNS int LANGUAGE sql BEGIN ATOMIC SELECT 1; END`;
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, [
    { message: "CREATE INDEX is not yet supported in unquoted SQL function body", index: sql.indexOf("CREATE PROCEDURE") },
    { message: "ALTER TABLE is not yet supported in unquoted SQL function body", index: sql.indexOf("CREATE FUNCTION f") },
  ]);
  assert.deepEqual(r.statements.map((s) => s.kind), ["other", "other", "other", "other"]);
});

test("CREATE SCHEMA's elements are read as the statements they are: in the schema, in the order PostgreSQL runs them, each from its own CREATE", () => {
  const sql = `CREATE SCHEMA s AUTHORIZATION r\n  CREATE INDEX u_b ON u (b)\n  CREATE TABLE u (id int PRIMARY KEY, b int) -- u first\n  CREATE VIEW v AS SELECT 1 AS create\n  CREATE SEQUENCE q\n  GRANT SELECT ON u TO PUBLIC`;
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, []);
  const at = (s: SqlStatement): string => sql.slice(s.start, s.end);
  assert.deepEqual(
    r.statements.map((s) => [s.kind, "schema" in s ? s.schema : "names" in s ? s.names[0]?.schema : null, at(s)]),
    [
      ["create-schema", "s", sql],
      ["relation", "s", "CREATE SEQUENCE q"],
      ["create-table", "s", "CREATE TABLE u (id int PRIMARY KEY, b int)"],
      ["constraint", "s", "CREATE TABLE u (id int PRIMARY KEY, b int)"],
      ["relation", "s", "CREATE VIEW v AS SELECT 1 AS create"],
      ["create-index", "s", "CREATE INDEX u_b ON u (b)"],
      ["other", null, "GRANT SELECT ON u TO PUBLIC"],
    ],
  );
  const [index] = r.statements.filter((s): s is CreateIndexStatement => s.kind === "create-index");
  // No CONCURRENTLY is offered there: PostgreSQL refuses it inside CREATE SCHEMA.
  assert.ok(index);
  assert.equal(index.insertionPoints, null);
  assert.equal(index.shape.table, "s.u");
});

test("a schema named only by AUTHORIZATION is the role's; an unqualified LIKE table is the schema's once an earlier element made it there", () => {
  const r = readStatements(parser, `CREATE SCHEMA AUTHORIZATION joe CREATE TABLE c (LIKE base INCLUDING INDEXES) CREATE TABLE base (id int) CREATE TABLE d (LIKE base INCLUDING ALL) CREATE TABLE e (LIKE public.base INCLUDING INDEXES)`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(
    r.statements.flatMap((s) => (s.kind === "copied-indexes" ? [`${s.schema}.${s.table} from ${s.from.schema ?? "(search path)"}.${s.from.name}`] : [])),
    ["joe.c from (search path).base", "joe.d from joe.base", "joe.e from public.base"],
  );
});

test("CREATE SCHEMA that PostgreSQL refuses is an error at the element, not read; AUTHORIZATION CURRENT_USER names the schema at run time", () => {
  const sql = `CREATE SCHEMA a CREATE TABLE t (id int) CREATE INDEX ON public.t (id); CREATE SCHEMA b CREATE TABLE t (id int) CREATE INDEX CONCURRENTLY ON t (id); CREATE SCHEMA AUTHORIZATION CURRENT_USER CREATE TABLE t (id int PRIMARY KEY); CREATE SCHEMA AUTHORIZATION SESSION_USER GRANT SELECT ON t TO PUBLIC`;
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, [
    { message: "CREATE specifies a schema (public) different from the one being created (a)", index: sql.indexOf("CREATE INDEX ON public") },
    { message: "CREATE INDEX CONCURRENTLY cannot be executed from a function", index: sql.indexOf("CREATE INDEX CONCURRENTLY") },
  ]);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "role-schema" ? `${s.kind} ${s.role}` : s.kind)),
    ["other", "other", "role-schema CURRENT_USER", "other"],
  );
});

test("bind parameters are not syntax errors, and casts stay casts", () => {
  const r = readStatements(parser, `UPDATE leads SET status = :status, n = %s WHERE id = %(id)s AND created_at > now()::date`);
  assert.deepEqual(r.errors, []);
  assert.deepEqual(r.statements.map((s) => s.kind), ["other"]);
});

test("a statement left without its CREATE INDEX line is an error at PostgreSQL's position; the good ones are kept", () => {
  const sql = `CREATE INDEX idx_ok ON t (a);\n    ON leads (b);\nCREATE INDEX idx_ok2 ON t (c)`;
  const r = readStatements(parser, sql);
  assert.deepEqual(r.errors, [{ message: 'syntax error at or near "ON"', index: sql.indexOf("ON leads") }]);
  assert.deepEqual(
    r.statements.map((s) => (s.kind === "create-index" ? s.name : s.kind)),
    ["idx_ok", "idx_ok2"],
  );
});

test("offsets are characters, not UTF-8 bytes, after non-ASCII text", () => {
  const sql = `-- אינדקס לחיפוש 🚀\nCREATE INDEX idx_h ON t (a) WHERE note <> 'שלום'`;
  const [st] = creates(sql);
  assert.equal(st!.start, sql.indexOf("CREATE"));
  assert.equal(st!.where, "note <> 'שלום'");
  assert.equal(st!.end, sql.length);
});

test("ALTER TABLE … ADD COLUMN with UNIQUE or PRIMARY KEY makes a constraint, named as PostgreSQL names it, after the column; IF NOT EXISTS marks the column's own", () => {
  const names = (sql: string): string[] =>
    readStatements(parser, sql).statements.map((s) =>
      s.kind === "constraint"
        ? `${s.constraintType} ${s.name} ${s.table} (${s.columns.join(", ")})${s.ofColumnIfNotExists ? " if added" : ""}`
        : s.kind === "named-constraint"
          ? `named ${s.name}${s.ofColumnIfNotExists ? " if added" : ""}`
          : s.kind === "add-column"
            ? `add ${s.schema ?? ""}.${s.table}.${s.column}${s.ifNotExists ? " if not exists" : ""}`
            : s.kind,
    );
  assert.deepEqual(names('ALTER TABLE "crm_people" ADD COLUMN "nickname" varchar(30) NULL UNIQUE'), ["add .crm_people.nickname", "unique crm_people_nickname_key crm_people (nickname)"]);
  assert.deepEqual(names("ALTER TABLE t ADD COLUMN c int PRIMARY KEY, ADD COLUMN d int"), ["add .t.c", "primary key t_pkey t (c)", "add .t.d"]);
  assert.deepEqual(names("ALTER TABLE s.t ADD COLUMN IF NOT EXISTS e text CONSTRAINT e_uq UNIQUE CONSTRAINT e_ck CHECK (e <> '')"), ["add s.t.e if not exists", "named e_ck if added", "unique e_uq t (e) if added"]);
  assert.deepEqual(names("ALTER TABLE t ADD COLUMN IF NOT EXISTS e text, ADD CONSTRAINT t_e_key UNIQUE (e)"), ["add .t.e if not exists", "unique t_e_key t (e)"]);
  assert.deepEqual(names("ALTER TABLE t ADD COLUMN d int NOT NULL"), ["add .t.d"]);
});

test("CREATE TABLE names its columns when they are all it has; a DO block that may drop or rename one says so", () => {
  const columns = (sql: string): (string[] | null | string)[] => readStatements(parser, sql).statements.map((s) => (s.kind === "create-table" ? s.columns : s.kind));
  assert.deepEqual(columns("CREATE TABLE t (id int PRIMARY KEY, a text, CONSTRAINT t_a UNIQUE (a, id)) PARTITION BY RANGE (id)"), [["id", "a"], "constraint", "constraint"]);
  assert.deepEqual(columns("CREATE TABLE t ()"), [null]);
  assert.deepEqual(columns("CREATE TABLE t (LIKE s, b int)"), [null]);
  assert.deepEqual(columns("CREATE TABLE t (b int) INHERITS (s)"), [null]);
  assert.deepEqual(columns("CREATE TABLE t PARTITION OF s FOR VALUES IN (1)"), [null, "copied-indexes"]);
  assert.deepEqual(columns("CREATE TYPE ty AS (a int); CREATE TABLE t OF ty"), ["relation", null]);
  assert.deepEqual(columns("CREATE TABLE t AS SELECT 1 AS a"), [null]);
  assert.deepEqual(columns("DO $$ BEGIN ALTER TABLE t DROP a; END $$"), ["procedural-columns"]);
  assert.deepEqual(columns("DO $$ BEGIN EXECUTE format('ALTER TABLE %I RENAME a TO b', 't'); END $$"), ["procedural-columns"]);
  assert.deepEqual(columns("DO $$ BEGIN ALTER TABLE t ADD CONSTRAINT t_fk FOREIGN KEY (u) REFERENCES u (id); EXCEPTION WHEN duplicate_object THEN null; END $$"), ["other"]);
});

test("in one CREATE TABLE a UNIQUE that repeats the primary key's or an earlier UNIQUE's index builds nothing; an unnamed kept one takes the name", () => {
  const names = (sql: string): string[] =>
    readStatements(parser, sql).statements.map((s) => (s.kind === "constraint" ? `${s.constraintType} ${s.name}${s.nameGenerated ? "*" : ""} (${s.columns.join(", ")})` : s.kind));
  assert.deepEqual(names("CREATE TABLE tags (key text PRIMARY KEY UNIQUE, val text UNIQUE, CONSTRAINT tags_val_uq UNIQUE (val), CONSTRAINT a UNIQUE (o), CONSTRAINT b UNIQUE (o))"), [
    "create-table",
    "primary key tags_pkey* (key)",
    "unique tags_val_uq (val)",
    "unique a (o)",
  ]);
  // The primary key is kept wherever it is written, and takes a named UNIQUE's name.
  assert.deepEqual(names("CREATE TABLE t (a int, b int, UNIQUE (a, b), CONSTRAINT n UNIQUE (a, b), PRIMARY KEY (a, b))"), ["create-table", "primary key n (a, b)"]);
  // Another column order, INCLUDE, NULLS NOT DISTINCT or DEFERRABLE builds another index.
  assert.deepEqual(names("CREATE TABLE t (a int, b int, UNIQUE (a, b), UNIQUE (b, a), UNIQUE (a, b) INCLUDE (c), UNIQUE NULLS NOT DISTINCT (a, b), UNIQUE (a, b) DEFERRABLE)").length, 6);
  // ALTER TABLE adds each constraint on its own: both exist.
  assert.deepEqual(names("ALTER TABLE t ADD CONSTRAINT b1 UNIQUE (b), ADD CONSTRAINT b2 UNIQUE (b)"), ["unique b1 (b)", "unique b2 (b)"]);
});

test("one walk over the header gives the insertion points and the name as written", () => {
  const cases: [string, string | null, { concurrently: [number, string]; ifNotExists: [number, string] | null } | null][] = [
    ["CREATE INDEX idx_a ON t (a)", "idx_a", { concurrently: [13, "idx_a"], ifNotExists: [13, "idx_a"] }],
    ["create unique index /* c */ Idx_B on t (a)", "idx_b", { concurrently: [28, "Idx_B"], ifNotExists: [28, "Idx_B"] }],
    ["CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_c ON t (a)", "idx_c", { concurrently: [13, "CONCURRENTLY"], ifNotExists: [40, "idx_c"] }],
    ["CREATE INDEX ON t (a)", null, { concurrently: [13, "ON"], ifNotExists: null }],
    ["CREATE INDEX CONCURRENTLY ON t (a)", null, { concurrently: [13, "CONCURRENTLY"], ifNotExists: null }],
    // `if` is an unreserved keyword: here it is the index's name, not the start of IF NOT EXISTS.
    ["CREATE INDEX if ON t (a)", "if", { concurrently: [13, "if"], ifNotExists: [13, "if"] }],
    // The parser cuts names to 63 bytes; the name as written is kept whole.
    [`CREATE INDEX ${"x".repeat(70)} ON t (a)`, "x".repeat(70), { concurrently: [13, "x".repeat(70)], ifNotExists: [13, "x".repeat(70)] }],
    // Comments anywhere in the header are stepped over; IF NOT EXISTS written in any case is still the clause.
    ["CREATE INDEX /* a */ CONCURRENTLY -- b\n IF /* c */ NOT /* d */ EXISTS /* e */ idx_d ON t (a)", "idx_d", { concurrently: [21, "CONCURRENTLY"], ifNotExists: [78, "idx_d"] }],
    ['CREATE INDEX if NOT EXISTS "if" ON t (a)', "if", { concurrently: [13, "if"], ifNotExists: [27, '"if"'] }],
    // After another statement, with a quoted non-ASCII name: positions are string indices into the whole text.
    ['SELECT 1; CREATE INDEX "ïdx_é" ON "tä" (a);', "ïdx_é", { concurrently: [23, '"ïdx_é"'], ifNotExists: [23, '"ïdx_é"'] }],
  ];
  for (const [sql, name, points] of cases) {
    const [st] = creates(sql);
    assert.ok(st, sql);
    assert.equal(st.name, name, sql);
    const p = st.insertionPoints;
    assert.deepEqual(
      p && { concurrently: [p.concurrently.index, p.concurrently.before], ifNotExists: p.ifNotExists && [p.ifNotExists.index, p.ifNotExists.before] },
      points,
      sql,
    );
  }
});

test("the shape is typed parse-tree data and the definition is its key", () => {
  const [a, b] = creates("CREATE INDEX a ON s.t USING BTREE (x ASC NULLS LAST, lower(y)) INCLUDE (z) WHERE x > 0; CREATE INDEX b ON s.t (x, lower(y)) INCLUDE (z) WHERE x>0");
  assert.ok(a && b);
  assert.equal(a.shape.table, "s.t");
  assert.equal(a.shape.method, "btree");
  assert.equal(a.shape.keys.length, 2);
  const first = a.shape.keys[0];
  assert.ok(first && "IndexElem" in first);
  assert.deepEqual(first.IndexElem, { name: "x", ordering: "SORTBY_DEFAULT", nulls_ordering: "SORTBY_NULLS_DEFAULT" });
  assert.equal(a.definition, JSON.stringify(a.shape));
  assert.equal(a.definition, b.definition);
});

test("each text is read once while askers are left, and let go after its last counted ask", () => {
  let parses = 0;
  const counting = { parse: (sql: string) => (parses++, parser.parse(sql)), scan: (sql: string) => parser.scan(sql) };
  const a = "CREATE INDEX a ON t (x)";
  const b = "CREATE INDEX b ON t (y)";
  const c = "CREATE INDEX c ON t (z)";
  // `a` asked twice as counted, `b` once more than counted, `c` not counted.
  const once = readingEachTextOnce(counting, new Map([[a, 2], [b, 1]]));
  const first = readStatements(once, a);
  assert.equal(parses, 1);
  assert.equal(readStatements(once, a), first, "the second ask of a text is answered from the first read");
  assert.equal(parses, 1);
  // Its last ask made, the text is read again if asked beyond the count (the same statements).
  const third = readStatements(once, a);
  assert.equal(parses, 2);
  assert.notEqual(third, first);
  assert.deepEqual(third, first);
  // Read again, an uncounted ask is kept from then on.
  assert.equal(readStatements(once, a), third);
  assert.equal(parses, 2);
  readStatements(once, b);
  readStatements(once, b);
  readStatements(once, b);
  assert.equal(parses, 3 + 1, "b: its counted ask, then one more read kept for the rest");
  const kept = readStatements(once, c);
  assert.equal(readStatements(once, c), kept);
  assert.equal(parses, 5);
  assert.deepEqual(creates(a).map((s) => s.name), ["a"]);
});

test("a text the scanner rejects with an unterminated quoted name gets PostgreSQL's message and position, not the scanner's broken JSON", () => {
  assert.deepEqual(parser.scan('CREATE INDEX "unterminated ON t (a)'), { error: 'unterminated quoted identifier at or near ""unterminated ON t (a)"', position: 13 });
});
