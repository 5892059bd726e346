-- pgmq 1.5.1, its SQL-only install. Follows pgmq-extension/sql/pgmq.sql at tag v1.5.1 of
-- github.com/pgmq/pgmq: the first release whose pgmq.sql installs without the extension (commit
-- 87530ed, "Enable PGMQ to run without installing an extension"), with the message headers of
-- 1.5.0. Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and
-- the functions re-implemented with the same behaviour.
--
-- Kept as in 1.5.1: the pgmq schema (the script creates it when no pgmq extension exists),
-- pgmq.meta, the pgmq.message_record type the message functions return, the read grants to
-- pg_monitor, and per queue the tables and indexes pgmq.create_non_partitioned makes: q_<name>
-- (messages) and a_<name> (archive), names lower-cased, both with the headers column.
-- Re-implemented: pgmq.format_table_name (the table name each function derives from the queue's),
-- pgmq.read (the consumer's read the tests use), pgmq.set_vt and pgmq.delete(queue, msg_id)
-- (pgdeck's make-visible-now and delete), pgmq.send (the producer, for pgmq_messages.sql: the
-- implementation taking headers and a timestamp, and its overloads without headers, with or
-- without a delay in seconds).
-- Not here: the other send overloads, read_with_poll, pop, archive (pgmq_messages.sql moves rows
-- as it does), the batch and array variants, metrics, queue creation and dropping, partitioned and
-- unlogged queues.
-- pgmq_messages.sql then plants the messages.

DO $$
BEGIN
    IF NOT EXISTS (SELECT FROM pg_extension WHERE extname = 'pgmq') THEN
        CREATE SCHEMA IF NOT EXISTS pgmq;
    END IF;
END;
$$;

CREATE TABLE pgmq.meta (
    queue_name      varchar UNIQUE NOT NULL,
    is_partitioned  boolean NOT NULL,
    is_unlogged     boolean NOT NULL,
    created_at      timestamptz NOT NULL DEFAULT now()
);

GRANT USAGE ON SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL TABLES IN SCHEMA pgmq TO pg_monitor;
GRANT SELECT ON ALL SEQUENCES IN SCHEMA pgmq TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON TABLES TO pg_monitor;
ALTER DEFAULT PRIVILEGES IN SCHEMA pgmq GRANT SELECT ON SEQUENCES TO pg_monitor;

CREATE TYPE pgmq.message_record AS (
    msg_id       bigint,
    read_ct      integer,
    enqueued_at  timestamptz,
    vt           timestamptz,
    message      jsonb,
    headers      jsonb
);

-- '<prefix>_<queue>' lower-cased; a queue name with $, ;, -- or a quote is refused.
CREATE FUNCTION pgmq.format_table_name(queue_name text, prefix text)
RETURNS text
LANGUAGE plpgsql AS $fn$
BEGIN
    IF queue_name ~ '[$;'']' OR strpos(queue_name, '--') > 0 THEN
        RAISE EXCEPTION 'pgmq queue name % has a character pgmq refuses ($, ;, -- or '')', queue_name;
    END IF;
    RETURN lower(prefix || '_' || queue_name);
END;
$fn$;

-- The consumer's read: up to qty visible messages (vt come, by clock_timestamp()) that contain
-- conditional (every message when it is '{}'), lowest msg_id first, skipping rows another reader
-- has locked; each becomes invisible for vt seconds and counts one read more. Returns them as
-- message_record rows.
CREATE FUNCTION pgmq.read(queue_name text, vt integer, qty integer, conditional jsonb DEFAULT '{}')
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql AS $fn$
BEGIN
    RETURN QUERY EXECUTE format($sql$
        UPDATE pgmq.%1$I AS m
        SET vt = clock_timestamp() + $2, read_ct = m.read_ct + 1
        FROM (SELECT msg_id FROM pgmq.%1$I
              WHERE vt <= clock_timestamp() AND ($3 = '{}'::jsonb OR message @> $3)
              ORDER BY msg_id
              LIMIT $1
              FOR UPDATE SKIP LOCKED) AS due
        WHERE m.msg_id = due.msg_id
        RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers
        $sql$, pgmq.format_table_name(queue_name, 'q'))
    USING qty, make_interval(secs => vt), conditional;
END;
$fn$;

-- The message's vt becomes clock_timestamp() plus vt seconds (1.4.5 took now()); returns the message
-- (no row when there is none).
CREATE FUNCTION pgmq.set_vt(queue_name text, msg_id bigint, vt integer)
RETURNS SETOF pgmq.message_record
LANGUAGE plpgsql AS $fn$
BEGIN
    RETURN QUERY EXECUTE format($sql$
        UPDATE pgmq.%I AS m SET vt = clock_timestamp() + $2 WHERE m.msg_id = $1
        RETURNING m.msg_id, m.read_ct, m.enqueued_at, m.vt, m.message, m.headers
        $sql$, pgmq.format_table_name(queue_name, 'q'))
    USING msg_id, make_interval(secs => vt);
END;
$fn$;

-- Deletes the message from the queue table: true when it was there.
CREATE FUNCTION pgmq.delete(queue_name text, msg_id bigint)
RETURNS boolean
LANGUAGE plpgsql AS $fn$
DECLARE
    gone bigint;
BEGIN
    EXECUTE format('DELETE FROM pgmq.%I WHERE msg_id = $1 RETURNING msg_id', pgmq.format_table_name(queue_name, 'q'))
        INTO gone USING msg_id;
    RETURN gone IS NOT NULL;
END;
$fn$;

-- The producer's send: one message with its headers, visible from the time delay; returns its
-- msg_id. Without headers they are NULL; without a delay it is visible at once (clock_timestamp()),
-- an integer delay counting seconds from then.
CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, headers jsonb, delay timestamptz)
RETURNS SETOF bigint
LANGUAGE plpgsql AS $fn$
BEGIN
    RETURN QUERY EXECUTE format('INSERT INTO pgmq.%I (vt, message, headers) VALUES ($2, $1, $3) RETURNING msg_id',
        pgmq.format_table_name(queue_name, 'q'))
    USING msg, delay, headers;
END;
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb)
RETURNS SETOF bigint
LANGUAGE sql AS $fn$
    SELECT pgmq.send(queue_name, msg, NULL::jsonb, clock_timestamp());
$fn$;

CREATE FUNCTION pgmq.send(queue_name text, msg jsonb, delay integer)
RETURNS SETOF bigint
LANGUAGE sql AS $fn$
    SELECT pgmq.send(queue_name, msg, NULL::jsonb, clock_timestamp() + make_interval(secs => delay));
$fn$;

-- Queues ----------------------------------------------------------------------------------------
-- emails and Webhooks, each with the tables, indexes and meta row pgmq.create (through
-- create_non_partitioned) makes at 1.5.1 without the extension.
DO $$
DECLARE
    queue text;
    q text;
    a text;
BEGIN
    FOREACH queue IN ARRAY ARRAY['emails', 'Webhooks'] LOOP
        q := pgmq.format_table_name(queue, 'q');
        a := pgmq.format_table_name(queue, 'a');
        EXECUTE format('CREATE TABLE pgmq.%I (msg_id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,'
            ' read_ct int NOT NULL DEFAULT 0, enqueued_at timestamptz NOT NULL DEFAULT now(),'
            ' vt timestamptz NOT NULL, message jsonb, headers jsonb)', q);
        EXECUTE format('CREATE TABLE pgmq.%I (msg_id bigint PRIMARY KEY, read_ct int NOT NULL DEFAULT 0,'
            ' enqueued_at timestamptz NOT NULL DEFAULT now(), archived_at timestamptz NOT NULL DEFAULT now(),'
            ' vt timestamptz NOT NULL, message jsonb, headers jsonb)', a);
        EXECUTE format('CREATE INDEX %I ON pgmq.%I (vt)', q || '_vt_idx', q);
        EXECUTE format('CREATE INDEX %I ON pgmq.%I (archived_at)', 'archived_at_idx_' || queue, a);
        INSERT INTO pgmq.meta (queue_name, is_partitioned, is_unlogged) VALUES (queue, false, false);
    END LOOP;
END;
$$;
