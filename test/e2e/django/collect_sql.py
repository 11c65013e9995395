"""Django's own SQL for every migration of a project, without a database.

Usage: python3 collect_sql.py PROJECT_DIR SETTINGS_MODULE

Prints JSON: `migrations`, one entry per migration of the project's own apps,
in the order `migrate` applies them, with the SQL Django's PostgreSQL schema
editor emits (`schema_editor(collect_sql=True)`, as `sqlmigrate` does); and
`final`, the indexes and unique / primary key constraints the project's
migrations leave in the database (what introspection would then report).

No server is contacted. Two things a live database would answer are supplied:
the server version (for feature flags), and introspection (`get_constraints`,
which AlterField, AlterUniqueTogether and friends use to find what to drop):
it answers from a catalog of the indexes and constraints that Django's own
SQL created so far. On Django before 4.1, which has no RenameIndex, the
operation is supplied with 4.1's semantics (`ALTER INDEX ... RENAME TO ...`).
"""
import contextlib
import copy
import json
import os
import re
import sys

project, settings_module = sys.argv[1], sys.argv[2]
sys.path.insert(0, project)
os.environ["DJANGO_SETTINGS_MODULE"] = settings_module

import django  # noqa: E402
from django.db import migrations  # noqa: E402
from django.db.migrations.operations.base import Operation  # noqa: E402

if not hasattr(migrations, "RenameIndex"):

    class RenameIndex(Operation):
        def __init__(self, model_name, new_name, old_name=None, old_fields=None):
            self.model_name, self.new_name, self.old_name, self.old_fields = model_name, new_name, old_name, old_fields

        def deconstruct(self):
            return (self.__class__.__name__, [], {"model_name": self.model_name, "new_name": self.new_name, "old_name": self.old_name, "old_fields": self.old_fields})

        def state_forwards(self, app_label, state):
            model_state = state.models[app_label, self.model_name.lower()]
            from django.db.models import Index

            if self.old_fields:
                model_state.options["index_together"] = {t for t in model_state.options.get("index_together", set()) if tuple(t) != tuple(self.old_fields)}
                model_state.options["indexes"] = [*model_state.options.get("indexes", []), Index(fields=list(self.old_fields), name=self.new_name)]
            else:
                renamed = []
                for index in model_state.options.get("indexes", []):
                    if index.name == self.old_name:
                        index = copy.copy(index)
                        index.name = self.new_name
                    renamed.append(index)
                model_state.options["indexes"] = renamed
            state.reload_model(app_label, self.model_name.lower(), delay=True)

        def database_forwards(self, app_label, schema_editor, from_state, to_state):
            model = to_state.apps.get_model(app_label, self.model_name)
            old_name = self.old_name
            if self.old_fields:
                columns = [model._meta.get_field(f).column for f in self.old_fields]
                names = schema_editor._constraint_names(model, columns, index=True)
                old_name = names[0]
            q = schema_editor.quote_name
            schema_editor.execute("ALTER INDEX %s RENAME TO %s" % (q(old_name), q(self.new_name)))

        def describe(self):
            return "Rename index %s on %s to %s" % (self.old_name, self.model_name, self.new_name)

    migrations.RenameIndex = RenameIndex

django.setup()

from django.db import connection  # noqa: E402
import django.db.backends.base.schema as base_schema  # noqa: E402
import django.db.migrations.migration as migration_module  # noqa: E402
from django.db.migrations.loader import MigrationLoader  # noqa: E402

# No transaction is opened: there is no connection to open it on.
base_schema.atomic = lambda *a, **k: contextlib.nullcontext()
migration_module.atomic = lambda *a, **k: contextlib.nullcontext()
connection.pg_version = 130000

IDENT = r'"?([A-Za-z0-9_]+)"?'
catalog = {}  # name -> entry, as PostgreSQL's get_constraints would report it


def cols(text):
    out = []
    for part in text.split(","):
        m = re.match(r'\s*"?([A-Za-z0-9_]+)"?', part)
        if m:
            out.append(m.group(1))
    return out


ours = False  # the statement being recorded comes from one of the project's migrations


def entry(table, columns, **kw):
    e = {"project": ours, "table": table, "columns": columns, "primary_key": False, "unique": False, "foreign_key": None, "check": False, "index": False, "type": None, "orders": [], "definition": None, "options": None}
    e.update(kw)
    return e


def split_top(text):
    depth, cur, out = 0, "", []
    for ch in text:
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        if ch == "," and depth == 0:
            out.append(cur)
            cur = ""
        else:
            cur += ch
    out.append(cur)
    return out


def record(sql):
    """Keeps the catalog in step with one statement Django emitted."""
    for stmt in [s.strip() for s in sql.split(";") if s.strip()]:
        m = re.match(r'CREATE TABLE ' + IDENT + r' \((.*)\)$', stmt, re.S)
        if m:
            table = m.group(1)
            for part in split_top(m.group(2)):
                part = part.strip()
                c = re.match(r'CONSTRAINT ' + IDENT + r' (UNIQUE|PRIMARY KEY) \((.*?)\)', part)
                if c:
                    catalog[c.group(1)] = entry(table, cols(c.group(3)), unique=True, primary_key=c.group(2) != "UNIQUE")
                    continue
                col = re.match(IDENT + r' ', part)
                if col and " PRIMARY KEY" in part:
                    catalog["%s_pkey" % table] = entry(table, [col.group(1)], unique=True, primary_key=True, index=False)
                elif col and " UNIQUE" in part:
                    catalog["%s_%s_key" % (table, col.group(1))] = entry(table, [col.group(1)], unique=True, index=False)
            continue
        m = re.match(r'CREATE\s+(UNIQUE\s+)?INDEX\s+(?:CONCURRENTLY\s+)?(?:IF NOT EXISTS\s+)?' + IDENT + r'\s+ON\s+' + IDENT + r'(?:\s+USING\s+(\w+))?\s*\((.*?)\)', stmt, re.S | re.I)
        if m:
            method = m.group(4) or "btree"
            catalog[m.group(2)] = entry(m.group(3), cols(m.group(5)), unique=bool(m.group(1)), index=True, type="idx" if method == "btree" else method)
            continue
        m = re.match(r'ALTER TABLE ' + IDENT + r' ADD CONSTRAINT ' + IDENT + r' (UNIQUE|PRIMARY KEY|FOREIGN KEY) \((.*?)\)', stmt)
        if m:
            kind = m.group(3)
            catalog[m.group(2)] = entry(m.group(1), cols(m.group(4)), unique=kind != "FOREIGN KEY", primary_key=kind == "PRIMARY KEY", foreign_key=("?", "?") if kind == "FOREIGN KEY" else None)
            continue
        m = re.match(r'ALTER TABLE ' + IDENT + r' ADD COLUMN ' + IDENT + r' (.*)', stmt, re.S)
        if m:
            table, column, rest = m.groups()
            if " PRIMARY KEY" in rest:
                catalog["%s_pkey" % table] = entry(table, [column], unique=True, primary_key=True)
            elif " UNIQUE" in rest:
                catalog["%s_%s_key" % (table, column)] = entry(table, [column], unique=True)
            fk = re.search(r'CONSTRAINT ' + IDENT + r' REFERENCES', rest)
            if fk:
                catalog[fk.group(1)] = entry(table, [column], foreign_key=("?", "?"))
            continue
        m = re.match(r'DROP INDEX (?:CONCURRENTLY )?(?:IF EXISTS )?' + IDENT, stmt)
        if m:
            catalog.pop(m.group(1), None)
            continue
        m = re.match(r'ALTER TABLE ' + IDENT + r' DROP CONSTRAINT ' + IDENT, stmt)
        if m:
            catalog.pop(m.group(2), None)
            continue
        m = re.match(r'ALTER INDEX ' + IDENT + r' RENAME TO ' + IDENT, stmt)
        if m and m.group(1) in catalog:
            catalog[m.group(2)] = catalog.pop(m.group(1))
            continue
        m = re.match(r'ALTER TABLE ' + IDENT + r' RENAME COLUMN ' + IDENT + r' TO ' + IDENT, stmt)
        if m:
            for e in catalog.values():
                if e["table"] == m.group(1):
                    e["columns"] = [m.group(3) if c == m.group(2) else c for c in e["columns"]]
            continue
        m = re.match(r'ALTER TABLE ' + IDENT + r' RENAME TO ' + IDENT, stmt)
        if m:
            for e in catalog.values():
                if e["table"] == m.group(1):
                    e["table"] = m.group(2)
            continue
        m = re.match(r'ALTER TABLE ' + IDENT + r' DROP COLUMN ' + IDENT, stmt)
        if m:
            for name in [n for n, e in catalog.items() if e["table"] == m.group(1) and m.group(2) in e["columns"]]:
                del catalog[name]
            continue
        m = re.match(r'DROP TABLE ' + IDENT, stmt)
        if m:
            for name in [n for n, e in catalog.items() if e["table"] == m.group(1)]:
                del catalog[name]


class Recording(list):
    def append(self, sql):
        if not sql.startswith("--"):
            record(sql)
        super().append(sql)


def get_constraints(cursor, table_name):
    return {n: {k: v for k, v in e.items() if k not in ("table", "project")} for n, e in catalog.items() if e["table"] == table_name}


connection.introspection.get_constraints = get_constraints
connection.cursor = lambda: contextlib.nullcontext(None)

loader = MigrationLoader(None, ignore_no_migrations=True)
plan, seen = [], set()
for leaf in loader.graph.leaf_nodes():
    for key in loader.graph.forwards_plan(leaf):
        if key not in seen:
            seen.add(key)
            plan.append(key)

root = os.path.realpath(project)
out = []
state = None
for key in plan:
    migration = loader.graph.nodes[key]
    if state is None:
        state = loader.project_state(key, at_end=False)
    path = os.path.realpath(sys.modules[migration.__module__].__file__)
    ours = path.startswith(root + os.sep)
    with connection.schema_editor(collect_sql=True, atomic=False) as editor:
        # Each statement reaches the catalog as it runs: introspection later in
        # the same migration sees it, as it would see it in a database.
        editor.collected_sql = Recording()
        state = migration.apply(state, editor, collect_sql=True)
    statements = [s for s in editor.collected_sql if not s.startswith("--")]
    if ours:
        out.append({"migration": "%s.%s" % key, "file": os.path.relpath(path, root).replace(os.sep, "/"), "atomic": migration.atomic, "sql": statements})


def kind(e):
    if e["primary_key"]:
        return "primary key"
    if e["index"]:
        return "unique-index" if e["unique"] else "index"
    return "unique"


final = [
    {"name": n, "table": e["table"], "columns": e["columns"], "kind": kind(e)}
    for n, e in sorted(catalog.items())
    if e["project"] and not e["foreign_key"]
]
json.dump({"migrations": out, "final": final}, sys.stdout, indent=1)
