import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";

/** Where the build leaves V8's code cache for a bundle. */
export function codeCachePath(file: string): string {
  return `${file}.v8cache`;
}

/** A CommonJS file loaded as `require` would, and the script it was compiled as. */
export interface LoadedScript {
  exports: unknown;
  script: Script;
  /** Whether V8 took the code cache: false when there was none, or it was made for another source, V8 or flags. */
  cacheUsed: boolean;
}

/**
 * Loads a CommonJS bundle with the code cache the build made for it
 * (scripts/code-cache.mjs), so V8 does not compile again what it compiled
 * then: the bundle's top level and every function a `check` ran. V8 checks
 * the cache against its own version, its flags and the source's length (not
 * its content: scripts/bundle.mjs deletes the cache whenever it writes the
 * bundle), and compiles anew when any differs, so a missing or refused cache
 * costs only its read.
 */
export function loadWithCodeCache(file: string): LoadedScript {
  const source = readFileSync(file, "utf8");
  let cachedData: Buffer | undefined;
  try {
    cachedData = readFileSync(codeCachePath(file));
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(source), {
    filename: file,
    // No import() is served in such a script: the bundle loads ES-module packages through src/esm/packages.cts.
    ...(cachedData ? { cachedData } : {}),
  });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  const module = { exports: {} as unknown };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}
