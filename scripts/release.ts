/**
 * `npm run release`: tags `v<version>` on a commit that holds the sources of
 * HEAD plus the built JavaScript (dist/src, dist/rules), with no `prepare`
 * script. Installs from git at that tag need no build and no dev dependency:
 * the pre-commit framework (which runs `npm pack` and parses its output, so
 * a lifecycle script's banner breaks it), `npm install -g <git url>#v<version>`
 * and `npx --package=<git url>#v<version>`.
 *
 * The branch never holds build output (it would conflict on every merge): the
 * release commit is made with a temporary index (`git commit-tree`, parent
 * HEAD), so the work tree and the current branch stay as they are.
 *
 *   npm run release      build, then tag v<package.json version>
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** What goes into the release commit besides the tracked sources: the package's built code. */
export const BUILT_PATHS = ["dist/src", "dist/rules"] as const;

export interface Release {
  tag: string;
  commit: string;
}

function git(cwd: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, input?: string): string {
  return execFileSync("git", args, { cwd, env, encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"] }).trim();
}

/**
 * package.json as the release commit holds it: the same, without the `prepare`
 * build and without devDependencies. The built code needs neither, and the
 * pre-commit framework runs a full `npm install` in its clone before it packs:
 * the compiler and the test-only packages would be downloaded for nothing.
 */
export function releasePackageJson(text: string): string {
  const pkg = JSON.parse(text) as { scripts?: Record<string, string>; devDependencies?: unknown };
  if (pkg.scripts) delete pkg.scripts.prepare;
  delete pkg.devDependencies;
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** Creates the release commit and its tag in the repository at `root`. */
export function createRelease(root: string): Release {
  if (git(root, ["status", "--porcelain", "--untracked-files=no"]) !== "")
    throw new Error("the work tree has uncommitted changes: a release is made from HEAD, commit them first");
  const pkgText = readFileSync(join(root, "package.json"), "utf8");
  const { version, bin } = JSON.parse(pkgText) as { version: string; bin: Record<string, string> };
  const tag = `v${version}`;
  if (git(root, ["tag", "--list", tag]) !== "") throw new Error(`tag ${tag} already exists: raise "version" in package.json first`);
  for (const path of ["dist/src/bin.js", ...Object.values(bin)]) if (!existsSync(join(root, path))) throw new Error(`${path} is missing: build first (npm run build)`);

  const head = git(root, ["rev-parse", "HEAD"]);
  const temp = mkdtempSync(join(tmpdir(), "index-audit-release-"));
  try {
    const env = { ...process.env, GIT_INDEX_FILE: join(temp, "index") };
    git(root, ["read-tree", "HEAD"], env);
    git(root, ["add", "--force", "--", ...BUILT_PATHS], env);
    const blob = git(root, ["hash-object", "-w", "--stdin"], env, releasePackageJson(pkgText));
    git(root, ["update-index", "--cacheinfo", `100644,${blob},package.json`], env);
    const tree = git(root, ["write-tree"], env);
    const message = `Release ${tag}\n\nThe sources of ${head} with the built JavaScript (${BUILT_PATHS.join(", ")}) and no prepare script, so installs from git need no build.`;
    const commit = git(root, ["commit-tree", tree, "-p", head, "-F", "-"], env, message);
    git(root, ["tag", tag, commit]);
    return { tag, commit };
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

// Run as a script (not when a test imports it).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  try {
    const { tag, commit } = createRelease(process.cwd());
    process.stdout.write(`tagged ${tag} (${commit})\npublish it with: git push origin ${tag}\n`);
  } catch (e) {
    process.stderr.write(`release: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 1;
  }
}
