import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { createToolkit } from "../src/project/analyze.js";
import { readSourceFiles, trackedTree } from "../src/project/sources.js";
import { LIMITS } from "../src/python/limits.js";
import type { Inventory } from "../src/model/types.js";
import { analyzeAlembic, constraintRows } from "./helpers/alembic.js";
import {
  CONVENTION,
  FLASK_METADATA,
  FLASK_MIGRATE_ENV,
  FLASK_MODEL_ASSIGNED,
  FLASK_MODEL_CLASS,
  FLASK_PLAIN,
  flaskProject,
  PREPEND_SYS_PATH,
  TABLE_REVISION,
  TARGET_DECLARATIVE,
  TARGET_LIST,
  TARGET_NONE,
  TARGET_PACKAGE_SUBMODULE,
  TARGET_SECOND,
} from "./helpers/alembic-convention-projects.js";

const toolkit = createToolkit();

const PROJECT = ["primary key pk_t t(id) kept 9:26", "unique uq_t_a t(a) kept 9:73"];
const DEFAULT = ["primary key t_pkey t(id) kept 9:26", "unique t_a_key t(a) kept 9:73"];

function findings(inv: Inventory): string[] {
  return inv.errors.map((e) => `${e.kind} ${e.file}:${e.line} ${e.message}`);
}

describe("Alembic: the naming convention is the one of the metadata env.py passes to context.configure()", () => {
  it("target_metadata=None: SQLAlchemy's default, though env.py imports a module that declares a convention", async () => {
    const inv = await analyzeAlembic(toolkit, TARGET_NONE);
    assert.deepEqual(constraintRows(inv), DEFAULT);
    assert.deepEqual(findings(inv), []);
  });

  it("the MetaData passed, not the first one env.py makes", async () => {
    const inv = await analyzeAlembic(toolkit, TARGET_SECOND);
    assert.deepEqual(constraintRows(inv), PROJECT);
    assert.deepEqual(findings(inv), []);
  });

  it("a list of MetaData: Alembic finds no naming_convention on it, so SQLAlchemy's default", async () => {
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, TARGET_LIST)), DEFAULT);
  });

  it("models.Base.metadata: a submodule, a star import, declarative_base(metadata=...)", async () => {
    const inv = await analyzeAlembic(toolkit, TARGET_DECLARATIVE);
    assert.deepEqual(constraintRows(inv), PROJECT);
    assert.deepEqual(findings(inv), []);
  });

  it("a DeclarativeBase subclass: its own `metadata = MetaData(...)`, else a MetaData of SQLAlchemy's default; a subclass of it shares it", async () => {
    const env = (target: string): string => `from alembic import context\nfrom app.base import Base, Plain, Child\ncontext.configure(url="postgresql://", target_metadata=${target})\n`;
    const base = `from sqlalchemy import MetaData\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(DeclarativeBase):\n    metadata = MetaData(naming_convention={"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"})\n\n\nclass Plain(DeclarativeBase):\n    pass\n\n\nclass Child(Base):\n    __abstract__ = True\n`;
    const project = (target: string) => ({ "app/__init__.py": "", "app/base.py": base, "migrations/env.py": env(target), "migrations/versions/a1_t.py": TABLE_REVISION });
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, project("Base.metadata"))), PROJECT);
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, project("Plain.metadata"))), DEFAULT);
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, project("Child.metadata"))), PROJECT);
  });

  it("SQLModel.metadata: SQLAlchemy's default unless a naming_convention is set on it", async () => {
    const project = (assigned: string) => ({
      "migrations/env.py": `from alembic import context\nfrom sqlmodel import SQLModel\n${assigned}\ncontext.configure(url="postgresql://", target_metadata=SQLModel.metadata)\n`,
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, project(""))), DEFAULT);
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, project('SQLModel.metadata.naming_convention = {"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"}'))), PROJECT);
  });

  it("an online and an offline configure() passing different metadata, or a metadata not followed, fall back to the first convention declared and say so", async () => {
    const two = await analyzeAlembic(toolkit, {
      ...TARGET_SECOND,
      "migrations/env.py": TARGET_SECOND["migrations/env.py"] + 'context.configure(url="postgresql://", target_metadata=analytics_metadata)\n',
    });
    assert.deepEqual(constraintRows(two), ["primary key t_pkey t(id) kept 9:26", "unique an_uq_t_a t(a) kept 9:73"]);
    assert.deepEqual(findings(two), [
      "limit migrations/env.py:13 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (its configure calls pass metadata with different naming conventions): index and constraint names follow the naming convention declared at migrations/env.py:5 and may differ",
    ]);
    const made = await analyzeAlembic(toolkit, {
      "migrations/env.py": 'from alembic import context\nimport sqlalchemy as sa\nfrom app.factory import make_metadata\nNAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"}\ncontext.configure(url="postgresql://", target_metadata=make_metadata(NAMING))\nunused = sa.MetaData(naming_convention=NAMING)\n',
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(constraintRows(made), PROJECT);
    assert.deepEqual(findings(made), [
      "limit migrations/env.py:5 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (app.factory is not read): index and constraint names follow the naming convention declared at migrations/env.py:6 and may differ",
    ]);
  });

  it("not followed in the modules read, none of which declares a convention: SQLAlchemy's default, nothing to say", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/env.py": 'from alembic import context\nfrom app.factory import make_metadata\ncontext.configure(url="postgresql://", target_metadata=make_metadata())\n',
      "app/__init__.py": "",
      "app/factory.py": "import sqlalchemy as sa\n\n\ndef make_metadata():\n    return sa.MetaData()\n",
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(constraintRows(inv), DEFAULT);
    assert.deepEqual(findings(inv), []);
  });

  it("the way leads into a module the project does not hold (a package outside the directory checked): SQLAlchemy's default, said where env.py names it", async () => {
    const made = await analyzeAlembic(toolkit, {
      "migrations/env.py": 'from alembic import context\nfrom app.factory import make_metadata\ncontext.configure(url="postgresql://", target_metadata=make_metadata())\n',
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(constraintRows(made), DEFAULT);
    assert.deepEqual(findings(made), [
      "limit migrations/env.py:3 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (app.factory is not read): index and constraint names follow SQLAlchemy's default convention and may differ",
    ]);
    // Airflow's env.py run from its own directory: the airflow package is the directory above.
    const imported = await analyzeAlembic(toolkit, {
      "migrations/env.py": 'from alembic import context\nfrom airflow import models\n\ntarget_metadata = models.base.Base.metadata\ncontext.configure(url="postgresql://", target_metadata=target_metadata)\n',
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(constraintRows(imported), DEFAULT);
    assert.deepEqual(findings(imported), [
      "limit migrations/env.py:4 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (airflow is not read): index and constraint names follow SQLAlchemy's default convention and may differ",
    ]);
  });

  it("a base class from a module not read is said; SQLModel through its module (import sqlmodel as sm) is SQLAlchemy's default; a name the defining module does not assign once is said where env.py names it", async () => {
    const env = (lines: string): string => `from alembic import context\n${lines}\ncontext.configure(url="postgresql://", target_metadata=target_metadata)\n`;
    const base = await analyzeAlembic(toolkit, { "migrations/env.py": env("from flask_appbuilder import Model\n\n\nclass Base(Model):\n    __abstract__ = True\n\n\ntarget_metadata = Base.metadata"), "migrations/versions/a1_t.py": TABLE_REVISION });
    assert.deepEqual(constraintRows(base), DEFAULT);
    assert.deepEqual(findings(base), [
      "limit migrations/env.py:5 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (flask_appbuilder is not read): index and constraint names follow SQLAlchemy's default convention and may differ",
    ]);
    // A mixin from a module not read before the declarative base: the base's metadata, SQLAlchemy's default.
    const mixin = await analyzeAlembic(toolkit, {
      "migrations/env.py": env(`import sqlalchemy as sa\nfrom sqlalchemy.ext.asyncio import AsyncAttrs\nfrom sqlalchemy.orm import DeclarativeBase\n\n\nclass Base(AsyncAttrs, DeclarativeBase):\n    pass\n\n\naudit = sa.MetaData(naming_convention=${CONVENTION})\ntarget_metadata = Base.metadata`),
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(constraintRows(mixin), DEFAULT);
    assert.deepEqual(findings(mixin), []);
    const sqlmodel = await analyzeAlembic(toolkit, { "migrations/env.py": env("import sqlmodel as sm\ntarget_metadata = sm.SQLModel.metadata"), "migrations/versions/a1_t.py": TABLE_REVISION });
    assert.deepEqual(constraintRows(sqlmodel), DEFAULT);
    assert.deepEqual(findings(sqlmodel), []);
    const looped = await analyzeAlembic(toolkit, {
      "app/__init__.py": "",
      "app/db.py": `import sqlalchemy as sa\n\nfor metadata in [sa.MetaData(naming_convention=${CONVENTION})]:\n    pass\n`,
      "migrations/env.py": env("from app.db import metadata\ntarget_metadata = metadata"),
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(findings(looped), [
      "limit migrations/env.py:3 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (metadata is not assigned a value once): index and constraint names follow the naming convention declared at app/db.py:3 and may differ",
    ]);
  });

  it("models.base.Base.metadata where models is a package that only imports from base: Python sets the submodule on its package; registry(metadata=...).generate_base()", async () => {
    const inv = await analyzeAlembic(toolkit, TARGET_PACKAGE_SUBMODULE);
    assert.deepEqual(constraintRows(inv), PROJECT);
    assert.deepEqual(findings(inv), []);
    // A plain module is no package: `models.base` is then a name it must define, said where env.py names it.
    const plain = await analyzeAlembic(toolkit, {
      "app/__init__.py": "",
      "app/models.py": "from app.base import Base\n",
      "app/base.py": `import sqlalchemy as sa\n\nBase = sa.MetaData(naming_convention=${CONVENTION})\n`,
      "migrations/env.py": 'from alembic import context\nfrom app import models\n\ntarget_metadata = models.base.Base.metadata\ncontext.configure(url="postgresql://", target_metadata=target_metadata)\n',
      "migrations/versions/a1_t.py": TABLE_REVISION,
    });
    assert.deepEqual(findings(plain), [
      "limit migrations/env.py:4 the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (app/models.py does not define base at module level): index and constraint names follow the naming convention declared at app/base.py:3 and may differ",
    ]);
  });

  it("imports that lead back to themselves (a star import of the module importing the name) end at the metadataDepth budget, not in a crash", async () => {
    const inv = await analyzeAlembic(toolkit, {
      "migrations/env.py": 'from alembic import context\nfrom app.a import metadata\ncontext.configure(url="postgresql://", target_metadata=metadata)\n',
      "migrations/versions/a1_t.py": TABLE_REVISION,
      "app/__init__.py": "",
      "app/a.py": "from app.b import metadata\n",
      "app/b.py": "from app.a import *\n",
    });
    assert.deepEqual(constraintRows(inv), DEFAULT);
  });

  it("alembic.ini's prepend_sys_path = src: env.py's `from app.db import metadata` is src/app/db.py", async () => {
    const inv = await analyzeAlembic(toolkit, { "alembic.ini": "[alembic]\nscript_location = migrations\nprepend_sys_path = src\n", ...PREPEND_SYS_PATH });
    assert.deepEqual(constraintRows(inv), PROJECT);
    assert.deepEqual(findings(inv), []);
  });
});

describe("Alembic with Flask-Migrate: the metadata of the app's SQLAlchemy(...)", () => {
  it("SQLAlchemy(metadata=MetaData(naming_convention=...)), db.Model.metadata.naming_convention = ..., SQLAlchemy(model_class=Base)", async () => {
    for (const project of [FLASK_METADATA, FLASK_MODEL_ASSIGNED, FLASK_MODEL_CLASS]) {
      const inv = await analyzeAlembic(toolkit, project);
      assert.deepEqual(constraintRows(inv), PROJECT);
      assert.deepEqual(findings(inv), []);
    }
  });

  it("a SQLAlchemy() with no convention, or none at all: SQLAlchemy's default", async () => {
    assert.deepEqual(constraintRows(await analyzeAlembic(toolkit, FLASK_PLAIN)), DEFAULT);
    const none = await analyzeAlembic(toolkit, flaskProject("db = None\n"));
    assert.deepEqual(constraintRows(none), DEFAULT);
    assert.deepEqual(findings(none), []);
  });

  it("the app's SQLAlchemy() in app/__init__.py with a convention imported from another module; tests' own SQLAlchemy() objects are not the app's", async () => {
    const inv = await analyzeAlembic(toolkit, {
      ...FLASK_PLAIN,
      "app/extensions.py": "",
      "app/__init__.py": "from flask_sqlalchemy import SQLAlchemy\nfrom sqlalchemy import MetaData\nfrom app.naming import NAMING\n\ndb = SQLAlchemy(metadata=MetaData(naming_convention=NAMING))\n",
      "app/naming.py": 'NAMING = {"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"}\n',
      "tests/conftest.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
      "app/test_models.py": "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
    });
    assert.deepEqual(constraintRows(inv), PROJECT);
    assert.deepEqual(findings(inv), []);
  });

  it("two SQLAlchemy() objects with different conventions, or one whose convention is not known statically: SQLAlchemy's default, said", async () => {
    const two = await analyzeAlembic(toolkit, { ...FLASK_METADATA, "admin/db.py": "from flask_sqlalchemy import SQLAlchemy\n\ndb = SQLAlchemy()\n" });
    assert.deepEqual(constraintRows(two), DEFAULT);
    assert.deepEqual(findings(two), [
      "limit app/extensions.py:6 Flask-Migrate's env.py takes the metadata of the app's SQLAlchemy(...) at run time, and the project builds 2 SQLAlchemy(...) objects with different naming conventions (admin/db.py:3, app/extensions.py:6): index and constraint names follow SQLAlchemy's default convention and may differ",
    ]);
    const made = await analyzeAlembic(toolkit, flaskProject("from flask_sqlalchemy import SQLAlchemy\nfrom app.meta import make\n\ndb = SQLAlchemy(metadata=make())\n"));
    assert.deepEqual(constraintRows(made), DEFAULT);
    assert.deepEqual(findings(made), [
      "limit app/extensions.py:4 Flask-Migrate's env.py takes the metadata of the app's SQLAlchemy(...) at run time, and its metadata cannot be followed statically (app.meta is not read): index and constraint names follow SQLAlchemy's default convention and may differ",
    ]);
  });

  it("directories below the depth budget that hold Python files are said, not looked through; others are not mentioned", () => {
    const deep = (levels: number): string => Array.from({ length: levels }, (_, k) => `d${k}`).join("/");
    const files: Record<string, string> = {
      "migrations/env.py": FLASK_MIGRATE_ENV,
      "migrations/versions/a1_t.py": TABLE_REVISION,
      // At the last level looked through: read, and its SQLAlchemy(...) found.
      [`${deep(LIMITS.appModuleDepth)}/ext.py`]: "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
      // One level deeper, under a directory holding no Python file itself.
      [`${deep(LIMITS.appModuleDepth + 2)}/models.py`]: "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
      // Deep, but no Python file: not mentioned.
      [`web/${deep(LIMITS.appModuleDepth + 1)}/app.js`]: "",
      [`pkg/tests/${deep(LIMITS.appModuleDepth)}/conftest.py`]: "",
    };
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
    assert.equal(input.kind, "alembic");
    assert.ok(input.env.some((f) => f.path === `${deep(LIMITS.appModuleDepth)}/ext.py`));
    assert.ok(!input.env.some((f) => f.path.endsWith("models.py")));
    assert.deepEqual(input.limits, [
      {
        path: "migrations/env.py",
        message: `limit appModuleDepth (${LIMITS.appModuleDepth} directory levels looked through for a Flask app's SQLAlchemy()) reached: the Python files in ${deep(LIMITS.appModuleDepth + 1)} are not looked through for the app's SQLAlchemy(...); index names may not follow its naming convention`,
      },
    ]);
  });

  it("the modules the app's SQLAlchemy(...) module imports are read under the envModules budget, said when reached", () => {
    const imports = Array.from({ length: LIMITS.envModules + 1 }, (_, k) => `from app.m${String(k).padStart(2, "0")} import x${k}`);
    const files: Record<string, string> = {
      "migrations/env.py": FLASK_MIGRATE_ENV,
      "migrations/versions/a1_t.py": TABLE_REVISION,
      "app/__init__.py": [...imports, "from flask_sqlalchemy import SQLAlchemy", "db = SQLAlchemy()", ""].join("\n"),
    };
    for (let k = 0; k <= LIMITS.envModules; k++) files[`app/m${String(k).padStart(2, "0")}.py`] = `x${k} = ${k}\n`;
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
    assert.ok(input.kind === "alembic");
    assert.equal(input.env.filter((f) => /^app\/m\d+\.py$/.test(f.path)).length, LIMITS.envModules);
    assert.deepEqual(input.limits, [
      { path: "migrations/env.py", message: `limit envModules (${LIMITS.envModules} project modules read from env.py's imports for a naming convention) reached: 1 more module is imported by the app's SQLAlchemy(...) modules and not read; index names may not follow its naming convention` },
    ]);
  });

  it("the project's Python files are looked through up to a budget, said when reached", () => {
    const files: Record<string, string> = { "migrations/env.py": FLASK_MIGRATE_ENV, "migrations/versions/a1_t.py": TABLE_REVISION };
    for (let k = 0; k <= LIMITS.appModules; k++) files[`pkg/m${String(k).padStart(5, "0")}.py`] = "";
    const input = readSourceFiles(trackedTree(Object.keys(files), (p) => files[p]!), { kind: "alembic", directory: "migrations/versions" });
    assert.equal(input.kind, "alembic");
    assert.deepEqual(input.limits, [
      { path: "migrations/env.py", message: `limit appModules (${LIMITS.appModules} project Python files looked through for a Flask app's SQLAlchemy()) reached: 1 more Python file is not looked through for the app's SQLAlchemy(...); index names may not follow its naming convention` },
    ]);
  });
});
