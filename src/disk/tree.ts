import { readdirSync } from "node:fs";
import { join } from "node:path";
import { displayPath, isNormalRelative } from "../paths/display.js";
import type { FileTree } from "../project/file-tree.js";
import { expandGlobs, isFile, readPythonFile } from "./files.js";

/** The work tree under `root` as a FileTree: what source discovery sees of the disk. */
export function diskTree(root: string): FileTree {
  const entries = (dir: string) => {
    try {
      return readdirSync(join(root, dir), { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    } catch {
      return null;
    }
  };
  return {
    list: (dir) => entries(dir)?.filter((e) => e.isFile() || (e.isSymbolicLink() && isFile(join(root, dir, e.name)))).map((e) => e.name) ?? null,
    dirs: (dir) => entries(dir)?.filter((e) => e.isDirectory()).map((e) => e.name) ?? [],
    isFile: (path) => isFile(join(root, path)),
    // A path already relative and normal is its own display path (path.relative for each of hundreds of revisions adds up).
    read: (path, what) => (isNormalRelative(path) ? readPythonFile(root, join(root, path), what, path) : readPythonFile(root, join(root, path), what)),
    glob: (patterns, what) => expandGlobs(root, patterns, what).map((abs) => displayPath(root, abs)),
  };
}
