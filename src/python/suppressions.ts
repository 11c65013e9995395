import { countCodePoints, lineText, type SourceText } from "../source/text.js";
import type { DirectiveSites } from "./directives.js";

/** A comment that switches rules off: `# index-audit: ignore[rule, …]` or `ignore-file[rule, …]`. */
export interface Suppression {
  kind: "ignore" | "ignore-file";
  /** Rule ids named; empty when the comment names none (every rule). */
  rules: string[];
  line: number;
  column: number;
  /** Alone on its line (then it also covers the line below), not trailing code. */
  ownLine: boolean;
}

/**
 * `# index-audit: ignore` / `ignore-file`, also as a SQL `--` comment inside a
 * triple-quoted statement; the `[a, b]` list after it is read by hand (below).
 * Linear: no nested quantifiers, and each `\s*` run follows a fixed token, so
 * no character is tried from more than a bounded number of starts. (An
 * optional `\[[^\]]*\]` group in the pattern would rescan to the end of the
 * line at every directive of a line with many `ignore[` and no `]`.)
 */
const DIRECTIVE = /(?:#|--)\s*index-audit:\s*(ignore-file|ignore)(?![\w-])/g;

/** Every suppression comment in the file, in line order: only where a directive may stand (see DirectiveSites). */
export function readSuppressions(source: SourceText, sites: DirectiveSites): Suppression[] {
  const out: Suppression[] = [];
  if (!source.text.includes("index-audit:")) return out;
  for (let line = 1; line <= source.lineStarts.length; line++) {
    const text = lineText(source, line);
    if (!text.includes("index-audit:")) continue;
    const lastClose = text.lastIndexOf("]");
    let column = 1;
    let counted = 0;
    DIRECTIVE.lastIndex = 0;
    for (let m = DIRECTIVE.exec(text); m; m = DIRECTIVE.exec(text)) {
      let rules: string[] = [];
      let open = DIRECTIVE.lastIndex;
      while (open < text.length && /\s/.test(text[open]!)) open++;
      if (text[open] === "[" && open < lastClose) {
        const close = text.indexOf("]", open);
        rules = text
          .slice(open + 1, close)
          .split(",")
          .map((r) => r.trim())
          .filter((r) => r.length > 0);
        // The next directive is looked for after the list: every character is scanned once.
        DIRECTIVE.lastIndex = close + 1;
      }
      if (!sites.accepts(m[0].startsWith("#") ? "#" : "--", source.lineStarts[line - 1]! + m.index)) continue;
      column += countCodePoints(text, counted, m.index);
      counted = m.index;
      // Only the first directive of a line can have nothing (or only `--`) before it.
      const ownLine = out.length === 0 || out[out.length - 1]!.line !== line ? /^\s*(--\s*)?$/.test(text.slice(0, m.index)) : false;
      out.push({ kind: m[1] as Suppression["kind"], rules, line, column, ownLine });
    }
  }
  return out;
}
