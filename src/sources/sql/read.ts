import { holeId } from "../../python/holes.js";
import { readSuppressions, type Suppression } from "../../python/suppressions.js";
import type { DirectiveSites } from "../../python/directives.js";
import { createSourceText, lineIndexOf, lineText, type SourceText } from "../../source/text.js";
import type { ReaderTools, SourceDynamic, SourceFileInput, SourceFileRead, SourceRead, SourceStatement } from "../types.js";
import { splitSql } from "./split.js";
import { includes } from "./psql.js";
import { buildsIndex } from "../../sql/statements.js";
import { orderSqlFiles, upSection } from "./layout.js";
import { concatOffsets, offsetsAt, offsetsSpan, type SourceOffsets } from "../../python/offsets.js";

/** In a .sql file a directive is a `--` comment; the filter below keeps those that start one. */
export const SQL_COMMENT_SITES: DirectiveSites = { accepts: (marker) => marker === "--" };


/**
 * `.sql` migrations in the order their tool applies them, the part it runs on
 * upgrade only (src/sources/sql/layout.ts: Flyway, golang-migrate and pop,
 * dbmate, goose, sql-migrate, sqitch, else a natural sort of the file names).
 * One statement per SQL statement of the file, at its first keyword.
 */
export function readSqlSource(files: readonly SourceFileInput[], plan: SourceFileInput | null, tools: Pick<ReaderTools, "sql">): SourceRead {
  const out: SourceRead = { kind: "sql", files: [], statements: [], dynamic: [], problems: [] };
  for (const { file, layout } of orderSqlFiles(files, plan)) {
    const source = createSourceText(file.path, file.text);
    const read: SourceFileRead = { source, root: null, syntax: [], invalidUtf8At: file.invalidUtf8At ?? null, sites: SQL_COMMENT_SITES, suppressions: sqlSuppressions(source) };
    out.files.push(read);
    const section = upSection(layout, source.text);
    if (!section) continue;
    const { pieces, commands } = splitSql(tools.sql, source.text, section.from, section.to);
    const dynamic: SourceDynamic[] = [];
    for (const c of commands.filter(includes))
      dynamic.push({ file: file.path, index: c.start, template: source.text.slice(c.start, c.end), reason: `psql runs the statements of ${c.args === "" ? "another file" : c.args} here: they are not read`, executor: null, function: null });
    const wrapped = section.transaction === "wrapped" || (section.transaction === "one-query" && pieces.length > 1);
    let explicit = false;
    for (const p of pieces) {
      if (p.keyword === "begin" || p.keyword === "start") explicit = true;
      else if (p.keyword === "commit" || p.keyword === "end" || p.keyword === "rollback" || p.keyword === "abort") explicit = false;
      const sql = source.text.slice(p.start, p.end);
      // A DO block with index DDL is reported by the statement reader, as for every source (src/sql/statements.ts).
      // Flyway runs a statement PostgreSQL refuses in a transaction (… CONCURRENTLY) outside it on its own.
      const flywayOutside = layout === "flyway" && /\bconcurrently\b/i.test(sql);
      // psql runs each row this query returns as a statement: index DDL built there is known only at run time.
      if (p.sentBy?.name === "gexec" && buildsIndex(sql))
        dynamic.push({ file: file.path, index: p.start, template: sql, reason: "psql runs the rows this query returns as statements (\\gexec): the index DDL they hold is known only at run time", executor: null, function: null });
      out.statements.push(statementOf(source, file.path, p.start, p.end, (wrapped && !flywayOutside) || explicit));
    }
    out.dynamic.push(...dynamic.sort((a, b) => a.index - b.index));
  }
  return out;
}

/** Flyway's `${name}` placeholders (and `${flyway:…}`); other tools' files do not use the syntax. */
// Linear: `\$\{` then a run of non-braces.
const PLACEHOLDER = /\$\{([^{}\n]*)\}/g;

function statementOf(source: SourceText, migration: string, start: number, end: number, transaction: boolean): SourceStatement {
  const text = source.text.slice(start, end);
  let sql = "";
  const offsets: SourceOffsets[] = [];
  const holes = new Map<string, string>();
  let last = 0;
  const copy = (to: number): void => {
    offsets.push(offsetsSpan(start + last, to - last));
    sql += text.slice(last, to);
  };
  for (const m of text.matchAll(PLACEHOLDER)) {
    copy(m.index);
    const id = holeId(holes.size);
    holes.set(id, `{${m[1]!}}`);
    sql += id;
    offsets.push(offsetsAt(start + m.index, id.length));
    last = m.index + m[0].length;
  }
  copy(text.length);
  return {
    file: source.path,
    sql,
    offsets: concatOffsets(offsets),
    ...(holes.size > 0 ? { holes } : {}),
    migration,
    transaction,
    nameGenerated: false,
    anchorLine: lineIndexOf(source, start) + 1,
    start,
    end,
    function: null,
    executor: null,
  };
}

/** `-- index-audit: ignore[…]` comments; `#` starts no comment in SQL. */
export function sqlSuppressions(source: SourceText): Suppression[] {
  return readSuppressions(source, SQL_COMMENT_SITES).filter((s) => [...lineText(source, s.line)].slice(s.column - 1).join("").startsWith("--"));
}
