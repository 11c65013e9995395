import type { CheckArgs } from "../commands/check.js";
import type { DbArgs } from "../commands/db.js";
import type { FixArgs } from "../commands/fix.js";
import type { InitArgs } from "../commands/init.js";
import type { ListArgs } from "../commands/list.js";
import type { ReportArgs } from "../commands/report.js";

/** The options every command takes. */
export interface GlobalArgs {
  cwd: string;
  color: boolean | undefined;
  debug: boolean;
}

/** A command line, parsed: the command and its arguments in the command's own type. */
export type ParsedCommand =
  | { command: "check"; args: CheckArgs }
  | { command: "list"; args: ListArgs }
  | { command: "report"; args: ReportArgs }
  | { command: "rules"; args: GlobalArgs & { format: "table" | "json" } }
  | { command: "explain"; args: GlobalArgs & { rule: string } }
  | { command: "fix"; args: FixArgs }
  | { command: "init"; args: InitArgs & GlobalArgs }
  | { command: "db"; args: DbArgs };
