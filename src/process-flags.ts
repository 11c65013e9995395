import { getHeapStatistics, setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

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
  // Lets collectLargeHeap reach V8's full collection. Only contexts made after this get `gc`, and the
  // CLI makes one only when it collects: the main context has no `gc` global.
  setFlagsFromString("--expose-gc");
}

/**
 * Heap used above which collectLargeHeap collects. Measured where the CLI
 * calls it (the analysis done, before the rules): real-size module 11 MiB,
 * Alembic 300 revisions 17, synthetic 10k 28, Django 500 migrations 59.
 */
const LARGE_HEAP_BYTES = 24 * 1024 * 1024;

/**
 * A full garbage collection when the heap has grown large: the process's
 * Io.releaseMemory (src/bin.ts), which check and report run between the
 * analysis and the rules. Most of what the analysis made is
 * garbage by then but has outlived the young generation (kept small above),
 * so the old generation grows until V8 collects it on its own, late: on the
 * synthetic 10k bench, collecting here lowered peak RSS from ~123 to ~114
 * MiB at the same wall time, on Django 500 from ~166 to ~154 MiB for ~20 ms.
 * A smaller heap is left alone, where a collection would cost more than it
 * saves. Needs setProcessFlags first; otherwise does nothing.
 */
export function collectLargeHeap(): void {
  if (getHeapStatistics().used_heap_size < LARGE_HEAP_BYTES) return;
  const gc: unknown = runInNewContext("typeof gc === 'function' ? gc : null");
  if (typeof gc === "function") (gc as () => void)();
}
