import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { orderRevisions, type RevisionInfo } from "../src/sources/alembic/graph.js";
import { alembicWalkOrder, type WalkNode } from "../src/sources/alembic/walk-order.js";

const info = (revision: string, downRevisions: string[], file = `versions/${revision}.py`): RevisionInfo => ({ file, revision, downRevisions, dependsOn: [], branchLabels: [], revisionAt: 0, downRevisionAt: 0, dependsOnAt: 0 });

describe("Alembic revision order", () => {
  it("applies a merge's branches one after the other, the parent listed last first, as Alembic's walk does", () => {
    // base ← a1 ← a2, base ← b1; merge (a2, b1). File names would interleave them: a1, b1, a2.
    const { order, problems } = orderRevisions([info("base", []), info("a1", ["base"]), info("a2", ["a1"]), info("b1", ["base"]), info("merge", ["a2", "b1"])]);
    assert.deepEqual(order.map((r) => r.revision), ["base", "b1", "a1", "a2", "merge"]);
    assert.deepEqual(problems, []);
  });

  it("the walk answers null when its heads do not reach every revision (the caller then says which order it used)", () => {
    const nodes = new Map<string, WalkNode>([
      ["a", { parents: [], dependencies: [] }],
      ["b", { parents: ["a"], dependencies: [] }],
      ["c", { parents: [], dependencies: [] }],
    ]);
    assert.deepEqual(alembicWalkOrder(nodes, ["b", "c"]), ["c", "a", "b"]);
    assert.equal(alembicWalkOrder(nodes, ["b"]), null);
  });
});
