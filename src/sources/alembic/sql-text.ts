/**
 * Identifiers spelled as SQLAlchemy's PostgreSQL dialect spells them: bare
 * when lowercase and not reserved, else double-quoted, so PostgreSQL reads
 * back exactly the name given.
 */
const RESERVED = new Set(
  (
    // PostgreSQL's reserved keywords, then those allowed only as function or type names.
    "all analyse analyze and any array as asc asymmetric both case cast check collate column constraint create " +
    "current_catalog current_date current_role current_time current_timestamp current_user default deferrable desc " +
    "distinct do else end except false fetch for foreign from grant group having in initially intersect into lateral " +
    "leading limit localtime localtimestamp not null offset on only or order placing primary references returning " +
    "select session_user some symmetric system_user table then to trailing true union unique user using variadic when " +
    "where window with " +
    "authorization binary collation concurrently cross current_schema freeze full ilike inner is isnull join left like " +
    "natural notnull outer overlaps right similar tablesample verbose"
  ).split(" "),
);

export function ident(name: string): string {
  return /^[a-z_][a-z0-9_$]*$/.test(name) && !RESERVED.has(name) ? name : `"${name.replace(/"/g, '""')}"`;
}

export function qualifiedIdent(schema: string | null, name: string): string {
  return schema ? `${ident(schema)}.${ident(name)}` : ident(name);
}
