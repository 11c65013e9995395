import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { DATABASE_FILE } from "../db/where.js";
import { InputError } from "../errors.js";
import type { CheckReport } from "../format/check/index.js";
import { displayPath, isNormalRelative } from "../paths/display.js";
import { writeFileAtomic } from "../disk/write.js";

/** Formats people read where they stand; the machine formats keep project (or repository) paths. */
const HUMAN_FORMATS = new Set(["stylish", "compact"]);

/** The report as the format shows it: stylish and compact name files relative to the user's working directory. */
export function reportAsShown(report: CheckReport, format: string, userCwd: string, projectRoot: string): CheckReport {
  if (!HUMAN_FORMATS.has(format)) return report;
  // Where the user stands at or above the project root, a normal relative path is shown under the root's own
  // display path: path.resolve and path.relative, run cold, cost ~10 ms for the 300 files of an Alembic project.
  const base = displayPath(userCwd, projectRoot);
  const under = base === "." ? "" : isNormalRelative(base) ? `${base}/` : null;
  // `database` (an index only the live database has) names no file: it stays as it is.
  const shown = (file: string): string => (file === DATABASE_FILE ? file : under !== null && isNormalRelative(file) ? under + file : displayPath(userCwd, resolve(projectRoot, file)));
  // Once per file, not per finding: resolving and relating two paths cost ~10 ms for the 10k-line bench's 1,900 findings in 2 files.
  const paths = new Map<string, string>();
  const once = (file: string): string => {
    let path = paths.get(file);
    if (path === undefined) paths.set(file, (path = shown(file)));
    return path;
  };
  return { ...report, diagnostics: report.diagnostics.map((d) => ({ ...d, file: once(d.file) })) };
}

/** An output file (`--output-file`), its directory created first (as `report --output` does). */
export function writeOutputFile(path: string, text: string, shown: string): void {
  try {
    mkdirSync(dirname(path), { recursive: true });
  } catch (e) {
    throw new InputError(`cannot create the directory of ${shown}: ${(e as NodeJS.ErrnoException).code ?? "error"}`);
  }
  writeFileAtomic(path, text, shown);
}

/**
 * The exit code of `check` and `db`: 1 on errors, or on more warnings than
 * --max-warnings allows (negative: no limit). Passing the limit without errors
 * is said on stylish output to the terminal (as ESLint does); other formats carry the counts.
 */
export function findingsExitCode(errors: number, warnings: number, maxWarnings: number, sayLimit: boolean, stdout: (text: string) => void): 0 | 1 {
  const tooManyWarnings = maxWarnings >= 0 && warnings > maxWarnings;
  if (tooManyWarnings && errors === 0 && sayLimit) stdout(`index-audit found too many warnings (maximum: ${maxWarnings}).\n`);
  return errors > 0 || tooManyWarnings ? 1 : 0;
}
