-- Que 2.1-2.4, schema version 7. Follows que-rb/que tag v2.4.1: lib/que/migrations/1..7/up.sql (the
-- tables as migration 7 leaves them: 5 adds job_schema_version to jobs and lockers and lockers are
-- notified only of jobs of their version, 6 adds kwargs and makes job_schema_version required with no
-- default, 7 lets que.skip_notify = 'true' silence both triggers), lib/que/migrations.rb (the version
-- kept as the table's comment), lib/que/locker.rb and lib/que/job.rb (the inserts imitated below).
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour. Left out: que_values and the GIN indexes on
-- args, data and kwargs, which neither pgdeck nor a worker's poll reads.
-- Load order: que_jobs.sql (the jobs to enqueue), que_functions.sql (the functions versions 4
-- and 7 share), this file, que_worked.sql (what workers did).

-- que_jobs after migration 7, columns in the order the migrations leave them (the sequence is
-- que_jobs_id_seq, as 4 renames it).
CREATE TABLE que_jobs (
    priority             smallint    NOT NULL DEFAULT 100,
    run_at               timestamptz NOT NULL DEFAULT now(),
    id                   bigserial   PRIMARY KEY,
    job_class            text        NOT NULL,
    error_count          integer     NOT NULL DEFAULT 0,
    last_error_message   text,
    queue                text        NOT NULL DEFAULT 'default',
    last_error_backtrace text,
    finished_at          timestamptz,
    expired_at           timestamptz,
    args                 jsonb       NOT NULL DEFAULT '[]',
    data                 jsonb       NOT NULL DEFAULT '{}',
    job_schema_version   integer     NOT NULL,
    kwargs               jsonb       NOT NULL DEFAULT '{}'
);

-- The five checks migration 4 added, same names and conditions (valid_data calls que_validate_tags,
-- from que_functions.sql).
ALTER TABLE que_jobs
    ADD CONSTRAINT queue_length CHECK (char_length(queue) <= 100),
    ADD CONSTRAINT job_class_length CHECK (char_length(
        CASE WHEN job_class = 'ActiveJob::QueueAdapters::QueAdapter::JobWrapper' THEN args -> 0 ->> 'job_class'
             ELSE job_class END) <= 200),
    ADD CONSTRAINT valid_args CHECK (jsonb_typeof(args) = 'array'),
    ADD CONSTRAINT valid_data CHECK (jsonb_typeof(data) = 'object' AND (NOT data ? 'tags' OR (
        jsonb_typeof(data -> 'tags') = 'array' AND jsonb_array_length(data -> 'tags') <= 5
        AND public.que_validate_tags(data -> 'tags')))),
    ADD CONSTRAINT error_length CHECK (char_length(last_error_message) <= 500
        AND char_length(last_error_backtrace) <= 10000);

-- The index a worker's poll walks (6 renames 5's to this name): unfinished jobs by job schema
-- version, queue, priority, run_at, id.
CREATE INDEX que_poll_idx ON que_jobs (job_schema_version, queue, priority, run_at, id)
    WHERE finished_at IS NULL AND expired_at IS NULL;

-- One row per worker process (Que::Locker): its backend pid, workers and the queues it works.
CREATE UNLOGGED TABLE que_lockers (
    pid                integer   NOT NULL CONSTRAINT que_lockers_pkey PRIMARY KEY,
    worker_count       integer   NOT NULL,
    worker_priorities  integer[] NOT NULL,
    ruby_pid           integer   NOT NULL,
    ruby_hostname      text      NOT NULL,
    queues             text[]    NOT NULL,
    listening          boolean   NOT NULL,
    job_schema_version integer   DEFAULT 1,
    CONSTRAINT valid_worker_priorities CHECK (array_ndims(worker_priorities) = 1 AND cardinality(worker_priorities) > 0),
    CONSTRAINT valid_queues CHECK (array_ndims(queues) = 1 AND cardinality(queues) > 0)
);

-- After a job is inserted to run now: one listening locker working its queue, and of the job's
-- job_schema_version, is told on channel
-- que_listener_<pid>. Each locker counts once per worker; the slots are shuffled by
-- md5(pid || slot number) and the job's id modulo the number of slots picks one. The payload is
-- message_type job_available, queue, priority, id and run_at in UTC ISO 8601 with microseconds.
CREATE FUNCTION que_job_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    slots integer[];
    chosen integer;
BEGIN
    IF NEW.run_at IS NOT NULL AND NEW.run_at > now() THEN
        RETURN NULL;
    END IF;
    SELECT array_agg(l.pid ORDER BY md5(l.pid::text || slot::text)) INTO slots
    FROM public.que_lockers AS l CROSS JOIN LATERAL generate_series(1, l.worker_count) AS slot
    WHERE l.listening AND l.queues @> ARRAY[NEW.queue] AND l.job_schema_version = NEW.job_schema_version;
    IF slots IS NULL THEN
        RETURN NULL;
    END IF;
    chosen := slots[NEW.id % cardinality(slots) + 1];
    PERFORM pg_notify('que_listener_' || chosen, json_build_object(
        'message_type', 'job_available', 'queue', NEW.queue, 'priority', NEW.priority, 'id', NEW.id,
        'run_at', to_char(NEW.run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'))::text);
    RETURN NULL;
END
$$;

CREATE TRIGGER que_job_notify AFTER INSERT ON que_jobs
    FOR EACH ROW WHEN (coalesce(current_setting('que.skip_notify', true), '') <> 'true')
    EXECUTE FUNCTION public.que_job_notify();

-- A job's state as Que names it, first match wins: expired, finished, errored (error_count > 0),
-- scheduled (run_at ahead), ready.
CREATE FUNCTION que_determine_job_state(job public.que_jobs) RETURNS text
LANGUAGE plpgsql AS $$
BEGIN
    IF job.expired_at IS NOT NULL THEN RETURN 'expired'; END IF;
    IF job.finished_at IS NOT NULL THEN RETURN 'finished'; END IF;
    IF job.error_count > 0 THEN RETURN 'errored'; END IF;
    IF job.run_at > CURRENT_TIMESTAMP THEN RETURN 'scheduled'; END IF;
    RETURN 'ready';
END
$$;

-- que_state_notify (que_functions.sql) after every change of a job
CREATE TRIGGER que_state_notify AFTER INSERT OR UPDATE OR DELETE ON que_jobs
    FOR EACH ROW WHEN (coalesce(current_setting('que.skip_notify', true), '') <> 'true')
    EXECUTE FUNCTION public.que_state_notify();

-- The schema version, kept where Que::Migrations keeps it.
COMMENT ON TABLE que_jobs IS '7';

-- A worker process registering as Que::Locker does (locker.rb, register_locker): two workers, one
-- limited to priority 10, listening to two queues, working job schema version 2.
INSERT INTO que_lockers (pid, worker_count, worker_priorities, ruby_pid, ruby_hostname, listening, queues, job_schema_version)
VALUES (4711, 2, ARRAY[10, NULL], 301, 'worker-1', true, ARRAY['default', 'mailers'], 2);

-- The jobs, enqueued as Que::Job.enqueue does in v2.4.1 (job.rb, insert_job): queue, priority,
-- run_at (now unless delayed), class, args as a JSON array, no kwargs, empty data, and
-- Que.job_schema_version (2).
INSERT INTO que_jobs (queue, priority, run_at, job_class, args, kwargs, data, job_schema_version)
SELECT queue, priority, now() + run_in, job_class, args, '{}', '{}', 2
FROM que_planted ORDER BY n;
