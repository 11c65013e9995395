import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync, readdirSync } from "node:fs";
import { join, posix, relative, sep } from "node:path";
import ts from "typescript";
import { ROOT } from "./helpers/paths.js";

/**
 * The layer order, lowest first: a module may import its own unit and the
 * units above it in this list, never one below it. A unit is a folder of src/
 * (with its subfolders), a file directly in src/, or rules/. README.md's
 * "Architecture" section says the same, one line per unit.
 */
const LAYERS = [
  "src/errors.ts",
  "src/io.ts",
  "src/timing.ts",
  "src/hash.ts",
  "src/esm",
  "src/paths",
  "src/source",
  "src/python",
  "src/sql",
  "src/sources",
  "src/registry",
  "src/model",
  "src/db",
  "src/engine",
  "rules",
  "src/config",
  "src/report",
  "src/format",
  "src/project",
  "src/fix",
  "src/disk",
  "src/cache",
  "src/commands",
  "src/cli",
  "src/cli.ts",
  "src/process-flags.ts",
  "src/code-cache.ts",
  "src/bin.ts",
  "src/index.ts",
] as const;

/** Modules that reach the file system, child processes, the network or the process: the edge. */
const EDGE = ["src/commands/", "src/disk/", "src/cache/", "src/config/load.ts", "src/db/client.ts", "src/cli.ts", "src/code-cache.ts", "src/bin.ts"];
const EDGE_IMPORTS = new Set(["node:fs", "node:fs/promises", "node:child_process", "node:net", "node:http", "node:https", "pg"]);

interface Module {
  path: string;
  /** Relative imports resolved to repository paths, in source order. */
  imports: string[];
  /** Bare specifiers (packages and node: built-ins). */
  packages: string[];
}

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && (e.name.endsWith(".ts") || e.name.endsWith(".cts")))
    .map((e) => relative(ROOT, join(e.parentPath, e.name)).split(sep).join("/"))
    .sort();
}

function readModule(path: string): Module {
  // import, import type, export … from and import(): every form TypeScript itself follows.
  const info = ts.preProcessFile(readFileSync(join(ROOT, path), "utf8"), true, true);
  const imports: string[] = [];
  const packages: string[] = [];
  for (const { fileName } of info.importedFiles) {
    if (!fileName.startsWith(".")) packages.push(fileName);
    else imports.push(posix.normalize(posix.join(posix.dirname(path), fileName.replace(/\.js$/, ".ts").replace(/\.cjs$/, ".cts"))));
  }
  return { path, imports, packages };
}

const MODULES = [...sourceFiles("src"), ...sourceFiles("rules")].map(readModule);
const PATHS = new Set(MODULES.map((m) => m.path));

function unitOf(path: string): string {
  if (path.startsWith("rules/")) return "rules";
  const [, first] = path.split("/");
  return path.split("/").length === 2 ? path : `src/${first}`;
}

function rank(unit: string): number {
  return (LAYERS as readonly string[]).indexOf(unit);
}

/** Strongly connected components with more than one member, or with a self-edge (Tarjan). */
function cycles(graph: ReadonlyMap<string, ReadonlySet<string>>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    const at = index.size;
    index.set(v, at);
    let lowest = at;
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        lowest = Math.min(lowest, low.get(w) ?? at);
      } else if (onStack.has(w)) lowest = Math.min(lowest, index.get(w) ?? at);
    }
    low.set(v, lowest);
    if (lowest !== at) return;
    const component: string[] = [];
    for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
      onStack.delete(w);
      component.push(w);
      if (w === v) break;
    }
    if (component.length > 1 || graph.get(v)?.has(v)) out.push(component.sort());
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) visit(v);
  return out;
}

test("the import parser sees every form of import", () => {
  const parsed = ts.preProcessFile('import a from "./a.js";\nimport type { B } from "../b.js";\nexport { c } from "./c/index.js";\nconst d = await import("./d.js");\nimport "node:fs";\n', true, true);
  assert.deepEqual(
    parsed.importedFiles.map((f) => f.fileName),
    ["./a.js", "../b.js", "./c/index.js", "./d.js", "node:fs"],
  );
  // The modules of src/ and rules/ are all read: the layers below are about real files.
  assert.ok(MODULES.length > 150, `${MODULES.length} modules`);
  assert.ok(PATHS.has("src/cli.ts") && PATHS.has("rules/index.ts") && PATHS.has("src/python/parser.ts"));
});

test("the cycle finder finds cycles of two modules and of one", () => {
  const graph = new Map([
    ["a", new Set(["b"])],
    ["b", new Set(["a", "c"])],
    ["c", new Set<string>()],
    ["d", new Set(["d"])],
  ]);
  assert.deepEqual(cycles(graph), [["a", "b"], ["d"]]);
});

test("every relative import names a module of src/ or rules/", () => {
  const missing = MODULES.flatMap((m) => m.imports.filter((i) => !PATHS.has(i)).map((i) => `${m.path} → ${i}`));
  assert.deepEqual(missing, []);
});

test("every module belongs to a layer of the list", () => {
  const unplaced = [...new Set(MODULES.map((m) => unitOf(m.path)).filter((u) => rank(u) < 0))].sort();
  assert.deepEqual(unplaced, [], "add the new folder to LAYERS here and to README.md's Architecture section");
  const unused = LAYERS.filter((l) => !MODULES.some((m) => unitOf(m.path) === l));
  assert.deepEqual(unused, []);
});

test("no import cycle between modules", () => {
  const graph = new Map(MODULES.map((m) => [m.path, new Set(m.imports)]));
  assert.deepEqual(cycles(graph), []);
});

test("no import cycle between folders", () => {
  const graph = new Map<string, Set<string>>();
  for (const m of MODULES) {
    const from = unitOf(m.path);
    const edges = graph.get(from) ?? new Set<string>();
    graph.set(from, edges);
    for (const i of m.imports) if (unitOf(i) !== from) edges.add(unitOf(i));
  }
  assert.deepEqual(cycles(graph), []);
});

test("no import from a lower layer to a higher one", () => {
  const upward = MODULES.flatMap((m) => m.imports.filter((i) => rank(unitOf(i)) > rank(unitOf(m.path))).map((i) => `${m.path} → ${i}`));
  assert.deepEqual(upward, []);
});

test("only the edge touches the file system, child processes or the network", () => {
  const inside = MODULES.filter((m) => !EDGE.some((e) => (e.endsWith("/") ? m.path.startsWith(e) : m.path === e)));
  const reaching = inside.flatMap((m) => m.packages.filter((p) => EDGE_IMPORTS.has(p)).map((p) => `${m.path} → ${p}`));
  assert.deepEqual(reaching, []);
  // The pipeline the library exports reads nothing itself.
  assert.ok(!MODULES.some((m) => m.path.startsWith("src/project/") && m.imports.some((i) => i.startsWith("src/disk/"))));
});

test("README.md's Architecture section lists the layers in this order", () => {
  const readme = readFileSync(join(ROOT, "README.md"), "utf8");
  const section = /^### Architecture\n([\s\S]*?)(?=^#)/m.exec(readme)?.[1] ?? "";
  const listed = [...section.matchAll(/^\d+\. `([^`]+)`/gm)].map((m) => m[1]!.replace(/\/$/, ""));
  assert.deepEqual(listed, [...LAYERS]);
});
