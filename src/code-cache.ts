import { readFileSync } from "node:fs";
import Module, { createRequire } from "node:module";
import { dirname } from "node:path";
import { Script } from "node:vm";
import { crc32 } from "node:zlib";

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

const FINGERPRINT_BYTES = 4;

/**
 * The bundle's fingerprint, which starts the cache file: its CRC-32. It only
 * has to tell this bundle from an edited copy of the same length, and unlike
 * a SHA-256 it needs no `node:crypto`, whose load cost a cold run about 3 ms.
 */
function fingerprint(bytes: Buffer): Buffer {
  const out = Buffer.alloc(FINGERPRINT_BYTES);
  out.writeUInt32BE(crc32(bytes));
  return out;
}

/** The cache file's bytes for a bundle: its fingerprint, then V8's data. */
export function codeCacheFile(bundle: Buffer, data: Buffer): Buffer {
  return Buffer.concat([fingerprint(bundle), data]);
}

/**
 * Loads a CommonJS bundle with the code cache the build made for it
 * (scripts/code-cache.mjs), so V8 does not compile again what it compiled
 * then: the bundle's top level and every function a `check` ran. V8 checks a
 * cache against its own version, its flags and the source's length only, not
 * its content, so the file starts with the bundle's CRC-32 (under a
 * millisecond): a cache made for other bytes is never offered. Missing,
 * stale or refused, it costs only its read.
 */
export function loadWithCodeCache(file: string): LoadedScript {
  const bytes = readFileSync(file);
  let cachedData: Buffer | undefined;
  try {
    const cache = readFileSync(codeCachePath(file));
    if (cache.length > FINGERPRINT_BYTES && cache.subarray(0, FINGERPRINT_BYTES).equals(fingerprint(bytes))) cachedData = cache.subarray(FINGERPRINT_BYTES);
  } catch {
    cachedData = undefined;
  }
  const script = new Script(Module.wrap(bytes.toString("utf8")), {
    filename: file,
    // No import() is served in such a script: the bundle loads ES-module packages through src/esm/packages.cts.
    ...(cachedData ? { cachedData } : {}),
  });
  const wrapper = script.runInThisContext() as (exports: unknown, require: NodeJS.Require, module: { exports: unknown }, filename: string, dirname: string) => void;
  const module = { exports: {} as unknown };
  wrapper.call(module.exports, module.exports, createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, cacheUsed: cachedData !== undefined && !script.cachedDataRejected };
}
