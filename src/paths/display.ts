import { relative, sep } from "node:path";

/** Paths shown to users: relative to the working directory, with `/`. */
export function displayPath(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return (rel === "" ? "." : rel).split(sep).join("/");
}
