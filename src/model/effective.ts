import type { ConstraintDef, IndexDef, Location } from "./types.js";

export type Operation =
  | { kind: "create"; def: IndexDef }
  | { kind: "drop"; names: { schema: string | null; name: string }[]; at: Location }
  | { kind: "drop-table"; tables: { schema: string | null; name: string }[]; at: Location }
  | { kind: "rename"; schema: string | null; from: string; to: string }
  | { kind: "rename-table"; schema: string | null; from: string; to: string }
  | { kind: "constraint"; constraint: ConstraintDef };

/** Index names are unique per schema; an unqualified name means the default schema. */
export function identity(schema: string | null, name: string): string {
  return `${schema ?? "public"}.${name}`;
}

/**
 * Replays creates, drops and renames in order and marks what is left at the
 * end: an index created and later dropped is not in migrations.
 */
export function replayMigrations(operations: readonly Operation[]): void {
  const live = new Map<string, IndexDef[]>();
  const constraints = new Map<string, ConstraintDef>();
  // A renamed table keeps its indexes: a later DROP TABLE of the new name drops those created under the old one.
  const tableAliases = new Map<string, string[]>();
  const namesOf = (t: { schema: string | null; name: string }): string[] => tableAliases.get(identity(t.schema, t.name)) ?? [identity(t.schema, t.name)];
  for (const op of operations) {
    switch (op.kind) {
      case "create": {
        const key = identity(op.def.schema, op.def.name);
        const list = live.get(key);
        if (list) list.push(op.def);
        else live.set(key, [op.def]);
        break;
      }
      case "drop":
        for (const n of op.names) {
          const key = identity(n.schema, n.name);
          for (const def of live.get(key) ?? []) {
            def.effective = false;
            def.droppedAt = op.at;
          }
          live.delete(key);
          const c = constraints.get(key);
          if (c) c.effective = false;
          constraints.delete(key);
        }
        break;
      case "drop-table":
        for (const t of op.tables) {
          const names = namesOf(t);
          for (const [key, defs] of [...live]) {
            if (!defs.some((d) => names.includes(identity(d.schema, d.table)))) continue;
            for (const def of defs) {
              def.effective = false;
              def.droppedAt = op.at;
            }
            live.delete(key);
          }
          for (const [key, c] of [...constraints]) {
            if (names.includes(identity(c.schema, c.table))) {
              c.effective = false;
              constraints.delete(key);
            }
          }
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
        if (!defs) break;
        live.delete(from);
        for (const def of defs) def.renamedTo = op.to;
        live.set(identity(op.schema ?? defs[0]!.schema, op.to), defs);
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
        for (const def of defs) {
          def.backsConstraint = c.name;
          if (c.name !== def.name) def.renamedTo = c.name;
        }
        live.set(key, defs);
        break;
      }
    }
  }
}
