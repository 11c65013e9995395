import { readFileSync } from "node:fs";
import type { AnyRule } from "../engine/rule.js";

/** Files shipped with the package, found relative to this module (dist/src/disk/). */
function packageFile(path: string): URL {
  return new URL(`../../../${path}`, import.meta.url);
}

export function toolVersion(): string {
  return (JSON.parse(readFileSync(packageFile("package.json"), "utf8")) as { version: string }).version;
}

/** A rule's README, or null when the package was installed without it. */
export function readRuleDoc(id: string): string | null {
  try {
    return readFileSync(packageFile(`rules/${id}/README.md`), "utf8");
  } catch {
    return null;
  }
}

export function readRuleDocs(rules: readonly AnyRule[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const r of rules) {
    const doc = readRuleDoc(r.id);
    if (doc !== null) out.set(r.id, doc);
  }
  return out;
}
