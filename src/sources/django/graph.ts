import type { MigrationDecl, MigrationKey } from "./migration.js";

export interface GraphProblem {
  migration: MigrationDecl;
  message: string;
}

function id(k: MigrationKey): string {
  return `${k.app}.${k.name}`;
}

/**
 * The order `manage.py migrate` applies the migrations in, on a database that
 * has none applied: squashed migrations replace the ones they list, `__first__`
 * and `__latest__` resolve within the app, `run_before` adds the reverse edge,
 * and the plan walks each leaf (sorted) depth-first, parents sorted, as
 * Django's `forwards_plan` does. Dependencies on apps outside the project
 * (`auth`, `contenttypes`) are left out; a cycle is reported and broken.
 */
export function migrationPlan(decls: readonly MigrationDecl[]): { plan: MigrationDecl[]; problems: GraphProblem[] } {
  const problems: GraphProblem[] = [];
  const nodes = new Map<string, MigrationDecl>();
  for (const d of decls) {
    if (nodes.has(id(d))) problems.push({ migration: d, message: `migration ${id(d)} is defined twice; the first one is used` });
    else nodes.set(id(d), d);
  }
  // With no migration applied, Django uses a squashed migration and drops the ones it replaces.
  const replacedBy = new Map<string, string>();
  for (const d of nodes.values()) for (const r of d.replaces) replacedBy.set(id(r), id(d));
  const replaced = [...replacedBy.keys()].flatMap((r) => nodes.get(r) ?? []);
  for (const r of replacedBy.keys()) nodes.delete(r);
  // A squash of squashes is followed to the last one; a cycle of `replaces` stops where it closes (its members are gone).
  const remap = (k: string): string => {
    const seen = new Set<string>();
    let out = k;
    while (replacedBy.has(out) && !seen.has(out)) {
      seen.add(out);
      out = replacedBy.get(out)!;
    }
    return out;
  };
  // A chain of `replaces` that ends in a live migration drops the replaced one as Django does; one that closes on itself
  // leaves no migration to run in its place: said, not silently lost.
  for (const d of replaced) if (!nodes.has(remap(id(d)))) problems.push({ migration: d, message: `migration ${id(d)} is replaced only within a cycle of \`replaces\`; it is left out` });
  const apps = new Set([...nodes.values()].map((d) => d.app));
  const parents = new Map<string, Set<string>>();
  for (const k of nodes.keys()) parents.set(k, new Set());
  const inApp = (app: string): string[] => [...nodes.values()].filter((d) => d.app === app).map(id);
  const resolve = (k: MigrationKey, from: MigrationDecl): string | null => {
    if (!apps.has(k.app)) return null;
    if (k.name === "__first__" || k.name === "__latest__") {
      const own = inApp(k.app);
      const internalParents = (n: string): string[] => [...parents.get(n)!].filter((p) => nodes.get(p)!.app === k.app);
      const pick = k.name === "__first__" ? own.filter((n) => internalParents(n).length === 0) : own.filter((n) => !own.some((o) => internalParents(o).includes(n)));
      return pick.sort()[0] ?? null;
    }
    const target = remap(id(k));
    if (nodes.has(target)) return target;
    problems.push({ migration: from, message: `depends on ${id(k)}, which does not exist` });
    return null;
  };
  // Edges within an app first, so __first__ and __latest__ see them.
  for (const pass of [true, false]) {
    for (const d of nodes.values()) {
      for (const dep of d.dependencies) {
        if ((dep.app === d.app) !== pass) continue;
        const p = resolve(dep, d);
        if (p && p !== id(d)) parents.get(id(d))!.add(p);
      }
      if (pass) continue;
      for (const rb of d.runBefore) {
        const c = resolve(rb, d);
        if (c && c !== id(d)) parents.get(c)!.add(id(d));
      }
    }
  }
  const children = new Map<string, Set<string>>();
  for (const [k, ps] of parents) for (const p of ps) (children.get(p) ?? children.set(p, new Set()).get(p)!).add(k);
  const leaves = [...nodes.keys()].filter((k) => ![...(children.get(k) ?? [])].some((c) => nodes.get(c)!.app === nodes.get(k)!.app)).sort();
  const plan: MigrationDecl[] = [];
  const done = new Set<string>();
  const onPath = new Set<string>();
  // Nodes no leaf reaches (a cycle with no way out) are walked after the leaves, so none is lost.
  for (const leaf of [...leaves, ...[...nodes.keys()].sort()]) {
    // Iterative post-order DFS; a node met again on the current path is a cycle.
    const stack: [string, boolean][] = [[leaf, false]];
    while (stack.length) {
      const [k, processed] = stack.pop()!;
      if (processed) {
        onPath.delete(k);
        if (!done.has(k)) {
          done.add(k);
          plan.push(nodes.get(k)!);
        }
        continue;
      }
      if (done.has(k)) continue;
      if (onPath.has(k)) {
        problems.push({ migration: nodes.get(k)!, message: `migration ${k} depends on itself through a cycle; the cycle is broken here` });
        continue;
      }
      onPath.add(k);
      stack.push([k, true]);
      // Django pushes the parents sorted, so the last of them is walked first.
      for (const p of [...parents.get(k)!].sort()) if (!done.has(p)) stack.push([p, false]);
    }
  }
  return { plan, problems };
}
