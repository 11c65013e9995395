import type { SqlParser } from "../sql/parser.js";
import { readStatements } from "../sql/statements.js";
import type { CreateIndexStatement } from "../sql/types.js";
import type { CatalogIndex, CatalogSnapshot } from "./snapshot.js";

/** A database index with `pg_get_indexdef` read by PostgreSQL's parser (null if it could not be: then it is never called drifted). */
export interface DatabaseIndex extends CatalogIndex {
  statement: CreateIndexStatement | null;
}

export interface DatabaseState {
  snapshot: CatalogSnapshot;
  indexes: DatabaseIndex[];
}

/** Parses each index's definition once; pure. */
export function parseCatalog(parser: SqlParser, snapshot: CatalogSnapshot): DatabaseState {
  const indexes = snapshot.indexes.map((index) => {
    const [st] = readStatements(parser, index.definition).statements;
    return { ...index, statement: st?.kind === "create-index" ? st : null };
  });
  return { snapshot, indexes };
}
