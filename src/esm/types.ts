/** The module types of the ES-module-only packages src/esm/packages.cts imports (a CommonJS file names them through here). */
export type ChalkModule = typeof import("chalk");
export type YargsModule = typeof import("yargs");
