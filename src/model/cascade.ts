/**
 * Whether an index or constraint depends on what a `DROP FUNCTION | TYPE |
 * DOMAIN | EXTENSION … CASCADE` drops, so that PostgreSQL drops it too: true,
 * false, or null when replay cannot tell (a column whose type it does not
 * know, an extension it has no list of). A pure function of what replay
 * knows; replay says the undecided ones, it never guesses them.
 */
import type { IndexShape } from "../sql/types.js";
import { baseType, isType, userTypeOf } from "../sql/column-types.js";
import { EXTENSION_OBJECTS, extensionFunction, type ExtensionObjects } from "../sql/extension-objects.js";

export interface CascadeDrop {
  what: "function" | "type" | "extension" | "schema";
  names: readonly { schema: string | null; name: string; args: number | null }[];
  /** For a schema: the extensions replay knows it holds. */
  extensions?: readonly string[];
}

/** What an index or constraint uses, as far as a cascade asks. */
export interface Uses {
  /** The index's definition; null for a UNIQUE or PRIMARY KEY constraint (a btree on its columns) or an EXCLUDE one (not read). */
  shape: IndexShape | null;
  exclusion: boolean;
  /** The type of each column it uses: a project's or an extension's (`mood`, `mood[]`), null for PostgreSQL's own, undefined when not known. */
  columnTypes: readonly (string | null | undefined)[];
}

/** The project's enums (over nothing) and domains (over their base type), by name as written. */
export type UserTypes = ReadonlyMap<string, readonly string[]>;

type Answer = boolean | null;

const EXTENSION_TYPES: ReadonlySet<string> = new Set([...EXTENSION_OBJECTS.values()].flatMap((o) => o.types));

export function dependsOn(drop: CascadeDrop, uses: Uses, types: UserTypes): Answer {
  const parts = uses.shape ? partsOf(uses.shape) : null;
  switch (drop.what) {
    case "function":
      // An EXCLUDE constraint's elements may call functions: not read.
      if (uses.exclusion) return null;
      return parts?.calls.some((c) => drop.names.some((n) => n.name === c.name && (n.schema === null || c.schema === null || n.schema === c.schema) && (n.args === null || n.args === c.args))) === true;
    case "type": {
      const dropped = (t: string): boolean => drop.names.some((n) => isType(t, n));
      // An EXCLUDE constraint's expression elements are columns named `expr`, whose type is not known.
      return any([...uses.columnTypes.map((t) => typeDepends(t, dropped, types)), ...(parts?.casts ?? []).map((t) => typeDepends(t, dropped, types)), false]);
    }
    case "extension":
      return any(drop.names.map((n) => onExtension(EXTENSION_OBJECTS.get(n.name) ?? null, uses, parts, types)));
    case "schema": {
      // What names the schema (a function, an operator class, a cast's or a column's type), then its extensions' objects.
      const inSchema = (schema: string | null): boolean => schema !== null && drop.names.some((n) => n.name === schema);
      const typeIn = (t: string | null | undefined): boolean => typeof t === "string" && baseType(t).includes(".") && inSchema(baseType(t).slice(0, baseType(t).lastIndexOf(".")));
      if (parts?.calls.some((c) => inSchema(c.schema)) === true || parts?.opclassSchemas.some(inSchema) === true || parts?.casts.some(typeIn) === true || uses.columnTypes.some(typeIn)) return true;
      return any([false, ...(drop.extensions ?? []).map((e) => onExtension(EXTENSION_OBJECTS.get(e) ?? null, uses, parts, types))]);
    }
  }
}

/** Whether a column of type `t` (a project's or an extension's) goes with a DROP TYPE, DOMAIN or EXTENSION … CASCADE; null when not known. */
export function columnGoes(drop: CascadeDrop, t: string, types: UserTypes): Answer {
  if (drop.what === "type") return typeDepends(t, (x) => drop.names.some((n) => isType(x, n)), types);
  if (drop.what === "extension") return any(drop.names.map((n) => extensionType(EXTENSION_OBJECTS.get(n.name) ?? null, t, types)));
  if (drop.what === "schema") {
    const base = baseType(t);
    if (base.includes(".") && drop.names.some((n) => base.slice(0, base.lastIndexOf(".")) === n.name)) return true;
    return any([false, ...(drop.extensions ?? []).map((e) => extensionType(EXTENSION_OBJECTS.get(e) ?? null, t, types))]);
  }
  return false;
}

function extensionType(objects: ExtensionObjects | null, t: string, types: UserTypes): Answer {
  return typeDepends(t, (x) => objects?.types.includes(baseType(x).split(".").at(-1) ?? "") === true, types);
}

/** true if any is, else null if any is not known, else false. */
function any(answers: readonly Answer[]): Answer {
  return answers.includes(true) ? true : answers.includes(null) ? null : false;
}

/** Whether a column of type `t` goes with a type `dropped` says is dropped: its own, or one it is a domain over. */
function typeDepends(t: string | null | undefined, dropped: (t: string) => boolean, types: UserTypes, depth = 0): Answer {
  if (t === null) return false;
  if (t === undefined || depth > 16) return null;
  if (dropped(t)) return true;
  const over = types.get(baseType(t));
  // A listed extension's type is over nothing of the project's; any other type the project did not make (one made
  // where replay does not read) may be over anything.
  if (over === undefined) return EXTENSION_TYPES.has(baseType(t).split(".").at(-1) ?? "") ? false : null;
  return any([false, ...over.map((o) => typeDepends(o, dropped, types, depth + 1))]);
}

/** An extension's objects an index uses; `objects` null: an extension not listed, whose objects are not known. */
function onExtension(objects: ExtensionObjects | null, uses: Uses, parts: Parts | null, types: UserTypes): Answer {
  const shape = uses.shape;
  // A listed extension that makes no type (pg_trgm) has no column of its type, whatever replay knows of the columns.
  const columns = objects?.types.length === 0 ? [] : uses.columnTypes.map((t) => (t === null ? false : t === undefined ? null : extensionType(objects, t, types)));
  if (!objects) {
    // Anything not plainly PostgreSQL's own may be the extension's: an access method, an operator class, a function, a type.
    const plain = shape !== null ? (shape.method === "btree" || shape.method === "hash") && parts !== null && parts.opclasses.length === 0 && parts.calls.length === 0 : !uses.exclusion;
    return any([...columns, plain ? false : null]);
  }
  if (uses.exclusion) return objects.scalarDefaultsFor === "gist" ? null : any([...columns, false]);
  if (shape === null || parts === null) return any([...columns, false]);
  if (objects.methods.includes(shape.method) || parts.opclasses.some((o) => objects.opclasses.includes(o)) || parts.calls.some((c) => extensionFunction(objects, c.name))) return true;
  // btree_gin / btree_gist: a key of that method without an operator class may use the extension's default one (a scalar type's).
  const maybeDefault = objects.scalarDefaultsFor === shape.method && parts.keysWithoutOpclass > 0;
  return any([...columns, maybeDefault ? null : false]);
}

interface Parts {
  calls: { schema: string | null; name: string; args: number }[];
  opclasses: string[];
  /** The schemas qualified operator classes name. */
  opclassSchemas: string[];
  casts: string[];
  keysWithoutOpclass: number;
}

/** The functions an index's keys and predicate call, the operator classes it names, the types it casts to. */
function partsOf(shape: IndexShape): Parts {
  const parts: Parts = { calls: [], opclasses: [], opclassSchemas: [], casts: [], keysWithoutOpclass: 0 };
  const names = (list: unknown): string[] => (Array.isArray(list) ? list.map((n: { String?: { sval?: string } }) => n.String?.sval ?? "") : []);
  const stack: unknown[] = [shape.keys, shape.include, shape.where];
  while (stack.length > 0) {
    const n = stack.pop();
    if (Array.isArray(n)) {
      stack.push(...(n as unknown[]));
      continue;
    }
    if (typeof n !== "object" || n === null) continue;
    const o = n as Record<string, unknown>;
    const call = o.FuncCall as { funcname?: unknown; args?: unknown[] } | undefined;
    if (call) {
      const f = names(call.funcname);
      parts.calls.push({ schema: f.length > 1 ? (f.at(-2) ?? null) : null, name: f.at(-1) ?? "", args: call.args?.length ?? 0 });
    }
    const elem = o.IndexElem as { opclass?: unknown } | undefined;
    if (elem) {
      const opclass = names(elem.opclass);
      const last = opclass.at(-1);
      if (last === undefined) parts.keysWithoutOpclass++;
      else parts.opclasses.push(last);
      if (opclass.length > 1) parts.opclassSchemas.push(opclass.at(-2) ?? "");
    }
    const cast = o.TypeCast as { typeName?: Parameters<typeof userTypeOf>[0] } | undefined;
    if (cast?.typeName) {
      const t = userTypeOf(cast.typeName);
      if (t !== null) parts.casts.push(t);
    }
    stack.push(...Object.values(o));
  }
  return parts;
}
