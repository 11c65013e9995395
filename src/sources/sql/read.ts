import { holeId } from "../../python/holes.js";
import { readSuppressions, type Suppression } from "../../python/suppressions.js";
import type { DirectiveSites } from "../../python/directives.js";
import { createSourceText, lineIndexOf, lineText, type SourceText } from "../../source/text.js";
import type { ReaderTools, SourceFileInput, SourceFileRead, SourceRead, SourceStatement } from "../types.js";
import { splitSql } from "./split.js";
import { concatOffsets, offsetsAt, offsetsSpan, type SourceOffsets } from "../../python/offsets.js";

/** In a .sql file a directive is a `--` comment; the filter below keeps those that start one. */
export const SQL_COMMENT_SITES: DirectiveSites = { accepts: (marker) => marker === "--" };

/** How a file's statements run, by the tool that applies it. */
type Layout = "flyway" | "golang-migrate" | "dbmate" | "sqitch" | "plain";

// Linear: anchored; each part is a run of one character class.
const FLYWAY_VERSIONED = /^V(\d+(?:[._]\d+)*)__.*\.sql$/i;
const FLYWAY_REPEATABLE = /^R__(.*)\.sql$/i;
const FLYWAY_UNDO = /^U\d+(?:[._]\d+)*__.*\.sql$/i;
const DBMATE_UP = /^--\s*migrate:up\b(.*)$/m;
const DBMATE_DOWN = /^--\s*migrate:down\b/m;
// Linear: each attempt starts at a word boundary before a fixed word.
const INDEX_DDL = /\b(create\s+(unique\s+)?index|drop\s+index|alter\s+index)\b/i;

interface Planned {
  file: SourceFileInput;
  layout: Layout;
  /** Sort group (Flyway's repeatable migrations run after every versioned one), then key. */
  group: number;
  key: string;
}

/**
 * `.sql` migrations in the order their tool applies them: Flyway `V<version>__`
 * by version then `R__` by description (undo files ignored), golang-migrate
 * `*.up.sql` (`*.down.sql` ignored), dbmate's `-- migrate:up` section only,
 * sqitch's deploy scripts in `sqitch.plan` order, anything else by a natural
 * sort of the file names. One statement per SQL statement of the file, at its
 * first keyword.
 */
export function readSqlSource(files: readonly SourceFileInput[], plan: SourceFileInput | null, tools: Pick<ReaderTools, "sql">): SourceRead {
  const planned = order(files, plan);
  const out: SourceRead = { kind: "sql", files: [], statements: [], dynamic: [], problems: [] };
  for (const { file, layout } of planned) {
    const source = createSourceText(file.path, file.text);
    const read: SourceFileRead = { source, root: null, syntax: [], invalidUtf8At: file.invalidUtf8At ?? null, sites: SQL_COMMENT_SITES, suppressions: sqlSuppressions(source) };
    out.files.push(read);
    let from = 0;
    let to = source.text.length;
    let wrapped = layout === "flyway" || layout === "dbmate";
    if (layout === "dbmate") {
      const up = DBMATE_UP.exec(source.text);
      if (!up) continue;
      from = up.index + up[0].length;
      const down = DBMATE_DOWN.exec(source.text.slice(from));
      if (down) to = from + down.index;
      // `-- migrate:up transaction:false` runs the section outside a transaction.
      if (/\btransaction:false\b/.test(up[1]!)) wrapped = false;
    }
    const pieces = splitSql(tools.sql, source.text, from, to);
    // golang-migrate sends the file as one query: PostgreSQL runs several statements as one implicit transaction.
    if (layout === "golang-migrate") wrapped = pieces.length > 1;
    let explicit = false;
    for (const p of pieces) {
      if (p.keyword === "begin" || p.keyword === "start") explicit = true;
      else if (p.keyword === "commit" || p.keyword === "end" || p.keyword === "rollback" || p.keyword === "abort") explicit = false;
      const sql = source.text.slice(p.start, p.end);
      // A DO block's body is PL/pgSQL, which PostgreSQL's SQL parser leaves as a string: index DDL there is not read.
      if (p.keyword === "do" && INDEX_DDL.test(sql))
        out.dynamic.push({ file: file.path, index: p.start, template: sql.replace(/\s+/g, " ").trim(), reason: "index DDL inside a DO block (PL/pgSQL) is not read statically", executor: null, function: null });
      // Flyway runs a statement PostgreSQL refuses in a transaction (… CONCURRENTLY) outside it on its own.
      const flywayOutside = layout === "flyway" && /\bconcurrently\b/i.test(sql);
      out.statements.push(statementOf(source, file.path, p.start, p.end, (wrapped && !flywayOutside) || explicit));
    }
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

function baseName(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function order(files: readonly SourceFileInput[], plan: SourceFileInput | null): Planned[] {
  if (plan) return sqitchOrder(files, plan);
  const out: Planned[] = [];
  for (const file of files) {
    const name = baseName(file.path);
    if (FLYWAY_UNDO.test(name) || /\.down\.sql$/i.test(name)) continue;
    const repeatable = FLYWAY_REPEATABLE.exec(name);
    if (repeatable) out.push({ file, layout: "flyway", group: 1, key: repeatable[1]! });
    else if (FLYWAY_VERSIONED.test(name)) out.push({ file, layout: "flyway", group: 0, key: name });
    else if (/\.up\.sql$/i.test(name)) out.push({ file, layout: "golang-migrate", group: 0, key: name });
    else if (DBMATE_UP.test(file.text)) out.push({ file, layout: "dbmate", group: 0, key: name });
    else out.push({ file, layout: "plain", group: 0, key: name });
  }
  return out.sort((a, b) => a.group - b.group || naturalCompare(versionKey(a), versionKey(b)) || cmp(a.file.path, b.file.path));
}

/** Flyway compares versions part by part (`V1.10` after `V1.9`; `1.1` and `1_1` are the same). */
function versionKey(p: Planned): string {
  const m = p.layout === "flyway" && p.group === 0 ? FLYWAY_VERSIONED.exec(p.key) : null;
  return m ? m[1]!.replace(/_/g, ".") : p.key;
}

/** sqitch deploys `deploy/<change>.sql` in the order the plan lists the changes. */
function sqitchOrder(files: readonly SourceFileInput[], plan: SourceFileInput): Planned[] {
  const byChange = new Map<string, SourceFileInput>();
  for (const f of files) {
    const i = f.path.lastIndexOf("deploy/");
    byChange.set((i >= 0 ? f.path.slice(i + "deploy/".length) : baseName(f.path)).replace(/\.sql$/i, ""), f);
  }
  const out: Planned[] = [];
  for (const raw of plan.text.split(/\r?\n|\r/)) {
    const line = raw.trim();
    // Pragmas (`%project=…`), comments and tags (`@v1.0`) are not changes.
    if (line === "" || line.startsWith("%") || line.startsWith("#") || line.startsWith("@")) continue;
    const change = line.split(/[\s[]/, 1)[0]!;
    const file = byChange.get(change);
    if (file && !out.some((p) => p.file === file)) out.push({ file, layout: "sqitch", group: 0, key: change });
  }
  return out;
}

/** Digits compare as numbers: `2_x.sql` before `10_x.sql`. */
export function naturalCompare(a: string, b: string): number {
  const ra = a.match(/\d+|\D+/g) ?? [];
  const rb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ra.length, rb.length); i++) {
    const x = ra[i]!;
    const y = rb[i]!;
    if (x === y) continue;
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    if (dx && dy) {
      const nx = BigInt(x);
      const ny = BigInt(y);
      if (nx !== ny) return nx < ny ? -1 : 1;
      continue;
    }
    return cmp(x, y);
  }
  return ra.length - rb.length;
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** `-- index-audit: ignore[…]` comments; `#` starts no comment in SQL. */
export function sqlSuppressions(source: SourceText): Suppression[] {
  return readSuppressions(source, SQL_COMMENT_SITES).filter((s) => [...lineText(source, s.line)].slice(s.column - 1).join("").startsWith("--"));
}
