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
export function fromImports(root: SyntaxNode): Map<string, ImportedName> {
  const out = new Map<string, ImportedName>();
  for (const stmt of root.descendantsOfType("import_from_statement")) {
    const m = stmt.childForFieldName("module_name");
    if (!m) continue;
    const relative = m.type === "relative_import";
    const level = relative ? (m.namedChildren.find((c) => c.type === "import_prefix")?.text.length ?? 0) : 0;
    const module = relative ? (m.namedChildren.find((c) => c.type === "dotted_name")?.text ?? "") : m.text;
    for (const n of stmt.childrenForFieldName("name")) {
      const name = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
      const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : name;
      if (name !== undefined && alias !== undefined) out.set(alias, { module, level, name });
    }
  }
  return out;
}

/**
 * Finds the functions modules import from the project's own modules: for the
 * module at `path`, `name` → the `def` and the module it is read in; a reason
 * when the module is not among those read (a library's, or beyond a budget);
 * null when `name` is not imported from a module (or from alembic or
 * SQLAlchemy). `load` parses a project module on first use.
 */
export function importedFunctions(paths: ReadonlySet<string>, load: (path: string) => FunctionModule): (path: string, root: SyntaxNode) => (name: string) => ImportedFunction | string | null {
  return (importer, root) => {
    let imports: Map<string, ImportedName> | null = null;
    return (name) => {
      imports ??= fromImports(root);
      const imported = imports.get(name);
      if (imported === undefined || (imported.level === 0 && LIBRARIES.test(imported.module))) return null;
      const from = `${".".repeat(imported.level)}${imported.module}`;
      const path = modulePaths(importer, imported).find((p) => paths.has(p));
      if (path === undefined) return `${name}() is imported from ${from}, which is not among the project modules read: what it does is not read`;
      const module = load(path);
      const def = module.info.functionNamed(imported.name);
      if (def) return { def, module };
      return `${name}() is imported from ${from}, which does not define it as a function: what it does is not read`;
    };
  };
}
