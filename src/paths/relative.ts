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
