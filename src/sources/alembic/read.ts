import type { SyntaxNode } from "../../python/syntax-node.js";
import { DEFAULT_WRAPPERS } from "../../python/extract.js";
import { createEvaluator, ROOT_ENV, type Evaluator } from "../../python/evaluate.js";
import { createModuleResolver } from "../../python/imports.js";
import { parsePython, syntaxProblems } from "../../python/parser.js";
import { readSuppressions } from "../../python/suppressions.js";
import { directiveSites } from "../../python/directives.js";
import { limitMessage } from "../../python/limits.js";
import type { Value } from "../../python/values.js";
import { createSourceText, positionOf } from "../../source/text.js";
import type { ReaderTools, SourceFileInput, SourceFileRead, SourceNote, SourceRead } from "../types.js";
import { firstMaybeAfter, orderRevisions, type RevisionInfo } from "./graph.js";
import { opNames, type FunctionModule } from "./context.js";
import { importedFunctions } from "./imported.js";
import { targetConvention } from "./target-metadata.js";
import { readUpgrade } from "./operations.js";
import { LazyModuleInfo, moduleValue, type ModuleValue } from "../module.js";

interface ParsedModule {
  read: SourceFileRead;
  info: LazyModuleInfo;
  evaluator: Evaluator;
}

const WRAPPERS = new Set([...DEFAULT_WRAPPERS, "op.f"]);

/** The wrappers of a module: op.f, and `f` imported from alembic.op under any name. */
function wrappersOf(root: SyntaxNode): ReadonlySet<string> {
  const f = [...opNames(root).opFunctions].filter(([, method]) => method === "f").map(([local]) => local);
  return f.length === 0 ? WRAPPERS : new Set([...WRAPPERS, ...f]);
}

/**
 * An Alembic project, read statically: the revision files ordered by their
 * graph, each `upgrade()` turned into the SQL Alembic emits for PostgreSQL,
 * index and constraint names as SQLAlchemy makes them under the naming
 * convention of the metadata `env.py` passes to `context.configure()`.
 */
export function readAlembicSource(revisions: readonly SourceFileInput[], env: readonly SourceFileInput[], tools: Pick<ReaderTools, "python">, limits: readonly SourceNote[] = [], helpers: readonly SourceFileInput[] = [], sysPath: readonly string[] = []): SourceRead {
  // One tree per module text: an env module, or a project module read both for a constant and for a helper, is parsed once.
  const trees = new Map<string, SyntaxNode>();
  const treeOf = (text: string): SyntaxNode => {
    let root = trees.get(text);
    if (!root) {
      root = parsePython(tools.python, text).rootNode;
      trees.set(text, root);
    }
    return root;
  };
  const parse = (f: SourceFileInput): Omit<ParsedModule, "evaluator"> => {
    const source = createSourceText(f.path, f.text);
    const root = treeOf(source.text);
    const syntax = syntaxProblems(root, source.text);
    const info = new LazyModuleInfo(root, source.text, syntax.length === 0);
    // A full parse: every comment is in the tree.
    const sites = directiveSites(info, []);
    const read: SourceFileRead = { source, root, syntax, invalidUtf8At: f.invalidUtf8At ?? null, sites, suppressions: readSuppressions(source, sites) };
    return { read, info };
  };
  // Alembic runs every revision on the connection env.py hands it; whether one transaction spans them all
  // (transaction_per_migration, False by default, set in env.py) is not read.
  const out: SourceRead = { kind: "alembic", session: { sessionAfterMigration: "kept" }, files: [], statements: [], dynamic: [], problems: limits.map((l) => ({ kind: l.kind ?? "limit", file: l.path, index: 0, message: l.message })) };
  // The env modules see each other's names (`naming_convention=NAMING` imported from a conventions module).
  const envModules = env.map((f) => parse(f));
  const projectModules = [...env, ...helpers];
  const resolverFor = createModuleResolver(projectModules.map((f) => ({ path: f.path, text: f.text })), treeOf, WRAPPERS, sysPath);
  const withEvaluator = (m: Omit<ParsedModule, "evaluator">): ParsedModule => ({ ...m, evaluator: createEvaluator(m.info, { wrappers: wrappersOf(m.info.root), imports: resolverFor(m.read.source.path) }) });
  // Helpers the revisions import from the project's modules: each module parsed when first called into.
  const loaded = new Map<string, FunctionModule>();
  const texts = new Map(projectModules.map((f) => [f.path, createSourceText(f.path, f.text).text]));
  const load = (path: string): FunctionModule => {
    let m = loaded.get(path);
    if (!m) {
      const text = texts.get(path)!;
      const root = treeOf(text);
      const info = new LazyModuleInfo(root, text, syntaxProblems(root, text).length === 0);
      m = { info, evaluator: createEvaluator(info, { wrappers: wrappersOf(root), imports: resolverFor(path) }), ...opNames(root), ...importsOf(path, root) };
      loaded.set(path, m);
    }
    return m;
  };
  const importsOf = importedFunctions(new Set(texts.keys()), load, sysPath);
  const { convention, unknown } = targetConvention(
    envModules.map(withEvaluator).map((m) => ({ source: m.read.source, info: m.info, evaluator: m.evaluator })),
    sysPath,
  );
  if (unknown)
    // As the env-modules budget is: a finding (dynamic-index-sql), since every generated name may be wrong.
    out.problems.push({
      kind: "limit",
      file: unknown.source.path,
      index: unknown.index,
      at: positionOf(unknown.source, unknown.index),
      message: unknown.message,
    });
  const modules = new Map<string, ParsedModule>();
  const infos: RevisionInfo[] = [];
  const others: ParsedModule[] = [];
  for (const f of [...revisions].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    // Constants a revision imports from the project's modules (`from migrations.constants import TABLE`) are known.
    const m = withEvaluator(parse(f));
    const info = revisionInfo(m);
    if (info === null) {
      others.push(m);
      // Alembic refuses a script in the versions directory that declares no revision.
      const upgrade = m.info.functionNamed("upgrade");
      if (upgrade)
        out.problems.push({ kind: "revision-graph", file: f.path, index: upgrade.startIndex, message: "this migration script declares no revision identifier (revision = \"…\"), so Alembic cannot load it" });
      continue;
    }
    modules.set(f.path, m);
    infos.push(info);
  }
  const { order, problems } = orderRevisions(infos);
  for (const p of problems) out.problems.push({ kind: "revision-graph", ...p });
  // The graph's order is the apply order only when the graph had no problem.
  if (problems.length === 0) out.migrations = order.map((r) => r.revision);
  // What a revision leaves unread is taken from the first revision that may run after it starts.
  const maybeAfter = firstMaybeAfter(order);
  for (const r of order) {
    const m = modules.get(r.file)!;
    out.files.push(m.read);
    const upgrade = m.info.functionNamed("upgrade");
    if (!upgrade) continue;
    const read = readUpgrade({ source: m.read.source, info: m.info, evaluator: m.evaluator, convention, revision: r.revision, ...opNames(m.info.root), ...importsOf(r.file, m.info.root), carried: new WeakMap() }, upgrade);
    out.statements.push(...read.statements);
    const from = read.dynamic.length > 0 || m.evaluator.limitHits.length > 0 ? maybeAfter(r).revision : r.revision;
    for (const d of read.dynamic) out.dynamic.push({ ...d, migration: from });
    for (const hit of m.evaluator.limitHits) out.problems.push({ kind: "limit", file: r.file, index: hit.index, message: limitMessage(hit), migration: from });
  }
  // A helper module is evaluated by its own evaluator: a budget reached there is a finding in that module.
  for (const [path, m] of loaded) {
    if (m.evaluator.limitHits.length === 0) continue;
    const source = createSourceText(path, texts.get(path)!);
    for (const hit of m.evaluator.limitHits) out.problems.push({ kind: "limit", file: path, index: hit.index, at: positionOf(source, hit.index), message: limitMessage(hit) });
  }
  // Files of the directory that are not revisions (helpers, __init__.py) are read for their syntax only.
  for (const m of others) out.files.push(m.read);
  return out;
}

/** The module-level `revision`, `down_revision`, `depends_on` and `branch_labels`; null when there is no revision. */
function revisionInfo(m: ParsedModule): RevisionInfo | null {
  const value = (name: string): ModuleValue | null => moduleValue(m.info, name);
  // Most are a plain literal or None: read without the evaluator's general path.
  const unread: string[] = [];
  const list = (name: string): string[] => {
    const v = value(name);
    if (v === null || v.none) return [];
    if (v.plain !== null) return [v.plain];
    if (v.node === null) return [];
    const e = m.evaluator.evaluate(v.node, ROOT_ENV);
    const strings = e.kind === "list" ? e.items.filter((i) => i.kind === "str") : [];
    const items = e.kind === "str" ? [e.text] : e.kind === "list" && strings.length === e.items.length ? strings.map((i) => i.text) : null;
    // A name from a module outside the project (`branch_labels = (cli.EXPAND_BRANCH,)`): said, never taken as none silently.
    if (items === null) unread.push(name);
    return items ?? [];
  };
  const rv = value("revision");
  if (rv === null) return null;
  // None is no revision (the evaluator's none is not a string either).
  const rev = rv.plain ?? (rv.node ? stringOf(m.evaluator.evaluate(rv.node, ROOT_ENV)) : null);
  if (rev === null) return null;
  const revisionAt = rv.start;
  const at = (name: string): number => value(name)?.start ?? revisionAt;
  return {
    file: m.read.source.path,
    revision: rev,
    downRevisions: list("down_revision"),
    dependsOn: list("depends_on"),
    branchLabels: list("branch_labels"),
    revisionAt,
    downRevisionAt: at("down_revision"),
    dependsOnAt: at("depends_on"),
    ...(unread.length > 0 ? { unread: unread.map((name) => ({ name, at: at(name) })) } : {}),
  };
}

function stringOf(v: Value): string | null {
  return v.kind === "str" ? v.text : null;
}
