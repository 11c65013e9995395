import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { orderRevisions, type RevisionInfo } from "../../src/sources/alembic/graph.js";
import { ALEMBIC, PYTHON, requireComponent } from "../helpers/component.js";
import { makeRng } from "../helpers/fuzz.js";

const SKIP = requireComponent(ALEMBIC);

interface Graph {
  seed: number;
  revs: { id: string; down: string[]; deps: string[] }[];
}

/** Branches, merges of two or three parents, a `depends_on` on an earlier revision now and then; some graphs left with several heads. */
function graph(seed: number): Graph {
  const rnd = makeRng(seed);
  const n = 2 + Math.floor(rnd() * 24);
  const revs: Graph["revs"] = [];
  for (let i = 0; i < n; i++) {
    const id = `r${String(i).padStart(2, "0")}`;
    const earlier = revs.map((r) => r.id);
    const pick = (k: number): string[] => {
      const pool = [...earlier];
      const out: string[] = [];
      while (out.length < k && pool.length > 0) out.push(pool.splice(Math.floor(rnd() * pool.length), 1)[0]!);
      return out;
    };
    const down = i === 0 ? [] : pick(rnd() < 0.6 ? 1 : rnd() < 0.7 ? 2 : 3);
    // One dependency at most: Alembic keeps several in a Python set, whose order varies from run to run.
    const deps = i > 1 && rnd() < 0.3 ? pick(1) : [];
    revs.push({ id, down, deps });
  }
  return { seed, revs };
}

test("revisions are applied in the order Alembic's own RevisionMap gives for `upgrade heads`", { skip: SKIP }, () => {
  const graphs = Array.from({ length: 300 }, (_, k) => graph(k + 1));
  // Alembic's revision map, fed the revisions in file-name order (how this tool breaks the ties the file system breaks for Alembic).
  const script = [
    "import json, sys",
    "from alembic.script.revision import RevisionMap, Revision",
    "out = []",
    "for g in json.load(sys.stdin):",
    "    revs = [Revision(r['id'], tuple(r['down']) or None, dependencies=tuple(r['deps']) or None) for r in g['revs']]",
    "    m = RevisionMap(lambda: revs)",
    "    out.append([r.revision for r in reversed(list(m.iterate_revisions('heads', 'base')))])",
    "json.dump(out, sys.stdout)",
  ].join("\n");
  const r = spawnSync(PYTHON, ["-c", script], { input: JSON.stringify(graphs), encoding: "utf8" });
  assert.equal(r.status, 0, r.stderr);
  const expected = JSON.parse(r.stdout) as string[][];
  for (const [k, g] of graphs.entries()) {
    const infos: RevisionInfo[] = g.revs.map((x) => ({ file: `versions/${x.id}.py`, revision: x.id, downRevisions: x.down, dependsOn: x.deps, branchLabels: [], revisionAt: 0, downRevisionAt: 0, dependsOnAt: 0 }));
    const { order, problems } = orderRevisions(infos);
    assert.deepEqual(order.map((x) => x.revision), expected[k], `graph of seed ${g.seed}: ${JSON.stringify(g.revs)}`);
    assert.deepEqual(problems.filter((p) => !p.message.includes("heads")), []);
  }
});
