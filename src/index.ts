/** Library API: every stage of the pipeline, callable without the CLI. */
export { run } from "./cli.js";
export type { Io } from "./io.js";
export { UsageError, ConfigError, InputError } from "./errors.js";
export { createSourceText, positionOf, type SourceText } from "./source/text.js";
export { createPythonParser, parsePython, syntaxProblems } from "./python/parser.js";
export { analyzeModule, type ModuleInfo } from "./python/scope.js";
export { extractSql, DEFAULT_EXECUTORS, DEFAULT_WRAPPERS, type SqlSource } from "./python/extract.js";
export { readRegistry, type RegistryEntry } from "./registry/read.js";
export { createSqlParser, type SqlParser } from "./sql/parser.js";
export { readStatements, type SqlStatement, type CreateIndexStatement } from "./sql/statements.js";
export { buildInventory } from "./model/inventory.js";
export { classify, NO_OVERRIDES, type ClassificationOverrides } from "./model/classify.js";
export type { IndexDef, Inventory, ConstraintDef, DynamicSql, Problem, Location } from "./model/types.js";
export { analyzeProject, createToolkit, DEFAULT_ANALYZE_OPTIONS, type ProjectInput, type AnalyzeOptions, type FileInput } from "./project/analyze.js";
export { formatListJson, formatListCsv, formatListTable, inventoryToJson } from "./format/list.js";
