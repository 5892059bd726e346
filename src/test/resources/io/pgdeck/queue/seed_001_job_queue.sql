-- job_queue with only the columns StreamVibe's guide (seed 001) names in its indexes and queries:
-- no max_retries (its sweep retries WHERE status = 'failed' AND retry_count < 3), no
-- error_message, no job_log. One job planted in each state; times relative to now().
CREATE SCHEMA app;

CREATE TABLE app.job_queue (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL,
    job_type       text        NOT NULL,
    job_priority   integer     NOT NULL DEFAULT 0,
    status         text        NOT NULL DEFAULT 'pending',
    params         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    result         jsonb,
    retry_count    integer     NOT NULL DEFAULT 0,
    worker_id      text,
    scheduled_for  timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    started_at     timestamptz,
    completed_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX idx_job_queue_pending_pickup ON app.job_queue (status, scheduled_for, job_priority DESC, id)
    WHERE status = 'pending';
CREATE INDEX idx_job_queue_retry_eligible ON app.job_queue (status, retry_count, updated_at)
    WHERE status = 'failed';

INSERT INTO app.job_queue (id, user_id, job_type, status, retry_count, worker_id, scheduled_for, started_at,
                           completed_at, created_at) VALUES
    ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'transcode', 'pending', 0, NULL,
     now() - interval '2 minutes', NULL, NULL, now() - interval '2 minutes'),
    ('00000000-0000-0000-0000-000000000002', gen_random_uuid(), 'transcode', 'processing', 0, 'worker-1',
     now() - interval '1 minute', now() - interval '1 minute', NULL, now() - interval '1 minute'),
    ('00000000-0000-0000-0000-000000000003', gen_random_uuid(), 'sync_youtube', 'failed', 1, NULL,
     now() - interval '3 minutes', now() - interval '3 minutes', now() - interval '2 minutes', now() - interval '3 minutes'),
    ('00000000-0000-0000-0000-000000000004', gen_random_uuid(), 'sync_youtube', 'failed', 3, NULL,
     now() - interval '4 minutes', now() - interval '4 minutes', now() - interval '3 minutes', now() - interval '4 minutes'),
    ('00000000-0000-0000-0000-000000000005', gen_random_uuid(), 'transcode', 'completed', 0, NULL,
     now() - interval '5 minutes', now() - interval '5 minutes', now() - interval '4 minutes', now() - interval '5 minutes');
