import { test } from "node:test";
import assert from "node:assert/strict";
import { chmodSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { replaceFile, writeFileAtomic } from "../src/disk/write.js";
import { InputError } from "../src/errors.js";

function tempDir(t: { after(fn: () => void): void }): string {
  const dir = mkdtempSync(join(tmpdir(), "index-audit-write-"));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

test("replaceFile writes a new file, replaces an old one and keeps its mode, leaving no temporary file", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "hook");
  replaceFile(path, "one\n");
  assert.equal(readFileSync(path, "utf8"), "one\n");
  assert.equal(statSync(path).mode & 0o777, 0o644);
  chmodSync(path, 0o755);
  replaceFile(path, "two\n");
  assert.equal(readFileSync(path, "utf8"), "two\n");
  assert.equal(statSync(path).mode & 0o777, 0o755);
  assert.deepEqual(readdirSync(dir), ["hook"]);
});

test("replaceFile without the flush to disk (cache files) writes and replaces the same way", (t) => {
  const dir = tempDir(t);
  const path = join(dir, "result.json");
  replaceFile(path, "{}", { durable: false });
  replaceFile(path, Buffer.from("[1]\n"), { durable: false });
  assert.equal(readFileSync(path, "utf8"), "[1]\n");
  assert.equal(statSync(path).mode & 0o777, 0o644);
  assert.deepEqual(readdirSync(dir), ["result.json"]);
});

test("replaceFile throws the file system's error and leaves the original and no temporary file", (t) => {
  const dir = tempDir(t);
  assert.throws(() => replaceFile(join(dir, "missing", "f"), "x"), (e: unknown) => (e as NodeJS.ErrnoException).code === "ENOENT");
  // A directory in the file's place: the rename fails after the temporary file was written beside it.
  mkdirSync(join(dir, "taken"));
  writeFileSync(join(dir, "other"), "kept");
  assert.throws(() => replaceFile(join(dir, "taken"), "x"), (e: unknown) => (e as NodeJS.ErrnoException).code === "EISDIR");
  assert.deepEqual(readdirSync(dir).sort(), ["other", "taken"]);
  assert.equal(readFileSync(join(dir, "other"), "utf8"), "kept");
  assert.equal(statSync(join(dir, "taken")).isDirectory(), true);
});

test("writeFileAtomic says which file it could not write, in one line", (t) => {
  const dir = tempDir(t);
  assert.throws(() => writeFileAtomic(join(dir, "missing", "report.md"), "x", "missing/report.md"), (e: unknown) => e instanceof InputError && e.message === "cannot write missing/report.md: directory does not exist");
});

test("replaceFile writes through a symbolic link (the link stays) and into a device in place (never a plain file in /dev/null's place)", (t) => {
  const dir = tempDir(t);
  writeFileSync(join(dir, "real.md"), "old");
  symlinkSync("real.md", join(dir, "link.md"));
  replaceFile(join(dir, "link.md"), "new");
  assert.equal(lstatSync(join(dir, "link.md")).isSymbolicLink(), true);
  assert.equal(readFileSync(join(dir, "real.md"), "utf8"), "new");
  assert.deepEqual(readdirSync(dir).sort(), ["link.md", "real.md"]);
  replaceFile("/dev/null", "discarded");
  assert.equal(statSync("/dev/null").isCharacterDevice(), true);
});
