/** Glob patterns over `/`-separated paths (and table names), as regular expressions. */
import { UsageError } from "../errors.js";

export function hasGlob(pattern: string): boolean {
  return /[*?[{]/.test(pattern);
}

/**
 * `*`, `?`, `**`, `[abc]` and `{a,b}` to a regular expression over `/`-paths.
 * The result is anchored; its only nested quantifier (a group repeating
 * "non-slashes, then a slash", for a double star and a slash) is unambiguous,
 * as each turn ends at a slash its inner part cannot match, so a match costs
 * at most a small power of the path's segment count, and paths are short.
 * An invalid pattern (`[z-a]`) is a UsageError.
 */
export function globToRegExp(pattern: string): RegExp {
  let re = "";
  let braces = 0;
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === "*") {
      if (pattern[i + 1] === "*") {
        const slash = pattern[i + 2] === "/";
        re += slash ? "(?:[^/]*/)*" : ".*";
        i += slash ? 2 : 1;
      } else re += "[^/]*";
    } else if (c === "?") re += "[^/]";
    else if (c === "[") {
      const close = pattern.indexOf("]", i + 1);
      if (close < 0) re += "\\[";
      else {
        const body = pattern.slice(i + 1, close).replace(/\\/g, "\\\\");
        re += "[" + (body.startsWith("!") ? "^" + body.slice(1) : body) + "]";
        i = close;
      }
    } else if (c === "{") {
      braces++;
      re += "(?:";
    } else if (c === "}" && braces > 0) {
      braces--;
      re += ")";
    } else if (c === "," && braces > 0) re += "|";
    else re += c.replace(/[.+^$()|\\]/g, "\\$&");
  }
  try {
    return new RegExp("^" + re + ")".repeat(braces) + "$");
  } catch (e) {
    // `[z-a]` is a range out of order: the user's pattern, not an internal error.
    throw new UsageError(`invalid glob pattern '${pattern}': ${(e as Error).message.replace(/^Invalid regular expression: \/.*\/: /, "")}`);
  }
}
