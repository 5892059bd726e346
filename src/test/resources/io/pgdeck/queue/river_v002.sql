-- River v0.0.1 (riverqueue/river, tag v0.0.1) at migration 002, the oldest schema River
-- installs, in schema billing: follows internal/dbmigrate/002_initial_schema.up.sql of that
-- release (its SQL names no schema; River of that time installed into the search_path's
-- schema) and internal/dbsqlc/river_job.sql for the jobs' columns in each state. Written for
-- pgdeck from that source: the schema objects pgdeck and these tests touch, and the functions
-- re-implemented with the same behaviour.
--
-- Facts taken: enum river_job_state with seven labels (no 'pending': 004); river_job with the
-- columns below, their types, defaults and nullability as 002 has them (args and tags still
-- nullable, tags varchar(255)[]); 002's checks on max_attempts and on finalized_at (set only in
-- a final state); the (state, queue, priority, scheduled_at, id) index JobGetAvailable uses.
-- Not restated: river_migration (001) and its version rows, river_leader, the checks on
-- priority, queue and kind, the other indexes, and the notify trigger, which fires on insert
-- only (no query here inserts). No river_queue (004), unique_key (005) or unique_states (006).
CREATE SCHEMA billing;
SET search_path TO billing;
CREATE TYPE river_job_state AS ENUM ('available', 'cancelled', 'completed', 'discarded', 'retryable', 'running',
    'scheduled');

CREATE TABLE river_job (
    id           bigserial PRIMARY KEY,
    queue        text NOT NULL DEFAULT 'default',
    kind         text NOT NULL,
    state        river_job_state NOT NULL DEFAULT 'available',
    priority     smallint NOT NULL DEFAULT 1,
    args         jsonb,
    metadata     jsonb NOT NULL DEFAULT '{}',
    tags         varchar(255)[],
    attempt      smallint NOT NULL DEFAULT 0,
    max_attempts smallint NOT NULL,
    errors       jsonb[],
    attempted_by text[],
    created_at   timestamptz NOT NULL DEFAULT now(),
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    attempted_at timestamptz,
    finalized_at timestamptz,
    CONSTRAINT max_attempts_is_positive CHECK (max_attempts > 0),
    CONSTRAINT finalized_or_finalized_at_null CHECK (finalized_at IS NULL OR state IN ('cancelled', 'completed', 'discarded'))
);
CREATE INDEX river_job_prioritized_fetching_index ON river_job (state, queue, priority, scheduled_at, id);

-- Jobs as River v0.0.1 writes them (internal/dbsqlc/river_job.sql): inserted by JobInsert, then
-- running as JobGetAvailable leaves a job (attempt + 1, attempted_at, attempted_by appended),
-- completed, retryable and discarded as JobSetCompletedIfRunning, JobSetErroredIfRunning and
-- JobSetDiscardedIfRunning (finalized_at for the final states), cancelled as JobSetCancelledIfRunning.
INSERT INTO river_job (id, state, attempt, max_attempts, attempted_at, created_at, finalized_at, scheduled_at,
        priority, args, attempted_by, errors, kind, metadata, queue, tags) VALUES
 (1, 'available', 0, 25, NULL, now() - interval '5 minutes', NULL, now() - interval '5 minutes', 1, '{"invoice": 1}', NULL, NULL, 'charge_card', '{}', 'default', NULL),
 (2, 'running', 1, 25, now() - interval '10 seconds', now() - interval '1 minute', NULL, now() - interval '1 minute', 1, '{"invoice": 2}', '{host-a}', NULL, 'charge_card', '{}', 'default', NULL),
 (3, 'retryable', 1, 25, now() - interval '50 seconds', now() - interval '2 minutes', NULL, now() + interval '30 seconds', 1, '{"invoice": 3}', '{host-a}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "card declined", "trace": "charge.go:12"}']::jsonb[], 'charge_card', '{}', 'default', NULL),
 (4, 'discarded', 3, 3, now() - interval '1 minute', now() - interval '9 minutes', now() - interval '30 seconds', now() - interval '2 minutes', 1, '{"invoice": 4}', '{host-a}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "boom 1"}', '{"at": "2026-01-01T10:01:00Z", "attempt": 2, "error": "boom 2"}',
          '{"at": "2026-01-01T10:02:00Z", "attempt": 3, "error": "boom 3"}']::jsonb[], 'charge_card', '{}', 'default', NULL),
 (5, 'completed', 1, 25, now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '2 minutes', now() - interval '4 minutes', 1, '{"invoice": 5}', '{host-a}', NULL, 'charge_card', '{}', 'default', NULL),
 (6, 'cancelled', 1, 25, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"invoice": 6}', '{host-a}', NULL, 'charge_card', '{}', 'default', NULL),
 (7, 'scheduled', 0, 25, NULL, now() - interval '1 minute', NULL, now() + interval '1 hour', 1, '{"invoice": 7}', NULL, NULL, 'charge_card', '{}', 'default', NULL);
SELECT setval('river_job_id_seq', 100);
