-- The jobs a Que fixture enqueues, ids 1..9 in this order, for que_v4.sql and que_v7.sql to insert as
-- their release's Que::Job.enqueue does; que_worked.sql then does to them what Que's workers do:
--  1-2 ready (run_at 10 and 3 minutes ago); 3 ready, locked by a worker in the tests (running)
--  4   scheduled (run_at in an hour)
--  5-6 errored, Que rescheduled them (5 due in a while, 6 overdue by a minute)
--  7   expired (failed past maximum_retry_count); 8 finished
--  9   mailers: ready
CREATE TEMPORARY TABLE que_planted AS
SELECT * FROM (VALUES
    (1, 'default', 100::smallint, interval '-10 minutes', 'SendReceipt', '[101]'::jsonb),
    (2, 'default', 100, interval '-3 minutes', 'SendReceipt', '[102]'),
    (3, 'default', 100, interval '-4 minutes', 'ImportFeed', '["https://example.com/feed"]'),
    (4, 'default', 100, interval '1 hour', 'NightlyDigest', '[]'),
    (5, 'default', 50, interval '-40 minutes', 'ChargeCard', '[5, 1999]'),
    (6, 'default', 50, interval '-20 minutes', 'ChargeCard', '[6, 2999]'),
    (7, 'default', 100, interval '-3 hours', 'ChargeCard', '[7, 999]'),
    (8, 'default', 100, interval '-30 minutes', 'SendReceipt', '[108]'),
    (9, 'mailers', 100, interval '-2 minutes', 'WelcomeMail', '[{"user_id": 9}]')
) AS j (n, queue, priority, run_in, job_class, args);
