import type { Diagnostic } from "../../engine/rule.js";
import type { CheckReport, FormatContext } from "./types.js";
import { countCodePoints } from "../../source/text.js";

/**
 * Grouped by file, one aligned row per diagnostic, and a summary line. Help
 * text is left to `explain` and the machine formats, to keep a long list
 * readable. Prints nothing when there is nothing to say (quiet in hooks).
 */
export function formatStylish(report: CheckReport, { chalk }: FormatContext): string {
  const { diagnostics, summary } = report;
  let out = "";
  const byFile = new Map<string, Diagnostic[]>();
  // Appending in place: copying the list per diagnostic was quadratic (seconds at 100k lines).
  for (const d of diagnostics) {
    const list = byFile.get(d.file);
    if (list) list.push(d);
    else byFile.set(d.file, [d]);
  }
  for (const [file, list] of byFile) {
    out += `${chalk.underline(file)}\n`;
    const positions = list.map((d) => `${d.line}:${d.column}`);
    // A loop, not Math.max(...xs): spreading a very long list overflows the call stack.
    const posWidth = positions.reduce((w, p) => Math.max(w, p.length), -Infinity);
    const messageWidth = Math.min(MESSAGE_WIDTH, list.reduce((w, d) => Math.max(w, codePoints(d.message)), -Infinity));
    // Continuation lines of a long message start under its first line.
    const indent = " ".repeat(2 + posWidth + 2 + 7 + 2);
    list.forEach((d, k) => {
      const severity = d.severity === "error" ? chalk.red("error  ") : chalk.yellow("warning");
      const [first = "", ...rest] = wrap(d.message, messageWidth);
      const message = first + " ".repeat(Math.max(0, messageWidth - codePoints(first)));
      out += `  ${chalk.dim(positions[k]!.padEnd(posWidth))}  ${severity}  ${message}  ${chalk.dim(d.rule)}\n`;
      for (const line of rest) out += `${indent}${line}\n`;
    });
    out += "\n";
  }
  const problems = summary.errors + summary.warnings;
  const notes: string[] = [];
  if (summary.suppressed) notes.push(`${summary.suppressed} suppressed`);
  if (summary.baselined) notes.push(`${summary.baselined} in the baseline`);
  const tail = notes.length ? ` (${notes.join(", ")})` : "";
  if (problems === 0) return summary.baselined ? `${chalk.green("✔ no new problems")}${tail}\n` : "";
  const line = `✖ ${plural(problems, "problem")} (${plural(summary.errors, "error")}, ${plural(summary.warnings, "warning")})${tail}`;
  out += `${summary.errors ? chalk.red.bold(line) : chalk.yellow.bold(line)}\n`;
  if (summary.fixable) out += `  ${summary.fixable} fixable with \`index-audit check --fix\` (\`--fix-dry-run\` shows the change first)\n`;
  if (report.base) out += `  compared with ${report.base}\n`;
  return out;
}

/** Messages wrap past this many characters, so the rule column stays aligned. */
const MESSAGE_WIDTH = 100;

/** Splits `text` at spaces into lines of at most `width` characters (a longer word keeps its own line). */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  // The line's length in characters, kept as it grows (counting it again per word was quadratic in garbage).
  let length = 0;
  for (const word of text.split(" ")) {
    const n = codePoints(word);
    if (line !== "" && length + 1 + n > width) {
      lines.push(line);
      line = word;
      length = n;
    } else if (line === "") {
      line = word;
      length = n;
    } else {
      line = `${line} ${word}`;
      length += 1 + n;
    }
  }
  lines.push(line);
  return lines;
}

/** Characters in `s`, as `[...s].length` counts them (a surrogate pair is one), without building the array. */
function codePoints(s: string): number {
  return countCodePoints(s, 0, s.length);
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
