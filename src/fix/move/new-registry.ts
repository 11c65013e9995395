/**
 * The registry `fix --move` starts when a project has none yet, in the layout
 * the README documents: a module-level list of dicts under the registry
 * variable, which the moved entries fill.
 */
export function newRegistryText(variable: string): string {
  return [
    '"""Performance indexes, built outside the migrations.',
    "",
    "The deploy step builds each entry after the migrations, one at a time, with",
    "CREATE INDEX CONCURRENTLY IF NOT EXISTS, so a slow or failed build never blocks",
    "a deploy. Each entry has name, table, sql (exactly one such statement),",
    "critical and description. UNIQUE and constraint-backed indexes stay in the",
    "migrations: if they fail to build, the deploy must stop.",
    '"""',
    "",
    `${variable} = []`,
    "",
  ].join("\n");
}
