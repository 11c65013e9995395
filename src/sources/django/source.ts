import type { SyntaxNode } from "../../python/syntax-node.js";
import { createEvaluator } from "../../python/evaluate.js";
import { parsePython, syntaxProblems } from "../../python/parser.js";
import { directiveSites } from "../../python/directives.js";
import { readSuppressions } from "../../python/suppressions.js";
import { createSourceText, lineIndexOf, positionOf, type SourceText } from "../../source/text.js";
import type { ReaderTools, SourceFileInput, SourceFileRead, SourceInput, SourceRead, SourceStatement } from "../types.js";
import type { DjangoEvent } from "./events.js";
import { createExprReader } from "./expr.js";
import { DEFAULT_DJANGO_OPTIONS, readDjangoProject, type DjangoFile } from "./read.js";
import { eventSql } from "./sql.js";
import { concatOffsets, offsetsAt } from "../../python/offsets.js";
import { LazyModuleInfo } from "../module.js";

type DjangoInput = Extract<SourceInput, { kind: "django" }>;

/**
 * A Django project's migrations as a source: each operation's effect becomes
 * the SQL Django's PostgreSQL schema editor emits for it, located at the
 * operation's call (or the field's or index's call inside it); RunSQL keeps
 * its own text and positions. Statements come in the order `migrate` applies them.
 */
export function readDjangoSource(input: DjangoInput, tools: Pick<ReaderTools, "python">): SourceRead {
  // `migrate` applies every migration on one connection, each atomic one in a transaction of its own (MigrationExecutor.apply_migration).
  const out: SourceRead = { kind: "django", session: { sessionAfterMigration: "kept", localEndsWithMigration: true }, files: [], statements: [], dynamic: [], problems: [] };
  const parse = (f: SourceFileInput): { file: DjangoFile; read: SourceFileRead } => {
    const source = createSourceText(f.path, f.text);
    const root = parsePython(tools.python, source.text).rootNode;
    const syntax = syntaxProblems(root, source.text);
    // Analyzed only if a name is looked up: operations on literals and dotted names need no scopes.
    const info = new LazyModuleInfo(root, source.text, syntax.length === 0);
    // A full parse: every comment is in the tree.
    const sites = directiveSites(info, []);
    return {
      file: { path: f.path, root, info },
      read: { source, root, syntax, invalidUtf8At: f.invalidUtf8At ?? null, sites, suppressions: readSuppressions(source, sites) },
    };
  };
  const migrations = input.files.map((f) => {
    const p = parse(f);
    return { ...p, file: { ...p.file, migration: { appDir: f.appDir, name: f.name } } };
  });
  const apps = input.apps.map(parse);
  // As Python runs the settings module: the last of its own assignment and the star imports (where each import
  // stands) that make one wins.
  const assigned = new Map<string, Setting & { read: SourceFileRead; at: number }>();
  for (const [i, f] of input.settings.entries()) {
    const parsed = parse(f);
    for (const [name, v] of settingsOf(parsed.file)) {
      const at = i === 0 ? v.node.startIndex : (f.importedAt ?? -1);
      const earlier = assigned.get(name);
      if (earlier === undefined || earlier.at <= at) assigned.set(name, { ...v, read: parsed.read, at });
    }
  }
  const settings = new Map([...assigned].map(([k, v]) => [k, v.value]));
  const user = assigned.get("AUTH_USER_MODEL");
  const userModel = user?.value?.includes(".") ? user.value : null;
  const authUserModel = input.authUserModel ?? userModel ?? DEFAULT_DJANGO_OPTIONS.authUserModel;
  if (input.authUserModel === null && user && userModel === null) {
    const why = user.value === null ? "is not known statically" : `is ${user.value === "" ? "empty" : JSON.stringify(user.value)}, not "app_label.ModelName"`;
    out.dynamic.push({
      file: user.read.source.path,
      index: user.node.startIndex,
      at: positionOf(user.read.source, user.node.startIndex),
      template: user.node.text,
      reason: `settings.AUTH_USER_MODEL ${why}: the user model is read as ${authUserModel}, and keys to it as keys to that model; set authUserModel in the django source's configuration`,
      executor: null,
      function: null,
    });
  }
  const read = readDjangoProject([...migrations, ...apps].map((p) => p.file), { authUserModel, settings });
  const sources = new Map<string, SourceText>();
  const planned = new Set(read.plan.map((d) => d.path));
  // Files in apply order, then the ones no plan reaches (replaced by a squash, or not migrations), for their syntax errors.
  const byPath = new Map(migrations.map((m) => [m.file.path, m]));
  for (const path of [...read.plan.map((d) => d.path), ...migrations.map((m) => m.file.path).filter((p) => !planned.has(p))]) {
    const m = byPath.get(path)!;
    sources.set(path, m.read.source);
    out.files.push(m.read);
  }
  for (const e of read.events) {
    const source = sources.get(e.at.path);
    if (!source) continue;
    if (e.kind === "sql" && e.value.kind === "template") {
      const template = e.value.parts.map((p) => (p.kind === "str" ? p.text : `{${p.node.text}}`)).join("").replace(/\s+/g, " ").trim();
      const reason = e.value.parts.find((p) => p.kind === "unknown")?.reason ?? "not known statically";
      out.dynamic.push({ file: e.at.path, index: e.at.start, template, reason, executor: `migrations.${e.at.operation}`, function: null });
      continue;
    }
    out.statements.push(statementOf(e, source));
  }
  for (const n of read.notes) {
    if (n.kind === "dynamic") out.dynamic.push({ file: n.path, index: n.index, template: n.template ?? "", reason: n.message, executor: null, function: null });
    else out.problems.push({ kind: n.kind === "graph" ? "revision-graph" : n.kind, file: n.path, index: n.index, message: n.message });
  }
  return out;
}

function statementOf(e: DjangoEvent, source: SourceText): SourceStatement {
  const base = {
    file: e.at.path,
    migration: e.at.migration,
    transaction: e.at.atomic,
    anchorLine: lineIndexOf(source, e.at.start) + 1,
    start: e.at.start,
    end: e.at.end,
    function: null,
    executor: `migrations.${e.at.operation}`,
  };
  if (e.kind === "sql" && e.value.kind === "str") return { ...base, sql: e.value.text, offsets: e.value.offsets, nameGenerated: false };
  const sql = eventSql(e) ?? "";
  // Synthetic SQL stands at the call it comes from: its first character at the call's start, its last at the call's end.
  const offsets = sql.length > 1 ? concatOffsets([offsetsAt(e.at.start, sql.length - 1), offsetsAt(Math.max(e.at.start, e.at.end - 1), 1)]) : offsetsAt(e.at.start, sql.length);
  const nameGenerated = e.kind === "create-index" ? e.index.nameGenerated : e.kind === "constraint" ? e.constraint.nameGenerated : false;
  return { ...base, sql, offsets, nameGenerated, ...(e.kind === "drop" && !e.explicit ? { takenWithColumn: true as const } : {}) };
}

/** A setting a settings module assigns: its string, or null when it is not known statically; and the assignment. */
interface Setting {
  value: string | null;
  node: SyntaxNode;
}

/**
 * The settings a module assigns at its top level (`AUTH_USER_MODEL =
 * "accounts.User"`, `HOOK_CUSTOM_MODEL = "shop.Hook"`): each upper-case
 * name's string, or null when it is assigned what is not known statically.
 */
function settingsOf(file: DjangoFile): Map<string, Setting> {
  const reader = createExprReader(file.info, createEvaluator(file.info, { wrappers: new Set() }));
  const out = new Map<string, Setting>();
  for (const st of file.root.namedChildren) {
    const a: SyntaxNode | null = st.type === "expression_statement" ? st.firstNamedChild : null;
    const name = a?.type === "assignment" ? a.childForFieldName("left")?.text : undefined;
    const v = a?.childForFieldName("right");
    // None is known: as a setting it is as falsy as "".
    if (a && name !== undefined && v && /^[A-Z][A-Z0-9_]*$/.test(name)) out.set(name, { value: v.type === "none" ? "" : reader.string(v), node: a });
  }
  return out;
}
