import { InputError } from "../errors.js";
import type { Config } from "../config/resolve.js";
import { configuredMigrationPath } from "../sources/django/place.js";
import type { SettingsFileInput, SourceFileInput, SourceInput, SourceNote, SourceSpec } from "../sources/types.js";
import { globToRegExp, hasGlob } from "../paths/glob.js";
import { joinPath, parentOf } from "../paths/relative.js";
import { isOtherDatabase, isPostgresName } from "../sources/sql/databases.js";
import { LIMITS, limitReached } from "../python/limits.js";
import { importCandidateGroups, moduleImports, modulePaths } from "../python/imports.js";
import { includedPath } from "../sources/sql/psql.js";
import { psqlCommands } from "../sources/sql/split.js";
import type { FileTree } from "./file-tree.js";
import { alembicBelow, alembicIn, alembicScriptsBelow, alembicSettings, isRevisionFile, otherAlembicProjects, ROOT_INI, sysPathOf } from "./alembic-config.js";
import { iniOption } from "./ini.js";

export type { FileTree } from "./file-tree.js";

/** The tree of tracked paths read through `show` (git). */
export function trackedTree(tracked: readonly string[], show: (path: string, what: string) => string | SourceFileInput): FileTree {
  const files = new Set(tracked);
  const inDir = (dir: string): string[] => {
    const prefix = dir === "" ? "" : `${dir}/`;
    return tracked.filter((p) => p.startsWith(prefix)).map((p) => p.slice(prefix.length));
  };
  return {
    list: (dir) => {
      const below = inDir(dir);
      // A directory holding only directories is one too.
      return below.length || dir === "" ? below.filter((p) => !p.includes("/")).sort() : null;
    },
    dirs: (dir) => [...new Set(inDir(dir).filter((p) => p.includes("/")).map((p) => p.slice(0, p.indexOf("/"))))].sort(),
    isFile: (path) => files.has(path),
    read: (path, what) => {
      // git show of a path git does not hold fails with git's own words: say which file, as the disk tree does.
      if (!files.has(path)) throw new InputError(`${what} file not in git: ${path}`);
      const read = show(path, what);
      return typeof read === "string" ? { path, text: read } : read;
    },
    glob: (patterns) => {
      const out = new Set<string>();
      for (const pattern of patterns) {
        const p = pattern.replace(/^\.\//, "");
        if (!hasGlob(p)) {
          if (files.has(p)) out.add(p);
          continue;
        }
        const re = globToRegExp(p);
        for (const t of tracked) if (re.test(t)) out.add(t);
      }
      return [...out].sort();
    },
  };
}

/**
 * The project modules the revisions import (`from migrations.utils import
 * add_index`), where the helpers they call are defined: those directly
 * imported, each read once, up to a budget (said when hit).
 */
function helperModules(tree: FileTree, revisions: readonly SourceFileInput[], env: readonly SourceFileInput[], sysPath: readonly string[], limits: SourceNote[]): SourceFileInput[] {
  const known = new Set([...revisions, ...env].map((f) => f.path));
  const helpers: SourceFileInput[] = [];
  // Revisions of one directory import the same modules: each module is looked for once per directory.
  const tried = new Set<string>();
  let unread = 0;
  for (const r of revisions) {
    for (const imported of moduleImports(r.text)) {
      const key = `${parentOf(r.path)}\n${imported.level}\n${imported.module}`;
      if (tried.has(key)) continue;
      tried.add(key);
      const candidates = modulePaths(r.path, imported, sysPath);
      const found = candidates.find((p) => known.has(p) || tree.isFile(p));
      if (found === undefined || known.has(found)) continue;
      known.add(found);
      if (helpers.length < LIMITS.helperModules) helpers.push(tree.read(found, "migration"));
      else unread++;
    }
  }
  if (unread > 0) limits.push({ path: revisions[0]!.path, message: `${limitReached("helperModules")}: ${unread} more imported module${unread === 1 ? " is" : "s are"} not read; a helper defined there is said, not followed` });
  // What those modules import in turn, where a helper they only import is defined (a package's __init__.py
  // re-exporting `from .indexes import add_index`): a step or two, within the same budget. One left unread
  // here needs no note of its own: a helper that would be followed into it is said at its call.
  let frontier = helpers.slice();
  for (let step = 0; step < REEXPORT_STEPS && frontier.length > 0 && helpers.length < LIMITS.helperModules; step++) {
    const next: SourceFileInput[] = [];
    for (const h of frontier) {
      for (const imported of moduleImports(h.text)) {
        const found = modulePaths(h.path, imported, sysPath).find((p) => known.has(p) || tree.isFile(p));
        if (found === undefined || known.has(found) || helpers.length >= LIMITS.helperModules) continue;
        known.add(found);
        const f = readIfReadable(tree, found);
        if (f === null) continue;
        helpers.push(f);
        next.push(f);
      }
    }
    frontier = next;
  }
  return helpers;
}

/** A module read only for what it may re-export: one that cannot be read (binary, too large) is left out, not an error of the run. */
function readIfReadable(tree: FileTree, path: string): SourceFileInput | null {
  try {
    return tree.read(path, "migration");
  } catch (e) {
    if (e instanceof InputError) return null;
    throw e;
  }
}

/**
 * A versions directory that holds no revision, but subdirectories that do
 * (`versions/postgresql/`, `versions/sqlite/`, one per database, as Prefect
 * keeps them): Alembic reads them only with `recursive_version_locations`, or
 * where env.py points it at run time. The one named for PostgreSQL, when
 * there is one, is read; the others are a not-read note.
 */
function dialectDirectories(tree: FileTree, dir: string, walk: (d: string, depth: number) => void, limits: SourceNote[]): void {
  const subs = tree.dirs(dir).filter((sub) => (tree.list(joinPath(dir, sub)) ?? []).some(isRevisionFile));
  const postgres = subs.filter(isPostgresName);
  const read = postgres.length === 1 ? postgres[0]! : null;
  if (read !== null) walk(joinPath(dir, read), 0);
  const others = subs.filter((sub) => sub !== read).map((sub) => joinPath(dir, sub));
  if (others.length === 0) return;
  const message = `the revisions in ${others.join(", ")}: ${dir} holds none itself, and Alembic reads its subdirectories only with recursive_version_locations = true, or where env.py points it${read !== null ? ` (${joinPath(dir, read)}, named for PostgreSQL, is read)` : ""}; configure the source's directory to choose`;
  limits.push({ path: dir, message, kind: "not-read" });
}

/** How many steps of imports past the modules the revisions import are read for helpers re-exported there. */
const REEXPORT_STEPS = 2;

/** Finds and reads a source's files; `lenient` (a past revision): a directory that did not exist then holds nothing. */
export function readSourceFiles(tree: FileTree, spec: SourceSpec, lenient = false): SourceInput {
  switch (spec.kind) {
    case "alembic": {
      const dirs = (Array.isArray(spec.directory) ? spec.directory : [spec.directory]).map((d) => d.replace(/^\.\//, "").replace(/\/$/, ""));
      const revisions: SourceFileInput[] = [];
      const limits: SourceNote[] = [];
      const walk = (d: string, depth: number, names = tree.list(d) ?? []): void => {
        for (const n of names) if (n.endsWith(".py")) revisions.push(tree.read(joinPath(d, n), "migration"));
        if (!spec.recursive) return;
        const subs = tree.dirs(d).filter((sub) => sub !== "__pycache__");
        if (depth < LIMITS.versionDepth) for (const sub of subs) walk(joinPath(d, sub), depth + 1);
        else if (subs.length > 0) limits.push({ path: d, message: `${limitReached("versionDepth")}: the revisions in ${subs.map((sub) => joinPath(d, sub)).join(", ")} are not read` });
      };
      for (const d of dirs) {
        const names = tree.list(d);
        if (names === null) {
          if (lenient) continue;
          throw new InputError(`Alembic versions directory not found: ${d}`);
        }
        walk(d, 0, names);
        if (!spec.recursive && !names.some(isRevisionFile)) dialectDirectories(tree, d, walk, limits);
      }
      const dir = dirs[0]!;
      const envPath = spec.env ?? joinPath(parentOf(dir), "env.py");
      const env = tree.isFile(envPath) ? [tree.read(envPath, "migration")] : [];
      // A naming convention may be declared in a module env.py imports (`from app.models import Base`),
      // or one that module imports in turn: followed breadth-first, project files only. The modules the
      // file declaring it imports are read too: the convention may be a name defined there.
      let unread = 0;
      const configFile = spec.config ?? ROOT_INI;
      const settings = tree.isFile(configFile) ? alembicSettings(configFile, tree.read(configFile, "configuration").text) : null;
      const sysPath = settings ? sysPathOf(settings, parentOf(configFile)) : [];
      const follow = (k: number): void => {
        for (const candidates of importCandidateGroups(env[k]!.path, env[k]!.text, sysPath)) {
          const found = candidates.find((p) => tree.isFile(p));
          if (!found || env.some((f) => f.path === found)) continue;
          if (env.length < LIMITS.envModules) env.push(tree.read(found, "migration"));
          else unread++;
        }
      };
      const declares = (k: number): boolean => env[k]!.text.includes("naming_convention");
      let k = 0;
      for (; k < env.length && !env.some((_, j) => declares(j)) && unread === 0; k++) follow(k);
      for (let j = k, known = env.length; j < known && unread === 0; j++) if (declares(j) && !LITERAL_CONVENTION.test(env[j]!.text)) follow(j);
      // Names are then made under the convention of the modules read (or SQLAlchemy's default): said, not assumed silently.
      if (unread > 0 && !env.some((f) => f.text.includes("naming_convention")))
        limits.push({ path: env[0]!.path, message: `${limitReached("envModules")}: ${unread} more imported module${unread === 1 ? " is" : "s are"} not read; index names follow SQLAlchemy's default convention` });
      if (env.length > 0 && FLASK_MIGRATE_ENV.test(env[0]!.text)) flaskAppModules(tree, env, parentOf(envPath), sysPath, limits);
      return { kind: "alembic", directory: dirs.join(", "), revisions, env, limits, helpers: helperModules(tree, revisions, env, sysPath, limits), ...(sysPath.length > 0 ? { sysPath } : {}) };
    }
    case "sql": {
      const paths = tree.glob(spec.paths, "migrations").filter((p) => p.toLowerCase().endsWith(".sql"));
      // sqitch: deploy/ scripts (changes may sit in its subdirectories) beside sqitch.plan.
      const planPath = paths.map(sqitchTop).flatMap((d) => (d === null ? [] : [joinPath(d, "sqitch.plan")])).find((p) => tree.isFile(p));
      const files = paths.map((p) => tree.read(p, "migration"));
      const included = includedFiles(tree, files);
      const yoyo = yoyoConfig(tree);
      return { kind: "sql", files, plan: planPath ? tree.read(planPath, "migration") : null, ...(included.length > 0 ? { included } : {}), ...(yoyo ? { yoyo } : {}) };
    }
    case "django": {
      // A configured file is a migration module whatever its directory is called; a pattern whose every file is left out is an error, not an empty source.
      const places = new Map<string, { appDir: string; name: string }>();
      for (const pattern of spec.paths) {
        const matched = tree.glob([pattern], "migrations");
        const kept = matched.filter((p) => configuredMigrationPath(p) !== null);
        if (matched.length > 0 && kept.length === 0)
          throw new InputError(`Django source path ${pattern} matches no migration module (${matched.length === 1 ? "its file is" : `all ${matched.length} files are`} __init__.py, a _ or ~ module, not .py, or not in an app's package)`);
        for (const p of kept) places.set(p, configuredMigrationPath(p)!);
      }
      const paths = [...places.keys()].sort();
      // Each app's apps.py, beside its migrations package, may give the app's label.
      const apps = [...new Set(paths.map((p) => joinPath(places.get(p)!.appDir, "apps.py")))].filter((p) => tree.isFile(p));
      return {
        kind: "django",
        files: paths.map((p) => ({ ...tree.read(p, "migration"), ...places.get(p)! })),
        apps: apps.map((p) => tree.read(p, "migration")),
        // At a past revision (`lenient`) a settings module that did not exist yet holds nothing.
        settings: spec.settings && (!lenient || tree.isFile(spec.settings)) ? settingsFiles(tree, spec.settings) : [],
        authUserModel: spec.authUserModel ?? null,
      };
    }
  }
}

/** The files psql's `\ir` runs from `files`, and from those files in turn, each read once (those not in the project are said where the command is). */
function includedFiles(tree: FileTree, files: readonly SourceFileInput[]): SourceFileInput[] {
  const seen = new Set(files.map((f) => f.path));
  const out: SourceFileInput[] = [];
  const queue = [...files];
  for (let f = queue.shift(); f; f = queue.shift()) {
    // A file without a backslash runs none: the scan of its text is skipped.
    if (!f.text.includes("\\")) continue;
    for (const c of psqlCommands(f.text)) {
      const path = includedPath(c, f.path);
      if (path === null || seen.has(path) || !tree.isFile(path)) continue;
      seen.add(path);
      const read = tree.read(path, "migration");
      out.push(read);
      queue.push(read);
    }
  }
  return out;
}

/** The directory a sqitch `deploy/` directory holding `path` sits in; null when `path` is in none. */
function sqitchTop(path: string): string | null {
  const i = `/${path}`.indexOf("/deploy/");
  return i === -1 ? null : path.slice(0, Math.max(0, i - 1));
}

/** Flask-Migrate's env.py: its metadata is the app's, taken at run time (`current_app.extensions['migrate'].db`). */
// Linear: fixed words around runs of blanks.
const FLASK_MIGRATE_ENV = /current_app\.extensions\s*\[\s*["']migrate["']\s*\]/;
// Linear: a fixed word, a run of blanks, a fixed character.
const SQLALCHEMY_CALL = /\bSQLAlchemy\s*\(/;
/** Test code builds its own SQLAlchemy() objects; the app's is not there. */
const TEST_DIRS = new Set(["test", "tests", "testing"]);
// Linear: anchored, fixed words around one run.
const TEST_FILE = /^(?:test_.*|.*_test|conftest)\.py$/;

/**
 * The modules of a Flask app that build its `SQLAlchemy(...)` (Flask-SQLAlchemy), which Flask-Migrate's env.py
 * takes its metadata from at run time; which app runs is not known statically, so the project's Python files are
 * looked through (tests, virtualenvs and the Alembic directory left out), up to a budget (said when hit), and
 * added to `env` with the modules they import, where a convention may be a name defined there.
 */
function flaskAppModules(tree: FileTree, env: SourceFileInput[], alembicDir: string, sysPath: readonly string[], limits: { path: string; message: string }[]): void {
  const paths: string[] = [];
  const looked = (dir: string, d: string): boolean => !SKIP_DIRS.has(d) && !TEST_DIRS.has(d) && d !== "site-packages" && !d.startsWith(".") && joinPath(dir, d) !== alembicDir;
  const modules = (dir: string): string[] => (tree.list(dir) ?? []).filter((n) => n.endsWith(".py") && !TEST_FILE.test(n));
  // Past the depth budget a directory is only asked whether it holds Python files, so that leaving them out is said.
  const holdsPython = (dir: string): boolean => modules(dir).length > 0 || tree.dirs(dir).some((d) => looked(dir, d) && holdsPython(joinPath(dir, d)));
  const deeper: string[] = [];
  const visit = (dir: string, depth: number): void => {
    for (const n of modules(dir)) paths.push(joinPath(dir, n));
    for (const d of tree.dirs(dir)) {
      if (!looked(dir, d)) continue;
      const path = joinPath(dir, d);
      if (depth < LIMITS.appModuleDepth) visit(path, depth + 1);
      else if (holdsPython(path)) deeper.push(path);
    }
  };
  visit("", 0);
  if (deeper.length > 0) {
    const shown = deeper.length === 1 ? deeper[0] : `${deeper.length} directories (${deeper.slice(0, 3).join(", ")}${deeper.length > 3 ? ", …" : ""})`;
    limits.push({ path: env[0]!.path, message: `${limitReached("appModuleDepth")}: the Python files in ${shown} are not looked through for the app's SQLAlchemy(...); index names may not follow its naming convention` });
  }
  const budget = LIMITS.appModules;
  // The modules the app's SQLAlchemy(...) modules import: under the same budget as env.py's.
  let imported = 0;
  let unread = 0;
  for (const path of paths.slice(0, budget)) {
    if (env.some((f) => f.path === path)) continue;
    let f: SourceFileInput;
    try {
      f = tree.read(path, "migration");
    } catch (e) {
      // Not a module the run needs: a file that cannot be read (binary, too large) is said, not fatal.
      if (!(e instanceof InputError)) throw e;
      limits.push({ path, message: `${e.message}; not looked through for the app's SQLAlchemy(...)` });
      continue;
    }
    if (!SQLALCHEMY_CALL.test(f.text)) continue;
    env.push(f);
    for (const candidates of importCandidateGroups(f.path, f.text, sysPath)) {
      const found = candidates.find((p) => tree.isFile(p));
      if (!found || env.some((e) => e.path === found)) continue;
      if (imported >= LIMITS.envModules) {
        unread++;
        continue;
      }
      imported++;
      try {
        env.push(tree.read(found, "migration"));
      } catch (e) {
        if (!(e instanceof InputError)) throw e;
        limits.push({ path: found, message: `${e.message}; not looked through for a naming convention` });
      }
    }
  }
  if (unread > 0) limits.push({ path: env[0]!.path, message: `${limitReached("envModules")}: ${unread} more module${unread === 1 ? " is" : "s are"} imported by the app's SQLAlchemy(...) modules and not read; index names may not follow its naming convention` });
  if (paths.length > budget) limits.push({ path: env[0]!.path, message: `${limitReached("appModules")}: ${paths.length - budget} more Python file${paths.length - budget === 1 ? " is" : "s are"} not looked through for the app's SQLAlchemy(...); index names may not follow its naming convention` });
}

/** Directories whose Alembic configurations are not a project of the repository's own: examples, documentation, vendored code. */
const NOT_PROJECTS = new Set(["example", "examples", "sample", "samples", "fixtures", "docs", "doc", "vendor", "third_party"]);

/** The directories below the root zero configuration looks into for an Alembic configuration: not tests, examples, virtualenvs or hidden ones. */
const lookedForAlembic = (d: string): boolean => !SKIP_DIRS.has(d) && !TEST_DIRS.has(d) && !NOT_PROJECTS.has(d.toLowerCase()) && d !== "site-packages" && !d.startsWith(".");

/**
 * Zero configuration: `alembic.ini` (or pyproject.toml's `[tool.alembic]`)
 * at the root names the Alembic scripts (its `script_location` +
 * `/versions`); else a Django project; else the same in a directory below
 * (alembic-config.ts); else Alembic's scripts no configuration names (an
 * env.py that imports alembic beside `versions/`); else the directories
 * yoyo.ini's `sources` names; else sqitch's
 * `sqitch.plan` names `deploy/` (at the root or `sqitch.conf`'s `top_dir`);
 * else Flyway's `src/main/resources/db/migration` (at the root or in a module
 * one level down), or the first directory (by path, four levels deep at most,
 * one named for PostgreSQL before others, none named for another database)
 * that holds versioned `.sql` files (`V1__x.sql`, `001_x.up.sql`,
 * `20240101_x.sql`) or versioned directories of one migration each
 * (`<version>_x/up.sql`, `<timestamp>_x/migration.sql`). A Flyway location's
 * subdirectories are read too.
 */
export function detectSources(tree: FileTree): SourceSpec[] {
  const alembic = alembicIn(tree, "");
  if (alembic) return [alembic];
  // manage.py at the root, or in a directory just below it (a monorepo's backend/).
  const manageDir = tree.isFile("manage.py") ? "" : tree.dirs("").find((d) => !SKIP_DIRS.has(d) && !d.startsWith(".") && tree.isFile(joinPath(d, "manage.py")));
  if (manageDir !== undefined) {
    const django = detectDjango(tree, manageDir);
    if (django) return [django];
  }
  // A project whose Alembic is configured in a directory below (backend/, Flask-Migrate's migrations/).
  const below = alembicBelow(tree, lookedForAlembic);
  if (below) return [below];
  // Detection needs only the directories: the Python migrations are read with the source.
  const yoyo = yoyoDirs(tree);
  if (yoyo) return [{ kind: "sql", paths: yoyo.dirs.map((d) => joinPath(d, "*.sql")) }];
  const sqitch = sqitchTopDir(tree);
  if (sqitch !== null) return [{ kind: "sql", paths: [joinPath(joinPath(sqitch, "deploy"), "**/*.sql")] }];
  const flyway = flywayDefaults(tree).map((d) => flywayPaths(tree, d)).find((paths) => paths.length > 0);
  if (flyway) return [{ kind: "sql", paths: flyway }];
  const found = versionedSqlDir(tree, "", 0);
  if (found === null) {
    // Last, the weakest sign: Alembic's scripts with no configuration naming them (Mailman's alembic.cfg).
    const scripts = alembicScriptsBelow(tree, lookedForAlembic);
    return scripts ? [scripts] : [];
  }
  if (found.perDirectory !== null) return [{ kind: "sql", paths: [joinPath(joinPath(found.dir, "*"), found.perDirectory)] }];
  // Flyway reads its location's subdirectories too.
  return [{ kind: "sql", paths: (tree.list(found.dir) ?? []).some((n) => FLYWAY_NAME.test(n)) ? flywayPaths(tree, found.dir) : [joinPath(found.dir, "*.sql")] }];
}

/**
 * yoyo's `yoyo.ini` at the root and the directories its `sources` names
 * (`%(here)s` is the root; a package's resources, `package:x:dir`, are not
 * files of the project), and the Python migrations in them; null when there is
 * none or it names none.
 */
function yoyoConfig(tree: FileTree): { config: SourceFileInput; dirs: string[]; python: SourceFileInput[] } | null {
  const named = yoyoDirs(tree);
  if (named === null) return null;
  // yoyo applies a directory's `.py` files as migrations too.
  const python = named.dirs.flatMap((d) => (tree.list(d) ?? []).filter((n) => n.endsWith(".py")).map((n) => tree.read(joinPath(d, n), "migration")));
  return { ...named, python };
}

/** `yoyo.ini` at the root and the directories its `sources` names; null when there is none or it names none. */
function yoyoDirs(tree: FileTree): { config: SourceFileInput; dirs: string[] } | null {
  if (!tree.isFile(YOYO_INI)) return null;
  const config = tree.read(YOYO_INI, "configuration");
  const dirs = (iniOption(config.text, "DEFAULT", "sources", true) ?? "")
    .split(/\s+/)
    .filter((d) => d !== "" && !d.startsWith("package:"))
    // The root is "" (as a file's parent directory is), however it is written: `.`, `./`, `%(here)s`.
    .map((d) => d.replace(/^%\(here\)s(?:\/|$)/, "").replace(/^\.(?:\/|$)/, "").replace(/\/+$/, ""));
  return dirs.length > 0 ? { config, dirs } : null;
}

const YOYO_INI = "yoyo.ini";

/** sqitch's top directory: the root, or `sqitch.conf`'s `[core] top_dir`, when it holds `sqitch.plan` and `deploy/`. */
function sqitchTopDir(tree: FileTree): string | null {
  const top = tree.isFile("sqitch.conf") ? (iniOption(tree.read("sqitch.conf", "configuration").text, "core", "top_dir") ?? "") : "";
  // `./db` and `db` are one directory; `.db` is another.
  const dir = top === "." ? "" : top.replace(/^\.\//, "").replace(/\/$/, "");
  return tree.isFile(joinPath(dir, "sqitch.plan")) && tree.list(joinPath(dir, "deploy")) !== null ? dir : null;
}

/** Flyway's default location in a Maven or Gradle project, at the root or in a module one directory down. */
const FLYWAY_DEFAULT = "src/main/resources/db/migration";

function flywayDefaults(tree: FileTree): string[] {
  return [FLYWAY_DEFAULT, ...tree.dirs("").filter((d) => !SKIP_DIRS.has(d) && !d.startsWith(".")).map((d) => joinPath(d, FLYWAY_DEFAULT))].filter((d) => tree.list(d) !== null);
}

/**
 * A Flyway location's directories that hold `.sql` files, its subdirectories
 * included (Flyway scans a location recursively), when one holds a Flyway
 * migration; but not a subdirectory named for another database (Spring's
 * `db/migration/{vendor}`).
 */
function flywayPaths(tree: FileTree, location: string): string[] {
  const out: string[] = [];
  // Whether the directory or one below holds a Flyway migration.
  const visit = (dir: string): boolean => {
    const names = tree.list(dir) ?? [];
    if (names.some((n) => n.toLowerCase().endsWith(".sql"))) out.push(joinPath(dir, "*.sql"));
    let flyway = names.some((n) => FLYWAY_NAME.test(n));
    for (const d of tree.dirs(dir)) if (!SKIP_DIRS.has(d) && !d.startsWith(".") && !isOtherDatabase(d)) flyway = visit(joinPath(dir, d)) || flyway;
    return flyway;
  };
  return visit(location) ? out : [];
}

const SKIP_DIRS = new Set(["node_modules", ".git", ".venv", "venv", "__pycache__", "dist", "build", ".tox"]);
// Linear: anchored, one optional letter, then digits.
const VERSIONED_SQL = /^(?:[VR]\d|R__|\d)[^/]*\.sql$/i;
const FLYWAY_NAME = /^(?:[VU]\d[^/]*__|R__)[^/]*\.sql$/i;
/** How deep the walk looks for a directory of versioned `.sql` files (`services/api/db/migrations` is four). */
const VERSIONED_SQL_DEPTH = 4;

/**
 * The first directory (by path, PostgreSQL's before others at each level)
 * holding versioned `.sql` files, or a directory per migration (diesel's and
 * Hasura's `<version>_<name>/up.sql`, Prisma's `<timestamp>_<name>/migration.sql`:
 * `perDirectory` names the file each runs); a directory named for another
 * database (`migrations/mysql/`) is passed over.
 */
function versionedSqlDir(tree: FileTree, dir: string, depth: number): { dir: string; perDirectory: string | null } | null {
  if ((tree.list(dir) ?? []).some((n) => VERSIONED_SQL.test(n))) return { dir, perDirectory: null };
  const dirs = tree.dirs(dir).filter((d) => !SKIP_DIRS.has(d) && !d.startsWith(".") && !isOtherDatabase(d));
  const perDirectory = PER_DIRECTORY.find((file) => dirs.some((d) => /^\d/.test(d) && tree.isFile(joinPath(joinPath(dir, d), file))));
  if (perDirectory !== undefined) return { dir, perDirectory };
  if (depth >= VERSIONED_SQL_DEPTH) return null;
  for (const d of [...dirs.filter(isPostgresName), ...dirs.filter((d) => !isPostgresName(d))]) {
    const found = versionedSqlDir(tree, joinPath(dir, d), depth + 1);
    if (found !== null) return found;
  }
  return null;
}

/** The file a migration's own directory holds, by tool: its `down.sql` (diesel, Hasura) is not run on upgrade. */
const PER_DIRECTORY = ["up.sql", "migration.sql"];

/**
 * A Django project (`manage.py` in `base`): every app directory below it (six
 * levels deep at most) with a `migrations/` package, and the settings module
 * `manage.py` names, for `AUTH_USER_MODEL`.
 */
function detectDjango(tree: FileTree, base: string): SourceSpec | null {
  const apps: string[] = [];
  const visit = (dir: string, depth: number): void => {
    for (const d of tree.dirs(dir)) {
      if (SKIP_DIRS.has(d) || d === "site-packages" || d.startsWith(".")) continue;
      const path = joinPath(dir, d);
      if (d === "migrations") {
        if (dir !== "" && (tree.list(path) ?? []).some((n) => /^\d{4}_\w*\.py$/.test(n))) apps.push(dir);
        continue;
      }
      if (depth < 5) visit(path, depth + 1);
    }
  };
  visit(base, 0);
  if (apps.length === 0) return null;
  const manage = tree.read(joinPath(base, "manage.py"), "manage.py").text;
  // os.environ.setdefault("DJANGO_SETTINGS_MODULE", "shop.settings")
  const module = /["']DJANGO_SETTINGS_MODULE["']\s*,\s*["']([A-Za-z_][\w.]*)["']/.exec(manage)?.[1];
  const settings = module ? [`${module.replace(/\./g, "/")}.py`, `${module.replace(/\./g, "/")}/__init__.py`].map((p) => joinPath(base, p)).find((p) => tree.isFile(p)) : undefined;
  return { kind: "django", paths: apps.map((a) => joinPath(a, "migrations/*.py")), ...(settings ? { settings } : {}) };
}

/** `naming_convention={…}` or `naming_convention=dict(…)`: a convention written in place, needing no other module. */
// Linear: one fixed word, a run of blanks, then one of two fixed tokens.
const LITERAL_CONVENTION = /naming_convention\s*=\s*(?:\{|dict\()/;

/** The settings module and the project modules it star-imports (`from .base import *`), one level, in order. */
function settingsFiles(tree: FileTree, path: string): SettingsFileInput[] {
  const main = tree.read(path, "settings");
  const dir = parentOf(path);
  const out: SettingsFileInput[] = [main];
  // Linear: anchored at a line start; each part is a run of one character class.
  for (const m of main.text.matchAll(/^from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+\*/gm)) {
    const dots = m[1]!.length;
    let base = dir;
    for (let i = 1; i < dots; i++) base = parentOf(base);
    const rel = m[2]!.replace(/\./g, "/");
    const file = [dots ? joinPath(base, `${rel}.py`) : `${rel}.py`, dots ? joinPath(base, `${rel}/__init__.py`) : `${rel}/__init__.py`].find((p) => rel !== "" && tree.isFile(p));
    if (file && !out.some((f) => f.path === file)) out.push({ ...tree.read(file, "settings"), importedAt: m.index });
  }
  return out;
}

/**
 * A `.sql` source's migrations may run other files with psql's `\ir`, found
 * only by reading them: any staged file psql may run is taken to concern the
 * project (src/commands/precommit.ts says the same without loading this).
 */
const PSQL_RUNNABLE = ["**/*.sql", "**/*.psql"];

/** Globs the pre-commit fast path matches staged files against, per source. */
export function sourcePatterns(specs: readonly SourceSpec[]): string[] {
  return specs.flatMap((s) => {
    if (s.kind === "sql") return [...s.paths, ...PSQL_RUNNABLE, YOYO_INI];
    if (s.kind === "django") return [...s.paths, "**/apps.py", ...(s.settings ? [s.settings] : [])];
    const dirs = Array.isArray(s.directory) ? s.directory : [s.directory];
    // One directory down too: the subdirectory per database a versions directory without revisions may hold (dialectDirectories).
    return [...dirs.flatMap((d) => (s.recursive ? [joinPath(d, "**/*.py")] : [joinPath(d, "*.py"), joinPath(d, "*/*.py")])), s.env ?? joinPath(parentOf(dirs[0]!), "env.py"), s.config ?? ROOT_INI];
  });
}

/**
 * The module paths and framework sources to read: as configured, or
 * detected when nothing is and the default module is absent. With an Alembic
 * project detected below the root, the other Alembic configurations below it
 * (another service's, another database's) are `unread`: detection reads one.
 */
export function projectSources(tree: FileTree, config: Pick<Config, "detectSources" | "migrations" | "sources">): { migrations: string[]; sources: SourceSpec[]; unread: SourceNote[] } {
  if (config.detectSources && config.migrations.length === 1 && !tree.isFile(config.migrations[0]!)) {
    const detected = detectSources(tree);
    const first = detected[0];
    if (first) {
      // One configured at the root is the project's own: nothing else is looked for.
      const below = first.kind === "alembic" && (first.config !== undefined ? first.config.includes("/") : !tree.isFile(ROOT_INI));
      const chosen = first.kind === "alembic" ? (first.config ?? (Array.isArray(first.directory) ? first.directory.join(", ") : first.directory)) : "";
      const others = below ? otherAlembicProjects(tree, lookedForAlembic, first) : [];
      const unread = others.map((path): SourceNote => ({ path, kind: "not-read", message: `another Alembic project: zero configuration reads the first it finds (${chosen}); name the one to audit in "sources", or audit each with a configuration of its own` }));
      return { migrations: [], sources: detected, unread };
    }
  }
  return { migrations: config.migrations, sources: config.sources, unread: [] };
}

/** The sources read, the first Alembic one with what detection left unread among its not-read findings. */
export function withUnread(sources: readonly SourceInput[], unread: readonly SourceNote[]): SourceInput[] {
  const at = sources.findIndex((s) => s.kind === "alembic");
  if (unread.length === 0 || at < 0) return [...sources];
  return sources.map((s, k) => (k === at && s.kind === "alembic" ? { ...s, limits: [...(s.limits ?? []), ...unread] } : s));
}
