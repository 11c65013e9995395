/**
 * The packages that are ES modules only, imported from this CommonJS file:
 * the CLI bundle runs as a vm script with a code cache (src/code-cache.ts),
 * and Node serves no import() from such a script; this file is loaded by
 * `require` and stays outside the bundles (scripts/bundle.mjs).
 */
import type { ChalkModule, YargsModule } from "./types.js";

function importChalk(): Promise<ChalkModule> {
  return import("chalk");
}

function importYargs(): Promise<YargsModule> {
  return import("yargs");
}

export = { importChalk, importYargs };
