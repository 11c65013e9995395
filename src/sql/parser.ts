import { createRequire } from "node:module";
import type { RawStmt } from "@pgsql/types";
import type { ReadResult } from "./types.js";
import type { Lexeme } from "./lexer.js";

/**
 * PostgreSQL's own parser (libpg-query, compiled to WebAssembly). Loading it
 * costs tens of milliseconds, so it is created only when some string looks
 * like index SQL, once per run, and passed to the stages that need it.
 */
export interface SqlToken extends Lexeme {
  keyword: boolean;
  /** PostgreSQL's keyword category: 0 none, 1 unreserved, 2 column name, 3 type or function name, 4 reserved. */
  keywordKind: number;
}

export interface SqlParser {
  /** The parse tree as JSON, or the parser's error with its byte offset. */
  parse(sql: string): { stmts: RawStmt[] } | SqlParseError;
  scan(sql: string): SqlToken[] | SqlParseError;
  /**
   * Statements read before (`check --cache`): when present, readStatements asks
   * it, and it either answers from what it kept or calls `read`.
   */
  memo?(sql: string, read: (parser: SqlParser, sql: string) => ReadResult): ReadResult;
}

export interface SqlParseError {
  error: string;
  /** Byte offset of the error, when PostgreSQL gives one. */
  position: number | null;
}

export function isParseError(x: unknown): x is SqlParseError {
  return typeof x === "object" && x !== null && "error" in x;
}

type PgQuery = typeof import("libpg-query");

// libpg-query is CommonJS: `require` loads it without the ES-module loader's export scan of its
// source, which the background load would otherwise spend on the main thread.
const require = createRequire(import.meta.url);

/** The loaded module: its import starts the WebAssembly compilation, which happens once per process. */
let loading: Promise<PgQuery> | null = null;

function loadPgQuery(): Promise<PgQuery> {
  return (loading ??= (async () => {
    // The CLI compiles this WebAssembly with Liftoff only (src/bin.ts sets the V8 flag for its
    // process); a host importing the library keeps its own V8 flags.
    const pg = require("libpg-query") as PgQuery;
    await pg.loadModule();
    return pg;
  })());
}

/**
 * Starts loading the parser in the background, for a run that will need it:
 * its file reads and compilation overlap the work before the first SQL string.
 * A failure surfaces where the parser is awaited.
 */
export function preloadSqlParser(): void {
  loadPgQuery().catch(() => undefined);
}

export async function createSqlParser(): Promise<SqlParser> {
  const pg = await loadPgQuery();
  const fail = (e: unknown): SqlParseError => {
    const details = (e as { sqlDetails?: { message?: string; cursorPosition?: number } }).sqlDetails;
    const message = details?.message ?? (e instanceof Error ? e.message : String(e));
    const pos = details?.cursorPosition;
    return { error: message, position: typeof pos === "number" && pos >= 0 ? pos : null };
  };
  return {
    parse(sql) {
      // The scanner and parser fail on empty input instead of returning nothing.
      if (sql.trim() === "") return { stmts: [] };
      try {
        return { stmts: pg.parseSync(sql).stmts ?? [] };
      } catch (e) {
        return fail(e);
      }
    },
    scan(sql) {
      if (sql.trim() === "") return [];
      try {
        return pg.scanSync(sql).tokens.map((t) => ({
          start: t.start,
          end: t.end,
          text: t.text,
          keyword: t.keywordKind !== 0,
          keywordKind: t.keywordKind,
          comment: t.tokenName === "SQL_COMMENT" || t.tokenName === "C_COMMENT",
        }));
      } catch (e) {
        if (!(e instanceof SyntaxError)) return fail(e);
        // The scanner's JSON breaks on some texts it rejects (an unterminated quoted name): the parser says what is wrong.
        try {
          pg.parseSync(sql);
        } catch (p) {
          return fail(p);
        }
        return { error: "PostgreSQL's scanner cannot read this text", position: null };
      }
    },
  };
}
