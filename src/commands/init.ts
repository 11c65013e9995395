import { execFileSync } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_CONFIG } from "../config/resolve.js";
import { InputError, UsageError } from "../errors.js";
import { detectSources, diskTree } from "../project/sources.js";
import { writeFileAtomic } from "../project/write.js";
import type { SourceSpec } from "../sources/types.js";
import type { CommandContext } from "./context.js";

export interface InitArgs {
  hook: boolean;
  force: boolean;
  migrations?: string[];
  registry?: string;
}

export const CONFIG_FILE = "index-audit.json";

/** `index-audit init`: writes index-audit.json and, with --hook, a git pre-commit hook. */
export function initCommand(args: InitArgs, ctx: CommandContext): number {
  const configPath = resolve(ctx.cwd, CONFIG_FILE);
  // Every refusal comes before the first write: a refused init changes nothing.
  const hook = args.hook ? planHook(ctx, args.force) : null;
  if (existsSync(configPath) && !args.force) {
    if (!args.hook) throw new UsageError(`${CONFIG_FILE} already exists; pass --force to overwrite it`);
    ctx.io.stderr(`index-audit: kept the existing ${CONFIG_FILE}\n`);
  } else {
    // Without --migrations and without the default module, init writes the source it detects (Django, .sql files).
    const detected = args.migrations?.length || existsSync(resolve(ctx.cwd, DEFAULT_CONFIG.migrations[0]!)) ? [] : detectSources(diskTree(ctx.cwd));
    const noRegistry = detected.length > 0 && !args.registry && !existsSync(resolve(ctx.cwd, DEFAULT_CONFIG.registry));
    writeFileAtomic(configPath, configText(args, detected, noRegistry), CONFIG_FILE);
    ctx.io.stderr(`index-audit: wrote ${CONFIG_FILE}\n`);
  }
  if (hook) installHook(ctx, hook);
  return 0;
}

export function configText(args: Pick<InitArgs, "migrations" | "registry">, detected: readonly SourceSpec[] = [], noRegistry = false): string {
  const doc = {
    ...(detected.length && !args.migrations?.length ? { sources: detected } : { migrations: args.migrations?.length ? args.migrations : DEFAULT_CONFIG.migrations }),
    // A detected framework project without the default registry file has no registry (the no-registry policy applies).
    ...(noRegistry ? {} : { registry: { path: args.registry ?? DEFAULT_CONFIG.registry, variable: DEFAULT_CONFIG.registryVariable } }),
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
  writeFileAtomic(hookPath, hookScript(process.execPath, fileURLToPath(new URL("../bin.js", import.meta.url)), projectDir), shown);
  // Git runs only executable hooks.
  chmodSync(hookPath, statSync(hookPath).mode | 0o111);
  ctx.io.stderr(`index-audit: installed ${shown}\n`);
}

function shellQuote(s: string): string {
  return `'${s.replace(/'/g, `'\\''`)}'`;
}

/** The hook: runs `check` on the staged file names; check skips the work when none is a migration or the registry. */
export function hookScript(node: string, bin: string, projectDir: string): string {
  return [
    "#!/bin/sh",
    "# index-audit pre-commit hook, installed by `index-audit init --hook`.",
    "# Refuses a commit whose migrations or registry break the index policy.",
    "# Git runs hooks from the top of the work tree; staged paths are relative to it.",
    "# It checks the staged content (--staged), not what the work tree holds besides.",
    'files=$(git diff --cached --name-only --diff-filter=ACMRD)',
    '[ -n "$files" ] || exit 0',
    `git diff --cached --name-only -z --diff-filter=ACMRD | xargs -0 ${shellQuote(node)} ${shellQuote(bin)} check --staged --cwd ${shellQuote(projectDir)} --`,
    "",
  ].join("\n");
}
