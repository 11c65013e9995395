/** Project-relative paths, `/`-separated, as the file tree and the sources hold them. */

/** The directory part: `a/b/c.sql` → `a/b`; a bare name's is `""`. */
export function parentOf(path: string): string {
  const i = path.lastIndexOf("/");
  return i < 0 ? "" : path.slice(0, i);
}

/** `dir/name`; the project root (`""` or `.`) adds nothing. */
export function joinPath(dir: string, name: string): string {
  return dir === "" || dir === "." ? name : `${dir.replace(/\/$/, "")}/${name}`;
}

/** The last part: `a/b/c.sql` → `c.sql`. */
export function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

/**
 * `rel` taken from `dir`, with `.` and `..` worked out: `backend` + `../db` →
 * `db`; null when it leaves the project root.
 */
export function resolvePath(dir: string, rel: string): string | null {
  const out: string[] = [];
  for (const part of joinPath(dir, rel).split("/")) {
    if (part === "" || part === ".") continue;
    if (part !== "..") out.push(part);
    else if (out.pop() === undefined) return null;
  }
  return out.join("/");
}
