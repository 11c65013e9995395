/**
 * A seeded mutation fuzzer for the whole pipeline (extraction, SQL, rules,
 * formatters, report), shared by test/fuzz.test.ts (a few thousand cases in
 * `npm test`) and bench/fuzz.ts (`npm run fuzz -- --cases N --seed S`).
 *
 * Every case is derived from (seed, case index) alone, so a failure is replayed
 * with `npm run fuzz -- --seed S --case I`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { Chalk } from "chalk";
import { RULES } from "../../rules/index.js";
import { resolveConfig, type Config } from "../../src/config/resolve.js";
import type { Diagnostic } from "../../src/engine/rule.js";
import { FORMATTERS, summarize } from "../../src/format/check/index.js";
import { formatListCsv, formatListJson, formatListTable } from "../../src/format/list.js";
import type { ProjectInput, Toolkit } from "../../src/project/analyze.js";
import { checkProject } from "../../src/project/check.js";
import { generateReport } from "../../src/report/index.js";

export const MIGRATION = "server/db_migrate.py";
export const REGISTRY = "server/db_indexes.py";

/** Per-case wall-clock budget: far above a normal run (tens of ms), far below a hang. */
export const CASE_BUDGET_MS = 5_000;

export type Rng = () => number;

/** mulberry32: small, fast, and the same sequence on every platform. */
export function makeRng(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The seed of case `index` of a run seeded with `seed`. */
export function caseSeed(seed: number, index: number): number {
  return (Math.imul(seed >>> 0, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b)) >>> 0;
}

const int = (rng: Rng, n: number) => Math.floor(rng() * n);
const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[int(rng, xs.length)]!;

const UNICODE = ["é", "ß", "ש", "ל", "ם", "中", "文", "😀", "👍🏽", "\u0301", "\u200b", "\u202e", "\ufeff", "\ufffd", "\u2028", "\u00a0", "𝔘", "\t", "\\", "\\N{", "\\x", "\\u12", "{", "}", "%", "%(", "$$", "--", "/*", "*/", "#", "\r", "\r\n", "\n"];
const QUOTES = ['"', "'", '"""', "'''", 'f"', "rb'", 'f"""{', "\\"];
const BRACKETS = ["(", ")", "[", "]", "{", "}", "((((", "))))", "[[[", "]]]"];
const SQL_BITS = ["CREATE INDEX ", "CREATE UNIQUE INDEX ", "IF NOT EXISTS ", "CONCURRENTLY ", " ON ", "(a)", ";", "DROP INDEX ", "ALTER INDEX a RENAME TO b;", "WHERE ", "USING gin ", "-- index-audit: ignore[", "# index-audit: ignore[invalid-sql]\n", "# index-audit: functional\n", ":name", "%s", "%(x)s"];
const PY_BITS = ["def f(conn):\n", "    ", "for t in ('a', 'b'):\n", "if not index_exists('x'):\n", "conn.execute(", "text(", ")\n", " + ", " % ", ".format(", "INDEX_DEFS += [", "INDEX_DEFS = ", "{'name': 'x', 'sql': ", "}", "\\\n", "lambda: ", "<<<<<<< HEAD\n", "=======\n", ">>>>>>> branch\n"];

export type Mutation = (text: string, rng: Rng) => string;

const at = (text: string, rng: Rng) => int(rng, text.length + 1);
const insert = (text: string, i: number, s: string) => text.slice(0, i) + s + text.slice(i);

export const MUTATIONS: Record<string, Mutation> = {
  /** Flip one bit of one UTF-8 byte; the bytes are decoded as the CLI reads files (replacement characters). */
  byteFlip(text, rng) {
    const bytes = Buffer.from(text, "utf8");
    if (bytes.length === 0) return text;
    const i = int(rng, bytes.length);
    bytes[i] = bytes[i]! ^ (1 << int(rng, 8)) || 0x20; // a NUL would make the CLI refuse the file
    return new TextDecoder("utf-8").decode(bytes);
  },
  randomByte(text, rng) {
    const bytes = Buffer.from(text, "utf8");
    const i = int(rng, bytes.length + 1);
    const out = Buffer.concat([bytes.subarray(0, i), Buffer.from([1 + int(rng, 255)]), bytes.subarray(i)]);
    return new TextDecoder("utf-8").decode(out);
  },
  deletion(text, rng) {
    const i = at(text, rng);
    return text.slice(0, i) + text.slice(i + 1 + int(rng, rng() < 0.7 ? 8 : 400));
  },
  duplication(text, rng) {
    const i = at(text, rng);
    const piece = text.slice(i, i + 1 + int(rng, rng() < 0.7 ? 40 : 600));
    return insert(text, at(text, rng), piece.repeat(1 + int(rng, 3)));
  },
  truncation(text, rng) {
    return text.slice(0, at(text, rng));
  },
  quote(text, rng) {
    return insert(text, at(text, rng), pick(rng, QUOTES));
  },
  bracket(text, rng) {
    return insert(text, at(text, rng), pick(rng, BRACKETS).repeat(rng() < 0.1 ? 50 : 1));
  },
  unicode(text, rng) {
    let s = "";
    for (let n = 1 + int(rng, 4); n > 0; n--) s += pick(rng, UNICODE);
    return insert(text, at(text, rng), s);
  },
  sql(text, rng) {
    return insert(text, at(text, rng), pick(rng, SQL_BITS));
  },
  python(text, rng) {
    return insert(text, at(text, rng), pick(rng, PY_BITS));
  },
  lineEnds(text, rng) {
    return rng() < 0.5 ? text.replace(/\n/g, "\r\n") : text.replace(/\n/g, () => (rng() < 0.3 ? "\r" : "\n"));
  },
  bom(text) {
    return "\ufeff" + text;
  },
};
export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** A window of whole lines (small inputs keep a case fast and still hit every construct over many cases). */
function slice(text: string, rng: Rng): string {
  const lines = text.split("\n");
  if (rng() < 0.01) return text;
  const len = 5 + int(rng, rng() < 0.85 ? 50 : 200);
  const start = int(rng, Math.max(1, lines.length - len));
  return lines.slice(start, start + len).join("\n") + "\n";
}

export interface FuzzCase {
  seed: number;
  index: number;
  migration: string;
  registry: string;
  mutations: string[];
}

export interface Originals {
  migration: string;
  registry: string;
}

export function readOriginals(exampleDir: string): Originals {
  return {
    migration: readFileSync(join(exampleDir, MIGRATION), "utf8"),
    registry: readFileSync(join(exampleDir, REGISTRY), "utf8"),
  };
}

/** Case `index` of the run seeded with `seed`: both files sliced, one or both mutated 1–6 times. */
export function makeCase(originals: Originals, seed: number, index: number): FuzzCase {
  const rng = makeRng(caseSeed(seed, index));
  let migration = slice(originals.migration, rng);
  let registry = slice(originals.registry, rng);
  const mutations: string[] = [];
  const target = int(rng, 3); // 0: migration, 1: registry, 2: both
  for (let n = 1 + int(rng, 6); n > 0; n--) {
    const name = pick(rng, MUTATION_NAMES);
    const m = MUTATIONS[name]!;
    if (target !== 1) migration = m(migration, rng);
    if (target !== 0) registry = m(registry, rng);
    mutations.push(name);
  }
  return { seed, index, migration, registry, mutations };
}

let defaultConfig: Config | null = null;
function config(): Config {
  return (defaultConfig ??= resolveConfig({}, null, RULES));
}

/** Lines as Python counts them (LF, CRLF or a lone CR), after a leading BOM. */
export function linesOf(text: string): string[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  return body.split(/\r\n|\r|\n/);
}

export interface CaseResult {
  ms: number;
  diagnostics: number;
  /** What is wrong with the run (empty when it passed). */
  failures: string[];
}

/**
 * Runs the pipeline in-process on one case — analysis, rules, every check
 * formatter, the list formats and the report — and checks every position.
 * A throw is caught and reported as a failure, never rethrown.
 */
export async function runCase(c: FuzzCase, toolkit: Toolkit): Promise<CaseResult> {
  const texts = new Map([
    [MIGRATION, c.migration],
    [REGISTRY, c.registry],
  ]);
  return runPipeline(() => ({ migrations: [{ path: MIGRATION, text: c.migration }], registry: { path: REGISTRY, text: c.registry } }), texts, toolkit);
}

/**
 * The pipeline on a project read from `texts` (path → text) by `project`:
 * no throw, within the budget, every formatter's output, every position in
 * its file. `config` gives the configuration (the default one when absent).
 */
export async function runPipeline(project: () => ProjectInput, texts: ReadonlyMap<string, string>, toolkit: Toolkit, configured: Partial<Config> = {}): Promise<CaseResult> {
  const failures: string[] = [];
  const started = performance.now();
  let diagnostics: Diagnostic[] = [];
  try {
    const cfg = { ...config(), ...configured };
    const result = await checkProject({ project: project(), base: null, config: cfg, rules: RULES }, toolkit);
    diagnostics = result.diagnostics;
    const chalk = new Chalk({ level: 1 });
    const report = { diagnostics, summary: summarize(diagnostics, result.suppressed, 0, result.files.length), files: result.files, base: null };
    for (const [name, format] of Object.entries(FORMATTERS)) {
      const out = format(report, { chalk, rules: RULES, toolVersion: "0.0.0", ruleDocs: new Map(), repositoryPrefix: "" });
      if (typeof out !== "string") failures.push(`formatter ${name} returned ${typeof out}`);
    }
    if (diagnostics.length > 0) JSON.parse(FORMATTERS.json!(report, { chalk, rules: RULES, toolVersion: "0.0.0", ruleDocs: new Map(), repositoryPrefix: "" }));
    formatListJson(result.inventory);
    formatListCsv(result.inventory);
    formatListTable(result.inventory, chalk);
    generateReport({ inventory: result.inventory, diagnostics, suppressed: result.suppressed, rules: RULES, config: cfg, base: null, date: null });

    const linesByFile = new Map([...texts].map(([file, text]) => [file, linesOf(text)]));
    const check = (what: string, file: string, line: number, column: number) => {
      const lines = linesByFile.get(file);
      if (lines === undefined) return failures.push(`${what}: unknown file ${file}`);
      if (!Number.isInteger(line) || line < 1 || line > lines.length) return failures.push(`${what}: line ${line} not in ${file} (${lines.length} lines)`);
      const width = [...lines[line - 1]!].length;
      if (!Number.isInteger(column) || column < 1 || column > width + 1) failures.push(`${what}: column ${column} not in ${file}:${line} (${width} characters)`);
      return 0;
    };
    for (const d of diagnostics) {
      check(`${d.rule} at ${d.line}:${d.column}`, d.file, d.line, d.column);
      check(`${d.rule} end at ${d.endLine}:${d.endColumn}`, d.file, d.endLine, d.endColumn);
      if (d.endLine < d.line || (d.endLine === d.line && d.endColumn < d.column)) failures.push(`${d.rule}: end ${d.endLine}:${d.endColumn} before start ${d.line}:${d.column}`);
    }
    for (const i of result.inventory.indexes) check(`index ${i.name}`, i.location.file, i.location.line, i.location.column);
    for (const e of result.inventory.errors) check(`error ${e.kind}`, e.file, e.line, e.column);
    for (const d of result.inventory.dynamic) check("dynamic", d.file, d.line, d.column);
  } catch (e) {
    failures.push(`threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
  }
  const ms = performance.now() - started;
  if (ms > CASE_BUDGET_MS) failures.push(`took ${ms.toFixed(0)} ms (budget ${CASE_BUDGET_MS} ms)`);
  return { ms, diagnostics: diagnostics.length, failures };
}

/** How to replay a case. */
export function describeCase(c: FuzzCase): string {
  return `seed ${c.seed} case ${c.index} (mutations: ${c.mutations.join(", ")}; replay: npm run fuzz -- --seed ${c.seed} --case ${c.index})`;
}
