import type { SyntaxNode } from "tree-sitter";
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
import { NO_TIMER, type Timer } from "../timing.js";
import { readSource } from "../sources/read.js";
import type { SourceInput } from "../sources/types.js";

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
  /** Framework sources (Alembic, `.sql` files), their files read, in the configuration's order. */
  sources?: readonly SourceInput[];
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
  /** Where the stages add their time (`--timing`); measures nothing by default. */
  timer: Timer;
}

export function createToolkit(timer: Timer = NO_TIMER): Toolkit {
  let sql: Promise<SqlParser> | null = null;
  const load = async (): Promise<SqlParser> => {
    const start = performance.now();
    const parser = await createSqlParser();
    timer.add("SQL parser load", performance.now() - start);
    // Parsing is interleaved with building the inventory: its share is measured call by call.
    return timer === NO_TIMER ? parser : { parse: (text) => timer.time("SQL parse", () => parser.parse(text)), scan: (text) => timer.time("SQL parse", () => parser.scan(text)) };
  };
  return { python: createPythonParser(), sql: () => (sql ??= load()), timer };
}

/** A Python file as the analysis parsed it: its text (BOM removed) and syntax tree. */
export interface ParsedPython {
  path: string;
  text: string;
  root: SyntaxNode;
}

/** Reads the project's migrations and registry into the inventory. No I/O: the files are given. */
export async function analyzeProject(input: ProjectInput, options: AnalyzeOptions, toolkit: Toolkit): Promise<Inventory> {
  return (await analyzeProjectParsed(input, options, toolkit)).inventory;
}

/** The inventory, with the parsed files it was read from (for edits such as `fix --move`, without parsing again). */
export async function analyzeProjectParsed(input: ProjectInput, options: AnalyzeOptions, toolkit: Toolkit): Promise<{ inventory: Inventory; parsed: ParsedPython[] }> {
  const { timer } = toolkit;
  const parse = (f: FileInput) => {
    const source = createSourceText(f.path, f.text);
    const tree = timer.time("Python parse", () => parsePython(toolkit.python, source.text));
    const syntax = timer.time("Python parse", () => syntaxProblems(tree.rootNode, source.text));
    const info = timer.time("string finding", () => analyzeModule(tree.rootNode, source.text));
    return { source, info, syntax, invalidUtf8At: f.invalidUtf8At ?? null };
  };
  const migrations: MigrationFile[] = [...input.migrations]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => {
      const file = parse(f);
      const { sources, exhausted } = timer.time("string finding", () => extractSql(file.info, options));
      return { ...file, sql: sources, exhausted };
    });
  let registry: RegistryFile | null = null;
  if (input.registry) {
    const file = parse(input.registry);
    registry = { ...file, read: timer.time("string finding", () => readRegistry(file.info, options.registryVariable, options.wrappers)) };
  }
  // Any string handed to an executor is parsed, so a statement that lost its CREATE INDEX line is still caught.
  const needsSql =
    (registry?.read.entries.length ?? 0) > 0 || migrations.some((m) => m.sql.some((s) => s.executor !== null || INDEX_SQL_HINT.test(mapSql(s.value).text)));
  const sourceInputs = input.sources ?? [];
  const sql = needsSql || sourceInputs.length > 0 ? await toolkit.sql() : null;
  const sources = sql ? sourceInputs.map((s) => timer.time("source reading", () => readSource(s, { python: toolkit.python, sql }))) : [];
  // Building the inventory calls the SQL parser: "inventory" is the rest of it.
  const start = performance.now();
  const parsing = timer.total("SQL parse");
  const inventory = buildInventory(sql, migrations, registry, options.overrides, sources);
  timer.add("inventory", performance.now() - start - (timer.total("SQL parse") - parsing));
  const parsed = [...migrations, ...(registry ? [registry] : [])].map((f) => ({ path: f.source.path, text: f.source.text, root: f.info.root }));
  return { inventory, parsed };
}
