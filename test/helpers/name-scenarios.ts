/**
 * Plain-SQL scenarios whose index names depend on what exists when each
 * statement runs: read by the unit tests (test/replay-names.test.ts) and run on
 * a real PostgreSQL by the end-to-end test (test/e2e/replay-postgres.test.ts).
 */

export const NUMBERED_SQL = `CREATE TABLE t (id int PRIMARY KEY, a int, b int, UNIQUE (a), UNIQUE (a) DEFERRABLE);
CREATE INDEX ON t (a);
CREATE INDEX ON t (a);
CREATE UNIQUE INDEX ON t (a);
ALTER TABLE t ADD UNIQUE (a);
CREATE TABLE t_b_idx (x int);
CREATE INDEX ON t (b);
CREATE SEQUENCE t_b_key;
ALTER TABLE t ADD UNIQUE (b);
CREATE VIEW t_id_b_idx AS SELECT 1 AS x;
CREATE INDEX ON t (id, b);
DROP INDEX t_a_idx1;
CREATE INDEX ON t (a);
ALTER TABLE t ADD CONSTRAINT t_b_a_key CHECK (a > 0);
ALTER TABLE t ADD UNIQUE (b, a);
CREATE TABLE u (id int, x int, CONSTRAINT u_x_key CHECK (x > 0), UNIQUE (x));
CREATE TABLE v (id int);
CREATE INDEX v_pkey ON v (id);
ALTER TABLE v ADD PRIMARY KEY (id);
DROP VIEW t_id_b_idx;
CREATE INDEX ON t (id, b);
ALTER TABLE t DROP CONSTRAINT t_b_a_key;
ALTER TABLE t ADD UNIQUE (b, a);
`;

export const NUMBERED_LATER_SQL = `CREATE TABLE t (id int, a int, UNIQUE (a));
ALTER TABLE t ADD UNIQUE (a);
ALTER TABLE t RENAME CONSTRAINT t_a_key1 TO t_a_uq;
CREATE UNIQUE INDEX ON t (id);
CREATE UNIQUE INDEX ON t (id);
ALTER TABLE t ADD CONSTRAINT t_id_uq UNIQUE USING INDEX t_id_idx1;
ALTER TABLE t ADD PRIMARY KEY USING INDEX t_id_idx;
CREATE SCHEMA s;
CREATE TABLE s.c (id int, a int, CONSTRAINT chk CHECK (a > 0));
ALTER TABLE s.c RENAME CONSTRAINT chk TO c_a_key;
ALTER TABLE s.c ADD UNIQUE (a);
`;

export const SET_SCHEMA_SQL = `CREATE SCHEMA archive;
CREATE SCHEMA other;
CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE, b int);
CREATE INDEX ix_t_b ON t (b);
ALTER TABLE t SET SCHEMA archive;
CREATE TABLE t (id int PRIMARY KEY, a int UNIQUE);
DROP INDEX archive.ix_t_b;
CREATE INDEX ix_t_b ON t (a);
CREATE TABLE u (id int PRIMARY KEY, x int);
CREATE INDEX ON u (x);
ALTER TABLE IF EXISTS u SET SCHEMA other;
CREATE INDEX ON other.u (x);
ALTER TABLE t RENAME CONSTRAINT t_a_key TO t_a_uq;
ALTER TABLE archive.t RENAME CONSTRAINT t_a_key TO t_a_old;
CREATE TABLE archive.w (id int PRIMARY KEY);
ALTER TABLE archive.w SET SCHEMA public;
CREATE MATERIALIZED VIEW mv AS SELECT 1 AS id;
CREATE UNIQUE INDEX mv_id ON mv (id);
ALTER MATERIALIZED VIEW mv SET SCHEMA other;
DROP SCHEMA archive CASCADE;
`;

export const LONG_NAMES_SQL = `CREATE TABLE t (id int, a int);
CREATE INDEX ix_${"ı".repeat(40)} ON t (a);
DROP INDEX ix_${"ı".repeat(40)};
CREATE INDEX ix_this_is_a_very_long_index_name_that_goes_past_the_postgres_limit_x ON t (id);
ALTER INDEX ix_this_is_a_very_long_index_name_that_goes_past_the_postgres_limit_y RENAME TO ix_t_id;
CREATE INDEX ${"ğ".repeat(40)} ON t (id, a);
DROP INDEX ${"ğ".repeat(31)};
CREATE INDEX ON t (a);
`;

// Unnamed expression keys: FigureIndexColname's name for each (the column inside a cast, the function, `case`, the type of a cast of a
// nameless expression), numbered when an earlier key has it (ChooseIndexColumnNames); an exclusion's keys are named the same way.
export const EXPRESSION_NAMES_SQL = `CREATE TABLE t (a text, b text, n int, EXCLUDE USING btree ((lower(a)) WITH =));
CREATE INDEX ON t ((lower(a)));
CREATE INDEX ON t (lower(a), lower(b));
CREATE INDEX ON t (n, (n + 1), (n + 2));
CREATE INDEX ON t ((a::varchar));
CREATE INDEX ON t (pg_catalog.lower(b));
CREATE INDEX ON t ((CASE WHEN n > 0 THEN a END));
CREATE INDEX ON t ((CASE WHEN n > 0 THEN 1 ELSE n END));
CREATE INDEX ON t (((n + 1)::text));
CREATE INDEX ON t (((n)));
CREATE INDEX ON t (a, (a COLLATE "C"), a);
CREATE INDEX ON t ((coalesce(a, b)), (greatest(a, b)), (nullif(a, b)), (ARRAY[a]));
CREATE INDEX ON t (n) INCLUDE (n);
ALTER TABLE t ADD UNIQUE (a) INCLUDE (a);
ALTER TABLE t ADD EXCLUDE USING btree (lower(b) WITH =, lower(a) WITH =, (n::text) WITH =, (n - 1) WITH =);
`;
