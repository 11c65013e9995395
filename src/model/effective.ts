import type { ConstraintDef, Location } from "./types.js";

/** What replay needs of a created index: its identity and its table. */
export interface CreatedIndex {
  schema: string | null;
  name: string;
  table: string;
}

export type Operation =
  | { kind: "create"; def: CreatedIndex }
  | { kind: "drop"; names: { schema: string | null; name: string }[]; at: Location }
  | { kind: "drop-table"; tables: { schema: string | null; name: string }[]; at: Location }
  | { kind: "rename"; schema: string | null; from: string; to: string }
  | { kind: "rename-table"; schema: string | null; from: string; to: string }
  | { kind: "constraint"; constraint: ConstraintDef };

/** What became of a created index once every later statement ran. */
interface IndexFate {
  /** False when a later statement drops it. */
  effective: boolean;
  droppedAt: Location | null;
  /** The name a later ALTER INDEX … RENAME (or ADD CONSTRAINT … USING INDEX) gave it. */
  renamedTo: string | null;
  /** The constraint that took it over (USING INDEX). */
  backsConstraint: string | null;
}

export interface Replay {
  /** The fate of each index a `create` operation made, by that operation's object. */
  fates: ReadonlyMap<CreatedIndex, IndexFate>;
  /** Constraints a later statement dropped (with their table, or by name). */
  droppedConstraints: ReadonlySet<ConstraintDef>;
}

/** Index names are unique per schema; an unqualified name means the default schema. */
export function identity(schema: string | null, name: string): string {
  return `${schema ?? "public"}.${name}`;
}

const KEPT: IndexFate = { effective: true, droppedAt: null, renamedTo: null, backsConstraint: null };

/**
 * Replays creates, drops and renames in order and says what is left at the
 * end: an index created and later dropped is not in migrations. The operations
 * are not changed; the fates are returned.
 */
export function replayMigrations(operations: readonly Operation[]): Replay {
  const fates = new Map<CreatedIndex, IndexFate>();
  const droppedConstraints = new Set<ConstraintDef>();
  const live = new Map<string, CreatedIndex[]>();
  const constraints = new Map<string, ConstraintDef>();
  // A renamed table keeps its indexes: a later DROP TABLE of the new name drops those created under the old one.
  const tableAliases = new Map<string, string[]>();
  const namesOf = (t: { schema: string | null; name: string }): string[] => tableAliases.get(identity(t.schema, t.name)) ?? [identity(t.schema, t.name)];
  const settle = (defs: readonly CreatedIndex[], change: Partial<IndexFate>): void => {
    for (const def of defs) fates.set(def, { ...(fates.get(def) ?? KEPT), ...change });
  };
  const dropConstraint = (key: string, c: ConstraintDef): void => {
    droppedConstraints.add(c);
    constraints.delete(key);
  };
  for (const op of operations) {
    switch (op.kind) {
      case "create": {
        const key = identity(op.def.schema, op.def.name);
        fates.set(op.def, KEPT);
        live.set(key, [...(live.get(key) ?? []), op.def]);
        break;
      }
      case "drop":
        for (const n of op.names) {
          const key = identity(n.schema, n.name);
          settle(live.get(key) ?? [], { effective: false, droppedAt: op.at });
          live.delete(key);
          const c = constraints.get(key);
          if (c) dropConstraint(key, c);
        }
        break;
      case "drop-table":
        for (const t of op.tables) {
          const names = namesOf(t);
          for (const [key, defs] of [...live]) {
            if (!defs.some((d) => names.includes(identity(d.schema, d.table)))) continue;
            settle(defs, { effective: false, droppedAt: op.at });
            live.delete(key);
          }
          for (const [key, c] of [...constraints]) if (names.includes(identity(c.schema, c.table))) dropConstraint(key, c);
        }
        break;
      case "rename-table": {
        const to = identity(op.schema, op.to);
        tableAliases.set(to, [...namesOf({ schema: op.schema, name: op.from }), to]);
        tableAliases.delete(identity(op.schema, op.from));
        break;
      }
      case "rename": {
        const from = identity(op.schema, op.from);
        const defs = live.get(from);
        const first = defs?.[0];
        if (!defs || !first) break;
        live.delete(from);
        settle(defs, { renamedTo: op.to });
        live.set(identity(op.schema ?? first.schema, op.to), defs);
        break;
      }
      case "constraint": {
        const c = op.constraint;
        const key = identity(c.schema, c.name);
        constraints.set(key, c);
        if (!c.usingIndex) break;
        // ADD CONSTRAINT … USING INDEX idx renames idx to the constraint's name.
        const from = identity(c.schema, c.usingIndex);
        const defs = live.get(from);
        if (!defs) break;
        live.delete(from);
        for (const def of defs) settle([def], c.name !== def.name ? { backsConstraint: c.name, renamedTo: c.name } : { backsConstraint: c.name });
        live.set(key, defs);
        break;
      }
    }
  }
  return { fates, droppedConstraints };
}
