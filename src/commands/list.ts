import { formatListCsv, formatListJson, formatListTable } from "../format/list.js";
import { createToolkit } from "../project/analyze.js";
import { analyzeOptionsOf } from "../project/check.js";
import { analyzeProject } from "../project/analyze.js";
import type { CommandContext, CommonArgs } from "./context.js";
import { loadProjectConfig, readProject } from "./project.js";

export interface ListArgs extends CommonArgs {
  format: "table" | "json" | "csv";
  /** The table with every cell in full, whatever the terminal's width. */
  wide?: boolean | undefined;
}

/** `index-audit list`: every index, where it is, its class and reason. */
export async function listCommand(args: ListArgs, ctx: CommandContext): Promise<number> {
  const { config, root } = loadProjectConfig(ctx.cwd, args);
  const inventory = await analyzeProject(readProject(root, config, (line) => ctx.io.stderr(line)), analyzeOptionsOf(config), createToolkit());
  ctx.io.stdout(args.format === "json" ? formatListJson(inventory) : args.format === "csv" ? formatListCsv(inventory) : formatListTable(inventory, ctx.chalk, { width: ctx.io.stdoutColumns ?? null, wide: args.wide === true }));
  return 0;
}
