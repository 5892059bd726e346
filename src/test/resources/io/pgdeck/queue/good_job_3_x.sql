-- good_job 3.0, the oldest 3.x schema: one good_jobs row per execution (a retry adds a row for the
-- same active_job_id and the old row points at it through retried_good_job_id); no job_class,
-- executions_count, error_event, locked_by_id, good_job_executions or good_job_settings yet (3.4 to
-- 3.29 add them). Follows bensheldon/good_job tag v3.0.0:
-- lib/generators/good_job/templates/install/migrations/create_good_jobs.rb.erb, as a Rails 7.0
-- migration creates its tables on PostgreSQL (uuid ids defaulting to gen_random_uuid() from
-- pgcrypto, which the migration enables; t.timestamp columns timestamp without time zone,
-- t.timestamps timestamp(6), all UTC), and lib/models/good_job/execution.rb and process.rb for the
-- rows planted below.
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour (good_job keeps its logic in Ruby: there are none
-- in the database). Left out: the indexes on concurrency and cron keys and on finished jobs, which
-- only good_job's own scheduler and cleanup read.

CREATE EXTENSION IF NOT EXISTS pgcrypto;

CREATE TABLE good_jobs (
    id                  uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    queue_name          text,
    priority            integer,
    serialized_params   jsonb,
    scheduled_at        timestamp without time zone,
    performed_at        timestamp without time zone,
    finished_at         timestamp without time zone,
    error               text,
    created_at          timestamp(6) without time zone NOT NULL,
    updated_at          timestamp(6) without time zone NOT NULL,
    active_job_id       uuid,
    concurrency_key     text,
    cron_key            text,
    retried_good_job_id uuid,
    cron_at             timestamp without time zone
);
-- what a worker's dequeue (unfinished, due) and a job's lookup by Active Job id walk
CREATE INDEX index_good_jobs_on_scheduled_at ON good_jobs (scheduled_at) WHERE finished_at IS NULL;
CREATE INDEX index_good_jobs_on_queue_name_and_scheduled_at ON good_jobs (queue_name, scheduled_at) WHERE finished_at IS NULL;
CREATE INDEX index_good_jobs_on_active_job_id_and_created_at ON good_jobs (active_job_id, created_at);

CREATE TABLE good_job_processes (
    id         uuid PRIMARY KEY DEFAULT gen_random_uuid(),
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL,
    state      jsonb
);

-- A worker process registering as GoodJob::Process.register does (lib/models/good_job/process.rb)
INSERT INTO good_job_processes (id, created_at, updated_at, state)
VALUES ('00000000-0000-4000-8000-0000000000aa', now() AT TIME ZONE 'UTC', now() AT TIME ZONE 'UTC', '{"hostname":"web-1"}');

-- Jobs (Active Job ids ...01 to ...09, the same as good_job_4_x.sql's) as v3.0.0's
-- lib/models/good_job/execution.rb writes them: Execution.enqueue inserts active_job_id, queue_name,
-- priority, serialized_params and scheduled_at (NULL for a job to run at once: the dashboard reads
-- COALESCE(scheduled_at, created_at)); #perform sets performed_at (saved, preserve_job_records), then
-- error ("Class: message") and finished_at. A retry_on re-enqueue is a new execution row with
-- Active Job's executions one higher, and the old row gets retried_good_job_id = the new row's id.
-- Execution ids are ...1NN, the first execution of job NN.
INSERT INTO good_jobs (id, active_job_id, queue_name, priority, serialized_params, scheduled_at, performed_at, finished_at,
                       error, retried_good_job_id, created_at, updated_at)
SELECT ('00000000-0000-4000-8000-000000000' || execution)::uuid, ('00000000-0000-4000-8000-0000000000' || job)::uuid,
       queue_name, 0,
       jsonb_build_object('job_class', job_class, 'job_id', '00000000-0000-4000-8000-0000000000' || job, 'provider_job_id', NULL,
                          'queue_name', queue_name, 'priority', NULL, 'arguments', '[]'::jsonb, 'executions', executions,
                          'exception_executions', exception_executions::jsonb, 'locale', 'en', 'timezone', 'UTC',
                          'enqueued_at', to_char((now() AT TIME ZONE 'UTC') - created_ago, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
       (now() AT TIME ZONE 'UTC') + scheduled_in, (now() AT TIME ZONE 'UTC') - performed_ago,
       (now() AT TIME ZONE 'UTC') - finished_ago, error,
       CASE WHEN retried_by IS NOT NULL THEN ('00000000-0000-4000-8000-000000000' || retried_by)::uuid END,
       (now() AT TIME ZONE 'UTC') - created_ago, now() AT TIME ZONE 'UTC'
FROM (VALUES
    ('01', '101', 'default', 'SendInvoiceJob', NULL::interval, NULL::interval, NULL::interval, NULL, 0, '{}', NULL, interval '10 minutes'),
    ('02', '102', 'default', 'SendInvoiceJob', NULL, NULL, NULL, NULL, 0, '{}', NULL, interval '2 minutes'),
    ('03', '103', 'default', 'DigestJob', interval '1 hour', NULL, NULL, NULL, 0, '{}', NULL, interval '1 minute'),
    -- 04: two executions failed and retry_on enqueued a third, due in 5 minutes
    ('04', '104', 'default', 'ChargeCardJob', NULL, interval '19 minutes', interval '19 minutes', 'Stripe::APIConnectionError: timeout', 0, '{}', '204', interval '20 minutes'),
    ('04', '204', 'default', 'ChargeCardJob', NULL, interval '18 minutes', interval '18 minutes', 'Stripe::APIConnectionError: timeout', 1, '{"[Stripe::APIConnectionError]":1}', '304', interval '19 minutes'),
    ('04', '304', 'default', 'ChargeCardJob', interval '5 minutes', NULL, NULL, NULL, 2, '{"[Stripe::APIConnectionError]":2}', NULL, interval '18 minutes'),
    ('05', '105', 'default', 'ImportJob', NULL, interval '3 minutes', NULL, NULL, 0, '{}', NULL, interval '4 minutes'),
    ('06', '106', 'default', 'SendInvoiceJob', NULL, interval '29 minutes', interval '28 minutes', NULL, 0, '{}', NULL, interval '30 minutes'),
    -- 07: retried once, then discarded on its second execution
    ('07', '107', 'default', 'ChargeCardJob', NULL, interval '49 minutes', interval '49 minutes', 'Stripe::CardError: card declined', 0, '{}', '207', interval '50 minutes'),
    ('07', '207', 'default', 'ChargeCardJob', NULL, interval '45 minutes', interval '45 minutes', 'Stripe::CardError: card declined', 1, '{"[Stripe::CardError]":1}', NULL, interval '49 minutes'),
    ('08', '108', 'default', 'ChargeCardJob', NULL, interval '35 minutes', interval '35 minutes', 'Stripe::CardError: card declined', 0, '{}', NULL, interval '40 minutes'),
    ('09', '109', 'mailers', 'WelcomeMailJob', NULL, NULL, NULL, NULL, 0, '{}', NULL, interval '7 minutes')
) AS j (job, execution, queue_name, job_class, scheduled_in, performed_ago, finished_ago, error, executions, exception_executions,
        retried_by, created_ago);
