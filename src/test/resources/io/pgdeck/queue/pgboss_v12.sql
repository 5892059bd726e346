-- pg-boss 12.38.0, schema version 46, in schema pgboss. Follows that release's dist/plans.js (create, the
-- statements dist/contractor.js runs to install a new schema with createSchema: true, the default partition
-- job_common, job_now and the create_queue function) and dist/manager.js createQueue. Written for pgdeck from
-- that source: the schema objects pgdeck and these tests touch, and the functions re-implemented with the
-- same behaviour. Left out: schedule, subscription, bam, warning, queue_stats, instance, the job_table_*
-- helpers, delete_queue, the queue table's monitoring counters, the non-unique indexes other than the
-- fetch's (i11), and the installer's advisory lock.
-- email lives in job_common, reports in a partition of its own (createQueue with partition: true).
-- Jobs are planted with plain INSERTs of the columns insertJobs (dist/plans.js) writes, in the states the
-- library's own statements leave them (fetchNextJob, completeJobs, failJobs, cancelJobs), as each comment says.
CREATE SCHEMA pgboss;

CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');

-- the clock every statement of the release reads
CREATE FUNCTION pgboss.job_now() RETURNS timestamptz LANGUAGE sql STABLE AS 'SELECT pg_catalog.now()';

CREATE TABLE pgboss.version (
    version            int PRIMARY KEY,
    cron_on            timestamptz,
    bam_on             timestamptz,
    flow_on            timestamptz,
    reindex_on         timestamptz,
    monitor_backoff_on timestamptz
);
INSERT INTO pgboss.version (version) VALUES (46);

CREATE TABLE pgboss.queue (
    name              text PRIMARY KEY,
    policy            text NOT NULL,
    retry_limit       int NOT NULL,
    retry_delay       int NOT NULL,
    retry_backoff     bool NOT NULL,
    retry_delay_max   int,
    expire_seconds    int NOT NULL,
    retention_seconds int NOT NULL,
    deletion_seconds  int NOT NULL,
    dead_letter       text REFERENCES pgboss.queue (name) CHECK (dead_letter IS DISTINCT FROM name),
    partition         bool NOT NULL,
    table_name        text NOT NULL,
    warning_queued    int NOT NULL DEFAULT 0,
    heartbeat_seconds int,
    notify            bool NOT NULL DEFAULT false,
    created_on        timestamptz NOT NULL DEFAULT now(),
    updated_on        timestamptz NOT NULL DEFAULT now()
);

-- 11.x's columns, then groups (group_id, group_tier), heartbeats, flows (blocked, blocking,
-- pending_dependencies: a blocked job waits for its parents), the source_* of a flow child, tracing and
-- upsert by key
CREATE TABLE pgboss.job (
    id                   uuid NOT NULL DEFAULT gen_random_uuid(),
    name                 text NOT NULL,
    priority             integer NOT NULL DEFAULT 0,
    data                 jsonb,
    state                pgboss.job_state NOT NULL DEFAULT 'created',
    retry_limit          integer NOT NULL DEFAULT 2,
    retry_count          integer NOT NULL DEFAULT 0,
    retry_delay          integer NOT NULL DEFAULT 0,
    retry_backoff        boolean NOT NULL DEFAULT false,
    retry_delay_max      integer,
    expire_seconds       int NOT NULL DEFAULT 900,
    deletion_seconds     int NOT NULL DEFAULT 604800,
    singleton_key        text,
    singleton_on         timestamp,
    group_id             text,
    group_tier           text,
    start_after          timestamptz NOT NULL DEFAULT now(),
    created_on           timestamptz NOT NULL DEFAULT now(),
    started_on           timestamptz,
    completed_on         timestamptz,
    keep_until           timestamptz NOT NULL DEFAULT now() + interval '1209600 seconds',
    output               jsonb,
    dead_letter          text,
    policy               text,
    heartbeat_on         timestamptz,
    heartbeat_seconds    int,
    blocked              boolean NOT NULL DEFAULT false,
    blocking             boolean NOT NULL DEFAULT false,
    pending_dependencies int NOT NULL DEFAULT 0,
    source_name          text,
    source_id            uuid,
    source_created_on    timestamptz,
    source_retry_count   int,
    source_output        jsonb,
    source_root_id       uuid,
    trace_context        jsonb,
    upsert_by_key        bool,
    PRIMARY KEY (name, id)
) PARTITION BY LIST (name);

-- The default partition, with the keys, every policy's unique index and the fetch's index (at install).
CREATE TABLE pgboss.job_common (LIKE pgboss.job INCLUDING GENERATED INCLUDING DEFAULTS);
ALTER TABLE pgboss.job_common ADD PRIMARY KEY (name, id),
    ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name)
        ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name)
        ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    ADD CONSTRAINT job_key_strict_fifo_singleton_key_check
        CHECK (NOT (policy = 'key_strict_fifo' AND singleton_key IS NULL));
CREATE UNIQUE INDEX job_i1 ON pgboss.job_common (name, coalesce(singleton_key, ''))
    WHERE state = 'created' AND policy = 'short';
CREATE UNIQUE INDEX job_i2 ON pgboss.job_common (name, coalesce(singleton_key, ''))
    WHERE state = 'active' AND policy = 'singleton';
CREATE UNIQUE INDEX job_i3 ON pgboss.job_common (name, state, coalesce(singleton_key, ''))
    WHERE state <= 'active' AND policy = 'stately';
CREATE UNIQUE INDEX job_i6 ON pgboss.job_common (name, coalesce(singleton_key, ''))
    WHERE state <= 'active' AND policy = 'exclusive';
CREATE UNIQUE INDEX job_i8 ON pgboss.job_common (name, singleton_key)
    WHERE state IN ('active', 'retry', 'failed') AND policy = 'key_strict_fifo';
CREATE UNIQUE INDEX job_i4 ON pgboss.job_common (name, singleton_on, coalesce(singleton_key, ''))
    WHERE state <> 'cancelled' AND singleton_on IS NOT NULL;
CREATE UNIQUE INDEX job_i13 ON pgboss.job_common (name, singleton_key) WHERE state = 'created' AND upsert_by_key;
CREATE INDEX job_i11 ON pgboss.job_common (name, priority DESC, created_on, start_after)
    WHERE state < 'active' AND NOT blocked;
ALTER TABLE pgboss.job ATTACH PARTITION pgboss.job_common DEFAULT;

-- a flow child's parents (12.19.0, schema 31)
CREATE TABLE pgboss.job_dependency (
    child_name  text NOT NULL,
    child_id    uuid NOT NULL,
    parent_name text NOT NULL,
    parent_id   uuid NOT NULL,
    PRIMARY KEY (child_name, child_id, parent_name, parent_id)
);
CREATE INDEX job_dep_parent_idx ON pgboss.job_dependency (parent_name, parent_id);

-- create_queue(name, options): as in 11.x (defaults for what options leave out, job_common unless
-- options.partition is true), now also recording heartbeatSeconds and notify, with job_now() as the queue's
-- creation and update time. A new partitioned queue gets its table named j + sha224 hex of the name, with
-- the keys, the fetch index (i11), the singleton-slot and upsert indexes (i4, i13), its policy's unique index
-- (and for key_strict_fifo the check that a key is given), the name check, attached for that name.
CREATE FUNCTION pgboss.create_queue(queue_name text, options jsonb) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    own_table boolean := (options ->> 'partition') = 'true';
    target    text := CASE WHEN (options ->> 'partition') = 'true'
                           THEN 'j' || encode(sha224(queue_name::bytea), 'hex') ELSE 'job_common' END;
    policy    text := options ->> 'policy';
    at        timestamptz := pgboss.job_now();
BEGIN
    INSERT INTO pgboss.queue (name, policy, retry_limit, retry_delay, retry_backoff, retry_delay_max,
                              expire_seconds, retention_seconds, deletion_seconds, warning_queued, dead_letter,
                              partition, table_name, heartbeat_seconds, notify, created_on, updated_on)
    VALUES (queue_name, policy,
            coalesce((options ->> 'retryLimit')::int, 2),
            coalesce((options ->> 'retryDelay')::int, 0),
            coalesce((options ->> 'retryBackoff')::bool, false),
            (options ->> 'retryDelayMax')::int,
            coalesce((options ->> 'expireInSeconds')::int, 900),
            coalesce((options ->> 'retentionSeconds')::int, 14 * 24 * 3600),
            coalesce((options ->> 'deleteAfterSeconds')::int, 7 * 24 * 3600),
            coalesce((options ->> 'warningQueueSize')::int, 0),
            options ->> 'deadLetter',
            coalesce((options ->> 'partition')::bool, false),
            target,
            (options ->> 'heartbeatSeconds')::int,
            coalesce((options ->> 'notify')::bool, false),
            at, at)
    ON CONFLICT DO NOTHING;
    IF NOT FOUND OR own_table IS NOT TRUE THEN
        RETURN;
    END IF;

    EXECUTE format('CREATE TABLE pgboss.%I (LIKE pgboss.job INCLUDING DEFAULTS)', target);
    EXECUTE format('ALTER TABLE pgboss.%I ADD PRIMARY KEY (name, id),'
        || ' ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name)'
        || ' ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,'
        || ' ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name)'
        || ' ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED', target);
    EXECUTE format('CREATE INDEX %1$s_i11 ON pgboss.%1$I (name, priority DESC, created_on, start_after)'
        || ' WHERE state < %2$L AND NOT blocked', target, 'active');
    EXECUTE format('CREATE UNIQUE INDEX %1$s_i4 ON pgboss.%1$I (name, singleton_on, coalesce(singleton_key, %2$L))'
        || ' WHERE state <> %3$L AND singleton_on IS NOT NULL', target, '', 'cancelled');
    EXECUTE format('CREATE UNIQUE INDEX %1$s_i13 ON pgboss.%1$I (name, singleton_key)'
        || ' WHERE state = %2$L AND upsert_by_key', target, 'created');

    IF policy = 'short' THEN
        EXECUTE format('CREATE UNIQUE INDEX %1$s_i1 ON pgboss.%1$I (name, coalesce(singleton_key, %2$L))'
            || ' WHERE state = %3$L AND policy = %4$L', target, '', 'created', policy);
    ELSIF policy = 'singleton' THEN
        EXECUTE format('CREATE UNIQUE INDEX %1$s_i2 ON pgboss.%1$I (name, coalesce(singleton_key, %2$L))'
            || ' WHERE state = %3$L AND policy = %4$L', target, '', 'active', policy);
    ELSIF policy = 'stately' THEN
        EXECUTE format('CREATE UNIQUE INDEX %1$s_i3 ON pgboss.%1$I (name, state, coalesce(singleton_key, %2$L))'
            || ' WHERE state <= %3$L AND policy = %4$L', target, '', 'active', policy);
    ELSIF policy = 'exclusive' THEN
        EXECUTE format('CREATE UNIQUE INDEX %1$s_i6 ON pgboss.%1$I (name, coalesce(singleton_key, %2$L))'
            || ' WHERE state <= %3$L AND policy = %4$L', target, '', 'active', policy);
    ELSIF policy = 'key_strict_fifo' THEN
        EXECUTE format('CREATE UNIQUE INDEX %1$s_i8 ON pgboss.%1$I (name, singleton_key)'
            || ' WHERE state IN (%2$L, %3$L, %4$L) AND policy = %5$L', target, 'active', 'retry', 'failed', policy);
        EXECUTE format('ALTER TABLE pgboss.%1$I ADD CONSTRAINT job_key_strict_fifo_singleton_key_check'
            || ' CHECK (NOT (policy = %2$L AND singleton_key IS NULL))', target, policy);
    END IF;

    EXECUTE format('ALTER TABLE pgboss.%I ADD CONSTRAINT cjc CHECK (name = %L)', target, queue_name);
    EXECUTE format('ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%I FOR VALUES IN (%L)', target, queue_name);
END
$fn$;

SELECT pgboss.create_queue('email', '{"policy": "standard"}'::jsonb);
SELECT pgboss.create_queue('reports', '{"policy": "standard", "partition": true}'::jsonb);

INSERT INTO pgboss.job (id, name, priority, data, state, retry_limit, retry_count, start_after, started_on,
        created_on, completed_on, output, expire_seconds) VALUES
 -- created and due: email 2 (oldest due 7 minutes), reports 1
 ('10000000-0000-0000-0000-000000000001', 'email', 0, '{"to": "a@example.com"}', 'created', 2, 0, now() - interval '7 minutes', NULL, now() - interval '7 minutes', NULL, NULL, 900),
 ('10000000-0000-0000-0000-000000000002', 'email', 0, '{"to": "b@example.com"}', 'created', 2, 0, now() - interval '1 minute', NULL, now() - interval '1 minute', NULL, NULL, 900),
 ('10000000-0000-0000-0000-000000000003', 'reports', 5, '{"report": "weekly"}', 'created', 2, 0, now() - interval '2 minutes', NULL, now() - interval '2 minutes', NULL, NULL, 900),
 -- created, deferred (send with startAfter): 1
 ('10000000-0000-0000-0000-000000000004', 'email', 0, '{"to": "later@example.com"}', 'created', 2, 0, now() + interval '1 day', NULL, now() - interval '1 minute', NULL, NULL, 900),
 -- retry, as failJobs leaves a job with retries left: completed_on null, start_after moved by retry_delay
 ('10000000-0000-0000-0000-000000000005', 'email', 0, '{"to": "c@example.com"}', 'retry', 2, 1, now() + interval '30 seconds', now() - interval '1 minute', now() - interval '3 minutes', NULL, '{"name": "Error", "message": "SMTP 421 try again later", "stack": "Error: SMTP 421\n    at send (mail.js:10)"}', 900),
 -- active, as fetchNextJob leaves it: 2, one past its 15-minute expiry
 ('10000000-0000-0000-0000-000000000006', 'reports', 0, '{"report": "annual"}', 'active', 2, 0, now() - interval '40 minutes', now() - interval '40 minutes', now() - interval '41 minutes', NULL, NULL, 900),
 ('10000000-0000-0000-0000-000000000007', 'email', 0, '{"to": "d@example.com"}', 'active', 2, 0, now() - interval '1 minute', now() - interval '30 seconds', now() - interval '1 minute', NULL, NULL, 900),
 -- completed, as completeJobs leaves it: 2 (one within five minutes)
 ('10000000-0000-0000-0000-000000000008', 'email', 0, '{}', 'completed', 2, 0, now() - interval '4 minutes', now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '2 minutes', '{"sent": true}', 900),
 ('10000000-0000-0000-0000-000000000009', 'reports', 0, '{}', 'completed', 2, 0, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', NULL, 900),
 -- cancelled (cancelJobs) 1, failed (failJobs with no retry left: completed_on set, output the serialized error) 2
 ('10000000-0000-0000-0000-00000000000a', 'email', 0, '{}', 'cancelled', 2, 0, now() - interval '1 hour', NULL, now() - interval '1 hour', now() - interval '50 minutes', NULL, 900),
 ('10000000-0000-0000-0000-00000000000b', 'email', 0, '{"to": "bounce@example.com"}', 'failed', 2, 2, now() - interval '10 minutes', now() - interval '3 minutes', now() - interval '10 minutes', now() - interval '2 minutes', '{"name": "Error", "message": "550 mailbox unavailable", "stack": "Error: 550\n    at send (mail.js:10)"}', 900),
 ('10000000-0000-0000-0000-00000000000c', 'reports', 0, '{"report": "broken"}', 'failed', 0, 0, now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', '{"name": "Error", "message": "report template missing"}', 900);
-- a flow child (12.19.0, schema 31): created but blocked until its parent 06 completes, as insertJobs
-- writes a job sent with dependsOn (blocked, pending_dependencies and its job_dependency row)
INSERT INTO pgboss.job (id, name, data, state, created_on, start_after, blocked, pending_dependencies)
    VALUES ('10000000-0000-0000-0000-00000000000d', 'reports', '{"report": "annual-pdf"}', 'created', now() - interval '41 minutes',
            now() - interval '41 minutes', true, 1);
INSERT INTO pgboss.job_dependency (child_name, child_id, parent_name, parent_id)
    VALUES ('reports', '10000000-0000-0000-0000-00000000000d', 'reports', '10000000-0000-0000-0000-000000000006');
ANALYZE pgboss.job;
