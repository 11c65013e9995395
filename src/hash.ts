import { createRequire } from "node:module";
import type { createHash as CreateHash, Hash } from "node:crypto";

let crypto: { createHash: typeof CreateHash } | undefined;

/**
 * `crypto.createHash`, with node:crypto loaded on the first call rather than
 * when the importing module loads: it costs about 7 ms, and a plain check
 * (module, Alembic, SQL) hashes nothing. Kept once loaded: a require per call
 * would cost a few microseconds on each of a project's thousands of names.
 */
export function createHash(algorithm: "md5" | "sha256"): Hash {
  crypto ??= createRequire(import.meta.url)("node:crypto") as { createHash: typeof CreateHash };
  return crypto.createHash(algorithm);
}
