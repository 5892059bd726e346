-- Procrastinate 2.0.0, the oldest 2.x release. Follows procrastinate/sql/schema.sql at tag 2.0.0
-- of github.com/procrastinate-org/procrastinate (and procrastinate/sql/queries.sql there for what
-- its worker calls). Written for pgdeck from that source: the schema objects pgdeck and these
-- tests touch, and the functions re-implemented with the same behaviour. In 2.0.0 the jobs have
-- no priority, the statuses no cancel states, and there is no cancel function.
--
-- Kept as in 2.0.0: the two enums and their labels; procrastinate_jobs, procrastinate_events and
-- procrastinate_periodic_defers with their columns, keys and partial indexes; the triggers that
-- write the events pgdeck reads and the one that unlinks periodic defers before a job is deleted.
-- Re-implemented: procrastinate_fetch_job, the worker's fetch the tests poll.
-- Not here: the defer, finish and retry functions (the planting below does what they do with its
-- own statements), periodic deferring, and the LISTEN/NOTIFY trigger.
-- procrastinate_ages.sql then sets when each job's events happened.

CREATE TYPE procrastinate_job_status AS ENUM ('todo', 'doing', 'succeeded', 'failed');

CREATE TYPE procrastinate_job_event_type AS ENUM
    ('deferred', 'started', 'deferred_for_retry', 'failed', 'succeeded', 'cancelled', 'scheduled');

CREATE TABLE procrastinate_jobs (
    id             bigserial PRIMARY KEY,
    queue_name     varchar(128) NOT NULL,
    task_name      varchar(128) NOT NULL,
    lock           text,
    queueing_lock  text,
    args           jsonb NOT NULL DEFAULT '{}',
    status         procrastinate_job_status NOT NULL DEFAULT 'todo',
    scheduled_at   timestamptz,
    attempts       integer NOT NULL DEFAULT 0
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
CREATE UNIQUE INDEX procrastinate_jobs_queueing_lock_idx ON procrastinate_jobs (queueing_lock) WHERE status = 'todo';
CREATE UNIQUE INDEX procrastinate_jobs_lock_idx ON procrastinate_jobs (lock) WHERE status = 'doing';
CREATE INDEX procrastinate_jobs_queue_name_idx ON procrastinate_jobs (queue_name);
CREATE INDEX procrastinate_jobs_id_lock_idx ON procrastinate_jobs (id, lock) WHERE status IN ('todo', 'doing');
CREATE INDEX procrastinate_events_job_id_fkey ON procrastinate_events (job_id);
CREATE INDEX procrastinate_periodic_defers_job_id_fkey ON procrastinate_periodic_defers (job_id);

-- The worker's fetch (queries.sql fetch_job): of the todo jobs in the given queues (any queue for
-- NULL) that are due, the one with the lowest id whose lock no lower-id todo or doing job holds.
-- Rows other workers have locked are skipped. It becomes doing and is returned; with none, the
-- returned row is all NULL.
CREATE FUNCTION procrastinate_fetch_job(target_queue_names varchar[])
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
            WHERE blocker.lock = j.lock AND blocker.id < j.id AND blocker.status IN ('todo', 'doing')))
    ORDER BY j.id
    LIMIT 1
    FOR UPDATE OF j SKIP LOCKED;

    UPDATE procrastinate_jobs SET status = 'doing' WHERE id = next_id RETURNING * INTO taken;
    RETURN taken;
END;
$fn$;

-- Events: 'deferred' when a todo job is inserted, 'scheduled' (at its scheduled_at) whenever a
-- todo job has one, and one event per status change the library names.
CREATE FUNCTION procrastinate_trigger_status_events_procedure_insert()
RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, 'deferred');
    RETURN NEW;
END;
$fn$;

CREATE FUNCTION procrastinate_trigger_scheduled_events_procedure()
RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    INSERT INTO procrastinate_events (job_id, type, at) VALUES (NEW.id, 'scheduled', NEW.scheduled_at);
    RETURN NEW;
END;
$fn$;

CREATE FUNCTION procrastinate_trigger_status_events_procedure_update()
RETURNS trigger LANGUAGE plpgsql AS $fn$
DECLARE
    kind procrastinate_job_event_type := CASE OLD.status::text || ' > ' || NEW.status::text
        WHEN 'todo > doing' THEN 'started'
        WHEN 'doing > todo' THEN 'deferred_for_retry'
        WHEN 'doing > failed' THEN 'failed'
        WHEN 'doing > succeeded' THEN 'succeeded'
        WHEN 'todo > failed' THEN 'cancelled'
        WHEN 'todo > succeeded' THEN 'cancelled'
    END::procrastinate_job_event_type;
BEGIN
    IF kind IS NOT NULL THEN
        INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, kind);
    END IF;
    RETURN NEW;
END;
$fn$;

-- a deleted job's periodic defer keeps its row, without the job
CREATE FUNCTION procrastinate_unlink_periodic_defers()
RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE procrastinate_periodic_defers SET job_id = NULL WHERE job_id = OLD.id;
    RETURN OLD;
END;
$fn$;

CREATE TRIGGER procrastinate_trigger_status_events_insert AFTER INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (NEW.status = 'todo') EXECUTE PROCEDURE procrastinate_trigger_status_events_procedure_insert();
CREATE TRIGGER procrastinate_trigger_status_events_update AFTER UPDATE OF status ON procrastinate_jobs
    FOR EACH ROW EXECUTE PROCEDURE procrastinate_trigger_status_events_procedure_update();
CREATE TRIGGER procrastinate_trigger_scheduled_events AFTER INSERT OR UPDATE ON procrastinate_jobs
    FOR EACH ROW WHEN (NEW.scheduled_at IS NOT NULL AND NEW.status = 'todo')
    EXECUTE PROCEDURE procrastinate_trigger_scheduled_events_procedure();
CREATE TRIGGER procrastinate_trigger_delete_jobs BEFORE DELETE ON procrastinate_jobs
    FOR EACH ROW EXECUTE PROCEDURE procrastinate_unlink_periodic_defers();

-- Planting ------------------------------------------------------------------------------------
-- Helpers of this fixture only (dropped at the end), each doing what a 2.0.0 function does:
-- fixture_defer inserts as procrastinate_defer_job, fixture_finish updates as
-- procrastinate_finish_job (an attempt more when the job was doing), fixture_retry as
-- procrastinate_retry_job (a doing job back to todo at retry_at, an attempt more).
-- fixture_fetch checks that the worker's fetch took the job meant, so the ids below are the
-- states they name.
CREATE FUNCTION fixture_defer(queue text, task text, qlock text, due timestamptz) RETURNS bigint
LANGUAGE sql AS $fn$
    INSERT INTO procrastinate_jobs (queue_name, task_name, lock, queueing_lock, args, scheduled_at)
    VALUES (queue, task, NULL, qlock, '{"n": 1}', due)
    RETURNING id;
$fn$;
CREATE FUNCTION fixture_fetch(queue text, expected bigint) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    got bigint;
BEGIN
    SELECT id INTO got FROM procrastinate_fetch_job(ARRAY[queue]::varchar[]);
    IF got IS DISTINCT FROM expected THEN
        RAISE 'the worker fetched job % instead of %', got, expected;
    END IF;
END;
$fn$;
CREATE FUNCTION fixture_finish(job bigint, outcome procrastinate_job_status) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE procrastinate_jobs SET status = outcome, attempts = attempts + (status = 'doing')::int
    WHERE id = job AND status IN ('todo', 'doing');
    IF NOT FOUND THEN
        RAISE 'job % is neither todo nor doing', job;
    END IF;
END;
$fn$;
CREATE FUNCTION fixture_retry(job bigint, retry_at timestamptz) RETURNS void LANGUAGE plpgsql AS $fn$
BEGIN
    UPDATE procrastinate_jobs SET status = 'todo', attempts = attempts + 1, scheduled_at = retry_at
    WHERE id = job AND status = 'doing';
    IF NOT FOUND THEN
        RAISE 'job % is not doing', job;
    END IF;
END;
$fn$;

--  1, 8 succeeded                         7   failed straight from todo (2.0 records it as 'cancelled')
--  2-3  failed after three attempts        9-10 todo, due
--  4    todo, retry scheduled in 5 minutes 11  todo, scheduled in an hour
--  5-6  doing                              12  emails: failed, queueing lock "newsletter"
--                                          13  emails: todo holding the same queueing lock
DO $$
DECLARE
    j bigint;
BEGIN
    j := fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_fetch('default', j);
    PERFORM fixture_finish(j, 'succeeded');
    FOR i IN 1..2 LOOP
        j := fixture_defer('default', 'tasks.charge_card', NULL, NULL);
        PERFORM fixture_fetch('default', j);
        PERFORM fixture_retry(j, now());
        PERFORM fixture_fetch('default', j);
        PERFORM fixture_retry(j, now());
        PERFORM fixture_fetch('default', j);
        PERFORM fixture_finish(j, 'failed');
    END LOOP;
    j := fixture_defer('default', 'tasks.charge_card', NULL, NULL);
    PERFORM fixture_fetch('default', j);
    PERFORM fixture_retry(j, now() + interval '5 minutes');
    j := fixture_defer('default', 'tasks.import_feed', NULL, NULL);
    PERFORM fixture_fetch('default', j);
    j := fixture_defer('default', 'tasks.import_feed', NULL, NULL);
    PERFORM fixture_fetch('default', j);
    j := fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_finish(j, 'failed');
    j := fixture_defer('default', 'tasks.import_feed', NULL, NULL);
    PERFORM fixture_fetch('default', j);
    PERFORM fixture_finish(j, 'succeeded');
    PERFORM fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_defer('default', 'tasks.send_receipt', NULL, NULL);
    PERFORM fixture_defer('default', 'tasks.digest', NULL, now() + interval '1 hour');
    j := fixture_defer('emails', 'tasks.newsletter', 'newsletter', NULL);
    PERFORM fixture_fetch('emails', j);
    PERFORM fixture_finish(j, 'failed');
    PERFORM fixture_defer('emails', 'tasks.newsletter', 'newsletter', NULL);
END;
$$;

DROP FUNCTION fixture_retry(bigint, timestamptz);
DROP FUNCTION fixture_finish(bigint, procrastinate_job_status);
DROP FUNCTION fixture_fetch(text, bigint);
DROP FUNCTION fixture_defer(text, text, text, timestamptz);
