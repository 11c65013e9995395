import { baseName, joinPath, parentOf } from "../../paths/relative.js";
import type { SourceFileInput, SourceProblem } from "../types.js";
import { isOtherDatabase, isPostgresName } from "./databases.js";

/**
 * Which `.sql` files a migration tool applies, in its order, and which part of
 * each: the tool is told by the directory (a file named or marked for one tool
 * makes the directory that tool's), and a file its tool would not apply (a
 * `seed.sql` beside golang-migrate's files, another database's variant) is not
 * read.
 */
export type Layout = "flyway" | "golang-migrate" | "dbmate" | "goose" | "sql-migrate" | "sqitch" | "yoyo" | "plain";

export interface PlannedFile {
  file: SourceFileInput;
  layout: Layout;
  /** Sort group (Flyway's repeatable migrations run after every versioned one; see FLYWAY_GROUP), then key. */
  group: number;
  key: string;
}

/** The part of a file its tool runs on upgrade, and how: in a transaction the tool opens, outside any, or sent as one query (where several statements make one implicit transaction). */
export interface UpSection {
  from: number;
  to: number;
  transaction: "wrapped" | "none" | "one-query";
}

// Linear: anchored; each part is a run of one character class.
const FLYWAY_VERSIONED = /^V(\d+(?:[._]\d+)*)__.*\.sql$/i;
const FLYWAY_REPEATABLE = /^R__(.*)\.sql$/i;
const FLYWAY_UNDO = /^U\d+(?:[._]\d+)*__.*\.sql$/i;
// A Flyway SQL callback: an event's name, then `__` and a description or nothing (Flyway's names are case-sensitive).
const FLYWAY_CALLBACK = /^([a-zA-Z]+)(?:__.*)?\.sql$/;
/**
 * Flyway's sort groups: its versioned migrations, then its repeatable ones,
 * and the SQL callbacks `flyway migrate` runs once around them, in its order
 * (validation first, which migrate runs by default; beforeRepeatables only
 * when there is a repeatable migration). A callback after each migration,
 * statement or connection, or when Flyway creates its schemas, is said, not
 * read; one after an error, or of another command, never runs on a migrate
 * that succeeds. Repeatables keep group 1 (yoyo's hooks have it too), and the
 * callbacks take groups no other tool has.
 */
const FLYWAY_GROUP = { beforeValidate: -3, afterValidate: -2, beforeMigrate: -1, versioned: 0, afterVersioned: 0.5, beforeRepeatables: 0.75, repeatable: 1, afterMigrateApplied: 1.5, afterMigrate: 1.75 } as const;
/** Flyway's other callback events, which `flyway migrate` runs in no single place (said) or not at all. */
const FLYWAY_SAID: ReadonlyMap<string, string> = new Map([
  ...["beforeEachMigrate", "beforeEachMigrateStatement", "afterEachMigrateStatement", "afterEachMigrate", "beforeConnect", "afterConnect"].map((e) => [e, "runs around each migration, statement or connection"] as const),
  ...["createSchema", "beforeCreateSchema"].map((e) => [e, "runs when Flyway creates its schemas"] as const),
]);
const FLYWAY_NOT_RUN = new Set(
  ["EachMigrateStatementError", "EachMigrateError", "MigrateError", "ValidateError", "Undo", "EachUndo", "EachUndoStatement", "EachUndoStatementError", "EachUndoError", "UndoError", "Clean", "CleanError", "Info", "InfoError", "Baseline", "BaselineError", "Repair", "RepairError"].flatMap((e) => [`before${e}`, `after${e}`]),
);
/** The event a file name is a Flyway callback of, if any. */
function flywayEvent(name: string): string | null {
  const event = FLYWAY_CALLBACK.exec(name)?.[1];
  return event !== undefined && event !== "versioned" && event !== "repeatable" && (Object.hasOwn(FLYWAY_GROUP, event) || FLYWAY_SAID.has(event) || FLYWAY_NOT_RUN.has(event)) ? event : null;
}
// golang-migrate's `{version}_{title}.{up|down}.{ext}`; pop (Ory's tools) adds a database between: `{version}_{name}.{dialect}.up.sql`.
const GOLANG_MIGRATE = /^(\d+)_(.*)\.(up|down)\.sql$/i;
// Linear: anchored at a line start; the rest of the line is one run.
const DBMATE_UP = /^--\s*migrate:up\b(.*)$/m;
const DBMATE_DOWN = /^--\s*migrate:down\b/m;
const GOOSE_UP = /^--\s*\+goose\s+up\b.*$/im;
const GOOSE_DOWN = /^--\s*\+goose\s+down\b/im;
const GOOSE_NO_TRANSACTION = /^--\s*\+goose\s+no\s+transaction\b/im;
const SQL_MIGRATE_UP = /^--\s*\+migrate\s+up\b(.*)$/im;
const SQL_MIGRATE_DOWN = /^--\s*\+migrate\s+down\b/im;
// yoyo (a Python tool): `<id>.sql`, undone by `<id>.rollback.sql`, which an upgrade never runs (its test is case-sensitive).
const YOYO_ROLLBACK = ".rollback.sql";

/**
 * The files their tools apply, in order: sqitch's plan when there is one, else
 * each directory's tool; and what the tool would refuse to run (a migration
 * without its tool's Up marker, a change whose deploy script is missing).
 */
export function orderSqlFiles(files: readonly SourceFileInput[], plan: SourceFileInput | null, yoyoDirs: ReadonlySet<string> = new Set()): { planned: PlannedFile[]; refused: SourceProblem[] } {
  if (plan) return sqitchOrder(files, plan);
  const byDir = new Map<string, SourceFileInput[]>();
  for (const f of files) {
    const dir = parentOf(f.path);
    const list = byDir.get(dir);
    if (list) list.push(f);
    else byDir.set(dir, [f]);
  }
  let out: PlannedFile[] = [];
  const refused: SourceProblem[] = [];
  for (const [dir, dirFiles] of byDir) {
    const layout = yoyoDirs.has(dir) ? "yoyo" : layoutOf(dirFiles);
    if (layout === "yoyo") {
      const yoyo = yoyoOrder(dirFiles);
      out.push(...yoyo.planned);
      refused.push(...yoyo.refused);
      continue;
    }
    const planned = plannedIn(dirFiles, layout);
    out.push(...planned);
    refused.push(...unmarked(dirFiles, layout));
    if (layout === "flyway") refused.push(...flywayCallbacksSaid(dirFiles));
    if (layout !== "flyway") refused.push(...sameVersion(planned));
  }
  // Flyway's versions are one space across its location's directories.
  refused.push(...sameVersion(out.filter((p) => p.layout === "flyway")));
  // beforeRepeatables runs just before the first repeatable migration: never without one.
  if (!out.some((p) => p.layout === "flyway" && p.group === FLYWAY_GROUP.repeatable)) out = out.filter((p) => !(p.layout === "flyway" && p.group === FLYWAY_GROUP.beforeRepeatables));
  return { planned: out.sort((a, b) => a.group - b.group || naturalCompare(versionKey(a), versionKey(b)) || cmp(a.file.path, b.file.path)), refused };
}

/** A migration's name to goose and dbmate (a version, `_`, a name); sql-migrate takes every `.sql` file. */
// Linear: anchored, one run of digits.
const VERSIONED_NAME = /^\d+_/;

/** goose, sql-migrate and dbmate refuse to run a migration without their Up marker: said, since it is not read. */
function unmarked(files: readonly SourceFileInput[], layout: Layout): SourceProblem[] {
  const marker = layout === "goose" ? { up: GOOSE_UP, text: "-- +goose Up" } : layout === "sql-migrate" ? { up: SQL_MIGRATE_UP, text: "-- +migrate Up" } : layout === "dbmate" ? { up: DBMATE_UP, text: "-- migrate:up" } : null;
  if (!marker) return [];
  return files
    .filter((f) => (layout === "sql-migrate" || VERSIONED_NAME.test(baseName(f.path))) && !marker.up.test(f.text))
    .map((f) => ({ kind: "refused", file: f.path, index: 0, message: `${layout} refuses to run a migration without a \`${marker.text}\` line: not read` }));
}

/** Flyway's callbacks that run in no single place (FLYWAY_SAID): said, since they are read nowhere. */
function flywayCallbacksSaid(files: readonly SourceFileInput[]): SourceProblem[] {
  return files
    .flatMap((f) => {
      const event = flywayEvent(baseName(f.path));
      const when = event === null ? undefined : FLYWAY_SAID.get(event);
      return when === undefined ? [] : [{ kind: "not-read" as const, file: f.path, index: 0, message: `a Flyway callback that ${when} (${event}): not read` }];
    });
}

/**
 * goose, golang-migrate and Flyway refuse to run when two migrations have one
 * version (Flyway: `V1.1__a` and `V1_01__b`; the others: the leading number):
 * said at each file after the first, in path order.
 */
function sameVersion(planned: readonly PlannedFile[]): SourceProblem[] {
  const seen = new Map<string, string>();
  const out: SourceProblem[] = [];
  for (const p of [...planned].sort((a, b) => cmp(a.file.path, b.file.path))) {
    const version = versionOf(p);
    if (version === null) continue;
    const first = seen.get(version);
    if (first === undefined) seen.set(version, p.file.path);
    else out.push({ kind: "refused", file: p.file.path, index: 0, message: `${TOOL_NAMES[p.layout]} refuses to run migrations when two have one version: ${baseName(p.file.path)} has the version of ${first} (${version})` });
  }
  return out;
}

const TOOL_NAMES: Record<Layout, string> = { flyway: "Flyway", "golang-migrate": "golang-migrate", dbmate: "dbmate", goose: "goose", "sql-migrate": "sql-migrate", sqitch: "sqitch", yoyo: "yoyo", plain: "psql" };

/** The version a tool keys a migration by (Flyway's parts as numbers, trailing zero parts dropped; goose's and golang-migrate's leading number); null where versions may repeat. */
function versionOf(p: PlannedFile): string | null {
  const name = baseName(p.file.path);
  if (p.layout === "flyway") {
    const m = p.group === FLYWAY_GROUP.versioned ? FLYWAY_VERSIONED.exec(name) : null;
    if (!m) return null;
    const parts = m[1]!.split(/[._]/).map((x) => BigInt(x).toString());
    while (parts.length > 1 && parts[parts.length - 1] === "0") parts.pop();
    return parts.join(".");
  }
  if (p.layout !== "goose" && p.layout !== "golang-migrate") return null;
  const m = /^\d+/.exec(name);
  return m ? BigInt(m[0]).toString() : null;
}

/** The tool of one directory's files: a Flyway name, then a tool's marker in a file, then golang-migrate's names. */
function layoutOf(files: readonly SourceFileInput[]): Layout {
  const names = files.map((f) => baseName(f.path));
  // Callbacks alone (a `callbacks/` directory of a Flyway location) are Flyway's too.
  if (names.some((n) => FLYWAY_VERSIONED.test(n) || FLYWAY_REPEATABLE.test(n) || FLYWAY_UNDO.test(n) || flywayEvent(n) !== null)) return "flyway";
  if (files.some((f) => GOOSE_UP.test(f.text))) return "goose";
  if (files.some((f) => SQL_MIGRATE_UP.test(f.text))) return "sql-migrate";
  if (files.some((f) => DBMATE_UP.test(f.text))) return "dbmate";
  if (files.some((f) => f.path.endsWith(YOYO_ROLLBACK) || yoyoDirectives(f.text).size > 0)) return "yoyo";
  if (names.some((n) => GOLANG_MIGRATE.test(n))) return "golang-migrate";
  return "plain";
}

function plannedIn(files: readonly SourceFileInput[], layout: Layout): PlannedFile[] {
  const out: PlannedFile[] = [];
  switch (layout) {
    case "flyway":
      for (const file of files) {
        const name = baseName(file.path);
        const repeatable = FLYWAY_REPEATABLE.exec(name);
        const event = flywayEvent(name);
        if (repeatable) out.push({ file, layout, group: FLYWAY_GROUP.repeatable, key: repeatable[1]! });
        else if (FLYWAY_VERSIONED.test(name)) out.push({ file, layout, group: FLYWAY_GROUP.versioned, key: name });
        // A callback `flyway migrate` runs once, in its place; undo files and names that are not Flyway's are not applied.
        else if (event !== null && Object.hasOwn(FLYWAY_GROUP, event)) out.push({ file, layout, group: FLYWAY_GROUP[event as keyof typeof FLYWAY_GROUP], key: name });
      }
      return out;
    case "golang-migrate":
      return golangMigrateFiles(files);
    case "goose":
      return files.filter((f) => GOOSE_UP.test(f.text)).map((file) => ({ file, layout, group: 0, key: baseName(file.path) }));
    case "sql-migrate":
      return files.filter((f) => SQL_MIGRATE_UP.test(f.text)).map((file) => ({ file, layout, group: 0, key: baseName(file.path) }));
    case "dbmate":
      return files.filter((f) => DBMATE_UP.test(f.text)).map((file) => ({ file, layout, group: 0, key: baseName(file.path) }));
    default:
      return files.map((file) => ({ file, layout, group: 0, key: baseName(file.path) }));
  }
}

/**
 * `*.up.sql` files; with pop's database part, only PostgreSQL's, which
 * replaces the version's file for every database (`….up.sql`), as pop's
 * filter does.
 */
function golangMigrateFiles(files: readonly SourceFileInput[]): PlannedFile[] {
  const up = files.flatMap((file) => {
    const m = GOLANG_MIGRATE.exec(baseName(file.path));
    if (m === null) return [];
    if (m[3]!.toLowerCase() !== "up") return [];
    const dot = m[2]!.lastIndexOf(".");
    const dialect = dot === -1 ? null : m[2]!.slice(dot + 1);
    if (dialect !== null && isOtherDatabase(dialect)) return [];
    return [{ file, version: BigInt(m[1]!), postgres: dialect !== null && isPostgresName(dialect) }];
  });
  const specific = new Set(up.filter((u) => u.postgres).map((u) => u.version));
  return up.filter((u) => u.postgres || !specific.has(u.version)).map(({ file }) => ({ file, layout: "golang-migrate", group: 0, key: baseName(file.path) }));
}

/** The part of `text` its tool runs on upgrade; null when it runs none of it. */
export function upSection(layout: Layout, text: string): UpSection | null {
  switch (layout) {
    case "dbmate": {
      const s = marked(text, DBMATE_UP, DBMATE_DOWN);
      // `-- migrate:up transaction:false` runs the section outside a transaction.
      return s && { from: s.from, to: s.to, transaction: /\btransaction:false\b/.test(s.options) ? "none" : "wrapped" };
    }
    case "goose": {
      const s = marked(text, GOOSE_UP, GOOSE_DOWN);
      // `-- +goose NO TRANSACTION` anywhere in the file runs it outside one.
      return s && { from: s.from, to: s.to, transaction: GOOSE_NO_TRANSACTION.test(text) ? "none" : "wrapped" };
    }
    case "sql-migrate": {
      const s = marked(text, SQL_MIGRATE_UP, SQL_MIGRATE_DOWN);
      return s && { from: s.from, to: s.to, transaction: /\bnotransaction\b/i.test(s.options) ? "none" : "wrapped" };
    }
    case "flyway":
      return { from: 0, to: text.length, transaction: "wrapped" };
    // golang-migrate sends the file as one query: PostgreSQL runs several statements as one implicit transaction.
    case "golang-migrate":
      return { from: 0, to: text.length, transaction: "one-query" };
    // yoyo runs a migration's statements one by one, in a transaction unless `-- transactional: false` says not to.
    case "yoyo":
      return { from: 0, to: text.length, transaction: yoyoDirectives(text).get("transactional")?.toLowerCase() === "false" ? "none" : "wrapped" };
    default:
      return { from: 0, to: text.length, transaction: "none" };
  }
}

/** From after the up marker's line to the down marker (or the end); the up marker's options. */
function marked(text: string, up: RegExp, down: RegExp): { from: number; to: number; options: string } | null {
  const m = up.exec(text);
  if (!m) return null;
  const from = m.index + m[0].length;
  const d = down.exec(text.slice(from));
  return { from, to: d ? from + d.index : text.length, options: m[1] ?? "" };
}

/** Flyway compares versions part by part (`V1.10` after `V1.9`; `1.1` and `1_1` are the same). */
function versionKey(p: PlannedFile): string {
  const m = p.layout === "flyway" && p.group === FLYWAY_GROUP.versioned ? FLYWAY_VERSIONED.exec(p.key) : null;
  return m ? m[1]!.replace(/_/g, ".") : p.key;
}

/**
 * sqitch deploys `deploy/<change>.sql` in the order the plan lists the
 * changes; a change name may hold `/` (`tables/users` is
 * `deploy/tables/users.sql`). A reworked change (listed again after a tag) runs
 * its earlier script first, kept as `deploy/<change>@<tag>.sql` under the
 * first tag between the two listings that has such a file.
 */
function sqitchOrder(files: readonly SourceFileInput[], plan: SourceFileInput): { planned: PlannedFile[]; refused: SourceProblem[] } {
  const deploy = joinPath(parentOf(plan.path), "deploy") + "/";
  const byScript = new Map<string, SourceFileInput>();
  for (const f of files) {
    // A revert or verify script, or one of another project, is no deploy script.
    const i = f.path.startsWith(deploy) ? deploy.length : f.path.startsWith("deploy/") ? "deploy/".length : !f.path.includes("/deploy/") ? -1 : f.path.lastIndexOf("/deploy/") + "/deploy/".length;
    if (i !== -1) byScript.set(f.path.slice(i).replace(/\.sql$/i, ""), f);
  }
  const entries: ({ change: string; line: number } | { tag: string })[] = [];
  plan.text.split(/\r?\n|\r/).forEach((raw, k) => {
    const line = raw.trim();
    // Pragmas (`%project=…`) and comments are not changes.
    if (line === "" || line.startsWith("%") || line.startsWith("#")) return;
    const word = line.split(/[\s[]/, 1)[0]!;
    entries.push(word.startsWith("@") ? { tag: word } : { change: word, line: k + 1 });
  });
  const out: PlannedFile[] = [];
  const refused: SourceProblem[] = [];
  entries.forEach((e, i) => {
    if (!("change" in e)) return;
    const later = entries.findIndex((x, j) => j > i && "change" in x && x.change === e.change);
    const tags = later === -1 ? [] : entries.slice(i + 1, later).flatMap((x) => ("tag" in x ? [x.tag] : []));
    const script = later === -1 ? e.change : (tags.map((t) => `${e.change}${t}`).find((s) => byScript.has(s)) ?? null);
    const file = script === null ? undefined : byScript.get(script);
    // A reworked change's earlier script may be gone: sqitch then runs none for it.
    if (!file && later === -1) refused.push({ kind: "refused", file: plan.path, index: 0, at: { line: e.line, column: 1 }, message: `sqitch cannot deploy the change ${e.change}: its script ${deploy}${e.change}.sql is missing` });
    if (file && !out.some((p) => p.file === file)) out.push({ file, layout: "sqitch", group: 0, key: e.change });
  });
  return { planned: out, refused };
}

/**
 * yoyo's directives (`-- depends: a b`, `-- transactional: false`): read from
 * the lines of the comment block a file starts with, up to its first line of
 * SQL; a directive given twice has its values joined, as yoyo joins them.
 */
function yoyoDirectives(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split(/\r\n|\n|\r/)) {
    // Linear: anchored; each part is one run of a class.
    const m = /^\s*--\s*(transactional|depends)\s*:\s*(.*)$/.exec(line);
    if (m) {
      const before = out.get(m[1]!);
      out.set(m[1]!, before === undefined ? m[2]! : `${before} ${m[2]!}`);
    } else if (!/^\s*(?:--.*)?$/.test(line)) break;
  }
  return out;
}

/**
 * The order yoyo applies a directory's migrations in: by file name (code
 * points, not a natural sort), a migration moved after those its `-- depends:`
 * names (the first by name of those ready goes next), then its `post-apply`
 * hooks. Rollback files and names yoyo does not read (`.SQL`) are not applied.
 * A dependency on a migration not among the `.sql` files (a `.py` one) is left
 * to yoyo; a cycle makes yoyo refuse to run.
 */
function yoyoOrder(files: readonly SourceFileInput[]): { planned: PlannedFile[]; refused: SourceProblem[] } {
  const idOf = (f: SourceFileInput): string => baseName(f.path).slice(0, -".sql".length);
  const all = files.filter((f) => f.path.endsWith(".sql") && !f.path.endsWith(YOYO_ROLLBACK)).sort((a, b) => cmp(a.path, b.path));
  const hooks = all.filter((f) => idOf(f).startsWith("post-apply"));
  const migrations = all.filter((f) => !idOf(f).startsWith("post-apply"));
  const index = new Map(migrations.map((f, i) => [idOf(f), i]));
  const needs = migrations.map((f) => new Set((yoyoDirectives(f.text).get("depends") ?? "").split(/\s+/).flatMap((id) => (index.has(id) ? [index.get(id)!] : []))));
  const done = new Set<number>();
  const order: number[] = [];
  for (;;) {
    const next = migrations.findIndex((_, i) => !done.has(i) && [...needs[i]!].every((d) => done.has(d)));
    if (next === -1) break;
    done.add(next);
    order.push(next);
  }
  // Left over: the migrations of a circle, and those that wait on one.
  const left = migrations.flatMap((_, i) => (done.has(i) ? [] : [i]));
  const reaches = (from: number, to: number): boolean => {
    const seen = new Set<number>();
    const stack = [...needs[from]!];
    for (let n = stack.pop(); n !== undefined; n = stack.pop()) {
      if (n === to) return true;
      if (seen.has(n)) continue;
      seen.add(n);
      stack.push(...needs[n]!);
    }
    return false;
  };
  const circle = left.filter((i) => reaches(i, i));
  const names = circle.map((j) => idOf(migrations[j]!)).join(", ");
  const refused: SourceProblem[] = left.map((i) => ({
    kind: "refused",
    file: migrations[i]!.path,
    index: 0,
    message: circle.includes(i) ? `yoyo refuses to run when migrations depend on each other in a circle: ${names}` : `yoyo refuses to run: this migration waits on migrations that depend on each other in a circle (${names})`,
  }));
  const planned = [...order, ...left].map((i, k): PlannedFile => ({ file: migrations[i]!, layout: "yoyo", group: 0, key: String(k) }));
  hooks.forEach((file, k) => planned.push({ file, layout: "yoyo", group: 1, key: String(k) }));
  return { planned, refused };
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
