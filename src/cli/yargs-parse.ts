import { UsageError } from "../errors.js";
import type { Io } from "../io.js";
import { toolVersion } from "../disk/resources.js";
import { closest } from "../config/suggest.js";
import type { ParsedCommand } from "./parsed.js";
import { globalOptions, withCommands } from "./yargs-commands.js";
import esmPackages from "../esm/packages.cjs";

export type YargsResult = { kind: "output"; text: string } | { kind: "args"; parsed: ParsedCommand };

/** The full parser: every command, --help and --version, and yargs' own messages for a command line it rejects. */
export async function parseWithYargs(argv: readonly string[], io: Io): Promise<YargsResult> {
  const { default: yargs } = await esmPackages.importYargs();
  let parsed: ParsedCommand | null = null;
  const parser = withCommands(globalOptions(yargs([...argv]).scriptName("index-audit").usage("$0 [command] [options]")), (p) => {
    parsed = p;
  })
    .strict()
    .exitProcess(false)
    .help()
    .version(toolVersion())
    .wrap(Math.min(100, io.env.COLUMNS ? Number(io.env.COLUMNS) : 100));
  return new Promise((resolvePromise, reject) => {
    // The callback settles the promise; what parse returns is not needed.
    void parser.parse([...argv], {}, (err, _args, output) => {
      if (err) reject(new UsageError(withSuggestions(err.message.replace(/\s*\n\s*/g, " ").trim(), optionNames(parser))));
      else if (output) resolvePromise({ kind: "output", text: output });
      else if (parsed) resolvePromise({ kind: "args", parsed });
      else reject(new Error("yargs parsed no command"));
    });
  });
}

/** The options yargs knows for the command it parsed (getOptions is public at run time, absent from the types). */
function optionNames(parser: unknown): string[] {
  return Object.keys((parser as { getOptions(): { key: Record<string, unknown> } }).getOptions().key);
}

/** yargs' "Unknown argument: formt" with the closest option names (`--format`). */
function withSuggestions(message: string, known: readonly string[]): string {
  const m = /^Unknown arguments?: (.+)$/.exec(message);
  if (!m) return message;
  const near = [...new Set(m[1]!.split(", ").flatMap((name) => closest(name.replace(/^-+/, ""), known, 2)))].map((n) => `--${n}`);
  return near.length ? `${message}; did you mean ${near.join(" or ")}?` : message;
}
