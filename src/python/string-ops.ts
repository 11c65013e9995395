/**
 * Python's string operations over evaluated values: `%` and `.format()`
 * templates, `textwrap.dedent`, `strip`, `join`, psycopg's `sql.Identifier`.
 * Pure: they take values and return the pieces of the result (or why it is
 * not known); the evaluator joins the pieces and places unknowns at a node.
 */
import { concatStrings, strAt, toStr, type StrValue, type Value } from "./values.js";
import { concatOffsets, offsetAt, offsetsAt, sliceOffsets, type SourceOffsets } from "./offsets.js";

/** The pieces of a result, to be joined; or the reason it is not known statically. */
export type Pieces = { parts: Value[] } | { reason: string };

/** How a formatted argument becomes text: a value, or null when it is not a string. */
export function formatArg(arg: Value, at: number, repr: boolean): Value | null {
  if (arg.kind === "unknown" || arg.kind === "template") return arg;
  const s = toStr(arg, at);
  if (!s) return null;
  if (repr && arg.kind === "str") return concatStrings([strAt("'", at), s, strAt("'", at)]);
  return s;
}

/**
 * `fmt % args`: positional (`%s`) or named (`%(name)s`) directives. An
 * argument that is not a string is `notString()` in its place.
 */
export function percentFormat(fmt: StrValue, argsValue: Value, notString: () => Value): Pieces {
  const positional = argsValue.kind === "list" ? argsValue.items : [argsValue];
  const named = argsValue.kind === "dict" ? argsValue : null;
  const parts: Value[] = [];
  let k = 0;
  let i: number;
  let last = 0;
  const text = fmt.text;
  while ((i = text.indexOf("%", last)) >= 0) {
    if (i > last) parts.push({ kind: "str", text: text.slice(last, i), offsets: sliceOffsets(fmt.offsets, last, i) });
    // Anchored, on at most 200 characters: constant work per `%`.
    const m = /^%(?:\(([^)]*)\))?([sdirua%])/.exec(text.slice(i, i + 200));
    if (!m) return { reason: "format directive not followed statically" };
    if (m[2] === "%") parts.push({ kind: "str", text: "%", offsets: sliceOffsets(fmt.offsets, i, i + 1) });
    else {
      let arg: Value | undefined;
      if (m[1] !== undefined) {
        if (!named) return { reason: "named placeholder without a dict" };
        arg = [...named.entries].reverse().find((e) => e.key.kind === "str" && e.key.text === m[1])?.value;
      } else arg = positional[k++];
      if (!arg) return { reason: "missing format argument" };
      parts.push(formatArg(arg, offsetAt(fmt.offsets, i)!, m[2] === "r") ?? notString());
    }
    last = i + m[0].length;
  }
  if (last < text.length) parts.push({ kind: "str", text: text.slice(last), offsets: sliceOffsets(fmt.offsets, last) });
  return { parts };
}

/** `fmt.format(*positional, **keywords)` with `{}`, `{0}` and `{name}` fields. */
export function braceFormat(fmt: StrValue, positional: readonly Value[], keywords: ReadonlyMap<string, Value>, notString: () => Value): Pieces {
  const text = fmt.text;
  const parts: Value[] = [];
  let auto = 0;
  let last = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c !== "{" && c !== "}") continue;
    if (i > last) parts.push({ kind: "str", text: text.slice(last, i), offsets: sliceOffsets(fmt.offsets, last, i) });
    if (text[i + 1] === c) {
      parts.push({ kind: "str", text: c, offsets: sliceOffsets(fmt.offsets, i, i + 1) });
      i++;
      last = i + 1;
      continue;
    }
    if (c === "}") return { reason: "unbalanced braces in format string" };
    const close = text.indexOf("}", i);
    if (close < 0) return { reason: "unbalanced braces in format string" };
    const field = text.slice(i + 1, close);
    if (!/^[A-Za-z_0-9]*$/.test(field)) return { reason: "format field not followed statically" };
    const arg = field === "" ? positional[auto++] : /^\d+$/.test(field) ? positional[Number(field)] : keywords.get(field);
    if (!arg) return { reason: `format argument {${field}} missing` };
    parts.push(formatArg(arg, offsetAt(fmt.offsets, i)!, false) ?? notString());
    i = close;
    last = close + 1;
  }
  if (last < text.length) parts.push({ kind: "str", text: text.slice(last), offsets: sliceOffsets(fmt.offsets, last) });
  return { parts };
}

/** `sep.join(items)`: the items with the separator between them. */
export function joinParts(sep: StrValue, items: readonly Value[]): Value[] {
  const parts: Value[] = [];
  items.forEach((item, i) => {
    if (i > 0) parts.push(sep);
    parts.push(item);
  });
  return parts;
}

/** psycopg's `sql.Identifier("crm", "leads")` renders `"crm"."leads"`: quoted, so the parser keeps the case. */
export function quotedIdentifier(names: readonly StrValue[], at: number): StrValue {
  const pieces: StrValue[] = [];
  names.forEach((s, k) => {
    if (k > 0) pieces.push(strAt(".", at));
    pieces.push(strAt('"', at), { kind: "str", text: s.text.replace(/"/g, '""'), offsets: s.text.includes('"') ? offsetsAt(at, s.text.replace(/"/g, '""').length) : s.offsets }, strAt('"', at));
  });
  return concatStrings(pieces);
}

/** `textwrap.dedent`: the common leading whitespace of the non-blank lines removed; blank lines emptied. */
export function dedent(v: StrValue): StrValue {
  const lines: [number, number][] = [];
  let start = 0;
  for (let i = 0; i <= v.text.length; i++) {
    if (i === v.text.length || v.text[i] === "\n") {
      lines.push([start, i]);
      start = i + 1;
    }
  }
  let margin: string | null = null;
  for (const [a, b] of lines) {
    const line = v.text.slice(a, b);
    if (line.trim() === "") continue;
    const indent = /^[ \t]*/.exec(line)![0];
    if (margin === null || !indent.startsWith(margin)) {
      let k = 0;
      const m: string = margin ?? indent;
      while (k < m.length && k < indent.length && m[k] === indent[k]) k++;
      margin = margin === null ? indent : m.slice(0, k);
    }
  }
  const cut = margin?.length ?? 0;
  let text = "";
  const offsets: SourceOffsets[] = [];
  lines.forEach(([a, b], n) => {
    const blank = v.text.slice(a, b).trim() === "";
    const from = blank ? b : a + cut;
    text += v.text.slice(from, b);
    // Each line's runs, with its newline's: not one lookup per character.
    offsets.push(sliceOffsets(v.offsets, from, n < lines.length - 1 ? b + 1 : b));
    if (n < lines.length - 1) text += "\n";
  });
  return { kind: "str", text, offsets: concatOffsets(offsets) };
}

/** `strip()`, `lstrip()`, `rstrip()` without arguments: whitespace off one or both ends. */
export function strip(v: StrValue, method: string): StrValue {
  let a = 0;
  let b = v.text.length;
  if (method !== "rstrip") while (a < b && /\s/.test(v.text[a]!)) a++;
  if (method !== "lstrip") while (b > a && /\s/.test(v.text[b - 1]!)) b--;
  return { kind: "str", text: v.text.slice(a, b), offsets: sliceOffsets(v.offsets, a, b) };
}

/**
 * `s.lower()`, `s.upper()`, as Python maps the text (Unicode's full case
 * mapping, as JavaScript's: `ß` upper is `SS`, a final Σ lower is ς); what a
 * character becomes stands where it stood. Null if the two ever disagree on
 * the length.
 */
export function changeCase(v: StrValue, method: "lower" | "upper"): StrValue | null {
  const map = (t: string): string => (method === "lower" ? t.toLowerCase() : t.toUpperCase());
  const text = map(v.text);
  if (/^[\t\n\r\x20-\x7e]*$/.test(v.text)) return { kind: "str", text, offsets: v.offsets };
  const pieces: SourceOffsets[] = [];
  let i = 0;
  for (const ch of v.text) {
    // A character that became more (İ lower is i and a combining dot): each stands where it stood.
    const n = map(ch).length;
    pieces.push(n === ch.length ? sliceOffsets(v.offsets, i, i + ch.length) : offsetsAt(offsetAt(v.offsets, i) ?? 0, n));
    i += ch.length;
  }
  const offsets = concatOffsets(pieces);
  return offsets.length === text.length ? { kind: "str", text, offsets } : null;
}

/** `s.split(sep)` (every occurrence) or `s.split()` (runs of whitespace, no empty pieces), each piece keeping its offsets. */
export function split(v: StrValue, sep: string | null): StrValue[] {
  const out: StrValue[] = [];
  const piece = (a: number, b: number): void => {
    out.push({ kind: "str", text: v.text.slice(a, b), offsets: sliceOffsets(v.offsets, a, b) });
  };
  if (sep === null) {
    for (const m of v.text.matchAll(/\S+/g)) piece(m.index, m.index + m[0].length);
    return out;
  }
  let from = 0;
  for (let at = v.text.indexOf(sep); at >= 0; at = v.text.indexOf(sep, from)) {
    piece(from, at);
    from = at + sep.length;
  }
  piece(from, v.text.length);
  return out;
}
