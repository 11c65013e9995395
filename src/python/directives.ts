import type { CommentRun } from "./indentation-scan.js";
import type { ModuleInfo } from "./scope.js";
import { firstAtOrAfter, insideAny } from "./sorted.js";

/**
 * Where an `index-audit:` directive may stand: a `#` directive only in a
 * Python comment; a `--` directive in a Python comment or inside a string
 * (a SQL comment in a triple-quoted statement). A string that merely holds
 * `# index-audit: ignore-file[…]` is data and silences nothing.
 */
export interface DirectiveSites {
  accepts(marker: "#" | "--", index: number): boolean;
}

/**
 * Read when asked, from the tree: most files hold no directive, and each position read is a call
 * into tree-sitter. Only the tree and the text are held, not the module's analysis (its calls,
 * scopes and their nodes), which the inventory does not keep. `commentRuns`: the comment lines a
 * lean parse left out of the tree (required, so a caller with a lean tree cannot forget them).
 */
export function directiveSites(info: ModuleInfo, commentRuns: readonly CommentRun[]): DirectiveSites {
  const { root, source } = info;
  let newlines: number[] | null = null;
  // A node of one of `types` over `index`. tree-sitter's rows end at "\n" only; it lists the nodes
  // that overlap the row (a triple-quoted string begun rows above too), so only that row's are asked for.
  const inside = (types: string | string[], index: number): boolean => {
    newlines ??= newlineIndices(source);
    const row = firstAtOrAfter(newlines, index);
    return root.descendantsOfType(types, { row, column: 0 }, { row: row + 1, column: 0 }).some((c) => c.startIndex <= index && index < c.endIndex);
  };
  return {
    // Any string over it: the strings within an implicit concatenation or an f-string lie within the outer one.
    // A run of comment lines left out of the tree holds nothing but comments.
    accepts: (marker, index) => insideAny(commentRuns, index) || inside("comment", index) || (marker === "--" && inside(STRING_TYPES, index)),
  };
}

const STRING_TYPES = ["string", "concatenated_string"];


function newlineIndices(source: string): number[] {
  const out: number[] = [];
  for (let i = source.indexOf("\n"); i >= 0; i = source.indexOf("\n", i + 1)) out.push(i);
  return out;
}

