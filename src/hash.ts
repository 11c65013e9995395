import { createRequire } from "node:module";
import type { createHash as CreateHash, Hash } from "node:crypto";

/**
 * `crypto.createHash`, with node:crypto loaded on the first call rather than
 * when the importing module loads: it costs about 7 ms, and a plain check
 * (module, Alembic, SQL) hashes nothing.
 */
export function createHash(algorithm: "md5" | "sha256"): Hash {
  return (createRequire(import.meta.url)("node:crypto") as { createHash: typeof CreateHash }).createHash(algorithm);
}
