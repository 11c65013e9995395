import type { SyntaxNode } from "../python/syntax-node.js";
import { createEvaluator, ROOT_ENV, type Evaluator, type ImportResolver } from "../python/evaluate.js";
import type { ModuleInfo } from "../python/scope.js";
import type { ParentOf } from "../python/parents.js";
import type { StrValue, TemplateValue, Value } from "../python/values.js";

/** One entry of the index registry, as written (before its SQL is parsed). */
export interface RegistryEntry {
  /** The module-level list the entry sits in. */
  list: string;
  /** False when the list never reaches the registry variable. */
  reachable: boolean;
  start: number;
  end: number;
  keys: string[];
  name: Value | null;
  table: Value | null;
  sql: Value | null;
  critical: Value | null;
  description: Value | null;
}

export interface RegistryRead {
  entries: RegistryEntry[];
  /** Problems with the registry's shape (variable missing, not a list). */
  problems: { index: number; message: string }[];
}

/**
 * Reads `VARIABLE = A + B`, `VARIABLE += C`, `.append({...})`, `.extend([...])`
 * and the module-level lists of dicts they combine. Entries may be dict
 * literals, `dict(...)` calls or calls with keyword arguments.
 */
export function readRegistry(info: ModuleInfo, variable: string, wrappers: readonly string[], imports?: ImportResolver): RegistryRead {
  const ev = createEvaluator(info, { wrappers: new Set(wrappers), plainDicts: true, ...(imports ? { imports } : {}) });
  const problems: RegistryRead["problems"] = [];
  const entries: RegistryEntry[] = [];
  const seen = new Set<number>();

  const binding = info.module.bindings.get(variable);
  if (!binding) problems.push({ index: 0, message: `registry variable ${variable} is not defined at module level` });
  else if (binding.count !== 1 || !binding.value) problems.push({ index: 0, message: `registry variable ${variable} is assigned more than once; it cannot be read statically` });
  else {
    const value = ev.evaluate(identifierAt(info, variable) ?? binding.value, ROOT_ENV);
    if (value.kind !== "list") problems.push({ index: binding.value.startIndex, message: `registry variable ${variable} is not a list that can be read statically` });
    else collect(value, true);
  }

  // Entries in lists that never reach the variable: written, but never built.
  for (const [name, b] of info.module.bindings) {
    if (name === variable || b.count !== 1 || b.value?.type !== "list") continue;
    const items = b.value.namedChildren.filter((c) => c.type !== "comment");
    if (!items.some((c) => isEntryNode(c))) continue;
    // A list read through the variable already (every item an entry) would add nothing: it is not evaluated twice.
    if (items.every((c) => c.type !== "list_splat" && seen.has(c.id))) continue;
    const value = ev.evaluate(b.value, ROOT_ENV);
    if (value.kind === "list") collect(value, false);
  }

  function collect(list: Extract<Value, { kind: "list" }>, reachable: boolean): void {
    list.items.forEach((item, k) => {
      const node = list.itemNodes[k];
      if (!node || seen.has(node.id)) return;
      const entry = toEntry(ev, item, node, reachable, info.parentOf);
      if (!entry) {
        problems.push({ index: node.startIndex, message: `registry item is not a dict that can be read statically` });
        return;
      }
      seen.add(node.id);
      entries.push(entry);
    });
  }

  entries.sort((a, b) => a.start - b.start);
  return { entries, problems };
}

function identifierAt(info: ModuleInfo, name: string): SyntaxNode | null {
  // Evaluating through the name applies the `+=` / append / extend statements too.
  for (const child of info.root.namedChildren) {
    const a = child.type === "expression_statement" ? child.firstNamedChild : null;
    const left = a?.type === "assignment" ? a.childForFieldName("left") : null;
    if (left?.type === "identifier" && left.text === name) return left;
  }
  return null;
}

function isEntryNode(node: SyntaxNode): boolean {
  return node.type === "dictionary" || (node.type === "call" && (node.childForFieldName("arguments")?.namedChildren.some((a) => a.type === "keyword_argument") ?? false));
}

function toEntry(ev: Evaluator, item: Value, node: SyntaxNode, reachable: boolean, parentOf: ParentOf): RegistryEntry | null {
  const fields = new Map<string, Value>();
  const keys: string[] = [];
  if (item.kind === "dict") {
    for (const e of item.entries) {
      if (e.key.kind !== "str") continue;
      fields.set(e.key.text, e.value);
      keys.push(e.key.text);
    }
  } else if (node.type === "call") {
    for (const a of node.childForFieldName("arguments")?.namedChildren ?? []) {
      if (a.type !== "keyword_argument") continue;
      const k = a.childForFieldName("name")?.text;
      const v = a.childForFieldName("value");
      if (!k || !v) continue;
      fields.set(k, ev.evaluate(v, ROOT_ENV));
      keys.push(k);
    }
  } else return null;
  // Outside the registry variable, a dict without "sql" is some other table of data, not an entry.
  if (!fields.has("sql") && !reachable) return null;
  return {
    list: listNameOf(node, parentOf),
    reachable,
    start: node.startIndex,
    end: node.endIndex,
    keys,
    name: fields.get("name") ?? null,
    table: fields.get("table") ?? null,
    sql: fields.get("sql") ?? null,
    critical: fields.get("critical") ?? null,
    description: fields.get("description") ?? null,
  };
}

/** The module-level name an entry's list literal is bound to, appended to or extended with. */
function listNameOf(node: SyntaxNode, parentOf: ParentOf): string {
  for (let p = parentOf(node); p; p = parentOf(p)) {
    const type = p.type;
    if (type === "assignment" || type === "augmented_assignment") {
      const left = p.childForFieldName("left");
      if (left?.type === "identifier") return left.text;
    }
    if (type === "call") {
      const fn = p.childForFieldName("function");
      const obj = fn?.type === "attribute" ? fn.childForFieldName("object") : null;
      if (obj?.type === "identifier") return obj.text;
    }
    if (type === "module") break;
  }
  return "(unknown)";
}

export function stringOf(v: Value | null): string | null {
  return v?.kind === "str" ? v.text : null;
}

export function sqlValueOf(v: Value | null): StrValue | TemplateValue | null {
  return v && (v.kind === "str" || v.kind === "template") ? v : null;
}
