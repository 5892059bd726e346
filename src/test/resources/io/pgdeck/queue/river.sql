-- River (riverqueue/river) as its migrations leave it at version 6, installed in schema
-- river_app, with jobs planted in every state of river_job_state in two queues, mailers paused.
-- A second, older installation (migration 002: no 'pending', no river_queue) lives in billing.
CREATE SCHEMA river_app;
CREATE TYPE river_app.river_job_state AS ENUM ('available', 'cancelled', 'completed', 'discarded', 'pending',
    'retryable', 'running', 'scheduled');
CREATE TABLE river_app.river_job (
    id bigserial PRIMARY KEY,
    state river_app.river_job_state NOT NULL DEFAULT 'available',
    attempt smallint NOT NULL DEFAULT 0,
    max_attempts smallint NOT NULL,
    attempted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    finalized_at timestamptz,
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    priority smallint NOT NULL DEFAULT 1,
    args jsonb NOT NULL DEFAULT '{}',
    attempted_by text[],
    errors jsonb[],
    kind text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    queue text NOT NULL DEFAULT 'default',
    tags varchar(255)[] NOT NULL DEFAULT '{}',
    unique_key bytea,
    unique_states bit(8),
    CONSTRAINT finalized_or_finalized_at_null CHECK (
        (finalized_at IS NULL AND state NOT IN ('cancelled', 'completed', 'discarded'))
        OR (finalized_at IS NOT NULL AND state IN ('cancelled', 'completed', 'discarded'))),
    CONSTRAINT max_attempts_is_positive CHECK (max_attempts > 0),
    CONSTRAINT priority_in_range CHECK (priority >= 1 AND priority <= 4),
    CONSTRAINT queue_length CHECK (char_length(queue) > 0 AND char_length(queue) < 128),
    CONSTRAINT kind_length CHECK (char_length(kind) > 0 AND char_length(kind) < 128)
);
CREATE INDEX river_job_kind ON river_app.river_job USING btree (kind);
CREATE INDEX river_job_state_and_finalized_at_index ON river_app.river_job USING btree (state, finalized_at)
    WHERE finalized_at IS NOT NULL;
CREATE INDEX river_job_prioritized_fetching_index ON river_app.river_job USING btree (state, queue, priority, scheduled_at, id);
CREATE INDEX river_job_args_index ON river_app.river_job USING gin (args);
CREATE INDEX river_job_metadata_index ON river_app.river_job USING gin (metadata);
CREATE TABLE river_app.river_queue (
    name text PRIMARY KEY NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    metadata jsonb NOT NULL DEFAULT '{}'::jsonb,
    paused_at timestamptz,
    updated_at timestamptz NOT NULL
);
INSERT INTO river_app.river_queue (name, updated_at, paused_at) VALUES
    ('default', now(), NULL), ('mailers', now(), now() - interval '1 hour');

INSERT INTO river_app.river_job (id, state, attempt, max_attempts, attempted_at, created_at, finalized_at, scheduled_at,
        priority, args, attempted_by, errors, kind, queue) VALUES
 -- available: 2 in default (oldest ready 8 minutes), 1 in mailers (ready 20 minutes: paused)
 (1, 'available', 0, 25, NULL, now() - interval '8 minutes', NULL, now() - interval '8 minutes', 1, '{"user": 1}', NULL, NULL, 'sync_account', 'default'),
 (2, 'available', 0, 25, NULL, now() - interval '2 minutes', NULL, now() - interval '2 minutes', 2, '{"user": 2}', NULL, NULL, 'sync_account', 'default'),
 (3, 'available', 0, 25, NULL, now() - interval '20 minutes', NULL, now() - interval '20 minutes', 1, '{"to": "a@example.com"}', NULL, NULL, 'send_email', 'mailers'),
 -- scheduled 1, pending 1
 (4, 'scheduled', 0, 25, NULL, now() - interval '1 minute', NULL, now() + interval '1 hour', 1, '{"report": "daily"}', NULL, NULL, 'build_report', 'default'),
 (5, 'pending', 0, 25, NULL, now() - interval '1 minute', NULL, now(), 1, '{"step": 2}', NULL, NULL, 'workflow_step', 'default'),
 -- running: 2, one for 40 minutes
 (6, 'running', 1, 25, now() - interval '40 minutes', now() - interval '41 minutes', NULL, now() - interval '41 minutes', 1, '{"video": 9}', '{host-a}', NULL, 'transcode', 'default'),
 (7, 'running', 1, 25, now() - interval '10 seconds', now() - interval '1 minute', NULL, now() - interval '1 minute', 1, '{"to": "b@example.com"}', '{host-b}', NULL, 'send_email', 'mailers'),
 -- retryable: 2 (failed within the last minute, next try later)
 (8, 'retryable', 1, 25, now() - interval '50 seconds', now() - interval '5 minutes', NULL, now() + interval '30 seconds', 1, '{"user": 8}', '{host-a}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "connection refused", "trace": "main.go:42"}']::jsonb[], 'sync_account', 'default'),
 (9, 'retryable', 2, 25, now() - interval '40 seconds', now() - interval '6 minutes', NULL, now() + interval '2 minutes', 1, '{"user": 9}', '{host-a,host-b}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "timeout", "trace": null}',
          '{"at": "2026-01-01T10:05:00Z", "attempt": 2, "error": "rate limited by upstream", "trace": "client.go:7"}']::jsonb[], 'sync_account', 'default'),
 -- completed: 3, two within the last five minutes
 (10, 'completed', 1, 25, now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '2 minutes', now() - interval '4 minutes', 1, '{}', '{host-a}', NULL, 'sync_account', 'default'),
 (11, 'completed', 1, 25, now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '1 minute', now() - interval '4 minutes', 1, '{}', '{host-a}', NULL, 'send_email', 'mailers'),
 (12, 'completed', 1, 25, now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', 1, '{}', '{host-a}', NULL, 'sync_account', 'default'),
 -- discarded: 2, one exhausted (attempt = max_attempts), one discarded early by the worker
 (13, 'discarded', 3, 3, now() - interval '1 minute', now() - interval '9 minutes', now() - interval '30 seconds', now() - interval '2 minutes', 1, '{"user": 13}', '{host-a}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "boom 1"}', '{"at": "2026-01-01T10:01:00Z", "attempt": 2, "error": "boom 2"}',
          '{"at": "2026-01-01T10:02:00Z", "attempt": 3, "error": "boom 3"}']::jsonb[], 'sync_account', 'default'),
 (14, 'discarded', 1, 25, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"user": 14}', '{host-a}',
    ARRAY['{"at": "2026-01-01T09:00:00Z", "attempt": 1, "error": "invalid argument: JobCancel"}']::jsonb[], 'sync_account', 'default'),
 -- cancelled: 1
 (15, 'cancelled', 0, 25, NULL, now() - interval '1 hour', now() - interval '50 minutes', now() - interval '1 hour', 1, '{"to": "c@example.com"}', NULL, NULL, 'send_email', 'mailers');
SELECT setval('river_app.river_job_id_seq', 100);
ANALYZE river_app.river_job;

-- An older installation (River migration 002) in billing: no 'pending' state, no river_queue.
CREATE SCHEMA billing;
CREATE TYPE billing.river_job_state AS ENUM ('available', 'cancelled', 'completed', 'discarded', 'retryable', 'running', 'scheduled');
CREATE TABLE billing.river_job (
    id bigserial PRIMARY KEY,
    state billing.river_job_state NOT NULL DEFAULT 'available',
    attempt smallint NOT NULL DEFAULT 0,
    max_attempts smallint NOT NULL,
    attempted_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    finalized_at timestamptz,
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    priority smallint NOT NULL DEFAULT 1,
    args jsonb,
    attempted_by text[],
    errors jsonb[],
    kind text NOT NULL,
    metadata jsonb NOT NULL DEFAULT '{}',
    queue text NOT NULL DEFAULT 'default',
    tags varchar(255)[]
);
INSERT INTO billing.river_job (state, max_attempts, kind, args) VALUES ('available', 25, 'charge_card', '{"invoice": 1}');
