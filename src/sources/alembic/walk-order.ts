/**
 * The order Alembic upgrades an acyclic revision graph in, from its own
 * algorithm (RevisionMap._topological_sort, reversed): it walks down from
 * the heads, finishing one line of descent before the next and leaving a
 * revision another head still needs for that head's walk; at a merge it
 * takes the parents in the order `down_revision` lists them, then the
 * dependencies not already depended on by an ancestor. So two branches of a
 * merge are applied one after the other, not interleaved. Alembic orders
 * the heads by the order it listed the files in (the file system's); here
 * by file name.
 */

export interface WalkNode {
  /** The parents (`down_revision`), in the order written. */
  parents: readonly string[];
  /** What `depends_on` resolves to, in the order written. */
  dependencies: readonly string[];
}

/** The ids in upgrade order; null when the walk does not cover every node (a caller then orders them itself). */
export function alembicWalkOrder(nodes: ReadonlyMap<string, WalkNode>, heads: readonly string[]): string[] | null {
  // A dependency an ancestor (through parents only) already has is not an edge of its own.
  const normalizedDeps = new Map<string, string[]>();
  for (const [id, n] of nodes) {
    if (n.dependencies.length === 0) {
      normalizedDeps.set(id, []);
      continue;
    }
    const inherited = new Set<string>();
    for (const a of reachable(id, (x) => nodes.get(x)?.parents ?? [])) if (a !== id) for (const d of nodes.get(a)?.dependencies ?? []) inherited.add(d);
    normalizedDeps.set(id, n.dependencies.filter((d) => !inherited.has(d)));
  }
  const down = (id: string): string[] => [...new Set([...(nodes.get(id)?.parents ?? []), ...(normalizedDeps.get(id) ?? [])])];
  const ancestors = (id: string): Set<string> => reachable(id, down);

  const todo = new Set(nodes.keys());
  const current = [...heads];
  const ancestorsOf = current.map(ancestors);
  const output: string[] = [];
  let at = 0;
  // Each step emits a node, replaces a head or moves to another head; more steps than that mean no progress.
  let budget = (nodes.size + 1) * (heads.length + 2) * 4;
  while (current.length > 0) {
    if (budget-- <= 0) return null;
    const candidate = current[at]!;
    const other = ancestorsOf.findIndex((a, k) => k !== at && a.has(candidate));
    if (other >= 0) {
      // Another head still needs it: that head's line is walked first.
      at = other;
      continue;
    }
    if (todo.delete(candidate)) output.push(candidate);
    const added = down(candidate).filter((r) => todo.has(r) && !current.includes(r));
    if (added.length === 0) {
      current.splice(at, 1);
      ancestorsOf.splice(at, 1);
      at = Math.max(at - 1, 0);
    } else if (normalizedDeps.get(candidate)!.length === 0 && (nodes.get(candidate)?.parents.length ?? 0) === 1) {
      current[at] = added[0]!;
      ancestorsOf[at]!.delete(candidate);
    } else {
      current[at] = added[0]!;
      current.push(...added.slice(1));
      ancestorsOf[at] = ancestors(added[0]!);
      ancestorsOf.push(...added.slice(1).map(ancestors));
    }
  }
  return todo.size === 0 ? output.reverse() : null;
}

/** `start` and every node reachable from it through `next`. */
function reachable(start: string, next: (id: string) => readonly string[]): Set<string> {
  const seen = new Set<string>();
  const stack = [start];
  for (let id = stack.pop(); id !== undefined; id = stack.pop()) {
    if (seen.has(id)) continue;
    seen.add(id);
    stack.push(...next(id));
  }
  return seen;
}
