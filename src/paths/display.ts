import { relative, sep } from "node:path";

/** Paths shown to users: relative to the working directory, with `/`. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === "" ? "." : rel).split(sep).join("/");
}

/** Segments of `/`-separated names, none empty, `.` or `..`, and no backslash or drive colon: join and relative give it back as written. */
const NORMAL_RELATIVE = /^(?!\.\.?(?:\/|$))(?:[^/\\:]+\/(?!\.\.?(?:\/|$)))*[^/\\:]+$/;

/** Whether `path` is relative and normal (NORMAL_RELATIVE): resolving and relating it again gives it back as written. */
export function isNormalRelative(path: string): boolean {
  return NORMAL_RELATIVE.test(path);
}
