import { RULES, findRule } from "../../rules/index.js";
import { didYouMean } from "../config/suggest.js";
import { UsageError } from "../errors.js";
import type { CommandContext } from "./context.js";
import { readRuleDoc } from "../disk/resources.js";

/** `index-audit rules`: every rule with its default severity and whether it is fixable. */
export function rulesCommand(format: "table" | "json", ctx: CommandContext): number {
  if (format === "json") {
    const doc = RULES.map((r) => ({ id: r.id, severity: r.meta.defaultSeverity, fixable: r.meta.fixable, description: r.meta.description }));
    ctx.io.stdout(JSON.stringify(doc, null, 2) + "\n");
    return 0;
  }
  const idWidth = Math.max(4, ...RULES.map((r) => r.id.length));
  const { chalk } = ctx;
  let out = `${chalk.bold("rule".padEnd(idWidth))}  ${chalk.bold("default")}  ${chalk.bold("fixable")}  ${chalk.bold("what it catches")}\n`;
  for (const r of RULES) {
    const severity = r.meta.defaultSeverity === "error" ? chalk.red("error  ") : r.meta.defaultSeverity === "warn" ? chalk.yellow("warn   ") : chalk.dim("off    ");
    out += `${r.id.padEnd(idWidth)}  ${severity}  ${(r.meta.fixable ? "yes" : "no").padEnd(7)}  ${r.meta.description}\n`;
  }
  ctx.io.stdout(out);
  return 0;
}

/** `index-audit explain RULE`: the rule's README, the same text the tests check. */
export function explainCommand(id: string, ctx: CommandContext): number {
  const rule = findRule(id);
  if (!rule) {
    throw new UsageError(`unknown rule '${id}'${didYouMean(id, RULES.map((r) => r.id))} (see index-audit rules)`);
  }
  const doc = readRuleDoc(rule.id);
  ctx.io.stdout(doc ?? `# ${rule.id}\n\n${rule.meta.description}.\n`);
  return 0;
}
