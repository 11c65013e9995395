import type { Node } from "@pgsql/types";
import type { IndexShape } from "./types.js";

/** A column renamed after the statement that uses it: its name as written, and its name now. */
export interface ColumnRename {
  from: string;
  to: string;
}

/**
 * The shape with its columns under their names now: plain keys, the columns
 * expressions and WHERE read, INCLUDE (as src/model/effective.ts's
 * columnsUsed finds them). A new tree; the given one is left as it is.
 */
export function withColumnsRenamed(shape: IndexShape, renames: readonly ColumnRename[]): IndexShape {
  if (renames.length === 0) return shape;
  const now = new Map(renames.map((r) => [r.from, r.to]));
  const visit = (n: unknown): unknown => {
    if (Array.isArray(n)) return n.map(visit);
    if (typeof n !== "object" || n === null) return n;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(n as Record<string, unknown>)) out[k] = visit(v);
    const elem = out.IndexElem as { name?: string } | undefined;
    if (elem?.name !== undefined && now.has(elem.name)) out.IndexElem = { ...elem, name: now.get(elem.name) };
    const ref = out.ColumnRef as { fields?: unknown[] } | undefined;
    const last = ref?.fields?.at(-1) as { String?: { sval?: string } } | undefined;
    const name = last?.String?.sval;
    if (ref?.fields && name !== undefined && now.has(name)) out.ColumnRef = { ...ref, fields: [...ref.fields.slice(0, -1), { String: { sval: now.get(name) } }] };
    return out;
  };
  return { ...shape, keys: visit(shape.keys) as Node[], include: visit(shape.include) as Node[], where: visit(shape.where) as Node | null };
}
