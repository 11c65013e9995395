/**
 * Alembic projects whose index and constraint names depend on the metadata
 * env.py passes to `context.configure(target_metadata=...)`: shared by the
 * unit tests (the reader's answer) and the e2e tests (Alembic's and
 * PostgreSQL's answer). Each revision creates table `t` with a primary key and
 * a `unique=True` column, so the names say which convention was used:
 * `pk_t`/`uq_t_a` under the project's, `t_pkey`/`t_a_key` under SQLAlchemy's
 * default. Env modules here are run by real Alembic: they connect with
 * alembic.ini's URL.
 */

export const TABLE_REVISION = `from alembic import op
import sqlalchemy as sa

revision = "a1"
down_revision = None


def upgrade():
    op.create_table("t", sa.Column("id", sa.Integer, primary_key=True), sa.Column("a", sa.Integer, unique=True))
`;

/** The body that connects and runs the migrations, with `target_metadata=` as given. */
function online(target: string): string {
  return `
engine = sa.create_engine(context.config.get_main_option("sqlalchemy.url"))
with engine.connect() as connection:
    context.configure(connection=connection, target_metadata=${target})
    with context.begin_transaction():
        context.run_migrations()
`;
}

export const CONVENTION = `{"uq": "uq_%(table_name)s_%(column_0_name)s", "pk": "pk_%(table_name)s"}`;

/**
 * Flask-Migrate's env.py as `flask db init` writes it (Flask-Migrate 4),
 * shortened only where it logs; `current_app` comes from a stand-in `flask`
 * package (below) that hands over `app.extensions.db`.
 */
export const FLASK_MIGRATE_ENV = `import logging

from flask import current_app

from alembic import context

config = context.config
logger = logging.getLogger('alembic.env')


def get_engine():
    try:
        # this works with Flask-SQLAlchemy<3 and Alchemical
        return current_app.extensions['migrate'].db.get_engine()
    except (TypeError, AttributeError):
        # this works with Flask-SQLAlchemy>=3
        return current_app.extensions['migrate'].db.engine


target_db = current_app.extensions['migrate'].db


def get_metadata():
    if hasattr(target_db, 'metadatas'):
        return target_db.metadatas[None]
    return target_db.metadata


def run_migrations_offline():
    url = config.get_main_option("sqlalchemy.url")
    context.configure(
        url=url, target_metadata=get_metadata(), literal_binds=True
    )

    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online():
    conf_args = current_app.extensions['migrate'].configure_args
    connectable = get_engine()

    with connectable.connect() as connection:
        context.configure(
            connection=connection,
            target_metadata=get_metadata(),
            **conf_args
        )

        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
`;

/** Stand-ins for Flask and Flask-SQLAlchemy, enough for Flask-Migrate's env.py: written beside a project for Alembic to import, not part of what the tool reads. */
export const FLASK_STANDINS = {
  "flask/__init__.py": `import importlib


class _Migrate:
    def __init__(self):
        self.db = importlib.import_module("app.extensions").db
        self.configure_args = {}


class _App:
    @property
    def extensions(self):
        return {"migrate": _Migrate()}


current_app = _App()
`,
  "flask_sqlalchemy/__init__.py": `import sqlalchemy as sa
from alembic import context


class _Model:
    pass


class SQLAlchemy:
    """Flask-SQLAlchemy's metadata= and model_class= arguments, and db.Model.metadata."""

    def __init__(self, metadata=None, model_class=None):
        self.metadata = metadata if metadata is not None else getattr(model_class, "metadata", None) or sa.MetaData()
        self.Model = type("Model", (_Model,), {"metadata": self.metadata})

    def get_engine(self):
        return sa.create_engine(context.config.get_main_option("sqlalchemy.url"))
`,
};

/** Flask-Migrate projects: the stock env.py, the app's `db` declared in `app/extensions.py` as given. */
export function flaskProject(extensions: string, more: Record<string, string> = {}): Record<string, string> {
  return { "migrations/env.py": FLASK_MIGRATE_ENV, "app/__init__.py": "", "app/extensions.py": extensions, "migrations/versions/a1_t.py": TABLE_REVISION, ...more };
}

export const FLASK_METADATA = flaskProject(`from flask_sqlalchemy import SQLAlchemy
from sqlalchemy import MetaData

convention = ${CONVENTION}

db = SQLAlchemy(metadata=MetaData(naming_convention=convention))
`);

export const FLASK_MODEL_ASSIGNED = flaskProject(`from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
db.Model.metadata.naming_convention = ${CONVENTION}
`);

export const FLASK_MODEL_CLASS = flaskProject(`import sqlalchemy as sa
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import declarative_base

Base = declarative_base(metadata=sa.MetaData(naming_convention=${CONVENTION}))
db = SQLAlchemy(model_class=Base)
`);

/** A project with no convention: SQLAlchemy's default names. */
export const FLASK_PLAIN = flaskProject(`from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
`);

/** env.py imports a module declaring a convention, yet passes None: Alembic uses none. */
export const TARGET_NONE = {
  "app/__init__.py": "",
  "app/db.py": `import sqlalchemy as sa\n\nmetadata = sa.MetaData(naming_convention=${CONVENTION})\n`,
  "migrations/env.py": `from alembic import context\nimport sqlalchemy as sa\nfrom app.db import metadata  # noqa: F401 (models must be imported)\n${online("None")}`,
  "migrations/versions/a1_t.py": TABLE_REVISION,
};

/** Two MetaData in env.py: the one passed to configure counts, not the first. */
export const TARGET_SECOND = {
  "migrations/env.py": `from alembic import context
import sqlalchemy as sa

# a second database's tables, reflected in reports
analytics_metadata = sa.MetaData(naming_convention={"uq": "an_uq_%(table_name)s_%(column_0_name)s"})
target_metadata = sa.MetaData(naming_convention=${CONVENTION})
${online("target_metadata")}`,
  "migrations/versions/a1_t.py": TABLE_REVISION,
};

/** A declarative base with its own MetaData, behind a star import, reached as `models.Base.metadata`. */
export const TARGET_DECLARATIVE = {
  "app/__init__.py": "",
  "app/models/__init__.py": "from app.models.base import *\n",
  "app/models/base.py": `import sqlalchemy as sa\nfrom sqlalchemy.orm import declarative_base\n\nBase = declarative_base(metadata=sa.MetaData(naming_convention=${CONVENTION}))\n`,
  "migrations/env.py": `from alembic import context\nimport sqlalchemy as sa\nfrom app import models\n${online("models.Base.metadata")}`,
  "migrations/versions/a1_t.py": TABLE_REVISION,
};

/**
 * `models.base.Base.metadata` with `models` a package whose `__init__.py` only
 * imports from `base` (Airflow's env.py): Python sets the submodule on its
 * package when importing it; the base comes from `registry(metadata=...)`.
 */
export const TARGET_PACKAGE_SUBMODULE = {
  "app/__init__.py": "",
  "app/configuration.py": "class _Conf:\n    def get(self, section, key):\n        return None\n\n\nconf = _Conf()\n",
  "app/settings.py": "",
  "app/models/__init__.py": "from app.models.base import ID_LEN, Base\n",
  "app/models/base.py": `from sqlalchemy import MetaData\nfrom sqlalchemy.orm import registry\nfrom app.configuration import conf\n\nID_LEN = 250\nmetadata = MetaData(schema=conf.get("database", "schema"), naming_convention=${CONVENTION})\nmapper_registry = registry(metadata=metadata)\nBase = mapper_registry.generate_base()\n`,
  "migrations/env.py": `from alembic import context\nimport sqlalchemy as sa\nfrom app import models, settings\n\ntarget_metadata = models.base.Base.metadata\n${online("target_metadata")}`,
  "migrations/versions/a1_t.py": TABLE_REVISION,
};

/** A list of MetaData: Alembic finds no `naming_convention` on a list. */
export const TARGET_LIST = {
  "migrations/env.py": `from alembic import context\nimport sqlalchemy as sa\n\na = sa.MetaData(naming_convention=${CONVENTION})\nb = sa.MetaData()\n${online("[a, b]")}`,
  "migrations/versions/a1_t.py": TABLE_REVISION,
};

/** alembic.ini's `prepend_sys_path = src`: `from app.db import metadata` is `src/app/db.py`. */
export const PREPEND_SYS_PATH = {
  "src/app/__init__.py": "",
  "src/app/db.py": `import sqlalchemy as sa\n\nmetadata = sa.MetaData(naming_convention=${CONVENTION})\n`,
  "migrations/env.py": `from alembic import context\nimport sqlalchemy as sa\nfrom app.db import metadata\n\ntarget_metadata = metadata\n${online("target_metadata")}`,
  "migrations/versions/a1_t.py": TABLE_REVISION,
};
