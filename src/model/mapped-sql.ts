import type { StrValue, TemplateValue } from "../python/values.js";
import { concatOffsets, offsetAt, offsetsAt, sliceOffsets, type SourceOffsets } from "../python/offsets.js";
import { holedText, holeId } from "../python/holes.js";
import { readStatements } from "../sql/statements.js";
import type { ReadResult } from "../sql/types.js";
import type { SqlParser } from "../sql/parser.js";
import { findBindMarkers, findTemplateMarkers, type TemplateMarker } from "../sql/templates.js";

/**
 * A Python string value turned into SQL text whose every character still
 * knows its index in the .py file. Unresolved parts of a template become
 * placeholder identifiers so the rest can still be parsed.
 */
export interface MappedSql {
  text: string;
  /** The .py index of each character of `text`. */
  offsets: SourceOffsets;
  /** Placeholder identifier → the Python expression it stands for, as `{expr}`. */
  holes: ReadonlyMap<string, string>;
  /** Why the first hole could not be resolved. */
  holeReason: string | null;
  /** Why each hole could not be resolved, by placeholder identifier. */
  holeReasons: ReadonlyMap<string, string>;
  /** Parts of it are filled in at run time (holes, or Jinja tags that vanish): never judged as broken SQL. */
  template: boolean;
}

const HOLE = /__ia_dyn\d+__/g;

/** A placeholder (not global: `test` and `exec` keep no state between calls). */
const ONE_HOLE = /__ia_dyn\d+__/;

/** The holes of SQL that has none, shared (nothing writes to a MappedSql's maps). */
const NO_HOLES: ReadonlyMap<string, string> = new Map();

export function mapSql(value: StrValue | TemplateValue): MappedSql {
  // A plain string is its own mapping: its offsets are shared, not copied (nothing writes to them).
  if (value.kind === "str" && !value.text.includes("{")) return { text: value.text, offsets: value.offsets, holes: NO_HOLES, holeReason: null, holeReasons: NO_HOLES, template: false };
  const { text, offsets, holes, reasons, reason } = holedText(value);
  const mapped = { text, offsets, holes, holeReason: reason, holeReasons: reasons, template: holes.size > 0 };
  return withTemplateMarkers(mapped);
}

/**
 * `{name}` and `{{ name }}` left in the text become holes (the value is filled
 * in at run time); `{% … %}` and `{# … #}` become spaces, so the SQL around
 * them is still read.
 */
function withTemplateMarkers(mapped: MappedSql): MappedSql {
  return withMarkers(mapped, findTemplateMarkers(mapped.text), "a template placeholder");
}

/**
 * The SQL with its driver binds (`%s`, `%(name)s`, `:name`) as holes, or null
 * when it has none: for SQL PostgreSQL rejects with them as values, because a
 * bind stands where a name must (`ON %(schema)s.t`, filled by psycopg's AsIs).
 */
export function withBindHoles(mapped: MappedSql): MappedSql | null {
  const markers = findBindMarkers(mapped.text);
  return markers.length === 0 ? null : withMarkers(mapped, markers, "a bind parameter");
}

function withMarkers(mapped: MappedSql, markers: readonly TemplateMarker[], what: string): MappedSql {
  if (markers.length === 0) return mapped;
  const holes = new Map(mapped.holes);
  const reasons = new Map(mapped.holeReasons);
  let reason = mapped.holeReason;
  let text = "";
  const offsets: SourceOffsets[] = [];
  let last = 0;
  const copy = (from: number, to: number): void => {
    text += mapped.text.slice(from, to);
    offsets.push(sliceOffsets(mapped.offsets, from, to));
  };
  for (const m of markers) {
    copy(last, m.start);
    const written = mapped.text.slice(m.start, m.end);
    if (m.kind === "expression") {
      const id = holeId(holes.size);
      holes.set(id, written.replace(/\s+/g, " "));
      const why = `${written.replace(/\s+/g, " ")} is ${what} filled in at run time`;
      reasons.set(id, why);
      reason ??= why;
      text += id;
      offsets.push(offsetsAt(offsetAt(mapped.offsets, m.start) ?? 0, id.length));
    } else {
      text += " ".repeat(m.end - m.start);
      offsets.push(sliceOffsets(mapped.offsets, m.start, m.end));
    }
    last = m.end;
  }
  copy(last, mapped.text.length);
  return { text, offsets: concatOffsets(offsets), holes, holeReason: reason, holeReasons: reasons, template: true };
}

/** Why the first hole inside `s` could not be resolved, or null when `s` has none. */
export function holeReasonIn(s: string | null, mapped: MappedSql): string | null {
  const id = s === null ? null : ONE_HOLE.exec(s)?.[0];
  return id ? (mapped.holeReasons.get(id) ?? null) : null;
}

export function hasHole(s: string | null): boolean {
  return s !== null && ONE_HOLE.test(s);
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
  return offsetAt(mapped.offsets, Math.max(0, Math.min(i, mapped.offsets.length - 1))) ?? 0;
}
