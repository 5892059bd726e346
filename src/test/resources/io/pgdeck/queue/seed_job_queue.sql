-- The seed's job_queue and job_log (StreamVibe, /work/shared/seeds/001: "Database Optimization
-- Strategy"), in schema streamvibe, as a deployment that added max_retries and error_message
-- beside the columns the guide names; seed_001_job_queue.sql has only those. Jobs are planted
-- in every state with plain INSERTs (the guide's bulk creation is one); times are relative to
-- now() so ages are known to the second.
CREATE SCHEMA streamvibe;

CREATE TABLE streamvibe.job_queue (
    id             uuid        PRIMARY KEY DEFAULT gen_random_uuid(),
    user_id        uuid        NOT NULL,
    job_type       text        NOT NULL,
    job_priority   integer     NOT NULL DEFAULT 0,
    status         text        NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'cancelled')),
    params         jsonb       NOT NULL DEFAULT '{}'::jsonb,
    result         jsonb,
    error_message  text,
    retry_count    integer     NOT NULL DEFAULT 0,
    max_retries    integer     NOT NULL DEFAULT 3,
    worker_id      text,
    scheduled_for  timestamptz NOT NULL DEFAULT now(),
    expires_at     timestamptz NOT NULL DEFAULT now() + interval '24 hours',
    started_at     timestamptz,
    completed_at   timestamptz,
    created_at     timestamptz NOT NULL DEFAULT now(),
    updated_at     timestamptz NOT NULL DEFAULT now()
);
CREATE TABLE streamvibe.job_log (
    id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_id      uuid        NOT NULL REFERENCES streamvibe.job_queue (id) ON DELETE CASCADE,
    log_level   text        NOT NULL DEFAULT 'info' CHECK (log_level IN ('debug', 'info', 'warning', 'error')),
    message     text        NOT NULL,
    metadata    jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);
-- The eleven job_queue indexes of guide 001 ("Job Queue Indexes (11 total)"), in its order, and
-- its statistics targets ("Query Planning") and autovacuum settings ("Autovacuum Configuration").
CREATE INDEX idx_job_queue_user_status_created ON streamvibe.job_queue (user_id, status, created_at DESC);
CREATE INDEX idx_job_queue_pending_pickup ON streamvibe.job_queue (status, scheduled_for, job_priority DESC, id)
    WHERE status = 'pending';
CREATE INDEX idx_job_queue_worker_active ON streamvibe.job_queue (worker_id, status, started_at DESC)
    WHERE status = 'processing';
CREATE INDEX idx_job_queue_cleanup ON streamvibe.job_queue (status, completed_at)
    WHERE status IN ('completed', 'cancelled', 'failed');
CREATE INDEX idx_job_queue_retry_eligible ON streamvibe.job_queue (status, retry_count, updated_at)
    WHERE status = 'failed';
CREATE INDEX idx_job_queue_type_status ON streamvibe.job_queue (job_type, status)
    WHERE status IN ('pending', 'processing', 'failed');
CREATE INDEX idx_job_queue_user_active ON streamvibe.job_queue (user_id, status)
    WHERE status IN ('pending', 'processing');
CREATE INDEX idx_job_queue_expiration ON streamvibe.job_queue (status, expires_at) WHERE status = 'pending';
CREATE INDEX idx_job_queue_stuck_detection ON streamvibe.job_queue (status, started_at)
    WHERE status = 'processing';
CREATE INDEX idx_job_queue_params_gin ON streamvibe.job_queue USING gin (params jsonb_path_ops);
CREATE INDEX idx_job_queue_result_gin ON streamvibe.job_queue USING gin (result jsonb_path_ops)
    WHERE result IS NOT NULL;
ALTER TABLE streamvibe.job_queue ALTER COLUMN status SET STATISTICS 1000;
ALTER TABLE streamvibe.job_queue ALTER COLUMN job_type SET STATISTICS 1000;
ALTER TABLE streamvibe.job_queue SET (autovacuum_vacuum_scale_factor = 0.05, autovacuum_analyze_scale_factor = 0.05,
    autovacuum_vacuum_cost_delay = 10, autovacuum_vacuum_cost_limit = 1000);

-- pending, due: 3 (oldest due 10 minutes ago; one expired an hour ago)
INSERT INTO streamvibe.job_queue (id, user_id, job_type, job_priority, status, params, scheduled_for, expires_at, created_at) VALUES
 ('00000000-0000-0000-0000-000000000001', gen_random_uuid(), 'sync_youtube', 5, 'pending', '{"channel": "alpha"}', now() - interval '10 minutes', now() + interval '1 day', now() - interval '10 minutes'),
 ('00000000-0000-0000-0000-000000000002', gen_random_uuid(), 'sync_tiktok', 5, 'pending', '{"channel": "beta"}', now() - interval '5 minutes', now() - interval '1 hour', now() - interval '25 hours'),
 ('00000000-0000-0000-0000-000000000003', gen_random_uuid(), 'transcode_video', 10, 'pending', '{"video": 7}', now() - interval '1 minute', now() + interval '1 day', now() - interval '1 minute');
-- pending, not yet due: 2
INSERT INTO streamvibe.job_queue (id, user_id, job_type, status, scheduled_for, created_at) VALUES
 ('00000000-0000-0000-0000-000000000004', gen_random_uuid(), 'send_digest_email', 'pending', now() + interval '1 hour', now() - interval '2 minutes'),
 ('00000000-0000-0000-0000-000000000005', gen_random_uuid(), 'send_digest_email', 'pending', now() + interval '2 hours', now() - interval '2 minutes');
-- processing: 2, one stuck for 45 minutes
INSERT INTO streamvibe.job_queue (id, user_id, job_type, status, started_at, worker_id, created_at) VALUES
 ('00000000-0000-0000-0000-000000000006', gen_random_uuid(), 'sync_youtube', 'processing', now() - interval '45 minutes', 'worker-1', now() - interval '46 minutes'),
 ('00000000-0000-0000-0000-000000000007', gen_random_uuid(), 'sync_youtube', 'processing', now() - interval '1 minute', 'worker-2', now() - interval '2 minutes');
-- failed with retries left: 2; failed at the limit: 1 (all failed within the last minute)
INSERT INTO streamvibe.job_queue (id, user_id, job_type, status, retry_count, error_message, completed_at, created_at) VALUES
 ('00000000-0000-0000-0000-000000000008', gen_random_uuid(), 'sync_instagram', 'failed', 1, 'Instagram access token expired (AUTH_EXPIRED)', now() - interval '30 seconds', now() - interval '3 minutes'),
 ('00000000-0000-0000-0000-000000000009', gen_random_uuid(), 'sync_youtube', 'failed', 2, 'YouTube Data API quota exceeded (RATE_LIMIT)', now() - interval '20 seconds', now() - interval '4 minutes'),
 ('00000000-0000-0000-0000-00000000000a', gen_random_uuid(), 'sync_tiktok', 'failed', 3, 'Timed out after 300 s waiting for TikTok API (TIMEOUT)', now() - interval '10 seconds', now() - interval '5 minutes');
-- completed: 4, three within the last five minutes; cancelled: 1
INSERT INTO streamvibe.job_queue (id, user_id, job_type, status, result, started_at, completed_at, created_at) VALUES
 ('00000000-0000-0000-0000-00000000000b', gen_random_uuid(), 'sync_youtube', 'completed', '{"videos_synced": 12}', now() - interval '3 minutes', now() - interval '2 minutes', now() - interval '6 minutes'),
 ('00000000-0000-0000-0000-00000000000c', gen_random_uuid(), 'sync_youtube', 'completed', '{"videos_synced": 3}', now() - interval '3 minutes', now() - interval '2 minutes', now() - interval '7 minutes'),
 ('00000000-0000-0000-0000-00000000000d', gen_random_uuid(), 'refresh_analytics', 'completed', '{}', now() - interval '4 minutes', now() - interval '3 minutes', now() - interval '8 minutes'),
 ('00000000-0000-0000-0000-00000000000e', gen_random_uuid(), 'refresh_analytics', 'completed', '{}', now() - interval '2 hours', now() - interval '2 hours', now() - interval '3 hours');
INSERT INTO streamvibe.job_queue (id, user_id, job_type, status, completed_at, created_at) VALUES
 ('00000000-0000-0000-0000-00000000000f', gen_random_uuid(), 'sync_tiktok', 'cancelled', now() - interval '1 hour', now() - interval '2 hours');
-- the log of job 9: two failures, oldest first
INSERT INTO streamvibe.job_log (job_id, log_level, message, metadata, created_at) VALUES
 ('00000000-0000-0000-0000-000000000009', 'info', 'Job started on worker-1', NULL, now() - interval '3 minutes'),
 ('00000000-0000-0000-0000-000000000009', 'error', 'Job failed: YouTube Data API quota exceeded (RATE_LIMIT)', '{"error_code": "RATE_LIMIT"}', now() - interval '2 minutes'),
 ('00000000-0000-0000-0000-000000000009', 'error', 'Job failed: YouTube Data API quota exceeded (RATE_LIMIT)', '{"error_code": "RATE_LIMIT"}', now() - interval '20 seconds');
ANALYZE streamvibe.job_queue;
