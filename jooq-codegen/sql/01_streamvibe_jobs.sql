-- StreamVibe: the asynchronous job queue and its log, as in seed 001 ("Database Optimization
-- Strategy"): eleven indexes on job_queue, four on job_log, aggressive autovacuum on the queue.
-- Plain DDL only: no rows, nothing that depends on today's date.

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
    log_level   text        NOT NULL DEFAULT 'info'
                CHECK (log_level IN ('debug', 'info', 'warning', 'error')),
    message     text        NOT NULL,
    metadata    jsonb,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- job_queue: the eleven indexes of the seed, with the seed's names.
CREATE INDEX idx_job_queue_user_status_created
    ON streamvibe.job_queue (user_id, status, created_at DESC);
CREATE INDEX idx_job_queue_pending_pickup
    ON streamvibe.job_queue (status, scheduled_for, job_priority DESC, id)
    WHERE status = 'pending';
CREATE INDEX idx_job_queue_worker_active
    ON streamvibe.job_queue (worker_id, status, started_at DESC)
    WHERE status = 'processing';
CREATE INDEX idx_job_queue_cleanup
    ON streamvibe.job_queue (status, completed_at)
    WHERE status IN ('completed', 'cancelled', 'failed');
CREATE INDEX idx_job_queue_retry_eligible
    ON streamvibe.job_queue (status, retry_count, updated_at)
    WHERE status = 'failed';
CREATE INDEX idx_job_queue_type_status
    ON streamvibe.job_queue (job_type, status)
    WHERE status IN ('pending', 'processing', 'failed');
CREATE INDEX idx_job_queue_user_active
    ON streamvibe.job_queue (user_id, status)
    WHERE status IN ('pending', 'processing');
CREATE INDEX idx_job_queue_expiration
    ON streamvibe.job_queue (status, expires_at)
    WHERE status = 'pending';
CREATE INDEX idx_job_queue_stuck_detection
    ON streamvibe.job_queue (status, started_at)
    WHERE status = 'processing';
CREATE INDEX idx_job_queue_params_gin
    ON streamvibe.job_queue USING gin (params jsonb_path_ops);
CREATE INDEX idx_job_queue_result_gin
    ON streamvibe.job_queue USING gin (result jsonb_path_ops)
    WHERE result IS NOT NULL;

-- job_log: the four indexes of the seed.
CREATE INDEX idx_job_log_job_time
    ON streamvibe.job_log (job_id, created_at DESC);
CREATE INDEX idx_job_log_errors
    ON streamvibe.job_log (log_level, created_at DESC)
    WHERE log_level IN ('error', 'warning');
CREATE INDEX idx_job_log_message_fts
    ON streamvibe.job_log USING gin (to_tsvector('english', message));
CREATE INDEX idx_job_log_metadata_gin
    ON streamvibe.job_log USING gin (metadata jsonb_path_ops)
    WHERE metadata IS NOT NULL;

-- Storage options and statistics targets of the seed's "Write Performance" and "Query Planning".
ALTER TABLE streamvibe.job_queue SET (
    autovacuum_vacuum_scale_factor = 0.05,
    autovacuum_analyze_scale_factor = 0.05,
    autovacuum_vacuum_cost_delay = 10,
    autovacuum_vacuum_cost_limit = 1000
);
ALTER TABLE streamvibe.job_log SET (toast_tuple_target = 8160);
ALTER TABLE streamvibe.job_queue ALTER COLUMN status SET STATISTICS 1000;
ALTER TABLE streamvibe.job_queue ALTER COLUMN job_type SET STATISTICS 1000;

-- The seed's updated_at trigger (one of its two; the NOTIFY one has no listener here).
CREATE FUNCTION streamvibe.set_updated_at() RETURNS trigger
    LANGUAGE plpgsql AS $$
BEGIN
    NEW.updated_at := now();
    RETURN NEW;
END;
$$;

CREATE TRIGGER job_queue_set_updated_at
    BEFORE UPDATE ON streamvibe.job_queue
    FOR EACH ROW EXECUTE FUNCTION streamvibe.set_updated_at();
