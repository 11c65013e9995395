import type { Guard } from "../python/guards.js";
import type { SyntaxNode } from "../python/syntax-node.js";
import type { PythonParser } from "../python/parser.js";
import type { SourceText } from "../source/text.js";
import type { SqlParser } from "../sql/parser.js";
import type { DirectiveSites } from "../python/directives.js";
import type { Suppression } from "../python/suppressions.js";
import type { SourceOffsets } from "../python/offsets.js";

/**
 * Source readers: one per kind of migration source (`alembic`, `sql`, …; the
 * hand-written `module` keeps its own path through src/python/extract.ts).
 *
 * A reader is a pure function: `(input, tools) => SourceRead`. The files are
 * read at the I/O edge (src/project/sources.ts finds them per kind) and given
 * to it; it never touches the file system.
 *
 * What a reader yields is SQL, in the order the framework applies it: the SQL
 * a `.sql` file holds, the SQL an `op.execute(...)` runs, and for an operation
 * that is not SQL (`op.create_index(...)`, a `Column(index=True)`) the SQL the
 * framework would emit for it, spelled so that PostgreSQL reads the same
 * thing (`CREATE UNIQUE INDEX "ix_t_a" ON "t" ("a")`). Every character of that
 * SQL maps to an index in its file (`offsets`): synthetic SQL maps to the
 * operation call, so the index's line and column are the call's. The model
 * (src/model/inventory.ts, `buildInventory(..., sources)`) parses it with
 * PostgreSQL's grammar and replays it like any migration SQL, so drops,
 * renames, constraints, canonical definitions and every rule work unchanged.
 *
 * To add a kind: a member of `SourceSpec` and `SourceInput` below; cases in
 * src/sources/read.ts (`readSource`: the reader; `filesOf`: its files, for the
 * cache key) and in src/project/sources.ts (`readSourceFiles`: finding its
 * files; `sourcePatterns`: the files a pre-commit run must not skip); its
 * entry in schemas/config.schema.json (the `kind` enum, an `if`/`then` in
 * `sources.items.allOf` and its definition). The policy rules
 * (index-not-concurrent, drop-index-not-concurrent, concurrently-in-transaction)
 * then hold for it through `Inventory.steps`, built from `migration` and
 * `transaction` below.
 */

/** A source as the configuration names it (paths relative to the configuration's directory). */
export type SourceSpec =
  | {
      kind: "alembic";
      /** The versions directory, or several (alembic.ini's `version_locations`): one revision graph across them. */
      directory: string | string[];
      /** env.py, when it is not beside the (first) versions directory. */
      env?: string;
      /** Revisions in subdirectories too (alembic.ini's `recursive_version_locations`). */
      recursive?: boolean;
      /** Alembic's configuration file, when it is not alembic.ini at the project root (one below it, or a pyproject.toml): read for `prepend_sys_path`, taken from its directory. */
      config?: string;
    }
  | { kind: "sql"; paths: string[] }
  /**
   * Django: the apps' migration modules (globs such as `shop/*\/migrations/*.py`);
   * `authUserModel` is `settings.AUTH_USER_MODEL`, else read from `settings` (a
   * settings module's path), else Django's default `auth.User`.
   */
  | { kind: "django"; paths: string[]; authUserModel?: string; settings?: string };

export type SourceKind = SourceSpec["kind"];

/** A Django settings module, or one it star-imports (`importedAt`: where its import stands in the settings module). */
export type SettingsFileInput = SourceFileInput & { importedAt?: number };

/** A file as read at the edge. */
export interface SourceFileInput {
  /** Path as shown to the user. */
  path: string;
  text: string;
  /** Byte offset of the first invalid UTF-8 sequence, when the file had one. */
  invalidUtf8At?: number | null;
}

/** A source's files, found and read at the I/O edge, ready for its reader. */
/**
 * A finding of finding a source's files: a budget it ran into (`limit`: a
 * directory too deep, too many imported modules), or what it found and does
 * not read (`not-read`: revisions where Alembic as configured does not look,
 * another Alembic project). At `path` (a file or a directory), line 1.
 */
export interface SourceNote {
  path: string;
  message: string;
  kind?: "not-read";
}

export type SourceInput =
  | {
      kind: "alembic";
      /** The versions directories, as shown to the user. */
      directory: string;
      /** Every `.py` file of the versions directory (any order: the revision graph orders them). */
      revisions: SourceFileInput[];
      /**
       * `env.py` first, then the project modules it imports, where a `MetaData(naming_convention=...)` may be
       * declared; for Flask-Migrate's env.py, also the modules that build the app's `SQLAlchemy(...)`.
       */
      env: SourceFileInput[];
      /** Directories alembic.ini's `prepend_sys_path` puts on sys.path (`src`), where env.py's imports are found too. */
      sysPath?: string[];
      /** The project modules the revisions import (`from migrations.utils import add_index`): the helpers they call. */
      helpers?: SourceFileInput[];
      /** What finding the files found and did not read, each a finding of the source (see SourceNote). */
      limits?: SourceNote[];
    }
  | {
      kind: "sql";
      /** Every `.sql` file named (any order: the layout orders them). */
      files: SourceFileInput[];
      /** sqitch's `sqitch.plan`, when the files are a sqitch project's `deploy/` scripts. */
      plan: SourceFileInput | null;
      /** Files the migrations (or files they run) run with psql's `\ir`, found beside the file that runs them. */
      included?: SourceFileInput[];
      /**
       * yoyo's `yoyo.ini` at the project root, the directories its `sources` names (their files are yoyo's
       * migrations), and the Python migrations there, which are not read (each is said).
       */
      yoyo?: { config: SourceFileInput; dirs: string[]; python: SourceFileInput[] };
    }
  | {
      kind: "django";
      /** The migration modules (`<app>/migrations/*.py`). */
      files: (SourceFileInput & { appDir: string; name: string })[];
      /** Each app's `apps.py`, for its `label`. */
      apps: SourceFileInput[];
      /**
       * The settings module, for `AUTH_USER_MODEL`, when one is named; then the
       * modules it star-imports (`from .base import *`), in import order, each
       * with where its import stands in the settings module.
       */
      settings: SettingsFileInput[];
      authUserModel: string | null;
    };

/** What readers may use: parsers created once per run. */
export interface ReaderTools {
  python: PythonParser;
  sql: SqlParser;
}

/** One piece of SQL a migration runs, in apply order. */
export interface SourceStatement {
  /** The file it comes from (a path of `SourceRead.files`). */
  file: string;
  /** psql's `\gexec`: each row the query returns then runs as a statement, which is not read. */
  runsItsRows?: true;
  /** A ROLLBACK (or ROLLBACK TO SAVEPOINT) later in the migration undoes it: it changes nothing. */
  rolledBack?: true;
  /** One or more SQL statements, as PostgreSQL receives them. */
  sql: string;
  /** The index in the file's text of each character of `sql`. */
  offsets: SourceOffsets;
  /**
   * Parts known only when the migration runs (a Flyway `${placeholder}`), each
   * written in `sql` as a placeholder identifier (`__ia_dyn0__`) → how to show
   * it (`{schema}`). An index whose name or table holds one is dynamic SQL.
   */
  holes?: ReadonlyMap<string, string>;
  /** Why the first hole is not known (`a parameter of the function`), for the dynamic-index-sql finding. */
  holeReason?: string;
  /** The unit applied at once (an Alembic revision, a `.sql` file): a table created in the same unit is new. */
  migration: string;
  /** Runs inside a transaction (the migration's, or an explicit BEGIN). */
  transaction: boolean;
  /** The index or constraint name comes from the framework's naming convention, not from the source. */
  nameGenerated: boolean;
  /** A DROP CONSTRAINT that stands for a column or table dropped, which takes the name with it whatever it is (Django's schema editor): an index goes too. */
  takenWithColumn?: true;
  /** A DROP CONSTRAINT of the table's primary key, by the name it has when it runs (the name in `sql` is a hole): an Alembic name the inspector's get_pk_constraint gives. */
  primaryKeyOfTable?: true;
  /** The types in its CREATE TABLE or ADD COLUMN stand for SQLAlchemy types the reader does not render (an Alembic Column's): only the column names are known. */
  columnTypesUnknown?: true;
  /** Line (1-based) whose suppression comments (and the line above) apply: the statement or call. */
  anchorLine: number;
  /** The call or statement it comes from, as offsets into the file (for context and edits). */
  start: number;
  end: number;
  /** Enclosing function (`upgrade`), or null. */
  function: string | null;
  /** The operation (`op.create_index`, `batch_op.drop_index`), or null for SQL written in a `.sql` file. */
  executor: string | null;
  /** It runs only when what the database holds passes these tests (an `if inspector.has_table(...)` around it). */
  runsIf?: RunCondition;
  /** The conditions the reader could not decide that the statement runs under, innermost first (shown as its guard). */
  guards?: readonly Guard[];
}

/** What an `if` of a revision tests of the database (SQLAlchemy's inspector): whether a table, or an index or a column of a table, is there. */
export interface ExistenceTest {
  object: "table" | "index" | "column";
  /**
   * How it is asked: `has_table` (any relation PostgreSQL shows by the name, in SQLAlchemy 1.4), `get_table_names`
   * (tables only), an index's name (`get_indexes`, `has_index`), a UNIQUE constraint's name (`get_unique_constraints`:
   * no other index), whether the table has a primary key (`get_pk_constraint`: object "index", no name), or
   * `if-exists`: PostgreSQL's own lookup of the table an `ALTER TABLE IF EXISTS` names (or, not present, of the
   * table an Alembic `create_table(if_not_exists=True)` makes), or a column's name (`get_columns`).
   */
  asked: "has_table" | "get_table_names" | "index" | "unique-constraint" | "primary-key" | "if-exists" | "get_columns";
  schema: string | null;
  table: string;
  /** The index's name (the column's, for a column); the table's, for a table. */
  name: string;
  /** The block runs when it is there (true), or when it is not. */
  present: boolean;
}

/**
 * The question an `if` puts to the database: are all `tests` true? One object
 * per `if`, shared by both its branches (and by what follows an `if` whose
 * branch returns): replay answers it once, as the database is when the first
 * statement of any of them runs (a CREATE TABLE in the branch does not change
 * the answer for the CREATE INDEX after it, nor for the other branch).
 */
export interface ExistenceQuestion {
  tests: readonly ExistenceTest[];
  /** A condition the reader does not read (or a loop over what it cannot list): never answered, every branch runs, and what it changes is no longer known. */
  unknown?: boolean;
  /** The condition as written, for a branch that runs when it is true and one that runs when it is false: shown as their guard when replay cannot answer. */
  shown?: { whenTrue: Guard; whenFalse: Guard };
}

/** A block of a revision runs when its `if`'s answer is `when`, inside the block that holds it (`parent`). */
export interface RunCondition {
  question: ExistenceQuestion;
  when: boolean;
  parent: RunCondition | null;
}

/** A file the source read, with what the inventory reports about the file itself. */
export interface SourceFileRead {
  source: SourceText;
  /** The Python tree, for Python files (anchors and comments); null for `.sql` files. */
  root: SyntaxNode | null;
  /** Syntax errors (Python files): offsets into the text and the message. */
  syntax: { index: number; message: string }[];
  invalidUtf8At: number | null;
  /** Where its `index-audit:` directives may stand (comments, not string data). */
  sites: DirectiveSites;
  /** Suppression comments (`# index-audit: ignore[…]` in Python comments, `-- index-audit: …` in SQL). */
  suppressions: Suppression[];
}

/** Something the reader could not read statically (a name held in a variable it cannot resolve, …). */
export interface SourceDynamic {
  file: string;
  index: number;
  /** Where `index` is, for a file the source does not list among its files (a settings module). */
  at?: { line: number; column: number };
  /** The operation as written, its unresolved parts shown as `{expression}`. */
  template: string;
  reason: string;
  executor: string | null;
  function: string | null;
  /**
   * The first migration of `SourceRead.migrations` that may run after it starts (its own, or one of another
   * branch), when known: what it may have changed is not known from there on.
   */
  migration?: string;
}

/**
 * A problem with the source as a whole (`revision-graph`: a cycle, a missing
 * parent, two heads; `limit`: a static-evaluation budget ran out in the file),
 * or something it does not read (`not-read`: Django's RunPython, an operation
 * it does not know), listed so that nothing is skipped silently; `invalid-sql`:
 * a line the tool sends that PostgreSQL cannot parse (a psql meta-command);
 * `refused`: a migration its tool refuses to run (a dbmate file without its
 * Up marker, a sqitch change without its script), where the deploy stops.
 */
export interface SourceProblem {
  kind: "revision-graph" | "limit" | "not-read" | "invalid-sql" | "refused";
  file: string;
  index: number;
  /** Where `index` is, for a file the source does not list among its files (an env module). */
  at?: { line: number; column: number };
  message: string;
  /** See SourceDynamic.migration. */
  migration?: string;
}

/**
 * How a `SET search_path` outlasts the migration it is in, as the tool runs
 * migrations: a session-level SET is `kept` (one connection runs them all) or
 * `reset` (each runs in a session of its own); a SET LOCAL ends with its
 * migration when each runs in a transaction of its own. What is absent is not
 * known (the path is then not known after the migration).
 */
export interface SessionCarry {
  sessionAfterMigration?: "kept" | "reset";
  localEndsWithMigration?: boolean;
}

export interface SourceRead {
  kind: SourceKind;
  /** How a SET search_path outlasts its migration (absent: not known). */
  session?: SessionCarry;
  /** Every file read, in apply order. */
  files: SourceFileRead[];
  /** Every statement, in apply order. */
  statements: SourceStatement[];
  /** The migrations (`SourceStatement.migration`), in apply order, when the reader places its dynamic notes and problems in them. */
  migrations?: string[];
  dynamic: SourceDynamic[];
  problems: SourceProblem[];
}
