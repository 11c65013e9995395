/** Glob patterns over `/`-separated paths (and table names), matched by picomatch. */
import { createRequire } from "node:module";
import type picomatchType from "picomatch";
import { UsageError } from "../errors.js";

type Picomatch = typeof picomatchType;
let picomatch: Picomatch | null = null;
/** Loaded on the first pattern with a wildcard: the pre-commit no-op path matches plain paths only and loads no package. */
function matcher(): Picomatch {
  return (picomatch ??= createRequire(import.meta.url)("picomatch") as Picomatch);
}

/**
 * `*`, `?`, `**`, `[ab]`, `[!ab]` and `{a,b}`; a backslash escapes the next
 * character. `*` and `?` do not match a leading dot (`.hidden.py`, `.venv/`):
 * name a dotfile explicitly. `!` at the start and extglobs (`+(a|b)`) are
 * plain characters, as they are in the paths people write; paths are always
 * `/`-separated, on every platform.
 */
const OPTIONS: picomatchType.PicomatchOptions = { dot: false, posix: true, nonegate: true, noextglob: true, windows: false };

export function hasGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/** The pattern as an anchored regular expression. An invalid pattern (`[z-a]`) is a UsageError. */
export function globToRegExp(pattern: string): RegExp {
  try {
    // debug: picomatch rethrows the RegExp error instead of returning a regex that matches nothing.
    return matcher().makeRe(literalGroups(pattern), { ...OPTIONS, debug: true });
  } catch (e) {
    // `[z-a]` is a range out of order: the user's pattern, not an internal error.
    throw new UsageError(`invalid glob pattern '${pattern}': ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/: /, "")}`);
  }
}

/**
 * picomatch hands `(`, `)` and `|` to the regular expression as a group; in a
 * path they are characters (`0001_init (copy).py`), so they are escaped
 * (an escaped character is left as it is).
 */
function literalGroups(pattern: string): string {
  return pattern.replace(/\\[\s\S]|[()|]/g, (m) => (m.length === 2 ? m : `\\${m}`));
}
