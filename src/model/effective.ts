import type { ConstraintDef, IndexDef, Location } from "./types.js";

export type Operation =
  | { kind: "create"; def: IndexDef }
  | { kind: "drop"; names: { schema: string | null; name: string }[]; at: Location }
  | { kind: "drop-table"; tables: { schema: string | null; name: string }[]; at: Location }
  | { kind: "rename"; schema: string | null; from: string; to: string }
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
          for (const [key, defs] of [...live]) {
            if (!defs.some((d) => d.table === t.name && (d.schema ?? "public") === (t.schema ?? "public"))) continue;
            for (const def of defs) {
              def.effective = false;
              def.droppedAt = op.at;
            }
            live.delete(key);
          }
          for (const [key, c] of [...constraints]) {
            if (c.table === t.name && (c.schema ?? "public") === (t.schema ?? "public")) {
              c.effective = false;
              constraints.delete(key);
            }
          }
        }
        break;
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
