-- Que's functions that are the same in schema versions 4 (que-rb/que tag v1.2.0) and 7 (tag
-- v2.4.1): que_validate_tags and que_state_notify, as lib/que/migrations/4/up.sql defines them
-- (5 to 7 leave them as they are). Written for pgdeck from that source: the functions
-- re-implemented with the same behaviour. Loaded before que_v4.sql or que_v7.sql, which create
-- que_jobs, its checks (one calls que_validate_tags) and the triggers.

-- Tags (data -> 'tags'): true when every element is a JSON string whose text form is at most 100
-- characters; NULL for an empty array, as an aggregate over no rows is.
CREATE FUNCTION que_validate_tags(tags_array jsonb) RETURNS boolean
LANGUAGE sql AS $$
    SELECT every(jsonb_typeof(tag) = 'string' AND char_length(tag::text) <= 100)
    FROM jsonb_array_elements(tags_array) AS t(tag)
$$;

-- After any insert, update or delete that changes a job's state ('nonexistent' before an insert or
-- after a delete): a job_change message on channel que_state with the job's id, queue, tags (data ->
-- 'tags', else []), run_at and the current time in UTC ISO 8601, its class (the Active Job class
-- inside Que's wrapper when there is one) and both states. An update that keeps the state is silent.
CREATE FUNCTION que_state_notify() RETURNS trigger
LANGUAGE plpgsql AS $$
DECLARE
    job record;
    was text := 'nonexistent';
    is_now text := 'nonexistent';
BEGIN
    IF TG_OP NOT IN ('INSERT', 'UPDATE', 'DELETE') THEN
        RAISE EXCEPTION 'que_state_notify cannot handle %', TG_OP;
    END IF;
    IF TG_OP <> 'INSERT' THEN
        was := public.que_determine_job_state(OLD);
    END IF;
    IF TG_OP <> 'DELETE' THEN
        is_now := public.que_determine_job_state(NEW);
        job := NEW;
    ELSE
        job := OLD;
    END IF;
    IF was = is_now THEN
        RETURN NULL;
    END IF;
    PERFORM pg_notify('que_state', json_build_object(
        'message_type', 'job_change', 'id', job.id, 'queue', job.queue,
        'tags', coalesce(job.data -> 'tags', '[]'::jsonb),
        'run_at', to_char(job.run_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'time', to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'job_class', CASE WHEN job.job_class = 'ActiveJob::QueueAdapters::QueAdapter::JobWrapper'
                          THEN coalesce(job.args -> 0 ->> 'job_class', job.job_class) ELSE job.job_class END,
        'previous_state', was, 'current_state', is_now)::text);
    RETURN NULL;
END
$$;
