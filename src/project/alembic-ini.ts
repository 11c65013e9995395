import type { SourceSpec } from "../sources/types.js";
import { joinPath, parentOf, resolvePath } from "../paths/relative.js";
import type { FileTree } from "./file-tree.js";
import { iniOption } from "./ini.js";

/**
 * alembic.ini, read as Alembic reads it: where the scripts are, where the
 * revisions are, what goes on sys.path. Its relative paths are taken from its
 * own directory, where `alembic` runs (and what `%(here)s` stands for).
 */

/** The ini at the project root: a spec without `ini` means this one. */
export const ROOT_INI = "alembic.ini";

/** How far below the root zero configuration looks for alembic.ini (`airflow-core/src/airflow/alembic.ini` is three directories down). */
const ALEMBIC_INI_DEPTH = 4;

/**
 * An alembic.ini below the root, for zero configuration when the root has
 * none: the shallowest, the first by path among those as shallow. `looked`
 * says which directories are looked into (not tests, virtualenvs, hidden ones).
 */
export function findAlembicIniBelow(tree: FileTree, looked: (name: string) => boolean): string | null {
  let level = [""];
  for (let depth = 1; depth <= ALEMBIC_INI_DEPTH && level.length > 0; depth++) {
    // Parents in path order, each one's directories sorted: the level stays in path order.
    const next = level.flatMap((dir) => tree.dirs(dir).filter(looked).map((d) => joinPath(dir, d)));
    const found = next.find((d) => tree.isFile(joinPath(d, ROOT_INI)));
    if (found !== undefined) return joinPath(found, ROOT_INI);
    level = next;
  }
  return null;
}

/**
 * The Alembic source an alembic.ini names: its `script_location` + `/versions`,
 * or its `version_locations`; null when it names no scripts. Flask-Migrate
 * writes alembic.ini into the scripts' own directory without a
 * `script_location` (it passes the directory itself): there, the ini's
 * directory when it holds env.py.
 */
export function alembicSpecOf(tree: FileTree, ini: string, text: string): SourceSpec | null {
  const here = parentOf(ini);
  const location = scriptLocation(text);
  const scripts = location !== null ? placed(tree, here, location) : tree.isFile(joinPath(here, "env.py")) ? here : null;
  if (scripts === null) return null;
  const versions = versionLocations(text).map((v) => placed(tree, here, v));
  const recursive = /^(true|yes|on|1)$/i.test(alembicOption(text, "recursive_version_locations") ?? "") ? { recursive: true } : {};
  const named = ini === ROOT_INI ? {} : { ini };
  if (versions.length > 0) return { kind: "alembic", directory: versions.length === 1 ? versions[0]! : versions, env: joinPath(scripts, "env.py"), ...recursive, ...named };
  return { kind: "alembic", directory: joinPath(scripts, "versions"), ...recursive, ...named };
}

/**
 * A directory alembic.ini names, from the ini's directory; else from the
 * project root (a project that runs `alembic -c sub/alembic.ini` from there),
 * whichever exists, the ini's first. Neither: the ini's, which reading then
 * reports as not found.
 */
function placed(tree: FileTree, here: string, path: string): string {
  if (path.startsWith("/")) return path;
  const fromIni = resolvePath(here, path);
  const fromRoot = resolvePath("", path);
  for (const p of [fromIni, fromRoot]) if (p !== null && tree.list(p) !== null) return p;
  return fromIni ?? fromRoot ?? path;
}

/** A key of alembic.ini's `[alembic]` section, as written. */
function alembicOption(ini: string, key: string): string | null {
  return iniOption(ini, "alembic", key);
}

/** A path of alembic.ini, relative to its directory (`%(here)s/` removed; `package:dir`, a package resource, as the package's directory). */
function iniPath(value: string): string {
  const resource = /^([A-Za-z_][\w.]*):(?![/\\])(.*)$/.exec(value);
  const path = resource ? `${resource[1]!.replace(/\./g, "/")}/${resource[2]!}` : value;
  return path.replace(/^%\(here\)s[/\\]?/, "").replace(/\\/g, "/").replace(/\/$/, "") || ".";
}

/** `script_location` of the `[alembic]` section, relative to the ini's directory. */
export function scriptLocation(ini: string): string | null {
  const value = alembicOption(ini, "script_location");
  return value ? iniPath(value) : null;
}

/** `version_locations`, split as `version_path_separator` says (spaces and commas when it is not set), relative to the ini's directory. */
export function versionLocations(ini: string): string[] {
  const value = alembicOption(ini, "version_locations");
  if (!value) return [];
  const sep = alembicOption(ini, "version_path_separator");
  const split = sep === "os" || sep === ":" ? /:/ : sep === ";" ? /;/ : sep === "space" ? /\s+/ : sep === "newline" ? /\n/ : /[\s,]+/;
  return value.split(split).map((v) => v.trim()).filter((v) => v !== "").map(iniPath);
}

/**
 * `prepend_sys_path`: directories Alembic puts first on sys.path, split as
 * Alembic 1.8 splits it (blanks, commas, colons), from the ini's directory;
 * the project root, searched anyway, is left out.
 */
export function prependSysPath(ini: string, here: string): string[] {
  const value = alembicOption(ini, "prepend_sys_path");
  if (!value) return [];
  return value
    .split(/[\s,:]+/)
    .filter((v) => v !== "")
    .map((v) => resolvePath(here, iniPath(v)))
    .filter((v): v is string => v !== null && v !== "");
}
