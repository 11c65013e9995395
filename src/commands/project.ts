import { existsSync } from "node:fs";
import { resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { loadConfig } from "../config/load.js";
import type { Config } from "../config/resolve.js";
import type { FileInput, ProjectInput } from "../project/analyze.js";
import { displayPath } from "../paths/display.js";
import { expandGlobs, readImportedModules, readPythonFile } from "../disk/files.js";
import { InputError } from "../errors.js";
import { diskTree } from "../disk/tree.js";
import { projectSources, readSourceFiles, withUnread } from "../project/sources.js";
import { applyFlags, type CommonArgs } from "./context.js";

export interface LoadedProject {
  config: Config;
  /** Directory the configuration's paths are relative to. */
  root: string;
  /** Paths are shown relative to the working directory. */
  cwd: string;
}

/** Finds and validates the configuration and applies the flags. */
export function loadProjectConfig(cwd: string, args: CommonArgs): LoadedProject {
  const { config, root } = loadConfig(cwd, args.config ?? null, RULES);
  // Flags are relative to the working directory; configuration paths to the file's directory.
  const flagged = applyFlags(config, {
    ...args,
    ...(args.migrations?.length ? { migrations: args.migrations.map((m) => relativeTo(root, cwd, m)) } : {}),
    ...(args.registry !== undefined ? { registry: relativeTo(root, cwd, args.registry) } : {}),
  });
  return { config: flagged, root, cwd };
}

function relativeTo(root: string, cwd: string, path: string): string {
  return displayPath(root, resolve(cwd, path));
}

/**
 * Reads the migrations, the framework sources and the registry from disk, and
 * the project modules the Python files import from. Paths shown are relative
 * to `root`. A module project that has no registry yet starts from the default
 * path: its absence means an empty registry, said once through `notice`. A
 * framework-source project without a registry named or at the default path has
 * none (the policy rules apply). A path set explicitly must exist.
 */
export function readProject(root: string, config: Config, notice: (line: string) => void): ProjectInput {
  const tree = diskTree(root);
  const { migrations, sources, unread } = projectSources(tree, config);
  if (sources.length === 0 && config.detectSources && migrations.length === 1 && !tree.isFile(migrations[0]!) && tree.list(migrations[0]!) === null)
    throw new InputError(`migrations file not found: ${migrations[0]!} (the default), and no other migrations were detected (alembic.ini or pyproject.toml [tool.alembic] at the root or up to four directories below it, an Alembic env.py beside versions/, a Django project, sqitch.plan or a directory of versioned .sql files); name them with "migrations" or "sources" in the configuration`);
  const migrationFiles = expandGlobs(root, migrations, "migrations").map((p) => readPythonFile(root, p, "migration"));
  const sourceFiles = withUnread(sources.map((s) => readSourceFiles(tree, s)), unread);
  let registry: FileInput | null = null;
  if (registryMissing(root, config)) {
    if (sources.length === 0) notice(noRegistryNotice(config.registry));
  } else registry = readPythonFile(root, expandGlobs(root, [config.registry], "registry")[0]!, "registry");
  return { migrations: migrationFiles, registry, sources: sourceFiles, modules: readImportedModules(root, registry ? [...migrationFiles, registry] : migrationFiles) };
}

/** The one line that says the registry is treated as empty. */
export function noRegistryNotice(path: string): string {
  return `index-audit: no registry yet: ${path} does not exist, so the registry is treated as empty\n`;
}

/** The default registry path, not set by configuration or flag, names no file (nor anything else) yet. */
export function registryMissing(root: string, config: Config): boolean {
  return !config.registryConfigured && !existsSync(resolve(root, config.registry));
}

