import { spawnSync } from "node:child_process";

/**
 * Real components (PostgreSQL, pre-commit, Alembic, Django) come from Debian's
 * packages, which `.ci/run` installs. Locally a missing one skips its tests and
 * says so; in CI (`CI=true`) a missing one fails them, so a green CI run
 * always means the real component answered.
 */
export interface Component {
  /** What the skip message names. */
  name: string;
  /** The Debian package that provides it. */
  debian: string;
  /** A command that exits 0 when the component is usable. */
  probe: readonly [string, ...string[]];
}

/**
 * The python3 that has Debian's Python packages: they install into Debian's
 * /usr/bin/python3, which another python3 earlier on PATH (pyenv, a venv) lacks.
 */
export const PYTHON: string = ["python3", "/usr/bin/python3"].find((p) => spawnSync(p, ["-c", "import alembic, django"], { stdio: "ignore" }).status === 0) ?? "python3";

export const PRE_COMMIT: Component = { name: "pre-commit", debian: "pre-commit", probe: ["pre-commit", "--version"] };
export const ALEMBIC: Component = { name: "Alembic", debian: "python3-alembic", probe: [PYTHON, "-c", "import alembic"] };
export const DJANGO: Component = { name: "Django", debian: "python3-django", probe: [PYTHON, "-c", "import django"] };
/** yoyo, a Python tool that applies `.sql` migrations. */
export const YOYO: Component = { name: "yoyo", debian: "python3-yoyo", probe: [PYTHON, "-c", "import yoyo"] };
/** GeoAlchemy2, whose spatial columns and Alembic operations make GiST indexes. */
export const GEOALCHEMY2: Component = { name: "GeoAlchemy2", debian: "python3-geoalchemy2", probe: [PYTHON, "-c", "import geoalchemy2.alembic_helpers"] };
/** A PostgreSQL server's binaries (initdb, pg_ctl), for a throwaway cluster (test/helpers/postgres-server.ts). */
export const POSTGRES: Component = { name: "PostgreSQL", debian: "postgresql", probe: ["sh", "-c", "ls /usr/lib/postgresql/*/bin/initdb /usr/lib/postgresql/*/bin/pg_ctl"] };
/** Django's PostgreSQL backend imports psycopg2 even when it never connects. */
export const PSYCOPG2: Component = { name: "psycopg2", debian: "python3-psycopg2", probe: [PYTHON, "-c", "import psycopg2"] };

/** `false` when the component is there; a skip reason locally; throws in CI. */
export function requireComponent(c: Component): false | string {
  const [cmd, ...args] = c.probe;
  const r = spawnSync(cmd, args, { stdio: "ignore" });
  if (!r.error && r.status === 0) return false;
  const why = `${c.name} is not installed (Debian package ${c.debian}; .ci/run installs it)`;
  if (process.env.CI === "true") throw new Error(`${why}: in CI this is a failure, not a skip`);
  return `SKIPPED: ${why}`;
}
