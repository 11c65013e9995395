import type { SourceFileInput } from "../sources/types.js";

/**
 * Where a source's files come from: the work tree (disk/tree.ts), or git
 * (`--base`, `--staged`). Paths are relative to the project root, `/`-separated.
 */
export interface FileTree {
  /** Names of the files directly in `dir` ("" is the root), sorted; null when it is not a directory. */
  list(dir: string): string[] | null;
  /** Names of the directories directly in `dir`, sorted. */
  dirs(dir: string): string[];
  isFile(path: string): boolean;
  read(path: string, what: string): SourceFileInput;
  /** Files matching the patterns, sorted; a pattern that matches nothing is an error. */
  glob(patterns: readonly string[], what: string): string[];
}
