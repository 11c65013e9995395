import { holeId } from "../../python/holes.js";
import { readSuppressions, type Suppression } from "../../python/suppressions.js";
import type { DirectiveSites } from "../../python/directives.js";
import { createSourceText, lineIndexOf, lineText, type SourceText } from "../../source/text.js";
import type { ReaderTools, RunCondition, SessionCarry, SourceDynamic, SourceFileInput, SourceRead, SourceStatement } from "../types.js";
import type { Guard } from "../../python/guards.js";
import { PsqlConditionals } from "./psql-conditionals.js";
import { psqlCommands, splitSql } from "./split.js";
import { discardsQuery, includedPath, includes } from "./psql.js";
import { LIMITS, limitReached } from "../../python/limits.js";
import { buildsIndex } from "../../sql/routine-bodies.js";
import { orderSqlFiles, upSection, type Layout, type UpSection } from "./layout.js";
import { concatOffsets, offsetsAt, offsetsSpan, type SourceOffsets } from "../../python/offsets.js";

/** In a .sql file a directive is a `--` comment; the filter below keeps those that start one. */
export const SQL_COMMENT_SITES: DirectiveSites = { accepts: (marker) => marker === "--" };


/**
 * `.sql` migrations in the order their tool applies them, the part it runs on
 * upgrade only (src/sources/sql/layout.ts: Flyway, golang-migrate and pop,
 * dbmate, goose, sql-migrate, sqitch, yoyo, else a natural sort of the file
 * names); `yoyo`: the directories yoyo.ini names, yoyo's whatever their files,
 * and the Python migrations there, said not read.
 * One statement per SQL statement of the file, at its first keyword.
 */
export function readSqlSource(
  files: readonly SourceFileInput[],
  plan: SourceFileInput | null,
  tools: Pick<ReaderTools, "sql">,
  included: readonly SourceFileInput[] = [],
  yoyo: { dirs: readonly string[]; python: readonly SourceFileInput[] } = { dirs: [], python: [] },
): SourceRead {
  const { planned, refused } = orderSqlFiles(files, plan, new Set(yoyo.dirs));
  // sqitch runs each deploy script in a psql of its own; the other tools' connections are not known to start afresh
  // (Flyway is said to restore the connection's state after each migration: not confirmed here). A file's
  // transaction, the tool's or the implicit one of a file sent as one query, ends with it.
  const carry: SessionCarry = { ...(planned.length > 0 && planned.every((p) => p.layout === "sqitch") ? { sessionAfterMigration: "reset" } : {}), localEndsWithMigration: true };
  const out: SourceRead = { kind: "sql", session: carry, files: [], statements: [], dynamic: [], problems: [] };
  const byPath = new Map([...files, ...included].map((f) => [f.path, f]));
  const sources = new Map<string, SourceText>();
  // Each file is listed once, however many times it runs (a migration, or a file a migration runs with `\ir`).
  const sourceOf = (file: SourceFileInput): SourceText => {
    let source = sources.get(file.path);
    if (!source) {
      source = createSourceText(file.path, file.text);
      sources.set(file.path, source);
      out.files.push({ source, root: null, syntax: [], invalidUtf8At: file.invalidUtf8At ?? null, sites: SQL_COMMENT_SITES, suppressions: sqlSuppressions(source) });
    }
    return source;
  };
  // Files run by `\ir`, over the whole source; what was said of a place.
  let runsRead = 0;
  const said = new Set<string>();
  out.problems.push(...refused);
  for (const py of yoyo.python) out.problems.push({ kind: "not-read", file: py.path, index: 0, at: { line: 1, column: 1 }, message: "yoyo runs this Python migration too; only .sql migrations are read, so what it does is left out" });
  // A plain file another plain file runs with `\ir` is a part of it, not a migration of its own (sqitch's plan names its own).
  const undo = undoing(out.statements);
  const parts = new Set(planned.filter((p) => p.layout === "plain" && p.file.text.includes("\\")).flatMap((p) => psqlCommands(p.file.text).map((c) => includedPath(c, p.file.path)).filter((path) => path !== null && path !== p.file.path)));
  for (const { file, layout } of planned) {
    if (layout === "plain" && parts.has(file.path)) continue;
    const source = sourceOf(file);
    const section = upSection(layout, source.text);
    if (!section) continue;
    // psql's session: a BEGIN in a file it runs with `\ir` holds for the statements after it, there and here.
    const session: Session = { migration: file.path, layout, wrapped: section.transaction, explicit: false, opened: null, maybeOpen: null, savepoints: new Map() };
    readStatements(source, section.from, section.to, session, [file.path], []);
    if (session.opened !== null) leftOpen(session, session.opened, true);
    else if (session.maybeOpen !== null) leftOpen(session, session.maybeOpen, false);
  }
  return out;

  /**
   * A BEGIN the file does not end: psql rolls the transaction back when its session ends, as sqitch's does with each
   * script. psql may run plain files one session each or all in one, where the next file goes on inside it: said.
   */
  function leftOpen(session: Session, opened: number, surely: boolean): void {
    const begin = out.statements[opened]!;
    if (session.layout === "sqitch" && surely) return undo(session, "rollback", "ROLLBACK", false);
    if (session.layout !== "sqitch" && session.layout !== "plain") return;
    if (!out.statements.slice(opened).some((s) => /^\s*(create|drop|alter)\b/i.test(s.sql))) return;
    const open = surely ? "the transaction opened here is not ended" : "whether the transaction opened here is ended (a BEGIN, COMMIT or ROLLBACK under psql's \\if) is not known";
    const after =
      session.layout === "sqitch"
        ? "psql rolls back what follows when the script's session ends"
        : "psql rolls back what follows when its session ends (a psql for each file), or the next file goes on inside it (one psql for all), which is not known";
    out.dynamic.push({ file: begin.file, index: begin.start, template: begin.sql.trim(), reason: `${open} in ${session.migration}: ${after}; it is listed as kept`, executor: null, function: null });
  }

  /** `chain`: the files psql is inside, the migration first (the file read last); `enclosing`: the guards of the `\if` branch that runs it. */
  function readStatements(source: SourceText, from: number, to: number, session: Session, chain: readonly string[], enclosing: readonly Guard[]): void {
    const { pieces, commands } = splitSql(tools.sql, source.text, from, to);
    const path = source.path;
    const dynamic: SourceDynamic[] = [];
    const notRead = (at: number, template: string, reason: string): number => dynamic.push({ file: path, index: at, template, reason, executor: null, function: null });
    const wrapped = session.wrapped === "wrapped" || (session.wrapped === "one-query" && pieces.length > 1);
    // Only psql runs meta-commands; the other tools send the line to PostgreSQL, which refuses it. Flyway also
    // runs COPY … FROM STDIN, its rows up to the `\.` line.
    const psql = session.layout === "sqitch" || session.layout === "plain";
    if (!psql)
      for (const c of commands)
        if (!(c.endsCopy && session.layout === "flyway"))
          out.problems.push({
            kind: "invalid-sql",
            file: path,
            index: c.start,
            message: c.endsCopy
              ? `${session.layout} sends this line to PostgreSQL as SQL; \\. ends the rows of a COPY … FROM stdin, which only psql and Flyway read`
              : `${session.layout} sends this line to PostgreSQL as SQL; \\${c.name} is a meta-command, which only psql runs`,
          });
    // Commands psql runs between statements: a file `\ir` runs is read where the command stands; `\if` blocks say which statements run.
    const between = psql ? commands.filter((c) => includes(c) || CONDITIONALS.has(c.name)) : [];
    const conditionals = new PsqlConditionals();
    const guards = (): Guard[] => [...conditionals.guards, ...enclosing];
    let next = 0;
    const runCommandsBefore = (at: number): void => {
      for (; next < between.length && between[next]!.start < at; next++) {
        const c = between[next]!;
        if (conditionals.take(c) || !conditionals.runs) continue;
        const template = source.text.slice(c.start, c.end);
        const target = includedPath(c, path);
        const file = target === null ? undefined : byPath.get(target);
        if (!file) {
          // psql interpolates its variables (`:dir`) into a meta-command's arguments before it reads them.
          const why = /(^|[^:]):['"]?[A-Za-z_]/.test(c.args) ? "its path holds a psql variable, known only at run time" : c.name === "i" || c.name === "include" ? "its path is psql's working directory's, not known here" : "the file is not in the project";
          notRead(c.start, template, `psql runs the statements of ${c.args === "" ? "another file" : c.args} here: ${why}, so they are not read`);
        }
        else if (chain.includes(file.path)) notRead(c.start, template, `psql runs ${file.path} again from inside itself (${[...chain.slice(chain.indexOf(file.path)), file.path].join(" → ")}), without end: not read`);
        else if (chain.length > LIMITS.includeDepth) notRead(c.start, template, `${limitReached("includeDepth")}: the statements of ${file.path} are not read`);
        else if (++runsRead > LIMITS.includeRuns) notRead(c.start, template, `${limitReached("includeRuns")}: the statements of ${file.path} are not read`);
        else {
          const text = sourceOf(file);
          readStatements(text, 0, text.text.length, session, [...chain, file.path], guards());
        }
      }
    };
    for (const p of pieces) {
      runCommandsBefore(p.start);
      // Ended by `\r` or `\gdesc`: psql never sends it.
      if (psql && p.sentBy && discardsQuery(p.sentBy)) continue;
      if (!conditionals.runs) continue;
      const sql = source.text.slice(p.start, p.end);
      if (p.keyword === "begin" || p.keyword === "start") session.explicit = true;
      else if (p.keyword === "commit" || p.keyword === "end" || p.keyword === "rollback" || p.keyword === "abort") session.explicit = false;
      if (session.wrapped === "none") undo(session, p.keyword, sql, guards().length > 0);
      // A DO block with index DDL is reported by the statement reader, as for every source (src/sql/statements.ts).
      // Flyway runs a statement PostgreSQL refuses in a transaction (… CONCURRENTLY) outside it on its own.
      const flywayOutside = session.layout === "flyway" && /\bconcurrently\b/i.test(sql);
      // psql runs each row this query returns as a statement: index DDL built there is known only at run time.
      if (psql && p.sentBy?.name === "gexec" && buildsIndex(sql)) notRead(p.start, sql, "psql runs the rows this query returns as statements (\\gexec): the index DDL they hold is known only at run time");
      const statement = statementOf(source, session.migration, p.start, p.end, (wrapped && !flywayOutside) || session.explicit, guards());
      out.statements.push(psql && p.sentBy?.name === "gexec" ? { ...statement, runsItsRows: true } : statement);
    }
    runCommandsBefore(Infinity);
    // A file run many times says what it cannot read once.
    for (const d of dynamic.sort((a, b) => a.index - b.index)) {
      const key = `${d.file}\n${d.index}\n${d.reason}`;
      if (said.has(key)) continue;
      said.add(key);
      out.dynamic.push(d);
    }
  }
}

/**
 * Where a file that runs each statement on its own (psql, a tool's no-transaction section) opened its transaction and
 * its savepoints (indexes into `out.statements`), and what a ROLLBACK undoes: the statements since. Inside a tool's own
 * transaction, or under a psql `\if` the reader does not decide, nothing is taken as undone.
 */
function undoing(statements: SourceStatement[]): (session: Session, keyword: string, sql: string, guarded: boolean) => void {
  return (session, keyword, sql, guarded) => {
    const at = statements.length;
    // COMMIT or ROLLBACK: under an undecided `\if` it may not end the transaction; AND CHAIN opens the next at once.
    const end = (): void => {
      session.maybeOpen = guarded ? (session.opened ?? session.maybeOpen) : null;
      session.opened = /\band\s+chain\b/i.test(sql) && !guarded ? at : null;
    };
    if (keyword === "begin" || keyword === "start") {
      session.opened = guarded ? null : at;
      session.maybeOpen = guarded ? at : null;
      session.savepoints = new Map();
      return;
    }
    if (keyword === "commit" || keyword === "end") return end();
    if (keyword === "savepoint") {
      const name = SAVEPOINT.exec(sql)?.[1];
      if (name !== undefined && session.opened !== null && !guarded) session.savepoints.set(name.toLowerCase(), at);
      return;
    }
    if (keyword !== "rollback" && keyword !== "abort") return;
    const to = ROLLBACK_TO.exec(sql);
    if (/\bprepared\b/i.test(sql)) return;
    const from = to ? session.savepoints.get((to[1] ?? "").toLowerCase()) : session.opened;
    if (!to) end();
    if (from === undefined || from === null || guarded) return;
    for (let k = from; k < at; k++) statements[k] = { ...statements[k]!, rolledBack: true };
  };
}

/** `SAVEPOINT name`. */
// Linear: anchored; one `\s+` run, then a word.
const SAVEPOINT = /^savepoint\s+"?(\w+)/i;

/** `ROLLBACK [WORK | TRANSACTION] TO [SAVEPOINT] name`. */
// Linear: anchored; each optional word is fixed and the `\s+` runs end at the next word.
const ROLLBACK_TO = /^(?:rollback|abort)(?:\s+(?:work|transaction))?\s+to\s+(?:savepoint\s+)?"?(\w+)/i;

/** What holds from one statement psql runs to the next, across the files it runs. */
interface Session {
  /** The migration file being applied (a file it runs with `\ir` is part of it). */
  migration: string;
  layout: Layout;
  wrapped: UpSection["transaction"];
  /** Inside a BEGIN the file itself wrote. */
  explicit: boolean;
  /** Where that BEGIN is (an index into the statements read), and its savepoints by name. */
  opened: number | null;
  /** Where a transaction may be open: a BEGIN, or one a COMMIT or ROLLBACK may have ended, under a psql `\if` not decided. */
  maybeOpen: number | null;
  savepoints: Map<string, number>;
}

/** Flyway's `${name}` placeholders (and `${flyway:…}`); other tools' files do not use the syntax. */
// Linear: `\$\{` then a run of non-braces.
const PLACEHOLDER = /\$\{([^{}\n]*)\}/g;

/** psql's conditional blocks' commands. */
const CONDITIONALS: ReadonlySet<string> = new Set(["if", "elif", "else", "endif"]);

/** A statement that runs only under undecided `guards` (psql's `\if`) may not run: replay does not take it as surely run. */
const MAY_NOT_RUN: RunCondition = { question: { tests: [], unknown: true }, when: true, parent: null };

function statementOf(source: SourceText, migration: string, start: number, end: number, transaction: boolean, guards: readonly Guard[]): SourceStatement {
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
    ...(guards.length > 0 ? { guards, runsIf: MAY_NOT_RUN } : {}),
  };
}

/** `-- index-audit: ignore[…]` comments; `#` starts no comment in SQL. */
export function sqlSuppressions(source: SourceText): Suppression[] {
  return readSuppressions(source, SQL_COMMENT_SITES).filter((s) => [...lineText(source, s.line)].slice(s.column - 1).join("").startsWith("--"));
}
