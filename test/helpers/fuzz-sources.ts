/**
 * The mutation fuzzer of test/helpers/fuzz.ts over the framework example
 * projects (Alembic, Django, plain SQL): one to three mutations, each on a
 * migration or module of the project, then the whole pipeline with the
 * sources detected as `check` detects them. Every case derives from
 * (fixture, seed, case index) alone.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import type { Toolkit } from "../../src/project/analyze.js";
import { detectSources, readSourceFiles, trackedTree } from "../../src/project/sources.js";
import { caseSeed, makeRng, MUTATION_NAMES, MUTATIONS, runPipeline, type CaseResult } from "./fuzz.js";

export const SOURCE_FIXTURES = ["alembic-example", "django-example", "sql-example"];
export const SOURCE_SEED = 0x5eed;

export interface SourceFuzzCase {
  fixture: string;
  seed: number;
  index: number;
  texts: ReadonlyMap<string, string>;
  mutations: string[];
}

/** The project's files the sources are detected and read from (its expected outputs left out), by path. */
export function readFixture(dir: string): Map<string, string> {
  const texts = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (name === "expected" || name === "__pycache__") continue;
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(py|sql|ini|plan)$/.test(name)) texts.set(relative(dir, path).split("\\").join("/"), readFileSync(path, "utf8"));
    }
  };
  walk(dir);
  return texts;
}

/** Case `index`: one to three mutations, each on a `.py` or `.sql` file picked at random (configuration files are left whole). */
export function makeSourceCase(fixture: string, originals: ReadonlyMap<string, string>, seed: number, index: number): SourceFuzzCase {
  const rng = makeRng(caseSeed(seed, index));
  const texts = new Map(originals);
  const targets = [...originals.keys()].filter((p) => p.endsWith(".py") || p.endsWith(".sql"));
  const mutations: string[] = [];
  for (let n = 1 + Math.floor(rng() * 3); n > 0; n--) {
    const path = targets[Math.floor(rng() * targets.length)]!;
    const name = MUTATION_NAMES[Math.floor(rng() * MUTATION_NAMES.length)]!;
    texts.set(path, MUTATIONS[name]!(texts.get(path)!, rng));
    mutations.push(`${name} on ${path}`);
  }
  return { fixture, seed, index, texts, mutations };
}

/** The pipeline on the case, its sources detected and read from the mutated files. */
export function runSourceCase(c: SourceFuzzCase, toolkit: Toolkit): Promise<CaseResult> {
  const tree = trackedTree([...c.texts.keys()].sort(), (path) => ({ path, text: c.texts.get(path)! }));
  const specs = detectSources(tree);
  return runPipeline(() => ({ migrations: [], registry: null, sources: specs.map((s) => readSourceFiles(tree, s)) }), c.texts, toolkit, { sources: specs, detectSources: false });
}

export function describeSourceCase(c: SourceFuzzCase): string {
  return `${c.fixture} seed ${c.seed} case ${c.index} (${c.mutations.join("; ")})`;
}
