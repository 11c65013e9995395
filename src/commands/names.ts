/** The commands, for the parsers and for "did you mean" when a first file name looks like a misspelt one. */
export const COMMAND_NAMES: readonly string[] = ["check", "list", "report", "fix", "rules", "explain", "init", "db"];

/** The commands that analyze migrations (and so load the SQL parser). */
export const SQL_COMMANDS: readonly string[] = ["check", "list", "report", "fix"];
