import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, it } from "node:test";
import { pathToFileURL } from "node:url";
import { RULES } from "../rules/index.js";
import { resolveConfig } from "../src/config/resolve.js";
import { createToolkit, type ProjectInput } from "../src/project/analyze.js";
import { checkProject } from "../src/project/check.js";
import { createTimer } from "../src/timing.js";
import { EXAMPLE, ROOT } from "./helpers/paths.js";

const project = (): ProjectInput => ({
  migrations: [{ path: "server/db_migrate.py", text: readFileSync(join(EXAMPLE, "server/db_migrate.py"), "utf8") }],
  registry: { path: "server/db_indexes.py", text: readFileSync(join(EXAMPLE, "server/db_indexes.py"), "utf8") },
});

describe("the collection between the analysis and the rules", () => {
  it("checkProject calls afterAnalysis once, after every analysis (the base's too) and before the rules", async () => {
    const stages: string[] = [];
    const timer = createTimer(() => 0);
    const recording = { ...timer, time: <T>(stage: string, f: () => T): T => (stages.push(stage), timer.time(stage, f)) };
    let calls = 0;
    const toolkit = { ...createToolkit(recording), afterAnalysis: () => { calls++; } };
    const result = await checkProject({ project: project(), base: { ref: "HEAD~1", project: project() }, config: resolveConfig({}, null, RULES), rules: RULES }, toolkit);
    assert.equal(calls, 1);
    assert.ok(result.diagnostics.length > 0, "the rules ran");
    const at = stages.indexOf("heap collection");
    assert.ok(at > stages.lastIndexOf("string finding"), `after the analyses: ${stages.join(", ")}`);
    assert.equal(stages.indexOf("rules"), at + 1);
  });

  it("without afterAnalysis (a library host) there is no such stage and the result is the same", async () => {
    const timer = createTimer(() => 0);
    const withHook = await checkProject({ project: project(), base: null, config: resolveConfig({}, null, RULES), rules: RULES }, { ...createToolkit(), afterAnalysis: () => undefined });
    const plain = await checkProject({ project: project(), base: null, config: resolveConfig({}, null, RULES), rules: RULES }, createToolkit(timer));
    assert.deepEqual(plain.diagnostics, withHook.diagnostics);
    assert.ok(!timer.stages().some(([stage]) => stage === "heap collection"));
  });

  // In a child process: the flags are process-wide, and the heap measured must be that process's alone.
  const collect = (setFlags: boolean, megabytes: number): { before: number; after: number } => {
    const url = pathToFileURL(join(ROOT, "dist/src/process-flags.js")).href;
    const script = [
      `const { setProcessFlags, collectLargeHeap } = await import(${JSON.stringify(url)});`,
      setFlags ? "setProcessFlags();" : "",
      // Arrays of small objects that outlive the young generation, then become garbage.
      `let kept = []; for (let i = 0; i < ${megabytes} * 1024; i++) kept.push(Array.from({ length: 16 }, (_, j) => ({ i, j })));`,
      "kept = null;",
      "const { getHeapStatistics } = await import('node:v8');",
      "const before = getHeapStatistics().used_heap_size; collectLargeHeap(); const after = getHeapStatistics().used_heap_size;",
      "console.log(JSON.stringify({ before, after }));",
    ].join("\n");
    const r = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    return JSON.parse(r.stdout) as { before: number; after: number };
  };

  it("collectLargeHeap frees a large heap's garbage once the CLI's flags are set", () => {
    const { before, after } = collect(true, 40);
    assert.ok(before > 24 * 1024 * 1024, `the heap grew past the threshold: ${before}`);
    assert.ok(after < before / 2, `collected: ${before} → ${after}`);
  });

  it("collectLargeHeap leaves a small heap alone, and does nothing without the CLI's flags", () => {
    const small = collect(true, 1);
    assert.ok(small.after >= small.before * 0.9, `not collected: ${small.before} → ${small.after}`);
    const unflagged = collect(false, 40);
    assert.ok(unflagged.after >= unflagged.before * 0.9, `not collected: ${unflagged.before} → ${unflagged.after}`);
  });
});
