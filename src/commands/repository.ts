import { existsSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";

/**
 * Where the project sits inside its repository, as a `/`-separated prefix
 * ("backend" for a project in backend/, "" at the top). GitHub annotations
 * and code scanning take paths from the repository root, while findings carry
 * paths from the project root. The repository is the nearest directory above
 * the project holding `.git` (a directory, or a file in a worktree or a
 * submodule); without one, GITHUB_WORKSPACE when the project is inside it.
 */
export function repositoryPrefix(projectRoot: string, env: Readonly<Record<string, string | undefined>>): string {
  for (let dir = projectRoot; ; dir = dirname(dir)) {
    if (existsSync(join(dir, ".git"))) return prefixOf(dir, projectRoot);
    if (dirname(dir) === dir) break;
  }
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace) {
    const prefix = prefixOf(workspace, projectRoot);
    if (!prefix.startsWith("..")) return prefix;
  }
  return "";
}

function prefixOf(top: string, projectRoot: string): string {
  return relative(top, projectRoot).split(sep).join("/");
}
