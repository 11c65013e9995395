import type { execFileSync as ExecFileSync } from "node:child_process";
import { createRequire } from "node:module";
import { InputError } from "../errors.js";
import { decodeSourceFile } from "./files.js";
import { importedModules } from "../python/imports.js";
import { globToRegExp, hasGlob } from "../paths/glob.js";
import type { FileInput, ProjectInput } from "../project/analyze.js";
import type { Config } from "../config/resolve.js";
import { projectSources, readSourceFiles, trackedTree, withUnread } from "../project/sources.js";

/** What reading a project through git needs of the configuration. */
export type ProjectPaths = Pick<Config, "migrations" | "registry" | "sources" | "detectSources" | "registryConfigured">;

const MAX_GIT_OUTPUT = 256 * 1024 * 1024;

/** node:child_process is required on the first git call: runs that read the working tree never load it. */
function execFileSync(...args: Parameters<typeof ExecFileSync>): ReturnType<typeof ExecFileSync> {
  const { execFileSync: exec } = createRequire(import.meta.url)("node:child_process") as { execFileSync: typeof ExecFileSync };
  return exec(...args);
}

function git(cwd: string, args: string[]): string {
  return execFileSync("git", args, { cwd, encoding: "utf8", maxBuffer: MAX_GIT_OUTPUT, stdio: ["ignore", "pipe", "pipe"] }) as string;
}

/** A file's bytes as git holds them, decoded as a file on disk is: a binary, huge or non-UTF-8 file is judged the same way. */
function gitFile(cwd: string, spec: string, path: string, what: string): FileInput {
  let bytes: Buffer;
  try {
    bytes = execFileSync("git", ["show", spec], { cwd, maxBuffer: MAX_GIT_OUTPUT, stdio: ["ignore", "pipe", "pipe"] }) as Buffer;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOBUFS") throw new InputError(`${what} file is larger than ${MAX_GIT_OUTPUT >> 20} MiB in git: ${path}`);
    throw e;
  }
  return decodeSourceFile(bytes, path, what);
}

/**
 * The migrations and registry as they were at `ref`, read through git
 * (`git show REF:./path`), with the same globs. Files that did not exist
 * then are simply absent.
 */
export function readProjectAt(root: string, ref: string, paths: ProjectPaths): ProjectInput {
  if (ref.startsWith("-")) throw new InputError(`--base ${ref}: not a git revision`);
  try {
    git(root, ["rev-parse", "--verify", "--quiet", `${ref}^{commit}`]);
  } catch (e) {
    const status = (e as { status?: number }).status;
    const spawnError = (e as NodeJS.ErrnoException).code === "ENOENT";
    if (spawnError) throw new InputError("--base needs git, and git was not found on PATH");
    // The hook compares with HEAD; before the first commit nothing existed there, so nothing can be missing.
    if (ref === "HEAD" && status !== 128 && isUnbornHead(root)) return { migrations: [], registry: null };
    throw new InputError(status === 128 ? `--base ${ref}: ${root} is not inside a git repository` : `--base ${ref}: unknown git revision`);
  }
  const tracked = git(root, ["ls-tree", "-r", "-z", "--name-only", ref, "--", "."]).split("\0").filter(Boolean);
  // A source's directory that did not exist at REF holds nothing then.
  return readTracked(tracked, (path, what) => gitFile(root, `${ref}:./${path}`, path, what), paths, true);
}

/** True in a repository whose current branch has no commit yet. */
function isUnbornHead(root: string): boolean {
  try {
    git(root, ["symbolic-ref", "-q", "HEAD"]);
    return true;
  } catch {
    return false;
  }
}

/**
 * The migrations and registry as they are staged for the next commit (the git
 * index, `git show :./path`): what a pre-commit hook must judge, whatever the
 * work tree holds besides.
 */
export function readProjectStaged(root: string, paths: ProjectPaths, noRegistryYet: (() => void) | null = null): ProjectInput {
  let tracked: string[];
  try {
    tracked = git(root, ["ls-files", "-z", "--cached", "--", "."]).split("\0").filter(Boolean);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new InputError("--staged needs git, and git was not found on PATH");
    throw new InputError(`--staged: ${root} is not inside a git repository`);
  }
  const project = readTracked(tracked, (path, what) => gitFile(root, `:./${path}`, path, what), paths, false);
  const sources = project.sources ?? [];
  if (project.migrations.length === 0 && sources.length === 0) throw new InputError(`--staged: no migration file matching ${paths.migrations.join(", ")} is in the git index`);
  if (!project.registry && (paths.registryConfigured || sources.length === 0)) {
    // The default registry path with no file yet is an empty registry for a module project; a configured one must be there.
    if (!noRegistryYet || paths.registryConfigured) throw new InputError(`--staged: the registry ${paths.registry} is not in the git index`);
    noRegistryYet();
  }
  return project;
}

/** Picks the configured paths among `tracked` (same globs as on disk) and reads them through `show`. */
function readTracked(tracked: readonly string[], show: (path: string, what: string) => FileInput, paths: ProjectPaths, lenient: boolean): ProjectInput {
  const tree = trackedTree(tracked, show);
  const { migrations, sources, unread } = projectSources(tree, paths);
  const registry = paths.registry;
  const pick = (pattern: string): string[] => {
    const normalized = pattern.replace(/^\.\//, "");
    if (!hasGlob(normalized)) return tracked.includes(normalized) ? [normalized] : [];
    const re = globToRegExp(normalized);
    return tracked.filter((p) => re.test(p));
  };
  const read = (path: string, what = "migration"): FileInput => show(path, what);
  const migrationPaths = [...new Set(migrations.flatMap(pick))].sort();
  const registryPath = pick(registry)[0];
  const inputs = withUnread(sources.map((spec) => readSourceFiles(tree, spec, lenient)), unread);
  const migrationFiles = migrationPaths.map((p) => read(p));
  const registryFile = registryPath ? read(registryPath, "registry") : null;
  // Constants imported from the project's own modules, as that revision (or the index) holds them.
  const known = new Set(tracked);
  const module = (path: string): FileInput | null => {
    if (!known.has(path)) return null;
    try {
      return read(path, "module");
    } catch (e) {
      // As on disk: a module that cannot be read as text is left out, and names from it are reported as not in the project.
      if (e instanceof InputError) return null;
      throw e;
    }
  };
  const modules = importedModules(registryFile ? [...migrationFiles, registryFile] : migrationFiles, module);
  return { migrations: migrationFiles, registry: registryFile, sources: inputs, modules };
}
