-- pgmq as its SQL-only install lays it out (pgmq 1.5+): schema pgmq, the queue list in
-- pgmq.meta, one pgmq.q_<name> table and one pgmq.a_<name> archive per queue, lower-cased
-- by pgmq.format_table_name. Only the objects pgdeck reads or calls are reproduced; the
-- function bodies are written for this fixture with pgmq's documented behaviour.

CREATE SCHEMA pgmq;

CREATE TABLE pgmq.meta (
    queue_name     varchar UNIQUE NOT NULL,
    is_partitioned boolean NOT NULL,
    is_unlogged    boolean NOT NULL,
    created_at     timestamp with time zone DEFAULT now() NOT NULL
);

CREATE TYPE pgmq.message_record AS (
    msg_id      bigint,
    read_ct     integer,
    enqueued_at timestamp with time zone,
    vt          timestamp with time zone,
    message     jsonb,
    headers     jsonb
);

CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text) RETURNS text AS $$
BEGIN
    IF queue_name ~ '\$|;|--|''' THEN
        RAISE EXCEPTION 'queue name contains invalid characters: $, ;, --, or \''';
    END IF;
    RETURN lower(prefix || '_' || queue_name);
END;
$$ LANGUAGE plpgsql;

CREATE FUNCTION pgmq.create(queue_name text) RETURNS void AS $$
DECLARE
    q text := pgmq.format_table_name(queue_name, 'q');
    a text := pgmq.format_table_name(queue_name, 'a');
BEGIN
    EXECUTE format('CREATE TABLE IF NOT EXISTS pgmq.%I (
        msg_id bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY,
        read_ct int DEFAULT 0 NOT NULL,
        enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
        vt timestamp with time zone NOT NULL,
        message jsonb,
        headers jsonb)', q);
    EXECUTE format('CREATE TABLE IF NOT EXISTS pgmq.%I (
        msg_id bigint PRIMARY KEY,
        read_ct int DEFAULT 0 NOT NULL,
        enqueued_at timestamp with time zone DEFAULT now() NOT NULL,
        archived_at timestamp with time zone DEFAULT now() NOT NULL,
        vt timestamp with time zone NOT NULL,
        message jsonb,
        headers jsonb)', a);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (vt ASC)', q || '_vt_idx', q);
    EXECUTE format('CREATE INDEX IF NOT EXISTS %I ON pgmq.%I (archived_at)', 'archived_at_idx_' || queue_name, a);
    INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged) VALUES (queue_name, false, false)
        ON CONFLICT DO NOTHING;
END;
$$ LANGUAGE plpgsql;

-- pgmq.set_vt(queue, msg_id, seconds): the message becomes visible again that many seconds from now.
CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
RETURNS SETOF pgmq.message_record AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'UPDATE pgmq.%I SET vt = clock_timestamp() + %L WHERE msg_id = %L
         RETURNING msg_id, read_ct, enqueued_at, vt, message, headers',
        pgmq.format_table_name(queue_name, 'q'), make_interval(secs => vt), msg_id);
END;
$$ LANGUAGE plpgsql;

SELECT pgmq.create('emails');
SELECT pgmq.create('Webhooks');

-- emails, in msg_id order:
--  1-3 visible, never read (waiting), enqueued 10, 5 and 1 minutes ago
--  4   delayed send: never read, visible in an hour (scheduled)
--  5-6 read by a consumer, invisible for 30 s and an hour (running)
--  7   read three times, its visibility timeout ran out a minute ago (retryable: redelivered on the next read)
INSERT INTO pgmq.q_emails (read_ct, enqueued_at, vt, message) VALUES
    (0, now() - interval '10 minutes', now() - interval '10 minutes', '{"to": "a@example.com"}'),
    (0, now() - interval '5 minutes',  now() - interval '5 minutes',  '{"to": "b@example.com"}'),
    (0, now() - interval '1 minute',   now() - interval '1 minute',   '{"to": "c@example.com"}'),
    (0, now() - interval '2 minutes',  now() + interval '1 hour',     '{"to": "later@example.com"}'),
    (1, now() - interval '3 minutes',  now() + interval '30 seconds', '{"to": "d@example.com"}'),
    (1, now() - interval '4 minutes',  now() + interval '1 hour',     '{"to": "stuck@example.com"}'),
    (3, now() - interval '20 minutes', now() - interval '1 minute',   '{"to": "flaky@example.com"}');

-- emails archive: two messages consumers archived (done)
INSERT INTO pgmq.a_emails (msg_id, read_ct, enqueued_at, archived_at, vt, message) VALUES
    (100, 1, now() - interval '2 hours', now() - interval '1 hour',  now() - interval '1 hour',  '{"to": "old1@example.com"}'),
    (101, 2, now() - interval '3 hours', now() - interval '2 hours', now() - interval '2 hours', '{"to": "old2@example.com"}');

-- Webhooks (upper case in pgmq.meta, lower case table names): one waiting message
INSERT INTO pgmq.q_webhooks (read_ct, enqueued_at, vt, message) VALUES
    (0, now() - interval '30 seconds', now() - interval '30 seconds', '{"url": "https://example.com/hook"}');
