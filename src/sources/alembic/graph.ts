import { alembicWalkOrder, type WalkNode } from "./walk-order.js";

/** One revision file's identifiers, as its module-level assignments state them. */
export interface RevisionInfo {
  /** The file's path (ties in the order are broken by it). */
  file: string;
  revision: string;
  /** Parents: none for a base, two or more for a merge. */
  downRevisions: string[];
  /** Revisions or branch labels that must be applied first. */
  dependsOn: string[];
  branchLabels: string[];
  /** Offsets of the assignments, for reporting. */
  revisionAt: number;
  downRevisionAt: number;
  dependsOnAt: number;
  /** `down_revision`, `depends_on` or `branch_labels` given a value not known statically (taken as none, and said), with its offset. */
  unread?: { name: string; at: number }[];
}

export interface GraphProblem {
  file: string;
  index: number;
  message: string;
}

/**
 * The order `alembic upgrade heads` applies revisions in: every parent
 * (`down_revision`) and dependency (`depends_on`, a revision or a branch
 * label) before its child, in the order Alembic's own walk takes (see
 * walk-order.ts: the branches of a merge one after the other). A missing
 * parent, a cycle and more than one head are problems; nothing is left out:
 * with a cycle, revisions ready at the same time go by file name, and those
 * in the cycle follow the others.
 */
export function orderRevisions(revisions: readonly RevisionInfo[]): { order: RevisionInfo[]; problems: GraphProblem[] } {
  const problems: GraphProblem[] = [];
  const byId = new Map<string, RevisionInfo>();
  for (const r of [...revisions].sort((a, b) => cmp(a.file, b.file))) {
    const seen = byId.get(r.revision);
    if (seen) problems.push({ file: r.file, index: r.revisionAt, message: `revision ${r.revision} is also declared in ${seen.file}` });
    else byId.set(r.revision, r);
  }
  for (const r of byId.values())
    for (const u of r.unread ?? []) {
      // A branch label not known still names a branch of its own (namedBranches); a parent or dependency not known leaves the order open.
      if (u.name !== "branch_labels") problems.push({ file: r.file, index: u.at, message: `revision ${r.revision}: its ${u.name} is not known statically, so it is taken as none and the order may differ from Alembic's` });
    }
  const byLabel = new Map<string, RevisionInfo>();
  for (const r of byId.values()) for (const l of r.branchLabels) if (!byLabel.has(l)) byLabel.set(l, r);

  const parents = new Map<RevisionInfo, Set<RevisionInfo>>();
  const children = new Map<RevisionInfo, RevisionInfo[]>();
  const hasChild = new Set<RevisionInfo>();
  for (const r of byId.values()) parents.set(r, new Set());
  const link = (parent: RevisionInfo, child: RevisionInfo): void => {
    if (parents.get(child)!.has(parent)) return;
    parents.get(child)!.add(parent);
    const list = children.get(parent);
    if (list) list.push(child);
    else children.set(parent, [child]);
  };
  for (const r of byId.values()) {
    for (const id of r.downRevisions) {
      const parent = byId.get(id);
      if (!parent) problems.push({ file: r.file, index: r.downRevisionAt, message: `revision ${r.revision} names down_revision ${id}, which no revision file declares` });
      else {
        link(parent, r);
        hasChild.add(parent);
      }
    }
    for (const id of r.dependsOn) {
      const target = byId.get(id) ?? byLabel.get(id);
      if (!target) problems.push({ file: r.file, index: r.dependsOnAt, message: `revision ${r.revision} depends on ${id}, which is neither a revision nor a branch label` });
      else if (target !== r) link(target, r);
    }
  }

  // Kahn's algorithm; the ready set stays sorted by file name.
  const waiting = new Map<RevisionInfo, number>();
  for (const [r, ps] of parents) waiting.set(r, ps.size);
  const ready = [...byId.values()].filter((r) => waiting.get(r) === 0).sort((a, b) => cmp(a.file, b.file));
  const order: RevisionInfo[] = [];
  while (ready.length > 0) {
    const r = ready.shift()!;
    order.push(r);
    for (const c of children.get(r) ?? []) {
      const n = waiting.get(c)! - 1;
      waiting.set(c, n);
      if (n === 0) insertSorted(ready, c);
    }
  }
  const cyclic = order.length < byId.size;
  if (cyclic) {
    const stuck = [...byId.values()].filter((r) => !order.includes(r)).sort((a, b) => cmp(a.file, b.file));
    const first = stuck[0]!;
    problems.push({ file: first.file, index: first.downRevisionAt, message: `revisions ${stuck.map((r) => r.revision).join(", ")} form a cycle (or descend from one): no order applies them` });
    order.push(...stuck);
  }

  // A missing parent or a cycle leaves extra heads behind: the problem already reported explains them.
  const heads = [...byId.values()].filter((r) => !hasChild.has(r)).sort((a, b) => cmp(a.file, b.file));
  const walked = cyclic ? null : walkOrder(byId, byLabel);
  if (walked) order.splice(0, order.length, ...walked);
  else if (!cyclic && heads[0])
    // The walk covers every revision of an acyclic graph; should it not, the order used is said, not passed off as Alembic's.
    problems.push({ file: heads[0].file, index: heads[0].revisionAt, message: "Alembic's upgrade order could not be worked out for this graph: revisions are applied parents first, ties by file name, which may differ from Alembic's where two branches touch the same index" });
  // Heads each on a branch of its own that branch_labels names (neutron's expand and contract, several bases) are meant:
  // such a project runs `alembic upgrade heads` (or `<label>@head`).
  if (heads.length > 1 && problems.length === 0 && !namedBranches(heads, byId)) {
    for (const h of heads.slice(1))
      problems.push({ file: h.file, index: h.revisionAt, message: `${heads.length} heads: ${heads.map((x) => x.revision).join(", ")}; alembic upgrade head refuses to choose (merge them with alembic merge)` });
  }
  return { order, problems };
}

/**
 * The first revision of `order` (an apply order of an acyclic graph) that may
 * run after `r` starts: `r` itself, or an earlier one that is not among its
 * ancestors (through down_revision and depends_on), on another branch, whose
 * order against r's the operator picks (`upgrade heads`, `<label>@head`) or
 * a database may have met in another order before a merge.
 */
export function firstMaybeAfter(order: readonly RevisionInfo[]): (r: RevisionInfo) => RevisionInfo {
  const byId = new Map(order.map((x) => [x.revision, x]));
  const byLabel = new Map<string, RevisionInfo>();
  for (const x of order) for (const l of x.branchLabels) if (!byLabel.has(l)) byLabel.set(l, x);
  return (r) => {
    const ancestors = new Set<RevisionInfo>();
    const stack = [r];
    for (let x = stack.pop(); x; x = stack.pop())
      for (const id of [...x.downRevisions, ...x.dependsOn]) {
        const parent = byId.get(id) ?? byLabel.get(id);
        if (parent && parent !== r && !ancestors.has(parent)) {
          ancestors.add(parent);
          stack.push(parent);
        }
      }
    return order.find((x) => !ancestors.has(x)) ?? r;
  };
}

/**
 * Whether each head lies on a branch of its own: some branch label on it or
 * on its ancestors (through down_revision) that no other head's line holds.
 */
function namedBranches(heads: readonly RevisionInfo[], byId: ReadonlyMap<string, RevisionInfo>): boolean {
  const lines = heads.map((head) => {
    const labels = new Set<string>();
    const seen = new Set<RevisionInfo>();
    const stack = [head];
    for (let r = stack.pop(); r; r = stack.pop()) {
      if (seen.has(r)) continue;
      seen.add(r);
      for (const l of r.branchLabels) labels.add(l);
      // A label not known statically is still a label, of this revision's branch alone.
      if (r.unread?.some((u) => u.name === "branch_labels")) labels.add(`${r.file}:${r.revision}`);
      for (const id of r.downRevisions) {
        const parent = byId.get(id);
        if (parent) stack.push(parent);
      }
    }
    return labels;
  });
  return lines.every((own, i) => [...own].some((l) => lines.every((other, j) => j === i || !other.has(l))));
}

/**
 * Alembic's order for an acyclic graph, over the parents and dependencies
 * that exist, walked from `upgrade heads`' heads: the revisions nothing
 * descends from or depends on, by file name.
 */
function walkOrder(byId: ReadonlyMap<string, RevisionInfo>, byLabel: ReadonlyMap<string, RevisionInfo>): RevisionInfo[] | null {
  const nodes = new Map<string, WalkNode>();
  const below = new Set<string>();
  for (const [id, r] of byId) {
    const dependencies = r.dependsOn.map((d) => (byId.get(d) ?? byLabel.get(d))?.revision).filter((d): d is string => d !== undefined && d !== id);
    const parents = r.downRevisions.filter((p) => byId.has(p));
    nodes.set(id, { parents, dependencies });
    for (const x of [...parents, ...dependencies]) below.add(x);
  }
  const heads = [...byId.values()].filter((r) => !below.has(r.revision)).sort((a, b) => cmp(a.file, b.file));
  return alembicWalkOrder(nodes, heads.map((h) => h.revision))?.map((id) => byId.get(id)!) ?? null;
}

function insertSorted(list: RevisionInfo[], r: RevisionInfo): void {
  let i = 0;
  while (i < list.length && cmp(list[i]!.file, r.file) <= 0) i++;
  list.splice(i, 0, r);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
