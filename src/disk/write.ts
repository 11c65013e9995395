import { chmodSync, closeSync, fsyncSync, openSync, realpathSync, renameSync, statSync, unlinkSync, writeFileSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { InputError } from "../errors.js";

/**
 * The one way files are written: `text` goes to a temporary file in the same
 * directory, is flushed, and is renamed over `path`, so a reader sees the old
 * bytes or the new ones, never half a file. An existing file keeps its mode;
 * a symbolic link keeps pointing where it did (its target is replaced); a
 * device or pipe is written to in place.
 * On any failure the original is untouched, the temporary file is removed and
 * the file system's error is thrown (callers decide what it means to the user).
 *
 * `durable: false` skips the flush to disk (an fsync, several ms a file): for
 * cache files only, which a system crash may leave empty or cut short, and
 * whose readers take anything unreadable for a miss.
 */
export function replaceFile(given: string, text: string | Uint8Array, { durable = true }: { durable?: boolean } = {}): void {
  let mode: number | null;
  let path = given;
  try {
    const stats = statSync(given);
    // A device or a pipe (`-o /dev/null`, `-o /dev/stdout`, a FIFO) is written to, never replaced: a rename would put a
    // plain file in its place, for every program on the machine when run as root.
    if (!stats.isFile() && !stats.isDirectory()) {
      writeFileSync(given, text);
      return;
    }
    // Through a symbolic link, the file it points to is replaced, and the link kept.
    path = realpathSync(given);
    mode = stats.mode & 0o7777;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "ENOENT") throw e;
    mode = null;
  }
  // The process id keeps concurrent writers apart, the random part a file left by a crashed one (not node:crypto: a plain check does not load it).
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Math.random().toString(16).slice(2, 14)}.tmp`);
  let fd: number | null = null;
  try {
    fd = openSync(temp, "wx", mode ?? 0o644);
    writeSync(fd, typeof text === "string" ? Buffer.from(text) : text);
    if (durable) fsyncSync(fd);
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
    throw e;
  }
}

/** `replaceFile` for a file the user asked for: a failure is one InputError line naming it as `shown`. */
export function writeFileAtomic(path: string, text: string, shown: string): void {
  try {
    replaceFile(path, text);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code ?? "error";
    throw new InputError(`cannot write ${shown}: ${code === "EACCES" || code === "EPERM" ? "permission denied" : code === "ENOENT" ? "directory does not exist" : code}`);
  }
}
