import type { SyntaxNode } from "../../python/syntax-node.js";
import type { Edit } from "../../engine/rule.js";
import { describeDifference, displayName, displayTable, identityOf, where } from "../../model/indexes.js";
import type { IndexDef, Inventory } from "../../model/types.js";
import type { ParsedPython } from "../../project/analyze.js";
import { purposeOf } from "../../model/purpose.js";
import type { SqlParser } from "../../sql/parser.js";
import { DEFAULT_STYLE, insertionAfterLast, renderEntry, styleOf, type EntryStyle, type NewEntry } from "./registry-entry.js";
import { registrySql } from "./registry-sql.js";
import { planRemoval, type Removal } from "./removal.js";
import { eolOf } from "./text.js";

export interface MoveInput {
  inventory: Inventory;
  migrations: readonly ParsedPython[];
  registry: ParsedPython;
  registryVariable: string;
  sql: SqlParser;
}

export interface MovedIndex {
  name: string;
  file: string;
  line: number;
  /** The registry list it went to (or, for `removed`, where the registry builds it). */
  list: string;
}

export interface MovePlan {
  /** Edits per file path (offsets exclude a BOM). */
  edits: Map<string, Edit[]>;
  /** Added to the registry and removed from migrations. */
  moved: MovedIndex[];
  /** Already in the registry: only removed from migrations. */
  removed: MovedIndex[];
  /** Left in place, with the reason (and, for a definition that differs from the registry's, the DROP it needs). */
  unmovable: Unmovable[];
}

export interface Unmovable extends Omit<MovedIndex, "list"> {
  reason: string;
  /** The statement that must run before the CREATE can leave migrations, when one must. */
  drop: string | null;
}

interface Candidate {
  def: IndexDef;
  removal: Removal;
  /** Null when the registry builds it already. */
  entry: NewEntry | null;
  list: string;
}

/**
 * The plan of `fix --move`: every performance index the migrations leave in
 * place goes to the registry (or, when the registry builds it already, only
 * leaves the migrations). Pure: edits are computed, nothing is written.
 */
export function planMove(input: MoveInput): MovePlan {
  const { inventory, registry } = input;
  const plan: MovePlan = { edits: new Map(), moved: [], removed: [], unmovable: [] };
  const registryDefs = inventory.indexes.filter((d) => d.origin === "registry");
  const lists = listLiterals(registry.root);
  const reachableLists = new Set(inventory.registryEntries.filter((e) => e.reachable).map((e) => e.list));
  if (lists.has(input.registryVariable)) reachableLists.add(input.registryVariable);

  const unmovable = (def: IndexDef, reason: string, drop: string | null = null): void => {
    plan.unmovable.push({ name: def.renamedTo ?? def.name, file: def.location.file, line: def.location.line, reason, drop });
  };

  const candidates: Candidate[] = [];
  const sources = new Map(input.migrations.map((m) => [m.path, m]));
  for (const def of inventory.indexes) {
    if (def.origin !== "migration" || !def.effective || def.classification !== "performance") continue;
    if (def.renamedTo) {
      unmovable(def, `it is created as ${def.name} and renamed later; move the CREATE and the RENAME by hand`);
      continue;
    }
    const inRegistry = registryDefs.filter((r) => identityOf(r) === identityOf(def));
    if (inRegistry.length > 0 && !inRegistry.some((r) => r.effective)) {
      unmovable(def, `its registry entry sits in ${inRegistry[0]!.registry?.list}, which never reaches ${input.registryVariable}`);
      continue;
    }
    // Removing a CREATE whose definition differs from the registry's would leave every database that
    // ran it on the migration's definition for good: the registry's IF NOT EXISTS then skips it.
    const conflict = inRegistry.find((r) => r.effective && r.definition !== def.definition);
    if (conflict) {
      unmovable(
        def,
        `its definition differs from the registry entry in ${conflict.registry?.list ?? input.registryVariable} (${where(conflict)}): ${describeDifference(def, conflict).join("; ")}; the registry's IF NOT EXISTS would keep this one where it was built, so drop it on every database first`,
        `DROP INDEX CONCURRENTLY IF EXISTS ${displayName(def)};`,
      );
      continue;
    }
    const source = sources.get(def.location.file);
    if (!source) {
      // Alembic revisions and .sql files are versioned: their history is not rewritten.
      unmovable(def, "it is created by a framework migration (Alembic, .sql), whose history is not rewritten; add its registry entry and drop it in a new migration by hand");
      continue;
    }
    const removal = planRemoval(def, source.root, source.text);
    if (!removal.ok) {
      unmovable(def, removal.reason);
      continue;
    }
    const built = inRegistry.find((r) => r.effective);
    if (built) {
      candidates.push({ def, removal: removal.removal, entry: null, list: built.registry?.list ?? input.registryVariable });
      continue;
    }
    const list = chooseList(def, registryDefs, lists, reachableLists);
    if (!list) {
      unmovable(def, `${registry.path} has no list literal that reaches ${input.registryVariable}`);
      continue;
    }
    const sql = registrySql(input.sql, def);
    if (!sql) {
      unmovable(def, "its SQL could not be rewritten as CREATE INDEX CONCURRENTLY IF NOT EXISTS");
      continue;
    }
    const entry: NewEntry = { name: def.name, table: displayTable(def), sql, critical: false, description: purposeOf([def]).text };
    candidates.push({ def, removal: removal.removal, entry, list });
  }

  // Everything created from one removal target moves together, or nothing does.
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) groups.set(`${c.def.location.file}\0${c.removal.key}`, [...(groups.get(`${c.def.location.file}\0${c.removal.key}`) ?? []), c]);
  const accepted: Candidate[][] = [];
  for (const group of groups.values()) {
    const r = group[0]!.removal;
    const file = group[0]!.def.location.file;
    const inside = inventory.indexes.filter((d) => d.origin === "migration" && d.location.file === file && d.span.start >= r.start && d.span.start < r.end);
    const stays = inside.find((d) => !group.some((c) => c.def === d));
    if (stays) {
      for (const c of group) unmovable(c.def, `it is created by the same code as ${stays.renamedTo ?? stays.name}, which stays in migrations`);
      continue;
    }
    accepted.push(group);
  }

  for (const group of accepted) {
    for (const c of group) {
      const item = { name: c.def.name, file: c.def.location.file, line: c.def.location.line, list: c.list };
      (c.entry ? plan.moved : plan.removed).push(item);
    }
  }
  addMigrationEdits(plan, accepted, sources, registry.path);
  addRegistryEdits(plan, accepted.flat(), registry, lists);
  plan.unmovable.sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : a.line - b.line));
  return plan;
}

/** Module-level `NAME = [ … ]` list literals of the registry. */
function listLiterals(root: SyntaxNode): Map<string, SyntaxNode> {
  const out = new Map<string, SyntaxNode>();
  for (const stmt of root.namedChildren) {
    const a = stmt.type === "expression_statement" ? stmt.firstNamedChild : null;
    if (a?.type !== "assignment") continue;
    const left = a.childForFieldName("left");
    const right = a.childForFieldName("right");
    if (left?.type === "identifier" && right?.type === "list" && !out.has(left.text)) out.set(left.text, right);
  }
  return out;
}

/** The list of the registry's entries on the same table, else the last list that is built. */
function chooseList(def: IndexDef, registryDefs: readonly IndexDef[], lists: ReadonlyMap<string, SyntaxNode>, reachable: ReadonlySet<string>): string | null {
  const table = `${def.schema ?? "public"}.${def.table}`;
  const same = registryDefs.find((r) => r.effective && r.registry && `${r.schema ?? "public"}.${r.table}` === table && lists.has(r.registry.list));
  if (same) return same.registry!.list;
  let best: [string, number] | null = null;
  for (const [name, node] of lists) if (reachable.has(name) && (!best || node.startIndex > best[1])) best = [name, node.startIndex];
  return best?.[0] ?? null;
}

function addMigrationEdits(plan: MovePlan, groups: readonly Candidate[][], sources: ReadonlyMap<string, ParsedPython>, registryPath: string): void {
  // Blocks whose every statement leaves: they keep a `pass`.
  const removedPerBlock = new Map<number, { block: SyntaxNode; count: number; last: number }>();
  for (const g of groups) {
    const r = g[0]!.removal;
    if (r.kind !== "call") continue;
    const e = removedPerBlock.get(r.block.id) ?? { block: r.block, count: 0, last: -1 };
    e.count++;
    e.last = Math.max(e.last, r.start);
    removedPerBlock.set(r.block.id, e);
  }
  for (const g of groups) {
    const r = g[0]!.removal;
    const file = g[0]!.def.location.file;
    const source = sources.get(file)!;
    const eol = eolOf(source.text);
    const names = [...new Set(g.map((c) => c.def.name))].join(", ");
    const listNames = [...new Set(g.map((c) => c.list))].join(", ");
    const note = g.every((c) => c.entry === null) ? `${names}: removed, built from ${registryPath} (${listNames})` : `${names}: moved to ${registryPath} (${listNames})`;
    const edits = plan.edits.get(file) ?? [];
    if (r.kind === "call") {
      const b = removedPerBlock.get(r.block.id)!;
      const statements = r.block.namedChildren.filter((c) => c.type !== "comment").length;
      const pass = b.count === statements && r.start === b.last ? `${r.indent}pass${eol}` : "";
      edits.push({ start: r.start, end: r.end, text: `${r.indent}# ${note}${eol}${pass}` });
    } else if (r.kind === "element") {
      if (r.commentAt === null) edits.push({ start: r.start, end: r.end, text: `${r.indent}# ${note}${eol}` });
      else edits.push({ start: r.commentAt, end: r.commentAt, text: `${r.indent}# ${note}${eol}` }, { start: r.start, end: r.end, text: "" });
    } else {
      edits.push({ start: r.start, end: r.end, text: r.wholeLines ? `${r.indent}-- ${note}${eol}` : `/* ${note} */ ` });
    }
    plan.edits.set(file, edits);
  }
}

function addRegistryEdits(plan: MovePlan, moved: readonly Candidate[], registry: ParsedPython, lists: ReadonlyMap<string, SyntaxNode>): void {
  const eol = eolOf(registry.text);
  const byList = new Map<string, NewEntry[]>();
  const ordered = moved.filter((c) => c.entry).sort((a, b) => (a.def.location.file < b.def.location.file ? -1 : a.def.location.file > b.def.location.file ? 1 : a.def.span.start - b.def.span.start));
  for (const c of ordered) byList.set(c.list, [...(byList.get(c.list) ?? []), c.entry!]);
  const fallback = [...lists.values()].flatMap((l) => l.namedChildren.filter((c) => c.type !== "comment")).map((e) => styleOf(e, registry.text)).find((s): s is EntryStyle => s !== null);
  const edits = plan.edits.get(registry.path) ?? [];
  for (const [name, entries] of byList) {
    const list = lists.get(name)!;
    const { at, needsComma, last } = insertionAfterLast(list, registry.text);
    const style = (last && styleOf(last, registry.text)) ?? fallback ?? DEFAULT_STYLE;
    const closeSameLine = last !== null && list.endPosition.row === last.endPosition.row;
    if (last === null) {
      const lines = entries.map((e) => `${renderEntry(e, style, eol)},`).join(eol);
      edits.push({ start: at, end: at, text: `${eol}${lines}${eol}` });
    } else if (closeSameLine) {
      // `X = [{…}]` on one line: append inline.
      const inline = { ...style, multiline: false, indent: "" };
      const end = last.nextSibling?.type === "," ? last.nextSibling.endIndex : last.endIndex;
      edits.push({ start: end, end, text: `${needsComma ? "," : ""} ${entries.map((e) => renderEntry(e, inline, eol)).join(", ")}` });
    } else {
      if (needsComma) edits.push({ start: last.endIndex, end: last.endIndex, text: "," });
      edits.push({ start: at, end: at, text: entries.map((e) => `${renderEntry(e, style, eol)},${eol}`).join("") });
    }
  }
  if (edits.length) plan.edits.set(registry.path, edits);
}
