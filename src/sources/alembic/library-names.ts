import type { SyntaxNode } from "../../python/syntax-node.js";

/** How a module's imports name a library's classes: bare names (with their class), and module prefixes (`ga.`, `geoalchemy2.`). */
interface LibraryNames {
  bare: Map<string, string>;
  prefixes: Set<string>;
}

const NAMES = new WeakMap<SyntaxNode, Map<string, LibraryNames>>();

/**
 * Which of `classes`, all of `library` (a package: `geoalchemy2`,
 * `alembic_utils`), the expression written as `written` names in the module
 * of `root` (`Geometry`, `ga.types.Geometry`, `geoalchemy2.Geometry`); null
 * for any other. Every import of the module counts, also one inside a
 * function: a class imported from the library anywhere in a revision is the
 * library's.
 */
export function libraryClass(root: SyntaxNode, library: string, classes: ReadonlySet<string>, written: string): string | null {
  const names = libraryNames(root, library, classes);
  const bare = names.bare.get(written);
  if (bare !== undefined) return bare;
  const dot = written.lastIndexOf(".");
  const last = written.slice(dot + 1);
  if (dot <= 0 || !classes.has(last)) return null;
  // `import geoalchemy2 as ga` binds the package: any of its modules is reachable through it (`ga.types.Geometry`).
  for (const p of names.prefixes) if (written.startsWith(p)) return last;
  return null;
}

function libraryNames(root: SyntaxNode, library: string, classes: ReadonlySet<string>): LibraryNames {
  let byLibrary = NAMES.get(root);
  if (!byLibrary) NAMES.set(root, (byLibrary = new Map<string, LibraryNames>()));
  let names = byLibrary.get(library);
  if (names) return names;
  names = { bare: new Map(), prefixes: new Set() };
  byLibrary.set(library, names);
  // A module whose text never names the library imports nothing of it: no walk of its tree.
  if (!root.tree.text.includes(library)) return names;
  const ofLibrary = (module: string | undefined): boolean => module === library || (module?.startsWith(`${library}.`) ?? false);
  for (const stmt of root.descendantsOfType(["import_from_statement", "import_statement"])) {
    if (stmt.type === "import_from_statement") {
      if (!ofLibrary(stmt.childForFieldName("module_name")?.text)) continue;
      // `from geoalchemy2 import *`, `from alembic_utils.pg_view import *`: the classes the module exports.
      if (stmt.namedChildren.some((c) => c.type === "wildcard_import")) for (const c of classes) names.bare.set(c, c);
      for (const n of stmt.childrenForFieldName("name")) {
        const name = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
        const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : name;
        if (!name || !alias) continue;
        if (classes.has(name)) names.bare.set(alias, name);
        // Anything else may be one of its modules (`from geoalchemy2 import types as gt`).
        else names.prefixes.add(`${alias}.`);
      }
      continue;
    }
    for (const n of stmt.childrenForFieldName("name")) {
      const dotted = n.type === "aliased_import" ? n.childForFieldName("name")?.text : n.text;
      if (!ofLibrary(dotted)) continue;
      const alias = n.type === "aliased_import" ? n.childForFieldName("alias")?.text : null;
      // `import geoalchemy2.alembic_helpers` binds `geoalchemy2`; `import geoalchemy2.types as gt` binds `gt`.
      names.prefixes.add(alias ? `${alias}.` : `${library}.`);
    }
  }
  return names;
}
