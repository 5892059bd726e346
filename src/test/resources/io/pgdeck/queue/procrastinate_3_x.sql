-- Procrastinate 3.9.0, the latest 3.x release. Follows procrastinate/sql/schema.sql at tag 3.9.0
-- of github.com/procrastinate-org/procrastinate (and procrastinate/sql/queries.sql there for what
-- its worker and manager call: fetch_job_v2, retry_job_v2, cancel_job_v1, register_worker_v1).
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour.
--
-- Kept as in 3.9.0: the two enums and their labels ('aborting' stays in the status enum, unused
-- since 3.0.0: an abort is the abort_requested column); procrastinate_workers, procrastinate_jobs,
-- procrastinate_events and procrastinate_periodic_defers with their columns, keys, constraint
-- and indexes; the triggers that write the events pgdeck reads and the one that unlinks periodic
-- defers before a job is deleted.
-- Re-implemented: procrastinate_fetch_job_v2 (the worker's fetch the tests poll),
-- procrastinate_retry_job_v2 (pgdeck's retry) and procrastinate_cancel_job_v1 (pgdeck's cancel,
-- and delete of todo jobs).
-- Not here: the defer and finish functions (the planting below does what they do with its own
-- statements), the worker heartbeat functions, periodic deferring, retry_job_v1, and the
-- LISTEN/NOTIFY and abort_requested event triggers (events pgdeck does not read).
-- procrastinate_ages.sql then sets when each job's events happened.

CREATE TYPE procrastinate_job_status AS ENUM
    ('todo', 'doing', 'succeeded', 'failed', 'cancelled', 'aborting', 'aborted');

CREATE TYPE procrastinate_job_event_type AS ENUM ('deferred', 'started', 'deferred_for_retry', 'failed',
    'succeeded', 'cancelled', 'abort_requested', 'aborted', 'scheduled', 'retried');

CREATE TABLE procrastinate_workers (
    id              bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    last_heartbeat  timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE procrastinate_jobs (
    id               bigserial PRIMARY KEY,
    queue_name       varchar(128) NOT NULL,
    task_name        varchar(128) NOT NULL,
    priority         integer NOT NULL DEFAULT 0,
    lock             text,
    queueing_lock    text,
    args             jsonb NOT NULL DEFAULT '{}',
    status           procrastinate_job_status NOT NULL DEFAULT 'todo',
    scheduled_at     timestamptz,
    attempts         integer NOT NULL DEFAULT 0,
    abort_requested  boolean NOT NULL DEFAULT false,
    worker_id        bigint REFERENCES procrastinate_workers (id) ON DELETE SET NULL,
    -- a todo job cannot carry an abort request
    CONSTRAINT check_not_todo_abort_requested CHECK (NOT (status = 'todo' AND abort_requested))
);

CREATE TABLE procrastinate_periodic_defers (
    id               bigserial PRIMARY KEY,
    task_name        varchar(128) NOT NULL,
    defer_timestamp  bigint,
    job_id           bigint REFERENCES procrastinate_jobs (id),
    periodic_id      varchar(128) NOT NULL DEFAULT '',
    CONSTRAINT procrastinate_periodic_defers_unique UNIQUE (task_name, periodic_id, defer_timestamp)
);

CREATE TABLE procrastinate_events (
    id      bigserial PRIMARY KEY,
    job_id  bigint NOT NULL REFERENCES procrastinate_jobs ON DELETE CASCADE,
    type    procrastinate_job_event_type,
    at      timestamptz DEFAULT now()
);

-- one todo job per queueing lock, one doing job per lock
CREATE UNIQUE INDEX procrastinate_jobs_queueing_lock_idx_v1 ON procrastinate_jobs (queueing_lock) WHERE status = 'todo';
CREATE UNIQUE INDEX procrastinate_jobs_lock_idx_v1 ON procrastinate_jobs (lock) WHERE status = 'doing';
CREATE INDEX idx_procrastinate_jobs_worker_not_null ON procrastinate_jobs (worker_id)
    WHERE worker_id IS NOT NULL AND status = 'doing';
CREATE INDEX procrastinate_jobs_queue_name_idx_v1 ON procrastinate_jobs (queue_name);
CREATE INDEX procrastinate_jobs_id_lock_idx_v1 ON procrastinate_jobs (id, lock) WHERE status IN ('todo', 'doing');
CREATE INDEX procrastinate_jobs_priority_idx_v1 ON procrastinate_jobs (priority DESC, id ASC) WHERE status = 'todo';
CREATE INDEX procrastinate_events_job_id_fkey_v1 ON procrastinate_events (job_id);
CREATE INDEX procrastinate_periodic_defers_job_id_fkey_v1 ON procrastinate_periodic_defers (job_id);
CREATE INDEX idx_procrastinate_workers_last_heartbeat ON procrastinate_workers (last_heartbeat);

-- The worker's fetch (queries.sql fetch_job): of the todo jobs in the given queues (any queue for
-- NULL) that are due, the first by priority (highest) then id, unless its lock is held by a doing
-- job or by a todo job ahead of it (higher priority, or the same priority and a lower id). Rows
-- other workers have locked are skipped. It becomes doing, owned by the given worker, and is
-- returned; with none, the returned row is all NULL.
CREATE FUNCTION procrastinate_fetch_job_v2(target_queue_names varchar[], p_worker_id bigint)
RETURNS procrastinate_jobs
LANGUAGE plpgsql AS $fn$
DECLARE
    next_id bigint;
    taken procrastinate_jobs;
BEGIN
    SELECT j.id INTO next_id
    FROM procrastinate_jobs AS j
    WHERE j.status = 'todo'
      AND (target_queue_names IS NULL OR j.queue_name = ANY (target_queue_names))
      AND coalesce(j.scheduled_at <= now(), true)
      AND (j.lock IS NULL OR NOT EXISTS (
            SELECT FROM procrastinate_jobs AS blocker
            WHERE blocker.lock = j.lock
              AND (blocker.status = 'doing'
                   OR (blocker.status = 'todo' AND (blocker.priority, -blocker.id) > (j.priority, -j.id)))))
    ORDER BY j.priority DESC, j.id
    LIMIT 1
    FOR UPDATE OF j SKIP LOCKED;

    UPDATE procrastinate_jobs SET status = 'doing', worker_id = p_worker_id
    WHERE id = next_id
    RETURNING * INTO taken;
    RETURN taken;
END;
$fn$;

-- The manager's cancel (queries.sql cancel_job). With delete_job a todo job is deleted and its id
-- returned. Otherwise (or when nothing was deleted) a todo job becomes cancelled; with abort a
-- todo or doing job also gets abort_requested, a doing job keeping its status. Returns the job's
-- id, or NULL when no job changed.
CREATE FUNCTION procrastinate_cancel_job_v1(job_id bigint, abort boolean, delete_job boolean)
RETURNS bigint
LANGUAGE plpgsql AS $fn$
DECLARE
    changed bigint;
BEGIN
    IF delete_job THEN
        DELETE FROM procrastinate_jobs WHERE id = job_id AND status = 'todo' RETURNING id INTO changed;
        IF changed IS NOT NULL THEN
            RETURN changed;
        END IF;
    END IF;
    IF abort THEN
        UPDATE procrastinate_jobs
        SET abort_requested = true,
            status = CASE WHEN status = 'todo' THEN 'cancelled'::procrastinate_job_status ELSE status END
        WHERE id = job_id AND status IN ('todo', 'doing')
        RETURNING id INTO changed;
    ELSE
        UPDATE procrastinate_jobs SET status = 'cancelled' WHERE id = job_id AND status = 'todo'
        RETURNING id INTO changed;
    END IF;
    RETURN changed;
END;
$fn$;

-- The retry (queries.sql retry_job; the shell's retry of a failed job calls it too). The job must
-- be doing or failed; its row is locked first. A doing job whose abort was requested ends failed.
-- Any other goes back to todo at retry_at with one attempt more, its priority, queue and lock
-- replaced by the new ones given (NULL keeps each). A job in another status raises an error.
CREATE FUNCTION procrastinate_retry_job_v2(job_id bigint, retry_at timestamptz, new_priority integer,
    new_queue_name varchar, new_lock varchar)
RETURNS void
LANGUAGE plpgsql AS $fn$
DECLARE
    job procrastinate_jobs;
BEGIN
    SELECT * INTO job FROM procrastinate_jobs WHERE id = job_id AND status IN ('doing', 'failed') FOR UPDATE;
    IF NOT FOUND THEN
        RAISE 'procrastinate job % cannot be retried: it does not exist or is neither doing nor failed', job_id;
    END IF;
    IF job.status = 'doing' AND job.abort_requested THEN
        UPDATE procrastinate_jobs SET status = 'failed' WHERE id = job_id;
    ELSE
        UPDATE procrastinate_jobs
        SET status = 'todo',
            attempts = attempts + 1,
            scheduled_at = retry_at,
            priority = coalesce(new_priority, priority),
            queue_name = coalesce(new_queue_name, queue_name),
            lock = coalesce(new_lock, lock)
        WHERE id = job_id;
    END IF;
END;
$fn$;

-- Events: 'deferred' when a todo job is inserted, 'scheduled' (at its scheduled_at) whenever a
-- todo job has one, and one event per status change the library names.
CREATE FUNCTION procrastinate_trigger_function_status_events_insert_v1()
RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, 'deferred');
    RETURN NEW;
END;
$fn$;

CREATE FUNCTION procrastinate_trigger_function_scheduled_events_v1()
RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO procrastinate_events (job_id, type, at) VALUES (NEW.id, 'scheduled', NEW.scheduled_at);
    RETURN NEW;
END;
$fn$;

CREATE FUNCTION procrastinate_trigger_function_status_events_update_v1()
RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    kind procrastinate_job_event_type := CASE OLD.status::text || ' > ' || NEW.status::text
        WHEN 'todo > doing' THEN 'started'
        WHEN 'doing > todo' THEN 'deferred_for_retry'
        WHEN 'doing > failed' THEN 'failed'
        WHEN 'doing > succeeded' THEN 'succeeded'
        WHEN 'todo > cancelled' THEN 'cancelled'
        WHEN 'todo > failed' THEN 'cancelled'
        WHEN 'todo > succeeded' THEN 'cancelled'
        WHEN 'doing > aborted' THEN 'aborted'
        WHEN 'failed > todo' THEN 'retried'
    END::procrastinate_job_event_type;
BEGIN
    IF kind IS NOT NULL THEN
        INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, kind);
    END IF;
    RETURN NEW;
END;
$fn$;

-- a deleted job's periodic defer keeps its row, without the job
CREATE FUNCTION procrastinate_unlink_periodic_defers_v1()
RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE procrastinate_periodic_defers SET job_id = NULL WHERE job_id = OLD.id;
    RETURN OLD;
END;
$fn$;

CREATE TRIGGER procrastinate_trigger_status_events_insert_v1 AFTER INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (NEW.status = 'todo') EXECUTE PROCEDURE procrastinate_trigger_function_status_events_insert_v1();
CREATE TRIGGER procrastinate_trigger_status_events_update_v1 AFTER UPDATE OF status ON procrastinate_jobs
    FOR EACH ROW EXECUTE PROCEDURE procrastinate_trigger_function_status_events_update_v1();
CREATE TRIGGER procrastinate_trigger_scheduled_events_v1 AFTER INSERT OR UPDATE ON procrastinate_jobs
    FOR EACH ROW WHEN (NEW.scheduled_at IS NOT NULL AND NEW.status = 'todo')
    EXECUTE PROCEDURE procrastinate_trigger_function_scheduled_events_v1();
CREATE TRIGGER procrastinate_trigger_delete_jobs_v1 BEFORE DELETE ON procrastinate_jobs
    FOR EACH ROW EXECUTE PROCEDURE procrastinate_unlink_periodic_defers_v1();

-- Planting ------------------------------------------------------------------------------------
-- Helpers of this fixture only (dropped at the end), each doing what a 3.9.0 function does:
-- the worker registers as procrastinate_register_worker_v1 (a row in procrastinate_workers),
-- fixture_defer inserts as procrastinate_defer_jobs_v1 (priority 0), fixture_finish updates as
-- procrastinate_finish_job_v1 (from todo or doing, the abort request cleared, an attempt more when
-- the job was doing). Retries and aborts go through procrastinate_retry_job_v2 and
-- procrastinate_cancel_job_v1 above. fixture_fetch checks that the worker's fetch took the job
-- meant, so the ids below are the states they name.
CREATE FUNCTION fixture_defer(queue text, task text, qlock text, due timestamptz) RETURNS bigint
LANGUAGE sql AS $fn$
    INSERT INTO procrastinate_jobs (queue_name, task_name, priority, lock, queueing_lock, args, scheduled_at)
    VALUES (queue, task, 0, NULL, qlock, '{"n": 1}', due)
    RETURNING id;
$fn$;
CREATE FUNCTION fixture_fetch(queue text, expected bigint, worker bigint) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    got bigint;
BEGIN
    SELECT id INTO got FROM procrastinate_fetch_job_v2(ARRAY[queue]::varchar[], worker);
    IF got IS DISTINCT FROM expected THEN
        RAISE 'the worker fetched job % instead of %', got, expected;
    END IF;
END;
$fn$;
CREATE FUNCTION fixture_finish(job bigint, outcome procrastinate_job_status) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE procrastinate_jobs
    SET status = outcome, abort_requested = false, attempts = attempts + (status = 'doing')::int
    WHERE id = job AND status IN ('todo', 'doing');
    IF NOT FOUND THEN
        RAISE 'job % is neither todo nor doing', job;
    END IF;
END;
$fn$;

--  1    succeeded                          7   cancelled (todo, cancel_job)
--  2-3  failed after three attempts        8   aborted (abort requested while doing, then finished aborted)
--  4    todo, retry scheduled in 5 minutes 9-10 todo, due
--  5    doing                              11  todo, scheduled in an hour
--  6    doing with abort_requested         12  emails: failed, queueing lock "newsletter"
--                                          13  emails: todo holding the same queueing lock
DO $$
DECLARE
    w bigint;
    j bigint;
BEGIN
    INSERT INTO procrastinate_workers DEFAULT VALUES RETURNING id INTO w;
    j := fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_fetch('default', j, w);
    PERFORM fixture_finish(j, 'succeeded');
    FOR i IN 1..2 LOOP
        j := fixture_defer('default', 'tasks.charge_card', NULL, NULL);
        PERFORM fixture_fetch('default', j, w);
        PERFORM procrastinate_retry_job_v2(j, now(), NULL, NULL, NULL);
        PERFORM fixture_fetch('default', j, w);
        PERFORM procrastinate_retry_job_v2(j, now(), NULL, NULL, NULL);
        PERFORM fixture_fetch('default', j, w);
        PERFORM fixture_finish(j, 'failed');
    END LOOP;
    j := fixture_defer('default', 'tasks.charge_card', NULL, NULL);
    PERFORM fixture_fetch('default', j, w);
    PERFORM procrastinate_retry_job_v2(j, now() + interval '5 minutes', NULL, NULL, NULL);
    j := fixture_defer('default', 'tasks.import_feed', NULL, NULL);
    PERFORM fixture_fetch('default', j, w);
    j := fixture_defer('default', 'tasks.import_feed', NULL, NULL);
    PERFORM fixture_fetch('default', j, w);
    PERFORM procrastinate_cancel_job_v1(j, true, false);
    j := fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM procrastinate_cancel_job_v1(j, false, false);
    j := fixture_defer('default', 'tasks.import_feed', NULL, NULL);
    PERFORM fixture_fetch('default', j, w);
    PERFORM procrastinate_cancel_job_v1(j, true, false);
    PERFORM fixture_finish(j, 'aborted');
    PERFORM fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_defer('default', 'tasks.digest', NULL, now() + interval '1 hour');
    j := fixture_defer('emails', 'tasks.newsletter', 'newsletter', NULL);
    PERFORM fixture_fetch('emails', j, w);
    PERFORM fixture_finish(j, 'failed');
    PERFORM fixture_defer('emails', 'tasks.newsletter', 'newsletter', NULL);
END;
$$;

DROP FUNCTION fixture_finish(bigint, procrastinate_job_status);
DROP FUNCTION fixture_fetch(text, bigint, bigint);
DROP FUNCTION fixture_defer(text, text, text, timestamptz);
