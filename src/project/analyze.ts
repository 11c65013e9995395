import type { SyntaxNode } from "../python/syntax-node.js";
import { extractSql, DEFAULT_EXECUTORS, DEFAULT_WRAPPERS } from "../python/extract.js";
import { createPythonParser, parsePythonLean, syntaxProblems, type PythonParser, type SyntaxProblem } from "../python/parser.js";
import { analyzeModule } from "../python/scope.js";
import { createModuleResolver } from "../python/imports.js";
import { LIMITS, type LimitHit } from "../python/limits.js";
import { directiveSites } from "../python/directives.js";
import { readRegistry } from "../registry/read.js";
import { createSourceText, lineIndexOf, type SourceText } from "../source/text.js";
import { createSqlParser, type SqlParser } from "../sql/parser.js";
import { INDEX_SQL_HINT } from "../sql/statements.js";
import { NO_OVERRIDES, type ClassificationOverrides } from "../model/classify.js";
import { buildInventory, type MigrationFile, type RegistryFile, type SqlRegistryFile } from "../model/inventory.js";
import { readSqlRegistry } from "../registry/read-sql.js";
import { SQL_COMMENT_SITES, sqlSuppressions } from "../sources/sql/read.js";
import type { Inventory } from "../model/types.js";
import { mapSql } from "../model/mapped-sql.js";
import { NO_TIMER, type Timer } from "../timing.js";
import { sourceReader } from "../sources/read.js";
import type { SourceInput } from "../sources/types.js";
import { SqlParserNeeded, type StatementCache } from "../sql/statement-cache.js";

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
  /** Other Python modules of the project that migrations and registry import constants from (read statically). */
  modules?: readonly FileInput[];
  /** Framework sources (Alembic, `.sql` files), their files read, in the configuration's order. */
  sources?: readonly SourceInput[];
}

export interface AnalyzeOptions {
  executors: readonly string[];
  wrappers: readonly string[];
  registryVariable: string;
  /** `sql`: the registry is a `.sql` file of CREATE INDEX statements; by default, a registry path ending in `.sql` is one. */
  registryFormat?: "python" | "sql";
  overrides: ClassificationOverrides;
}

function isSqlRegistry(path: string, options: AnalyzeOptions): boolean {
  return options.registryFormat ? options.registryFormat === "sql" : path.toLowerCase().endsWith(".sql");
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
  /** With `check --cache`: a parser that answers from the statement cache only (SqlParserNeeded for anything else). */
  cachedSql?: () => SqlParser;
  /** Where the stages add their time (`--timing`); measures nothing by default. */
  timer: Timer;
  /**
   * Called once the analysis is done, before the rules run: the CLI releases
   * the analysis's garbage there (collectLargeHeap). A library host keeps
   * its own memory policy, so it is unset by default.
   */
  afterAnalysis?: () => void;
}

export function createToolkit(timer: Timer = NO_TIMER, statements: StatementCache | null = null): Toolkit {
  let sql: Promise<SqlParser> | null = null;
  const load = async (): Promise<SqlParser> => {
    const start = timer.now();
    const parser = await createSqlParser();
    timer.add("SQL parser load", timer.now() - start);
    // Parsing is interleaved with building the inventory: its share is measured call by call.
    const timed: SqlParser = timer === NO_TIMER ? parser : { parse: (text) => timer.time("SQL parse", () => parser.parse(text)), scan: (text) => timer.time("SQL parse", () => parser.scan(text)) };
    return statements ? statements.parser(timed) : timed;
  };
  return { python: createPythonParser(), sql: () => (sql ??= load()), ...(statements ? { cachedSql: () => statements.parser(null) } : {}), timer };
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
    const { tree, commentRuns, layout } = timer.time("Python parse", () => parsePythonLean(toolkit.python, source.text));
    // One more than are listed: when there is one, the limit was reached and says so.
    const found = timer.time("Python parse", () => syntaxProblems(tree.rootNode, source.text, LIMITS.syntaxErrors + 1, layout));
    const syntax = found.slice(0, LIMITS.syntaxErrors);
    const limits: LimitHit[] = found.length > LIMITS.syntaxErrors ? [{ limit: "syntaxErrors", index: found[LIMITS.syntaxErrors]!.index, where: "syntax error" }] : [];
    const info = timer.time("string finding", () => analyzeModule(tree.rootNode, source.text));
    const anchors = { source: info.source, strings: info.strings, stringStarts: info.stringStarts, parentOf: info.parentOf };
    return { file: { source, root: info.root, anchors, syntax, invalidUtf8At: f.invalidUtf8At ?? null, sites: directiveSites(info, commentRuns), limits }, info };
  };
  const resolverFor = createModuleResolver(input.modules ?? [], (text) => parsePythonLean(toolkit.python, text).tree.rootNode, new Set(options.wrappers));
  await backgroundTurn();
  const migrations: MigrationFile[] = [...input.migrations]
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map((f) => {
      // The module's analysis is dropped once its strings are read: only the file, its tree and the anchors' part go on.
      const { file, info } = parse(f);
      const { sources, limits } = timer.time("string finding", () => extractSql(info, { ...options, imports: resolverFor(file.source.path) }));
      return { ...file, sql: sources, limits: [...file.limits, ...limits] };
    });
  await backgroundTurn();
  let registry: RegistryFile | SqlRegistryFile | null = null;
  const sqlRegistry = input.registry && isSqlRegistry(input.registry.path, options) ? input.registry : null;
  if (input.registry && !sqlRegistry) {
    const { file, info } = parse(input.registry);
    registry = { ...file, read: timer.time("string finding", () => readRegistry(info, options.registryVariable, options.wrappers, resolverFor(file.source.path))) };
  }
  // Any string handed to an executor is parsed, so a statement that lost its CREATE INDEX line is still caught.
  const needsSql =
    (registry?.read.entries.length ?? 0) > 0 || migrations.some((m) => m.sql.some((s) => s.executor !== null || INDEX_SQL_HINT.test(mapSql(s.value).text)));
  const sourceInputs = input.sources ?? [];
  const readers = await Promise.all(sourceInputs.map(sourceReader));
  // Framework sources are parsed inside the step (their Python too): a second pass would cost them twice, so they go to the parser at once.
  const { inventory, files } = await withSqlParser(toolkit, needsSql || sourceInputs.length > 0 || sqlRegistry !== null, sourceInputs.length === 0, (sql) => {
    let withRegistry: RegistryFile | SqlRegistryFile | null = registry;
    if (sqlRegistry && sql) {
      const source = createSourceText(sqlRegistry.path, sqlRegistry.text);
      withRegistry = { source, root: null, syntax: [], invalidUtf8At: sqlRegistry.invalidUtf8At ?? null, sites: SQL_COMMENT_SITES, suppressions: sqlSuppressions(source), read: readSqlRegistry(sql, source.text, options.registryVariable) };
    }
    const sources = sql ? readers.map((read) => timer.time("source reading", () => read({ python: toolkit.python, sql }))) : [];
    // Building the inventory calls the SQL parser: "inventory" is the rest of it.
    const start = timer.now();
    const parsing = timer.total("SQL parse");
    const files = [...migrations, ...(withRegistry && "limits" in withRegistry ? [withRegistry] : [])];
    const inventory = withoutKnockOnDynamic(buildInventory(sql, migrations, withRegistry, options.overrides, sources), files);
    timer.add("inventory", timer.now() - start - (timer.total("SQL parse") - parsing));
    return { inventory, files };
  });
  const parsed = files.map((f) => ({ path: f.source.path, text: f.source.text, root: f.root }));
  return { inventory, parsed };
}

/**
 * One turn of the event loop. V8 compiles the SQL parser's WebAssembly in the
 * background, but posts each next step of it (and the instantiation) to this
 * thread, where it waits while the Python analysis runs without a break: given
 * a turn before the migrations and before the registry, the compilation goes
 * on beside them instead of after them (real-size bench: the wait for the
 * parser fell from about 22 ms to 1, the run about 14 ms). Nothing to do, it
 * costs microseconds.
 */
function backgroundTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Runs `read` with the SQL parser when `needed`: first (`cachedFirst`) with
 * the statement cache alone (`check --cache`), so that a run whose every string was read
 * before never loads libpg-query; when a string is new, again with the parser
 * (`read` is pure, so the second run gives what one run with the parser gives).
 */
async function withSqlParser<T>(toolkit: Toolkit, needed: boolean, cachedFirst: boolean, read: (sql: SqlParser | null) => T): Promise<T> {
  if (!needed) return read(null);
  if (toolkit.cachedSql && cachedFirst) {
    try {
      return read(toolkit.cachedSql());
    } catch (e) {
      if (!(e instanceof SqlParserNeeded)) throw e;
    }
  }
  return read(await toolkit.sql());
}

/**
 * Drops the dynamic SQL that sits on the lines of a region tree-sitter could
 * not parse: a name there is unresolved because its statement is broken
 * (`for t in names` without its colon), not because it is dynamic. The
 * python-syntax-error finding for the file already says its findings may be
 * incomplete.
 */
function withoutKnockOnDynamic(inventory: Inventory, files: readonly { source: SourceText; syntax: readonly SyntaxProblem[] }[]): Inventory {
  const broken = new Map<string, [number, number][]>();
  for (const f of files) {
    const lines = f.syntax.flatMap((p) => (p.region ? [[lineIndexOf(f.source, p.region[0]) + 1, lineIndexOf(f.source, p.region[1]) + 1] as [number, number]] : []));
    if (lines.length) broken.set(f.source.path, lines);
  }
  if (broken.size === 0) return inventory;
  return { ...inventory, dynamic: inventory.dynamic.filter((d) => !(broken.get(d.file) ?? []).some(([from, to]) => d.line >= from && d.line <= to)) };
}
