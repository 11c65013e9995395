import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { run } from "../src/cli.js";
import { createToolkit } from "../src/project/analyze.js";
import { fakeIo } from "./helpers/io.js";
import { writeProject } from "./helpers/project.js";
import { analyzeAlembic, constraintRows, dynamicRows, indexRows, lines, REVISION_HEAD } from "./helpers/alembic.js";
import { ARGS_HELPERS, COLUMN_HELPERS, HELD_OPS_AND_CONTEXT_MANAGERS, IMPORTED_CLASSES, KWARGS_HELPERS, REASSIGNED_PARAMS, REEXPORTED_HELPERS, RETURN_REVISION, SUPERSET_HELPERS, SUPERSET_INDEX_HELPERS, SYS_PATH_HELPERS } from "./helpers/alembic-helper-projects.js";

const toolkit = createToolkit();


describe("Alembic: Columns and constraints handed to the project's helpers", () => {
  it("Superset's create_table(name, *columns) and add_columns(name, *columns) (a list built by .append in a loop, then a loop over it) are read where the columns are written, with the caller's loop variables", async () => {
    const inv = await analyzeAlembic(toolkit, SUPERSET_HELPERS);
    // A helper's operations are reported at its call.
    assert.deepEqual(indexRows(inv), [
      "ix_tag_fav_tag tag_fav - kept 10:5",
      "ix_tag_fav_user_id tag_fav - kept 10:5",
      "ix_tag_fav_created_on tag_fav - kept 18:5",
      "ix_tag_fav_c tag_fav - kept 19:5",
      "ix_tag_fav_d tag_fav - kept 21:9",
      "ix_tag_fav_e tag_fav - kept 21:9",
    ]);
    assert.deepEqual(constraintRows(inv), [
      "primary key tag_fav_pkey tag_fav(id) kept 10:5",
      "unique uq_tag_fav tag_fav(user_id,tag_id) kept 10:5",
      "unique tag_fav_uuid_key tag_fav(uuid) kept 18:5",
      "unique tag_fav_f_key tag_fav(f) kept 22:5",
    ]);
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("a list appended to in a way the reader does not follow (in a loop over what it cannot list, by a method other than append or extend) is said, never read as empty", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True))',
        "    cols = []",
        "    for c in get_columns():",
        "        cols.append(sa.Column(c, sa.Integer, index=True))",
        "    for col in cols:",
        '        op.add_column("t", col)',
        "    more = []",
        '    more.insert(0, sa.Column("b", sa.Integer, index=True))',
        "    for col in more:",
        '        op.add_column("t", col)',
      ),
    });
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:14 the column is not written here as a Column(...): an index or constraint it makes is not read",
      "a1_init.py:18 the column is not written here as a Column(...): an index or constraint it makes is not read",
    ]);
  });
});

describe("Alembic: a helper that hands its **kwargs on", () => {
  it("op.create_index(name, table, columns, **kwargs) reads the keywords its caller wrote (unique=, postgresql_where=, postgresql_using=), with the caller's loop variables, in a project module or the revision", async () => {
    const inv = await analyzeAlembic(toolkit, KWARGS_HELPERS);
    assert.deepEqual(indexRows(inv), [
      "ix_project_name project unique kept 11:5",
      "ix_project_id_x project - kept 13:9",
      "ix_project_owner_x project unique kept 13:9",
      "ix_project_lower project - kept 14:5",
      "ix_project_owner_hash project - kept 15:5",
    ]);
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.method, i.where]),
      [
        ["ix_project_name", "btree", null],
        ["ix_project_id_x", "btree", "owner IS NOT NULL"],
        ["ix_project_owner_x", "btree", "owner IS NOT NULL"],
        ["ix_project_lower", "btree", null],
        ["ix_project_owner_hash", "hash", null],
      ],
    );
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("op.create_index(*args, **kwargs) and op.create_index(name, *args, **kw) read the positional arguments their caller wrote, with its loop variables; an argument not known is said", async () => {
    const inv = await analyzeAlembic(toolkit, ARGS_HELPERS);
    assert.deepEqual(indexRows(inv), ["ix_t_a t unique kept 12:5", "ix_t_b t - kept 14:9", "ix_t_c t - kept 14:9", "ix_t_lower_b t - kept 15:5"]);
    assert.deepEqual(
      inv.indexes.map((i) => [i.name, i.keys.map((k) => k.text), i.where]),
      [
        ["ix_t_a", ["a"], null],
        ["ix_t_b", ["b", "id"], null],
        ["ix_t_c", ["c", "id"], null],
        ["ix_t_lower_b", ["lower(b)"], "c > 0"],
      ],
    );
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:16 its name, table or columns are not known statically"]);
  });

  it("a *args holding a value not known (a name defined nowhere), or a *x the caller passes on, is said, not read", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        '    add_index(INDEX_NAME, "t", ["a"])',
        '    add_index(*spec())',
        "",
        "",
        "def add_index(*args):",
        "    op.create_index(*args)",
      ),
    });
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:9 args is not known statically", "a1_init.py:10 args is not known statically"]);
  });

  it("a caller that passes a **x of its own leaves the helper's **kwargs unknown: said, not read as empty", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        ...REVISION_HEAD,
        "    add_index(\"ix_t_a\", \"t\", [\"a\"], **options())",
        "",
        "",
        "def add_index(name, table, columns, **kw):",
        "    op.create_index(name, table, columns, **kw)",
      ),
    });
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:9 kw is not known statically"]);
  });
});

describe("Alembic: helpers in modules found through alembic.ini's prepend_sys_path", () => {
  it("prepend_sys_path = src: `from dbtools.indexes import add_index` is src/dbtools/indexes.py, read where the revision calls it", async () => {
    const inv = await analyzeAlembic(toolkit, { "alembic.ini": "[alembic]\nscript_location = migrations\nprepend_sys_path = src\n", ...SYS_PATH_HELPERS });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 11:5"]);
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("a helper a package's __init__.py imports from a submodule (also under another name) is followed there", async () => {
    const inv = await analyzeAlembic(toolkit, { "alembic.ini": "[alembic]\nscript_location = migrations\nprepend_sys_path = src\n", ...REEXPORTED_HELPERS });
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 12:5"]);
    assert.deepEqual(
      inv.constraints.map((c) => `${c.name} ${c.location.line}`),
      ["t_pkey 11", "uq_t_b 13"],
    );
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("a package that assigns the name again (add_index = noop_index) is not followed; a module past those read says so", async () => {
    const base = { "alembic.ini": "[alembic]\nscript_location = migrations\nprepend_sys_path = src\n", ...REEXPORTED_HELPERS };
    const rebound = await analyzeAlembic(toolkit, { ...base, "src/dbtools/__init__.py": lines("from .indexes import add_index", "from .noop import noop_index", "add_index = noop_index"), "src/dbtools/noop.py": lines("def noop_index(table, column):", "    pass") });
    assert.deepEqual(indexRows(rebound), []);
    assert.deepEqual(dynamicRows(rebound), ["a1_init.py:12 add_index() is imported from dbtools, which does not define it as a function: what it does is not read"]);
    // __init__ → a → b → c: modules two steps past the one the revision imports are read, not the third.
    const chain = await analyzeAlembic(toolkit, {
      ...base,
      "src/dbtools/__init__.py": lines("from .a import add_index"),
      "src/dbtools/a.py": lines("from .b import add_index"),
      "src/dbtools/b.py": lines("from .c import add_index"),
      "src/dbtools/c.py": lines("from alembic import op", "def add_index(table, column):", '    op.create_index(f"ix_{table}_{column}", table, [column])'),
    });
    assert.deepEqual(dynamicRows(chain), ["a1_init.py:12 add_index() is imported in src/dbtools/b.py from .c, which is not among the project modules read: what it does is not read"]);
    // `from .indexes import *` in the package: the function is looked for in the module it star-imports.
    const star = await analyzeAlembic(toolkit, { ...base, "src/dbtools/__init__.py": lines("from .constants import *", "from .indexes import *") });
    assert.deepEqual(indexRows(star), ["ix_t_a t - kept 12:5"]);
    assert.deepEqual(dynamicRows(star), []);
  });

  it("a module read only for what it may re-export that cannot be read (binary) is left out: the run goes on", async () => {
    const dir = writeProject("ia-reexport-binary-", { ...REEXPORTED_HELPERS, "alembic.ini": "[alembic]\nscript_location = migrations\nprepend_sys_path = src\n", "src/dbtools/__init__.py": lines("from .indexes import add_index", "from .data import BLOB"), "src/dbtools/data.py": "BLOB = b'\0'\0\n" });
    const io = fakeIo(dir);
    assert.equal(await run(["list", "--format", "json"], io), 0, io.err);
    const listed = JSON.parse(io.out) as { indexes: { name: string }[] };
    assert.deepEqual(listed.indexes.map((i) => i.name), ["ix_t_a"]);
  });

  it("without it the module is not on the path: the call is said, not read", async () => {
    const inv = await analyzeAlembic(toolkit, { "alembic.ini": "[alembic]\nscript_location = migrations\n", ...SYS_PATH_HELPERS });
    assert.deepEqual(indexRows(inv), []);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:11 add_index() is imported from dbtools.indexes, which is not among the project modules read: what it does is not read"]);
  });
});

describe("Alembic: a Column or constraint a function returns", () => {
  it("id_column(), fk_column(name, unique=...) imported from a project module, a constraint named from an argument: read with the call's arguments, reported at the call", async () => {
    const inv = await analyzeAlembic(toolkit, COLUMN_HELPERS);
    assert.deepEqual(indexRows(inv), ["ix_a_owner_id a - kept 10:39", "ix_a_parent_id a - kept 11:24"]);
    assert.deepEqual(constraintRows(inv), ["primary key a_pkey a(id) kept 10:26", "unique a_code_key a(code) kept 10:62", "unique uq_a_id_code a(id,code) kept 10:94"]);
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: attributes of a class imported from the project's modules", () => {
  it("SqlDataset.__tablename__ and Names.ARCHIVE, assigned a literal in the class body, are known; an attribute assigned anything else is not", async () => {
    const inv = await analyzeAlembic(toolkit, IMPORTED_CLASSES);
    assert.deepEqual(indexRows(inv), ["index_datasets_dataset_uuid datasets - kept 16:9"]);
    assert.deepEqual(constraintRows(inv), ["primary key dataset_pk datasets(experiment_id,name) kept 15:9", "primary key archive_items_pkey archive_items(id) kept 18:36", "primary key built_pkey built(id) kept 19:30"]);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:20 its name, table or columns are not known statically"]);
  });
});

describe("Alembic: helpers that ask the inspector before they act (Superset's has_table / table_has_index)", () => {
  it("a function that assigns names and returns an inspector test (any(... == name for ... in get_indexes(t)), a held has_table) is that test, with its parameters bound: replay decides it, and a create it skips made nothing", async () => {
    const inv = await analyzeAlembic(toolkit, SUPERSET_INDEX_HELPERS);
    assert.deepEqual(indexRows(inv), [
      "ix_t_b t - dropped 10:101",
      "ix_t_a t - kept 11:5",
      "ix_t_a t unique skipped 12:5",
      "ix_t_c t - skipped 13:5",
      "ix_t_a t - skipped 17:9",
      "ix_t_ab t - kept 17:9",
      "ix_t_id t - kept 18:5",
      "ix_t_ab t - skipped 19:5",
      "ix_t_ba t - kept 20:5",
    ]);
    assert.deepEqual(constraintRows(inv), ["primary key t_pkey t(id) kept 10:26", "primary key t_pkey t(id) dropped 13:5"]);
    // Only the create behind a helper that does something before it answers is not decided: it may not run.
    assert.deepEqual(
      inv.indexes.filter((d) => d.context.guards.length > 0).map((d) => `${d.name} ${d.context.guards.map((g) => g.text).join("; ")}`),
      ["ix_t_ba not logged_exists(name)"],
    );
    assert.deepEqual(dynamicRows(inv), []);
  });
});

describe("Alembic: helpers that assign their parameters again", () => {
  it("follows `if name is None: name = ...`, `name = name or ...`, `cols = list(cols)` and an if/else decided by an argument in order; a parameter assigned under an if it does not decide is not known (dynamic), never the caller's value", async () => {
    const inv = await analyzeAlembic(toolkit, REASSIGNED_PARAMS);
    assert.deepEqual(indexRows(inv), [
      "idx_t_code t unique kept 43:5",
      "my_b t - kept 44:5",
      "ix_t_b_code t - kept 45:5",
      "named t - kept 46:5",
      "i_t_b_id t - kept 47:5",
      "index_t_code t - kept 48:5",
    ]);
    assert.deepEqual(inv.indexes.map((i) => i.columns.join(",")), ["code", "b", "b,code", "code", "b_id", "code"]);
    assert.deepEqual(dynamicRows(inv), ["a1_init.py:49 its name, table or columns are not known statically"]);
  });
});

describe("Alembic: what a return statement evaluates runs", () => {
  it("return op.create_index(...) in a helper, return helper(...) in upgrade() and in a helper calling itself while an argument says; nothing after a return runs", async () => {
    const inv = await analyzeAlembic(toolkit, { "migrations/versions/a1_init.py": RETURN_REVISION });
    // A helper's operations are reported at its call in upgrade(): after the `return `.
    assert.deepEqual(indexRows(inv), ["ix_t_a t - kept 9:12", "ix_t_chain_0 t - kept 9:12", "ix_t_chain_1 t - kept 9:12", "ix_t_chain_2 t - kept 9:12", "ix_t_id_a t - kept 9:12"]);
    assert.deepEqual(dynamicRows(inv), []);
    // Returning a call of itself without end: followed to the helperDepth budget, said.
    const endless = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(...REVISION_HEAD, "    return _chain(0)", "", "", "def _chain(n):", '    op.create_index("ix_t_%d" % n, "t", ["a"])', "    return _chain(n + 1)"),
    });
    assert.deepEqual(indexRows(endless), ["ix_t_0 t - kept 9:12", "ix_t_1 t - kept 9:12", "ix_t_2 t - kept 9:12", "ix_t_3 t - kept 9:12"]);
    assert.deepEqual(dynamicRows(endless), ["a1_init.py:9 limit helperDepth (4 helper levels followed from upgrade()) reached: _chain() is not read"]);
  });
});

describe("Alembic: op's methods held in a name, and the project's context managers", () => {
  it("func = op.create_primary_key then func(...) is that operation; a with on a @contextmanager helper runs its part before the yield on entering and after it (a try's finally too) on leaving", async () => {
    const inv = await analyzeAlembic(toolkit, HELD_OPS_AND_CONTEXT_MANAGERS);
    assert.deepEqual(indexRows(inv), ["ix_t_b t - dropped 40:5", "ix_t_ab t - kept 42:5", "ix_t_b_v2 t - kept 43:10", "ix_t_a_inside t - kept 46:9"]);
    assert.deepEqual(constraintRows(inv), ["primary key pk_t t(id) kept 38:5", "unique uq_t_a t(a) dropped 39:5", "unique uq_t_a_v2 t(a) kept 45:10"]);
    assert.deepEqual(dynamicRows(inv), []);
  });

  it("a name holding one of op's methods where which one is not known, and a context manager whose yield is inside a loop, are dynamic", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/versions/a1_init.py": lines(
        "import contextlib, os",
        "from alembic import op",
        'revision = "a1"',
        "down_revision = None",
        "@contextlib.contextmanager",
        "def each(tables):",
        "    for t in tables:",
        "        yield t",
        "def upgrade():",
        '    if os.environ.get("UNIQUE"):',
        "        func = op.create_unique_constraint",
        "    else:",
        "        func = op.create_index",
        '    func("ix_t_a", "t", ["a"])',
        '    with each(["t"]):',
        "        pass",
      ),
    });
    assert.deepEqual(dynamicRows(inv), [
      "a1_init.py:14 func holds one of op's methods, which one is not known statically: what it does is not read",
      "a1_init.py:15 each() is a context manager whose yield the reader does not place (inside a loop or an if): what it does around the block is not read",
    ]);
  });
});
