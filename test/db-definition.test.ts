import assert from "node:assert/strict";
import { describe, it } from "node:test";
import { definitionDifferences } from "../src/db/definition.js";
import { createSqlParser } from "../src/sql/parser.js";
import { readStatements } from "../src/sql/statements.js";
import type { IndexShape } from "../src/sql/types.js";

/**
 * The declared statement against pg_get_indexdef's text as PostgreSQL prints
 * it (the catalog strings below are a server's output for the declared ones,
 * on leads(email varchar, status varchar, created_at timestamptz, amount numeric, business_id int,
 * seen_at timestamp, signed_on date), in time zone UTC).
 */
const parser = await createSqlParser();

function definition(sql: string): IndexShape {
  const [st] = readStatements(parser, sql).statements;
  assert.ok(st?.kind === "create-index", sql);
  return st.shape;
}

function diff(declared: string, catalog: string): string[] {
  return definitionDifferences({ declared: definition(declared), catalog: definition(catalog), declaredTable: "public.leads" });
}

const SAME: [string, string, string][] = [
  ["casts the server adds to a function's argument", "CREATE INDEX i ON leads (lower(email))", "CREATE INDEX i ON public.leads USING btree (lower((email)::text))"],
  ["IN printed as = ANY (ARRAY[…]) with casts", "CREATE INDEX i ON leads (status) WHERE status IN ('new', 'open')", "CREATE INDEX i ON public.leads USING btree (status) WHERE ((status)::text = ANY ((ARRAY['new'::character varying, 'open'::character varying])::text[]))"],
  ["NOT IN printed as <> ALL (ARRAY[…])", "CREATE INDEX i ON leads (status) WHERE status NOT IN ('lost', 'spam')", "CREATE INDEX i ON public.leads USING btree (status) WHERE ((status)::text <> ALL ((ARRAY['lost'::character varying, 'spam'::character varying])::text[]))"],
  ["LIKE printed as ~~", "CREATE INDEX i ON leads (email varchar_pattern_ops) WHERE email LIKE '%@x.com'", "CREATE INDEX i ON public.leads USING btree (email varchar_pattern_ops) WHERE ((email)::text ~~ '%@x.com'::text)"],
  ["default nulls order written out", "CREATE INDEX i ON leads (created_at DESC NULLS FIRST, status ASC NULLS LAST)", "CREATE INDEX i ON public.leads USING btree (created_at DESC, status)"],
  ["a cast written in both", "CREATE INDEX i ON leads ((created_at::date))", "CREATE INDEX i ON public.leads USING btree (((created_at)::date))"],
  ["a numeric constant the server casts", "CREATE INDEX i ON leads (amount) WHERE amount > 0", "CREATE INDEX i ON public.leads USING btree (amount) WHERE (amount > (0)::numeric)"],
  ["quoted, qualified, uppercase, USING btree, CONCURRENTLY IF NOT EXISTS", 'create unique index concurrently if not exists "I" on public.leads using BTREE (business_id, lower(email)) where deleted_at is null', "CREATE UNIQUE INDEX \"I\" ON public.leads USING btree (business_id, lower((email)::text)) WHERE (deleted_at IS NULL)"],
  ["a timestamptz literal the server stores in its output form", "CREATE INDEX i ON leads (email) WHERE created_at >= '2024-01-01'", "CREATE INDEX i ON public.leads USING btree (email) WHERE (created_at >= '2024-01-01 00:00:00+00'::timestamp with time zone)"],
  ["a timestamp literal with T and a fraction", "CREATE INDEX i ON leads (email) WHERE seen_at < '2024-03-05T10:30:00.500'", "CREATE INDEX i ON public.leads USING btree (email) WHERE (seen_at < '2024-03-05 10:30:00.5'::timestamp without time zone)"],
  ["a date literal", "CREATE INDEX i ON leads (email) WHERE signed_on = '2024-01-31'", "CREATE INDEX i ON public.leads USING btree (email) WHERE (signed_on = '2024-01-31'::date)"],
  ["INCLUDE and COLLATE", 'CREATE INDEX i ON leads (email COLLATE "C") INCLUDE (status)', 'CREATE INDEX i ON public.leads USING btree (email COLLATE "C") INCLUDE (status)'],
];

const DIFFERENT: [string, string, string, string[]][] = [
  ["another column order", "CREATE INDEX i ON leads (business_id, created_at DESC)", "CREATE INDEX i ON public.leads USING btree (business_id, created_at)", ["keys"]],
  ["a predicate only in the code", "CREATE INDEX i ON leads (status) WHERE deleted_at IS NULL", "CREATE INDEX i ON public.leads USING btree (status)", ["where"]],
  ["UNIQUE only in the database", "CREATE INDEX i ON leads (email)", "CREATE UNIQUE INDEX i ON public.leads USING btree (email)", ["unique"]],
  ["another access method", "CREATE INDEX i ON leads USING hash (email)", "CREATE INDEX i ON public.leads USING btree (email)", ["method"]],
  ["another table", "CREATE INDEX i ON leads (email)", "CREATE INDEX i ON public.contacts USING btree (email)", ["table"]],
  ["another INCLUDE", "CREATE INDEX i ON leads (email) INCLUDE (status)", "CREATE INDEX i ON public.leads USING btree (email)", ["include"]],
  ["an opclass only in the database", "CREATE INDEX i ON leads (email)", "CREATE INDEX i ON public.leads USING btree (email varchar_pattern_ops)", ["keys"]],
  ["another constant", "CREATE INDEX i ON leads (status) WHERE status = 'new'", "CREATE INDEX i ON public.leads USING btree (status) WHERE ((status)::text = 'open'::text)", ["where"]],
  ["another day in a timestamptz literal", "CREATE INDEX i ON leads (email) WHERE created_at >= '2024-01-02'", "CREATE INDEX i ON public.leads USING btree (email) WHERE (created_at >= '2024-01-01 00:00:00+00'::timestamp with time zone)", ["where"]],
  ["a literal with its own offset is compared as written (the server shifted it)", "CREATE INDEX i ON leads (email) WHERE created_at >= '2024-01-01 10:00+02'", "CREATE INDEX i ON public.leads USING btree (email) WHERE (created_at >= '2024-01-01 08:00:00+00'::timestamp with time zone)", ["where"]],
  ["a cast only in the database changes nothing, a function does", "CREATE INDEX i ON leads (email)", "CREATE INDEX i ON public.leads USING btree (lower((email)::text))", ["keys"]],
];

describe("definitionDifferences: parse trees, never text", () => {
  for (const [what, declared, catalog] of SAME) {
    it(`the same: ${what}`, () => assert.deepEqual(diff(declared, catalog), []));
  }
  for (const [what, declared, catalog, parts] of DIFFERENT) {
    it(`different: ${what}`, () => assert.deepEqual(diff(declared, catalog), parts));
  }
});
