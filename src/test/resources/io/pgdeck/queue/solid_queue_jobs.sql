-- Jobs in every Solid Queue state, planted after solid_queue_tables.sql and solid_queue_0_3.sql or
-- solid_queue_1_x.sql with the rows Solid Queue's own code writes (rails/solid_queue v1.5.0, the same statements in v0.3.0):
-- SolidQueue::Job.enqueue (app/models/solid_queue/job.rb) creates the job from the Active Job
-- (scheduled_at = Time.current when it runs at once, arguments = ActiveJob::Base#serialize as JSON),
-- and after_create prepare_for_execution (job/executable.rb) adds ONE execution: ready, scheduled
-- (not due), or blocked (Semaphore.wait failed: concurrency_controls.rb, semaphore.rb). A worker's
-- claim (ReadyExecution.claim, ClaimedExecution.claiming) replaces ready by claimed; a failure
-- (Job#failed_with) replaces claimed by failed with the error as {exception_class, message, backtrace};
-- a success (Job#finished!) sets finished_at and drops the claimed execution.
-- Jobs 1..11; "ago(x)" is (now() AT TIME ZONE 'UTC') - x, as Rails writes UTC.

INSERT INTO solid_queue_jobs (queue_name, class_name, arguments, priority, active_job_id, scheduled_at, finished_at,
                              concurrency_key, created_at, updated_at)
SELECT queue_name, class_name,
       json_build_object('job_class', class_name, 'job_id', 'aj-' || n, 'provider_job_id', NULL, 'queue_name', queue_name,
           'priority', priority, 'arguments', json_build_array(n * 7), 'executions', executions,
           'exception_executions', exception_executions::json, 'locale', 'en', 'timezone', 'UTC',
           'enqueued_at', to_char((now() AT TIME ZONE 'UTC') - created_ago, 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
           'scheduled_at', NULL)::text,
       priority, 'aj-' || n, (now() AT TIME ZONE 'UTC') - created_ago + scheduled_in, (now() AT TIME ZONE 'UTC') - finished_ago,
       concurrency_key, (now() AT TIME ZONE 'UTC') - created_ago, (now() AT TIME ZONE 'UTC') - created_ago
FROM (VALUES
    (1,  'default', 'SendInvoiceJob',   0, 0, '{}', interval '0', NULL::interval, NULL, interval '10 minutes'),   -- ready
    (2,  'default', 'SendInvoiceJob',   5, 0, '{}', interval '0', NULL, NULL, interval '2 minutes'),             -- ready
    (3,  'default', 'SyncAccountJob',   0, 1, '{}', interval '0', NULL, 'SyncAccountJob/42', interval '4 minutes'), -- claimed, holds 42
    -- retry_on Stripe::CardError, attempts: 5, used up: Active Job counted 5 runs, 4 of them retries of that error
    (4,  'default', 'ChargeCardJob',    3, 5, '{"[Stripe::CardError]":4}', interval '0', NULL, NULL, interval '30 minutes'), -- failed
    (5,  'default', 'SyncAccountJob',   3, 1, '{}', interval '0', NULL, 'SyncAccountJob/42', interval '20 minutes'), -- failed, key 42
    (6,  'default', 'DigestJob',        0, 0, '{}', interval '61 minutes', NULL, NULL, interval '1 minute'),     -- scheduled
    (7,  'default', 'SyncAccountJob',   0, 0, '{}', interval '0', NULL, 'SyncAccountJob/42', interval '3 minutes'), -- blocked by 3
    (8,  'default', 'SendInvoiceJob',   0, 1, '{}', interval '0', interval '5 minutes', NULL, interval '6 minutes'), -- finished
    (9,  'mailers', 'WelcomeMailJob',   0, 0, '{}', interval '0', NULL, NULL, interval '7 minutes'),             -- ready
    (10, 'mailers', 'WelcomeMailJob',   0, 1, '{}', interval '0', NULL, 'WelcomeMailJob/9', interval '8 minutes'), -- failed, key free
    (11, 'reports', 'MonthlyReportJob', 0, 0, '{}', interval '0', NULL, NULL, interval '15 minutes')            -- ready, queue paused
) AS j (n, queue_name, class_name, priority, executions, exception_executions, scheduled_in, finished_ago, concurrency_key,
        created_ago)
ORDER BY n;

-- Job#dispatch -> ready: ReadyExecution.create_or_find_by!(job_id:), queue_name and priority from the job
INSERT INTO solid_queue_ready_executions (job_id, queue_name, priority, created_at)
SELECT id, queue_name, priority, created_at FROM solid_queue_jobs WHERE id IN (1, 2, 9, 11);

-- Semaphore.wait for job 3 found no semaphore: attempt_creation with value limit - 1 (limits_concurrency to: 1)
-- and expires_at concurrency_duration.from_now (SolidQueue.default_concurrency_control_period, 3 minutes)
INSERT INTO solid_queue_semaphores (key, value, expires_at, created_at, updated_at)
VALUES ('SyncAccountJob/42', 0, (now() AT TIME ZONE 'UTC') + interval '3 minutes',
        (now() AT TIME ZONE 'UTC') - interval '4 minutes', (now() AT TIME ZONE 'UTC') - interval '4 minutes');

-- ClaimedExecution.claiming: insert_all!(job_id, process_id), then the ready executions are deleted
INSERT INTO solid_queue_claimed_executions (job_id, process_id, created_at)
VALUES (3, 1, (now() AT TIME ZONE 'UTC') - interval '1 minute');

-- FailedExecution.create!(job_id:, exception:): error serialized as JSON by expand_error_details_from_exception
INSERT INTO solid_queue_failed_executions (job_id, error, created_at)
SELECT id, CASE WHEN class_name = 'ChargeCardJob'
           THEN '{"exception_class":"Stripe::CardError","message":"card declined","backtrace":["app/jobs/charge_card_job.rb:7"]}'
           WHEN class_name = 'SyncAccountJob'
           THEN '{"exception_class":"Net::ReadTimeout","message":"Net::ReadTimeout with #<TCPSocket:(closed)>","backtrace":["app/jobs/sync_account_job.rb:12"]}'
           ELSE '{"exception_class":"Net::SMTPServerBusy","message":"451 try again later","backtrace":["app/mailers/welcome_mailer.rb:3"]}' END,
       created_at + interval '1 minute'
FROM solid_queue_jobs WHERE id IN (4, 5, 10);

-- Job#schedule: ScheduledExecution.create_or_find_by!(job_id:) with the job's scheduled_at
INSERT INTO solid_queue_scheduled_executions (job_id, queue_name, priority, scheduled_at, created_at)
SELECT id, queue_name, priority, scheduled_at, created_at FROM solid_queue_jobs WHERE id = 6;

-- ConcurrencyControls#block: BlockedExecution.create_or_find_by!(job_id:), expires_at concurrency_duration.from_now
INSERT INTO solid_queue_blocked_executions (job_id, queue_name, priority, concurrency_key, expires_at, created_at)
SELECT id, queue_name, priority, concurrency_key, (now() AT TIME ZONE 'UTC') + interval '3 minutes', created_at
FROM solid_queue_jobs WHERE id = 7;

-- Queue#pause: Pause.create_or_find_by!(queue_name:)
INSERT INTO solid_queue_pauses (queue_name, created_at) VALUES ('reports', (now() AT TIME ZONE 'UTC') - interval '1 hour');
