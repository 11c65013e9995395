/** Every rule, sorted by id: the one list the engine, the docs and the tests loop over. */
import type { AnyRule } from "../src/engine/rule.js";
import { rule as alembicRevisionGraph } from "./alembic-revision-graph/index.js";
import { rule as concurrentlyInTransaction } from "./concurrently-in-transaction/index.js";
import { rule as dbDefinitionDrift } from "./db-definition-drift/index.js";
import { rule as dbDuplicateIndex } from "./db-duplicate-index/index.js";
import { rule as dbIndexInvalid } from "./db-index-invalid/index.js";
import { rule as dbIndexMissing } from "./db-index-missing/index.js";
import { rule as dbIndexUndeclared } from "./db-index-undeclared/index.js";
import { rule as dbUnusedIndex } from "./db-unused-index/index.js";
import { rule as dropIndexNotConcurrent } from "./drop-index-not-concurrent/index.js";
import { rule as duplicateIndexName } from "./duplicate-index-name/index.js";
import { rule as dynamicIndexSql } from "./dynamic-index-sql/index.js";
import { rule as identifierTooLong } from "./identifier-too-long/index.js";
import { rule as indexInBothPlaces } from "./index-in-both-places/index.js";
import { rule as indexMissing } from "./index-missing/index.js";
import { rule as indexNotConcurrent } from "./index-not-concurrent/index.js";
import { rule as invalidSql } from "./invalid-sql/index.js";
import { rule as nonIdempotentMigrationIndex } from "./non-idempotent-migration-index/index.js";
import { rule as performanceIndexInMigration } from "./performance-index-in-migration/index.js";
import { rule as pythonSyntaxError } from "./python-syntax-error/index.js";
import { rule as redundantIndex } from "./redundant-index/index.js";
import { rule as registryEntryMismatch } from "./registry-entry-mismatch/index.js";
import { rule as registryNotConcurrent } from "./registry-not-concurrent/index.js";
import { rule as registryNotIfNotExists } from "./registry-not-if-not-exists/index.js";
import { rule as uniqueIndexInRegistry } from "./unique-index-in-registry/index.js";
import { rule as unrunnableMigration } from "./unrunnable-migration/index.js";
import { rule as unusedSuppression } from "./unused-suppression/index.js";

export const RULES: readonly AnyRule[] = [
  alembicRevisionGraph,
  concurrentlyInTransaction,
  dbDefinitionDrift,
  dbDuplicateIndex,
  dbIndexInvalid,
  dbIndexMissing,
  dbIndexUndeclared,
  dbUnusedIndex,
  dropIndexNotConcurrent,
  duplicateIndexName,
  dynamicIndexSql,
  identifierTooLong,
  indexInBothPlaces,
  indexMissing,
  indexNotConcurrent,
  invalidSql,
  nonIdempotentMigrationIndex,
  performanceIndexInMigration,
  pythonSyntaxError,
  redundantIndex,
  registryEntryMismatch,
  registryNotConcurrent,
  registryNotIfNotExists,
  uniqueIndexInRegistry,
  unrunnableMigration,
  unusedSuppression,
];

export function findRule(id: string): AnyRule | undefined {
  return RULES.find((r) => r.id === id);
}
