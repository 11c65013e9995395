import type { StrValue, TemplateValue } from "../python/values.js";
import { readStatements, type ReadResult } from "../sql/statements.js";
import type { SqlParser } from "../sql/parser.js";

/**
 * A Python string value turned into SQL text whose every character still
 * knows its index in the .py file. Unresolved parts of a template become
 * placeholder identifiers so the rest can still be parsed.
 */
export interface MappedSql {
  text: string;
  offsets: number[];
  /** Placeholder identifier → the Python expression it stands for, as `{expr}`. */
  holes: Map<string, string>;
  /** Why the first hole could not be resolved. */
  holeReason: string | null;
}

const HOLE = /__ia_dyn\d+__/g;

export function mapSql(value: StrValue | TemplateValue): MappedSql {
  if (value.kind === "str") return { text: value.text, offsets: value.offsets, holes: new Map(), holeReason: null };
  let text = "";
  const offsets: number[] = [];
  const holes = new Map<string, string>();
  let reason: string | null = null;
  for (const part of value.parts) {
    if (part.kind === "str") {
      text += part.text;
      // A loop, not push(...offsets): spreading a string's million offsets overflows the call stack.
      for (const o of part.offsets) offsets.push(o);
      continue;
    }
    const id = `__ia_dyn${holes.size}__`;
    const expr = part.node.text.replace(/\s+/g, " ");
    holes.set(id, expr.startsWith("{") ? expr : `{${expr}}`);
    reason ??= part.reason;
    text += id;
    for (let k = 0; k < id.length; k++) offsets.push(part.node.startIndex);
  }
  return { text, offsets, holes, holeReason: reason };
}

export function hasHole(s: string | null): boolean {
  return s !== null && /__ia_dyn\d+__/.test(s);
}

/** Puts the `{expr}` text back where placeholders stand. */
export function fillHoles(s: string, holes: ReadonlyMap<string, string>): string {
  if (holes.size === 0) return s;
  return s.replace(HOLE, (id) => holes.get(id) ?? id);
}

export function readMapped(parser: SqlParser, mapped: MappedSql): ReadResult {
  return readStatements(parser, mapped.text);
}

/** Source index (in the .py file) of SQL index `i`. */
export function pyIndex(mapped: MappedSql, i: number): number {
  if (mapped.offsets.length === 0) return 0;
  return mapped.offsets[Math.max(0, Math.min(i, mapped.offsets.length - 1))]!;
}
