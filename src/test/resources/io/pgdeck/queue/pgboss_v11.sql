-- pg-boss 11.1.2, schema version 26, in schema pgboss. Follows that release's src/plans.js (create, the
-- statements src/contractor.js runs to install a new schema, with the default partition job_common and the
-- create_queue function) and src/manager.js createQueue. Written for pgdeck from that source: the schema
-- objects pgdeck and these tests touch, and the functions re-implemented with the same behaviour. Left out:
-- schedule, subscription, delete_queue, the queue table's monitoring counters and the installer's advisory lock.
-- email lives in job_common, reports in a partition of its own (createQueue with partition: true).
-- Jobs are planted with plain INSERTs of the columns insertJobs (src/plans.js) writes, in the states the
-- library's own statements leave them (fetchNextJob, completeJobs, failJobs, cancelJobs), as each comment says.
CREATE SCHEMA pgboss;

CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');

CREATE TABLE pgboss.version (
    version int PRIMARY KEY,
    cron_on timestamptz
);
INSERT INTO pgboss.version (version) VALUES (26);

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
    created_on        timestamptz NOT NULL DEFAULT now(),
    updated_on        timestamptz NOT NULL DEFAULT now()
);

-- expire_in of 10.x is expire_seconds here; deletion_seconds and retry_delay_max are new
CREATE TABLE pgboss.job (
    id               uuid NOT NULL DEFAULT gen_random_uuid(),
    name             text NOT NULL,
    priority         integer NOT NULL DEFAULT 0,
    data             jsonb,
    state            pgboss.job_state NOT NULL DEFAULT 'created',
    retry_limit      integer NOT NULL DEFAULT 2,
    retry_count      integer NOT NULL DEFAULT 0,
    retry_delay      integer NOT NULL DEFAULT 0,
    retry_backoff    boolean NOT NULL DEFAULT false,
    retry_delay_max  integer,
    expire_seconds   int NOT NULL DEFAULT 900,
    deletion_seconds int NOT NULL DEFAULT 604800,
    singleton_key    text,
    singleton_on     timestamp,
    start_after      timestamptz NOT NULL DEFAULT now(),
    created_on       timestamptz NOT NULL DEFAULT now(),
    started_on       timestamptz,
    completed_on     timestamptz,
    keep_until       timestamptz NOT NULL DEFAULT now() + interval '1209600 seconds',
    output           jsonb,
    dead_letter      text,
    policy           text,
    PRIMARY KEY (name, id)
) PARTITION BY LIST (name);

-- The default partition for every queue made without partition: true, with the keys and the indexes of
-- every policy (created at install).
CREATE TABLE pgboss.job_common (LIKE pgboss.job INCLUDING GENERATED INCLUDING DEFAULTS);
ALTER TABLE pgboss.job_common ADD PRIMARY KEY (name, id),
    ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name)
        ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED,
    ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name)
        ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED;
CREATE UNIQUE INDEX job_i1 ON pgboss.job_common (name, coalesce(singleton_key, ''))
    WHERE state = 'created' AND policy = 'short';
CREATE UNIQUE INDEX job_i2 ON pgboss.job_common (name, coalesce(singleton_key, ''))
    WHERE state = 'active' AND policy = 'singleton';
CREATE UNIQUE INDEX job_i3 ON pgboss.job_common (name, state, coalesce(singleton_key, ''))
    WHERE state <= 'active' AND policy = 'stately';
CREATE UNIQUE INDEX job_i6 ON pgboss.job_common (name, coalesce(singleton_key, ''))
    WHERE state <= 'active' AND policy = 'exclusive';
CREATE UNIQUE INDEX job_i4 ON pgboss.job_common (name, singleton_on, coalesce(singleton_key, ''))
    WHERE state <> 'cancelled' AND singleton_on IS NOT NULL;
CREATE INDEX job_i5 ON pgboss.job_common (name, start_after) INCLUDE (priority, created_on, id)
    WHERE state < 'active';
ALTER TABLE pgboss.job ATTACH PARTITION pgboss.job_common DEFAULT;

-- create_queue(name, options): records the queue with the release's defaults for what options leave out
-- (retry limit 2, delay 0, no backoff, expiry 900 s, retention 14 days, deletion 7 days, no warning size);
-- its table is job_common unless options.partition is true, and then, for a new queue only, a partition
-- named j + sha224 hex of the name, with the keys, the fetch and singleton-slot indexes, the one unique
-- index of its policy, and the name check, attached for that name.
CREATE FUNCTION pgboss.create_queue(queue_name text, options jsonb) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    own_table  boolean := (options ->> 'partition') = 'true';
    target     text := CASE WHEN (options ->> 'partition') = 'true'
                            THEN 'j' || encode(sha224(queue_name::bytea), 'hex') ELSE 'job_common' END;
    policy_key text;
BEGIN
    INSERT INTO pgboss.queue (name, policy, retry_limit, retry_delay, retry_backoff, retry_delay_max,
                              expire_seconds, retention_seconds, deletion_seconds, warning_queued, dead_letter,
                              partition, table_name)
    VALUES (queue_name, options ->> 'policy',
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
            target)
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
    EXECUTE format('CREATE INDEX %s_i5 ON pgboss.%I (name, start_after) INCLUDE (priority, created_on, id)'
        || ' WHERE state < %L', target, target, 'active');
    EXECUTE format('CREATE UNIQUE INDEX %s_i4 ON pgboss.%I (name, singleton_on, coalesce(singleton_key, %L))'
        || ' WHERE state <> %L AND singleton_on IS NOT NULL', target, target, '', 'cancelled');

    policy_key := CASE options ->> 'policy'
        WHEN 'short'     THEN 'i1:(name, coalesce(singleton_key, %3$L)) WHERE state = %4$L AND policy = %5$L'
        WHEN 'singleton' THEN 'i2:(name, coalesce(singleton_key, %3$L)) WHERE state = %6$L AND policy = %5$L'
        WHEN 'stately'   THEN 'i3:(name, state, coalesce(singleton_key, %3$L)) WHERE state <= %6$L AND policy = %5$L'
        WHEN 'exclusive' THEN 'i6:(name, coalesce(singleton_key, %3$L)) WHERE state <= %6$L AND policy = %5$L'
    END;
    IF policy_key IS NOT NULL THEN
        EXECUTE format('CREATE UNIQUE INDEX %1$s_' || split_part(policy_key, ':', 1) || ' ON pgboss.%2$I '
            || substr(policy_key, strpos(policy_key, ':') + 1),
            target, target, '', 'created', options ->> 'policy', 'active');
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
ANALYZE pgboss.job;
