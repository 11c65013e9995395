import type { SyntaxNode } from "./syntax-node.js";
import { createEvaluator, ROOT_ENV, type ImportResolver } from "./evaluate.js";
import { analyzeModule, type ImportedName, type ModuleInfo } from "./scope.js";
import type { Value } from "./values.js";

/**
 * `from pkg.mod import NAME` resolved in the project's own modules: read
 * statically (never imported or run), constants only. The texts are given by
 * the edge; this module only parses and evaluates them.
 */

/**
 * Where Python would look for the module, relative to the project root, most
 * likely first; `roots` are directories put on sys.path too (alembic.ini's
 * `prepend_sys_path = src`), tried last.
 */
export function modulePaths(importer: string, imported: Pick<ImportedName, "module" | "level">, roots: readonly string[] = []): string[] {
  const dirs = importer.split("/").slice(0, -1);
  const parts = imported.module === "" ? [] : imported.module.split(".");
  const at = (base: string[]): string[] => {
    const stem = [...base, ...parts].join("/");
    return parts.length === 0 ? [[...base, "__init__.py"].join("/")] : [`${stem}.py`, `${stem}/__init__.py`];
  };
  if (imported.level > 0) {
    if (imported.level - 1 > dirs.length) return [];
    return at(dirs.slice(0, dirs.length - (imported.level - 1)));
  }
  // An absolute import: from the project root, or from a folder of the importer's path put on sys.path.
  const out: string[] = [];
  for (let k = 0; k <= dirs.length; k++) out.push(...at(dirs.slice(0, k)));
  for (const root of roots) if (root !== "" && root !== ".") out.push(...at(root.split("/")));
  return out;
}

// Tried at a line start (sticky); linear: `[\w.]*` and `\s+` runs end at fixed tokens. Neither crosses a line.
const FROM_IMPORT = /[ \t]*from[ \t]+(\.*)([\w.]*)[ \t]+import[ \t]+([\w, \t]*)/y;
const IMPORT = /[ \t]*import[ \t]+([\w.]+)/y;

/**
 * The module files a Python file may import constants from, for the edge to
 * read when they exist: every candidate of every import line.
 */
export function importCandidates(importer: string, text: string): string[] {
  return [...new Set(importCandidateGroups(importer, text).flat())];
}

/**
 * The candidate files of each module a Python file imports, one list per
 * module in line order, the likeliest file first.
 */
export function importCandidateGroups(importer: string, text: string, roots: readonly string[] = []): string[][] {
  return moduleImports(text)
    .map((m) => modulePaths(importer, m, roots))
    .filter((g) => g.length > 0);
}

/**
 * The modules a Python file's import lines name, in line order: `from M
 * import a, b` names M, M.a and M.b (a name may be a submodule), `import M
 * [as X]` names M. Where they are depends on the importer's directory only.
 */
export function moduleImports(text: string): Pick<ImportedName, "module" | "level">[] {
  const out: Pick<ImportedName, "module" | "level">[] = [];
  for (const start of linesWith(text, "import")) {
    const from = matchAt(FROM_IMPORT, text, start);
    if (from) {
      const level = from[1]!.length;
      const module = from[2]!;
      out.push({ level, module });
      // `from app import config`: config may be a module of its own.
      for (const name of from[3]!.split(",").map((n) => n.trim().split(/\s+/)[0] ?? "").filter((n) => /^\w+$/.test(n)))
        out.push({ level, module: module === "" ? name : `${module}.${name}` });
    }
    const plain = matchAt(IMPORT, text, start);
    if (plain) out.push({ level: 0, module: plain[1]! });
  }
  return out;
}

function matchAt(sticky: RegExp, text: string, at: number): RegExpExecArray | null {
  sticky.lastIndex = at;
  return sticky.exec(text);
}

/**
 * The start of each line that contains `word`, in order; lines end where a
 * JavaScript `^` in multiline mode starts one (\n, \r, U+2028, U+2029). The
 * few such lines are found with indexOf: a /^…/m scan tried every position of
 * the text, about 5 ms of a 460 KB module in its first (interpreted) run.
 */
function linesWith(text: string, word: string): number[] {
  const starts: number[] = [];
  let previous = -1;
  for (let at = text.indexOf(word); at >= 0; at = text.indexOf(word, at + word.length)) {
    let start = at;
    while (start > 0 && !isLineTerminator(text.charCodeAt(start - 1))) {
      // Back at the previous hit with no line end between: its line. Each character is walked over once, so a
      // long line holding the word many times stays linear.
      if (start <= previous) {
        start = starts[starts.length - 1] ?? 0;
        break;
      }
      start--;
    }
    previous = at;
    if (starts[starts.length - 1] !== start) starts.push(start);
  }
  return starts;
}

function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

export interface ProjectModule {
  path: string;
  text: string;
}

/**
 * The project modules `files` import from, transitively, sorted by path: one
 * walk over any file source (the work tree, a git revision, the git index),
 * where `load` gives a module's file, or null when it is not in the project.
 */
export function importedModules<F extends ProjectModule>(files: readonly F[], load: (path: string) => F | null): F[] {
  const read = new Map<string, F>(files.map((f) => [f.path, f]));
  const modules = new Map<string, F>();
  const queue = [...files];
  for (let f = queue.shift(); f; f = queue.shift()) {
    for (const path of importCandidates(f.path, f.text)) {
      if (modules.has(path)) continue;
      let module = read.get(path);
      if (!module) {
        module = load(path) ?? undefined;
        if (!module) continue;
        read.set(path, module);
        queue.push(module);
      }
      modules.set(path, module);
    }
  }
  return [...modules.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/**
 * A resolver per importing file over the given modules. Each module is parsed
 * once, when first needed; a chain of imports is followed, a cycle is not.
 */
export function createModuleResolver(modules: readonly ProjectModule[], parse: (text: string) => SyntaxNode, wrappers: ReadonlySet<string>, roots: readonly string[] = []): (importer: string) => ImportResolver {
  // A BOM is not part of the program.
  const texts = new Map(modules.map((m) => [m.path, m.text.charCodeAt(0) === 0xfeff ? m.text.slice(1) : m.text]));
  const analyzed = new Map<string, { info: ModuleInfo; evaluate: (node: SyntaxNode) => ReturnType<ReturnType<typeof createEvaluator>["evaluate"]> }>();
  const inProgress = new Set<string>();

  const moduleAt = (path: string) => {
    let m = analyzed.get(path);
    if (!m) {
      const info = analyzeModule(parse(texts.get(path)!), texts.get(path)!);
      const ev = createEvaluator(info, { wrappers, imports: resolverFor(path) });
      m = { info, evaluate: (node) => ev.evaluate(node, ROOT_ENV) };
      analyzed.set(path, m);
    }
    return m;
  };

  function resolverFor(importer: string): ImportResolver {
    return (imported, attribute) => {
      // `cfg.X` with `import app.config as cfg`, or `config.X` with `from app import config` (a submodule).
      if (attribute !== undefined) {
        const module = imported.name === "" ? imported.module : imported.module === "" ? imported.name : `${imported.module}.${imported.name}`;
        const found = resolverFor(importer)({ module, level: imported.level, name: attribute });
        if (found !== null || imported.name === "") return found;
        // The imported name is not a module of the project: a class its module defines (`Model.__tablename__`), or an object it builds (settings.X).
        const base = modulePaths(importer, imported, roots).find((p) => texts.has(p));
        if (base === undefined) return null;
        return classAttribute(base, imported.name, attribute) ?? { reason: `where ${imported.name} is not a module of constants` };
      }
      const path = modulePaths(importer, imported, roots).find((p) => texts.has(p));
      if (path === undefined) return null;
      const key = `${path}:${imported.name}`;
      if (inProgress.has(key)) return { reason: `where ${imported.name} is defined in a cycle of imports` };
      inProgress.add(key);
      try {
        const { info, evaluate } = moduleAt(path);
        const b = info.module.bindings.get(imported.name);
        if (!b) return { reason: `which does not define ${imported.name} at module level` };
        if (b.count === 1 && b.imported) {
          const chained = resolverFor(path)(b.imported);
          return chained ?? { reason: `which imports it from ${".".repeat(b.imported.level)}${b.imported.module}, not in the project` };
        }
        if (b.count !== 1 || !b.value || b.mutations.length > 0) return { reason: `where ${imported.name} is not a constant assigned once` };
        return { value: evaluate(b.value) };
      } finally {
        inProgress.delete(key);
      }
    };
  }

  /**
   * `attribute` of `class NAME:` defined at the top of the module at `path`,
   * when the class body assigns it once a plain literal (`__tablename__ =
   * "datasets"`); null otherwise.
   */
  function classAttribute(path: string, name: string, attribute: string): { value: Value } | null {
    const { info, evaluate } = moduleAt(path);
    const b = info.module.bindings.get(name);
    if (b?.count !== 1 || b.kind !== "definition") return null;
    for (const scope of info.scopes.values()) {
      if (scope.parent !== info.module || scope.node.type !== "class_definition" || scope.node.childForFieldName("name")?.text !== name) continue;
      const member = scope.bindings.get(attribute);
      if (member?.count !== 1 || !member.value || member.mutations.length > 0 || !LITERALS.has(member.value.type)) return null;
      const value = evaluate(member.value);
      return value.kind === "str" || value.kind === "num" || value.kind === "bool" || value.kind === "none" ? { value } : null;
    }
    return null;
  }

  return resolverFor;
}

/** The expressions a class attribute may be assigned to be read from another module: plain literals. */
const LITERALS = new Set(["string", "concatenated_string", "integer", "float", "true", "false", "none"]);
