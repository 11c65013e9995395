import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import { CONFIG_FILES, DEFAULTS } from "../config/defaults.js";
import { InputError } from "../errors.js";
import { displayPath } from "../paths/display.js";
import { globToRegExp, hasGlob } from "../paths/glob.js";

/**
 * The pre-commit fast path. A hook passes the staged file names; when none is
 * a migration, the registry or a configuration file, `check` has nothing to do
 * and must cost no more than starting Node. This module therefore loads
 * nothing heavy (no yargs, ajv, tree-sitter or libpg-query): it reads the
 * configuration's paths without validating it, and answers "skip" only when
 * it is sure. Every other case goes through the full CLI, which decides again
 * with the validated configuration.
 */

/** File names that are configuration wherever they are staged. */
const CONFIG_NAMES: ReadonlySet<string> = new Set(CONFIG_FILES);

export interface ProjectPaths {
  migrations: readonly string[];
  registry: string;
  /** Absolute path of the configuration file, when there is one. */
  configFile: string | null;
  /** Directory the paths are relative to. */
  root: string;
}

/** Whether any of the given files is a migration, the registry or a configuration file. */
export async function touchesProject(files: readonly string[], paths: ProjectPaths, processCwd: string): Promise<boolean> {
  const patterns = [...paths.migrations, paths.registry].map((p) => p.replace(/^\.\//, ""));
  const matchers = patterns.map((p) => (hasGlob(p) ? globToRegExp(p) : null));
  for (const f of files) {
    // Staged file names come relative to where the hook runs, not to --cwd.
    const abs = resolve(processCwd, f);
    const rel = displayPath(paths.root, abs);
    if (CONFIG_NAMES.has(rel) || (paths.configFile !== null && paths.configFile === abs)) return true;
    if (patterns.some((p, k) => (matchers[k] ? matchers[k].test(rel) : p === rel))) return true;
  }
  // A staged module the migrations or the registry import constants from changes what they create.
  const staged = new Set(files.map((f) => displayPath(paths.root, resolve(processCwd, f))).filter((rel) => rel.endsWith(".py")));
  return staged.size > 0 && (await importsAnyOf(paths, staged));
}

/**
 * Whether the Python migrations or registry (as on disk) import, directly or through each other, one of `staged`; true when unsure.
 * The file reader (and the Python evaluator behind it) loads only here: a commit of no Python file never needs it.
 */
async function importsAnyOf(paths: ProjectPaths, staged: ReadonlySet<string>): Promise<boolean> {
  const { expandGlobs, readImportedModules, readPythonFile } = await import("../disk/files.js");
  try {
    const files = [...paths.migrations, paths.registry]
      .filter((p) => p.endsWith(".py"))
      .flatMap((p) => {
        try {
          return expandGlobs(paths.root, [p], "migrations");
        } catch (e) {
          // A pattern that matches nothing (a registry not written yet) imports nothing.
          if (e instanceof InputError) return [];
          throw e;
        }
      })
      .map((p) => readPythonFile(paths.root, p, "migration"));
    return readImportedModules(paths.root, files).some((m) => staged.has(m.path));
  } catch {
    return true;
  }
}

/**
 * True when `argv` is a plain `check` with file names (`check a.py b.md`,
 * `check --cwd . -- a.py`) none of which concerns the project: the caller
 * exits 0 without loading anything else. False whenever it is unsure (other
 * options, a name that may be a command, a configuration it cannot read
 * without the validator).
 */
export async function skipsPreCommit(argv: readonly string[], ioCwd: string): Promise<boolean> {
  let i = argv[0] === "check" ? 1 : 0;
  let cwd = ".";
  let config: string | null = null;
  const files: string[] = [];
  let positional = 0;
  for (; i < argv.length; i++) {
    const a = argv[i]!;
    if (a === "--") {
      const rest = argv.slice(i + 1);
      if (rest[0] === "check") return false;
      files.push(...rest);
      break;
    }
    const value = (name: string): string | null => {
      if (a === name) return argv[++i] ?? null;
      return a.startsWith(name + "=") ? a.slice(name.length + 1) : null;
    };
    if (a === "--cwd" || a.startsWith("--cwd=")) {
      const v = value("--cwd");
      if (v === null) return false;
      cwd = v;
    } else if (a === "--config" || a.startsWith("--config=") || a === "-c") {
      const v = a === "-c" ? (argv[++i] ?? null) : value("--config");
      if (v === null) return false;
      config = v;
    } else if (a === "--base" || a.startsWith("--base=")) {
      // The revision to compare with does not change which files concern the project either.
      if (value("--base") === null) return false;
    } else if (a === "--staged") {
      // Where the content is read from does not change which files concern the project.
    } else if (a.startsWith("-")) return false;
    else {
      files.push(a);
      positional++;
    }
  }
  if (files.length === 0) return false;
  // A first name that could be a (mistyped) command is for the full CLI to judge.
  if (positional > 0 && /^[a-z][a-z-]*$/.test(files[0]!) && !existsSync(resolve(ioCwd, files[0]!))) return false;
  const dir = resolve(ioCwd, cwd);
  const paths = configuredPaths(dir, config);
  return paths !== null && !(await touchesProject(files, paths, ioCwd));
}

/**
 * The migrations and registry paths the configuration names, found the way
 * the full loader finds it; null when that takes the full loader (a
 * `[tool.index-audit]` table, a file that does not parse, fields of the
 * wrong type).
 */
function configuredPaths(cwd: string, explicit: string | null): ProjectPaths | null {
  if (explicit !== null) {
    const path = resolve(cwd, explicit);
    if (basename(path) === "pyproject.toml" || !isFile(path)) return null;
    return pathsOf(readJson(path), path, dirname(path));
  }
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      if (!isFile(path)) continue;
      if (name === "pyproject.toml") {
        const text = readText(path);
        if (text === null) return null;
        if (!text.includes("index-audit")) continue; // no [tool.index-audit] here
        return null;
      }
      return pathsOf(readJson(path), path, dir);
    }
    if (dirname(dir) === dir) break;
  }
  // Without the default module, the source is detected: the full loader decides.
  if (!DEFAULTS.migrations.every((m) => isFile(join(cwd, m)))) return null;
  return { migrations: DEFAULTS.migrations, registry: DEFAULTS.registry, configFile: null, root: cwd };
}

function pathsOf(raw: unknown, file: string, root: string): ProjectPaths | null {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return null;
  const { migrations, registry, sources } = raw as { migrations?: unknown; registry?: unknown; sources?: unknown };
  // Detection (no migrations or sources named, no default module) takes the full loader.
  if (sources === undefined && migrations === undefined && !DEFAULTS.migrations.every((m) => isFile(join(root, m)))) return null;
  const sourcePaths = sources === undefined ? [] : sourceGlobs(sources);
  if (sourcePaths === null) return null;
  const registryPath = registry === undefined ? DEFAULTS.registry : typeof registry === "string" ? registry : typeof registry === "object" && registry !== null ? (registry as { path?: unknown }).path : null;
  if (typeof registryPath !== "string" || registryPath === "") return null;
  const list = typeof migrations === "string" ? [migrations] : migrations;
  if (list !== undefined && !(Array.isArray(list) && list.length > 0 && list.every((m) => typeof m === "string" && m !== ""))) return null;
  const modules = (list as string[] | undefined) ?? (sources === undefined ? DEFAULTS.migrations : []);
  return { migrations: [...modules, ...sourcePaths], registry: registryPath, configFile: file, root };
}

/**
 * The files `sources` names, as globs (the same as src/project/sources.ts's
 * sourcePatterns, read here without the validator); null for anything it does
 * not know for sure.
 */
function sourceGlobs(sources: unknown): string[] | null {
  if (!Array.isArray(sources)) return null;
  const out: string[] = [];
  const strings = (v: unknown): v is string[] => Array.isArray(v) && v.length > 0 && v.every((x) => typeof x === "string" && x !== "");
  for (const s of sources as unknown[]) {
    if (typeof s !== "object" || s === null) return null;
    const { kind, paths, directory, env, recursive, config } = s as { kind?: unknown; paths?: unknown; directory?: unknown; env?: unknown; recursive?: unknown; config?: unknown };
    if (kind === "module" && strings(paths)) out.push(...paths);
    // A migration may run any .sql file with psql's \ir (sourcePatterns' PSQL_RUNNABLE); yoyo.ini says which files are yoyo's.
    else if (kind === "sql" && strings(paths)) out.push(...paths, "**/*.sql", "**/*.psql", "yoyo.ini");
    else if (kind === "alembic" && (typeof directory === "string" || strings(directory)) && (env === undefined || typeof env === "string") && (config === undefined || typeof config === "string")) {
      const dirs = (typeof directory === "string" ? [directory] : directory).map((d) => d.replace(/^\.\//, "").replace(/\/$/, ""));
      // One directory down too, as sourcePatterns (a subdirectory per database).
      out.push(...dirs.flatMap((d) => (recursive === true ? [`${d}/**/*.py`] : [`${d}/*.py`, `${d}/*/*.py`])), env ?? `${dirs[0]!.includes("/") ? dirs[0]!.slice(0, dirs[0]!.lastIndexOf("/") + 1) : ""}env.py`, config ?? "alembic.ini");
    } else return null;
  }
  return out;
}

function readJson(path: string): unknown {
  const text = readText(path);
  if (text === null) return null;
  try {
    return JSON.parse(text.replace(/^\uFEFF/, "")) as unknown;
  } catch {
    return null;
  }
}

function readText(path: string): string | null {
  try {
    return readFileSync(path, "utf8");
  } catch {
    return null;
  }
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
