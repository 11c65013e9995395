import { COMMAND_NAMES, SQL_COMMANDS } from "../commands/names.js";

/**
 * Whether the run analyzes migrations, so loading the SQL parser can start
 * before the arguments are parsed: the first command word (none means
 * `check`), and no --help or --version. With --cache only when the stored
 * output is `stale` (src/cache/output.ts): a file it observed changed, so the
 * analysis runs again and a changed SQL string needs the parser. Otherwise a
 * cache hit needs no parser, and the load's background compilation would
 * compete with it for the CPU. A wrong guess costs time only, never a result.
 */
export function needsSqlParser(argv: readonly string[], stale = false): boolean {
  if (argv.some((a) => a === "--help" || a === "-h" || a === "--version" || (a === "--cache" && !stale))) return false;
  const command = argv.find((a) => COMMAND_NAMES.includes(a));
  return command === undefined || SQL_COMMANDS.includes(command);
}
