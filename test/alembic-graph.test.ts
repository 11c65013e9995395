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

  it("heads each on a branch of its own that branch_labels names are meant (run with upgrade heads); unnamed heads, or a label both lines share, are two heads", () => {
    const labeled = (revision: string, down: string[], labels: string[], dependsOn: string[] = []): RevisionInfo => ({ ...info(revision, down), branchLabels: labels, dependsOn });
    const expandContract = orderRevisions([info("base", []), labeled("e1", ["base"], ["expand"]), info("e2", ["e1"]), labeled("c1", ["base"], ["contract"], ["e1"])]);
    assert.deepEqual(expandContract.problems, []);
    const oneLabel = orderRevisions([info("base", []), labeled("e1", ["base"], ["expand"]), info("x1", ["base"])]);
    assert.deepEqual(oneLabel.problems.map((p) => p.message), ["2 heads: e1, x1; alembic upgrade head refuses to choose (merge them with alembic merge)"]);
    const shared = orderRevisions([labeled("base", [], ["main"]), info("a1", ["base"]), info("b1", ["base"])]);
    assert.equal(shared.problems.length, 1);
  });

  it("a down_revision or depends_on not known statically is said (taken as none); a branch label not known statically still names a branch of its own", () => {
    const unread = (r: RevisionInfo, name: string): RevisionInfo => ({ ...r, unread: [{ name, at: 7 }] });
    const parent = orderRevisions([info("base", []), unread(info("a1", []), "down_revision")]);
    assert.deepEqual(parent.problems.map((p) => `${p.index} ${p.message}`), ["7 revision a1: its down_revision is not known statically, so it is taken as none and the order may differ from Alembic's"]);
    const labels = orderRevisions([info("base", []), unread(info("e1", ["base"]), "branch_labels"), unread(info("c1", ["base"]), "branch_labels")]);
    assert.deepEqual(labels.problems, []);
  });
});

