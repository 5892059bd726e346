-- Oban 2.23.1 (oban-bg/oban, tag v2.23.1) installed fresh in prefix public, at V14: follows
-- lib/oban/migrations/postgres/v01.ex to v14.ex of that release, and lib/oban/engines/basic.ex
-- for the jobs' columns in each state. Written for pgdeck from that source: the schema objects
-- pgdeck and these tests touch, and the functions re-implemented with the same behaviour.
--
-- Facts taken: the enum as v01.ex of 2.23.1 creates it, with 'suspended' second and
-- 'cancelled' last already (V09 and V14 then add nothing); oban_jobs with V01's columns (Ecto
-- :map is jsonb, {:array, :map} jsonb[], :utc_datetime_usec a timestamp without time zone
-- holding UTC), attempted_by (V03), discarded_at, priority and tags (V08, {:array, :text} being
-- text[] in this release), meta and cancelled_at (V09), args defaulting to {} and priority not
-- null (V10); V10's checks on attempt and max_attempts; V08's (state, queue, priority,
-- scheduled_at, id) index, which serves Basic.fetch_jobs. No trigger: V12 drops it. Not
-- restated: oban_peers (V11), the length and priority checks, V10's and V13's other indexes and
-- the version comment, which pgdeck and the tests do not read.
-- Sessions of this database run in New York time: Oban's UTC timestamps must not be read as local.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'America/New_York'); END $$;

CREATE TYPE oban_job_state AS ENUM ('available', 'suspended', 'scheduled', 'executing', 'retryable', 'completed',
    'discarded', 'cancelled');

CREATE TABLE oban_jobs (
    id           bigserial PRIMARY KEY,
    queue        text NOT NULL DEFAULT 'default',
    worker       text NOT NULL,
    state        oban_job_state NOT NULL DEFAULT 'available',
    priority     integer NOT NULL DEFAULT 0,
    args         jsonb NOT NULL DEFAULT '{}',
    meta         jsonb DEFAULT '{}',
    tags         text[] DEFAULT '{}',
    attempt      integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 20,
    errors       jsonb[] NOT NULL DEFAULT '{}',
    attempted_by text[],
    inserted_at  timestamp NOT NULL DEFAULT timezone('UTC', now()),
    scheduled_at timestamp NOT NULL DEFAULT timezone('UTC', now()),
    attempted_at timestamp,
    completed_at timestamp,
    discarded_at timestamp,
    cancelled_at timestamp,
    CONSTRAINT positive_max_attempts CHECK (max_attempts > 0),
    CONSTRAINT attempt_range CHECK (attempt BETWEEN 0 AND max_attempts)
);
CREATE INDEX oban_jobs_state_queue_priority_scheduled_at_id_index ON oban_jobs (state, queue, priority, scheduled_at, id);

-- Jobs in every state. Each is a row as Basic.insert_job inserts a Job changeset (the columns of
-- lib/oban/job.ex), then with what the engine's own update leaves in its state: executing as
-- Basic.fetch_jobs (attempt + 1, attempted_at, attempted_by [node, uuid]), retryable as
-- Basic.error_job, completed as complete_job, discarded as discard_job (or error_job when
-- exhausted), cancelled as cancel_job, suspended as inserted in that state.
CREATE FUNCTION pg_temp.utc_ago(i interval) RETURNS timestamp LANGUAGE sql AS $$ SELECT timezone('UTC', now()) - i $$;

INSERT INTO "public"."oban_jobs" (id, state, queue, worker, args, errors, attempt, max_attempts, priority, tags, meta,
        inserted_at, scheduled_at, attempted_at, completed_at, attempted_by, discarded_at, cancelled_at) VALUES
 -- available: default 2 (oldest ready 6 minutes), events 1
 (1, 'available', 'default', 'MyApp.Mailer', '{"to": "a@example.com"}', '{}', 0, 20, 0, '{}', '{}', pg_temp.utc_ago('6 minutes'), pg_temp.utc_ago('6 minutes'), NULL, NULL, NULL, NULL, NULL),
 (2, 'available', 'default', 'MyApp.Mailer', '{"to": "b@example.com"}', '{}', 0, 20, 0, '{}', '{}', pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL, NULL, NULL, NULL),
 (3, 'available', 'events', 'MyApp.Track', '{"event": "signup"}', '{}', 0, 20, 0, '{}', '{}', pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('3 minutes'), NULL, NULL, NULL, NULL, NULL),
 -- scheduled 1, suspended 1
 (4, 'scheduled', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, 0, '{}', '{}', pg_temp.utc_ago('1 minute'), timezone('UTC', now()) + interval '1 hour', NULL, NULL, NULL, NULL, NULL),
 (5, 'suspended', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, 0, '{}', '{}', pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL, NULL, NULL, NULL),
 -- executing 2, one for an hour
 (6, 'executing', 'default', 'MyApp.Export', '{"report": 1}', '{}', 1, 20, 0, '{}', '{}', pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('60 minutes'), NULL, '{node-a,2b7d1a0e-0000-4000-8000-000000000001}', NULL, NULL),
 (7, 'executing', 'events', 'MyApp.Track', '{}', '{}', 1, 20, 0, '{}', '{}', pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('5 seconds'), NULL, '{node-b,2b7d1a0e-0000-4000-8000-000000000002}', NULL, NULL),
 -- retryable 1 (failed half a minute ago, next attempt in 15 seconds)
 (8, 'retryable', 'events', 'MyApp.Track', '{"event": "login"}',
    ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (RuntimeError) upstream 503"}']::jsonb[],
    1, 20, 0, '{}', '{}', pg_temp.utc_ago('2 minutes'), timezone('UTC', now()) + interval '15 seconds', pg_temp.utc_ago('30 seconds'), NULL, '{node-a,2b7d1a0e-0000-4000-8000-000000000001}', NULL, NULL),
 -- completed 2, one within the last five minutes
 (9, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, 0, '{}', '{}', pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('2 minutes'), '{node-a,2b7d1a0e-0000-4000-8000-000000000001}', NULL, NULL),
 (10, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, 0, '{}', '{}', pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), '{node-a,2b7d1a0e-0000-4000-8000-000000000001}', NULL, NULL),
 -- discarded 2: one exhausted (attempt = max_attempts), one discarded by the worker with attempts left
 (11, 'discarded', 'default', 'MyApp.Export', '{"report": 2}',
    ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (ArgumentError) bad report"}',
          '{"at": "2026-01-01T10:01:00.000000Z", "attempt": 2, "error": "** (ArgumentError) bad report again"}']::jsonb[],
    2, 2, 0, '{}', '{}', pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('2 minutes'), NULL, '{node-a,2b7d1a0e-0000-4000-8000-000000000001}', pg_temp.utc_ago('1 minute'), NULL),
 (12, 'discarded', 'events', 'MyApp.Track', '{}',
    ARRAY['{"at": "2026-01-01T09:00:00.000000Z", "attempt": 1, "error": "discarded: invalid event"}']::jsonb[],
    1, 20, 0, '{}', '{}', pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), NULL, '{node-a,2b7d1a0e-0000-4000-8000-000000000001}', pg_temp.utc_ago('3 hours'), NULL),
 -- cancelled 1
 (13, 'cancelled', 'default', 'MyApp.Mailer', '{}', '{}', 0, 20, 0, '{}', '{}', pg_temp.utc_ago('1 hour'), pg_temp.utc_ago('1 hour'), NULL, NULL, NULL, NULL, pg_temp.utc_ago('50 minutes'));
SELECT setval('public.oban_jobs_id_seq', 100);
ANALYZE public.oban_jobs;
