import { chmodSync, closeSync, fsyncSync, openSync, renameSync, statSync, unlinkSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../errors.js";

/**
 * Writes `text` to `path` through a temporary file in the same directory and
 * a rename, so a reader sees the old bytes or the new ones, never half a file.
 * An existing file keeps its mode. On any failure the original is untouched.
 */
export function writeFileAtomic(path: string, text: string, shown: string): void {
  let mode: number | null;
  try {
    mode = statSync(path).mode & 0o7777;
  } catch {
    mode = null;
  }
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, "wx", mode ?? 0o644);
    writeSync(fd, text);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    if (mode !== null) chmodSync(temp, mode);
    renameSync(temp, path);
  } catch (e) {
    if (fd !== null) closeSync(fd);
    try {
      unlinkSync(temp);
    } catch {
      // The temporary file was never created.
    }
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot write ${shown}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "directory does not exist" : code}`);
  }
}
