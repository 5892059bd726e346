-- good_job 4.x tables as its install migration creates them on PostgreSQL (Rails datetime is
-- timestamp(6) without time zone holding UTC). good_job has no state column: its dashboard
-- derives scheduled / retried / queued / running / succeeded / discarded from finished_at,
-- performed_at, scheduled_at, error and serialized_params->'executions'.

CREATE TABLE good_jobs (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    queue_name text,
    priority integer,
    serialized_params jsonb,
    scheduled_at timestamp(6) without time zone,
    performed_at timestamp(6) without time zone,
    finished_at timestamp(6) without time zone,
    error text,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    active_job_id uuid,
    concurrency_key text,
    cron_key text,
    retried_good_job_id uuid,
    cron_at timestamp(6) without time zone,
    batch_id uuid,
    batch_callback_id uuid,
    is_discrete boolean,
    executions_count integer,
    job_class text,
    error_event smallint,
    labels text[],
    locked_by_id uuid,
    locked_at timestamp(6) without time zone
);
CREATE INDEX index_good_jobs_on_scheduled_at ON good_jobs (scheduled_at) WHERE finished_at IS NULL;
CREATE INDEX index_good_jobs_on_queue_name_and_scheduled_at ON good_jobs (queue_name, scheduled_at) WHERE finished_at IS NULL;
CREATE INDEX index_good_jobs_on_active_job_id_and_created_at ON good_jobs (active_job_id, created_at);
CREATE INDEX index_good_jobs_jobs_on_finished_at ON good_jobs (finished_at)
    WHERE retried_good_job_id IS NULL AND finished_at IS NOT NULL;
CREATE INDEX index_good_jobs_on_priority_scheduled_at_unfinished_unlocked ON good_jobs (priority, scheduled_at)
    WHERE finished_at IS NULL AND locked_by_id IS NULL;

CREATE TABLE good_job_executions (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    active_job_id uuid NOT NULL,
    job_class text,
    queue_name text,
    serialized_params jsonb,
    scheduled_at timestamp(6) without time zone,
    finished_at timestamp(6) without time zone,
    error text,
    error_event smallint,
    error_backtrace text[],
    process_id uuid,
    duration interval
);
CREATE INDEX index_good_job_executions_on_active_job_id_and_created_at ON good_job_executions (active_job_id, created_at);

CREATE TABLE good_job_processes (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    state jsonb,
    lock_type smallint
);

CREATE TABLE good_job_settings (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    key text,
    value jsonb
);
CREATE UNIQUE INDEX index_good_job_settings_on_key ON good_job_settings (key);

CREATE TABLE good_job_batches (
    id uuid DEFAULT gen_random_uuid() PRIMARY KEY,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    description text,
    serialized_properties jsonb,
    on_finish text,
    on_success text,
    on_discard text,
    callback_queue_name text,
    callback_priority integer,
    enqueued_at timestamp(6) without time zone,
    discarded_at timestamp(6) without time zone,
    finished_at timestamp(6) without time zone,
    jobs_finished_at timestamp(6) without time zone
);

INSERT INTO good_job_processes (id, created_at, updated_at, state, lock_type)
VALUES ('00000000-0000-4000-8000-0000000000aa', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', '{"hostname":"web-1"}', 1);

-- Jobs, ids ...01 to ...09. error_event: 3 retried, 5 discarded.
--  01-02 queued (scheduled 10 and 2 minutes ago, not performed)
--  03    scheduled (first execution an hour from now)
--  04    retried: failed its first execution, the next runs in 5 minutes
--  05    running (performed_at set, locked by the process)
--  06    succeeded
--  07-08 discarded (finished with an error)
--  09    mailers: queued
INSERT INTO good_jobs (id, active_job_id, queue_name, priority, job_class, serialized_params, scheduled_at,
                       performed_at, finished_at, error, error_event, executions_count, locked_by_id, locked_at,
                       created_at, updated_at)
SELECT id, id, queue_name, 0, job_class,
       jsonb_build_object('job_class', job_class, 'job_id', id::text, 'queue_name', queue_name,
                          'executions', executions, 'exception_executions', '{}'::jsonb, 'arguments', '[]'::jsonb),
       (now() AT TIME ZONE 'UTC') + scheduled_in, (now() AT TIME ZONE 'UTC') - performed_ago,
       (now() AT TIME ZONE 'UTC') - finished_ago, error, error_event, executions_count,
       CASE WHEN performed_ago IS NOT NULL AND finished_ago IS NULL THEN '00000000-0000-4000-8000-0000000000aa'::uuid END,
       CASE WHEN performed_ago IS NOT NULL AND finished_ago IS NULL THEN (now() AT TIME ZONE 'UTC') - performed_ago END,
       (now() AT TIME ZONE 'UTC') - created_ago, now() AT TIME ZONE 'UTC'
FROM (VALUES
    ('00000000-0000-4000-8000-000000000001'::uuid, 'default', 'SendInvoiceJob', interval '-10 minutes', NULL::interval, NULL::interval, NULL, NULL::smallint, 0, 0, interval '10 minutes'),
    ('00000000-0000-4000-8000-000000000002', 'default', 'SendInvoiceJob', interval '-2 minutes', NULL, NULL, NULL, NULL, 0, 0, interval '2 minutes'),
    ('00000000-0000-4000-8000-000000000003', 'default', 'DigestJob', interval '1 hour', NULL, NULL, NULL, NULL, 0, 0, interval '1 minute'),
    ('00000000-0000-4000-8000-000000000004', 'default', 'ChargeCardJob', interval '5 minutes', NULL, NULL,
        'Stripe::APIConnectionError: timeout', 3, 2, 1, interval '20 minutes'),
    ('00000000-0000-4000-8000-000000000005', 'default', 'ImportJob', interval '-4 minutes', interval '3 minutes', NULL, NULL, NULL, 1, 1, interval '4 minutes'),
    ('00000000-0000-4000-8000-000000000006', 'default', 'SendInvoiceJob', interval '-30 minutes', interval '29 minutes', interval '28 minutes', NULL, NULL, 1, 1, interval '30 minutes'),
    ('00000000-0000-4000-8000-000000000007', 'default', 'ChargeCardJob', interval '-50 minutes', interval '45 minutes', interval '45 minutes',
        'Stripe::CardError: card declined', 5, 3, 3, interval '50 minutes'),
    ('00000000-0000-4000-8000-000000000008', 'default', 'ChargeCardJob', interval '-40 minutes', interval '35 minutes', interval '35 minutes',
        'Stripe::CardError: card declined', 5, 3, 3, interval '40 minutes'),
    ('00000000-0000-4000-8000-000000000009', 'mailers', 'WelcomeMailJob', interval '-7 minutes', NULL, NULL, NULL, NULL, 0, 0, interval '7 minutes')
) AS j (id, queue_name, job_class, scheduled_in, performed_ago, finished_ago, error, error_event, executions, executions_count, created_ago);

-- One execution row per attempt made so far.
INSERT INTO good_job_executions (created_at, updated_at, active_job_id, job_class, queue_name, serialized_params,
                                 scheduled_at, finished_at, error, error_event)
SELECT coalesce(performed_at, created_at), updated_at, id, job_class, queue_name, serialized_params,
       scheduled_at, finished_at, error, error_event
FROM good_jobs WHERE executions_count > 0;
