import type { SyntaxNode } from "../../python/syntax-node.js";
import type { ImportedName } from "../../python/module-info.js";
import { modulePaths } from "../../python/imports.js";
import type { FunctionModule, ImportedFunction } from "./context.js";

/** Alembic, SQLAlchemy and the standard library modules revisions call into (`sleep(1)`, `warnings.warn`): no DDL of the project's own. */
// Linear: anchored alternatives of fixed words.
const LIBRARIES = /^(?:alembic|sqlalchemy|time|logging|warnings|json|os|sys|datetime|uuid|random|re|functools|itertools|contextlib|typing|pprint|textwrap|collections)(?:\.|$)/;

/**
 * `from M import name [as alias]` anywhere in a module (at its top, or inside
 * `upgrade()` as Airflow's revisions often import): each bound name and where
 * it comes from.
 */
function fromImports(root: SyntaxNode): Map<string, ImportedName> {
  const out = new Map<string, ImportedName>();
  for (const stmt of root.descendantsOfType("import_from_statement")) for (const [alias, imported] of importedNames(stmt)) out.set(alias, imported);
  return out;
}

/** What one `from M import a, b as c` binds: each name and where it comes from. */
function importedNames(stmt: SyntaxNode): [string, ImportedName][] {
  const from = fromModule(stmt);
  if (!from) return [];
  const { module, level } = from;
  const out: [string, ImportedName][] = [];
  for (const n of stmt.childrenForFieldName("name")) {
    const name = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
    const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : name;
    if (name !== undefined && alias !== undefined) out.push([alias, { module, level, name }]);
  }
  return out;
}

/** The names a module binds with `from M import name [as alias]` at its top level (what it offers to `from module import name`). */
function topLevelImports(root: SyntaxNode): Map<string, ImportedName> {
  const out = new Map<string, ImportedName>();
  for (const stmt of root.namedChildren) if (stmt.type === "import_from_statement") for (const [alias, imported] of importedNames(stmt)) out.set(alias, imported);
  return out;
}

/** The modules a module star-imports at its top level (`from .indexes import *`), in order. */
function starImports(root: SyntaxNode): Pick<ImportedName, "module" | "level">[] {
  const out: Pick<ImportedName, "module" | "level">[] = [];
  for (const stmt of root.namedChildren) {
    const from = stmt.type === "import_from_statement" && stmt.namedChildren.some((c) => c.type === "wildcard_import") ? fromModule(stmt) : null;
    if (from) out.push(from);
  }
  return out;
}

/** The module a `from M import …` names, with its relative level. */
function fromModule(stmt: SyntaxNode): Pick<ImportedName, "module" | "level"> | null {
  const m = stmt.childForFieldName("module_name");
  if (!m) return null;
  const relative = m.type === "relative_import";
  const level = relative ? (m.namedChildren.find((c) => c.type === "import_prefix")?.text.length ?? 0) : 0;
  return { level, module: relative ? (m.namedChildren.find((c) => c.type === "dotted_name")?.text ?? "") : m.text };
}

/** Whether the module assigns `name` at its top level (`add_index = noop_index`): the import is then not what the name holds. */
function assignsAtTop(root: SyntaxNode, name: string): boolean {
  return root.namedChildren.some((stmt) => {
    const a = stmt.type === "expression_statement" ? stmt.firstNamedChild : null;
    const left = a?.type === "assignment" || a?.type === "augmented_assignment" ? a.childForFieldName("left") : null;
    return left !== null && (left.type === "identifier" ? left.text === name : left.descendantsOfType("identifier").some((n) => n.text === name));
  });
}

/** `import a.b [as c]` anywhere in a module: each bound name (`c`, or `a.b` itself) and the module. */
function moduleImports(root: SyntaxNode): Map<string, string> {
  const out = new Map<string, string>();
  for (const stmt of root.descendantsOfType("import_statement")) {
    for (const n of stmt.childrenForFieldName("name")) {
      const module = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
      const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : module;
      if (module !== undefined && alias !== undefined) out.set(alias, module);
    }
  }
  return out;
}

/**
 * Finds the functions modules import from the project's own modules, for
 * the module at `path`: `imported(name)` → the `def` and the module it is
 * read in; a reason when its module is not among those read (a library's,
 * or beyond a budget); null when `name` is not imported from a module (or
 * from alembic, SQLAlchemy or the standard library). `importedFrom(object,
 * name)` does the same for `object.name(...)` where `object` is a project
 * module (`from migrations import utils`, `import migrations.utils as mu`);
 * a reason when that module is not read or defines no such function; null
 * when `object` is not an imported module (or is a library's). `load` parses a project module on first use; `roots` are
 * directories put first on sys.path (alembic.ini's `prepend_sys_path`).
 */
export function importedFunctions(paths: ReadonlySet<string>, load: (path: string) => FunctionModule, roots: readonly string[] = []): (path: string, root: SyntaxNode) => Pick<FunctionModule, "imported" | "importedFrom"> {
  return (importer, root) => {
    let names: Map<string, ImportedName> | null = null;
    let modules: Map<string, string> | null = null;
    // A module that imports the name from another project module (a package's __init__.py re-exporting
    // `from .helpers import add_index`) is followed there, as far as source discovery read (sources.ts); one that
    // also assigns the name (`add_index = noop`) is not. A reason when the module it comes from is not read.
    const defined = (path: string, name: string, seen: readonly string[] = []): ImportedFunction | string | null => {
      const module = load(path);
      const def = module.info.functionNamed(name);
      if (def) return { def, module };
      const root = module.info.root;
      if (assignsAtTop(root, name)) return null;
      const again = topLevelImports(root).get(name);
      // `from .indexes import *`: the last such module that has the function (a later star import binds over an earlier one).
      if (again === undefined) {
        for (const star of starImports(root).reverse()) {
          const next = star.level === 0 && LIBRARIES.test(star.module) ? undefined : modulePaths(path, star, roots).find((p) => paths.has(p));
          const found = next === undefined || next === path || seen.includes(next) ? null : defined(next, name, [...seen, path]);
          if (found !== null && typeof found !== "string") return found;
        }
        return null;
      }
      if (again.level === 0 && LIBRARIES.test(again.module)) return null;
      const from = `${".".repeat(again.level)}${again.module}`;
      const next = modulePaths(path, again, roots).find((p) => paths.has(p));
      if (next === undefined) return `${name}() is imported in ${path} from ${from}, which is not among the project modules read: what it does is not read`;
      return next === path || seen.includes(next) ? null : defined(next, again.name, [...seen, path]);
    };
    return {
      imported: (name) => {
        names ??= fromImports(root);
        const imported = names.get(name);
        if (imported === undefined || (imported.level === 0 && LIBRARIES.test(imported.module))) return null;
        const from = `${".".repeat(imported.level)}${imported.module}`;
        const path = modulePaths(importer, imported, roots).find((p) => paths.has(p));
        if (path === undefined) return `${name}() is imported from ${from}, which is not among the project modules read: what it does is not read`;
        return defined(path, imported.name) ?? `${name}() is imported from ${from}, which does not define it as a function: what it does is not read`;
      },
      importedFrom: (object, name) => {
        names ??= fromImports(root);
        modules ??= moduleImports(root);
        const viaFrom = names.get(object);
        const target = viaFrom ? { level: viaFrom.level, module: viaFrom.module === "" ? viaFrom.name : `${viaFrom.module}.${viaFrom.name}` } : modules.has(object) ? { level: 0, module: modules.get(object)! } : null;
        if (target === null || (target.level === 0 && LIBRARIES.test(target.module))) return null;
        const from = `${".".repeat(target.level)}${target.module}`;
        const path = modulePaths(importer, target, roots).find((p) => paths.has(p));
        if (path === undefined) {
          // `from app.db import status_enum`: a name app/db.py defines (an object, not a module) when that module is read.
          const owner = viaFrom && viaFrom.module !== "" ? modulePaths(importer, viaFrom, roots).find((p) => paths.has(p)) : undefined;
          if (owner !== undefined) return `${object}.${name}(): ${object} is imported from ${".".repeat(viaFrom!.level)}${viaFrom!.module}, where it is no module or function read: what it does is not read`;
          return `${object}.${name}() is in ${from}, which is not among the project modules read: what it does is not read`;
        }
        return defined(path, name) ?? `${object}.${name}() is in ${from}, which does not define it as a function: what it does is not read`;
      },
    };
  };
}
