import type { IndexDef } from "../../model/types.js";
import { isParseError, type SqlParser } from "../../sql/parser.js";
import { readStatements } from "../../sql/statements.js";
import { byteMap } from "../../sql/tokens.js";

/**
 * The statement as a registry entry runs it: `CREATE INDEX CONCURRENTLY IF
 * NOT EXISTS …` on one line, comments dropped, the spacing between tokens
 * kept as written (a line break becomes one space). Null unless it reads back
 * as the same index.
 */
export function registrySql(parser: SqlParser, def: IndexDef): string | null {
  const [st] = readStatements(parser, def.sql).statements;
  // Read alone, an element of CREATE SCHEMA s is on another table (its unqualified table was s's).
  if (st?.kind !== "create-index" || !st.insertionPoints || st.definition !== def.definition) return null;
  const lower = /^create\b/.test(def.sql);
  const word = (w: string): string => (lower ? w.toLowerCase() : w);
  const inserts: { index: number; text: string }[] = [];
  if (!st.concurrently) inserts.push({ index: st.insertionPoints.concurrently.index, text: `${word("CONCURRENTLY")} ` });
  if (!st.ifNotExists) {
    if (!st.insertionPoints.ifNotExists) return null;
    inserts.push({ index: st.insertionPoints.ifNotExists.index, text: `${word("IF NOT EXISTS")} ` });
  }
  let sql = def.sql;
  // From the end; at one point the later insertion goes first so the text reads CONCURRENTLY IF NOT EXISTS.
  const ordered = inserts.map((ins, k) => ({ ins, k })).sort((a, b) => b.ins.index - a.ins.index || b.k - a.k);
  for (const { ins } of ordered) sql = sql.slice(0, ins.index) + ins.text + sql.slice(ins.index);
  const flat = oneLineSql(parser, sql);
  if (flat === null) return null;
  const [back] = readStatements(parser, flat).statements;
  const same = back?.kind === "create-index" && back.name === st.name && back.definition === st.definition && back.concurrently && back.ifNotExists;
  return same ? flat : null;
}

/** Tokens joined as written, with comments dropped and any whitespace between two tokens as one space. */
function oneLineSql(parser: SqlParser, sql: string): string | null {
  const tokens = parser.scan(sql);
  if (isParseError(tokens)) return null;
  const bytes = byteMap(sql);
  let out = "";
  let prevEnd: number | null = null;
  for (const t of tokens) {
    if (t.comment) continue;
    const start = bytes.toIndex(t.start);
    if (prevEnd !== null) out += start > prevEnd ? " " : "";
    out += sql.slice(start, bytes.toIndex(t.end));
    prevEnd = bytes.toIndex(t.end);
  }
  return out;
}
