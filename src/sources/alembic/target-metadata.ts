import type { SyntaxNode } from "../../python/syntax-node.js";
import { modulePaths } from "../../python/imports.js";
import type { ImportedName } from "../../python/scope.js";
import { LIMITS, limitReached } from "../../python/limits.js";
import { positionOf } from "../../source/text.js";
import { DEFAULT_CONVENTION } from "./naming.js";
import { assignedConventions, firstDeclared, METADATA_CALLS, metadataCallConvention, writtenConvention, type ConventionModule, type ConventionRead } from "./convention.js";

/**
 * The naming convention Alembic names things by: `op.*` builds its tables on
 * a MetaData that copies `naming_convention` from what env.py passes as
 * `context.configure(target_metadata=...)` (alembic/operations/schemaobj.py),
 * SQLAlchemy's default when that is None, a list, or has no convention. The
 * argument is followed through names, imports, declarative bases,
 * Flask-SQLAlchemy's `db`, and Flask-Migrate's `current_app` (the app's
 * `SQLAlchemy(...)`, looked for in the modules read); where it cannot be
 * followed, the first convention the env modules declare is used and that is
 * said.
 */

/** What a metadata expression stands for. */
type Meta = { kind: "metadata"; read: ConventionRead } | { kind: "flask" } | Unfollowed;
/** What any expression on the way stands for: a MetaData, a class or `db` holding one (`.metadata`), a module, None or a list, Flask-Migrate's `db`. */
type Followed = Meta | { kind: "base"; metadata: Meta } | { kind: "module"; module: ConventionModule } | { kind: "none" } | { kind: "flask-db" };
interface Unfollowed {
  kind: "unfollowed";
  why: string;
  module: ConventionModule;
  index: number;
  /** The way leads into a module the project does not hold: what it declares is not known. */
  unread?: true;
}

const DEFAULT: Meta = { kind: "metadata", read: { convention: DEFAULT_CONVENTION, unknown: null } };
// Linear: anchored alternatives of fixed words.
const CONFIGURE = /^(?:alembic\.)?context\.configure$/;
const FLASK_MIGRATE_DB = /^current_app\.extensions\[(["'])migrate\1\]\.db$/;
const SQLALCHEMY = /(?:^|\.)SQLAlchemy$/;
const DECLARATIVE_BASE = /(?:^|\.)(?:declarative_base|registry)$/;
/** Bases whose subclass gets a MetaData of its own (or SQLModel's), with SQLAlchemy's default convention unless it sets `metadata`. */
const METADATA_BASES = /(?:^|\.)(?:DeclarativeBase|DeclarativeBaseNoMeta|SQLModel)$/;

export function targetConvention(env: readonly ConventionModule[], roots: readonly string[]): ConventionRead {
  const envPy = env[0];
  if (!envPy) return firstDeclared(env);
  const follower = new Follower(env, roots);
  const meta = follower.configured(envPy);
  if (meta.kind === "metadata") return meta.read;
  if (meta.kind === "flask") return follower.flaskConvention(envPy);
  // Not followed: the convention declared first, as before, said unless there is none to be wrong about
  // (none declared in the modules read, and the way ends in one of them, not in a module not read).
  const declared = firstDeclared(env);
  if (declared.at === null && !meta.unread) return declared;
  if (declared.at === null) {
    const message = `the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (${meta.why}): index and constraint names follow SQLAlchemy's default convention and may differ`;
    return { convention: declared.convention, unknown: { source: meta.module.source, index: meta.index, message } };
  }
  const where = declared.at.source.path + ":" + String(positionOf(declared.at.source, declared.at.index).line);
  return { convention: declared.convention, unknown: declared.unknown ?? { source: meta.module.source, index: meta.index, message: `the metadata env.py passes to context.configure(target_metadata=...) cannot be followed statically (${meta.why}): index and constraint names follow the naming convention declared at ${where} and may differ` } };
}

class Follower {
  private readonly byPath: Map<string, ConventionModule>;
  private readonly assigned = new Map<ConventionModule, Map<string, SyntaxNode>>();

  constructor(
    private readonly env: readonly ConventionModule[],
    private readonly roots: readonly string[],
  ) {
    this.byPath = new Map(env.map((m) => [m.source.path, m]));
  }

  /** The metadata every `context.configure(...)` call of env.py passes; one answer when they agree. */
  configured(m: ConventionModule): Meta {
    const imported = m.info.module.bindings.get("configure")?.imported;
    const calls = m.info.calls.filter((_, i) => {
      const callee = m.info.calleeTexts[i] ?? "";
      return CONFIGURE.test(callee) || (callee === "configure" && imported?.module === "alembic.context");
    });
    if (calls.length === 0) return unfollowed("env.py calls no context.configure(...)", m, 0);
    const metas = calls.map((call): Meta => {
      const args = call.childForFieldName("arguments")?.namedChildren ?? [];
      const value = args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === "target_metadata")?.childForFieldName("value");
      if (value) return metaOf(this.follow(value, m, 0), value, m);
      return args.some((a) => a.type === "dictionary_splat") ? unfollowed("its **arguments may hold target_metadata", m, call.startIndex) : DEFAULT;
    });
    const first = metas.find((x) => x.kind === "unfollowed") ?? metas[0]!;
    if (first.kind === "unfollowed") return first;
    const differs = metas.findIndex((x) => key(x) !== key(first));
    return differs < 0 ? first : unfollowed("its configure calls pass metadata with different naming conventions", m, calls[differs]!.startIndex);
  }

  /**
   * Flask-Migrate: the metadata of the app's `SQLAlchemy(...)` (its
   * `metadata=`, its `model_class=`'s, or `db.Model.metadata.naming_convention
   * = ...`). One convention declared that way is the one; none is SQLAlchemy's
   * default; several that differ, or one not known statically, are said.
   */
  flaskConvention(envPy: ConventionModule): ConventionRead {
    const found: { meta: Meta; module: ConventionModule; call: SyntaxNode }[] = [];
    for (const m of this.env) {
      if (m === envPy) continue;
      m.info.calls.forEach((call, i) => {
        if (!SQLALCHEMY.test(m.info.calleeTexts[i] ?? "")) return;
        // `db = SQLAlchemy(...)`: through its name, so that `db.Model.metadata.naming_convention = {...}` counts.
        const parent = call.parent;
        const left = parent?.type === "assignment" && parent.parent?.parent === m.info.root ? parent.childForFieldName("left") : null;
        const db = left?.type === "identifier" ? this.name(left.text, m, call, 0) : this.follow(call, m, 0);
        found.push({ meta: db.kind === "base" ? db.metadata : unfollowed("not a SQLAlchemy(...) object", m, call.startIndex), module: m, call });
      });
    }
    const first = found[0];
    if (!first) return { convention: DEFAULT_CONVENTION, unknown: null };
    const odd = found.find((f) => f.meta.kind !== "metadata" || key(f.meta) !== key(first.meta));
    if (!odd && first.meta.kind === "metadata") return first.meta.read;
    const at = odd ?? first;
    const why = at.meta.kind === "unfollowed" ? `its metadata cannot be followed statically (${at.meta.why})` : `the project builds ${found.length} SQLAlchemy(...) objects with different naming conventions (${found.map((f) => `${f.module.source.path}:${positionOf(f.module.source, f.call.startIndex).line}`).join(", ")})`;
    return {
      convention: DEFAULT_CONVENTION,
      unknown: { source: at.module.source, index: at.call.startIndex, message: `Flask-Migrate's env.py takes the metadata of the app's SQLAlchemy(...) at run time, and ${why}: index and constraint names follow SQLAlchemy's default convention and may differ` },
    };
  }

  /** What `node`, an expression of module `m`, stands for. */
  private follow(node: SyntaxNode, m: ConventionModule, depth: number): Followed {
    if (depth > LIMITS.metadataDepth) return unfollowed(limitReached("metadataDepth"), m, node.startIndex);
    const next = depth + 1;
    switch (node.type) {
      case "parenthesized_expression":
        return node.firstNamedChild ? this.follow(node.firstNamedChild, m, next) : unfollowed("an empty expression", m, node.startIndex);
      case "none":
      case "list":
      case "tuple":
        // Alembic copies `naming_convention` only from an object that has one: a list of MetaData has none.
        return { kind: "none" };
      case "identifier":
        return this.name(node.text, m, node, next);
      case "attribute": {
        if (FLASK_MIGRATE_DB.test(node.text.replace(/\s+/g, ""))) return { kind: "flask-db" };
        const target = node.childForFieldName("object")!;
        const attr = node.childForFieldName("attribute")!.text;
        // `sqlmodel.SQLModel` (`import sqlmodel [as sm]`), as `from sqlmodel import SQLModel` is.
        if (attr === "SQLModel" && target.type === "identifier" && importsModule(m, target.text, "sqlmodel")) return { kind: "base", metadata: DEFAULT };
        const object = this.follow(target, m, next);
        if (object.kind === "module") return this.name(attr, object.module, node, next);
        if (object.kind === "base" && attr === "metadata") return object.metadata;
        if (object.kind === "base" && attr === "Model") return object;
        if (object.kind === "flask-db" && (attr === "metadata" || attr === "metadatas")) return attr === "metadata" ? { kind: "flask" } : object;
        return object.kind === "unfollowed" ? object : unfollowed(`${node.text} is not a MetaData this reader follows`, m, node.startIndex);
      }
      case "subscript": {
        // Flask-SQLAlchemy 3's `db.metadatas[None]`: the default bind's metadata.
        const value = this.follow(node.childForFieldName("value")!, m, next);
        return value.kind === "flask-db" ? { kind: "flask" } : value.kind === "unfollowed" ? value : unfollowed(`${node.text} is not followed`, m, node.startIndex);
      }
      case "call":
        return this.call(node, m, next);
      default:
        return unfollowed(`${node.text.slice(0, 60)} is not followed`, m, node.startIndex);
    }
  }

  private call(call: SyntaxNode, m: ConventionModule, depth: number): Followed {
    const fn = call.childForFieldName("function")!;
    const callee = fn.text.replace(/\s+/g, "");
    const kw = (name: string): SyntaxNode | null => call.childForFieldName("arguments")?.namedChildren.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === name)?.childForFieldName("value") ?? null;
    if (METADATA_CALLS.test(callee)) {
      const read = metadataCallConvention(call, m);
      return read ? { kind: "metadata", read } : unfollowed("MetaData(**kwargs)", m, call.startIndex);
    }
    if (DECLARATIVE_BASE.test(callee) || SQLALCHEMY.test(callee)) {
      const metadata = kw("metadata");
      if (metadata) return { kind: "base", metadata: metaOf(this.follow(metadata, m, depth), metadata, m) };
      const modelClass = SQLALCHEMY.test(callee) ? kw("model_class") : null;
      if (modelClass) {
        const base = this.follow(modelClass, m, depth);
        return base.kind === "base" || base.kind === "unfollowed" ? base : unfollowed(`model_class=${modelClass.text} is not a declarative base`, m, modelClass.startIndex);
      }
      return { kind: "base", metadata: DEFAULT };
    }
    // `registry(...).generate_base()`
    if (fn.type === "attribute" && fn.childForFieldName("attribute")?.text === "generate_base") return this.follow(fn.childForFieldName("object")!, m, depth);
    // Flask-Migrate's `get_metadata()`: a function of env.py whose every return stands for the same thing.
    const def = fn.type === "identifier" ? m.info.functionNamed(fn.text) : null;
    if (def && (call.childForFieldName("arguments")?.namedChildCount ?? 0) === 0) {
      const results = returnsOf(def).map((r) => this.follow(r, m, depth));
      const first = results.find((r) => r.kind === "unfollowed") ?? results[0];
      if (first && results.every((r) => key(r) === key(first))) return first;
    }
    // A function imported from a module not read: what it makes is not known.
    const made = fn.type === "identifier" && !def ? this.name(fn.text, m, fn, depth) : null;
    if (made?.kind === "unfollowed" && made.unread) return made;
    return unfollowed(`${callee}(...) is not followed`, m, call.startIndex);
  }

  /** What a module-level name of `m` stands for, with a later `name[.Model].metadata.naming_convention = {...}` applied. */
  private name(name: string, m: ConventionModule, at: SyntaxNode, depth: number): Followed {
    // Imports that lead back to themselves (a star import of a module importing the name from it) end here.
    if (depth > LIMITS.metadataDepth) return unfollowed(limitReached("metadataDepth"), this.ownerOf(at, m), at.startIndex);
    // Set after the object is made, whatever made it: this module's statement runs last.
    const assigned = this.assignedIn(m);
    const own = assigned.get(name);
    if (own) return { kind: "metadata", read: writtenConvention(own, m) };
    const held = assigned.get(`${name}.metadata`) ?? assigned.get(`${name}.Model.metadata`);
    if (held) return { kind: "base", metadata: { kind: "metadata", read: writtenConvention(held, m) } };
    return this.bound(name, m, at, depth);
  }

  private bound(name: string, m: ConventionModule, at: SyntaxNode, depth: number): Followed {
    const b = m.info.module.bindings.get(name);
    if (!b) {
      // `from .base import *`
      for (const star of starImports(m)) {
        const module = this.moduleFor(m, star);
        if (module?.info.module.bindings.has(name)) return this.name(name, module, at, depth + 1);
      }
      // `models.base` with models a package: Python sets a submodule on its package when importing it.
      const sub = isPackage(m) ? this.moduleFor(m, { module: name, level: 1 }) : null;
      if (sub) return { kind: "module", module: sub };
      return unfollowed(`${m.source.path} does not define ${name} at module level`, this.ownerOf(at, m), at.startIndex);
    }
    if (b.count !== 1) return unfollowed(`${name} is bound more than once in ${m.source.path}`, this.ownerOf(at, m), at.startIndex);
    if (b.imported) {
      const { module, level, name: original } = b.imported;
      if (module === "sqlmodel" && original === "SQLModel") return { kind: "base", metadata: DEFAULT };
      if (original === "") {
        const whole = this.moduleFor(m, { module, level });
        return whole ? { kind: "module", module: whole } : this.unread(`${module} is not read`, at, m);
      }
      const from = this.moduleFor(m, { module, level });
      if (from?.info.module.bindings.has(original) || (from && starImports(from).length > 0)) return this.name(original, from, at, depth + 1);
      // `from app import models`: a submodule.
      const sub = this.moduleFor(m, { module: module === "" ? original : `${module}.${original}`, level });
      if (sub) return { kind: "module", module: sub };
      return from ? unfollowed(`${from.source.path} does not define ${original}`, this.ownerOf(at, m), at.startIndex) : this.unread(`${".".repeat(level)}${module} is not read`, at, m);
    }
    if (b.kind === "definition") {
      const cls = classNamed(m, name);
      return cls ? this.classBase(cls, m, depth) : unfollowed(`${name} is a function`, this.ownerOf(at, m), at.startIndex);
    }
    return b.value ? this.follow(b.value, m, depth) : unfollowed(`${name} is not assigned a value once`, this.ownerOf(at, m), at.startIndex);
  }

  /** A declarative class: its own `metadata = ...`, else its base's. */
  private classBase(cls: SyntaxNode, m: ConventionModule, depth: number): Followed {
    for (const stmt of cls.childForFieldName("body")?.namedChildren ?? []) {
      const assignment = stmt.type === "expression_statement" ? stmt.firstNamedChild : null;
      const right = assignment?.type === "assignment" && assignment.childForFieldName("left")?.text === "metadata" ? assignment.childForFieldName("right") : null;
      if (right) return { kind: "base", metadata: metaOf(this.follow(right, m, depth + 1), right, m) };
    }
    // A base from a module not read (`class Base(Model)`, Model a library's) may hold the metadata: said when no
    // other base does (`class Base(AsyncAttrs, DeclarativeBase)`: a mixin before the base).
    let unread: Unfollowed | null = null;
    for (const base of cls.childForFieldName("superclasses")?.namedChildren ?? []) {
      if (base.type === "keyword_argument") continue;
      if (METADATA_BASES.test(base.text.replace(/\s+/g, ""))) return { kind: "base", metadata: DEFAULT };
      const followed = this.follow(base, m, depth + 1);
      if (followed.kind === "base") return followed;
      if (followed.kind === "unfollowed" && followed.unread) unread ??= followed;
    }
    if (unread) return unread;
    return unfollowed(`the metadata of class ${cls.childForFieldName("name")?.text ?? ""} is not known`, m, cls.startIndex);
  }

  /** The module `at` stands in: a name is looked up in one module and referred to in another. */
  private ownerOf(at: SyntaxNode, m: ConventionModule): ConventionModule {
    if (at.tree === m.info.root.tree) return m;
    return this.env.find((e) => e.info.root.tree === at.tree) ?? m;
  }

  private unread(why: string, at: SyntaxNode, m: ConventionModule): Unfollowed {
    return { ...unfollowed(why, this.ownerOf(at, m), at.startIndex), unread: true };
  }

  private moduleFor(importer: ConventionModule, imported: Pick<ImportedName, "module" | "level">): ConventionModule | null {
    const path = modulePaths(importer.source.path, imported, this.roots).find((p) => this.byPath.has(p));
    return path === undefined ? null : this.byPath.get(path)!;
  }

  private assignedIn(m: ConventionModule): Map<string, SyntaxNode> {
    let a = this.assigned.get(m);
    if (!a) this.assigned.set(m, (a = assignedConventions(m)));
    return a;
  }
}

function unfollowed(why: string, module: ConventionModule, index: number): Unfollowed {
  return { kind: "unfollowed", why, module, index };
}

/** A followed value as the metadata Alembic copies the convention from: None or a list have none. */
function metaOf(f: Followed, at: SyntaxNode, m: ConventionModule): Meta {
  if (f.kind === "metadata" || f.kind === "flask" || f.kind === "unfollowed") return f;
  if (f.kind === "none") return DEFAULT;
  return unfollowed(`${at.text.slice(0, 60)} is not a MetaData`, m, at.startIndex);
}

/** Equal keys: the same names follow. */
function key(f: Followed): string {
  return f.kind === "metadata" ? JSON.stringify([...f.read.convention]) : f.kind === "base" ? `base:${key(f.metadata)}` : f.kind === "module" ? `module:${f.module.source.path}` : f.kind;
}

/** The returned expressions of a function (not of functions inside it). */
function returnsOf(def: SyntaxNode): SyntaxNode[] {
  const inner = def.descendantsOfType("function_definition").filter((d) => d.startIndex > def.startIndex);
  return def
    .descendantsOfType("return_statement")
    .filter((r) => !inner.some((d) => r.startIndex >= d.startIndex && r.endIndex <= d.endIndex))
    .map((r) => r.firstNamedChild)
    .filter((r): r is SyntaxNode => r !== null);
}

/** Whether `name` is bound, once, to the whole of `module` (`import sqlmodel`, `import sqlmodel as sm`). */
function importsModule(m: ConventionModule, name: string, module: string): boolean {
  const b = m.info.module.bindings.get(name);
  return b?.count === 1 && b.imported?.level === 0 && b.imported.module === module && b.imported.name === "";
}

/** A package's `__init__.py`. */
function isPackage(m: ConventionModule): boolean {
  return /(?:^|\/)__init__\.py$/.test(m.source.path);
}

function classNamed(m: ConventionModule, name: string): SyntaxNode | null {
  for (const stmt of m.info.root.namedChildren) {
    const def = stmt.type === "decorated_definition" ? stmt.childForFieldName("definition") : stmt;
    if (def?.type === "class_definition" && def.childForFieldName("name")?.text === name) return def;
  }
  return null;
}

/** The modules of `from M import *` statements at module level. */
function starImports(m: ConventionModule): Pick<ImportedName, "module" | "level">[] {
  const out: Pick<ImportedName, "module" | "level">[] = [];
  for (const stmt of m.info.root.namedChildren) {
    if (stmt.type !== "import_from_statement" || !stmt.namedChildren.some((c) => c.type === "wildcard_import")) continue;
    const from = stmt.childForFieldName("module_name");
    if (from?.type === "relative_import") {
      out.push({ level: from.namedChildren.find((c) => c.type === "import_prefix")?.text.length ?? 0, module: from.namedChildren.find((c) => c.type === "dotted_name")?.text ?? "" });
    } else if (from) out.push({ level: 0, module: from.text });
  }
  return out;
}
