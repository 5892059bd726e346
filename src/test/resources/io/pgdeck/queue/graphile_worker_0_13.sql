-- Graphile Worker 0.13.0 in schema graphile_worker, as its installer leaves it: dist/migrate.js installSchema
-- (the schema and its migrations table), then sql/000001.sql .. sql/000010.sql, each recorded in migrations.
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the functions
-- re-implemented with the same behaviour: add_job as of 000007, get_job as of 000009 (the worker's fetch),
-- complete_jobs, permanently_fail_jobs and reschedule_jobs as of 000004. Left out: the _900_notify_worker
-- trigger (a NOTIFY only), complete_job, fail_job, remove_job and known_crontabs.
CREATE SCHEMA graphile_worker;

CREATE TABLE graphile_worker.migrations (
    id int PRIMARY KEY,
    ts timestamptz NOT NULL DEFAULT now()
);
INSERT INTO graphile_worker.migrations (id) SELECT generate_series(1, 10);

-- a named queue's row exists while it has jobs (the _500 triggers below); job_count counts them
CREATE TABLE graphile_worker.job_queues (
    queue_name text NOT NULL PRIMARY KEY,
    job_count  int NOT NULL,
    locked_at  timestamptz,
    locked_by  text
);
ALTER TABLE graphile_worker.job_queues ENABLE ROW LEVEL SECURITY;

-- queue_name null: the job runs in parallel with any other
CREATE TABLE graphile_worker.jobs (
    id              bigserial PRIMARY KEY,
    queue_name      text,
    task_identifier text NOT NULL,
    payload         json NOT NULL DEFAULT '{}'::json,
    priority        int NOT NULL DEFAULT 0,
    run_at          timestamptz NOT NULL DEFAULT now(),
    attempts        int NOT NULL DEFAULT 0,
    max_attempts    int NOT NULL DEFAULT 25,
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now(),
    updated_at      timestamptz NOT NULL DEFAULT now(),
    key             text UNIQUE CHECK (length(key) > 0),
    locked_at       timestamptz,
    locked_by       text,
    revision        int NOT NULL DEFAULT 0,
    flags           jsonb
);
ALTER TABLE graphile_worker.jobs ENABLE ROW LEVEL SECURITY;
CREATE INDEX jobs_priority_run_at_id_locked_at_without_failures_idx
    ON graphile_worker.jobs (priority, run_at, id, locked_at) WHERE attempts < max_attempts;

-- every update moves updated_at forward, by at least a millisecond
CREATE FUNCTION graphile_worker.tg__update_timestamp() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    NEW.updated_at := greatest(now(), OLD.updated_at + interval '1 millisecond');
    RETURN NEW;
END
$fn$;
CREATE TRIGGER _100_timestamps BEFORE UPDATE ON graphile_worker.jobs
    FOR EACH ROW EXECUTE PROCEDURE graphile_worker.tg__update_timestamp();

-- a job entering a queue adds one to its row (making it at 1), one leaving takes one off and drops the row at 0
CREATE FUNCTION graphile_worker.jobs__increase_job_queue_count() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO graphile_worker.job_queues AS q (queue_name, job_count) VALUES (NEW.queue_name, 1)
    ON CONFLICT (queue_name) DO UPDATE SET job_count = q.job_count + 1;
    RETURN NEW;
END
$fn$;
CREATE FUNCTION graphile_worker.jobs__decrease_job_queue_count() RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    left_in_queue int;
BEGIN
    UPDATE graphile_worker.job_queues AS q SET job_count = q.job_count - 1
     WHERE q.queue_name = OLD.queue_name
    RETURNING q.job_count INTO left_in_queue;
    IF left_in_queue <= 0 THEN
        DELETE FROM graphile_worker.job_queues AS q WHERE q.queue_name = OLD.queue_name AND q.job_count <= 0;
    END IF;
    RETURN OLD;
END
$fn$;
CREATE TRIGGER _500_increase_job_queue_count AFTER INSERT ON graphile_worker.jobs
    FOR EACH ROW WHEN (NEW.queue_name IS NOT NULL)
    EXECUTE PROCEDURE graphile_worker.jobs__increase_job_queue_count();
CREATE TRIGGER _500_decrease_job_queue_count AFTER DELETE ON graphile_worker.jobs
    FOR EACH ROW WHEN (OLD.queue_name IS NOT NULL)
    EXECUTE PROCEDURE graphile_worker.jobs__decrease_job_queue_count();
CREATE TRIGGER _500_increase_job_queue_count_update AFTER UPDATE OF queue_name ON graphile_worker.jobs
    FOR EACH ROW WHEN (NEW.queue_name IS DISTINCT FROM OLD.queue_name AND NEW.queue_name IS NOT NULL)
    EXECUTE PROCEDURE graphile_worker.jobs__increase_job_queue_count();
CREATE TRIGGER _500_decrease_job_queue_count_update AFTER UPDATE OF queue_name ON graphile_worker.jobs
    FOR EACH ROW WHEN (NEW.queue_name IS DISTINCT FROM OLD.queue_name AND OLD.queue_name IS NOT NULL)
    EXECUTE PROCEDURE graphile_worker.jobs__decrease_job_queue_count();

-- add_job: checks the lengths (task 128, queue 128, key 512) and max_attempts >= 1, then adds the job.
-- With a key, in modes replace (the default) and preserve_run_at, an unlocked job holding the key is
-- overwritten and reset (attempts 0, no error, revision + 1; preserve_run_at keeps its run_at if it never
-- ran); a locked one loses its key and any further run, and a new job is added. unsafe_dedupe keeps an
-- existing job as it is (revision + 1 only). flags become a jsonb object of flag: true.
CREATE FUNCTION graphile_worker.add_job(
    identifier text,
    payload json = NULL,
    queue_name text = NULL,
    run_at timestamptz = NULL,
    max_attempts integer = NULL,
    job_key text = NULL,
    priority integer = NULL,
    flags text[] = NULL,
    job_key_mode text = 'replace'
) RETURNS graphile_worker.jobs LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    flag_set jsonb := (SELECT jsonb_object_agg(f, true) FROM unnest(add_job.flags) AS f);
    result   graphile_worker.jobs;
BEGIN
    CASE
        WHEN length(add_job.identifier) > 128 THEN
            RAISE EXCEPTION 'Task identifier is too long (max length: 128).' USING ERRCODE = 'GWBID';
        WHEN add_job.queue_name IS NOT NULL AND length(add_job.queue_name) > 128 THEN
            RAISE EXCEPTION 'Job queue name is too long (max length: 128).' USING ERRCODE = 'GWBQN';
        WHEN add_job.job_key IS NOT NULL AND length(add_job.job_key) > 512 THEN
            RAISE EXCEPTION 'Job key is too long (max length: 512).' USING ERRCODE = 'GWBJK';
        WHEN add_job.max_attempts < 1 THEN
            RAISE EXCEPTION 'Job maximum attempts must be at least 1.' USING ERRCODE = 'GWBMA';
        ELSE NULL;
    END CASE;

    IF add_job.job_key IS NOT NULL THEN
        IF add_job.job_key_mode IS NULL OR add_job.job_key_mode IN ('replace', 'preserve_run_at') THEN
            INSERT INTO graphile_worker.jobs AS j
                   (task_identifier, payload, queue_name, run_at, max_attempts, key, priority, flags)
            VALUES (add_job.identifier, coalesce(add_job.payload, '{}'::json), add_job.queue_name,
                    coalesce(add_job.run_at, now()), coalesce(add_job.max_attempts, 25), add_job.job_key,
                    coalesce(add_job.priority, 0), flag_set)
            ON CONFLICT (key) DO UPDATE
               SET task_identifier = EXCLUDED.task_identifier, payload = EXCLUDED.payload,
                   queue_name = EXCLUDED.queue_name, max_attempts = EXCLUDED.max_attempts,
                   run_at = CASE WHEN add_job.job_key_mode = 'preserve_run_at' AND j.attempts = 0
                                 THEN j.run_at ELSE EXCLUDED.run_at END,
                   priority = EXCLUDED.priority, revision = j.revision + 1, flags = EXCLUDED.flags,
                   attempts = 0, last_error = NULL
             WHERE j.locked_at IS NULL
            RETURNING * INTO result;
            IF FOUND THEN
                RETURN result;
            END IF;
            -- the holder is running: it keeps running without its key and will not run again
            UPDATE graphile_worker.jobs AS j SET key = NULL, attempts = j.max_attempts WHERE j.key = add_job.job_key;
        ELSIF add_job.job_key_mode = 'unsafe_dedupe' THEN
            INSERT INTO graphile_worker.jobs AS j
                   (task_identifier, payload, queue_name, run_at, max_attempts, key, priority, flags)
            VALUES (add_job.identifier, coalesce(add_job.payload, '{}'::json), add_job.queue_name,
                    coalesce(add_job.run_at, now()), coalesce(add_job.max_attempts, 25), add_job.job_key,
                    coalesce(add_job.priority, 0), flag_set)
            ON CONFLICT (key) DO UPDATE SET revision = j.revision + 1
            RETURNING * INTO result;
            RETURN result;
        ELSE
            RAISE EXCEPTION 'Invalid job_key_mode value, expected ''replace'', ''preserve_run_at'' or ''unsafe_dedupe''.'
                USING ERRCODE = 'GWBKM';
        END IF;
    END IF;

    INSERT INTO graphile_worker.jobs (task_identifier, payload, queue_name, run_at, max_attempts, key, priority, flags)
    VALUES (add_job.identifier, coalesce(add_job.payload, '{}'::json), add_job.queue_name,
            coalesce(add_job.run_at, now()), coalesce(add_job.max_attempts, 25), add_job.job_key,
            coalesce(add_job.priority, 0), flag_set)
    RETURNING * INTO result;
    RETURN result;
END
$fn$;

-- get_job, the worker's fetch: the first job (priority, run_at, id) that is due, has attempts left, is not
-- locked (or its lock is older than job_expiry), is one of task_identifiers if given, has none of
-- forbidden_flags, and whose queue, if any, is free (same expiry) and not row-locked by another fetch; job and
-- queue rows are taken FOR UPDATE SKIP LOCKED. The queue and the job are then locked by worker_id at the
-- given now, and the job's attempts raised by one. No job: a null row.
CREATE FUNCTION graphile_worker.get_job(
    worker_id text,
    task_identifiers text[] = NULL,
    job_expiry interval = interval '4 hours',
    forbidden_flags text[] = NULL,
    now timestamptz = now()
) RETURNS graphile_worker.jobs LANGUAGE plpgsql VOLATILE AS $fn$
DECLARE
    stale_before timestamptz := get_job.now - get_job.job_expiry;
    found_id     bigint;
    found_queue  text;
    result       graphile_worker.jobs;
BEGIN
    IF get_job.worker_id IS NULL OR length(get_job.worker_id) < 10 THEN
        RAISE EXCEPTION 'invalid worker id';
    END IF;

    SELECT j.id, j.queue_name INTO found_id, found_queue
      FROM graphile_worker.jobs AS j
     WHERE j.run_at <= get_job.now
       AND j.attempts < j.max_attempts
       AND (j.locked_at IS NULL OR j.locked_at < stale_before)
       AND (get_job.task_identifiers IS NULL OR j.task_identifier = ANY (get_job.task_identifiers))
       AND (get_job.forbidden_flags IS NULL OR (j.flags ?| get_job.forbidden_flags) IS NOT TRUE)
       AND (j.queue_name IS NULL
            OR EXISTS (SELECT FROM graphile_worker.job_queues AS q
                        WHERE q.queue_name = j.queue_name
                          AND (q.locked_at IS NULL OR q.locked_at < stale_before)
                          FOR UPDATE SKIP LOCKED))
     ORDER BY j.priority, j.run_at, j.id
     LIMIT 1
       FOR UPDATE SKIP LOCKED;

    IF found_id IS NULL THEN
        RETURN NULL;
    END IF;
    IF found_queue IS NOT NULL THEN
        UPDATE graphile_worker.job_queues AS q SET locked_by = get_job.worker_id, locked_at = get_job.now
         WHERE q.queue_name = found_queue;
    END IF;
    UPDATE graphile_worker.jobs AS j
       SET attempts = j.attempts + 1, locked_by = get_job.worker_id, locked_at = get_job.now
     WHERE j.id = found_id
    RETURNING * INTO result;
    RETURN result;
END
$fn$;

-- The three by-id functions act only on jobs not locked, or locked over four hours ago (a dead worker's),
-- and return the jobs they changed.
-- complete_jobs: deletes them, as after a successful run.
CREATE FUNCTION graphile_worker.complete_jobs(job_ids bigint[]) RETURNS SETOF graphile_worker.jobs
    LANGUAGE sql VOLATILE AS $fn$
    DELETE FROM graphile_worker.jobs AS j
     WHERE j.id = ANY (job_ids) AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING *
$fn$;

-- permanently_fail_jobs: uses up their attempts and records the reason (default 'Manually marked as failed').
CREATE FUNCTION graphile_worker.permanently_fail_jobs(job_ids bigint[], error_message text = NULL)
    RETURNS SETOF graphile_worker.jobs LANGUAGE sql VOLATILE AS $fn$
    UPDATE graphile_worker.jobs AS j
       SET attempts = j.max_attempts, last_error = coalesce(error_message, 'Manually marked as failed')
     WHERE j.id = ANY (job_ids) AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
    RETURNING *
$fn$;

-- reschedule_jobs: sets whichever of run_at, priority, attempts and max_attempts is given, keeps the rest.
CREATE FUNCTION graphile_worker.reschedule_jobs(
    job_ids bigint[],
    run_at timestamptz = NULL,
    priority int = NULL,
    attempts int = NULL,
    max_attempts int = NULL
) RETURNS SETOF graphile_worker.jobs LANGUAGE sql VOLATILE AS $fn$
    UPDATE graphile_worker.jobs AS j
       SET run_at = coalesce(reschedule_jobs.run_at, j.run_at),
           priority = coalesce(reschedule_jobs.priority, j.priority),
           attempts = coalesce(reschedule_jobs.attempts, j.attempts),
           max_attempts = coalesce(reschedule_jobs.max_attempts, j.max_attempts)
     WHERE j.id = ANY (job_ids) AND (j.locked_by IS NULL OR j.locked_at < now() - interval '4 hours')
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
-- 0.13's _100_timestamps trigger (sql/000001.sql) would stamp now() over the planted times: replica role skips it
SET session_replication_role = replica;
UPDATE graphile_worker.jobs AS j
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
RESET session_replication_role;
-- the crm queue is held by the worker running job 2, as get_job/getJob lock it
UPDATE graphile_worker.job_queues SET locked_at = now() - interval '50 minutes', locked_by = 'worker-9' WHERE queue_name = 'crm';
ANALYZE graphile_worker.jobs;
