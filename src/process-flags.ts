import { setFlagsFromString } from "node:v8";

/**
 * V8 flags of the command-line process, set before anything loads. Process
 * flags, so the CLI sets them and never the library; the build sets the same
 * before it makes the code cache (scripts/code-cache.mjs), since V8 takes a
 * cache only under the flags it was made with.
 */
export function setProcessFlags(): void {
  // Compile WebAssembly (libpg-query) with Liftoff only, never tiering up to TurboFan: measured on the
  // 10k-line bench (2 cores), loading fell from ~240 to ~190 ms and parsing from ~550 to ~290 ms, since
  // the optimizing compiler's background work competes with the parse for the CPU. A process flag, so it
  // is set here, before run() can start loading the parser, and never by the library.
  setFlagsFromString("--liftoff-only");
  // Keep the young generation at its initial size instead of doubling it (up to 16 MiB a semi-space)
  // whenever enough objects survived: the synthetic 10k-line bench peaked ~28 MiB lower, same CPU time,
  // since what survives a scavenge here lives for the whole run anyway. Read at each resize, so it
  // takes effect when set after start (the semi-space maximum does not).
  setFlagsFromString("--semi-space-growth-factor=1");
}
