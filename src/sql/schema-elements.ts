/**
 * The elements of `CREATE SCHEMA s CREATE TABLE … CREATE INDEX … GRANT …`,
 * each to be read as the statement it is. PostgreSQL creates what the
 * elements name in the new schema (an index element's table is looked for
 * there too: a schema written there must be the new one), and runs the
 * elements sorted by kind (sequences, tables, views, indexes, triggers,
 * grants), each kind in written order.
 */
import type { CreateSchemaStmt, Node, RangeVar, RoleSpec } from "@pgsql/types";
import type { Lexeme } from "./lexer.js";
import { isWord } from "./tokens.js";

export interface SchemaElement {
  /** The element's parse tree, its unqualified names placed in the schema. */
  node: Node;
  /** Its tokens, from its CREATE (or GRANT) keyword on. */
  tokens: readonly Lexeme[];
}

export type SchemaElements =
  | { kind: "elements"; elements: SchemaElement[] }
  /** PostgreSQL refuses the statement: its message, at the element it names. */
  | { kind: "refused"; message: string; at: Lexeme }
  /** `AUTHORIZATION CURRENT_USER` without a name: the schema is named after the role that runs it. */
  | { kind: "named-after-role"; role: string };

/** The order PostgreSQL runs the elements in, by kind. */
const RUN_ORDER = ["CreateSeqStmt", "CreateStmt", "ViewStmt", "IndexStmt", "CreateTrigStmt", "GrantStmt"];

const ROLES: Partial<Record<string, string>> = { ROLESPEC_CURRENT_USER: "CURRENT_USER", ROLESPEC_SESSION_USER: "SESSION_USER", ROLESPEC_CURRENT_ROLE: "CURRENT_ROLE" };

/** `own`: the statement's tokens; `base`: the byte offset its parse-tree locations count from. */
export function schemaElements(stmt: CreateSchemaStmt, own: readonly Lexeme[], base: number): SchemaElements {
  const nodes = stmt.schemaElts ?? [];
  const schema = stmt.schemaname ?? namedRole(stmt.authrole);
  if (schema === null) return builds(nodes) ? { kind: "named-after-role", role: ROLES[stmt.authrole?.roletype ?? ""] ?? "" } : { kind: "elements", elements: [] };
  const tokens = elementTokens(nodes, own, base);
  const written = nodes.map((node, i) => ({ node, tokens: tokens[i] ?? own }));
  for (const e of written) {
    const other = relationOf(e.node)?.schemaname;
    if (other !== undefined && other !== schema) return { kind: "refused", message: `CREATE specifies a schema (${other}) different from the one being created (${schema})`, at: e.tokens[0]! };
  }
  // Refused when the index is built, as in a function: the elements run inside the CREATE SCHEMA.
  const concurrent = written.find((e) => "IndexStmt" in e.node && e.node.IndexStmt.concurrent === true);
  if (concurrent) return { kind: "refused", message: "CREATE INDEX CONCURRENTLY cannot be executed from a function", at: concurrent.tokens[0]! };
  const rank = (n: Node): number => RUN_ORDER.indexOf(Object.keys(n)[0] ?? "");
  const ordered = written.map((e, i) => ({ e, i })).sort((a, b) => rank(a.e.node) - rank(b.e.node) || a.i - b.i);
  const tables = new Set<string>();
  return { kind: "elements", elements: ordered.map(({ e }) => ({ node: placed(e.node, schema, tables), tokens: e.tokens })) };
}

/** `AUTHORIZATION joe` names the schema `joe`; CURRENT_USER and the like name no one statically. */
function namedRole(role: RoleSpec | undefined): string | null {
  return role?.roletype === "ROLESPEC_CSTRING" && role.rolename !== undefined ? role.rolename : null;
}

/** Whether an element makes a table or an index (what the inventory would list). */
function builds(nodes: readonly Node[]): boolean {
  return nodes.some((n) => "CreateStmt" in n || "IndexStmt" in n);
}

/** The relation an element creates, or an index or trigger element's table. */
function relationOf(n: Node): RangeVar | undefined {
  if ("CreateStmt" in n) return n.CreateStmt.relation;
  if ("IndexStmt" in n) return n.IndexStmt.relation;
  if ("CreateSeqStmt" in n) return n.CreateSeqStmt.sequence;
  if ("ViewStmt" in n) return n.ViewStmt.view;
  if ("CreateTrigStmt" in n) return n.CreateTrigStmt.relation;
  return undefined;
}

/** A location inside the element (its relation's), or null for one without (a GRANT on no table). */
function anchorOf(n: Node): number | null {
  const rel = relationOf(n) ?? ("GrantStmt" in n ? n.GrantStmt.objects?.map((o) => ("RangeVar" in o ? o.RangeVar : undefined)).find((r) => r) : undefined);
  return rel?.location ?? null;
}

function startsElement(t: Lexeme): boolean {
  return !t.comment && (isWord(t, "CREATE") || isWord(t, "GRANT"));
}

/**
 * Each element's tokens. An element starts at the last CREATE or GRANT before
 * a location inside it (both are reserved words, but a column label in a view
 * may be spelled as one); one without a location, at the next. When an element
 * cannot be placed, every element is given the whole statement's.
 */
function elementTokens(nodes: readonly Node[], own: readonly Lexeme[], base: number): (readonly Lexeme[])[] {
  const starts: number[] = [];
  let from = 1;
  for (const n of nodes) {
    const anchor = anchorOf(n);
    let at = -1;
    for (let i = from; i < own.length && (anchor === null ? at < 0 : own[i]!.start < base + anchor); i++) if (startsElement(own[i]!)) at = i;
    if (at < 0) return nodes.map(() => own);
    starts.push(at);
    from = at + 1;
  }
  return starts.map((s, i) => {
    let end = starts[i + 1] ?? own.length;
    // A comment before the next element is not this one's.
    while (end > s + 1 && own[end - 1]!.comment) end--;
    return own.slice(s, end);
  });
}

/**
 * The element with the schema on the names it creates and on its table's. An
 * unqualified LIKE or PARTITION OF table is the schema's when an earlier
 * element made a table of that name there (the new schema comes first in the
 * search path while the elements run), else wherever the name was before.
 */
function placed(n: Node, schema: string, tables: Set<string>): Node {
  const put = (rel: RangeVar | undefined): RangeVar => ({ ...rel, schemaname: schema });
  const mine = (rel: RangeVar): RangeVar => (rel.schemaname === undefined && tables.has(rel.relname ?? "") ? { ...rel, schemaname: schema } : rel);
  if ("CreateStmt" in n) {
    const st = n.CreateStmt;
    const tableElts = st.tableElts?.map((e) => ("TableLikeClause" in e && e.TableLikeClause.relation ? { TableLikeClause: { ...e.TableLikeClause, relation: mine(e.TableLikeClause.relation) } } : e));
    const inhRelations = st.inhRelations?.map((e) => ("RangeVar" in e ? { RangeVar: mine(e.RangeVar) } : e));
    tables.add(st.relation?.relname ?? "");
    return { CreateStmt: { ...st, relation: put(st.relation), ...(tableElts ? { tableElts } : {}), ...(inhRelations ? { inhRelations } : {}) } };
  }
  if ("IndexStmt" in n) return { IndexStmt: { ...n.IndexStmt, relation: put(n.IndexStmt.relation) } };
  if ("CreateSeqStmt" in n) return { CreateSeqStmt: { ...n.CreateSeqStmt, sequence: put(n.CreateSeqStmt.sequence) } };
  if ("ViewStmt" in n) return { ViewStmt: { ...n.ViewStmt, view: put(n.ViewStmt.view) } };
  return n;
}
