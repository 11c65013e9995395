import { parseArgs } from "node:util";
import type { CheckArgs } from "../commands/check.js";
import { FORMAT_NAMES } from "../format/check/index.js";
import { COMMAND_NAMES } from "../commands/names.js";

/**
 * The hot path's parser: `check` (spelled out or not) with the options a hook
 * or CI passes, read with node:util's parseArgs (about 2 ms) instead of
 * loading yargs (56-89 ms). It answers only when it is sure yargs would read
 * the same arguments; for anything else (--help, --version, another command,
 * an unknown or repeated option, a value yargs would convert or reject,
 * short options run together, array options) it returns null and yargs
 * parses, with its own messages. test/fast-args.test.ts holds the two
 * parsers to the same result on a table of command lines.
 */
export function fastCheckArgs(argv: readonly string[]): CheckArgs | null {
  const dash = argv.indexOf("--");
  const before = dash === -1 ? [...argv] : argv.slice(0, dash);
  const after = dash === -1 ? [] : argv.slice(dash + 1);
  const spelled = before[0] === "check";
  const words = spelled ? before.slice(1) : before;
  // Short options run together (-qf json, -fjson) and a lone "-" are yargs' to read.
  if (words.some((w) => /^-[^-]./.test(w) || w === "-")) return null;
  const parsed = parseStrictly(words);
  if (parsed === null) return null;
  const { values, positionals, tokens } = parsed;
  const names = tokens.flatMap((t) => (t.kind === "option" ? [t.name] : []));
  if (new Set(names).size !== names.length || (values.color === true && values["no-color"] === true)) return null;
  // yargs reads a command name as the command, `true`/`false` after a flag as its value, and numbers as numbers.
  if (positionals.some((p) => COMMAND_NAMES.includes(p) || p === "true" || p === "false" || NUMBER.test(p))) return null;
  if (after.some((p) => NUMBER.test(p))) return null;
  if (Object.values(values).some((v) => v === "")) return null;
  const format = values.format;
  if (format !== undefined && !FORMAT_NAMES.includes(format)) return null;
  const maxWarnings = values["max-warnings"];
  if (maxWarnings !== undefined && !/^-?\d+$/.test(maxWarnings)) return null;
  return {
    cwd: values.cwd ?? ".",
    color: values["no-color"] === true ? false : values.color,
    debug: values.debug ?? false,
    config: values.config,
    registry: values.registry,
    "registry-variable": values["registry-variable"],
    // As yargs: the default command names no files when none is given; `_` holds the command name when spelled out, then what follows `--`.
    files: spelled || positionals.length > 0 ? positionals : undefined,
    _: spelled ? ["check", ...after] : after,
    format,
    "output-file": values["output-file"],
    "max-warnings": maxWarnings === undefined ? undefined : Number(maxWarnings),
    quiet: values.quiet ?? false,
    base: values.base,
    baseline: values.baseline,
    staged: values.staged ?? false,
    fix: values.fix ?? false,
    "fix-dry-run": values["fix-dry-run"] ?? false,
    "update-baseline": values["update-baseline"] ?? false,
    cache: values.cache ?? false,
    "cache-location": values["cache-location"],
    timing: values.timing ?? false,
  };
}

/** parseArgs' reading, or null where it throws (an unknown option, a missing or ambiguous value). */
function parseStrictly(words: string[]) {
  try {
    return parseArgs({ args: words, options: OPTIONS, strict: true, allowPositionals: true, tokens: true });
  } catch {
    return null;
  }
}

/** What yargs-parser would turn into a number. */
const NUMBER = /^(?:0x[0-9a-f]+|[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[-+]?\d+)?)$/i;

/** `check`'s options (src/cli/yargs-commands.ts declares them for yargs), but --migrations and --executor, which take lists. */
const OPTIONS = {
  cwd: { type: "string" },
  color: { type: "boolean" },
  "no-color": { type: "boolean" },
  debug: { type: "boolean" },
  config: { type: "string", short: "c" },
  registry: { type: "string" },
  "registry-variable": { type: "string" },
  format: { type: "string", short: "f" },
  "output-file": { type: "string", short: "o" },
  "max-warnings": { type: "string" },
  quiet: { type: "boolean", short: "q" },
  base: { type: "string" },
  baseline: { type: "string" },
  staged: { type: "boolean" },
  fix: { type: "boolean" },
  "fix-dry-run": { type: "boolean" },
  "update-baseline": { type: "boolean" },
  cache: { type: "boolean" },
  "cache-location": { type: "string" },
  timing: { type: "boolean" },
} as const;
