import { existsSync, readFileSync, statSync } from "node:fs";
import { basename, dirname, join, resolve } from "node:path";
import type { AnyRule } from "../engine/rule.js";
import { ConfigError } from "../errors.js";
import { displayPath } from "../paths/display.js";
import { CONFIG_FILES } from "./defaults.js";
import { resolveConfig, type Config } from "./resolve.js";
import { parseToml } from "./toml.js";

export interface LoadedConfig {
  config: Config;
  /** Directory the configuration's paths are relative to: the file's directory, else the working directory. */
  root: string;
}

/**
 * The configuration for `cwd`: the file given, else the nearest of
 * index-audit.json, .index-audit.json or a pyproject.toml with
 * [tool.index-audit], walking up to the file-system root; else the defaults.
 */
export function loadConfig(cwd: string, explicit: string | null, rules: readonly AnyRule[]): LoadedConfig {
  if (explicit !== null) {
    const path = resolve(cwd, explicit);
    if (!existsSync(path)) throw new ConfigError(`configuration file not found: ${displayPath(cwd, path)}`);
    const raw = readConfigFile(path, displayPath(cwd, path));
    return { config: resolveConfig(raw ?? {}, displayPath(cwd, path), rules), root: dirname(path) };
  }
  const found = findConfig(cwd);
  if (found) return { config: resolveConfig(found.raw, displayPath(cwd, found.path), rules), root: dirname(found.path) };
  return { config: resolveConfig({}, null, rules), root: cwd };
}

/**
 * The nearest configuration file above `cwd` (index-audit.json,
 * .index-audit.json, or a pyproject.toml with [tool.index-audit]) and its
 * parsed content, not yet validated; null when there is none.
 */
export function findConfig(cwd: string): { path: string; raw: unknown } | null {
  for (let dir = cwd; ; dir = dirname(dir)) {
    for (const name of CONFIG_FILES) {
      const path = join(dir, name);
      if (!isFile(path)) continue;
      const raw = readConfigFile(path, displayPath(cwd, path));
      if (raw === null) continue; // a pyproject.toml without [tool.index-audit]
      return { path, raw };
    }
    if (dirname(dir) === dir) return null;
  }
}

/** The parsed configuration, or null for a pyproject.toml that has none. */
function readConfigFile(path: string, shown: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new ConfigError(`cannot read ${shown}: ${code === "EACCES" ? "permission denied" : code === "EISDIR" ? "it is a directory" : code}`);
  }
  if (basename(path) === "pyproject.toml") {
    let doc: Record<string, unknown>;
    try {
      doc = parseToml(text) as Record<string, unknown>;
    } catch (e) {
      const { line, column } = e as { line?: number; column?: number };
      const at = typeof line === "number" ? `:${line}${typeof column === "number" ? `:${column}` : ""}` : "";
      throw new ConfigError(`${shown}${at}: not valid TOML: ${firstLine(e).replace(/^Invalid TOML document: /, "")}`);
    }
    const tool = doc.tool as Record<string, unknown> | undefined;
    const section = tool?.["index-audit"];
    if (section === undefined) return null;
    return section;
  }
  const json = text.replace(/^\uFEFF/, "");
  try {
    return JSON.parse(json) as unknown;
  } catch (e) {
    const { at, message } = jsonErrorAt(json, firstLine(e));
    throw new ConfigError(`${shown}${at}: not valid JSON: ${message}`);
  }
}

/**
 * Where JSON.parse stopped, as 1-based line and column (in characters), and
 * its message without the offset: V8 names a position ("… in JSON at
 * position 18"), says the text ended early, or (for some bad tokens) names no
 * place at all. Control characters in the message are escaped.
 */
function jsonErrorAt(text: string, raw: string): { at: string; message: string } {
  const match = /\s+in JSON at position (\d+)(?: \(line \d+ column \d+\))?/.exec(raw);
  // eslint-disable-next-line no-control-regex -- control characters are what it escapes
  const printable = (m: string): string => m.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  const offset = match ? Math.min(Number(match[1]), text.length) : raw.startsWith("Unexpected end of JSON input") ? text.length : null;
  const message = printable(match ? raw.slice(0, match.index) + raw.slice(match.index + match[0].length) : raw);
  if (offset === null) return { at: "", message };
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  const column = [...before.slice(before.lastIndexOf("\n") + 1)].length + 1;
  return { at: `:${line}:${column}`, message };
}

function firstLine(e: unknown): string {
  return (e instanceof Error ? e.message : String(e)).split("\n")[0]!.trim();
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}
