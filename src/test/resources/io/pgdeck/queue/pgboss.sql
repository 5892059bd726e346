-- pg-boss v10 (schema version 23) as its construction plans leave it, in schema pgboss: job
-- partitioned by list of name with a default partition job_common and one queue partitioned on
-- its own, jobs planted in every state of job_state.
CREATE SCHEMA pgboss;
CREATE TYPE pgboss.job_state AS ENUM ('created', 'retry', 'active', 'completed', 'cancelled', 'failed');
CREATE TABLE pgboss.version (
    version int PRIMARY KEY,
    maintained_on timestamptz,
    cron_on timestamptz,
    monitored_on timestamptz
);
INSERT INTO pgboss.version (version) VALUES (23);
CREATE TABLE pgboss.queue (
    name text,
    policy text,
    retry_limit int,
    retry_delay int,
    retry_backoff bool,
    expire_seconds int,
    retention_minutes int,
    dead_letter text REFERENCES pgboss.queue (name),
    partition_name text,
    created_on timestamptz NOT NULL DEFAULT now(),
    updated_on timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (name)
);
CREATE TABLE pgboss.job (
    id uuid NOT NULL DEFAULT gen_random_uuid(),
    name text NOT NULL,
    priority integer NOT NULL DEFAULT 0,
    data jsonb,
    state pgboss.job_state NOT NULL DEFAULT 'created',
    retry_limit integer NOT NULL DEFAULT 2,
    retry_count integer NOT NULL DEFAULT 0,
    retry_delay integer NOT NULL DEFAULT 0,
    retry_backoff boolean NOT NULL DEFAULT false,
    start_after timestamptz NOT NULL DEFAULT now(),
    started_on timestamptz,
    singleton_key text,
    singleton_on timestamp without time zone,
    expire_in interval NOT NULL DEFAULT interval '15 minutes',
    created_on timestamptz NOT NULL DEFAULT now(),
    completed_on timestamptz,
    keep_until timestamptz NOT NULL DEFAULT now() + interval '14 days',
    output jsonb,
    dead_letter text,
    policy text,
    CONSTRAINT job_pkey PRIMARY KEY (name, id)
) PARTITION BY LIST (name);
CREATE TABLE pgboss.archive (LIKE pgboss.job);
ALTER TABLE pgboss.archive ADD archived_on timestamptz NOT NULL DEFAULT now();
CREATE TABLE pgboss.job_common (LIKE pgboss.job INCLUDING GENERATED INCLUDING DEFAULTS);
ALTER TABLE pgboss.job ATTACH PARTITION pgboss.job_common DEFAULT;
CREATE INDEX job_i5 ON pgboss.job_common (name, start_after) INCLUDE (priority, created_on, id) WHERE state < 'active';
-- "reports" has a partition of its own, as createQueue(name, { partition: true }) makes
CREATE TABLE pgboss.j3f1e2d (LIKE pgboss.job INCLUDING GENERATED INCLUDING DEFAULTS);
ALTER TABLE pgboss.j3f1e2d ADD CONSTRAINT cjc CHECK (name = 'reports');
ALTER TABLE pgboss.job ATTACH PARTITION pgboss.j3f1e2d FOR VALUES IN ('reports');
INSERT INTO pgboss.queue (name, policy, retry_limit, partition_name) VALUES
    ('email', 'standard', 2, NULL), ('reports', 'standard', 2, 'j3f1e2d');

INSERT INTO pgboss.job (id, name, priority, data, state, retry_limit, retry_count, start_after, started_on, expire_in,
        created_on, completed_on, output) VALUES
 -- created and due: email 2 (oldest due 7 minutes), reports 1
 ('10000000-0000-0000-0000-000000000001', 'email', 0, '{"to": "a@example.com"}', 'created', 2, 0, now() - interval '7 minutes', NULL, '15 minutes', now() - interval '7 minutes', NULL, NULL),
 ('10000000-0000-0000-0000-000000000002', 'email', 0, '{"to": "b@example.com"}', 'created', 2, 0, now() - interval '1 minute', NULL, '15 minutes', now() - interval '1 minute', NULL, NULL),
 ('10000000-0000-0000-0000-000000000003', 'reports', 5, '{"report": "weekly"}', 'created', 2, 0, now() - interval '2 minutes', NULL, '15 minutes', now() - interval '2 minutes', NULL, NULL),
 -- created, deferred: 1
 ('10000000-0000-0000-0000-000000000004', 'email', 0, '{"to": "later@example.com"}', 'created', 2, 0, now() + interval '1 day', NULL, '15 minutes', now() - interval '1 minute', NULL, NULL),
 -- retry: 1 (failed a minute ago, retried soon)
 ('10000000-0000-0000-0000-000000000005', 'email', 0, '{"to": "c@example.com"}', 'retry', 2, 1, now() + interval '30 seconds', now() - interval '1 minute', '15 minutes', now() - interval '3 minutes', NULL,
    '{"message": "SMTP 421 try again later", "stack": "Error: SMTP 421\n    at send (mail.js:10)"}'),
 -- active: 2, one past its 15-minute expiry (and stuck at the 20-minute threshold the test uses)
 ('10000000-0000-0000-0000-000000000006', 'reports', 0, '{"report": "annual"}', 'active', 2, 0, now() - interval '40 minutes', now() - interval '40 minutes', '15 minutes', now() - interval '41 minutes', NULL, NULL),
 ('10000000-0000-0000-0000-000000000007', 'email', 0, '{"to": "d@example.com"}', 'active', 2, 0, now() - interval '1 minute', now() - interval '30 seconds', '15 minutes', now() - interval '1 minute', NULL, NULL),
 -- completed: 2 (one within five minutes)
 ('10000000-0000-0000-0000-000000000008', 'email', 0, '{}', 'completed', 2, 0, now() - interval '4 minutes', now() - interval '3 minutes', '15 minutes', now() - interval '4 minutes', now() - interval '2 minutes', '{"sent": true}'),
 ('10000000-0000-0000-0000-000000000009', 'reports', 0, '{}', 'completed', 2, 0, now() - interval '2 hours', now() - interval '2 hours', '15 minutes', now() - interval '2 hours', now() - interval '2 hours', NULL),
 -- cancelled 1, failed 2
 ('10000000-0000-0000-0000-00000000000a', 'email', 0, '{}', 'cancelled', 2, 0, now() - interval '1 hour', NULL, '15 minutes', now() - interval '1 hour', now() - interval '50 minutes', NULL),
 ('10000000-0000-0000-0000-00000000000b', 'email', 0, '{"to": "bounce@example.com"}', 'failed', 2, 2, now() - interval '10 minutes', now() - interval '3 minutes', '15 minutes', now() - interval '10 minutes', now() - interval '2 minutes',
    '{"message": "550 mailbox unavailable", "stack": "Error: 550\n    at send (mail.js:10)"}'),
 ('10000000-0000-0000-0000-00000000000c', 'reports', 0, '{"report": "broken"}', 'failed', 0, 0, now() - interval '3 hours', now() - interval '3 hours', '15 minutes', now() - interval '3 hours', now() - interval '3 hours',
    '{"message": "report template missing"}');
ANALYZE pgboss.job;
