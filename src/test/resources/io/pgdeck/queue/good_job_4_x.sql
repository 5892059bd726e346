-- good_job 4.x, the discrete schema: one good_jobs row per job (its id is the Active Job id) and one
-- good_job_executions row per attempt. Follows bensheldon/good_job tag v4.19.2:
-- lib/generators/good_job/templates/install/migrations/create_good_jobs.rb.erb, as Rails 7.1+ creates
-- its tables on PostgreSQL 13+ (uuid ids defaulting to the built-in gen_random_uuid(), datetime
-- timestamp(6) without time zone holding UTC, limit: 2 smallint), and app/models/good_job/job.rb,
-- execution.rb and process.rb for the rows planted below.
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour (good_job keeps its logic in Ruby: there are none
-- in the database). Left out: good_job_batches and good_jobs' batch_id, batch_callback_id, labels
-- and is_discrete (4.x no longer writes it), and the indexes only good_job's own scheduler, cleanup
-- and dashboard filters read. No schema-qualified names: a test plants it in a second schema too.

CREATE TABLE good_jobs (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    queue_name          text,
    priority            integer,
    serialized_params   jsonb,
    scheduled_at        timestamp(6) without time zone,
    performed_at        timestamp(6) without time zone,
    finished_at         timestamp(6) without time zone,
    error               text,
    created_at          timestamp(6) without time zone NOT NULL,
    updated_at          timestamp(6) without time zone NOT NULL,
    active_job_id       uuid,
    concurrency_key     text,
    cron_key            text,
    retried_good_job_id uuid,
    cron_at             timestamp(6) without time zone,
    executions_count    integer,
    job_class           text,
    error_event         smallint,
    locked_by_id        uuid,
    locked_at           timestamp(6) without time zone,
    lock_type           smallint
);
-- what a worker's dequeue (unfinished jobs, most urgent first) and a job's lookup by Active Job id walk
CREATE INDEX index_good_job_jobs_for_candidate_lookup ON good_jobs (priority ASC NULLS LAST, created_at ASC)
    WHERE finished_at IS NULL;
CREATE INDEX index_good_jobs_on_active_job_id_and_created_at ON good_jobs (active_job_id, created_at);

-- One row per attempt at a job: its error, backtrace, process and duration.
CREATE TABLE good_job_executions (
    id                uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at        timestamp(6) without time zone NOT NULL,
    updated_at        timestamp(6) without time zone NOT NULL,
    active_job_id     uuid NOT NULL,
    job_class         text,
    queue_name        text,
    serialized_params jsonb,
    scheduled_at      timestamp(6) without time zone,
    finished_at       timestamp(6) without time zone,
    error             text,
    error_event       smallint,
    error_backtrace   text[],
    process_id        uuid,
    duration          interval
);
CREATE INDEX index_good_job_executions_on_active_job_id_and_created_at ON good_job_executions (active_job_id, created_at);

CREATE TABLE good_job_processes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    state      jsonb,
    lock_type  smallint
);

-- Settings by key; GoodJob.pause keeps the paused queues under 'pauses'.
CREATE TABLE good_job_settings (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    key        text,
    value      jsonb
);
CREATE UNIQUE INDEX index_good_job_settings_on_key ON good_job_settings (key);

-- A worker process registering as GoodJob::Process.register does (app/models/good_job/process.rb),
-- lock_type advisory (1)
INSERT INTO good_job_processes (id, created_at, updated_at, state, lock_type)
VALUES ('00000000-0000-4000-8000-0000000000aa', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', '{"hostname":"web-1"}', 1);

-- Jobs ...01 to ...09 as app/models/good_job/job.rb writes them: Job.enqueue (enqueue_args: id and
-- active_job_id the Active Job id, job_class, queue_name, priority, serialized_params, created_at, and
-- scheduled_at = now for a job to run at once); #perform creates one good_job_executions row per attempt
-- and sets performed_at, executions_count, locked_by_id/locked_at/lock_type on the job; when it ends
-- (format_error "Class: message", error_event 3 retried / 5 discarded) it sets finished_at and clears
-- the lock, or, retried by retry_on, clears performed_at and finished_at and reschedules (Job.enqueue's
-- retried branch). retried_good_job_id is an ignored column in 4.x: never written.
--  01-02 queued (scheduled 10 and 2 minutes ago, not performed)
--  03    scheduled (first execution an hour from now)
--  04    retried: failed its first two executions (Active Job executions 2), the next runs in 5 minutes
--  05    running (performed_at set, locked by the process)
--  06    succeeded
--  07-08 discarded (finished with an error)
--  09    mailers: queued
INSERT INTO good_jobs (id, active_job_id, queue_name, priority, job_class, serialized_params, scheduled_at,
                       performed_at, finished_at, error, error_event, executions_count, locked_by_id, locked_at, lock_type,
                       created_at, updated_at)
SELECT id, id, queue_name, 0, job_class,
       jsonb_build_object('job_class', job_class, 'job_id', id::text, 'provider_job_id', NULL, 'queue_name', queue_name,
                          'priority', NULL, 'arguments', '[]'::jsonb, 'executions', executions,
                          'exception_executions', exception_executions::jsonb, 'locale', 'en', 'timezone', 'UTC',
                          'enqueued_at', to_char((now() AT TIME ZONE 'UTC') - created_ago, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
                          'scheduled_at', NULL),
       (now() AT TIME ZONE 'UTC') + scheduled_in, (now() AT TIME ZONE 'UTC') - performed_ago,
       (now() AT TIME ZONE 'UTC') - finished_ago, error, error_event, executions_count,
       CASE WHEN performed_ago IS NOT NULL AND finished_ago IS NULL THEN '00000000-0000-4000-8000-0000000000aa'::uuid END,
       CASE WHEN performed_ago IS NOT NULL AND finished_ago IS NULL THEN (now() AT TIME ZONE 'UTC') - performed_ago END,
       CASE WHEN performed_ago IS NOT NULL AND finished_ago IS NULL THEN 1::smallint END,
       (now() AT TIME ZONE 'UTC') - created_ago, now() AT TIME ZONE 'UTC'
FROM (VALUES
    ('00000000-0000-4000-8000-000000000001'::uuid, 'default', 'SendInvoiceJob', interval '-10 minutes', NULL::interval, NULL::interval, NULL, NULL::smallint, 0, '{}', 0, interval '10 minutes'),
    ('00000000-0000-4000-8000-000000000002', 'default', 'SendInvoiceJob', interval '-2 minutes', NULL, NULL, NULL, NULL, 0, '{}', 0, interval '2 minutes'),
    ('00000000-0000-4000-8000-000000000003', 'default', 'DigestJob', interval '1 hour', NULL, NULL, NULL, NULL, 0, '{}', 0, interval '1 minute'),
    ('00000000-0000-4000-8000-000000000004', 'default', 'ChargeCardJob', interval '5 minutes', NULL, NULL,
        'Stripe::APIConnectionError: timeout', 3, 2, '{"[Stripe::APIConnectionError]":2}', 2, interval '20 minutes'),
    ('00000000-0000-4000-8000-000000000005', 'default', 'ImportJob', interval '-4 minutes', interval '3 minutes', NULL, NULL, NULL, 0, '{}', 1, interval '4 minutes'),
    ('00000000-0000-4000-8000-000000000006', 'default', 'SendInvoiceJob', interval '-30 minutes', interval '29 minutes', interval '28 minutes', NULL, NULL, 0, '{}', 1, interval '30 minutes'),
    ('00000000-0000-4000-8000-000000000007', 'default', 'ChargeCardJob', interval '-50 minutes', interval '45 minutes', interval '45 minutes',
        'Stripe::CardError: card declined', 5, 0, '{}', 1, interval '50 minutes'),
    ('00000000-0000-4000-8000-000000000008', 'default', 'ChargeCardJob', interval '-40 minutes', interval '35 minutes', interval '35 minutes',
        'Stripe::CardError: card declined', 5, 0, '{}', 1, interval '40 minutes'),
    ('00000000-0000-4000-8000-000000000009', 'mailers', 'WelcomeMailJob', interval '-7 minutes', NULL, NULL, NULL, NULL, 0, '{}', 0, interval '7 minutes')
) AS j (id, queue_name, job_class, scheduled_in, performed_ago, finished_ago, error, error_event, executions, exception_executions,
        executions_count, created_ago);

-- #perform's executions.create!(job_class, queue_name, serialized_params, scheduled_at: scheduled_at || created_at,
-- created_at: performed at, process_id), then execution.save! with error, error_event, error_backtrace, finished_at, duration
INSERT INTO good_job_executions (created_at, updated_at, active_job_id, job_class, queue_name, serialized_params,
                                 scheduled_at, finished_at, error, error_event, error_backtrace, process_id, duration)
SELECT coalesce(performed_at, created_at + interval '1 minute'), updated_at, id, job_class, queue_name, serialized_params,
       created_at, coalesce(finished_at, CASE WHEN performed_at IS NULL THEN created_at + interval '1 minute' + interval '2 seconds' END),
       error, error_event, CASE WHEN error IS NOT NULL THEN ARRAY['app/jobs/charge_card_job.rb:9:in `perform''']::text[] END,
       '00000000-0000-4000-8000-0000000000aa', CASE WHEN performed_at IS NULL OR finished_at IS NOT NULL THEN interval '2 seconds' END
FROM good_jobs WHERE executions_count > 0;

-- 04's first attempt, retried like its second
INSERT INTO good_job_executions (created_at, updated_at, active_job_id, job_class, queue_name, serialized_params,
                                 scheduled_at, finished_at, error, error_event, error_backtrace, process_id, duration)
SELECT created_at + interval '10 seconds', created_at + interval '12 seconds', id, job_class, queue_name,
       jsonb_set(jsonb_set(serialized_params, '{executions}', '0'), '{exception_executions}', '{}'), created_at,
       created_at + interval '12 seconds', error, error_event, ARRAY['app/jobs/charge_card_job.rb:9:in `perform''']::text[],
       '00000000-0000-4000-8000-0000000000aa', interval '2 seconds'
FROM good_jobs WHERE id = '00000000-0000-4000-8000-000000000004';
