/**
 * Plain SQL where replay used to differ from what PostgreSQL keeps: test/e2e/replay-postgres.test.ts runs each
 * on PostgreSQL, test/sql-replay-postgres-gaps.test.ts holds replay's reading of it.
 */

// ALTER SCHEMA … RENAME TO: what the schema holds is in the new one, under its names; a search_path keeps the old name, which finds nothing.
export const RENAME_SCHEMA_SQL = `CREATE SCHEMA s;
CREATE TABLE s.t (id int PRIMARY KEY, a int, b int);
CREATE INDEX t_a ON s.t (a);
CREATE TABLE s.gone (id int PRIMARY KEY);
ALTER SCHEMA s RENAME TO s2;
CREATE INDEX t_b ON s2.t (b);
DROP TABLE s2.gone;
ALTER INDEX s2.t_a RENAME TO t_a2;
ALTER TABLE s2.t DROP COLUMN b;
CREATE SCHEMA app;
SET search_path TO app, public;
CREATE TABLE u (id int PRIMARY KEY);
ALTER SCHEMA app RENAME TO app2;
CREATE TABLE v (id int PRIMARY KEY);
CREATE INDEX v_id ON v (id);
RESET search_path;
CREATE SCHEMA x;
CREATE TABLE x.w (id int PRIMARY KEY);
ALTER SCHEMA x RENAME TO y;
ALTER TABLE y.w SET SCHEMA s2;
CREATE SCHEMA z;
CREATE TABLE z.k (id int UNIQUE);
ALTER SCHEMA z RENAME TO z2;
DROP SCHEMA z2 CASCADE;
`;

// ALTER TABLE IF EXISTS on a table that is not there (never made, renamed away, dropped) is skipped with a NOTICE.
export const ALTER_TABLE_IF_EXISTS_SQL = `CREATE TABLE t (id int, a int);
ALTER TABLE IF EXISTS nosuch ADD CONSTRAINT nosuch_pk PRIMARY KEY (id);
ALTER TABLE IF EXISTS nosuch ADD COLUMN b int UNIQUE;
ALTER TABLE IF EXISTS nosuch RENAME TO t2;
ALTER TABLE IF EXISTS t ADD CONSTRAINT t_pk PRIMARY KEY (id);
ALTER TABLE t RENAME TO t3;
ALTER TABLE IF EXISTS t ADD CONSTRAINT t_a_key UNIQUE (a);
CREATE TABLE d (id int);
DROP TABLE d;
ALTER TABLE IF EXISTS d ADD PRIMARY KEY (id);
ALTER TABLE IF EXISTS d RENAME TO d2;
ALTER TABLE IF EXISTS t3 ADD UNIQUE (a);
CREATE TEMP TABLE tt (id int);
ALTER TABLE IF EXISTS tt ADD PRIMARY KEY (id);
`;

// Table DDL that builds keys where replay does not read it: in a DO block, a function's body, a \gexec query.
export const UNREAD_TABLE_KEYS_SQL = `DO $$ BEGIN
  CREATE TABLE t (id int PRIMARY KEY, code text UNIQUE);
END $$;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_tables WHERE tablename = 'u') THEN
    CREATE TABLE u (id int);
    ALTER TABLE u ADD PRIMARY KEY (id);
  END IF;
END $$;
CREATE FUNCTION mk() RETURNS void LANGUAGE plpgsql AS $$ BEGIN CREATE TABLE v (id int PRIMARY KEY); END $$;
SELECT mk();
SELECT 'CREATE TABLE w (id int PRIMARY KEY)' \\gexec
`;

// DROP … CASCADE of what indexes depend on: an extension's operator class or type, a function an index calls, an enum (or a domain over it) a column has.
export const DROP_CASCADE_SQL = `CREATE EXTENSION pg_trgm;
CREATE EXTENSION citext;
CREATE TABLE t (id int PRIMARY KEY, name text, email citext UNIQUE);
CREATE INDEX t_name_trgm ON t USING gin (name gin_trgm_ops);
CREATE INDEX t_name ON t (name);
DROP EXTENSION pg_trgm CASCADE;
DROP EXTENSION citext CASCADE;
CREATE TYPE mood AS ENUM ('a', 'b');
CREATE DOMAIN mood_d AS mood;
CREATE TABLE u (id int PRIMARY KEY, m mood UNIQUE, md mood_d, m2 mood, x int);
CREATE INDEX u_m ON u (m);
CREATE INDEX u_md ON u (md);
CREATE INDEX u_m2 ON u (m2);
CREATE INDEX u_x ON u (x);
ALTER TABLE u ALTER COLUMN m2 TYPE text;
DROP TYPE mood CASCADE;
ALTER TABLE u ADD COLUMN IF NOT EXISTS m int UNIQUE;
CREATE FUNCTION norm(text) RETURNS text LANGUAGE sql IMMUTABLE AS 'SELECT lower($1)';
CREATE INDEX t_norm ON t (norm(name));
CREATE INDEX t_where ON t (id) WHERE norm(name) <> '';
DROP FUNCTION norm(text) CASCADE;
`;

// DROP … CASCADE where replay cannot tell what depends on it: said, with the names, never guessed.
export const DROP_CASCADE_UNDECIDED_SQL = `CREATE EXTENSION btree_gist;
CREATE TABLE r (id int PRIMARY KEY, room int, during tsrange, CONSTRAINT r_no_overlap EXCLUDE USING gist (room WITH =, during WITH &&));
CREATE TABLE l (LIKE r);
CREATE INDEX l_room ON l (room);
CREATE INDEX r_during ON r USING gist (during);
DROP EXTENSION btree_gist CASCADE;
CREATE EXTENSION isn;
DROP EXTENSION isn CASCADE;
`;

// A file psql runs statement by statement: ROLLBACK (and ROLLBACK TO SAVEPOINT) undoes what its transaction did.
export const ROLLBACK_BASIC_SQL = `CREATE TABLE t (id int, a int, b int);
BEGIN;
CREATE INDEX t_a ON t (a);
ROLLBACK;
BEGIN;
CREATE INDEX t_b ON t (b);
SAVEPOINT s1;
CREATE INDEX t_ab ON t (a, b);
ROLLBACK TO SAVEPOINT s1;
COMMIT;
BEGIN;
CREATE TABLE u (id int PRIMARY KEY, code text UNIQUE);
ROLLBACK;
CREATE TABLE u (id int, code text);
CREATE INDEX u_code ON u (code);
BEGIN;
DROP INDEX u_code;
ROLLBACK;
`;

// The same, then START TRANSACTION, quoted savepoint names, RELEASE and ROLLBACK TO without SAVEPOINT.
export const ROLLBACK_SQL = `${ROLLBACK_BASIC_SQL}START TRANSACTION;
SAVEPOINT "A";
CREATE INDEX u_id ON u (id);
RELEASE SAVEPOINT "A";
SAVEPOINT b;
ALTER TABLE u ADD CONSTRAINT u_pk PRIMARY KEY (id);
ROLLBACK TO b;
COMMIT;
`;

// A detached partition is a table of its own (its indexes outlive the old parent); DROP SCHEMA … CASCADE takes the extension it holds, and the indexes elsewhere that use it.
export const DETACH_AND_SCHEMA_CASCADE_SQL = `CREATE TABLE ev (id int, at date) PARTITION BY RANGE (at);
CREATE TABLE ev_2024 (id int, at date);
CREATE INDEX ev_2024_id ON ev_2024 (id);
ALTER TABLE ev ATTACH PARTITION ev_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
ALTER TABLE ev DETACH PARTITION ev_2024;
DROP TABLE ev;
CREATE SCHEMA ext;
CREATE EXTENSION pg_trgm SCHEMA ext;
CREATE TABLE s (id int PRIMARY KEY, name text);
CREATE INDEX s_name_trgm ON s USING gin (name ext.gin_trgm_ops);
CREATE INDEX s_name ON s (name);
DROP SCHEMA ext CASCADE;
`;

// SET search_path = public, s2: an unqualified name public does not hold is s2's (public starts empty), for a drop,
// a rename and a table's columns and keys alike; a new index goes in its table's schema.
export const SEARCH_PATH_PAST_PUBLIC_SQL = `CREATE SCHEMA s2;
CREATE TABLE s2.ft (a int, b int, c int);
CREATE INDEX ft_a ON s2.ft (a);
CREATE INDEX ft_b ON s2.ft (b);
CREATE INDEX ft_c ON s2.ft (c);
CREATE TABLE s2.gone (id int PRIMARY KEY);
SET search_path = public, s2;
DROP INDEX ft_a;
ALTER INDEX ft_b RENAME TO ft_b2;
ALTER TABLE ft DROP COLUMN c;
DROP TABLE gone;
CREATE INDEX ft_a ON ft (a);
RESET search_path;
`;
