-- Graphile Worker as its migrations (v0.16, migration 19) leave it, in schema graphile_worker:
-- _private_jobs with no state column, _private_tasks, _private_job_queues, the jobs view, and the
-- two functions pgdeck calls with their documented behaviour (both skip jobs locked less than
-- four hours ago). Jobs planted in every derived state.
CREATE SCHEMA graphile_worker;
CREATE TABLE graphile_worker._private_tasks (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identifier text NOT NULL UNIQUE CHECK (length(identifier) <= 128)
);
CREATE TABLE graphile_worker._private_job_queues (
    id integer GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue_name text NOT NULL UNIQUE CHECK (length(queue_name) <= 128),
    locked_at timestamptz,
    locked_by text,
    is_available boolean GENERATED ALWAYS AS (locked_at IS NULL) STORED NOT NULL
);
CREATE TABLE graphile_worker._private_jobs (
    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_queue_id integer REFERENCES graphile_worker._private_job_queues (id),
    task_id integer NOT NULL REFERENCES graphile_worker._private_tasks (id),
    payload json NOT NULL DEFAULT '{}'::json,
    priority smallint NOT NULL DEFAULT 0,
    run_at timestamptz NOT NULL DEFAULT now(),
    attempts smallint NOT NULL DEFAULT 0,
    max_attempts smallint NOT NULL DEFAULT 25 CONSTRAINT jobs_max_attempts_check CHECK (max_attempts >= 1),
    last_error text,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now(),
    key text UNIQUE CONSTRAINT jobs_key_check CHECK (length(key) > 0 AND length(key) <= 512),
    locked_at timestamptz,
    locked_by text,
    revision integer NOT NULL DEFAULT 0,
    flags jsonb,
    is_available boolean GENERATED ALWAYS AS (locked_at IS NULL AND attempts < max_attempts) STORED NOT NULL
);
CREATE INDEX jobs_main_index ON graphile_worker._private_jobs USING btree (priority, run_at)
    INCLUDE (id, task_id, job_queue_id) WHERE is_available = true;
CREATE INDEX jobs_no_queue_index ON graphile_worker._private_jobs USING btree (priority, run_at)
    INCLUDE (id, task_id) WHERE is_available = true AND job_queue_id IS NULL;
CREATE VIEW graphile_worker.jobs AS
    SELECT j.id, q.queue_name, t.identifier AS task_identifier, j.priority, j.run_at, j.attempts, j.max_attempts,
           j.last_error, j.created_at, j.updated_at, j.key, j.locked_at, j.locked_by, j.revision, j.flags
    FROM graphile_worker._private_jobs j
    JOIN graphile_worker._private_tasks t ON t.id = j.task_id
    LEFT JOIN graphile_worker._private_job_queues q ON q.id = j.job_queue_id;

-- Sets the given fields of the given jobs that are not locked (or locked for more than 4 hours).
CREATE FUNCTION graphile_worker.reschedule_jobs(job_ids bigint[], run_at timestamptz DEFAULT NULL,
        priority integer DEFAULT NULL, attempts integer DEFAULT NULL, max_attempts integer DEFAULT NULL)
    RETURNS SETOF graphile_worker._private_jobs LANGUAGE sql AS $$
    UPDATE graphile_worker._private_jobs AS j
       SET run_at = coalesce(reschedule_jobs.run_at, j.run_at),
           priority = coalesce(reschedule_jobs.priority::smallint, j.priority),
           attempts = coalesce(reschedule_jobs.attempts::smallint, j.attempts),
           max_attempts = coalesce(reschedule_jobs.max_attempts::smallint, j.max_attempts),
           updated_at = now()
     WHERE j.id = ANY (job_ids) AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING j.*
$$;
-- Uses up the given unlocked jobs' attempts, with an error message.
CREATE FUNCTION graphile_worker.permanently_fail_jobs(job_ids bigint[], error_message text DEFAULT NULL)
    RETURNS SETOF graphile_worker._private_jobs LANGUAGE sql AS $$
    UPDATE graphile_worker._private_jobs AS j
       SET last_error = coalesce(error_message, 'Manually marked as failed'), attempts = j.max_attempts, updated_at = now()
     WHERE j.id = ANY (job_ids) AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING j.*
$$;

INSERT INTO graphile_worker._private_tasks (identifier) VALUES ('send_email'), ('resize_image'), ('sync_crm');
INSERT INTO graphile_worker._private_job_queues (queue_name, locked_at, locked_by) VALUES
    ('crm', now() - interval '50 minutes', 'worker-9');

INSERT INTO graphile_worker._private_jobs (job_queue_id, task_id, payload, run_at, attempts, max_attempts, last_error,
        created_at, updated_at, locked_at, locked_by)
    SELECT q.id, t.id, v.payload::json, v.run_at, v.attempts, v.max_attempts, v.last_error, v.created_at, v.updated_at,
           v.locked_at, v.locked_by
    FROM (VALUES
     -- no named queue: waiting 2 (oldest due 4 minutes), scheduled 1, locked 1, retrying 1, failed 1
     (NULL, 'send_email', '{"to": "a@example.com"}', now() - interval '4 minutes', 0, 25, NULL, now() - interval '4 minutes', now() - interval '4 minutes', NULL::timestamptz, NULL),
     (NULL, 'send_email', '{"to": "b@example.com"}', now() - interval '1 minute', 0, 25, NULL, now() - interval '1 minute', now() - interval '1 minute', NULL, NULL),
     (NULL, 'send_email', '{"to": "later@example.com"}', now() + interval '1 hour', 0, 25, NULL, now() - interval '50 seconds', now() - interval '1 minute', NULL, NULL),
     (NULL, 'resize_image', '{"image": 5}', now() - interval '2 minutes', 0, 25, NULL, now() - interval '2 minutes', now() - interval '1 minute', now() - interval '1 minute', 'worker-1'),
     (NULL, 'resize_image', '{"image": 6}', now() + interval '20 seconds', 2, 25, 'Error: image too large', now() - interval '5 minutes', now() - interval '40 seconds', NULL, NULL),
     (NULL, 'send_email', '{"to": "bounce@example.com"}', now() - interval '1 hour', 3, 3, 'Error: 550 mailbox unavailable', now() - interval '2 hours', now() - interval '2 minutes', NULL, NULL),
     -- queue crm: locked 1 for 50 minutes, waiting 1 (due 30 minutes: the queue is busy)
     ('crm', 'sync_crm', '{"account": 1}', now() - interval '51 minutes', 1, 25, NULL, now() - interval '51 minutes', now() - interval '50 minutes', now() - interval '50 minutes', 'worker-9'),
     ('crm', 'sync_crm', '{"account": 2}', now() - interval '30 minutes', 0, 25, NULL, now() - interval '30 minutes', now() - interval '30 minutes', NULL, NULL)
    ) AS v(queue, task, payload, run_at, attempts, max_attempts, last_error, created_at, updated_at, locked_at, locked_by)
    JOIN graphile_worker._private_tasks t ON t.identifier = v.task
    LEFT JOIN graphile_worker._private_job_queues q ON q.queue_name = v.queue
    ORDER BY v.created_at;
ANALYZE graphile_worker._private_jobs;
