import { extractSql, DEFAULT_EXECUTORS, DEFAULT_WRAPPERS } from "../python/extract.js";
import { createPythonParser, parsePython, syntaxProblems, type PythonParser } from "../python/parser.js";
import { analyzeModule } from "../python/scope.js";
import { readRegistry } from "../registry/read.js";
import { createSourceText } from "../source/text.js";
import { createSqlParser, type SqlParser } from "../sql/parser.js";
import { INDEX_SQL_HINT } from "../sql/statements.js";
import { NO_OVERRIDES, type ClassificationOverrides } from "../model/classify.js";
import { buildInventory, type MigrationFile, type RegistryFile } from "../model/inventory.js";
import type { Inventory } from "../model/types.js";
import { mapSql } from "../model/mapped-sql.js";

export interface FileInput {
  /** Path as shown to the user. */
  path: string;
  text: string;
  /** Byte offset of the first invalid UTF-8 sequence, when the file had one (read with replacement characters). */
  invalidUtf8At?: number | null;
}

export interface ProjectInput {
  migrations: readonly FileInput[];
  registry: FileInput | null;
}

export interface AnalyzeOptions {
  executors: readonly string[];
  wrappers: readonly string[];
  registryVariable: string;
  overrides: ClassificationOverrides;
}

export const DEFAULT_ANALYZE_OPTIONS: AnalyzeOptions = {
  executors: DEFAULT_EXECUTORS,
  wrappers: DEFAULT_WRAPPERS,
  registryVariable: "INDEX_DEFS",
  overrides: NO_OVERRIDES,
};

/** The parsers a run uses; the SQL parser is loaded only when some string needs it. */
export interface Toolkit {
  python: PythonParser;
  sql: () => Promise<SqlParser>;
}

export function createToolkit(): Toolkit {
  let sql: Promise<SqlParser> | null = null;
  return { python: createPythonParser(), sql: () => (sql ??= createSqlParser()) };
}

/** Reads the project's migrations and registry into the inventory. No I/O: the files are given. */
export async function analyzeProject(input: ProjectInput, options: AnalyzeOptions, toolkit: Toolkit): Promise<Inventory> {
  const migrations: MigrationFile[] = [...input.migrations]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => {
      const source = createSourceText(f.path, f.text);
      const tree = parsePython(toolkit.python, source.text);
      const info = analyzeModule(tree.rootNode, source.text);
      const { sources, exhausted } = extractSql(info, options);
      return { source, info, syntax: syntaxProblems(tree.rootNode, source.text), invalidUtf8At: f.invalidUtf8At ?? null, sql: sources, exhausted };
    });
  let registry: RegistryFile | null = null;
  if (input.registry) {
    const source = createSourceText(input.registry.path, input.registry.text);
    const tree = parsePython(toolkit.python, source.text);
    const info = analyzeModule(tree.rootNode, source.text);
    registry = { source, info, syntax: syntaxProblems(tree.rootNode, source.text), invalidUtf8At: input.registry.invalidUtf8At ?? null, read: readRegistry(info, options.registryVariable, options.wrappers) };
  }
  // Any string handed to an executor is parsed, so a statement that lost its CREATE INDEX line is still caught.
  const needsSql =
    (registry?.read.entries.length ?? 0) > 0 || migrations.some((m) => m.sql.some((s) => s.executor !== null || INDEX_SQL_HINT.test(mapSql(s.value).text)));
  const sql = needsSql ? await toolkit.sql() : null;
  return buildInventory(sql, migrations, registry, options.overrides);
}
