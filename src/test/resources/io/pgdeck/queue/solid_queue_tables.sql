-- Solid Queue's tables but processes, the same from 0.2 to 1.x: rails/solid_queue tag v0.3.0
-- db/migrate/20231211200639_create_solid_queue_tables.rb and tag v1.5.0
-- lib/generators/solid_queue/install/templates/db/queue_schema.rb state them alike, as Rails creates
-- them on PostgreSQL (ids bigserial, string character varying, datetime timestamp(6) without time
-- zone holding UTC; each foreign key named fk_rails_ and the first 10 hex digits of
-- sha256("<table>_job_id_fk"), deleting with the job).
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour (Solid Queue keeps its logic in Ruby: there are
-- none in the database). Left out: solid_queue_recurring_executions (v0.3.0) and
-- solid_queue_recurring_tasks (v0.5.0), and the indexes only Solid Queue's dispatcher and
-- maintenance read.
-- Load order: this file, the version's solid_queue_0_3.sql or solid_queue_1_x.sql (its processes
-- table), solid_queue_jobs.sql (the jobs).

CREATE TABLE solid_queue_jobs (
    id              bigserial PRIMARY KEY,
    queue_name      character varying NOT NULL,
    class_name      character varying NOT NULL,
    arguments       text,
    priority        integer NOT NULL DEFAULT 0,
    active_job_id   character varying,
    scheduled_at    timestamp(6) without time zone,
    finished_at     timestamp(6) without time zone,
    concurrency_key character varying,
    created_at      timestamp(6) without time zone NOT NULL,
    updated_at      timestamp(6) without time zone NOT NULL
);
CREATE INDEX index_solid_queue_jobs_for_filtering ON solid_queue_jobs (queue_name, finished_at);

-- One execution row says what a job is waiting for or doing; at most one of each kind per job.
CREATE TABLE solid_queue_ready_executions (
    id         bigserial PRIMARY KEY,
    job_id     bigint NOT NULL CONSTRAINT fk_rails_81fcbd66af REFERENCES solid_queue_jobs ON DELETE CASCADE,
    queue_name character varying NOT NULL,
    priority   integer NOT NULL DEFAULT 0,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_ready_executions_on_job_id ON solid_queue_ready_executions (job_id);
-- what a worker polling named queues walks
CREATE INDEX index_solid_queue_poll_by_queue ON solid_queue_ready_executions (queue_name, priority, job_id);

CREATE TABLE solid_queue_scheduled_executions (
    id           bigserial PRIMARY KEY,
    job_id       bigint NOT NULL CONSTRAINT fk_rails_c4316f352d REFERENCES solid_queue_jobs ON DELETE CASCADE,
    queue_name   character varying NOT NULL,
    priority     integer NOT NULL DEFAULT 0,
    scheduled_at timestamp(6) without time zone NOT NULL,
    created_at   timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_scheduled_executions_on_job_id ON solid_queue_scheduled_executions (job_id);

CREATE TABLE solid_queue_claimed_executions (
    id         bigserial PRIMARY KEY,
    job_id     bigint NOT NULL CONSTRAINT fk_rails_9cfe4d4944 REFERENCES solid_queue_jobs ON DELETE CASCADE,
    process_id bigint,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_claimed_executions_on_job_id ON solid_queue_claimed_executions (job_id);

CREATE TABLE solid_queue_blocked_executions (
    id              bigserial PRIMARY KEY,
    job_id          bigint NOT NULL CONSTRAINT fk_rails_4cd34e2228 REFERENCES solid_queue_jobs ON DELETE CASCADE,
    queue_name      character varying NOT NULL,
    priority        integer NOT NULL DEFAULT 0,
    concurrency_key character varying NOT NULL,
    expires_at      timestamp(6) without time zone NOT NULL,
    created_at      timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_blocked_executions_on_job_id ON solid_queue_blocked_executions (job_id);

CREATE TABLE solid_queue_failed_executions (
    id         bigserial PRIMARY KEY,
    job_id     bigint NOT NULL CONSTRAINT fk_rails_39bbc7a631 REFERENCES solid_queue_jobs ON DELETE CASCADE,
    error      text,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_failed_executions_on_job_id ON solid_queue_failed_executions (job_id);

-- A paused queue is a row here.
CREATE TABLE solid_queue_pauses (
    id         bigserial PRIMARY KEY,
    queue_name character varying NOT NULL,
    created_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_pauses_on_queue_name ON solid_queue_pauses (queue_name);

-- Concurrency limits: one semaphore per concurrency key, value = how many more may run.
CREATE TABLE solid_queue_semaphores (
    id         bigserial PRIMARY KEY,
    key        character varying NOT NULL,
    value      integer NOT NULL DEFAULT 1,
    expires_at timestamp(6) without time zone NOT NULL,
    created_at timestamp(6) without time zone NOT NULL,
    updated_at timestamp(6) without time zone NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_semaphores_on_key ON solid_queue_semaphores (key);
