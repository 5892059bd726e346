-- Solid Queue's tables as its queue_schema.rb creates them on PostgreSQL (Rails: string is
-- character varying, datetime is timestamp(6) without time zone holding UTC, ids are bigserial).
-- A job's state is which execution row exists for it; finished jobs have finished_at and none.

CREATE TABLE solid_queue_jobs (
    id bigserial PRIMARY KEY,
    queue_name character varying NOT NULL,
    class_name character varying NOT NULL,
    arguments text,
    priority integer DEFAULT 0 NOT NULL,
    active_job_id character varying,
    scheduled_at timestamp(6) without time zone,
    finished_at timestamp(6) without time zone,
    concurrency_key character varying,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE INDEX index_solid_queue_jobs_on_active_job_id ON solid_queue_jobs (active_job_id);
CREATE INDEX index_solid_queue_jobs_on_class_name ON solid_queue_jobs (class_name);
CREATE INDEX index_solid_queue_jobs_on_finished_at ON solid_queue_jobs (finished_at);
CREATE INDEX index_solid_queue_jobs_for_filtering ON solid_queue_jobs (queue_name, finished_at);
CREATE INDEX index_solid_queue_jobs_for_alerting ON solid_queue_jobs (scheduled_at, finished_at);

CREATE TABLE solid_queue_ready_executions (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
    queue_name character varying NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_ready_executions_on_job_id ON solid_queue_ready_executions (job_id);
CREATE INDEX index_solid_queue_poll_all ON solid_queue_ready_executions (priority, job_id);
CREATE INDEX index_solid_queue_poll_by_queue ON solid_queue_ready_executions (queue_name, priority, job_id);

CREATE TABLE solid_queue_claimed_executions (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
    process_id bigint,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_claimed_executions_on_job_id ON solid_queue_claimed_executions (job_id);
CREATE INDEX index_solid_queue_claimed_executions_on_process_id_and_job_id ON solid_queue_claimed_executions (process_id, job_id);

CREATE TABLE solid_queue_failed_executions (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
    error text,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_failed_executions_on_job_id ON solid_queue_failed_executions (job_id);

CREATE TABLE solid_queue_scheduled_executions (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
    queue_name character varying NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    scheduled_at timestamp(6) without time zone NOT NULL,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_scheduled_executions_on_job_id ON solid_queue_scheduled_executions (job_id);
CREATE INDEX index_solid_queue_dispatch_all ON solid_queue_scheduled_executions (scheduled_at, priority, job_id);

CREATE TABLE solid_queue_blocked_executions (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
    queue_name character varying NOT NULL,
    priority integer DEFAULT 0 NOT NULL,
    concurrency_key character varying NOT NULL,
    expires_at timestamp(6) without time zone NOT NULL,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_blocked_executions_on_job_id ON solid_queue_blocked_executions (job_id);
CREATE INDEX index_solid_queue_blocked_executions_for_release ON solid_queue_blocked_executions (concurrency_key, priority, job_id);
CREATE INDEX index_solid_queue_blocked_executions_for_maintenance ON solid_queue_blocked_executions (expires_at, concurrency_key);

CREATE TABLE solid_queue_recurring_executions (
    id bigserial PRIMARY KEY,
    job_id bigint NOT NULL REFERENCES solid_queue_jobs (id) ON DELETE CASCADE,
    task_key character varying NOT NULL,
    run_at timestamp(6) without time zone NOT NULL,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_recurring_executions_on_job_id ON solid_queue_recurring_executions (job_id);

CREATE TABLE solid_queue_pauses (
    id bigserial PRIMARY KEY,
    queue_name character varying NOT NULL,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_pauses_on_queue_name ON solid_queue_pauses (queue_name);

CREATE TABLE solid_queue_processes (
    id bigserial PRIMARY KEY,
    kind character varying NOT NULL,
    last_heartbeat_at timestamp(6) without time zone NOT NULL,
    supervisor_id bigint,
    pid integer NOT NULL,
    hostname character varying,
    metadata text,
    created_at timestamp(6) without time zone NOT NULL,
    name character varying NOT NULL
);

CREATE TABLE solid_queue_semaphores (
    id bigserial PRIMARY KEY,
    key character varying NOT NULL,
    value integer DEFAULT 1 NOT NULL,
    expires_at timestamp(6) without time zone NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_semaphores_on_key ON solid_queue_semaphores (key);

INSERT INTO solid_queue_processes (kind, last_heartbeat_at, pid, hostname, created_at, name)
VALUES ('Worker', now() AT TIME ZONE 'UTC', 4242, 'web-1', now() AT TIME ZONE 'UTC', 'worker-abc');

-- Jobs, ids 1..11 in this order. "ago(x)" is (now() AT TIME ZONE 'UTC') - x, as Rails writes UTC.
INSERT INTO solid_queue_jobs (queue_name, class_name, arguments, priority, active_job_id, scheduled_at, finished_at,
                              concurrency_key, created_at, updated_at)
SELECT queue_name, class_name, '{"job_class":"' || class_name || '","executions":' || executions || ',"exception_executions":{}}',
       priority, 'aj-' || n, (now() AT TIME ZONE 'UTC') - created_ago + scheduled_in, (now() AT TIME ZONE 'UTC') - finished_ago,
       concurrency_key, (now() AT TIME ZONE 'UTC') - created_ago, (now() AT TIME ZONE 'UTC') - created_ago
FROM (VALUES
    (1,  'default', 'SendInvoiceJob',  0, 0, interval '0', NULL::interval, NULL, interval '10 minutes'),   -- ready
    (2,  'default', 'SendInvoiceJob',  5, 0, interval '0', NULL, NULL, interval '2 minutes'),             -- ready
    (3,  'default', 'ImportJob',       0, 1, interval '0', NULL, NULL, interval '4 minutes'),             -- claimed
    (4,  'default', 'ChargeCardJob',   3, 5, interval '0', NULL, NULL, interval '30 minutes'),            -- failed
    (5,  'default', 'ChargeCardJob',   3, 5, interval '0', NULL, NULL, interval '20 minutes'),            -- failed
    (6,  'default', 'DigestJob',       0, 0, interval '61 minutes', NULL, NULL, interval '1 minute'),         -- scheduled
    (7,  'default', 'SyncAccountJob',  0, 0, interval '0', NULL, 'SyncAccountJob/42', interval '3 minutes'), -- blocked
    (8,  'default', 'SendInvoiceJob',  0, 1, interval '0', interval '5 minutes', NULL, interval '6 minutes'), -- finished
    (9,  'mailers', 'WelcomeMailJob',  0, 0, interval '0', NULL, NULL, interval '7 minutes'),             -- ready
    (10, 'mailers', 'WelcomeMailJob',  0, 1, interval '0', NULL, NULL, interval '8 minutes'),             -- failed
    (11, 'reports', 'MonthlyReportJob', 0, 0, interval '0', NULL, NULL, interval '15 minutes')            -- ready, queue paused
) AS j (n, queue_name, class_name, priority, executions, scheduled_in, finished_ago, concurrency_key, created_ago)
ORDER BY n;

INSERT INTO solid_queue_ready_executions (job_id, queue_name, priority, created_at)
SELECT id, queue_name, priority, created_at FROM solid_queue_jobs WHERE id IN (1, 2, 9, 11);

INSERT INTO solid_queue_claimed_executions (job_id, process_id, created_at)
VALUES (3, 1, (now() AT TIME ZONE 'UTC') - interval '1 minute');

INSERT INTO solid_queue_failed_executions (job_id, error, created_at)
SELECT id, '{"exception_class":"Stripe::CardError","message":"card declined","backtrace":["app/jobs/charge_card_job.rb:7"]}',
       created_at + interval '1 minute'
FROM solid_queue_jobs WHERE id IN (4, 5, 10);

INSERT INTO solid_queue_scheduled_executions (job_id, queue_name, priority, scheduled_at, created_at)
SELECT id, queue_name, priority, scheduled_at, created_at FROM solid_queue_jobs WHERE id = 6;

INSERT INTO solid_queue_blocked_executions (job_id, queue_name, priority, concurrency_key, expires_at, created_at)
SELECT id, queue_name, priority, concurrency_key, (now() AT TIME ZONE 'UTC') + interval '3 minutes', created_at
FROM solid_queue_jobs WHERE id = 7;

INSERT INTO solid_queue_pauses (queue_name, created_at) VALUES ('reports', (now() AT TIME ZONE 'UTC') - interval '1 hour');
