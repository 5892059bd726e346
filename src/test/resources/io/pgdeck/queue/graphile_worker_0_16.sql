-- Graphile Worker 0.16.6 in schema graphile_worker, as its installer leaves it: dist/migrate.js installSchema
-- (the schema and its migrations table, with the breaking column), then sql/000001.sql .. sql/000018.sql, each
-- recorded in migrations with whether it is marked a breaking change.
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the functions
-- re-implemented with the same behaviour: add_job as of 000018 (with add_jobs' upsert and notification,
-- which it calls), complete_jobs, permanently_fail_jobs and reschedule_jobs as of 000016, on the tables
-- 000016 renamed _private_*, and the view jobs of 000017. The worker's fetch is no function (dist/sql/getJob.js);
-- the test holds its own version of it. Left out: the job_spec type and add_jobs, remove_job,
-- force_unlock_workers and _private_known_crontabs.
CREATE SCHEMA graphile_worker;

CREATE TABLE graphile_worker.migrations (
    id       int PRIMARY KEY,
    ts       timestamptz NOT NULL DEFAULT now(),
    breaking boolean NOT NULL DEFAULT false
);
INSERT INTO graphile_worker.migrations (id, breaking)
SELECT m, m IN (1, 3, 11, 13, 14, 16) FROM generate_series(1, 18) AS m;

-- the tables as 000011 made them; 000016 renamed them _private_*, their keys, checks and indexes keep their names
CREATE TABLE graphile_worker.job_queues (
    id           int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    queue_name   text NOT NULL UNIQUE CHECK (length(queue_name) <= 128),
    locked_at    timestamptz,
    locked_by    text,
    is_available boolean NOT NULL GENERATED ALWAYS AS (locked_at IS NULL) STORED
);
ALTER TABLE graphile_worker.job_queues ENABLE ROW LEVEL SECURITY;

CREATE TABLE graphile_worker.tasks (
    id         int GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    identifier text NOT NULL UNIQUE CHECK (length(identifier) <= 128)
);
ALTER TABLE graphile_worker.tasks ENABLE ROW LEVEL SECURITY;

-- job_queue_id has no foreign key (none in the release either); null: the job runs in parallel
CREATE TABLE graphile_worker.jobs (
    id           bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    job_queue_id int,
    task_id      int NOT NULL,
    payload      json NOT NULL DEFAULT '{}'::json,
    priority     smallint NOT NULL DEFAULT 0,
    run_at       timestamptz NOT NULL DEFAULT now(),
    attempts     smallint NOT NULL DEFAULT 0,
    max_attempts smallint NOT NULL DEFAULT 25 CONSTRAINT jobs_max_attempts_check CHECK (max_attempts >= 1),
    last_error   text,
    created_at   timestamptz NOT NULL DEFAULT now(),
    updated_at   timestamptz NOT NULL DEFAULT now(),
    key          text UNIQUE CONSTRAINT jobs_key_check CHECK (length(key) > 0 AND length(key) <= 512),
    locked_at    timestamptz,
    locked_by    text,
    revision     integer NOT NULL DEFAULT 0,
    flags        jsonb,
    is_available boolean NOT NULL GENERATED ALWAYS AS (locked_at IS NULL AND attempts < max_attempts) STORED
);
ALTER TABLE graphile_worker.jobs ENABLE ROW LEVEL SECURITY;
CREATE INDEX jobs_main_index ON graphile_worker.jobs (priority, run_at)
    INCLUDE (id, task_id, job_queue_id) WHERE is_available = true;
CREATE INDEX jobs_no_queue_index ON graphile_worker.jobs (priority, run_at)
    INCLUDE (id, task_id) WHERE is_available = true AND job_queue_id IS NULL;

ALTER TABLE graphile_worker.jobs RENAME TO _private_jobs;
ALTER TABLE graphile_worker.job_queues RENAME TO _private_job_queues;
ALTER TABLE graphile_worker.tasks RENAME TO _private_tasks;

-- the old table's name, now a view joining in the task identifier and queue name (no payload, no ids of rows)
CREATE VIEW graphile_worker.jobs AS
SELECT j.id, q.queue_name, t.identifier AS task_identifier, j.priority, j.run_at, j.attempts, j.max_attempts,
       j.last_error, j.created_at, j.updated_at, j.key, j.locked_at, j.locked_by, j.revision, j.flags
  FROM graphile_worker._private_jobs AS j
  JOIN graphile_worker._private_tasks AS t ON t.id = j.task_id
  LEFT JOIN graphile_worker._private_job_queues AS q ON q.id = j.job_queue_id;

-- add_job: makes sure the task and the queue have their rows, then adds the job (limits now checked by the
-- tables' constraints). With a key, in modes replace (the default) and preserve_run_at, any job holding the
-- key that is not available (locked, or out of attempts) loses its key and any further run, and an unlocked
-- holder is overwritten and reset (attempts 0, no error, revision + 1, updated now; preserve_run_at keeps its
-- run_at if it never ran; a JSON array payload is appended to an array one); unsafe_dedupe keeps an existing
-- job as it is (revision + 1, updated now). flags become a jsonb object of flag: true. Workers hear of
-- the job on channel jobs:insert (payload {"r": a random number, "count": 1}); unsafe_dedupe tells them only of
-- a job it inserted.
CREATE FUNCTION graphile_worker.add_job(
    identifier text,
    payload json DEFAULT NULL,
    queue_name text DEFAULT NULL,
    run_at timestamptz DEFAULT NULL,
    max_attempts int DEFAULT NULL,
    job_key text DEFAULT NULL,
    priority int DEFAULT NULL,
    flags text[] DEFAULT NULL,
    job_key_mode text DEFAULT 'replace'
) RETURNS graphile_worker._private_jobs LANGUAGE plpgsql AS $fn$
DECLARE
    dedupe   boolean := add_job.job_key IS NOT NULL AND add_job.job_key_mode = 'unsafe_dedupe';
    keep_run boolean := add_job.job_key_mode = 'preserve_run_at';
    flag_set jsonb := (SELECT jsonb_object_agg(f, true) FROM unnest(add_job.flags) AS f);
    task     int;
    queue    int;
    result   graphile_worker._private_jobs;
BEGIN
    IF add_job.job_key IS NOT NULL AND add_job.job_key_mode IS NOT NULL
       AND add_job.job_key_mode NOT IN ('replace', 'preserve_run_at', 'unsafe_dedupe') THEN
        RAISE EXCEPTION 'Invalid job_key_mode value, expected ''replace'', ''preserve_run_at'' or ''unsafe_dedupe''.'
            USING ERRCODE = 'GWBKM';
    END IF;

    INSERT INTO graphile_worker._private_tasks (identifier) VALUES (add_job.identifier) ON CONFLICT DO NOTHING;
    SELECT t.id INTO task FROM graphile_worker._private_tasks AS t WHERE t.identifier = add_job.identifier;
    IF add_job.queue_name IS NOT NULL THEN
        INSERT INTO graphile_worker._private_job_queues (queue_name) VALUES (add_job.queue_name) ON CONFLICT DO NOTHING;
        SELECT q.id INTO queue FROM graphile_worker._private_job_queues AS q WHERE q.queue_name = add_job.queue_name;
    END IF;

    IF dedupe THEN
        INSERT INTO graphile_worker._private_jobs AS j (job_queue_id, task_id, payload, run_at, max_attempts, key, priority, flags)
        VALUES (queue, task, coalesce(add_job.payload, '{}'::json), coalesce(add_job.run_at, now()),
                coalesce(add_job.max_attempts::smallint, 25::smallint), add_job.job_key,
                coalesce(add_job.priority::smallint, 0::smallint), flag_set)
        ON CONFLICT (key) DO UPDATE SET revision = j.revision + 1, updated_at = now()
        RETURNING * INTO result;
        IF result.revision = 0 THEN
            PERFORM pg_notify('jobs:insert', format('{"r":%s,"count":1}', random()));
        END IF;
        RETURN result;
    END IF;

    IF add_job.job_key IS NOT NULL THEN
        UPDATE graphile_worker._private_jobs AS j SET key = NULL, attempts = j.max_attempts, updated_at = now()
         WHERE j.key = add_job.job_key AND j.is_available IS NOT TRUE;
    END IF;
    PERFORM pg_notify('jobs:insert', format('{"r":%s,"count":1}', random()));

    INSERT INTO graphile_worker._private_jobs AS j (job_queue_id, task_id, payload, run_at, max_attempts, key, priority, flags)
    VALUES (queue, task, coalesce(add_job.payload, '{}'::json), coalesce(add_job.run_at, now()),
            coalesce(add_job.max_attempts::smallint, 25::smallint), add_job.job_key,
            coalesce(add_job.priority::smallint, 0::smallint), flag_set)
    ON CONFLICT (key) DO UPDATE
       SET job_queue_id = EXCLUDED.job_queue_id, task_id = EXCLUDED.task_id,
           payload = CASE WHEN json_typeof(j.payload) = 'array' AND json_typeof(EXCLUDED.payload) = 'array'
                          THEN (j.payload::jsonb || EXCLUDED.payload::jsonb)::json ELSE EXCLUDED.payload END,
           max_attempts = EXCLUDED.max_attempts,
           run_at = CASE WHEN keep_run AND j.attempts = 0 THEN j.run_at ELSE EXCLUDED.run_at END,
           priority = EXCLUDED.priority, revision = j.revision + 1, flags = EXCLUDED.flags,
           attempts = 0, last_error = NULL, updated_at = now()
     WHERE j.locked_at IS NULL
    RETURNING * INTO result;
    RETURN result;
END
$fn$;

-- The three by-id functions act only on jobs not locked, or locked over four hours ago (a dead worker's),
-- and return the jobs they changed.
-- complete_jobs: deletes them, as after a successful run.
CREATE FUNCTION graphile_worker.complete_jobs(job_ids bigint[]) RETURNS SETOF graphile_worker._private_jobs
    LANGUAGE sql AS $fn$
    DELETE FROM graphile_worker._private_jobs AS j
     WHERE j.id = ANY (job_ids) AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING *
$fn$;

-- permanently_fail_jobs: uses up their attempts and records the reason (default 'Manually marked as failed').
CREATE FUNCTION graphile_worker.permanently_fail_jobs(job_ids bigint[], error_message text DEFAULT NULL)
    RETURNS SETOF graphile_worker._private_jobs LANGUAGE sql AS $fn$
    UPDATE graphile_worker._private_jobs AS j
       SET attempts = j.max_attempts, last_error = coalesce(error_message, 'Manually marked as failed'),
           updated_at = now()
     WHERE j.id = ANY (job_ids) AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING *
$fn$;

-- reschedule_jobs: sets whichever of run_at, priority, attempts and max_attempts is given (int arguments,
-- stored as smallint), keeps the rest.
CREATE FUNCTION graphile_worker.reschedule_jobs(
    job_ids bigint[],
    run_at timestamptz DEFAULT NULL,
    priority int DEFAULT NULL,
    attempts int DEFAULT NULL,
    max_attempts int DEFAULT NULL
) RETURNS SETOF graphile_worker._private_jobs LANGUAGE sql AS $fn$
    UPDATE graphile_worker._private_jobs AS j
       SET run_at = coalesce(reschedule_jobs.run_at, j.run_at),
           priority = coalesce(reschedule_jobs.priority::smallint, j.priority),
           attempts = coalesce(reschedule_jobs.attempts::smallint, j.attempts),
           max_attempts = coalesce(reschedule_jobs.max_attempts::smallint, j.max_attempts),
           updated_at = now()
     WHERE j.id = ANY (job_ids) AND (j.locked_at IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING *
$fn$;

-- ==== planted jobs ====
-- Ids by creation: 1 failed (bounce), 2 locked in crm, 3 waiting in crm, 4 retrying, 5 waiting, 6 locked,
-- 7 waiting, 8 scheduled. Each is added with the library's add_job (as the worker's addJob calls it), then
-- given what the worker leaves on it: get_job/getJob raise attempts and set locked_at/locked_by; a failed
-- run (fail_job, or failJob in dist/sql/failJob.js) clears the lock, sets last_error and a backoff run_at.
SELECT graphile_worker.add_job('send_email', '{"to": "bounce@example.com"}'::json, max_attempts := 3, run_at := now() - interval '1 hour');
SELECT graphile_worker.add_job('sync_crm', '{"account": 1}'::json, queue_name := 'crm', run_at := now() - interval '51 minutes');
SELECT graphile_worker.add_job('sync_crm', '{"account": 2}'::json, queue_name := 'crm', run_at := now() - interval '30 minutes');
SELECT graphile_worker.add_job('resize_image', '{"image": 6}'::json, run_at := now() + interval '20 seconds');
SELECT graphile_worker.add_job('send_email', '{"to": "a@example.com"}'::json, run_at := now() - interval '4 minutes');
SELECT graphile_worker.add_job('resize_image', '{"image": 5}'::json, run_at := now() - interval '2 minutes');
SELECT graphile_worker.add_job('send_email', '{"to": "b@example.com"}'::json, run_at := now() - interval '1 minute');
SELECT graphile_worker.add_job('send_email', '{"to": "later@example.com"}'::json, run_at := now() + interval '1 hour');
UPDATE graphile_worker._private_jobs AS j
   SET attempts = v.attempts, last_error = v.last_error, locked_at = v.locked_at, locked_by = v.locked_by,
       created_at = v.created_at, updated_at = v.updated_at
  FROM (VALUES
    (1, 3, 'Error: 550 mailbox unavailable', NULL::timestamptz, NULL, now() - interval '2 hours', now() - interval '2 minutes'),
    (2, 1, NULL, now() - interval '50 minutes', 'worker-9', now() - interval '51 minutes', now() - interval '50 minutes'),
    (3, 0, NULL, NULL, NULL, now() - interval '30 minutes', now() - interval '30 minutes'),
    (4, 2, 'Error: image too large', NULL, NULL, now() - interval '5 minutes', now() - interval '40 seconds'),
    (5, 0, NULL, NULL, NULL, now() - interval '4 minutes', now() - interval '4 minutes'),
    (6, 1, NULL, now() - interval '1 minute', 'worker-1', now() - interval '2 minutes', now() - interval '1 minute'),
    (7, 0, NULL, NULL, NULL, now() - interval '1 minute', now() - interval '1 minute'),
    (8, 0, NULL, NULL, NULL, now() - interval '50 seconds', now() - interval '1 minute')
  ) AS v(id, attempts, last_error, locked_at, locked_by, created_at, updated_at)
 WHERE j.id = v.id;
-- the crm queue is held by the worker running job 2, as get_job/getJob lock it
UPDATE graphile_worker._private_job_queues SET locked_at = now() - interval '50 minutes', locked_by = 'worker-9' WHERE queue_name = 'crm';
ANALYZE graphile_worker._private_jobs;
