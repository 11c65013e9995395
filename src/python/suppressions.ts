import { lineText, type SourceText } from "../source/text.js";
import type { Suppression } from "../model/types.js";

/**
 * `# index-audit: ignore[a, b]` / `ignore-file[a]`, also as a SQL `--` comment
 * inside a triple-quoted statement. Linear: one optional bracket group of
 * non-`]` characters, no nested quantifiers.
 */
const DIRECTIVE = /(?:#|--)\s*index-audit:\s*(ignore-file|ignore)(?![\w-])(?:\s*\[([^\]\n]*)\])?/g;

/** Every suppression comment in the file, in line order. */
export function readSuppressions(source: SourceText): Suppression[] {
  const out: Suppression[] = [];
  if (!source.text.includes("index-audit:")) return out;
  for (let line = 1; line <= source.lineStarts.length; line++) {
    const text = lineText(source, line);
    if (!text.includes("index-audit:")) continue;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
      const rules = (m[2] ?? "")
        .split(",")
        .map((r) => r.trim())
        .filter((r) => r.length > 0);
      const before = text.slice(0, m.index);
      out.push({ kind: m[1] as Suppression["kind"], rules, line, column: [...before].length + 1, ownLine: /^\s*(--\s*)?$/.test(before) });
    }
  }
  return out;
}
