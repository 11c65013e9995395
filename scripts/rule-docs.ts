import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { RULES } from "../rules/index.js";
import type { AnyRule } from "../src/engine/rule.js";

/**
 * The header paragraph of a rule's README (the one after its `# id` title):
 * severity, type, fixability and fix safety, written from `meta` so the docs
 * cannot contradict the rule. `npm run docs:rules` rewrites it; a test fails
 * when a README holds another.
 */
export function ruleDocHeader(rule: { meta: Pick<AnyRule["meta"], "defaultSeverity" | "type" | "fixable" | "hasSuggestions"> }): string {
  const { meta } = rule;
  const fixable = meta.fixable ? "**yes**, a safe fix (`index-audit check --fix` applies it)" : "**no**";
  const suggestions = meta.hasSuggestions ? "**yes**, to review (the diagnostic names the command that makes the change; `check --fix` never applies it)" : "**no**";
  return `Default severity: **${meta.defaultSeverity}**. Type: **${meta.type}**. Fixable: ${fixable}. Suggestions: ${suggestions}.`;
}

const HEADER_START = "Default severity: ";

/**
 * The README with its header paragraph replaced by the one `meta` gives (or
 * inserted after the title when it has none). Pure: the caller reads and writes.
 */
export function withDocHeader(readme: string, rule: AnyRule): string {
  const title = `# ${rule.id}\n\n`;
  if (!readme.startsWith(title)) throw new Error(`rules/${rule.id}/README.md must start with "# ${rule.id}"`);
  const rest = readme.slice(title.length);
  const header = `${ruleDocHeader(rule)}\n\n`;
  if (!rest.startsWith(HEADER_START)) return title + header + rest;
  // The header is one paragraph: it ends at the first blank line.
  const end = rest.indexOf("\n\n");
  return title + header + (end < 0 ? "" : rest.slice(end + 2));
}

/** Rewrites the header of every README under `root`/rules; returns the rules whose README changed. */
function writeDocHeaders(root: string, rules: readonly AnyRule[] = RULES): string[] {
  const changed: string[] = [];
  for (const rule of rules) {
    const path = join(root, "rules", rule.id, "README.md");
    const before = readFileSync(path, "utf8");
    const after = withDocHeader(before, rule);
    if (after === before) continue;
    writeFileSync(path, after);
    changed.push(rule.id);
  }
  return changed;
}

// `npm run docs:rules`: run from the repository root.
if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const changed = writeDocHeaders(process.cwd());
  process.stdout.write(changed.length === 0 ? "rule READMEs are up to date\n" : `rewrote the header of ${changed.map((id) => `rules/${id}/README.md`).join(", ")}\n`);
}
