import { isAbsolute, relative, sep } from "node:path";

/**
 * A path as shown to the person who ran the command: relative to where they
 * stand when it is there or below, else absolute (`/dev/null`, not
 * `../../../dev/null`).
 */
export function shownPath(userCwd: string, absolute: string): string {
  const rel = relative(userCwd, absolute);
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return absolute.split(sep).join("/");
  return rel.split(sep).join("/");
}
