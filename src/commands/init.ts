import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, relative, resolve } from "node:path";
import { findConfig } from "../config/load.js";
import { DEFAULT_CONFIG } from "../config/resolve.js";
import { InputError, UsageError } from "../errors.js";
import { DEFAULT_CACHE_DIR } from "../cache/result.js";
import { displayPath } from "../paths/display.js";
import { writeFileAtomic } from "../disk/write.js";
import { diskTree } from "../disk/tree.js";
import { detectSources } from "../project/sources.js";
import type { SourceSpec } from "../sources/types.js";
import type { CommandContext } from "./context.js";

export interface InitArgs {
  hook: boolean;
  force: boolean;
  migrations?: string[] | undefined;
  registry?: string | undefined;
}

export const CONFIG_FILE = "index-audit.json";

/**
 * `index-audit init`: writes index-audit.json unless the project already has a
 * configuration, and with --hook a git pre-commit hook. `--force` replaces an
 * existing hook (with --hook) or index-audit.json (without); a configuration
 * found elsewhere (.index-audit.json, pyproject.toml [tool.index-audit], a
 * parent directory) is never shadowed by a new file.
 */
export function initCommand(args: InitArgs, ctx: CommandContext): number {
  const configPath = resolve(ctx.cwd, CONFIG_FILE);
  const existing = findConfig(ctx.cwd)?.path ?? null;
  // Every refusal comes before the first write: a refused init changes nothing.
  const hook = args.hook ? planHook(ctx, args.force) : null;
  const overwrite = existing === configPath && args.force && !args.hook;
  if (existing !== null && !overwrite) {
    const shown = configShown(ctx.cwd, existing);
    if (!args.hook) {
      if (existing === configPath) throw new UsageError(`${CONFIG_FILE} already exists; pass --force to overwrite it`);
      throw new UsageError(`the project is already configured by ${shown}; a new ${CONFIG_FILE} would take its place, so init writes none`);
    }
    ctx.io.stderr(`index-audit: kept the existing configuration ${shown}\n`);
  } else {
    const detected = detectedSources(ctx.cwd, args);
    writeFileAtomic(configPath, configText(args, detected, existsSync(resolve(ctx.cwd, DEFAULT_CONFIG.registry))), CONFIG_FILE);
    ctx.io.stderr(`index-audit: wrote ${CONFIG_FILE}${detected ? ` (detected: ${detected.sources.map(describeSource).join(", ")})` : ""}\n`);
    if (ignoreCache(ctx.cwd)) ctx.io.stderr(`index-audit: added ${DEFAULT_CACHE_DIR}/ (the --cache directory) to .gitignore\n`);
  }
  if (hook) installHook(ctx, hook);
  return 0;
}

/** Adds the default cache directory to the project's .gitignore unless it is listed; true when it wrote. */
function ignoreCache(dir: string): boolean {
  const path = resolve(dir, ".gitignore");
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch {
    text = "";
  }
  const listed = text.split(/\r?\n/).some((line) => [DEFAULT_CACHE_DIR, `${DEFAULT_CACHE_DIR}/`, `/${DEFAULT_CACHE_DIR}`, `/${DEFAULT_CACHE_DIR}/`].includes(line.trim()));
  if (listed) return false;
  writeFileAtomic(path, `${text}${text === "" || text.endsWith("\n") ? "" : "\n"}${DEFAULT_CACHE_DIR}/\n`, ".gitignore");
  return true;
}

function configShown(cwd: string, path: string): string {
  const shown = displayPath(cwd, path);
  return basename(path) === "pyproject.toml" ? `${shown} [tool.index-audit]` : shown;
}

/** Framework sources found in the project, when no module path is given and the default module is absent. */
export interface Detected {
  sources: SourceSpec[];
  /** A registry exists at the default path. */
  registry: boolean;
}

function detectedSources(cwd: string, args: Pick<InitArgs, "migrations">): Detected | null {
  if (args.migrations?.length) return null;
  const tree = diskTree(cwd);
  if (tree.isFile(DEFAULT_CONFIG.migrations[0]!)) return null;
  const sources = detectSources(tree);
  return sources.length ? { sources, registry: tree.isFile(DEFAULT_CONFIG.registry) } : null;
}

function describeSource(s: SourceSpec): string {
  if (s.kind === "alembic") return `Alembic revisions in ${[s.directory].flat().join(", ")}`;
  return s.kind === "django" ? `Django migrations ${s.paths.join(", ")}` : `.sql migrations ${s.paths.join(", ")}`;
}

/** The configuration `init` writes: the detected sources (without a registry unless one exists or is named), else the module layout. */
export function configText(args: Pick<InitArgs, "migrations" | "registry">, detected: Detected | null = null, registryExists = true): string {
  // A registry named in the configuration must exist; without one yet, the default path stays unnamed ("no registry yet").
  const registry = { registry: { path: args.registry ?? DEFAULT_CONFIG.registry, variable: DEFAULT_CONFIG.registryVariable } };
  const doc = detected
    ? { sources: detected.sources, ...(detected.registry || args.registry !== undefined ? registry : {}), rules: {} }
    : {
        migrations: args.migrations?.length ? args.migrations : DEFAULT_CONFIG.migrations,
        ...(registryExists || args.registry !== undefined ? registry : {}),
        executors: [],
        functional: {},
        rules: {},
      };
  return JSON.stringify(doc, null, 2) + "\n";
}

function git(cwd: string, args: string[]): string {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] }).trim();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === "ENOENT") throw new InputError("--hook needs git, and git was not found on PATH");
    throw new InputError(`--hook: ${cwd} is not inside a git work tree`);
  }
}

interface HookPlan {
  top: string;
  hookPath: string;
  shown: string;
}

/** Where `.git/hooks/pre-commit` (or core.hooksPath's) goes; refuses to replace a hook without --force. */
function planHook(ctx: CommandContext, force: boolean): HookPlan {
  const top = git(ctx.cwd, ["rev-parse", "--show-toplevel"]);
  const hookPath = resolve(ctx.cwd, git(ctx.cwd, ["rev-parse", "--git-path", "hooks/pre-commit"]));
  const shown = relative(top, hookPath).split("\\").join("/") || hookPath;
  if (existsSync(hookPath) && !force) throw new UsageError(`${shown} already exists; pass --force to replace it (or call index-audit from it yourself)`);
  return { top, hookPath, shown };
}

function installHook(ctx: CommandContext, { top, hookPath, shown }: HookPlan): void {
  mkdirSync(dirname(hookPath), { recursive: true });
  const projectDir = relative(top, ctx.cwd).split("\\").join("/") || ".";
  writeFileAtomic(hookPath, hookScript(projectDir), shown);
  // Git runs only executable hooks.
  chmodSync(hookPath, statSync(hookPath).mode | 0o111);
  ctx.io.stderr(`index-audit: installed ${shown}\n`);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/**
 * The hook: runs `check --staged --base HEAD` on the staged file names; check
 * skips the work when none is a migration, the registry or a configuration.
 * It names no absolute path: it runs the project's own index-audit
 * (node_modules/.bin, in the project directory or at the top of the work
 * tree), else the one on PATH, so it keeps working when the repository, the
 * tool or Node moves.
 */
export function hookScript(projectDir: string): string {
  const candidates = [...new Set([projectDir === "." ? "node_modules/.bin/index-audit" : `${projectDir}/node_modules/.bin/index-audit`, "node_modules/.bin/index-audit"])];
  return [
    "#!/bin/sh",
    "# index-audit pre-commit hook, installed by `index-audit init --hook`.",
    "# Refuses a commit whose migrations or registry break the index policy.",
    "# Git runs hooks from the top of the work tree; staged paths are relative to it.",
    "# It checks the staged content (--staged), not what the work tree holds besides,",
    "# and compares it with the last commit (--base HEAD): a deleted index is index-missing.",
    'files=$(git diff --cached --name-only --diff-filter=ACMRD)',
    '[ -n "$files" ] || exit 0',
    ...candidates.flatMap((c, k) => [`${k === 0 ? "if" : "elif"} [ -x ${shellQuote(c)} ]; then`, `  index_audit=${shellQuote(c)}`]),
    "elif command -v index-audit >/dev/null 2>&1; then",
    "  index_audit=index-audit",
    "else",
    `  echo "index-audit pre-commit hook: index-audit is not installed here (${candidates.join(", ")}) nor on PATH; install it, or commit with --no-verify" >&2`,
    "  exit 1",
    "fi",
    `git diff --cached --name-only -z --diff-filter=ACMRD | xargs -0 "$index_audit" check --staged --base HEAD --cwd ${shellQuote(projectDir)} --`,
    "",
  ].join("\n");
}
