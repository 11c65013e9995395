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

// ATTACH PARTITION attaches the partition's equivalent of each index of its parent and copies none (pg_dump's order too:
// attached first, indexes ON ONLY the parent and ALTER INDEX … ATTACH PARTITION after); an index created later on the parent
// finds its equivalent on each partition; dropping the parent's index, column or table takes the partitions' with it.
export const PARTITION_ATTACH_SQL = `CREATE TABLE ev (id int, at date, kind text) PARTITION BY RANGE (at);
CREATE TABLE ev_2024 (id int, at date, kind text);
CREATE INDEX ev_at_idx ON ONLY ev (at);
CREATE INDEX ev_2024_at_idx ON ev_2024 (at);
ALTER TABLE ONLY ev ATTACH PARTITION ev_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER INDEX ev_at_idx ATTACH PARTITION ev_2024_at_idx;
CREATE TABLE ev_2025 (id int, at date, kind text);
CREATE INDEX ev_2025_at ON ev_2025 USING btree (at);
CREATE INDEX ev_2025_kind ON ev_2025 (lower(kind)) WHERE id > 0;
ALTER TABLE ev ATTACH PARTITION ev_2025 FOR VALUES FROM ('2025-01-01') TO ('2026-01-01');
CREATE INDEX ev_2024_kind ON ev_2024 (lower(kind)) WHERE id > 0;
CREATE INDEX ev_kind ON ev (lower(kind)) WHERE id > 0;
DROP INDEX ev_kind;
CREATE TABLE logs (id int, at date, note text) PARTITION BY RANGE (at);
CREATE TABLE logs_2024 (id int, at date, note text);
ALTER TABLE ONLY logs ATTACH PARTITION logs_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE INDEX logs_at_idx ON ONLY logs (at);
CREATE INDEX logs_note_idx ON ONLY logs (note);
CREATE INDEX logs_2024_at_idx ON logs_2024 (at);
CREATE INDEX logs_2024_note_idx ON logs_2024 (note);
ALTER INDEX logs_at_idx ATTACH PARTITION logs_2024_at_idx;
ALTER INDEX logs_note_idx ATTACH PARTITION logs_2024_note_idx;
CREATE INDEX logs_2024_id ON logs_2024 (id);
ALTER TABLE logs DROP COLUMN note;
CREATE TABLE old (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE old_2020 (id int, at date);
CREATE INDEX old_2020_id ON old_2020 (id);
ALTER TABLE old ATTACH PARTITION old_2020 FOR VALUES FROM ('2020-01-01') TO ('2021-01-01');
DROP TABLE old;
`;
