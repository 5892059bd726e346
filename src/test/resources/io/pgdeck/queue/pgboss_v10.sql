-- pg-boss 10.4.2, schema version 24, in schema pgboss. Follows that release's src/plans.js (create, the
-- statements src/contractor.js runs to install a new schema, and its create_queue function) and
-- src/manager.js createQueue. Written for pgdeck from that source: the schema objects pgdeck and these tests
-- touch, and the functions re-implemented with the same behaviour. Left out: archive, schedule, subscription,
-- delete_queue and the installer's advisory lock.
-- Jobs are planted with plain INSERTs of the columns insertJobs (src/plans.js) writes, in the states the
-- library's own statements leave them (fetchNextJob, completeJobs, failJobs, cancelJobs), as each comment says.
CREATE SCHEMA pgboss;

CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');

CREATE TABLE pgboss.version (
    version       int PRIMARY KEY,
    maintained_on timestamptz,
    cron_on       timestamptz,
    monitored_on  timestamptz
);
INSERT INTO pgboss.version (version) VALUES (24);

CREATE TABLE pgboss.queue (
    name              text PRIMARY KEY,
    policy            text,
    retry_limit       int,
    retry_delay       int,
    retry_backoff     bool,
    expire_seconds    int,
    retention_minutes int,
    dead_letter       text REFERENCES pgboss.queue (name),
    partition_name    text,
    created_on        timestamptz NOT NULL DEFAULT now(),
    updated_on        timestamptz NOT NULL DEFAULT now()
);

-- every queue is a list partition of job of its own; 10.x has no default partition
CREATE TABLE pgboss.job (
    id            uuid NOT NULL DEFAULT gen_random_uuid(),
    name          text NOT NULL,
    priority      integer NOT NULL DEFAULT 0,
    data          jsonb,
    state         pgboss.job_state NOT NULL DEFAULT 'created',
    retry_limit   integer NOT NULL DEFAULT 2,
    retry_count   integer NOT NULL DEFAULT 0,
    retry_delay   integer NOT NULL DEFAULT 0,
    retry_backoff boolean NOT NULL DEFAULT false,
    start_after   timestamptz NOT NULL DEFAULT now(),
    started_on    timestamptz,
    singleton_key text,
    singleton_on  timestamp,
    expire_in     interval NOT NULL DEFAULT interval '15 minutes',
    created_on    timestamptz NOT NULL DEFAULT now(),
    completed_on  timestamptz,
    keep_until    timestamptz NOT NULL DEFAULT now() + interval '14 days',
    output        jsonb,
    dead_letter   text,
    policy        text,
    PRIMARY KEY (name, id)
) PARTITION BY LIST (name);

-- create_queue(name, options): records the queue from the options createQueue passes (camelCase keys, no
-- defaults filled in here) and, if the queue is new, gives it a partition named j + sha224 hex of its name,
-- with the partition's keys, policy indexes and name check, then attaches it. A known name changes nothing.
CREATE FUNCTION pgboss.create_queue(queue_name text, options json) RETURNS void LANGUAGE plpgsql AS $fn$
DECLARE
    part text := 'j' || encode(sha224(queue_name::bytea), 'hex');
    ddl  text;
BEGIN
    INSERT INTO pgboss.queue AS q (name, policy, retry_limit, retry_delay, retry_backoff, expire_seconds,
                                   retention_minutes, dead_letter, partition_name)
    SELECT queue_name, o ->> 'policy', (o ->> 'retryLimit')::int, (o ->> 'retryDelay')::int,
           (o ->> 'retryBackoff')::bool, (o ->> 'expireInSeconds')::int, (o ->> 'retentionMinutes')::int,
           o ->> 'deadLetter', part
      FROM (SELECT options AS o) AS given
    ON CONFLICT DO NOTHING;
    IF NOT FOUND THEN
        RETURN;
    END IF;
    FOREACH ddl IN ARRAY ARRAY[
        'CREATE TABLE pgboss.%1$I (LIKE pgboss.job INCLUDING DEFAULTS)',
        'ALTER TABLE pgboss.%1$I ADD PRIMARY KEY (name, id)',
        'ALTER TABLE pgboss.%1$I ADD CONSTRAINT q_fkey FOREIGN KEY (name) REFERENCES pgboss.queue (name)'
            || ' ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED',
        'ALTER TABLE pgboss.%1$I ADD CONSTRAINT dlq_fkey FOREIGN KEY (dead_letter) REFERENCES pgboss.queue (name)'
            || ' ON DELETE RESTRICT DEFERRABLE INITIALLY DEFERRED',
        -- one created job per key for policy short, one active per key for singleton, one per state up to
        -- active for stately, one per singleton slot unless cancelled
        'CREATE UNIQUE INDEX %1$s_i1 ON pgboss.%1$I (name, coalesce(singleton_key, %3$L))'
            || ' WHERE state = %4$L AND policy = %5$L',
        'CREATE UNIQUE INDEX %1$s_i2 ON pgboss.%1$I (name, coalesce(singleton_key, %3$L))'
            || ' WHERE state = %6$L AND policy = %7$L',
        'CREATE UNIQUE INDEX %1$s_i3 ON pgboss.%1$I (name, state, coalesce(singleton_key, %3$L))'
            || ' WHERE state <= %6$L AND policy = %8$L',
        'CREATE UNIQUE INDEX %1$s_i4 ON pgboss.%1$I (name, singleton_on, coalesce(singleton_key, %3$L))'
            || ' WHERE state <> %9$L AND singleton_on IS NOT NULL',
        -- what the fetch reads: due jobs not yet active
        'CREATE INDEX %1$s_i5 ON pgboss.%1$I (name, start_after) INCLUDE (priority, created_on, id)'
            || ' WHERE state < %6$L',
        'ALTER TABLE pgboss.%1$I ADD CONSTRAINT cjc CHECK (name = %2$L)',
        'ALTER TABLE pgboss.job ATTACH PARTITION pgboss.%1$I FOR VALUES IN (%2$L)']
    LOOP
        EXECUTE format(ddl, part, queue_name, '', 'created', 'short', 'active', 'singleton', 'stately', 'cancelled');
    END LOOP;
END
$fn$;

SELECT pgboss.create_queue('email', '{"policy": "standard"}');
SELECT pgboss.create_queue('reports', '{"policy": "standard"}');

INSERT INTO pgboss.job (id, name, priority, data, state, retry_limit, retry_count, start_after, started_on,
        created_on, completed_on, output, expire_in) VALUES
 -- created and due: email 2 (oldest due 7 minutes), reports 1
 ('10000000-0000-0000-0000-000000000001', 'email', 0, '{"to": "a@example.com"}', 'created', 2, 0, now() - interval '7 minutes', NULL, now() - interval '7 minutes', NULL, NULL, '15 minutes'),
 ('10000000-0000-0000-0000-000000000002', 'email', 0, '{"to": "b@example.com"}', 'created', 2, 0, now() - interval '1 minute', NULL, now() - interval '1 minute', NULL, NULL, '15 minutes'),
 ('10000000-0000-0000-0000-000000000003', 'reports', 5, '{"report": "weekly"}', 'created', 2, 0, now() - interval '2 minutes', NULL, now() - interval '2 minutes', NULL, NULL, '15 minutes'),
 -- created, deferred (send with startAfter): 1
 ('10000000-0000-0000-0000-000000000004', 'email', 0, '{"to": "later@example.com"}', 'created', 2, 0, now() + interval '1 day', NULL, now() - interval '1 minute', NULL, NULL, '15 minutes'),
 -- retry, as failJobs leaves a job with retries left: completed_on null, start_after moved by retry_delay
 ('10000000-0000-0000-0000-000000000005', 'email', 0, '{"to": "c@example.com"}', 'retry', 2, 1, now() + interval '30 seconds', now() - interval '1 minute', now() - interval '3 minutes', NULL, '{"name": "Error", "message": "SMTP 421 try again later", "stack": "Error: SMTP 421\n    at send (mail.js:10)"}', '15 minutes'),
 -- active, as fetchNextJob leaves it: 2, one past its 15-minute expiry
 ('10000000-0000-0000-0000-000000000006', 'reports', 0, '{"report": "annual"}', 'active', 2, 0, now() - interval '40 minutes', now() - interval '40 minutes', now() - interval '41 minutes', NULL, NULL, '15 minutes'),
 ('10000000-0000-0000-0000-000000000007', 'email', 0, '{"to": "d@example.com"}', 'active', 2, 0, now() - interval '1 minute', now() - interval '30 seconds', now() - interval '1 minute', NULL, NULL, '15 minutes'),
 -- completed, as completeJobs leaves it: 2 (one within five minutes)
 ('10000000-0000-0000-0000-000000000008', 'email', 0, '{}', 'completed', 2, 0, now() - interval '4 minutes', now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '2 minutes', '{"sent": true}', '15 minutes'),
 ('10000000-0000-0000-0000-000000000009', 'reports', 0, '{}', 'completed', 2, 0, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', NULL, '15 minutes'),
 -- cancelled (cancelJobs) 1, failed (failJobs with no retry left: completed_on set, output the serialized error) 2
 ('10000000-0000-0000-0000-00000000000a', 'email', 0, '{}', 'cancelled', 2, 0, now() - interval '1 hour', NULL, now() - interval '1 hour', now() - interval '50 minutes', NULL, '15 minutes'),
 ('10000000-0000-0000-0000-00000000000b', 'email', 0, '{"to": "bounce@example.com"}', 'failed', 2, 2, now() - interval '10 minutes', now() - interval '3 minutes', now() - interval '10 minutes', now() - interval '2 minutes', '{"name": "Error", "message": "550 mailbox unavailable", "stack": "Error: 550\n    at send (mail.js:10)"}', '15 minutes'),
 ('10000000-0000-0000-0000-00000000000c', 'reports', 0, '{"report": "broken"}', 'failed', 0, 0, now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', '{"name": "Error", "message": "report template missing"}', '15 minutes');
ANALYZE pgboss.job;
