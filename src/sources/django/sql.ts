import type { DjangoEvent, DjangoIndex, DjangoIndexKey } from "./events.js";

/**
 * The SQL Django's PostgreSQL schema editor emits for an event, spelled as
 * Django spells it (quoted names, the `_like` index's operator class, `DESC`),
 * so the model reads it like any migration SQL. Null for events that are not
 * SQL of their own (`sql` events carry the user's text).
 */
export function eventSql(event: DjangoEvent): string | null {
  switch (event.kind) {
    case "create-index":
      return createIndexSql(event.index);
    case "constraint": {
      const c = event.constraint;
      if (c.type === "exclude") {
        const ops = c.exclusion?.operators ?? [];
        return `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} EXCLUDE USING ${c.exclusion?.method ?? "gist"} (${c.columns.map((x, i) => `${q(x)} WITH ${ops[i] ?? "="}`).join(", ")})`;
      }
      return `ALTER TABLE ${q(c.table)} ADD CONSTRAINT ${q(c.name)} ${c.type === "primary key" ? "PRIMARY KEY" : "UNIQUE"} (${c.columns.map(q).join(", ")})`;
    }
    case "drop":
      // A column or table dropped takes its indexes with it: the name goes, no DROP INDEX runs.
      if (!event.explicit) return `ALTER TABLE ${q(event.table)} DROP CONSTRAINT IF EXISTS ${q(event.name)}`;
      return event.what === "constraint"
        ? `ALTER TABLE ${q(event.table)} DROP CONSTRAINT ${q(event.name)}`
        : `DROP INDEX ${event.concurrently ? "CONCURRENTLY " : ""}IF EXISTS ${q(event.name)}`;
    case "rename-index":
      return `ALTER INDEX ${q(event.from)} RENAME TO ${q(event.to)}`;
    case "rename-table":
      return `ALTER TABLE ${q(event.from)} RENAME TO ${q(event.to)}`;
    case "rename-column":
      return `ALTER TABLE ${q(event.table)} RENAME COLUMN ${q(event.from)} TO ${q(event.to)}`;
    case "create-table":
      return `CREATE TABLE ${q(event.table)} ()`;
    case "drop-table":
      return `DROP TABLE ${q(event.table)} CASCADE`;
    case "sql":
      return null;
  }
}

function createIndexSql(i: DjangoIndex): string {
  const using = i.method === "btree" ? "" : ` USING ${i.method}`;
  const include = i.include.length ? ` INCLUDE (${i.include.map(q).join(", ")})` : "";
  const where = i.where === null ? "" : ` WHERE ${i.where}`;
  return `CREATE ${i.unique ? "UNIQUE " : ""}INDEX ${i.concurrently ? "CONCURRENTLY " : ""}${q(i.name)} ON ${q(i.table)}${using} (${i.keys.map(keySql).join(", ")})${include}${where}`;
}

function keySql(k: DjangoIndexKey): string {
  const base = k.column !== null ? q(k.column) : `(${k.text})`;
  return `${base}${k.opclass ? ` ${k.opclass}` : ""}${k.descending ? " DESC" : ""}`;
}

/** A double-quoted identifier, as Django's `quote_name` writes it. */
export function q(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
