import type { AlterTableStmt, Constraint, CreateStmt, DropStmt, Node, RangeVar, RawStmt, RenameStmt } from "@pgsql/types";
import { userTypeOf } from "./column-types.js";
import { isParseError, type SqlParser } from "./parser.js";
import { lexPlainSql, type Lexeme } from "./lexer.js";
import { keyName } from "./key-names.js";
import { MAX_IDENTIFIER_BYTES, nameStem, numberedName } from "./names.js";
import { replaceBindParameters } from "./binds.js";
import { createIndex } from "./create-index.js";
import { atomicBodyIndexDdl, bodyBuildsIndex, bodyMayChangeColumns, bodyOptions } from "./routine-bodies.js";
import { schemaElements } from "./schema-elements.js";
import { sessionStatement } from "./session.js";
import { survivingConstraints, type IndexConstraintShape } from "./redundant-constraints.js";
import { byteMap, codePointIndex, firstTokenAt, splitStatements, statementTokens, writtenIdentifier, type ByteMap } from "./tokens.js";
import type { ConstraintStatement, QualifiedName, ReadResult, Span, SqlProblem, SqlStatement } from "./types.js";

/** Looks like it may hold index DDL: a cheap test before any parsing. */
// Linear: each attempt starts at a word boundary before a fixed word; `\s+` runs end at the next word.
export const INDEX_SQL_HINT = /\b(index|unique|primary\s+key|constraint|drop\s+table|set\s+schema|partition\s+of|attach\s+partition|including\s+(?:indexes|all))\b/i;

export function readStatements(parser: SqlParser, text: string): ReadResult {
  return parser.memo ? parser.memo(text, readWith) : readWith(parser, text);
}

/**
 * The parser, reading each text's statements once for all who ask: a helper's
 * string reached from a hundred call sites is one read. Reading is a pure
 * function of the text, and no one changes what it returns.
 *
 * `asks` says how many times a text will be asked, where the caller knows: its
 * statements are kept until the last of those asks, then let go, so that the
 * statements of a text asked once die young instead of living through every
 * scavenge to the end of the inventory (10k-line bench: ~2.5 MB less
 * promoted). A text asked more often than counted is read again, one not
 * counted is kept to the end: either way the answer is the same.
 */
export function readingEachTextOnce(parser: SqlParser, asks: ReadonlyMap<string, number> = new Map()): SqlParser {
  const read = new Map<string, ReadResult>();
  const left = new Map(asks);
  // Counts down the asks left for `text`; false when the one just made was its last.
  const askedAgain = (text: string): boolean => {
    const n = left.get(text);
    if (n === undefined) return true;
    if (n > 1) left.set(text, n - 1);
    else left.delete(text);
    return n > 1;
  };
  return {
    parse: (text) => parser.parse(text),
    scan: (text) => parser.scan(text),
    memo(text, fresh) {
      const known = read.get(text);
      if (known) {
        if (!askedAgain(text)) read.delete(text);
        return known;
      }
      const result = parser.memo ? parser.memo(text, fresh) : fresh(parser, text);
      if (askedAgain(text)) read.set(text, result);
      return result;
    },
  };
}

function readWith(parser: SqlParser, text: string): ReadResult {
  const bytes = byteMap(text);
  // Plain SQL holds no bind parameter, so it goes to the parser as it is.
  let tokens: readonly Lexeme[] | null = lexPlainSql(text);
  let sql = text;
  if (!tokens) {
    const scanned = parser.scan(text);
    if (isParseError(scanned)) return { statements: [], errors: [{ message: scanned.error, index: codePointIndex(text, scanned.position ?? 0) }] };
    tokens = scanned;
    sql = replaceBindParameters(text, scanned, bytes);
  }
  const whole = parser.parse(sql);
  const statements: SqlStatement[] = [];
  const errors: SqlProblem[] = [];
  if (!isParseError(whole)) {
    for (const raw of whole.stmts) interpret(parser, { statements, errors }, raw, 0, bytes.length, tokens, text, bytes);
    return { statements, errors };
  }
  // One bad statement must not hide the good ones around it: parse each on its own.
  for (const [from, to] of splitStatements(tokens, bytes.length)) {
    const pieceStart = bytes.toIndex(from);
    const piece = sql.slice(pieceStart, bytes.toIndex(to));
    const result = parser.parse(piece);
    if (isParseError(result)) {
      const first = tokens[firstTokenAt(tokens, from)];
      // PostgreSQL's error position counts characters (code points), unlike token offsets (bytes).
      const index = result.position === null ? bytes.toIndex(first ? first.start : from) : pieceStart + codePointIndex(piece, result.position);
      errors.push({ message: result.error, index });
      continue;
    }
    for (const raw of result.stmts) interpret(parser, { statements, errors }, raw, from, to, tokens, text, bytes);
  }
  return { statements, errors };
}

/** Adds the statements `raw` holds to `out`, and what PostgreSQL would reject in them. */
function interpret(parser: SqlParser, out: ReadResult, raw: RawStmt, base: number, limit: number, tokens: readonly Lexeme[], text: string, bytes: ByteMap): void {
  for (const st of statementsOf(parser, out.errors, raw, base, limit, tokens, text, bytes)) out.statements.push(st);
}

function statementsOf(parser: SqlParser, errors: SqlProblem[], raw: RawStmt, base: number, limit: number, tokens: readonly Lexeme[], text: string, bytes: ByteMap): SqlStatement[] {
  const loc = base + (raw.stmt_location ?? 0);
  // A statement length of 0 means "to the end of the input".
  const end = raw.stmt_len ? loc + raw.stmt_len : limit;
  const own = statementTokens(tokens, loc, end);
  const first = own[0];
  const last = own[own.length - 1];
  if (!first || !last || !raw.stmt) return [];
  const span: Span = { start: bytes.toIndex(first.start), end: bytes.toIndex(last.end) };
  return nodeStatements(parser, errors, raw.stmt, span, own, base, text, bytes);
}

/** The statements one parse tree holds; `own`: its tokens, `span`: where they are, `base`: the byte offset its locations count from. */
function nodeStatements(parser: SqlParser, errors: SqlProblem[], node: Node, span: Span, own: readonly Lexeme[], base: number, text: string, bytes: ByteMap): SqlStatement[] {
  return withWrittenNames(statementsOfNode(parser, errors, node, span, own, base, text, bytes), own);
}

/**
 * The parser cuts a name to the 63 bytes PostgreSQL keeps; identifier-too-long
 * needs it whole. A constraint name of 63 bytes (a few less when it was cut
 * inside a character) may have been cut: its token, the first that folds to a
 * longer name starting with it, says.
 */
function withWrittenNames(statements: SqlStatement[], own: readonly Lexeme[]): SqlStatement[] {
  const maybeCut = (st: SqlStatement): st is ConstraintStatement => st.kind === "constraint" && !st.nameGenerated && Buffer.byteLength(st.name) > MAX_IDENTIFIER_BYTES - 4;
  if (!statements.some(maybeCut)) return statements;
  return statements.map((st) => {
    if (!maybeCut(st)) return st;
    const written = own.map((t) => writtenIdentifier(t)).find((w) => w !== null && w.length > st.name.length && w.startsWith(st.name));
    return written ? { ...st, writtenName: written } : st;
  });
}

function statementsOfNode(parser: SqlParser, errors: SqlProblem[], node: Node, span: Span, own: readonly Lexeme[], base: number, text: string, bytes: ByteMap): SqlStatement[] {
  if ("IndexStmt" in node) return [createIndex(node.IndexStmt, span, own, text, base, bytes.toIndex)];
  const other: SqlStatement[] = [{ kind: "other", ...span, type: Object.keys(node)[0] ?? "" }];
  if ("DoStmt" in node) {
    const { body, language } = bodyOptions(node.DoStmt.args, "plpgsql");
    if (body !== null && bodyBuildsIndex(parser, body, language)) return [{ kind: "procedural", ...span, body: "do" }];
    return body !== null && bodyMayChangeColumns(parser, body, language) ? [{ kind: "procedural-columns", ...span }] : other;
  }
  if ("CreateFunctionStmt" in node) {
    const fn = node.CreateFunctionStmt;
    // BEGIN ATOMIC is parsed when the function is created, and PostgreSQL refuses DDL there.
    const refused = atomicBodyIndexDdl(fn.sql_body);
    if (refused) errors.push({ message: `${refused} is not yet supported in unquoted SQL function body`, index: span.start });
    // Without LANGUAGE, a body is SQL (PostgreSQL asks for LANGUAGE with a quoted one).
    const { body, language } = bodyOptions(fn.options, "sql");
    if (body !== null && bodyBuildsIndex(parser, body, language)) return [{ kind: "procedural", ...span, body: fn.is_procedure === true ? "procedure" : "function" }];
    // Called later, where replay does not see it: from here on the columns it may change are not known.
    return body !== null && bodyMayChangeColumns(parser, body, language) ? [{ kind: "procedural-columns", ...span }] : other;
  }
  if ("CreateSchemaStmt" in node) {
    const read = schemaElements(node.CreateSchemaStmt, own, base);
    if (read.kind === "refused") {
      errors.push({ message: read.message, index: bytes.toIndex(read.at.start) });
      return other;
    }
    if (read.kind === "named-after-role") return [{ kind: "role-schema", ...span, role: read.role }];
    const elements: SqlStatement[] = [];
    for (const e of read.elements) {
      const at: Span = { start: bytes.toIndex(e.tokens[0]!.start), end: bytes.toIndex(e.tokens[e.tokens.length - 1]!.end) };
      // No CONCURRENTLY or IF NOT EXISTS is offered in an element: PostgreSQL refuses the one there, and the other would not let the CREATE SCHEMA run again.
      for (const st of nodeStatements(parser, errors, e.node, at, e.tokens, base, text, bytes)) elements.push(st.kind === "create-index" ? { ...st, insertionPoints: null } : st);
    }
    // The schema first (a statement of its own, the path may name it), then what its elements make in it.
    const created = sessionStatement(node, span);
    return [...(created ? [created] : other), ...elements];
  }
  if ("DropStmt" in node) {
    const drop = node.DropStmt;
    const names = (drop.objects ?? []).map((o) => qualified("List" in o ? (o.List.items ?? []) : []));
    if (drop.removeType === "OBJECT_INDEX") return [{ kind: "drop-index", ...span, names, ifExists: drop.missing_ok === true, concurrently: drop.concurrent === true }];
    // A materialized view can have indexes too: they go with it, as a table's do.
    if (drop.removeType === "OBJECT_TABLE" || drop.removeType === "OBJECT_MATVIEW") return [{ kind: "drop-table", ...span, tables: names }];
    if (drop.removeType === "OBJECT_SCHEMA") {
      const schemas = (drop.objects ?? []).map(stringOf);
      // What the schema holds goes first, then (CASCADE) what depends on it elsewhere: an index using its extension's operator class.
      const dependents: SqlStatement[] = drop.behavior === "DROP_CASCADE" ? [{ kind: "drop-cascade", ...span, what: "schema", names: schemas.map((name) => ({ schema: null, name, args: null })) }] : [];
      return [{ kind: "drop-schema", ...span, schemas }, ...dependents];
    }
    // CASCADE drops the columns of a type, domain, extension or function dropped (a table's and a schema's are read above),
    // and the indexes and constraints that depend on it: those first, while replay still knows the columns' types.
    const cascade = drop.behavior === "DROP_CASCADE" ? droppedWithDependents(drop, span) : null;
    // Replay follows the columns of a type, domain or extension dropped; a function's (a generated column's) it does not.
    const followed = cascade !== null && cascade.kind === "drop-cascade" && cascade.what !== "function";
    const columns: SqlStatement[] = drop.behavior === "DROP_CASCADE" ? [...(cascade ? [cascade] : []), ...(followed ? [] : [{ kind: "procedural-columns" as const, ...span }])] : [];
    // A composite type is a relation too, named by a TypeName.
    if (drop.removeType === "OBJECT_TYPE") return [{ kind: "relation", ...span, created: false, names: (drop.objects ?? []).map(typeNameOf), temporary: false }, ...columns];
    if (drop.removeType === "OBJECT_VIEW" || drop.removeType === "OBJECT_SEQUENCE") return [{ kind: "relation", ...span, created: false, names, temporary: false }, ...columns];
    return columns.length > 0 ? columns : other;
  }
  if ("RenameStmt" in node) return onlyIfTableExists(renamed(node.RenameStmt, span, own), node.RenameStmt.relation, node.RenameStmt.missing_ok);
  if ("AlterTableStmt" in node) return onlyIfTableExists(alteredTable(node.AlterTableStmt, span) ?? other, node.AlterTableStmt.relation, node.AlterTableStmt.missing_ok);
  return statementsOfOtherNode(node, span, other);
}

/** ALTER TABLE IF EXISTS (RENAME, SET SCHEMA): what it makes runs only when the table is there. */
function onlyIfTableExists(statements: SqlStatement[], rel: RangeVar | undefined, missingOk: boolean | undefined): SqlStatement[] {
  if (missingOk !== true || !rel) return statements;
  const table = nameOf(rel);
  return statements.map((st) => (st.kind === "other" ? st : { ...st, ifTableExists: table }));
}

/** ALTER … RENAME: of an index, a table or materialized view, a constraint, a column, a schema. */
function renamed(stmt: RenameStmt, span: Span, own: readonly Lexeme[]): SqlStatement[] {
  const other: SqlStatement[] = [{ kind: "other", ...span, type: "RenameStmt" }];
  const { renameType, relation: rel, newname } = stmt;
  if (renameType === "OBJECT_INDEX" && rel)
    return [{ kind: "rename-index", ...span, schema: rel.schemaname ?? null, from: rel.relname ?? "", to: writtenIdentifier(own.filter((t) => !t.comment).at(-1)) ?? newname ?? "" }];
  if ((renameType === "OBJECT_TABLE" || renameType === "OBJECT_MATVIEW") && rel && newname !== undefined)
    return [{ kind: "rename-table", ...span, schema: rel.schemaname ?? null, from: rel.relname ?? "", to: newname }];
  const { subname } = stmt;
  if (renameType === "OBJECT_SCHEMA" && subname !== undefined && newname !== undefined) return [{ kind: "rename-schema", ...span, from: subname, to: newname }];
  if (renameType === "OBJECT_TABCONSTRAINT" && rel && subname !== undefined && newname !== undefined)
    return [{ kind: "rename-constraint", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", from: subname, to: newname }];
  if (renameType === "OBJECT_COLUMN" && stmt.relationType === "OBJECT_TABLE" && rel && subname !== undefined && newname !== undefined)
    return [{ kind: "rename-column", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", from: subname, to: newname }];
  return other;
}

/** ALTER TABLE's subcommands that make, drop or rename what replay follows; null when none does. */
function alteredTable(stmt: AlterTableStmt, span: Span): SqlStatement[] | null {

  const rel = stmt.relation ?? {};
  const out: SqlStatement[] = [];
  for (const c of stmt.cmds ?? []) {
    if (!("AlterTableCmd" in c)) continue;
    const cmd = c.AlterTableCmd;
    if (cmd.subtype === "AT_AddConstraint") {
      out.push(...namedConstraints([cmd.def], rel, span, ALL_OTHERS), ...constraints([cmd.def], rel, null, span));
    } else if (cmd.subtype === "AT_AddInherit") {
      // The child now follows its parent's column renames and drops, which replay does not carry over.
      out.push({ kind: "procedural-columns", ...span });
    } else if (cmd.subtype === "AT_AddColumn" && cmd.def && "ColumnDef" in cmd.def) {
      // ADD COLUMN code text UNIQUE: the column's inline constraints build indexes too.
      const own = cmd.def.ColumnDef.constraints;
      const column = cmd.def.ColumnDef.colname ?? null;
      const ifNotExists = cmd.missing_ok === true;
      const type = cmd.def.ColumnDef.typeName ? userTypeOf(cmd.def.ColumnDef.typeName) : null;
      if (column !== null) out.push({ kind: "add-column", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", column, ifNotExists, ...(type === null ? {} : { userType: type }) });
      const made = [...namedConstraints(own, rel, span, ALL_OTHERS), ...constraints(own, rel, column, span)];
      out.push(...(ifNotExists ? made.map((st) => ({ ...st, ofColumnIfNotExists: true as const })) : made));
    } else if (cmd.subtype === "AT_AttachPartition" && stmt.objtype === "OBJECT_TABLE" && cmd.def && "PartitionCmd" in cmd.def && cmd.def.PartitionCmd.name) {
      // ALTER INDEX … ATTACH PARTITION only links two indexes that exist: it makes none.
      const child = cmd.def.PartitionCmd.name;
      out.push({ kind: "copied-indexes", ...span, how: "attach", schema: child.schemaname ?? null, table: child.relname ?? "", from: nameOf(rel) });
    } else if (cmd.subtype === "AT_DetachPartition" && stmt.objtype === "OBJECT_TABLE" && cmd.def && "PartitionCmd" in cmd.def && cmd.def.PartitionCmd.name) {
      out.push({ kind: "detach-partition", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", partition: nameOf(cmd.def.PartitionCmd.name) });
    } else if (cmd.subtype === "AT_DropConstraint" && cmd.name !== undefined) {
      out.push({ kind: "drop-constraint", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", name: cmd.name });
    } else if (cmd.subtype === "AT_AlterColumnType" && cmd.name !== undefined && cmd.def && "ColumnDef" in cmd.def && cmd.def.ColumnDef.typeName) {
      out.push({ kind: "column-type", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", column: cmd.name, userType: userTypeOf(cmd.def.ColumnDef.typeName) });
    } else if (cmd.subtype === "AT_DropColumn" && cmd.name !== undefined && stmt.objtype === "OBJECT_TABLE") {
      out.push({ kind: "drop-column", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", column: cmd.name });
    }
  }
  return out.length ? out : null;
}

function statementsOfOtherNode(node: Node, span: Span, other: SqlStatement[]): SqlStatement[] {
  if ("CreateStmt" in node) {
    const rel = node.CreateStmt.relation ?? {};
    const found: { st: ConstraintStatement; shape: IndexConstraintShape }[] = [];
    const all: Node[] = [];
    for (const elt of node.CreateStmt.tableElts ?? []) {
      const column = "ColumnDef" in elt ? (elt.ColumnDef.colname ?? null) : null;
      for (const n of "ColumnDef" in elt ? (elt.ColumnDef.constraints ?? []) : [elt]) {
        all.push(n);
        const st = "Constraint" in n ? constraint(n.Constraint, rel, column, span) : null;
        if (st && "Constraint" in n) found.push({ st, shape: shapeOf(n.Constraint, st) });
      }
    }
    // A constraint that repeats another's index builds nothing (PostgreSQL's rule within one CREATE TABLE).
    const kept = survivingConstraints(found.map((f) => f.shape)).map(({ at, nameFrom }) => {
      const st = found[at]!.st;
      return nameFrom === at ? st : { ...st, name: found[nameFrom]!.st.name, nameGenerated: false, stem: null };
    });
    const copied: SqlStatement[] = [];
    const into = { schema: rel.schemaname ?? null, table: rel.relname ?? "" };
    for (const elt of node.CreateStmt.tableElts ?? [])
      if ("TableLikeClause" in elt && ((elt.TableLikeClause.options ?? 0) & LIKE_INDEXES) !== 0 && elt.TableLikeClause.relation)
        copied.push({ kind: "copied-indexes", ...span, how: "like", ...into, from: nameOf(elt.TableLikeClause.relation) });
    const parent = node.CreateStmt.partbound ? node.CreateStmt.inhRelations?.[0] : undefined;
    if (parent && "RangeVar" in parent) copied.push({ kind: "copied-indexes", ...span, how: "partition", ...into, from: nameOf(parent.RangeVar) });
    // PostgreSQL makes the table's CHECK constraints, then its indexes, then its foreign keys.
    return [createTable(rel, span, node.CreateStmt.if_not_exists === true, columnsNamed(node.CreateStmt), false, userTypesOf(node.CreateStmt)), ...copied, ...namedConstraints(all, rel, span, ["CONSTR_CHECK"]), ...kept, ...namedConstraints(all, rel, span, ["CONSTR_FOREIGN"])];
  }
  // CREATE TABLE … AS, CREATE MATERIALIZED VIEW, SELECT … INTO: new relations too, without constraints.
  if ("CreateTableAsStmt" in node) {
    const { into, objtype } = node.CreateTableAsStmt;
    return (objtype === "OBJECT_TABLE" || objtype === "OBJECT_MATVIEW") && into?.rel ? [createTable(into.rel, span, node.CreateTableAsStmt.if_not_exists === true, null, objtype === "OBJECT_MATVIEW")] : other;
  }
  if ("SelectStmt" in node && node.SelectStmt.intoClause?.rel) return [createTable(node.SelectStmt.intoClause.rel, span, false, null)];
  if ("CreateExtensionStmt" in node) {
    const schema = (node.CreateExtensionStmt.options ?? []).map((o) => ("DefElem" in o && o.DefElem.defname === "schema" && o.DefElem.arg ? stringOf(o.DefElem.arg) : null)).find((s) => s !== null) ?? null;
    return [{ kind: "create-extension", ...span, name: node.CreateExtensionStmt.extname ?? "", schema }];
  }
  if ("CreateEnumStmt" in node) return [{ kind: "user-type", ...span, name: (node.CreateEnumStmt.typeName ?? []).map(stringOf).join("."), over: [] }];
  if ("CreateDomainStmt" in node) {
    const base = node.CreateDomainStmt.typeName ? userTypeOf(node.CreateDomainStmt.typeName) : null;
    return [{ kind: "user-type", ...span, name: (node.CreateDomainStmt.domainname ?? []).map(stringOf).join("."), over: base === null ? [] : [base] }];
  }
  const session = sessionStatement(node, span);
  if (session) return [session];
  const relation = "CreateSeqStmt" in node ? node.CreateSeqStmt.sequence : "ViewStmt" in node ? node.ViewStmt.view : "CompositeTypeStmt" in node ? node.CompositeTypeStmt.typevar : undefined;
  if (relation) return [{ kind: "relation", ...span, created: true, names: [{ schema: relation.schemaname ?? null, name: relation.relname ?? "" }], temporary: relation.relpersistence === "t" }];
  if ("AlterObjectSchemaStmt" in node) {
    const { objectType, relation: rel, newschema } = node.AlterObjectSchemaStmt;
    if ((objectType === "OBJECT_TABLE" || objectType === "OBJECT_MATVIEW") && rel && newschema !== undefined)
      return onlyIfTableExists([{ kind: "set-schema", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", to: newschema }], rel, node.AlterObjectSchemaStmt.missing_ok);
  }
  return other;
}

function createTable(rel: RangeVar, span: Span, ifNotExists: boolean, columns: string[] | null, view = false, userTypes: Record<string, string> | null = null): SqlStatement {
  return { kind: "create-table", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", temporary: rel.relpersistence === "t", ifNotExists, ...(view ? { view } : {}), columns, ...(userTypes ? { userTypes } : {}) };
}

/** The columns of a CREATE TABLE whose type is not PostgreSQL's own, with that type; null when there are none. */
function userTypesOf(st: CreateStmt): Record<string, string> | null {
  const out: Record<string, string> = {};
  let any = false;
  for (const elt of st.tableElts ?? []) {
    if (!("ColumnDef" in elt) || elt.ColumnDef.colname === undefined || !elt.ColumnDef.typeName) continue;
    const type = userTypeOf(elt.ColumnDef.typeName);
    if (type === null) continue;
    out[elt.ColumnDef.colname] = type;
    any = true;
  }
  return any ? out : null;
}

/** What a DROP … CASCADE of a function, type, domain or extension takes with it; null for anything else. */
function droppedWithDependents(drop: DropStmt, span: Span): SqlStatement | null {
  const objects = drop.objects ?? [];
  if (drop.removeType === "OBJECT_FUNCTION") {
    const names = objects.map((o) => {
      const f = "ObjectWithArgs" in o ? o.ObjectWithArgs : {};
      const parts = (f.objname ?? []).map(stringOf);
      return { schema: parts.length > 1 ? (parts.at(-2) ?? null) : null, name: parts.at(-1) ?? "", args: f.args_unspecified === true ? null : (f.objargs?.length ?? 0) };
    });
    return { kind: "drop-cascade", ...span, what: "function", names };
  }
  if (drop.removeType === "OBJECT_TYPE" || drop.removeType === "OBJECT_DOMAIN") return { kind: "drop-cascade", ...span, what: "type", names: objects.map((o) => ({ ...typeNameOf(o), args: null })) };
  if (drop.removeType === "OBJECT_EXTENSION") return { kind: "drop-cascade", ...span, what: "extension", names: objects.map((o) => ({ schema: null, name: stringOf(o), args: null })) };
  return null;
}

/** A type's name in a DROP TYPE or DROP DOMAIN. */
function typeNameOf(n: Node): QualifiedName {
  const parts = "TypeName" in n ? (n.TypeName.names ?? []).map(stringOf) : [];
  return { schema: parts.length > 1 ? (parts.at(-2) ?? null) : null, name: parts.at(-1) ?? "" };
}

/** The columns a CREATE TABLE names, when they are all it has: none from LIKE, INHERITS, PARTITION OF or OF a type. */
function columnsNamed(st: CreateStmt): string[] | null {
  if ((st.inhRelations?.length ?? 0) > 0 || st.partbound || st.ofTypename) return null;
  const columns: string[] = [];
  for (const elt of st.tableElts ?? []) {
    if ("TableLikeClause" in elt) return null;
    if ("ColumnDef" in elt && elt.ColumnDef.colname !== undefined) columns.push(elt.ColumnDef.colname);
  }
  return columns.length > 0 ? columns : null;
}

/** The index-building constraints (UNIQUE, PRIMARY KEY, EXCLUDE) among `nodes`, on `rel`; `column` for a column's own. */
function constraints(nodes: readonly (Node | undefined)[] | undefined, rel: RangeVar, column: string | null, span: Span): ConstraintStatement[] {
  const out: ConstraintStatement[] = [];
  for (const n of nodes ?? []) {
    const st = n && "Constraint" in n ? constraint(n.Constraint, rel, column, span) : null;
    if (st) out.push(st);
  }
  return out;
}

const ALL_OTHERS = ["CONSTR_CHECK", "CONSTR_FOREIGN"];

/** CREATE_TABLE_LIKE_INDEXES among a LIKE clause's options (INCLUDING ALL sets it too). */
const LIKE_INDEXES = 1 << 6;

function nameOf(rel: RangeVar): QualifiedName {
  return { schema: rel.schemaname ?? null, name: rel.relname ?? "" };
}

/** The named constraints of the given types among `nodes`, on `rel`. */
function namedConstraints(nodes: readonly (Node | undefined)[] | undefined, rel: RangeVar, span: Span, types: readonly string[]): SqlStatement[] {
  const out: SqlStatement[] = [];
  for (const n of nodes ?? []) {
    const con = n && "Constraint" in n ? n.Constraint : null;
    if (con?.conname !== undefined && con.contype !== undefined && types.includes(con.contype)) out.push({ kind: "named-constraint", ...span, schema: rel.schemaname ?? null, table: rel.relname ?? "", name: con.conname });
  }
  return out;
}

/** What decides whether two constraints of one CREATE TABLE build the same index. */
function shapeOf(con: Constraint, st: ConstraintStatement): IndexConstraintShape {
  const sameIndex = st.constraintType === "exclude" ? null : JSON.stringify([st.columns, (con.including ?? []).map(stringOf), con.nulls_not_distinct === true, con.deferrable === true, con.initdeferred === true]);
  return { primary: st.constraintType === "primary key", sameIndex, named: con.conname !== undefined };
}

function constraint(con: Constraint, rel: RangeVar, column: string | null, span: Span): ConstraintStatement | null {
  const type = con.contype === "CONSTR_UNIQUE" ? "unique" : con.contype === "CONSTR_PRIMARY" ? "primary key" : con.contype === "CONSTR_EXCLUSION" ? "exclude" : null;
  if (!type) return null;
  const table = rel.relname ?? "";
  let columns = (con.keys ?? []).map(stringOf);
  if (columns.length === 0 && column) columns = [column];
  // An exclusion's elements are index keys: PostgreSQL names them as it names an index's (`lower` for lower(a)).
  let keyNames = columns;
  if (type === "exclude") {
    const elems: Node[] = (con.exclusions ?? []).map((e) => ("List" in e ? e.List.items?.[0] : undefined) ?? { IndexElem: {} });
    columns = elems.map((elem) => ("IndexElem" in elem ? elem.IndexElem.name : undefined) ?? "expr");
    keyNames = elems.map(keyName);
  }
  const given = con.conname ?? null;
  const usingIndex = con.indexname ?? null;
  // PostgreSQL's own choice of name when none is given (INCLUDE columns are part of it); USING INDEX without one keeps the index's.
  const stem = given === null && usingIndex === null ? nameStem(table, [...keyNames, ...(con.including ?? []).map(stringOf)], type === "primary key" ? "pkey" : type === "unique" ? "key" : "excl") : null;
  const name = stem ? numberedName(stem, 0) : (given ?? usingIndex ?? "");
  return {
    kind: "constraint",
    ...span,
    constraintType: type,
    name,
    nameGenerated: stem !== null,
    stem,
    schema: rel.schemaname ?? null,
    table,
    columns,
    usingIndex,
  };
}

function qualified(items: readonly Node[]): QualifiedName {
  const parts = items.map(stringOf);
  return { schema: parts.length > 1 ? (parts[parts.length - 2] ?? null) : null, name: parts[parts.length - 1] ?? "" };
}

/** A `String` node's text ("" for any other node). */
function stringOf(n: Node): string {
  return "String" in n ? (n.String.sval ?? "") : "";
}
