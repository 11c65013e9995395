import type { SyntaxNode } from "./syntax-node.js";
import type { LimitName } from "./limits.js";
import { concatOffsets, offsetsAt, offsetsOf, type SourceOffsets } from "./offsets.js";

/**
 * What static evaluation of a Python expression can yield. Strings keep, for
 * every character, the index in the .py source it came from, so a position
 * inside the evaluated SQL maps back to the file through escapes, implicit
 * concatenation and formatting.
 */
export type Value = StrValue | TemplateValue | NumValue | BoolValue | NoneValue | ListValue | DictValue | UnknownValue;

export interface StrValue {
  kind: "str";
  text: string;
  /** The source index of each character of `text`. */
  offsets: SourceOffsets;
}

/** A string with holes: some parts could not be resolved. */
export interface TemplateValue {
  kind: "template";
  parts: (StrValue | UnknownValue)[];
}

export interface NumValue {
  kind: "num";
  value: number;
  text: string;
}

export interface BoolValue {
  kind: "bool";
  value: boolean;
}

export interface NoneValue {
  kind: "none";
}

export interface ListValue {
  kind: "list";
  items: Value[];
  /** The literal each item came from, when it came from one (used for context). */
  itemNodes: (SyntaxNode | null)[];
}

export interface DictValue {
  kind: "dict";
  entries: { key: Value; value: Value }[];
  node: SyntaxNode | null;
  /** The expression each entry's value came from, when it came from keywords of a call (`**kwargs`). */
  valueNodes?: readonly SyntaxNode[];
}

export interface UnknownValue {
  kind: "unknown";
  /** The expression that could not be resolved. */
  node: SyntaxNode;
  reason: string;
  /** Set when the value is a parameter of this function (a call site may resolve it). */
  param?: SyntaxNode;
  /** Set when a budget of static evaluation ran out here. */
  limit?: LimitName;
}

export function str(text: string, offsets: readonly number[]): StrValue {
  return { kind: "str", text, offsets: offsetsOf(offsets) };
}

/** A string produced at one point of the source (a number formatted into SQL, say). */
export function strAt(text: string, offset: number): StrValue {
  return { kind: "str", text, offsets: offsetsAt(offset, text.length) };
}

export function unknown(node: SyntaxNode, reason: string, param?: SyntaxNode): UnknownValue {
  return param ? { kind: "unknown", node, reason, param } : { kind: "unknown", node, reason };
}

export function concatStrings(values: readonly StrValue[]): StrValue {
  if (values.length === 1) return values[0]!;
  let text = "";
  for (const v of values) text += v.text;
  return { kind: "str", text, offsets: concatOffsets(values.map((v) => v.offsets)) };
}

/** Concatenates string-like values; a hole anywhere makes a template. */
export function concatStringLike(values: readonly (StrValue | TemplateValue | UnknownValue)[]): StrValue | TemplateValue {
  const parts: (StrValue | UnknownValue)[] = [];
  for (const v of values) {
    if (v.kind === "template") parts.push(...v.parts);
    else parts.push(v);
  }
  // Merge neighbouring known parts so a template has few, long pieces: each run of them joined once
  // (joining pairwise would copy the run's offsets again for every piece).
  const merged: (StrValue | UnknownValue)[] = [];
  let run: StrValue[] = [];
  for (const p of parts) {
    if (p.kind === "str") {
      run.push(p);
      continue;
    }
    if (run.length > 0) merged.push(concatStrings(run));
    run = [];
    merged.push(p);
  }
  if (run.length > 0) merged.push(concatStrings(run));
  if (merged.length === 0) return str("", []);
  const only = merged[0];
  if (merged.length === 1 && only?.kind === "str") return only;
  return { kind: "template", parts: merged };
}

/** Python's str() of a literal value, when it is one. */
export function toStr(v: Value, at: number): StrValue | null {
  switch (v.kind) {
    case "str":
      return v;
    case "num":
      return strAt(v.text, at);
    case "bool":
      return strAt(v.value ? "True" : "False", at);
    case "none":
      return strAt("None", at);
    default:
      return null;
  }
}

/** Python truthiness of a literal value; null when it is not known. */
export function truthy(v: Value): boolean | null {
  switch (v.kind) {
    case "str":
      return v.text.length > 0;
    case "num":
      return v.value !== 0;
    case "bool":
      return v.value;
    case "none":
      return false;
    case "list":
      return v.items.length > 0;
    case "dict":
      return v.entries.length > 0;
    default:
      return null;
  }
}

/** The first budget that ran out inside a value (a string, template or list), if any. */
export function limitIn(v: Value): LimitName | null {
  switch (v.kind) {
    case "unknown":
      return v.limit ?? null;
    case "template":
      return v.parts.find((p): p is UnknownValue => p.kind === "unknown" && p.limit !== undefined)?.limit ?? null;
    case "list":
      for (const i of v.items) {
        const l = limitIn(i);
        if (l) return l;
      }
      return null;
    default:
      return null;
  }
}

/** The first unresolved piece inside a value, if any. */
export function firstUnknown(v: Value): UnknownValue | null {
  if (v.kind === "unknown") return v;
  if (v.kind === "template") return v.parts.find((p): p is UnknownValue => p.kind === "unknown") ?? null;
  return null;
}

/**
 * A value from another file, every character placed at `node` (where it is
 * used in this one); what is not known there is unknown here, at `node`.
 */
export function relocate(v: Value, node: SyntaxNode, reason: string): Value {
  switch (v.kind) {
    case "str":
      return strAt(v.text, node.startIndex);
    case "template":
    case "unknown":
      return unknown(node, reason);
    case "list":
      return { kind: "list", items: v.items.map((i) => relocate(i, node, reason)), itemNodes: v.items.map(() => null) };
    case "dict":
      return { kind: "dict", entries: v.entries.map((e) => ({ key: relocate(e.key, node, reason), value: relocate(e.value, node, reason) })), node: null };
    default:
      return v;
  }
}
