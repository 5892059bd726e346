-- Procrastinate 3.x schema (procrastinate/sql/schema.sql) in the public schema: the job status
-- enum still carries the legacy 'aborting' value, aborts are requested through abort_requested.
-- Trigger and function bodies are written for this fixture with the library's behaviour:
-- status changes are recorded in procrastinate_events, new todo jobs are notified.

CREATE TYPE procrastinate_job_status AS ENUM (
    'todo', 'doing', 'succeeded', 'failed', 'cancelled', 'aborting', 'aborted');

CREATE TYPE procrastinate_job_event_type AS ENUM (
    'deferred', 'started', 'deferred_for_retry', 'failed', 'succeeded', 'cancelled',
    'abort_requested', 'aborted', 'scheduled');

CREATE TABLE procrastinate_jobs (
    id bigserial PRIMARY KEY,
    queue_name character varying(128) NOT NULL,
    task_name character varying(128) NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    lock text,
    queueing_lock text,
    args jsonb DEFAULT '{}' NOT NULL,
    status procrastinate_job_status DEFAULT 'todo'::procrastinate_job_status NOT NULL,
    scheduled_at timestamp with time zone NULL,
    attempts integer DEFAULT 0 NOT NULL,
    abort_requested boolean DEFAULT false NOT NULL,
    worker_id character varying(36) NULL,
    CONSTRAINT check_not_todo_abort_requested CHECK (NOT (status = 'todo' AND abort_requested = true))
);

CREATE TABLE procrastinate_events (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES procrastinate_jobs ON DELETE CASCADE,
    type procrastinate_job_event_type,
    at timestamp with time zone DEFAULT now() NULL
);

CREATE TABLE procrastinate_periodic_defers (
    id bigserial PRIMARY KEY,
    task_name character varying(128) NOT NULL,
    defer_timestamp bigint,
    job_id bigint REFERENCES procrastinate_jobs (id) NULL,
    periodic_id character varying(128) NOT NULL DEFAULT '',
    CONSTRAINT procrastinate_periodic_defers_unique UNIQUE (task_name, periodic_id, defer_timestamp)
);

CREATE TABLE procrastinate_workers (
    id bigserial PRIMARY KEY,
    worker_id character varying(36) NOT NULL UNIQUE,
    last_heartbeat timestamp with time zone NOT NULL DEFAULT now()
);

CREATE UNIQUE INDEX procrastinate_jobs_queueing_lock_idx_v1 ON procrastinate_jobs (queueing_lock) WHERE status = 'todo';
CREATE UNIQUE INDEX procrastinate_jobs_lock_idx_v1 ON procrastinate_jobs (lock) WHERE status = 'doing';
CREATE INDEX procrastinate_jobs_queue_name_idx_v1 ON procrastinate_jobs (queue_name);
CREATE INDEX procrastinate_jobs_id_lock_idx_v1 ON procrastinate_jobs (id, lock)
    WHERE status = ANY (ARRAY['todo'::procrastinate_job_status, 'doing'::procrastinate_job_status]);
CREATE INDEX procrastinate_jobs_priority_idx_v1 ON procrastinate_jobs (priority DESC, id ASC)
    WHERE status = 'todo'::procrastinate_job_status;
CREATE INDEX procrastinate_events_job_id_fkey_v1 ON procrastinate_events (job_id);

-- Cancels a todo job (or requests the abort of a doing one); returns the id when it did something.
CREATE FUNCTION procrastinate_cancel_job_v1(job_id bigint, abort boolean, delete_job boolean)
RETURNS bigint LANGUAGE plpgsql AS $$
DECLARE
    _job_id bigint;
BEGIN
    IF delete_job THEN
        DELETE FROM procrastinate_jobs WHERE id = job_id AND status = 'todo' RETURNING id INTO _job_id;
    END IF;
    IF _job_id IS NULL THEN
        IF abort THEN
            UPDATE procrastinate_jobs
               SET abort_requested = true,
                   status = CASE status WHEN 'todo' THEN 'cancelled'::procrastinate_job_status ELSE status END
             WHERE id = job_id AND status IN ('todo', 'doing')
            RETURNING id INTO _job_id;
        ELSE
            UPDATE procrastinate_jobs SET status = 'cancelled'::procrastinate_job_status
             WHERE id = job_id AND status = 'todo'
            RETURNING id INTO _job_id;
        END IF;
    END IF;
    RETURN _job_id;
END;
$$;

CREATE FUNCTION procrastinate_notify_queue_job_inserted_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('procrastinate_any_queue_v1', json_build_object('type', 'job_inserted', 'job_id', NEW.id)::text);
    RETURN NEW;
END;
$$;

CREATE FUNCTION procrastinate_trigger_function_status_events_insert_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO procrastinate_events (job_id, type) VALUES (NEW.id, 'deferred');
    RETURN NEW;
END;
$$;

CREATE FUNCTION procrastinate_trigger_function_status_events_update_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO procrastinate_events (job_id, type)
    SELECT NEW.id, t.event_type FROM (SELECT CASE
        WHEN OLD.status = 'todo' AND NEW.status = 'doing' THEN 'started'::procrastinate_job_event_type
        WHEN OLD.status = 'doing' AND NEW.status = 'todo' THEN 'deferred_for_retry'
        WHEN OLD.status = 'doing' AND NEW.status = 'failed' THEN 'failed'
        WHEN OLD.status = 'doing' AND NEW.status = 'succeeded' THEN 'succeeded'
        WHEN OLD.status = 'todo' AND NEW.status IN ('cancelled', 'failed', 'succeeded') THEN 'cancelled'
        WHEN OLD.status = 'doing' AND NEW.status = 'aborted' THEN 'aborted'
        END AS event_type) t
    WHERE t.event_type IS NOT NULL;
    RETURN NEW;
END;
$$;

CREATE FUNCTION procrastinate_trigger_function_scheduled_events_v1() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO procrastinate_events (job_id, type, at) VALUES (NEW.id, 'scheduled', NEW.scheduled_at);
    RETURN NEW;
END;
$$;

CREATE TRIGGER procrastinate_jobs_notify_queue_job_inserted_v1 AFTER INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (new.status = 'todo'::procrastinate_job_status)
    EXECUTE PROCEDURE procrastinate_notify_queue_job_inserted_v1();
CREATE TRIGGER procrastinate_trigger_status_events_update_v1 AFTER UPDATE OF status ON procrastinate_jobs
    FOR EACH ROW EXECUTE PROCEDURE procrastinate_trigger_function_status_events_update_v1();
CREATE TRIGGER procrastinate_trigger_status_events_insert_v1 AFTER INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (new.status = 'todo'::procrastinate_job_status)
    EXECUTE PROCEDURE procrastinate_trigger_function_status_events_insert_v1();
CREATE TRIGGER procrastinate_trigger_scheduled_events_v1 AFTER UPDATE OR INSERT ON procrastinate_jobs
    FOR EACH ROW WHEN (new.scheduled_at IS NOT NULL AND new.status = 'todo'::procrastinate_job_status)
    EXECUTE PROCEDURE procrastinate_trigger_function_scheduled_events_v1();

INSERT INTO procrastinate_workers (worker_id) VALUES ('w-1');

-- Jobs, ids 1..12 in this order. Procrastinate has no enqueue time column: the 'deferred'
-- event's "at" is the job's age, so the events are planted with their times.
--  1-2  todo, due (deferred 10 and 2 minutes ago)
--  3    todo, scheduled in an hour
--  4    todo after a failed attempt: retry scheduled in 5 minutes (attempts = 1)
--  5    doing; 6 aborting (legacy status, abort requested while doing)
--  7    succeeded; 8-9 failed; 10 cancelled; 11 aborted
--  12   queue "emails": todo with a queueing lock that a newer todo job (13) also holds
INSERT INTO procrastinate_jobs (queue_name, task_name, priority, lock, queueing_lock, args, status, scheduled_at,
                                attempts, abort_requested, worker_id)
SELECT queue_name, task_name, 0, NULL, queueing_lock, '{"n": 1}', status::procrastinate_job_status,
       now() + scheduled_in, attempts, abort_requested, worker_id
FROM (VALUES
    (1,  'default', 'tasks.send_receipt', NULL, 'todo', NULL::interval, 0, false, NULL),
    (2,  'default', 'tasks.send_receipt', NULL, 'todo', NULL, 0, false, NULL),
    (3,  'default', 'tasks.digest', NULL, 'todo', interval '1 hour', 0, false, NULL),
    (4,  'default', 'tasks.charge_card', NULL, 'todo', interval '5 minutes', 1, false, NULL),
    (5,  'default', 'tasks.import_feed', NULL, 'doing', NULL, 0, false, 'w-1'),
    (6,  'default', 'tasks.import_feed', NULL, 'aborting', NULL, 0, true, 'w-1'),
    (7,  'default', 'tasks.send_receipt', NULL, 'succeeded', NULL, 1, false, NULL),
    (8,  'default', 'tasks.charge_card', NULL, 'failed', NULL, 3, false, NULL),
    (9,  'default', 'tasks.charge_card', NULL, 'failed', NULL, 3, false, NULL),
    (10, 'default', 'tasks.send_receipt', NULL, 'cancelled', NULL, 0, false, NULL),
    (11, 'default', 'tasks.import_feed', NULL, 'aborted', NULL, 1, false, NULL),
    (12, 'emails',  'tasks.newsletter', 'newsletter', 'failed', NULL, 1, false, NULL),
    (13, 'emails',  'tasks.newsletter', 'newsletter', 'todo', NULL, 0, false, NULL)
) AS j (n, queue_name, task_name, queueing_lock, status, scheduled_in, attempts, abort_requested, worker_id)
ORDER BY n;

-- Every job was deferred at a known time; the insert trigger wrote 'deferred' events at now().
UPDATE procrastinate_events e SET at = now() - d.ago
FROM (VALUES (1, interval '10 minutes'), (2, interval '2 minutes'), (3, interval '1 minute'), (4, interval '20 minutes'),
             (5, interval '4 minutes'), (6, interval '6 minutes'), (7, interval '30 minutes'), (8, interval '50 minutes'),
             (9, interval '40 minutes'), (10, interval '15 minutes'), (11, interval '25 minutes'), (12, interval '60 minutes'),
             (13, interval '3 minutes')) AS d (job_id, ago)
WHERE e.job_id = d.job_id AND e.type = 'deferred';
INSERT INTO procrastinate_events (job_id, type, at)
SELECT job_id, 'deferred', now() - ago
FROM (VALUES (5, interval '4 minutes'), (6, interval '6 minutes'), (7, interval '30 minutes'), (8, interval '50 minutes'),
             (9, interval '40 minutes'), (10, interval '15 minutes'), (11, interval '25 minutes'), (12, interval '60 minutes'))
     AS d (job_id, ago);
