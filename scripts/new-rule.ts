/**
 * `npm run new-rule <id>`: scaffolds a rule the way every rule is laid out:
 * rules/<id>/index.ts (meta + check), rules/<id>/README.md (header from meta,
 * the five sections), one valid and one invalid fixture case, and the catalog
 * entries (rules/index.ts, the configuration schema's rule list, README's
 * rules table). Its `check` starts with a placeholder condition (a migration
 * index without IF NOT EXISTS) for the author to replace; the invalid case's
 * expected.txt starts empty, so the fixture test fails until
 * `UPDATE_GOLDEN=1 npm test` records what the rule reports, for review, and
 * the completeness test fails until each folder holds three cases. Run from
 * the repository root.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { pathToFileURL } from "node:url";
import { ruleDocHeader } from "./rule-docs.js";

const ID = /^[a-z]+(-[a-z]+)*$/;

function camelCase(id: string): string {
  return id.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());
}

function describeNew(id: string): string {
  return `Describe in one line what ${id} catches`;
}

function ruleSource(id: string): string {
  return `import { at, docsUrl, noOptions, type Report, type Rule } from "../../src/engine/rule.js";

type MessageId = "found";

/** ${describeNew(id)}. */
export const rule: Rule<Record<string, never>, MessageId> = {
  id: "${id}",
  meta: {
    type: "problem",
    description: "${describeNew(id)}",
    docs: { url: docsUrl("${id}") },
    defaultSeverity: "error",
    fixable: false,
    hasSuggestions: false,
    optionsSchema: noOptions(),
    defaultOptions: {},
    messages: {
      found: "Index {name} on {table} …",
    },
  },
  check({ inventory }) {
    const reports: Report<MessageId>[] = [];
    for (const def of inventory.indexes) {
      // A starting condition to replace with the rule's own: a migration index, still in place, without IF NOT EXISTS.
      if (def.origin !== "migration" || !def.effective || def.ifNotExists) continue;
      reports.push({ ...at(def), messageId: "found", data: { name: def.name, table: def.table }, help: "What to do about it." });
    }
    return reports;
  },
};
`;
}

function ruleReadme(id: string): string {
  const header = ruleDocHeader({ meta: { defaultSeverity: "error", type: "problem", fixable: false, hasSuggestions: false } });
  return `# ${id}

${header}

## What it does

${describeNew(id)}: which statements, where the diagnostic points.

## Why it matters

What goes wrong on a live database when it is left as it is.

## Example that fires

\`\`\`python
def migrate_v2(conn):
    conn.execute(text("CREATE INDEX idx_orders_status ON orders (status)"))
\`\`\`

## Fixed example

\`\`\`python
def migrate_v2(conn):
    conn.execute(text("CREATE INDEX IF NOT EXISTS idx_orders_status ON orders (status)"))
\`\`\`

## Options

None.
`;
}

const MIGRATION = (index: string): string => `"""Order migrations."""
from sqlalchemy import text


def migrate_v1_orders(conn):
    conn.execute(text("CREATE TABLE IF NOT EXISTS orders (id BIGSERIAL PRIMARY KEY, status TEXT)"))


def migrate_v2_orders_status(conn):
    conn.execute(text("${index}"))
`;

const REGISTRY = `"""Index registry."""

INDEX_DEFS = []
`;

/** Fixture files by path under fixtures/rules/<id>/. */
function fixtureFiles(): Record<string, string> {
  return {
    "valid/clean/server/db_migrate.py": MIGRATION("CREATE UNIQUE INDEX IF NOT EXISTS uq_orders_status ON orders (status)"),
    "valid/clean/server/db_indexes.py": REGISTRY,
    "invalid/fires/server/db_migrate.py": MIGRATION("CREATE INDEX idx_orders_status ON orders (status)"),
    "invalid/fires/server/db_indexes.py": REGISTRY,
    // Empty until the rule reports: UPDATE_GOLDEN=1 npm test writes what it does, for review.
    "invalid/fires/expected.txt": "",
  };
}

/** rules/index.ts with the rule's import and list entry, both kept sorted by id. */
export function addToCatalog(text: string, id: string): string {
  const name = camelCase(id);
  const importLine = `import { rule as ${name} } from "./${id}/index.js";`;
  const lines = text.split("\n");
  const imports = lines.flatMap((l, k) => (/^import \{ rule as \w+ \} from "\.\/[a-z-]+\/index\.js";$/.test(l) ? [k] : []));
  const before = imports.find((k) => idOfImport(lines[k]!) > id);
  const last = imports.at(-1);
  if (last === undefined) throw new Error("rules/index.ts has no rule imports");
  lines.splice(before ?? last + 1, 0, importLine);
  const start = lines.findIndex((l) => l.startsWith("export const RULES"));
  const end = lines.findIndex((l, k) => k > start && l === "];");
  if (start < 0 || end < 0) throw new Error("rules/index.ts has no RULES list");
  const entries = lines.slice(start + 1, end);
  const at = entries.findIndex((e) => idOfEntry(e, lines) > id);
  lines.splice(at < 0 ? end : start + 1 + at, 0, `  ${name},`);
  return lines.join("\n");
}

function idOfImport(line: string): string {
  return /"\.\/([a-z-]+)\/index\.js"/.exec(line)?.[1] ?? "";
}

function idOfEntry(entry: string, lines: readonly string[]): string {
  const name = entry.trim().replace(/,$/, "");
  const imported = lines.find((l) => l.startsWith(`import { rule as ${name} }`));
  return imported ? idOfImport(imported) : "";
}

/** The configuration schema with the id in its sorted list of rule names (formatting kept). */
export function addToSchema(text: string, id: string): string {
  const start = text.indexOf('"propertyNames": {');
  const open = text.indexOf('"enum": [', start);
  const close = text.indexOf("]", open);
  if (start < 0 || open < 0 || close < 0) throw new Error("schemas/config.schema.json has no rule list");
  const body = text.slice(open + '"enum": ['.length, close);
  const indent = /\n(\s*)"/.exec(body)?.[1] ?? "          ";
  const ids = [...body.matchAll(/"([a-z-]+)"/g)].map((m) => m[1]!);
  const sorted = [...ids, id].sort();
  const closing = /\n(\s*)$/.exec(body)?.[1] ?? "        ";
  return `${text.slice(0, open)}"enum": [\n${sorted.map((r) => `${indent}"${r}"`).join(",\n")}\n${closing}${text.slice(close)}`;
}

/** README.md with the rule's row in the rules table, sorted by id. */
export function addToReadmeTable(text: string, id: string): string {
  const start = text.indexOf("<!-- rules-table -->");
  const end = text.indexOf("<!-- /rules-table -->");
  if (start < 0 || end < 0) throw new Error("README.md has no rules table");
  const lines = text.slice(start, end).split("\n");
  const row = `| [\`${id}\`](rules/${id}/README.md) | error | no | ${describeNew(id)} |`;
  const rows = lines.flatMap((l, k) => (l.startsWith("| [`") ? [k] : []));
  const at = rows.find((k) => (/^\| \[`([a-z-]+)`/.exec(lines[k]!)?.[1] ?? "") > id) ?? (rows.at(-1) ?? 1) + 1;
  lines.splice(at, 0, row);
  return text.slice(0, start) + lines.join("\n") + text.slice(end);
}

/** Writes the new rule under `root`; returns the paths written, or throws with a one-line reason. */
export function scaffoldRule(root: string, id: string): string[] {
  if (!ID.test(id)) throw new Error(`rule id '${id}' must be lowercase words joined by hyphens (e.g. index-on-hot-table)`);
  if (existsSync(join(root, "rules", id))) throw new Error(`rules/${id} exists already`);
  const written: string[] = [];
  const write = (path: string, text: string): void => {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
    written.push(path);
  };
  const edit = (path: string, change: (text: string) => string): void => write(path, change(readFileSync(join(root, path), "utf8")));
  // Every edit is computed before anything is written, so a file that does not parse leaves the tree as it was.
  const catalog = addToCatalog(readFileSync(join(root, "rules/index.ts"), "utf8"), id);
  const schema = addToSchema(readFileSync(join(root, "schemas/config.schema.json"), "utf8"), id);
  const readme = addToReadmeTable(readFileSync(join(root, "README.md"), "utf8"), id);
  write(`rules/${id}/index.ts`, ruleSource(id));
  write(`rules/${id}/README.md`, ruleReadme(id));
  for (const [path, text] of Object.entries(fixtureFiles())) write(`fixtures/rules/${id}/${path}`, text);
  edit("rules/index.ts", () => catalog);
  edit("schemas/config.schema.json", () => schema);
  edit("README.md", () => readme);
  return written;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  const id = process.argv[2] ?? "";
  try {
    const written = scaffoldRule(process.cwd(), id);
    process.stdout.write(`${written.join("\n")}\n\nNext: write check() and the README, add cases until valid/ and invalid/ hold three each, then UPDATE_GOLDEN=1 npm test and review fixtures/rules/${id}/invalid/*/expected.txt.\n`);
  } catch (e) {
    process.stderr.write(`new-rule: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
