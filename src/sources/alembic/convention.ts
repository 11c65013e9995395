import type { SyntaxNode } from "../../python/syntax-node.js";
import { ROOT_ENV, type Evaluator } from "../../python/evaluate.js";
import type { Value } from "../../python/values.js";
import type { SourceText } from "../../source/text.js";
import type { LazyModuleInfo } from "../module.js";
import { DEFAULT_CONVENTION, type NamingConvention } from "./naming.js";

/**
 * Naming conventions as the project's modules write them: the dict given to
 * `MetaData(naming_convention=...)` or assigned to `X.naming_convention`,
 * read without running anything.
 */

/** An env module (env.py, a module it imports, a Flask app's module), parsed once. */
export interface ConventionModule {
  source: SourceText;
  info: LazyModuleInfo;
  evaluator: Evaluator;
}

/** A convention, and the first thing about it not known statically (a finding where it stands). */
export interface ConventionRead {
  convention: NamingConvention;
  unknown: UnknownConvention | null;
}

export interface UnknownConvention {
  source: SourceText;
  index: number;
  message: string;
}

const NOT_KNOWN = "this naming convention is not known statically: index and constraint names follow SQLAlchemy's default convention and may differ";

export const METADATA_CALLS = /^(?:(?:sa|sqlalchemy|schema|sqlalchemy\.schema)\.)?MetaData$/;

const DEFAULT_READ: ConventionRead = { convention: DEFAULT_CONVENTION, unknown: null };

/** The convention of a `MetaData(...)` call: its `naming_convention=` (SQLAlchemy's default without one); null when `**kwargs` may hold it. */
export function metadataCallConvention(call: SyntaxNode, m: ConventionModule): ConventionRead | null {
  const args = call.childForFieldName("arguments")?.namedChildren ?? [];
  const value = args.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === "naming_convention")?.childForFieldName("value");
  if (!value) return args.some((a) => a.type === "dictionary_splat") ? null : DEFAULT_READ;
  return writtenConvention(value, m);
}

/** A convention as written at `value` (a dict, or a name bound to one). */
export function writtenConvention(value: SyntaxNode, m: ConventionModule): ConventionRead {
  const dict = m.evaluator.evaluate(value, ROOT_ENV);
  if (dict.kind !== "dict") return { convention: DEFAULT_CONVENTION, unknown: { source: m.source, index: value.startIndex, message: NOT_KNOWN } };
  return conventionOf(dict, m.source, value);
}

/** Module-level `X.naming_convention = {...}` statements, by `X` as written (spaces removed); the last one of each. */
export function assignedConventions(m: ConventionModule): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const stmt of m.info.root.namedChildren) {
    const assignment = stmt.type === "expression_statement" ? stmt.firstNamedChild : null;
    const left = assignment?.type === "assignment" ? assignment.childForFieldName("left") : null;
    const right = assignment?.childForFieldName("right");
    if (!left || !right || left.type !== "attribute" || left.childForFieldName("attribute")?.text !== "naming_convention") continue;
    out.set(left.childForFieldName("object")!.text.replace(/\s+/g, ""), right);
  }
  return out;
}

/**
 * The first `MetaData(naming_convention={...})` the env modules declare, else
 * the first `X.naming_convention = {...}`; SQLAlchemy's default when there is
 * none (`at` null). What the reader used before it followed `target_metadata`,
 * and still uses where that cannot be followed.
 */
export function firstDeclared(env: readonly ConventionModule[]): ConventionRead & { at: { source: SourceText; index: number } | null } {
  let unknown: ConventionRead | null = null;
  let at: { source: SourceText; index: number } | null = null;
  for (const m of env) {
    for (const call of m.info.calls) {
      const fn = call.childForFieldName("function");
      if (!fn || !METADATA_CALLS.test(fn.text)) continue;
      const value = call.childForFieldName("arguments")?.namedChildren.find((a) => a.type === "keyword_argument" && a.childForFieldName("name")?.text === "naming_convention")?.childForFieldName("value");
      if (!value) continue;
      const read = writtenConvention(value, m);
      if (read.unknown?.message !== NOT_KNOWN) return { ...read, at: { source: m.source, index: value.startIndex } };
      unknown ??= read;
      at ??= { source: m.source, index: value.startIndex };
    }
  }
  // `Base.metadata.naming_convention = {...}`, set on a MetaData after it is made.
  for (const m of env) {
    for (const right of assignedConventions(m).values()) {
      const read = writtenConvention(right, m);
      if (read.unknown?.message !== NOT_KNOWN) return { ...read, at: { source: m.source, index: right.startIndex } };
      unknown ??= read;
      at ??= { source: m.source, index: right.startIndex };
    }
  }
  return { ...(unknown ?? DEFAULT_READ), at };
}

/**
 * The entries of a convention written as `{key: "template"}`; an entry that
 * is not (a callable token, a class key, a value not known statically) is
 * said at it: names that use it may differ.
 */
function conventionOf(dict: Extract<Value, { kind: "dict" }>, source: SourceText, written: SyntaxNode): ConventionRead {
  const convention = new Map<string, string>();
  let unknown: UnknownConvention | null = null;
  for (const e of dict.entries) {
    if (e.key.kind === "str" && e.value.kind === "str") convention.set(e.key.text, e.value.text);
    else {
      const at = (e.key.kind !== "str" ? nodeOf(e.key) : nodeOf(e.value)) ?? written;
      unknown ??= { source, index: at.startIndex, message: "this entry of the naming convention is not known statically (a callable token, a class key): the names that use it may differ" };
    }
  }
  return { convention, unknown };
}

function nodeOf(v: Value): SyntaxNode | null {
  return "node" in v ? v.node : null;
}
