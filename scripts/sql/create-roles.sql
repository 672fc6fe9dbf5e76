-- 信访包案助手 — the two roles of a PostgreSQL deployment (R25). Run once, as a superuser, in the
-- application's database:
--
--   psql "postgresql://postgres@127.0.0.1:5432/xinfang" \
--     -v owner_role=xinfang_owner -v owner_password='…' \
--     -v app_role=xinfang_app -v app_password='…' \
--     -f scripts/sql/create-roles.sql
--
-- The owner owns the schema and its tables and runs the migrations (npm run db:migrate with
-- DATABASE_OWNER_URL), which then grant the application's role what it does to each table.
-- The application's role owns nothing and is no superuser: it cannot disable the audit log's
-- triggers, and it may only INSERT into and SELECT from the audit log.
-- Running it again updates the passwords and changes nothing else.
--
-- An existing database whose tables belong to another role (an older docker compose ran
-- everything as its superuser) is handed over to the owner with -v adopt_from=<that role>.
\set ON_ERROR_STOP on

SELECT format('CREATE ROLE %I', :'owner_role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'owner_role') \gexec
SELECT format('CREATE ROLE %I', :'app_role') WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = :'app_role') \gexec

ALTER ROLE :"owner_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS PASSWORD :'owner_password';
-- NOINHERIT: should it ever be made a member of another role, it does not silently gain its rights.
ALTER ROLE :"app_role" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOREPLICATION NOBYPASSRLS NOINHERIT PASSWORD :'app_password';

SELECT format('ALTER DATABASE %I OWNER TO %I', current_database(), :'owner_role') \gexec
ALTER SCHEMA public OWNER TO :"owner_role";

-- Only these two roles reach this database, and only the owner creates objects in it.
SELECT format('REVOKE ALL ON DATABASE %I FROM PUBLIC', current_database()) \gexec
SELECT format('GRANT CONNECT ON DATABASE %I TO %I, %I', current_database(), :'owner_role', :'app_role') \gexec
REVOKE CREATE ON SCHEMA public FROM PUBLIC;
GRANT USAGE ON SCHEMA public TO :"app_role";

\if :{?adopt_from}
-- Tables (with the sequences of their serial columns), other sequences, enum types and functions
-- of the schema, from the role that made them to the owner: later migrations can change them.
SELECT format('ALTER TABLE public.%I OWNER TO %I', c.relname, :'owner_role') FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p', 'v', 'm') AND pg_get_userbyid(c.relowner) = :'adopt_from' \gexec
SELECT format('ALTER SEQUENCE public.%I OWNER TO %I', c.relname, :'owner_role') FROM pg_class c
  WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'S' AND pg_get_userbyid(c.relowner) = :'adopt_from'
    AND NOT EXISTS (SELECT FROM pg_depend d WHERE d.classid = 'pg_class'::regclass AND d.objid = c.oid AND d.deptype IN ('a', 'i')) \gexec
SELECT format('ALTER TYPE public.%I OWNER TO %I', t.typname, :'owner_role') FROM pg_type t
  WHERE t.typnamespace = 'public'::regnamespace AND t.typtype IN ('e', 'd') AND pg_get_userbyid(t.typowner) = :'adopt_from' \gexec
SELECT format('ALTER FUNCTION %s OWNER TO %I', p.oid::regprocedure, :'owner_role') FROM pg_proc p
  WHERE p.pronamespace = 'public'::regnamespace AND pg_get_userbyid(p.proowner) = :'adopt_from' \gexec
\endif
