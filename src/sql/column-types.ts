/**
 * Column types as far as a DROP … CASCADE needs them: PostgreSQL's own types
 * (which no migration drops) apart from the types a project or an extension
 * makes (a DROP TYPE, DROP DOMAIN or DROP EXTENSION … CASCADE drops every
 * column of such a type, and the indexes and constraints that use it).
 */
import type { TypeName } from "@pgsql/types";

/** Types the grammar leaves unqualified that are pg_catalog's (`int4`, `text`, `timestamptz`, …): built in, like every `pg_catalog.` one. */
const BUILT_IN = new Set(
  (
    "bool int2 int4 int8 float4 float8 numeric text varchar bpchar char name uuid json jsonb jsonpath bytea date time timetz timestamp timestamptz interval " +
    "inet cidr macaddr macaddr8 money tsvector tsquery xml oid regclass regproc regprocedure regtype regnamespace regrole regconfig pg_lsn " +
    "serial serial2 serial4 serial8 smallserial bigserial bit varbit point line lseg box path polygon circle " +
    "int4range int8range numrange tsrange tstzrange daterange int4multirange int8multirange nummultirange tsmultirange tstzmultirange datemultirange"
  ).split(" "),
);

/**
 * A column type that is not one of PostgreSQL's own, as replay compares it (`mood`, `app.mood`, `mood[]` for an
 * array of it); null for a built-in type (arrays of one too).
 */
export function userTypeOf(t: TypeName): string | null {
  const names = (t.names ?? []).map((n) => ("String" in n ? (n.String.sval ?? "") : ""));
  const last = names.at(-1) ?? "";
  if (names[0] === "pg_catalog" || (names.length === 1 && BUILT_IN.has(last))) return null;
  return `${names.join(".")}${(t.arrayBounds?.length ?? 0) > 0 ? "[]" : ""}`;
}

/** Whether a type as userTypeOf gives it is `name` (or an array of it); an unqualified `name` matches it in any schema. */
export function isType(type: string, name: { schema: string | null; name: string }): boolean {
  const base = type.endsWith("[]") ? type.slice(0, -2) : type;
  const dot = base.lastIndexOf(".");
  const [schema, last] = dot < 0 ? [null, base] : [base.slice(0, dot), base.slice(dot + 1)];
  return last === name.name && (schema === null || name.schema === null || schema === name.schema);
}

/** The type without its array marker. */
export function baseType(type: string): string {
  return type.endsWith("[]") ? type.slice(0, -2) : type;
}
