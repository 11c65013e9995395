import type { SyntaxNode } from "../../python/syntax-node.js";
import { createEvaluator, type Evaluator } from "../../python/evaluate.js";
import { limitMessage } from "../../python/limits.js";
import type { ModuleInfo } from "../../python/scope.js";
import { applyMigration } from "./apply.js";
import type { DjangoEvent, DjangoNote } from "./events.js";
import { createExprReader, lastSegment, type ExprReader } from "./expr.js";
import { migrationPlan } from "./graph.js";
import { findMigrationClass, readMigration, type MigrationDecl } from "./migration.js";
import { migrationPath, type MigrationPlace } from "./place.js";
import { Catalog, type DbState } from "./state.js";

/** A parsed Python file of the project (migration modules and `apps.py`). */
export interface DjangoFile {
  path: string;
  root: SyntaxNode;
  info: ModuleInfo;
  /** Where a configured migration module sits; when absent, taken from an `<app>/migrations/` path. */
  migration?: MigrationPlace;
}

export interface DjangoOptions {
  /** `settings.AUTH_USER_MODEL`; Django's default is `auth.User`. */
  authUserModel: string;
  /** The settings module's other assignments, for models that name one as `swappable` (see MigrationReadOptions). */
  settings?: ReadonlyMap<string, string | null>;
}

export const DEFAULT_DJANGO_OPTIONS: DjangoOptions = { authUserModel: "auth.User" };

export interface DjangoRead {
  /** The migrations in the order Django applies them (squashed ones replaced). */
  plan: MigrationDecl[];
  events: DjangoEvent[];
  notes: DjangoNote[];
}

/** `label = "billing"` in an AppConfig subclass of `apps.py`. */
function appLabelOf(root: SyntaxNode, reader: ExprReader): string | null {
  for (const st of root.namedChildren) {
    if (st.type !== "class_definition") continue;
    const bases = st.childForFieldName("superclasses")?.namedChildren ?? [];
    if (!bases.some((b) => lastSegment(b.text.replace(/\s+/g, "")) === "AppConfig")) continue;
    for (const s of st.childForFieldName("body")?.namedChildren ?? []) {
      const a = s.type === "expression_statement" ? s.firstNamedChild : null;
      if (a?.type !== "assignment" || a.childForFieldName("left")?.text !== "label") continue;
      const v = a.childForFieldName("right");
      const label = v ? reader.string(v) : null;
      if (label) return label;
    }
  }
  return null;
}

/**
 * Reads a Django project's migrations statically and replays them in
 * Django's order: what each operation does to the database, as events.
 */
export function readDjangoProject(files: readonly DjangoFile[], options: DjangoOptions): DjangoRead {
  const readers = new Map<string, ExprReader>();
  const evaluators = new Map<string, Evaluator>();
  const readerOf = (f: DjangoFile): ExprReader => {
    let r = readers.get(f.path);
    if (!r) {
      const evaluator = createEvaluator(f.info, { wrappers: new Set() });
      evaluators.set(f.path, evaluator);
      readers.set(f.path, (r = createExprReader(f.info, evaluator)));
    }
    return r;
  };
  const labels = new Map<string, string>();
  for (const f of files) {
    const m = /^(?:(.*)\/)?apps\.py$/.exec(f.path);
    if (!m) continue;
    const label = appLabelOf(f.root, readerOf(f));
    if (label) labels.set(m[1] ?? "", label);
  }
  const decls: MigrationDecl[] = [];
  const skipped: DjangoNote[] = [];
  const byPath = new Map<string, DjangoFile>();
  for (const f of [...files].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const where = f.migration ?? migrationPath(f.path);
    if (!where) continue;
    const cls = findMigrationClass(f.root);
    // Django's loader refuses such a module; here it is said, not dropped silently.
    if (!cls) {
      skipped.push({ kind: "not-read", path: f.path, index: 0, message: "a module among the migrations with no Migration class (a subclass of migrations.Migration) is not read as a migration" });
      continue;
    }
    const app = labels.get(where.appDir) ?? where.appDir.slice(where.appDir.lastIndexOf("/") + 1);
    decls.push(readMigration(cls, { app, name: where.name }, f.path, readerOf(f), options));
    byPath.set(f.path, f);
  }
  const { plan, problems } = migrationPlan(decls);
  const notes: DjangoNote[] = [...skipped, ...problems.map((p): DjangoNote => ({ kind: "graph", path: p.migration.path, index: p.migration.index, message: p.message }))];
  const state: DbState = { models: new Map(), catalog: new Catalog(), nondeterministic: new Set() };
  const events: DjangoEvent[] = [];
  for (const decl of plan) {
    const r = applyMigration(decl, state, readerOf(byPath.get(decl.path)!), options);
    events.push(...r.events);
    notes.push(...r.notes);
  }
  // A budget of static evaluation that ran out is a finding, never a silent "unknown".
  for (const [path, evaluator] of evaluators) {
    for (const hit of evaluator.limitHits) notes.push({ kind: "limit", path, index: hit.index, message: limitMessage(hit) });
    for (const hit of readers.get(path)?.limitHits ?? []) notes.push({ kind: "limit", path, index: hit.index, message: hit.message });
  }
  return { plan, events, notes };
}
