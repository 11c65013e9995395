import type { Config } from "../config/resolve.js";
import { parseCatalog } from "../db/catalog.js";
import { compareDatabase, type DatabaseComparison } from "../db/compare.js";
import type { CatalogSnapshot } from "../db/snapshot.js";
import type { AnyRule } from "../engine/rule.js";
import { runRules, type CheckResult } from "../engine/run-rules.js";
import type { Inventory } from "../model/types.js";
import { analyzeProject, type ProjectInput, type Toolkit } from "./analyze.js";
import { analyzeOptionsOf } from "./check.js";
import { toolTables } from "../sources/tool-tables.js";

export interface DatabaseCheckInput {
  project: ProjectInput;
  config: Config;
  /** The catalog as read from the database (or a fixture). */
  snapshot: CatalogSnapshot;
  /** Every rule: only those that judge a database run. */
  rules: readonly AnyRule[];
  /** The project's inventory when the caller analyzed it already (`report`): it is not analyzed again. */
  inventory?: Inventory | undefined;
}

export interface DatabaseCheckOutput extends CheckResult {
  inventory: Inventory;
  comparison: DatabaseComparison;
}

/** The declared state (migrations + registry) held against a catalog snapshot, and the database rules run on it. No I/O. */
export async function checkDatabase(input: DatabaseCheckInput, toolkit: Toolkit): Promise<DatabaseCheckOutput> {
  const inventory = input.inventory ?? (await analyzeProject(input.project, analyzeOptionsOf(input.config), toolkit));
  const comparison = compareDatabase(inventory, parseCatalog(await toolkit.sql(), input.snapshot), toolTables(input.project.sources ?? []));
  const result = runRules({
    inventory,
    base: null,
    layout: { migrations: input.config.migrations, registry: input.project.registry?.path ?? null, registryVariable: input.config.registryVariable },
    rules: input.rules.filter((r) => r.meta.requiresDatabase),
    settings: input.config.rules,
    database: comparison,
  });
  return { ...result, inventory, comparison };
}
