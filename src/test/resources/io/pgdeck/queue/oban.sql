-- Oban (Elixir) as Oban.Migrations leave it at version 12, plus the 'suspended' state of
-- Oban 2.20, in the public prefix; jobs planted in every state of oban_job_state. Timestamps
-- are timestamp without time zone holding UTC, as Oban writes them.
CREATE TYPE public.oban_job_state AS ENUM ('available', 'scheduled', 'suspended', 'executing', 'retryable',
    'completed', 'discarded', 'cancelled');
-- Sessions of this database run in New York time: UTC timestamps must not be read as local.
DO $$ BEGIN EXECUTE format('ALTER DATABASE %I SET timezone = %L', current_database(), 'America/New_York'); END $$;
CREATE TABLE public.oban_jobs (
    id bigserial PRIMARY KEY,
    state public.oban_job_state NOT NULL DEFAULT 'available',
    queue text NOT NULL DEFAULT 'default',
    worker text NOT NULL,
    args jsonb NOT NULL DEFAULT '{}'::jsonb,
    errors jsonb[] NOT NULL DEFAULT ARRAY[]::jsonb[],
    attempt integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 20,
    inserted_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()),
    scheduled_at timestamp without time zone NOT NULL DEFAULT timezone('UTC', now()),
    attempted_at timestamp without time zone,
    completed_at timestamp without time zone,
    attempted_by text[],
    discarded_at timestamp without time zone,
    priority integer NOT NULL DEFAULT 0,
    tags varchar(255)[] DEFAULT ARRAY[]::varchar[],
    meta jsonb DEFAULT '{}'::jsonb,
    cancelled_at timestamp without time zone,
    CONSTRAINT attempt_range CHECK (attempt >= 0 AND attempt <= max_attempts),
    CONSTRAINT positive_max_attempts CHECK (max_attempts > 0),
    CONSTRAINT queue_length CHECK (char_length(queue) > 0 AND char_length(queue) < 128),
    CONSTRAINT worker_length CHECK (char_length(worker) > 0 AND char_length(worker) < 128),
    CONSTRAINT non_negative_priority CHECK (priority >= 0)
);
COMMENT ON TABLE public.oban_jobs IS '12';
CREATE INDEX oban_jobs_state_queue_priority_scheduled_at_id_index
    ON public.oban_jobs (state, queue, priority, scheduled_at, id);
CREATE INDEX oban_jobs_args_index ON public.oban_jobs USING gin (args);
CREATE INDEX oban_jobs_meta_index ON public.oban_jobs USING gin (meta);

CREATE FUNCTION pg_temp.utc_ago(i interval) RETURNS timestamp LANGUAGE sql AS $$ SELECT timezone('UTC', now()) - i $$;

INSERT INTO public.oban_jobs (id, state, queue, worker, args, errors, attempt, max_attempts, inserted_at, scheduled_at,
        attempted_at, completed_at, attempted_by, discarded_at, cancelled_at) VALUES
 -- available: default 2 (oldest ready 6 minutes), events 1
 (1, 'available', 'default', 'MyApp.Mailer', '{"to": "a@example.com"}', '{}', 0, 20, pg_temp.utc_ago('6 minutes'), pg_temp.utc_ago('6 minutes'), NULL, NULL, NULL, NULL, NULL),
 (2, 'available', 'default', 'MyApp.Mailer', '{"to": "b@example.com"}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL, NULL, NULL, NULL),
 (3, 'available', 'events', 'MyApp.Track', '{"event": "signup"}', '{}', 0, 20, pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('3 minutes'), NULL, NULL, NULL, NULL, NULL),
 -- scheduled 1, suspended 1
 (4, 'scheduled', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), timezone('UTC', now()) + interval '1 hour', NULL, NULL, NULL, NULL, NULL),
 (5, 'suspended', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL, NULL, NULL, NULL),
 -- executing 2, one for an hour
 (6, 'executing', 'default', 'MyApp.Export', '{"report": 1}', '{}', 1, 20, pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('60 minutes'), NULL, '{node-a}', NULL, NULL),
 (7, 'executing', 'events', 'MyApp.Track', '{}', '{}', 1, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('5 seconds'), NULL, '{node-b}', NULL, NULL),
 -- retryable 1 (failed half a minute ago)
 (8, 'retryable', 'events', 'MyApp.Track', '{"event": "login"}',
    ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (RuntimeError) upstream 503"}']::jsonb[],
    1, 20, pg_temp.utc_ago('2 minutes'), timezone('UTC', now()) + interval '15 seconds', pg_temp.utc_ago('30 seconds'), NULL, '{node-a}', NULL, NULL),
 -- completed 2, one within the last five minutes
 (9, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('2 minutes'), '{node-a}', NULL, NULL),
 (10, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), '{node-a}', NULL, NULL),
 -- discarded 2: one exhausted (attempt = max_attempts), one discarded by the worker with attempts left
 (11, 'discarded', 'default', 'MyApp.Export', '{"report": 2}',
    ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (ArgumentError) bad report"}',
          '{"at": "2026-01-01T10:01:00.000000Z", "attempt": 2, "error": "** (ArgumentError) bad report again"}']::jsonb[],
    2, 2, pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('2 minutes'), NULL, '{node-a}', pg_temp.utc_ago('1 minute'), NULL),
 (12, 'discarded', 'events', 'MyApp.Track', '{}',
    ARRAY['{"at": "2026-01-01T09:00:00.000000Z", "attempt": 1, "error": "discarded: invalid event"}']::jsonb[],
    1, 20, pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), NULL, '{node-a}', pg_temp.utc_ago('3 hours'), NULL),
 -- cancelled 1
 (13, 'cancelled', 'default', 'MyApp.Mailer', '{}', '{}', 0, 20, pg_temp.utc_ago('1 hour'), pg_temp.utc_ago('1 hour'), NULL, NULL, NULL, NULL, pg_temp.utc_ago('50 minutes'));
SELECT setval('public.oban_jobs_id_seq', 100);
ANALYZE public.oban_jobs;
