-- Messages for the pgmq fixtures (pgmq_1_4.sql, pgmq_1_5.sql), loaded after one of them: its
-- queues emails and Webhooks exist. Messages are sent and read through the fixture's pgmq.send and
-- pgmq.read (the calls a producer and a consumer make, with arguments every 1.x takes), one step
-- at a time: pgmq.read takes the lowest visible msg_id, so each read below takes the message just
-- sent. An archive is this file's own statement doing what pgmq.archive(queue, msg_id) does: the
-- row leaves q_emails and enters a_emails with the same msg_id, vt, read_ct, enqueued_at and
-- message, archived_at its default now(). Then only the times are moved back (plain UPDATEs).
-- emails, in msg_id order:
--  1-2 read and archived by their consumer (done)
--  3-4 read, invisible for ten minutes and an hour: in flight
--  5   read three times with a visibility timeout of 0 s: visible again
--  6-8 sent, never read: visible
--  9   sent with a delay of an hour
DO $$
DECLARE
    m bigint;
BEGIN
    FOR i IN 1..2 LOOP
        PERFORM pgmq.send('emails', jsonb_build_object('to', 'old' || i || '@example.com'));
        SELECT msg_id INTO m FROM pgmq.read('emails', 30, 1);
        WITH taken AS (DELETE FROM pgmq.q_emails WHERE msg_id = m
                       RETURNING msg_id, vt, read_ct, enqueued_at, message)
        INSERT INTO pgmq.a_emails (msg_id, vt, read_ct, enqueued_at, message) SELECT * FROM taken;
    END LOOP;
    PERFORM pgmq.send('emails', '{"to": "d@example.com"}');
    PERFORM pgmq.read('emails', 600, 1);
    PERFORM pgmq.send('emails', '{"to": "stuck@example.com"}');
    PERFORM pgmq.read('emails', 3600, 1);
    PERFORM pgmq.send('emails', '{"to": "flaky@example.com"}');
    FOR i IN 1..3 LOOP
        PERFORM pgmq.read('emails', 0, 1);
    END LOOP;
    PERFORM pgmq.send('emails', '{"to": "a@example.com"}');
    PERFORM pgmq.send('emails', '{"to": "b@example.com"}');
    PERFORM pgmq.send('emails', '{"to": "c@example.com"}');
    PERFORM pgmq.send('emails', '{"to": "later@example.com"}', 3600);
    PERFORM pgmq.send('Webhooks', '{"url": "https://example.com/hook"}');
END;
$$;

-- (clock_timestamp(): the script may run as one transaction, whose now() is before every send)
UPDATE pgmq.q_emails q SET enqueued_at = now() - d.ago,
    vt = CASE WHEN q.read_ct = 0 AND q.vt <= clock_timestamp() THEN now() - d.ago
        WHEN q.read_ct > 0 AND q.vt <= clock_timestamp() THEN now() - interval '1 minute' ELSE q.vt END
FROM (VALUES (3, interval '3 minutes'), (4, interval '4 minutes'), (5, interval '20 minutes'), (6, interval '10 minutes'),
             (7, interval '5 minutes'), (8, interval '1 minute'), (9, interval '2 minutes')) AS d (msg_id, ago)
WHERE q.msg_id = d.msg_id;
UPDATE pgmq.a_emails a SET enqueued_at = now() - d.ago, archived_at = now() - d.ago + interval '1 hour',
        vt = now() - d.ago + interval '1 hour'
FROM (VALUES (1, interval '3 hours'), (2, interval '2 hours')) AS d (msg_id, ago)
WHERE a.msg_id = d.msg_id;
UPDATE pgmq.q_webhooks SET enqueued_at = now() - interval '30 seconds', vt = now() - interval '30 seconds';
