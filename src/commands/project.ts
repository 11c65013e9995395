import { resolve } from "node:path";
import { RULES } from "../../rules/index.js";
import { loadConfig } from "../config/load.js";
import type { Config } from "../config/resolve.js";
import type { ProjectInput } from "../project/analyze.js";
import { displayPath, expandGlobs, readPythonFile } from "../project/files.js";
import { detectSources, diskTree, readSourceFiles, type FileTree } from "../project/sources.js";
import type { SourceSpec } from "../sources/types.js";
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

/** Reads the migrations, the framework sources and the registry from disk. Paths shown are relative to `root`. */
export function readProject(root: string, config: Config): ProjectInput {
  const tree = diskTree(root);
  const { migrations, sources } = projectSources(tree, config);
  const migrationPaths = expandGlobs(root, migrations, "migrations");
  // A framework-source project without a registry named or at the default path has none (the policy rules apply).
  const registryPath = config.registryConfigured || tree.isFile(config.registry) || sources.length === 0 ? expandGlobs(root, [config.registry], "registry")[0]! : null;
  return {
    migrations: migrationPaths.map((p) => readPythonFile(root, p, "migration")),
    registry: registryPath === null ? null : readPythonFile(root, registryPath, "registry"),
    sources: sources.map((s) => readSourceFiles(tree, s)),
  };
}

/** The module paths and framework sources to read: as configured, or detected when nothing is and the default module is absent. */
export function projectSources(tree: FileTree, config: Config): { migrations: string[]; sources: SourceSpec[] } {
  if (config.detectSources && config.migrations.length === 1 && !tree.isFile(config.migrations[0]!)) {
    const detected = detectSources(tree);
    if (detected.length > 0) return { migrations: [], sources: detected };
  }
  return { migrations: config.migrations, sources: config.sources };
}
