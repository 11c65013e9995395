import type { SourceSpec } from "../sources/types.js";
import { parseToml } from "../config/toml.js";
import { joinPath, parentOf, resolvePath } from "../paths/relative.js";
import type { FileTree } from "./file-tree.js";
import { iniOption } from "./ini.js";

/**
 * Alembic's configuration, read as Alembic reads it: alembic.ini's
 * `[alembic]` section, or pyproject.toml's `[tool.alembic]` (Alembic 1.16):
 * where the scripts are, where the revisions are, what goes on sys.path.
 * Relative paths are taken from the file's own directory, where `alembic`
 * runs (and what `%(here)s` stands for).
 */

/** alembic.ini at the project root: a spec without `config` means this one. */
export const ROOT_INI = "alembic.ini";

/** How far below the root zero configuration looks (`airflow-core/src/airflow/alembic.ini` is three directories down). */
const ALEMBIC_CONFIG_DEPTH = 4;

/** What a configuration file says, its paths as written there (`%(here)s/` removed). */
export interface AlembicSettings {
  scriptLocation: string | null;
  /** The paths (script_location's, version_locations') written as a package's resource (`myapp:migrations`): found where Python would import the package from. */
  resources: ReadonlySet<string>;
  versionLocations: string[];
  prependSysPath: string[];
  recursive: boolean;
}

/** The Alembic source configured in `dir`: by its alembic.ini, else by its pyproject.toml's `[tool.alembic]`; null when neither names one. */
export function alembicIn(tree: FileTree, dir: string): SourceSpec | null {
  for (const file of [joinPath(dir, ROOT_INI), joinPath(dir, "pyproject.toml")]) {
    if (!tree.isFile(file)) continue;
    const settings = alembicSettings(file, tree.read(file, "configuration").text);
    const spec = settings && alembicSpecOf(tree, file, settings);
    if (spec) return spec;
  }
  return null;
}

/**
 * The Alembic source configured in a directory below the root, for zero
 * configuration when the root names none: the shallowest, the first by path
 * among those as shallow. `looked` says which directories are looked into
 * (not tests, virtualenvs, hidden ones).
 */
export function alembicBelow(tree: FileTree, looked: (name: string) => boolean): SourceSpec | null {
  for (const dir of directoriesBelow(tree, looked)) {
    const spec = alembicIn(tree, dir);
    if (spec) return spec;
  }
  return null;
}

/**
 * Alembic's scripts where no configuration names them (one named otherwise,
 * as Mailman's `alembic.cfg`, or kept out of the repository): a directory
 * whose env.py imports alembic, beside a `versions/` holding a revision, at
 * the root or below it, the first as alembicBelow looks.
 */
export function alembicScriptsBelow(tree: FileTree, looked: (name: string) => boolean): SourceSpec | null {
  for (const dir of ["", ...directoriesBelow(tree, looked)]) {
    const spec = alembicScriptsIn(tree, dir);
    if (spec) return spec;
  }
  return null;
}

function alembicScriptsIn(tree: FileTree, dir: string): SourceSpec | null {
  const env = joinPath(dir, "env.py");
  const versions = joinPath(dir, "versions");
  if (!tree.isFile(env) || !(tree.list(versions) ?? []).some(isRevisionFile)) return null;
  return ALEMBIC_IMPORT.test(tree.read(env, "migration").text) ? { kind: "alembic", directory: versions } : null;
}

/** An import of alembic (`from alembic import context`, `import alembic`). Linear: fixed words, one run of blanks. */
const ALEMBIC_IMPORT = /^\s*(?:from|import)\s+alembic\b/m;

/** A file Alembic loads as a revision: a `.py` file but `__init__.py` or an editor's lock file (alembic/script/base.py's `_only_source_rev_file`). */
export function isRevisionFile(name: string): boolean {
  return name.endsWith(".py") && !name.startsWith("__init__") && !name.startsWith(".#");
}

/**
 * The other Alembic projects below the root than `chosen` (zero
 * configuration reads one): another service's, another database's, by their
 * configuration file (or env.py, for scripts no configuration names). One
 * whose scripts are `chosen`'s (Flask-Migrate's `migrations/alembic.ini`
 * beside `alembic.ini`) is the same project.
 */
export function otherAlembicProjects(tree: FileTree, looked: (name: string) => boolean, chosen: SourceSpec): string[] {
  if (chosen.kind !== "alembic") return [];
  const chosenDirs = new Set([chosen.directory].flat());
  const out: string[] = [];
  for (const dir of directoriesBelow(tree, looked)) {
    const config = alembicIn(tree, dir);
    const scripts = config ? null : alembicScriptsIn(tree, dir);
    const spec = config ?? scripts;
    // The same project when it reads any of the chosen one's version locations.
    if (spec?.kind !== "alembic" || [spec.directory].flat().some((d) => chosenDirs.has(d))) continue;
    out.push(config ? (spec.config ?? joinPath(dir, ROOT_INI)) : joinPath(dir, "env.py"));
  }
  return out;
}

/** The directories below the root, level by level (ALEMBIC_CONFIG_DEPTH), in path order within a level, among those `looked` into. */
function* directoriesBelow(tree: FileTree, looked: (name: string) => boolean): Generator<string> {
  let level = [""];
  for (let depth = 1; depth <= ALEMBIC_CONFIG_DEPTH && level.length > 0; depth++) {
    // Parents in path order, each one's directories sorted: the level stays in path order.
    level = level.flatMap((dir) => tree.dirs(dir).filter(looked).map((d) => joinPath(dir, d)));
    yield* level;
  }
}

/** The settings of alembic.ini or of pyproject.toml's `[tool.alembic]`; null for a pyproject.toml without that table (or not TOML). */
export function alembicSettings(path: string, text: string): AlembicSettings | null {
  return path.endsWith(".toml") ? pyprojectSettings(text) : iniSettings(text);
}

function iniSettings(ini: string): AlembicSettings {
  const option = (key: string): string | null => iniOption(ini, "alembic", key, true);
  const location = option("script_location");
  // Alembic 1.16's `path_separator` splits both lists; before it, `version_path_separator` splits version_locations.
  const pathSep = option("path_separator");
  const sep = pathSep ?? option("version_path_separator");
  const split = sep === "os" || sep === ":" ? /:/ : sep === ";" ? /;/ : sep === "space" ? /\s+/ : sep === "newline" ? /\n/ : /[\s,]+/;
  const versions = option("version_locations");
  return {
    scriptLocation: location ? configPath(location) : null,
    resources: resourcesAmong([location ?? "", ...(versions?.split(split) ?? [])]),
    versionLocations: splitPaths(versions, split),
    // Else split as Alembic 1.8 splits it: blanks, commas, colons.
    prependSysPath: splitPaths(option("prepend_sys_path"), pathSep !== null ? split : /[\s,:]+/),
    recursive: /^(true|yes|on|1)$/i.test(option("recursive_version_locations") ?? ""),
  };
}

/** `[tool.alembic]`: the same keys, lists written as TOML arrays. */
function pyprojectSettings(text: string): AlembicSettings | null {
  // Most pyproject.toml files configure no Alembic: they are not parsed.
  if (!text.includes("tool.alembic")) return null;
  let table: unknown;
  try {
    table = (parseToml(text) as { tool?: { alembic?: unknown } }).tool?.alembic;
  } catch {
    return null;
  }
  if (typeof table !== "object" || table === null) return null;
  const t = table as Record<string, unknown>;
  const paths = (v: unknown): string[] => (typeof v === "string" ? splitPaths(v, /[\s,]+/) : Array.isArray(v) ? v.filter((x): x is string => typeof x === "string" && x.trim() !== "").map((x) => configPath(x.trim())) : []);
  const versions: unknown[] = Array.isArray(t.version_locations) ? (t.version_locations as unknown[]) : [t.version_locations];
  const written = [t.script_location, ...versions].filter((v): v is string => typeof v === "string");
  return {
    scriptLocation: typeof t.script_location === "string" && t.script_location !== "" ? configPath(t.script_location) : null,
    resources: resourcesAmong(written.flatMap((v) => v.split(/[\s,]+/))),
    versionLocations: paths(t.version_locations),
    prependSysPath: paths(t.prepend_sys_path),
    recursive: t.recursive_version_locations === true,
  };
}

function splitPaths(value: string | null, split: RegExp): string[] {
  return value ? value.split(split).map((v) => v.trim()).filter((v) => v !== "").map(configPath) : [];
}

/**
 * The Alembic source a configuration file names: its `script_location` +
 * `/versions`, or its `version_locations`; null when it names no scripts.
 * Flask-Migrate writes alembic.ini into the scripts' own directory without a
 * `script_location` (it passes the directory itself): there, the file's
 * directory when it holds env.py.
 */
function alembicSpecOf(tree: FileTree, file: string, settings: AlembicSettings): SourceSpec | null {
  const here = parentOf(file);
  const at = (path: string): string => (settings.resources.has(path) ? resourcePlaced(tree, here, settings, path) : placed(tree, here, path));
  const scripts = settings.scriptLocation === null ? (tree.isFile(joinPath(here, "env.py")) ? here : null) : at(settings.scriptLocation);
  if (scripts === null) return null;
  const versions = settings.versionLocations.map(at);
  const recursive = settings.recursive ? { recursive: true } : {};
  const named = file === ROOT_INI ? {} : { config: file };
  if (versions.length > 0) return { kind: "alembic", directory: versions.length === 1 ? versions[0]! : versions, env: joinPath(scripts, "env.py"), ...recursive, ...named };
  return { kind: "alembic", directory: joinPath(scripts, "versions"), ...recursive, ...named };
}

/**
 * A directory the configuration names, from the file's directory; else from
 * the project root (a project that runs `alembic -c sub/alembic.ini` from
 * there), whichever exists, the file's first. Neither: the file's, which
 * reading then reports as not found.
 */
function placed(tree: FileTree, here: string, path: string): string {
  if (path.startsWith("/")) return path;
  const fromFile = resolvePath(here, path);
  const fromRoot = resolvePath("", path);
  for (const p of [fromFile, fromRoot]) if (p !== null && tree.list(p) !== null) return p;
  return fromFile ?? fromRoot ?? path;
}

/**
 * A package's resource directory (`myapp:migrations`, `myapp.db:migrations`):
 * under the first directory Python would import the package from, as far as
 * the project shows it: prepend_sys_path's, the configuration's, the root,
 * then `src/` beside the configuration or at the root (an installed
 * src-layout package). None holding it: placed as
 * any other path, which reading then reports as not found.
 */
function resourcePlaced(tree: FileTree, here: string, settings: AlembicSettings, path: string): string {
  for (const root of [...sysPathOf(settings, here), here, "", joinPath(here, "src"), "src"]) {
    const p = resolvePath(root, path);
    if (p !== null && tree.list(p) !== null) return p;
  }
  return placed(tree, here, path);
}

const RESOURCE = /^([A-Za-z_][\w.]*):(?![/\\])(.*)$/;

/** The paths among `values` written as a package's resource, as configPath gives them. */
function resourcesAmong(values: readonly string[]): Set<string> {
  return new Set(values.map((v) => v.trim()).filter((v) => RESOURCE.test(v)).map(configPath));
}

/** A path of the configuration, relative to its directory (`%(here)s/` removed; `package:dir`, a package resource, as the package's directory). */
function configPath(value: string): string {
  const resource = RESOURCE.exec(value);
  const path = resource ? `${resource[1]!.replace(/\./g, "/")}/${resource[2]!}` : value;
  return path.replace(/^%\(here\)s[/\\]?/, "").replace(/\\/g, "/").replace(/\/$/, "") || ".";
}

/** `script_location` of alembic.ini's `[alembic]` section, relative to its directory. */
export function scriptLocation(ini: string): string | null {
  return iniSettings(ini).scriptLocation;
}

/** alembic.ini's `version_locations`, split as `version_path_separator` says (spaces and commas when it is not set), relative to its directory. */
export function versionLocations(ini: string): string[] {
  return iniSettings(ini).versionLocations;
}

/** `prepend_sys_path`: directories Alembic puts first on sys.path, from the configuration's directory `here`; the project root, searched anyway, is left out. */
export function sysPathOf(settings: AlembicSettings, here: string): string[] {
  return settings.prependSysPath.map((v) => resolvePath(here, v)).filter((v): v is string => v !== null && v !== "");
}
