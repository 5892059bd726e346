-- River v0.5.0 (riverqueue/river, tag v0.5.0, the release that added migration 004) at 004, in
-- schema public: follows rivermigrate/migration/002_initial_schema.up.sql,
-- 003_river_job_tags_non_null.up.sql and 004_pending_and_more.up.sql of that release. Written
-- for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour.
--
-- Facts taken: enum river_job_state with 004's 'pending' after 'discarded'; river_job with 002's
-- columns, tags not null with default {} (003), args not null without default and metadata not
-- null with default {} (004); 002's check on max_attempts and 004's stricter check (finalized_at
-- set exactly in the final states); the (state, queue, priority, scheduled_at, id) index
-- JobGetAvailable uses; river_queue (004), whose paused_at pgdeck reads and writes. 004 drops
-- 002's notify trigger. Not restated: river_migration and its version rows, river_leader, the
-- checks on priority, queue and kind, and the other indexes, which pgdeck and the tests do not
-- read. No unique_key (005) or unique_states (006). river_v004_jobs.sql plants the jobs.
CREATE TYPE river_job_state AS ENUM ('available', 'cancelled', 'completed', 'discarded', 'pending', 'retryable',
    'running', 'scheduled');

CREATE TABLE river_job (
    id           bigserial PRIMARY KEY,
    queue        text NOT NULL DEFAULT 'default',
    kind         text NOT NULL,
    state        river_job_state NOT NULL DEFAULT 'available',
    priority     smallint NOT NULL DEFAULT 1,
    args         jsonb NOT NULL,
    metadata     jsonb NOT NULL DEFAULT '{}',
    tags         varchar(255)[] NOT NULL DEFAULT '{}',
    attempt      smallint NOT NULL DEFAULT 0,
    max_attempts smallint NOT NULL,
    errors       jsonb[],
    attempted_by text[],
    created_at   timestamptz NOT NULL DEFAULT now(),
    scheduled_at timestamptz NOT NULL DEFAULT now(),
    attempted_at timestamptz,
    finalized_at timestamptz,
    CONSTRAINT max_attempts_is_positive CHECK (max_attempts > 0),
    CONSTRAINT finalized_or_finalized_at_null
        CHECK ((finalized_at IS NOT NULL) = (state IN ('cancelled', 'completed', 'discarded')))
);
CREATE INDEX river_job_prioritized_fetching_index ON river_job (state, queue, priority, scheduled_at, id);

CREATE TABLE river_queue (
    name       text PRIMARY KEY,
    metadata   jsonb NOT NULL DEFAULT '{}',
    paused_at  timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL
);
