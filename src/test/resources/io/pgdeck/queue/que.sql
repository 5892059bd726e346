-- Que 1.x/2.x (schema version 7) as its migrations leave it in the public schema: que_jobs,
-- que_lockers (one row per locker process), que_values, and the state function and triggers.
-- A job being worked holds a session advisory lock on its id (pg_try_advisory_lock(id));
-- that lock cannot be planted by a script, the test takes it on a connection it holds.
-- Trigger bodies are reduced to what keeps inserts and updates working (they only notify).

CREATE FUNCTION public.que_validate_tags(tags_array jsonb) RETURNS boolean AS $$
    SELECT bool_and(jsonb_typeof(value) = 'string' AND char_length(value::text) <= 100)
    FROM jsonb_array_elements(tags_array)
$$ LANGUAGE sql;

CREATE TABLE public.que_jobs (
    priority smallint DEFAULT 100 NOT NULL,
    run_at timestamp with time zone DEFAULT now() NOT NULL,
    id bigserial PRIMARY KEY,
    job_class text NOT NULL,
    error_count integer DEFAULT 0 NOT NULL,
    last_error_message text,
    queue text DEFAULT 'default' NOT NULL,
    last_error_backtrace text,
    finished_at timestamp with time zone,
    expired_at timestamp with time zone,
    args jsonb DEFAULT '[]' NOT NULL,
    data jsonb DEFAULT '{}' NOT NULL,
    job_schema_version integer NOT NULL,
    kwargs jsonb DEFAULT '{}' NOT NULL,
    CONSTRAINT error_length CHECK (char_length(last_error_message) <= 500 AND char_length(last_error_backtrace) <= 10000),
    CONSTRAINT queue_length CHECK (char_length(queue) <= 100),
    CONSTRAINT valid_args CHECK (jsonb_typeof(args) = 'array'),
    CONSTRAINT valid_data CHECK (jsonb_typeof(data) = 'object' AND (NOT (data ? 'tags')
        OR (jsonb_typeof(data -> 'tags') = 'array' AND jsonb_array_length(data -> 'tags') <= 5
            AND public.que_validate_tags(data -> 'tags'))))
) WITH (fillfactor = 90);
COMMENT ON TABLE public.que_jobs IS '7';

CREATE INDEX que_poll_idx ON public.que_jobs (job_schema_version, queue, priority, run_at, id)
    WHERE finished_at IS NULL AND expired_at IS NULL;
CREATE INDEX que_jobs_data_gin_idx ON public.que_jobs USING gin (data jsonb_path_ops);
CREATE INDEX que_jobs_args_gin_idx ON public.que_jobs USING gin (args jsonb_path_ops);
CREATE INDEX que_jobs_kwargs_gin_idx ON public.que_jobs USING gin (kwargs jsonb_path_ops);

CREATE UNLOGGED TABLE public.que_lockers (
    pid integer NOT NULL PRIMARY KEY,
    worker_count integer NOT NULL,
    worker_priorities integer[] NOT NULL,
    ruby_pid integer NOT NULL,
    ruby_hostname text NOT NULL,
    queues text[] NOT NULL,
    listening boolean NOT NULL,
    job_schema_version integer DEFAULT 1
);

CREATE TABLE public.que_values (
    key text PRIMARY KEY,
    value jsonb DEFAULT '{}' NOT NULL,
    CONSTRAINT valid_value CHECK (jsonb_typeof(value) = 'object')
) WITH (fillfactor = 90);

CREATE FUNCTION public.que_determine_job_state(job public.que_jobs) RETURNS text AS $$
    SELECT CASE
        WHEN job.expired_at IS NOT NULL THEN 'expired'
        WHEN job.finished_at IS NOT NULL THEN 'finished'
        WHEN job.error_count > 0 THEN 'errored'
        WHEN job.run_at > CURRENT_TIMESTAMP THEN 'scheduled'
        ELSE 'ready'
    END
$$ LANGUAGE sql;

CREATE FUNCTION public.que_job_notify() RETURNS trigger AS $$
BEGIN
    IF NEW.run_at IS NOT NULL AND NEW.run_at > now() THEN
        RETURN null;
    END IF;
    PERFORM pg_notify('que_listener_' || l.pid::text, json_build_object('message_type', 'job_available',
            'queue', NEW.queue, 'priority', NEW.priority, 'id', NEW.id)::text)
    FROM public.que_lockers l
    WHERE l.listening AND l.queues @> ARRAY[NEW.queue]
    LIMIT 1;
    RETURN null;
END
$$ LANGUAGE plpgsql;

CREATE FUNCTION public.que_state_notify() RETURNS trigger AS $$
DECLARE
    previous_state text;
    current_state text;
    job public.que_jobs;
BEGIN
    IF TG_OP = 'INSERT' THEN
        previous_state := 'nonexistent'; current_state := public.que_determine_job_state(NEW); job := NEW;
    ELSIF TG_OP = 'DELETE' THEN
        previous_state := public.que_determine_job_state(OLD); current_state := 'nonexistent'; job := OLD;
    ELSE
        previous_state := public.que_determine_job_state(OLD); current_state := public.que_determine_job_state(NEW); job := NEW;
        IF previous_state = current_state THEN
            RETURN null;
        END IF;
    END IF;
    PERFORM pg_notify('que_state', json_build_object('message_type', 'job_change', 'id', job.id, 'queue', job.queue,
            'previous_state', previous_state, 'current_state', current_state)::text);
    RETURN null;
END
$$ LANGUAGE plpgsql;

CREATE TRIGGER que_job_notify AFTER INSERT ON public.que_jobs FOR EACH ROW
    WHEN (NOT coalesce(current_setting('que.skip_notify', true), '') = 'true')
    EXECUTE FUNCTION public.que_job_notify();
CREATE TRIGGER que_state_notify AFTER INSERT OR UPDATE OR DELETE ON public.que_jobs FOR EACH ROW
    WHEN (NOT coalesce(current_setting('que.skip_notify', true), '') = 'true')
    EXECUTE FUNCTION public.que_state_notify();

INSERT INTO public.que_lockers VALUES (4711, 2, '{10,NULL}', 301, 'worker-1', '{default,mailers}', true, 2);

-- Jobs, ids 1..9 in this order:
--  1-2 ready (run_at 10 and 3 minutes ago); 3 ready and locked by a worker in the test (running)
--  4   scheduled (run_at in an hour)
--  5-6 errored: Que rescheduled them with backoff (5 due in 5 minutes, 6 overdue by 1 minute)
--  7   expired (retries exhausted); 8 finished
--  9   mailers: ready
INSERT INTO public.que_jobs (priority, run_at, job_class, error_count, last_error_message, queue,
                             finished_at, expired_at, args, job_schema_version)
SELECT priority, now() + run_in, job_class, error_count, last_error, queue,
       now() - finished_ago, now() - expired_ago, '[1]', 2
FROM (VALUES
    (1, 100::smallint, interval '-10 minutes', 'SendReceipt', 0, NULL, 'default', NULL::interval, NULL::interval),
    (2, 100, interval '-3 minutes', 'SendReceipt', 0, NULL, 'default', NULL, NULL),
    (3, 100, interval '-4 minutes', 'ImportFeed', 0, NULL, 'default', NULL, NULL),
    (4, 100, interval '1 hour', 'NightlyDigest', 0, NULL, 'default', NULL, NULL),
    (5, 50,  interval '5 minutes', 'ChargeCard', 2, 'Timeout::Error: execution expired', 'default', NULL, NULL),
    (6, 50,  interval '-1 minute', 'ChargeCard', 1, 'Net::ReadTimeout', 'default', NULL, NULL),
    (7, 100, interval '-2 hours', 'ChargeCard', 15, 'Stripe::CardError: declined', 'default', NULL, interval '1 hour'),
    (8, 100, interval '-30 minutes', 'SendReceipt', 0, NULL, 'default', interval '29 minutes', NULL),
    (9, 100, interval '-2 minutes', 'WelcomeMail', 0, NULL, 'mailers', NULL, NULL)
) AS j (n, priority, run_in, job_class, error_count, last_error, queue, finished_ago, expired_ago)
ORDER BY n;
