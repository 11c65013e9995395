import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { run } from "../src/index.js";
import { createSqlParser } from "../src/sql/parser.js";
import { readSqlSource } from "../src/sources/sql/read.js";
import { naturalCompare } from "../src/sources/sql/layout.js";
import { offsetsToArray } from "./helpers/offsets.js";
import { detectSources, readSourceFiles, trackedTree } from "../src/project/sources.js";
import { LIMITS } from "../src/python/limits.js";
import { fakeIo } from "./helpers/io.js";
import { writeProject } from "./helpers/project.js";

const sql = await createSqlParser();
const read = (files: Record<string, string>, plan: string | null = null) =>
  readSqlSource(
    Object.entries(files).map(([path, text]) => ({ path, text })),
    plan === null ? null : { path: "sqitch.plan", text: plan },
    { sql },
  );
/** File, first line of the statement, and whether it runs in a transaction. */
const summary = (files: Record<string, string>, plan: string | null = null) =>
  read(files, plan).statements.map((s) => `${s.file}:${s.anchorLine} ${s.transaction ? "tx" : "no-tx"} ${s.sql.split("\n")[0]}`);

describe(".sql reader: order", () => {
  it("Flyway: versions compared part by part, repeatables after, undo files ignored", () => {
    assert.deepEqual(
      summary({
        "m/V1_10__c.sql": "SELECT 110;",
        "m/R__views.sql": "SELECT 'r';",
        "m/V1_9__b.sql": "SELECT 19;",
        "m/U1_9__b.sql": "SELECT 'undo';",
        "m/V1__a.sql": "SELECT 1;",
      }),
      ["m/V1__a.sql:1 tx SELECT 1", "m/V1_9__b.sql:1 tx SELECT 19", "m/V1_10__c.sql:1 tx SELECT 110", "m/R__views.sql:1 tx SELECT 'r'"],
    );
  });

  it("Flyway's SQL callbacks: those migrate runs once in their place (validation first, before everything, after the versioned migrations, before the repeatable ones, after everything), also in a directory of their own; one around each migration, statement or connection, or when Flyway creates its schemas, said; one after an error, or of another command, not run", () => {
    const files = {
      "m/V1__a.sql": "SELECT 1;",
      "m/R__views.sql": "SELECT 'r';",
      "m/afterMigrate.sql": "SELECT 'after';",
      "m/afterMigrate__b.sql": "SELECT 'after b';",
      "m/afterMigrateApplied.sql": "SELECT 'applied';",
      "m/callbacks/beforeMigrate__setup.sql": "SELECT 'before';",
      "m/callbacks/beforeValidate.sql": "SELECT 'validate';",
      "m/callbacks/afterValidate.sql": "SELECT 'validated';",
      "m/afterVersioned.sql": "SELECT 'versioned';",
      "m/beforeRepeatables.sql": "SELECT 'repeatables';",
      "m/callbacks/beforeEachMigrate.sql": "SET search_path TO app;",
      "m/afterConnect__path.sql": "SET search_path TO app;",
      "m/createSchema.sql": "SELECT 'schema';",
      "m/afterMigrateError.sql": "SELECT 'error';",
      "m/beforeClean.sql": "SELECT 'clean';",
      "m/aftermigrate.sql": "SELECT 'not a name Flyway knows: its names are case-sensitive';",
    };
    assert.deepEqual(summary(files), [
      "m/callbacks/beforeValidate.sql:1 tx SELECT 'validate'",
      "m/callbacks/afterValidate.sql:1 tx SELECT 'validated'",
      "m/callbacks/beforeMigrate__setup.sql:1 tx SELECT 'before'",
      "m/V1__a.sql:1 tx SELECT 1",
      "m/afterVersioned.sql:1 tx SELECT 'versioned'",
      "m/beforeRepeatables.sql:1 tx SELECT 'repeatables'",
      "m/R__views.sql:1 tx SELECT 'r'",
      "m/afterMigrateApplied.sql:1 tx SELECT 'applied'",
      "m/afterMigrate.sql:1 tx SELECT 'after'",
      "m/afterMigrate__b.sql:1 tx SELECT 'after b'",
    ]);
    assert.deepEqual(
      read(files)
        .problems.map((p) => `${p.kind} ${p.file}: ${p.message}`)
        .sort(),
      [
        "not-read m/afterConnect__path.sql: a Flyway callback that runs around each migration, statement or connection (afterConnect): not read",
        "not-read m/callbacks/beforeEachMigrate.sql: a Flyway callback that runs around each migration, statement or connection (beforeEachMigrate): not read",
        "not-read m/createSchema.sql: a Flyway callback that runs when Flyway creates its schemas (createSchema): not read",
      ],
    );
    // beforeRepeatables runs just before the first repeatable migration: without one, never.
    assert.deepEqual(summary({ "m/V1__a.sql": "SELECT 1;", "m/beforeRepeatables.sql": "SELECT 'repeatables';" }), ["m/V1__a.sql:1 tx SELECT 1"]);
  });

  it("golang-migrate: up files only; one statement runs alone, several as one implicit transaction", () => {
    assert.deepEqual(
      summary({
        "m/000002_b.up.sql": "CREATE INDEX CONCURRENTLY i ON t (a);",
        "m/000002_b.down.sql": "DROP INDEX i;",
        "m/000010_c.up.sql": "ALTER TABLE t ADD c int;\nCREATE INDEX CONCURRENTLY j ON t (c);",
      }),
      ["m/000002_b.up.sql:1 no-tx CREATE INDEX CONCURRENTLY i ON t (a)", "m/000010_c.up.sql:1 tx ALTER TABLE t ADD c int", "m/000010_c.up.sql:2 tx CREATE INDEX CONCURRENTLY j ON t (c)"],
    );
  });

  it("dbmate: only the migrate:up section, in a transaction unless transaction:false", () => {
    assert.deepEqual(
      summary({
        "m/20240101_a.sql": "-- migrate:up\nCREATE INDEX a ON t (a);\n\n-- migrate:down\nDROP INDEX a;\n",
        "m/20240102_b.sql": "-- migrate:up transaction:false\nCREATE INDEX CONCURRENTLY b ON t (b);\n-- migrate:down\nDROP INDEX b;\n",
      }),
      ["m/20240101_a.sql:2 tx CREATE INDEX a ON t (a)", "m/20240102_b.sql:2 no-tx CREATE INDEX CONCURRENTLY b ON t (b)"],
    );
  });

  it("sqitch: deploy scripts in plan order; explicit BEGIN … COMMIT is a transaction", () => {
    const plan = "%syntax-version=1.0.0\n%project=shop\n\nusers 2024-01-01T00:00:00Z Dev <d@x> # users\norders [users] 2024-01-02T00:00:00Z Dev <d@x>\n@v1.0 2024-01-03T00:00:00Z Dev <d@x>\n";
    assert.deepEqual(
      summary({ "deploy/orders.sql": "BEGIN;\nCREATE INDEX o ON orders (a);\nCOMMIT;\nCREATE INDEX CONCURRENTLY p ON orders (b);", "deploy/users.sql": "CREATE TABLE users (id int);" }, plan),
      ["deploy/users.sql:1 no-tx CREATE TABLE users (id int)", "deploy/orders.sql:1 tx BEGIN", "deploy/orders.sql:2 tx CREATE INDEX o ON orders (a)", "deploy/orders.sql:3 no-tx COMMIT", "deploy/orders.sql:4 no-tx CREATE INDEX CONCURRENTLY p ON orders (b)"],
    );
  });

  it("otherwise a natural sort of the names", () => {
    assert.deepEqual(summary({ "m/10_c.sql": "SELECT 10;", "m/2_b.sql": "SELECT 2;", "m/1_a.sql": "SELECT 1;" }).map((s) => s.split(" ")[0]), ["m/1_a.sql:1", "m/2_b.sql:1", "m/10_c.sql:1"]);
    assert.ok(naturalCompare("V2__x", "V10__x") < 0);
    assert.ok(naturalCompare("a10", "a9") > 0);
  });

  it("Flyway placeholders: an index whose name or table holds one is dynamic; one in a predicate stays known; unparseable only with it filled in is dynamic too", async () => {
    const cwd = project({
      "index-audit.json": JSON.stringify({ sources: [{ kind: "sql", paths: ["db/*.sql"] }] }),
      "db/V1__placeholders.sql": [
        "CREATE INDEX idx_orders_${suffix} ON orders (status);",
        "CREATE INDEX idx_orders_tenant ON orders (placed_at) WHERE tenant = '${tenant}';",
        "CREATE INDEX idx_orders_x ON orders_${region} (x);",
        "CREATE INDEX idx_orders_y ON orders (y) ${where_clause};",
        "",
      ].join("\n"),
    });
    const io = fakeIo(cwd);
    await run(["list", "--format", "json"], io);
    const doc = JSON.parse(io.out) as { indexes: { name: string; where: string | null; line: number }[]; dynamic: { line: number; column: number; template: string }[]; errors: unknown[] };
    assert.deepEqual(doc.indexes.map((i) => [i.name, i.where, i.line]), [["idx_orders_tenant", "tenant = '{tenant}'", 2]]);
    assert.deepEqual(doc.dynamic.map((d) => [d.line, d.column, d.template]), [
      [1, 1, "CREATE INDEX idx_orders_{suffix} ON orders (status)"],
      [3, 1, "CREATE INDEX idx_orders_x ON orders_{region} (x)"],
      [4, 1, "CREATE INDEX idx_orders_y ON orders (y) {where_clause}"],
    ]);
    assert.deepEqual(doc.errors, []);
  });

  it("Flyway placeholders: the placeholder identifier stands at the `$`, the text around it keeps each character's own index", () => {
    const text = "SELECT 1;\nCREATE INDEX i_${s} ON t (a);\n";
    const st = read({ "m/V1__a.sql": text }).statements[1];
    assert.ok(st);
    assert.equal(st.sql, "CREATE INDEX i___ia_dyn0__ ON t (a)");
    const start = text.indexOf("CREATE");
    const at = text.indexOf("${");
    const span = (from: number, to: number): number[] => Array.from({ length: to - from }, (_, k) => from + k);
    assert.deepEqual(offsetsToArray(st.offsets), [...span(start, at), ...new Array<number>("__ia_dyn0__".length).fill(at), ...span(at + 4, text.indexOf(";", at))]);
  });

  it("psql meta-commands are not SQL: the statements around them keep their positions", () => {
    const r = read({ "m/1.sql": "\\set ON_ERROR_STOP on\nCREATE INDEX a ON t (x);\n  \\echo done\nCREATE INDEX b ON t (y);\n" });
    assert.deepEqual(r.statements.map((s) => [s.anchorLine, s.sql]), [[2, "CREATE INDEX a ON t (x)"], [4, "CREATE INDEX b ON t (y)"]]);
  });

  it("a statement PostgreSQL rejects does not hide the ones around it", () => {
    const r = read({ "m/1.sql": "CREATE INDEX a ON t (a);\nCREATE INDEX ON;\n-- note\nCREATE INDEX b ON t (b);" });
    assert.deepEqual(r.statements.map((s) => [s.anchorLine, s.sql]), [[1, "CREATE INDEX a ON t (a)"], [2, "CREATE INDEX ON"], [4, "CREATE INDEX b ON t (b)"]]);
  });
});

describe(".sql sources: detection", () => {
  it("finds sqitch's deploy directory, else the first directory of versioned .sql files", () => {
    assert.deepEqual(detectSources(trackedTree(["sqitch.plan", "deploy/a.sql", "revert/a.sql"], () => "")), [{ kind: "sql", paths: ["deploy/**/*.sql"] }]);
    assert.deepEqual(detectSources(trackedTree(["README.md", "db/seed.sql", "db/migrations/V1__init.sql"], () => "")), [{ kind: "sql", paths: ["db/migrations/*.sql"] }]);
    assert.deepEqual(detectSources(trackedTree(["schema/000001_init.up.sql"], () => "")), [{ kind: "sql", paths: ["schema/*.sql"] }]);
    assert.deepEqual(detectSources(trackedTree(["app/main.py"], () => "")), []);
  });
});

describe(".sql sources: detection of layouts", () => {
  const detect = (paths: string[], texts: Record<string, string> = {}) => detectSources(trackedTree(paths, (p) => texts[p] ?? ""));
  it("a directory named for PostgreSQL before its siblings for other databases, which are never read", () => {
    assert.deepEqual(detect(["db/migrations/mysql/000001_a.up.sql", "db/migrations/postgres/000001_a.up.sql", "db/migrations/sqlite/000001_a.up.sql"]), [{ kind: "sql", paths: ["db/migrations/postgres/*.sql"] }]);
    assert.deepEqual(detect(["db/mysql/000001_a.up.sql"]), []);
  });

  it("Flyway's location is read with its subdirectories, but not those named for another database", () => {
    assert.deepEqual(detect(["src/main/resources/db/migration/2023/V1__init.sql", "src/main/resources/db/migration/common/V2__b.sql", "src/main/resources/db/migration/V3__c.sql"]), [
      { kind: "sql", paths: ["src/main/resources/db/migration/*.sql", "src/main/resources/db/migration/2023/*.sql", "src/main/resources/db/migration/common/*.sql"] },
    ]);
    assert.deepEqual(detect(["src/main/resources/db/migration/postgresql/V1__init.sql", "src/main/resources/db/migration/h2/V1__init.sql"]), [{ kind: "sql", paths: ["src/main/resources/db/migration/postgresql/*.sql"] }]);
    assert.deepEqual(detect(["backend/src/main/resources/db/migration/V1__init.sql"]), [{ kind: "sql", paths: ["backend/src/main/resources/db/migration/*.sql"] }]);
    assert.deepEqual(detect(["db/V1__a.sql", "db/extra/V2__b.sql"]), [{ kind: "sql", paths: ["db/*.sql", "db/extra/*.sql"] }]);
  });

  it("yoyo.ini's sources, before sqitch and the search for versioned files (`%(here)s` and `.` are the root; a package's are not the project's)", () => {
    const ini = "[DEFAULT]\nsources = %(here)s/migrations ./more package:app:migrations\ndatabase = postgresql:///app\n";
    assert.deepEqual(detect(["yoyo.ini", "migrations/0001.a.sql", "more/0002.b.sql", "sqitch.plan", "deploy/a.sql"], { "yoyo.ini": ini }), [{ kind: "sql", paths: ["migrations/*.sql", "more/*.sql"] }]);
    assert.deepEqual(detect(["yoyo.ini", "0001.a.sql"], { "yoyo.ini": "[DEFAULT]\nsources = .\n" }), [{ kind: "sql", paths: ["*.sql"] }]);
    const tree = trackedTree(["yoyo.ini", "migrations/0001.a.sql", "migrations/0002.b.py"], (p) => (p === "yoyo.ini" ? ini : ""));
    const input = readSourceFiles(tree, detectSources(tree)[0]!);
    assert.ok(input.kind === "sql");
    assert.deepEqual([input.files.map((f) => f.path), input.yoyo?.dirs, input.yoyo?.python.map((f) => f.path)], [["migrations/0001.a.sql"], ["migrations", "more"], ["migrations/0002.b.py"]]);
    assert.deepEqual(detect(["yoyo.ini", "db/V1__a.sql"], { "yoyo.ini": "[DEFAULT]\ndatabase = x\n" }), [{ kind: "sql", paths: ["db/*.sql"] }]);
  });

  it("a directory per migration: diesel's and Hasura's up.sql (never down.sql), Prisma's migration.sql, run in the order of their directories", () => {
    assert.deepEqual(detect(["migrations/00000000000000_diesel_initial_setup/up.sql", "migrations/00000000000000_diesel_initial_setup/down.sql", "migrations/2024-01-02-120000_users/up.sql", "migrations/2024-01-02-120000_users/down.sql"]), [{ kind: "sql", paths: ["migrations/*/up.sql"] }]);
    assert.deepEqual(detect(["hasura/migrations/default/1680000000000_init/up.sql", "hasura/migrations/default/1680000000000_init/down.sql"]), [{ kind: "sql", paths: ["hasura/migrations/default/*/up.sql"] }]);
    assert.deepEqual(detect(["prisma/migrations/migration_lock.toml", "prisma/migrations/20240101000000_init/migration.sql"]), [{ kind: "sql", paths: ["prisma/migrations/*/migration.sql"] }]);
    // A directory whose name is not a version is no migration's.
    assert.deepEqual(detect(["docs/examples/up.sql"]), []);
    assert.deepEqual(
      summary({ "m/2024-01-10-000000_b/up.sql": "SELECT 'b';", "m/2024-01-02-000000_a/up.sql": "SELECT 'a';", "m/00000000000000_setup/up.sql": "SELECT 0;" }).map((l) => l.split(" ")[0]),
      ["m/00000000000000_setup/up.sql:1", "m/2024-01-02-000000_a/up.sql:1", "m/2024-01-10-000000_b/up.sql:1"],
    );
  });

  it("sqitch under sqitch.conf's top_dir; golang-migrate four directories down", () => {
    assert.deepEqual(detect(["sqitch.conf", "db/sqitch.plan", "db/deploy/users.sql"], { "sqitch.conf": "[core]\n\tengine = pg\n\ttop_dir = db\n" }), [{ kind: "sql", paths: ["db/deploy/**/*.sql"] }]);
    // git-config has no continued values: a key indented deeper after top_dir is a key of its own.
    assert.deepEqual(detect(["sqitch.conf", "db/sqitch.plan", "db/deploy/users.sql"], { "sqitch.conf": "[core]\nengine = pg\ntop_dir = db\n\tplan_file = db/sqitch.plan\n" }), [{ kind: "sql", paths: ["db/deploy/**/*.sql"] }]);
    // git-config's keys indented alike: the next key is no continuation of top_dir's value.
    assert.deepEqual(detect(["sqitch.conf", "db/sqitch.plan", "db/deploy/users.sql"], { "sqitch.conf": "[core]\n\ttop_dir = db\n\tengine = pg\n" }), [{ kind: "sql", paths: ["db/deploy/**/*.sql"] }]);
    assert.deepEqual(detect(["services/api/db/migrations/000001_init.up.sql"]), [{ kind: "sql", paths: ["services/api/db/migrations/*.sql"] }]);
  });
});

describe(".sql reader: tools' layouts", () => {
  it("pop (Ory): PostgreSQL's file of a version replaces the one for every database; other databases' files are not read", () => {
    assert.deepEqual(
      summary({
        "m/20150100000001000000_networks.up.sql": "CREATE TABLE networks (id uuid PRIMARY KEY);",
        "m/20191100000001000000_identities.up.sql": "CREATE TABLE generic (id int);",
        "m/20191100000001000000_identities.postgres.up.sql": "CREATE TABLE identities (id uuid PRIMARY KEY);",
        "m/20191100000001000000_identities.cockroach.up.sql": "CREATE INDEX crdb ON identities (id);",
        "m/20191100000001000000_identities.sqlite3.up.sql": "CREATE INDEX lite ON identities (id);",
        "m/20191100000001000000_identities.mysql.up.sql": "CREATE TABLE `identities` (`id` char(36));",
        "m/20191100000001000000_identities.postgres.down.sql": "DROP TABLE identities;",
      }),
      ["m/20150100000001000000_networks.up.sql:1 no-tx CREATE TABLE networks (id uuid PRIMARY KEY)", "m/20191100000001000000_identities.postgres.up.sql:1 no-tx CREATE TABLE identities (id uuid PRIMARY KEY)"],
    );
  });

  it("goose and sql-migrate: the Up section only, in a transaction unless the file says otherwise", () => {
    assert.deepEqual(
      summary({
        "m/20230101120000_users.sql": "-- +goose Up\n-- +goose StatementBegin\nCREATE TABLE users (id serial PRIMARY KEY);\n-- +goose StatementEnd\nCREATE UNIQUE INDEX u ON users (id);\n-- +goose Down\nDROP TABLE users;\n",
        "m/20230102120000_idx.sql": "-- +goose NO TRANSACTION\n-- +goose Up\nCREATE INDEX CONCURRENTLY i ON users (id);\n-- +goose Down\nDROP INDEX i;\n",
        "n/1_a.sql": "-- +migrate Up\nCREATE INDEX a ON t (a);\n-- +migrate Down\nDROP INDEX a;\n",
        "n/2_b.sql": "-- +migrate Up notransaction\nCREATE INDEX CONCURRENTLY b ON t (b);\n-- +migrate Down\nDROP INDEX b;\n",
      }),
      [
        "n/1_a.sql:2 tx CREATE INDEX a ON t (a)",
        "n/2_b.sql:2 no-tx CREATE INDEX CONCURRENTLY b ON t (b)",
        "m/20230101120000_users.sql:3 tx CREATE TABLE users (id serial PRIMARY KEY)",
        "m/20230101120000_users.sql:5 tx CREATE UNIQUE INDEX u ON users (id)",
        "m/20230102120000_idx.sql:3 no-tx CREATE INDEX CONCURRENTLY i ON users (id)",
      ],
    );
  });

  it("a file its directory's tool would not apply is not read: a seed beside golang-migrate's, a name Flyway ignores, a file without dbmate's marker", () => {
    assert.deepEqual(
      summary({
        "g/000001_a.up.sql": "CREATE TABLE t (a int);",
        "g/seed.sql": "CREATE INDEX t_a_seed ON t (a);",
        "f/V1__a.sql": "CREATE TABLE u (a int);",
        "f/create_indexes.sql": "CREATE INDEX u_a ON u (a);",
        "f/V2_missing_separator.sql": "CREATE INDEX u_b ON u (a);",
        "d/20240101_a.sql": "-- migrate:up\nCREATE TABLE v (a int);\n-- migrate:down\n",
        "d/other.sql": "CREATE INDEX v_a ON v (a);",
      })
        .map((s) => s.split(" ")[0])
        .sort(),
      ["d/20240101_a.sql:2", "f/V1__a.sql:1", "g/000001_a.up.sql:1"],
    );
  });

  it("sqitch: a change named with a directory, and a reworked change's earlier script first", () => {
    const plan = "%project=flipr\ntables/users 2024-01-01T00:00:00Z D <d@x>\nusers 2024-01-01T00:00:00Z D <d@x>\n@v1.0.0-dev1 2024-01-02T00:00:00Z D <d@x>\nusers [users@v1.0.0-dev1] 2024-01-03T00:00:00Z D <d@x>\n";
    assert.deepEqual(
      summary({ "deploy/tables/users.sql": "CREATE TABLE t (id int PRIMARY KEY);", "deploy/users@v1.0.0-dev1.sql": "CREATE TABLE users (nick text PRIMARY KEY);", "deploy/users.sql": "CREATE UNIQUE INDEX users_email ON users (nick);" }, plan),
      ["deploy/tables/users.sql:1 no-tx CREATE TABLE t (id int PRIMARY KEY)", "deploy/users@v1.0.0-dev1.sql:1 no-tx CREATE TABLE users (nick text PRIMARY KEY)", "deploy/users.sql:1 no-tx CREATE UNIQUE INDEX users_email ON users (nick)"],
    );
  });

  it("yoyo: rollback files never run; names in code-point order, a migration after those its `-- depends:` names, post-apply hooks last; a transaction unless `-- transactional: false`", () => {
    const files = {
      "m/0001.users.sql": "-- users\nCREATE TABLE users (id int PRIMARY KEY, org int);\n",
      "m/0001.users.rollback.sql": "DROP TABLE users;\n",
      "m/0003.late.sql": "-- depends: 0010.orgs\n--depends: 0001.users\nDROP INDEX orgs_tmp;\n",
      "m/0010.orgs.sql": "CREATE TABLE orgs (id int);\nCREATE INDEX orgs_tmp ON orgs (id);\n",
      "m/0020.concurrent.sql": "\n-- transactional: FALSE\nCREATE INDEX CONCURRENTLY users_org ON users (org);\n",
      "m/9.late.sql": "SELECT 9;\n",
      "m/10.early.sql": "SELECT 10;\n",
      "m/post-apply.sql": "SELECT 'hook';\n",
      "m/0030.NOT.SQL": "SELECT 'not yoyo';\n",
    };
    assert.deepEqual(summary(files), [
      "m/0001.users.sql:2 tx CREATE TABLE users (id int PRIMARY KEY, org int)",
      "m/0010.orgs.sql:1 tx CREATE TABLE orgs (id int)",
      "m/0010.orgs.sql:2 tx CREATE INDEX orgs_tmp ON orgs (id)",
      "m/0003.late.sql:3 tx DROP INDEX orgs_tmp",
      "m/0020.concurrent.sql:3 no-tx CREATE INDEX CONCURRENTLY users_org ON users (org)",
      "m/10.early.sql:1 tx SELECT 10",
      "m/9.late.sql:1 tx SELECT 9",
      "m/post-apply.sql:1 tx SELECT 'hook'",
    ]);
    // A directive below the first line of SQL is a comment; without a rollback file or a directive the directory is plain psql.
    assert.deepEqual(summary({ "m/1.a.sql": "SELECT 1;\n-- transactional: false\n", "m/0.b.sql": "-- depends: 1.a\nSELECT 0;\n" }), ["m/1.a.sql:1 tx SELECT 1", "m/0.b.sql:2 tx SELECT 0"]);
    assert.deepEqual(summary({ "m/1.a.sql": "SELECT 1;\n", "m/0.b.sql": "SELECT 0;\n" }), ["m/0.b.sql:1 no-tx SELECT 0", "m/1.a.sql:1 no-tx SELECT 1"]);
    // yoyo.ini's sources make a directory yoyo's whatever its files hold.
    const named = readSqlSource([{ path: "m/1.a.sql", text: "SELECT 1;" }], null, { sql }, [], { dirs: ["m"], python: [{ path: "m/2.b.py", text: "steps = []\n" }] });
    assert.deepEqual(named.statements.map((s) => s.transaction), [true]);
    // yoyo's Python migrations are said, not passed over.
    assert.deepEqual(named.problems, [{ kind: "not-read", file: "m/2.b.py", index: 0, at: { line: 1, column: 1 }, message: "yoyo runs this Python migration too; only .sql migrations are read, so what it does is left out" }]);
    // Migrations that depend on each other in a circle: yoyo refuses to run.
    const cycle = read({ "m/1.a.sql": "-- depends: 2.b\nSELECT 1;", "m/2.b.sql": "-- depends: 1.a\nSELECT 2;", "m/3.c.sql": "SELECT 3;", "m/4.d.sql": "-- depends: 2.b\nSELECT 4;" });
    assert.deepEqual(cycle.problems.map((p) => `${p.kind} ${p.file}: ${p.message}`), [
      "refused m/1.a.sql: yoyo refuses to run when migrations depend on each other in a circle: 1.a, 2.b",
      "refused m/2.b.sql: yoyo refuses to run when migrations depend on each other in a circle: 1.a, 2.b",
      "refused m/4.d.sql: yoyo refuses to run: this migration waits on migrations that depend on each other in a circle (1.a, 2.b)",
    ]);
  });

  it("what the tool refuses to run is a refused problem: a goose, dbmate or sql-migrate migration without its Up marker, a sqitch change whose deploy script is missing", () => {
    const goose = read({ "g/001_a.sql": "-- +goose Up\nCREATE TABLE t (id int);\n", "g/002_b.sql": "CREATE INDEX ix ON t (id);\n", "g/seed.sql": "INSERT INTO t VALUES (1);\n" });
    assert.deepEqual(goose.problems, [{ kind: "refused", file: "g/002_b.sql", index: 0, message: "goose refuses to run a migration without a `-- +goose Up` line: not read" }]);
    const plan = "%project=x\nusers 2024-01-01T00:00:00Z D <d@x>\nposts 2024-01-01T00:00:00Z D <d@x>\n";
    const sqitch = read({ "deploy/users.sql": "CREATE TABLE users (id int PRIMARY KEY);", "revert/posts.sql": "DROP TABLE posts;" }, plan);
    assert.deepEqual(sqitch.statements.map((s) => s.file), ["deploy/users.sql"]);
    assert.deepEqual(sqitch.problems, [{ kind: "refused", file: "sqitch.plan", index: 0, at: { line: 3, column: 1 }, message: "sqitch cannot deploy the change posts: its script deploy/posts.sql is missing" }]);
  });

  it("two migrations with one version, as each tool compares versions: refused at each after the first; both still read", () => {
    const flyway = read({ "db/V1__a.sql": "CREATE TABLE t (id int);", "db/V1.1__b.sql": "SELECT 1;", "db/V1_01__c.sql": "SELECT 2;", "db/V2__d.sql": "SELECT 3;", "db/sub/V2.0__e.sql": "SELECT 4;", "db/V10__f.sql": "SELECT 5;", "db/R__views.sql": "SELECT 6;", "db/R__views2.sql": "SELECT 7;" });
    assert.deepEqual(
      flyway.problems.map((p) => `${p.kind} ${p.file}: ${p.message}`),
      ["refused db/V1_01__c.sql: Flyway refuses to run migrations when two have one version: V1_01__c.sql has the version of db/V1.1__b.sql (1.1)", "refused db/sub/V2.0__e.sql: Flyway refuses to run migrations when two have one version: V2.0__e.sql has the version of db/V2__d.sql (2)"],
    );
    assert.equal(flyway.statements.length, 8);
    const golang = read({ "m/000001_a.up.sql": "SELECT 1;", "m/1_b.up.sql": "SELECT 2;", "m/000001_a.down.sql": "SELECT 3;", "m/000002_c.up.sql": "SELECT 4;" });
    assert.deepEqual(golang.problems.map((p) => p.file), ["m/1_b.up.sql"]);
    // dbmate and sql-migrate key migrations by more than the number: not compared.
    assert.deepEqual(read({ "d/001_a.sql": "-- migrate:up\nSELECT 1;", "d/001_b.sql": "-- migrate:up\nSELECT 2;" }).problems, []);
  });

  it("COPY … FROM stdin: the rows up to `\\.` are data, and the statements after keep their lines", () => {
    const r = read({ "m/1.sql": "CREATE TABLE role (id int PRIMARY KEY, name text);\nCOPY role (id, name) FROM stdin;\n1\tadmin\n2\t; CREATE INDEX bogus ON role (id);\n\\.\n\nCREATE UNIQUE INDEX role_name_uidx ON role (name);\n" });
    assert.deepEqual(r.statements.map((s) => [s.anchorLine, s.sql]), [
      [1, "CREATE TABLE role (id int PRIMARY KEY, name text)"],
      [2, "COPY role (id, name) FROM stdin"],
      [7, "CREATE UNIQUE INDEX role_name_uidx ON role (name)"],
    ]);
  });

  it("psql's meta-commands anywhere on a line outside quotes are not SQL; \\g and \\gexec end the statement as `;` does", () => {
    const r = read({
      "deploy/a.sql": [
        "\\set ON_ERROR_STOP on",
        "CREATE TABLE t (id int, a int, note text DEFAULT E'a\\\\b', tag text DEFAULT 'x\\y');",
        "SELECT format('CREATE INDEX %I ON t (%I)', 'ix_t_' || c, c) FROM unnest(ARRAY['a', 'id']) AS c \\gexec",
        "SELECT 1 \\g /dev/null",
        "DO $$ BEGIN RAISE NOTICE '\\x'; END $$;",
        "/* \\not_a_command */ CREATE INDEX ix_t_note ON t (note); -- \\neither",
        "\\ir common/grants.sql",
        "\\echo done",
        "",
      ].join("\n"),
    });
    assert.deepEqual(r.statements.map((s) => [s.anchorLine, s.sql]), [
      [2, "CREATE TABLE t (id int, a int, note text DEFAULT E'a\\\\b', tag text DEFAULT 'x\\y')"],
      [3, "SELECT format('CREATE INDEX %I ON t (%I)', 'ix_t_' || c, c) FROM unnest(ARRAY['a', 'id']) AS c"],
      [4, "SELECT 1"],
      [5, "DO $$ BEGIN RAISE NOTICE '\\x'; END $$"],
      [6, "CREATE INDEX ix_t_note ON t (note)"],
    ]);
    assert.deepEqual(r.dynamic.map((d) => [d.index, d.reason]), [
      [r.statements[1]!.start, "psql runs the rows this query returns as statements (\\gexec): the index DDL they hold is known only at run time"],
      [r.statements[4]!.end + "; -- \\neither\n".length, "psql runs the statements of common/grants.sql here: the file is not in the project, so they are not read"],
    ]);
  });

  it("a file run by \\ir is read where the command stands, from the including file's directory, for the migration that runs it; \\i's path is not known", () => {
    const included = [
      { path: "common/tables.sql", text: "BEGIN;\nCREATE TABLE t (id int PRIMARY KEY, a int);\n\\ir 'indexes/t a.sql'\n" },
      { path: "common/indexes/t a.sql", text: "CREATE INDEX ix_t_a ON t (a);\n\\ir ../../loop.sql\n" },
      { path: "loop.sql", text: "\\ir loop.sql\n" },
    ];
    const r = readSqlSource([{ path: "deploy/a.sql", text: "\\ir ../common/tables.sql\nCREATE INDEX ix_t_id ON t (id);\nCOMMIT;\n\\i common/tables.sql\n\\ir :dir/x.sql\n" }], null, { sql }, included);
    assert.deepEqual(
      r.statements.map((s) => `${s.file}:${s.anchorLine} ${s.migration} ${s.transaction ? "tx" : "no-tx"} ${s.sql}`),
      [
        "common/tables.sql:1 deploy/a.sql tx BEGIN",
        "common/tables.sql:2 deploy/a.sql tx CREATE TABLE t (id int PRIMARY KEY, a int)",
        "common/indexes/t a.sql:1 deploy/a.sql tx CREATE INDEX ix_t_a ON t (a)",
        "deploy/a.sql:2 deploy/a.sql tx CREATE INDEX ix_t_id ON t (id)",
        "deploy/a.sql:3 deploy/a.sql no-tx COMMIT",
      ],
    );
    assert.deepEqual(r.files.map((f) => f.source.path), ["deploy/a.sql", "common/tables.sql", "common/indexes/t a.sql", "loop.sql"]);
    assert.deepEqual(
      r.dynamic.map((d) => `${d.file} ${d.template}: ${d.reason}`),
      [
        "loop.sql \\ir loop.sql: psql runs loop.sql again from inside itself (loop.sql → loop.sql), without end: not read",
        "deploy/a.sql \\i common/tables.sql: psql runs the statements of common/tables.sql here: its path is psql's working directory's, not known here, so they are not read",
        "deploy/a.sql \\ir :dir/x.sql: psql runs the statements of :dir/x.sql here: its path holds a psql variable, known only at run time, so they are not read",
      ],
    );
  });

  it("a plain file another one runs with \\ir is part of it, not a migration of its own", () => {
    const files = [
      { path: "sql/001_init.sql", text: "CREATE TABLE t (id int, a int);\n\\ir 002_indexes.sql\n" },
      { path: "sql/002_indexes.sql", text: "CREATE INDEX ix_t_a ON t (a);\n" },
      { path: "sql/003_more.sql", text: "CREATE INDEX ix_t_id ON t (id);\n" },
    ];
    const r = readSqlSource(files, null, { sql }, []);
    assert.deepEqual(r.statements.map((s) => `${s.file} ${s.migration}`), ["sql/001_init.sql sql/001_init.sql", "sql/002_indexes.sql sql/001_init.sql", "sql/003_more.sql sql/003_more.sql"]);
  });

  it("a chain of \\ir deeper than includeDepth, and more files run than includeRuns, are said once where the command stands", () => {
    const chain = Array.from({ length: LIMITS.includeDepth + 2 }, (_, k) => ({ path: `c/${k}.sql`, text: `CREATE INDEX ix_${k} ON t (a);\n\\ir ${k + 1}.sql\n` }));
    const deep = readSqlSource([{ path: "deploy/a.sql", text: "\\ir ../c/0.sql\n" }], null, { sql }, chain);
    assert.equal(deep.statements.length, LIMITS.includeDepth);
    assert.deepEqual(deep.dynamic.map((d) => `${d.file}: ${d.reason}`), [`c/${LIMITS.includeDepth - 1}.sql: limit includeDepth (${LIMITS.includeDepth} levels of files run by psql's \\ir) reached: the statements of c/${LIMITS.includeDepth}.sql are not read`]);
    // The same file run includeRuns + 3 times: the first includeRuns are read, each of the other three places is said.
    const runs = Array.from({ length: LIMITS.includeRuns + 3 }, () => "\\ir ../d/leaf.sql").join("\n") + "\n";
    const wide = readSqlSource([{ path: "deploy/a.sql", text: runs }], null, { sql }, [{ path: "d/leaf.sql", text: "SELECT 1;\n" }]);
    assert.equal(wide.statements.length, LIMITS.includeRuns);
    const line = "\\ir ../d/leaf.sql\n".length;
    assert.deepEqual(
      wide.dynamic.map((d) => [d.file, d.index, d.reason]),
      [0, 1, 2].map((k) => ["deploy/a.sql", (LIMITS.includeRuns + k) * line, `limit includeRuns (${LIMITS.includeRuns} files run by psql's \\ir, read in all) reached: the statements of d/leaf.sql are not read`]),
    );
  });

  it("the files \\ir runs are found where the project is read, each once, also when a file in turn runs one", () => {
    const files: Record<string, string> = {
      "deploy/a.sql": "\\ir ../common/tables.sql\n\\ir /abs/x.sql\n\\ir ../../outside.sql\n",
      "deploy/b.sql": "SELECT 1; -- \\ir ../common/not_this.sql\n\\ir ../common/tables.sql\n",
      "common/tables.sql": "\\ir indexes.sql\n",
      "common/indexes.sql": "CREATE INDEX ix ON t (a);\n",
      "common/not_this.sql": "",
    };
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "sql", paths: ["deploy/*.sql"] });
    assert.ok(input.kind === "sql");
    assert.deepEqual(input.included?.map((f) => f.path), ["common/tables.sql", "common/indexes.sql"]);
  });

  it("a text the scanner rejects (an unterminated quoted name) is split up to there: the statements before it are read, the rest is one statement", () => {
    const r = read({ "db/V1__a.sql": "CREATE TABLE t (a int);\n-- the last one is broken\nCREATE INDEX ix ON t (a);\nCREATE INDEX \"bad ON t (a);\nCREATE INDEX ix2 ON t (a);\n" });
    assert.deepEqual(r.statements.map((s) => [s.anchorLine, s.sql]), [
      [1, "CREATE TABLE t (a int)"],
      [3, "CREATE INDEX ix ON t (a)"],
      [4, 'CREATE INDEX "bad ON t (a);\nCREATE INDEX ix2 ON t (a);'],
    ]);
  });

  it("COPY … FROM stdin in a comment, a string or a dollar quote is no COPY: what follows is read", () => {
    const r = read({
      "deploy/a.sql": "\\set ON_ERROR_STOP on\n/* example:\ncopy t from stdin;\n*/\nCREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$\nSELECT 1;\n$$;\nSELECT '\ncopy t from stdin;\n';\nCREATE INDEX ix_t_a ON t (a);\nCOPY t (a) FROM stdin;\n\n1\n\\.\nCREATE INDEX ix_t_b ON t (b);\n",
    });
    assert.deepEqual(
      r.statements.map((s) => [s.anchorLine, s.sql.split("\n")[0]]),
      [
        [5, "CREATE FUNCTION f() RETURNS void LANGUAGE sql AS $$"],
        [8, "SELECT '"],
        [11, "CREATE INDEX ix_t_a ON t (a)"],
        [12, "COPY t (a) FROM stdin"],
        [16, "CREATE INDEX ix_t_b ON t (b)"],
      ],
    );
  });

  it("\\gexec after a comment, or after the `;` (psql sends the last query again), sends the query before it; \\r and \\gdesc end a statement that never runs", () => {
    const r = read({
      "deploy/a.sql": [
        "SELECT format('CREATE INDEX %I ON t (a)', 'ix_a') -- one index",
        "\\gexec",
        "SELECT format('CREATE INDEX %I ON t (b)', 'ix_b');",
        "\\gexec",
        "CREATE INDEX ix_reset ON t (a)",
        "\\r",
        "CREATE INDEX ix_described ON t (b) \\gdesc",
        "CREATE INDEX ix_kept ON t (a, b);",
        "\\r",
        "",
      ].join("\n"),
    });
    assert.deepEqual(r.statements.map((s) => s.sql.slice(0, 40)), ["SELECT format('CREATE INDEX %I ON t (a)'", "SELECT format('CREATE INDEX %I ON t (b)'", "CREATE INDEX ix_kept ON t (a, b)"]);
    assert.deepEqual(r.dynamic.map((d) => d.index), [r.statements[0]!.start, r.statements[1]!.start]);
  });

  it("a tool other than psql (Flyway, golang-migrate, dbmate, goose, sql-migrate) sends a meta-command to PostgreSQL: invalid-sql, and \\ir is not followed", () => {
    const r = readSqlSource([{ path: "db/V1__a.sql", text: "CREATE TABLE t (id int, a int);\n\\ir common.sql\nCREATE INDEX ix_a ON t (a);\n" }], null, { sql }, [{ path: "db/common.sql", text: "CREATE INDEX ix_common ON t (id);\n" }]);
    assert.deepEqual(r.statements.map((s) => s.sql), ["CREATE TABLE t (id int, a int)", "CREATE INDEX ix_a ON t (a)"]);
    assert.deepEqual(r.problems, [{ kind: "invalid-sql", file: "db/V1__a.sql", index: 32, message: "flyway sends this line to PostgreSQL as SQL; \\ir is a meta-command, which only psql runs" }]);
    assert.deepEqual(r.dynamic, []);
  });

  it("Flyway runs COPY … FROM STDIN up to its \\. line (its rows are not SQL); golang-migrate sends that line to PostgreSQL", () => {
    const text = "CREATE TABLE t (id int, a text);\nCOPY t (id, a) FROM stdin;\n1\tCREATE INDEX fake ON t (a);\n\\.\nCREATE INDEX ix_a ON t (a);\n";
    const flyway = readSqlSource([{ path: "db/V1__a.sql", text }], null, { sql });
    assert.deepEqual(flyway.statements.map((s) => s.sql), ["CREATE TABLE t (id int, a text)", "COPY t (id, a) FROM stdin", "CREATE INDEX ix_a ON t (a)"]);
    assert.deepEqual(flyway.problems, []);
    const migrate = readSqlSource([{ path: "db/1_a.up.sql", text }], null, { sql });
    assert.deepEqual(migrate.problems.map((p) => p.message), ["golang-migrate sends this line to PostgreSQL as SQL; \\. ends the rows of a COPY … FROM stdin, which only psql and Flyway read"]);
  });

  it("psql's \\if blocks: a Boolean literal decides (a skipped branch is not read, nor a file it would run); any other condition guards the statements under it, and its negation those of later branches", () => {
    const text = [
      "\\if off",
      "CREATE INDEX ix_off ON t (a);",
      "\\ir never.sql",
      "\\elif t",
      "CREATE INDEX ix_t ON t (a);",
      "\\else",
      "CREATE INDEX ix_else ON t (a);",
      "\\endif",
      "\\if :with_search",
      "CREATE INDEX ix_search ON t (b);",
      "  \\if :fast",
      "  CREATE INDEX ix_fast ON t (c);",
      "  \\endif",
      "\\elif :legacy",
      "CREATE INDEX ix_legacy ON t (d);",
      "\\ir part.sql",
      "\\else",
      "CREATE INDEX ix_plain ON t (e);",
      "\\endif",
      "CREATE INDEX ix_after ON t (f);",
      "",
    ].join("\n");
    const r = readSqlSource([{ path: "deploy/a.sql", text }], null, { sql }, [{ path: "deploy/part.sql", text: "CREATE INDEX ix_part ON t (g);\n" }]);
    assert.deepEqual(
      r.statements.map((s) => `${s.sql.split(" ")[2]!}: ${(s.guards ?? []).map((g) => g.text).join(" and ")}${s.runsIf ? " (may not run)" : ""}`),
      [
        "ix_t: ",
        "ix_search: :with_search (may not run)",
        "ix_fast: :fast and :with_search (may not run)",
        "ix_legacy: :legacy and not (:with_search) (may not run)",
        "ix_part: :legacy and not (:with_search) (may not run)",
        "ix_plain: not (:legacy) and not (:with_search) (may not run)",
        "ix_after: ",
      ],
    );
    assert.deepEqual(r.dynamic, []);
  });

  it("a query sent by \\gexec that builds no index DDL is no finding", () => {
    assert.deepEqual(read({ "deploy/a.sql": "SELECT format('GRANT SELECT ON %I TO reader', t) FROM tables \\gexec\n" }).dynamic, []);
  });
});

function project(files: Record<string, string>): string {
  return writeProject("index-audit-sql-", files);
}

describe(".sql sources: CLI", () => {
  it("zero configuration: a directory of versioned .sql files, no registry: the policy rules apply", async () => {
    const cwd = project({
      "db/migrations/V1__orders.sql": "CREATE TABLE orders (id int PRIMARY KEY, status text);\nCREATE INDEX idx_orders_id_status ON orders (id, status);\n",
      "db/migrations/V2__status.sql": "\n  CREATE INDEX idx_orders_status ON orders (status);\n",
    });
    const io = fakeIo(cwd);
    const code = await run(["check", "-f", "compact"], io);
    assert.equal(io.err, "");
    assert.equal(io.out, "db/migrations/V2__status.sql:2:3: error index-not-concurrent Index idx_orders_status on orders is built without CONCURRENTLY; writes to orders block for the whole build\n");
    assert.equal(code, 1);
  });

  it("index DDL inside a DO block is one dynamic finding, at its DO (the statement reader's, as for every source), not passed over", async () => {
    const cwd = project({
      "db/migrations/V1__a.sql":
        "CREATE TABLE users (id int, name text);\nDO $$\nBEGIN\n  IF NOT EXISTS (SELECT 1 FROM pg_indexes WHERE indexname = 'idx_users_name') THEN\n    CREATE INDEX idx_users_name ON users (name);\n  END IF;\nEND $$;\nDO $$ BEGIN PERFORM 1; END $$;\nDO $$ BEGIN ALTER INDEX IF EXISTS a RENAME TO b; END $$;\n",
    });
    const io = fakeIo(cwd);
    await run(["list", "--format", "json"], io);
    const list = JSON.parse(io.out) as { dynamic: { line: number; column: number; reason: string }[] };
    assert.deepEqual(
      list.dynamic.map((d) => [d.line, d.column, d.reason]),
      [
        [2, 1, "index DDL inside a DO block (PL/pgSQL) is not read statically"],
        [9, 1, "index DDL inside a DO block (PL/pgSQL) is not read statically"],
      ],
    );
  });

  it("index DDL inside a function's or procedure's body is one dynamic finding at its CREATE: it runs only when called", async () => {
    const cwd = project({
      "db/migrations/V1__a.sql":
        "CREATE TABLE t (id int, a int);\nCREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS $$\nBEGIN\n  CREATE INDEX t_a_fn ON t (a);\nEND $$;\nCREATE FUNCTION note() RETURNS void LANGUAGE plpgsql AS $$ BEGIN -- create index elsewhere\n PERFORM 1; END $$;\n  CREATE OR REPLACE PROCEDURE p() LANGUAGE sql AS 'DROP INDEX t_a_fn';\n",
    });
    const io = fakeIo(cwd);
    await run(["list", "--format", "json"], io);
    const list = JSON.parse(io.out) as { indexes: unknown[]; dynamic: { line: number; column: number; reason: string }[] };
    assert.deepEqual(list.indexes, []);
    assert.deepEqual(
      list.dynamic.map((d) => [d.line, d.column, d.reason]),
      [
        [2, 1, "index DDL inside a function's body runs only when the function is called, which the inventory cannot know"],
        [8, 3, "index DDL inside a procedure's body runs only when the procedure is called, which the inventory cannot know"],
      ],
    );
  });

  it("CREATE SCHEMA's elements are inventoried in the schema, each at its own CREATE; a schema named after the running role is said", async () => {
    const cwd = project({
      "db/migrations/V1__a.sql":
        "CREATE TABLE t (id int, a int);\nCREATE SCHEMA s\n  CREATE TABLE u (id int, b int UNIQUE)\n    CREATE INDEX u_b ON u (b);\nCREATE SCHEMA AUTHORIZATION CURRENT_USER CREATE TABLE w (id int PRIMARY KEY);\n",
    });
    const io = fakeIo(cwd);
    await run(["list", "--format", "json"], io);
    const list = JSON.parse(io.out) as {
      indexes: { name: string; schema: string; table: string; line: number; column: number }[];
      constraints: { name: string; schema: string; line: number; column: number }[];
      dynamic: { line: number; column: number; reason: string }[];
    };
    assert.deepEqual(
      list.indexes.map((i) => [i.schema, i.table, i.name, i.line, i.column]),
      [["s", "u", "u_b", 4, 5]],
    );
    assert.deepEqual(
      list.constraints.map((c) => [c.schema, c.name, c.line, c.column]),
      [["s", "u_b_key", 3, 3]],
    );
    assert.deepEqual(
      list.dynamic.map((d) => [d.line, d.column, d.reason]),
      [[5, 1, "the schema is named after the role that runs it (AUTHORIZATION CURRENT_USER): the tables and indexes its elements create are not listed"]],
    );
  });

  it("`sources` in the configuration is validated: a missing key and an unknown kind are named", async () => {
    for (const [config, message] of [
      [{ sources: [{ kind: "sql" }] }, "index-audit.json: sources.0 must have required property 'paths'"],
      [{ sources: [{ kind: "flyway", paths: ["x"] }] }, 'index-audit.json: sources.0.kind must be one of "module", "alembic", "sql", "django"'],
      [{ sources: [{ kind: "sql", paths: ["x/*.sql"], extra: 1 }] }, "index-audit.json: unknown key 'sources.0.extra'"],
    ] as const) {
      const cwd = project({ "index-audit.json": JSON.stringify(config) });
      const io = fakeIo(cwd);
      assert.equal(await run(["check"], io), 2);
      assert.equal(io.err.split("\n")[0], `index-audit: ${message}`);
    }
  });

  it("a module source is the long form of `migrations`, and combines with .sql files", async () => {
    const cwd = project({
      "index-audit.json": JSON.stringify({ sources: [{ kind: "module", paths: ["server/db_migrate.py"] }, { kind: "sql", paths: ["sql/*.sql"] }] }),
      "server/db_migrate.py": 'def upgrade(conn):\n    conn.execute("CREATE INDEX idx_a ON a (x)")\n',
      "server/db_indexes.py": "INDEX_DEFS = []\n",
      "sql/1_b.sql": "CREATE INDEX idx_b ON b (y);\n",
    });
    const io = fakeIo(cwd);
    await run(["list", "--format", "csv"], io);
    assert.deepEqual(io.out.trim().split("\n").slice(1).map((l) => l.split(",").slice(0, 3).join(",")), ["idx_a,,a", "idx_b,,b"]);
  });

  it("a .sql registry: each statement is an entry, checked and fixed like a Python registry's", async () => {
    const registry = "-- Performance indexes, built after each deploy.\nCREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_source ON leads (source);\n\n-- Leads by status.\nCREATE INDEX idx_leads_status2 ON leads (status, id);\nCREATE UNIQUE INDEX CONCURRENTLY IF NOT EXISTS uq_leads_x ON leads (id);\n";
    const cwd = project({
      "index-audit.json": JSON.stringify({ registry: "db/indexes.sql" }),
      "server/db_migrate.py": 'def migrate(conn):\n    conn.execute("CREATE INDEX IF NOT EXISTS idx_leads_owner ON leads (owner_id)")\n',
      "db/indexes.sql": registry,
    });
    const io = fakeIo(cwd);
    assert.equal(await run(["check", "-f", "compact"], io), 1);
    assert.equal(
      io.out,
      [
        "db/indexes.sql:5:1: error registry-not-concurrent Registry index idx_leads_status2 is built without CONCURRENTLY",
        "db/indexes.sql:5:1: error registry-not-if-not-exists Registry index idx_leads_status2 is created without IF NOT EXISTS",
        "db/indexes.sql:6:1: error unique-index-in-registry Functional index uq_leads_x is in the registry (UNIQUE index: enforces a rule on the data)",
        "server/db_migrate.py:2:19: error performance-index-in-migration Performance index idx_leads_owner on leads is created in migrations",
        "",
      ].join("\n"),
    );
    const fix = fakeIo(cwd);
    await run(["check", "--fix-dry-run", "-f", "compact"], fix);
    assert.match(fix.out, /^-CREATE INDEX idx_leads_status2 ON leads \(status, id\);\n\+CREATE INDEX CONCURRENTLY IF NOT EXISTS idx_leads_status2 ON leads \(status, id\);$/m);
    const move = fakeIo(cwd);
    assert.equal(await run(["fix", "--move", "--dry-run"], move), 2);
    assert.equal(move.err, "index-audit: fix --move writes Python registry entries; db/indexes.sql is a .sql registry (move the statements into it by hand)\n");
  });

  it("fix --move leaves framework migrations' indexes in place and says why", async () => {
    const cwd = project({
      "index-audit.json": JSON.stringify({ sources: [{ kind: "sql", paths: ["db/*.sql"] }], registry: "server/db_indexes.py" }),
      "db/V1__orders.sql": "CREATE TABLE orders (id int, status text);\nCREATE INDEX idx_orders_status ON orders (status);\n",
      "server/db_indexes.py": "INDEX_DEFS = []\n",
    });
    const io = fakeIo(cwd);
    assert.equal(await run(["fix", "--move", "--dry-run"], io), 0);
    assert.equal(io.out, "");
    assert.equal(
      io.err,
      "index-audit: would move 0 indexes to server/db_indexes.py; would remove 0 already built there from migrations\nleft in place (1):\n  db/V1__orders.sql:2 idx_orders_status: it is created by a framework migration (Alembic, .sql), whose history is not rewritten; add its registry entry and drop it in a new migration by hand\n",
    );
  });
});


describe(".sql sources: suppressions", () => {
  it("-- index-audit: ignore[…] above a statement silences it; one that silences nothing is reported", async () => {
    const cwd = project({
      "index-audit.json": JSON.stringify({ sources: [{ kind: "sql", paths: ["db/*.sql"] }] }),
      "db/V1__a.sql": "-- index-audit: ignore[index-not-concurrent] -- built in the maintenance window\nCREATE INDEX idx_a ON a (x);\nCREATE INDEX idx_b ON a (y); -- index-audit: ignore[drop-index-not-concurrent]\n",
    });
    const io = fakeIo(cwd);
    assert.equal(await run(["check", "-f", "compact"], io), 1);
    assert.equal(
      io.out,
      "db/V1__a.sql:3:1: error index-not-concurrent Index idx_b on a is built without CONCURRENTLY; writes to a block for the whole build\ndb/V1__a.sql:3:30: warning unused-suppression Suppression of drop-index-not-concurrent suppresses nothing\n",
    );
  });
});

describe("framework sources: the cache key", () => {
  it("covers every file a source read", async () => {
    const { cacheKey } = await import("../src/cache/result.js");
    const { resolveConfig } = await import("../src/config/resolve.js");
    const { RULES } = await import("../rules/index.js");
    const config = resolveConfig({}, null, RULES);
    const alembic = (text: string, env = "") => ({ kind: "alembic" as const, directory: "v", revisions: [{ path: "v/a.py", text }], env: [{ path: "env.py", text: env }] });
    const key = (sources: Parameters<typeof cacheKey>[0]["project"]["sources"]) => cacheKey({ toolVersion: "1", config, project: { migrations: [], registry: null, ...(sources === undefined ? {} : { sources }) } });
    const keys = [
      key([alembic("revision = 'a'\n")]),
      key([alembic("revision = 'b'\n")]),
      key([alembic("revision = 'a'\n", "import x\n")]),
      key([{ kind: "sql", files: [{ path: "V1__a.sql", text: "SELECT 1;" }], plan: null }]),
      key([{ kind: "sql", files: [{ path: "V1__a.sql", text: "SELECT 2;" }], plan: null }]),
      key([{ kind: "sql", files: [{ path: "deploy/a.sql", text: "SELECT 1;" }], plan: { path: "sqitch.plan", text: "a\n" } }]),
      key([{ kind: "sql", files: [{ path: "deploy/a.sql", text: "SELECT 1;" }], plan: { path: "sqitch.plan", text: "a\n" }, included: [{ path: "common/b.sql", text: "SELECT 1;" }] }]),
      // A budget reached over files not read (the project's Python files, for a Flask app): what the run reports differs.
      key([{ ...alembic("revision = 'a'\n"), limits: [{ path: "env.py", message: "limit appModules reached: 1 more Python file" }] }]),
      key([]),
    ];
    assert.equal(new Set(keys).size, keys.length);
  });
});
