-- PareL seed rows: players, two months of notifications (the demo later marks most of them
-- read and deletes the old ones, with autovacuum off: the bloated table), messages, and the
-- three priority queues with the job counts of the seed's admin dashboard example.
SELECT setseed(0.04);

INSERT INTO parel.users (email, name, xp, level, "createdAt", "lastActiveAt")
SELECT 'player' || g || '@parel.example', 'player_' || g, x.xp, 1 + x.xp / 1000,
       now() - random() * interval '1 year',
       CASE WHEN g % 4 = 0 THEN NULL ELSE now() - random() * interval '30 days' END
FROM generate_series(1, 1200) AS g
CROSS JOIN LATERAL (SELECT (random() * random() * 20000)::int AS xp) AS x;

INSERT INTO parel.notifications ("userId", type, title, body, "createdAt")
SELECT 1 + g % 1200,
       (ARRAY['xp', 'message', 'challenge', 'achievement', 'system'])[1 + g % 5],
       (ARRAY['You earned 50 XP', 'New message', 'You were challenged', 'Achievement unlocked', 'Maintenance tonight'])[1 + g % 5],
       'Tap to open. This notification was generated for the demo and carries a little text to give it weight.',
       now() - random() * interval '60 days'
FROM generate_series(1, 20000) AS g;

INSERT INTO parel.messages ("senderId", "receiverId", content, "isRead", "createdAt")
SELECT 1 + g % 1200, 1 + (g * 31) % 1200,
       (ARRAY['gg!', 'Rematch?', 'Nice streak', 'Want to team up for the weekly challenge?', 'brb'])[1 + g % 5],
       g % 6 <> 0, now() - random() * interval '45 days'
FROM generate_series(1, 6000) AS g;

INSERT INTO parel.queue_jobs (queue, name, data, state, "attemptsMade", "runAt", "processedOn", "finishedOn",
                              "failedReason", "createdAt")
SELECT c.queue,
       (CASE c.queue WHEN 'high-priority' THEN ARRAY['xp:update', 'message:send', 'notification:send']
                     WHEN 'medium-priority' THEN ARRAY['ai:generate', 'challenge:process', 'achievement:check']
                     ELSE ARRAY['analytics:update', 'report:generate', 'cleanup:old-data'] END)[1 + g % 3],
       jsonb_build_object('userId', 1 + g % 1200),
       c.state,
       CASE c.state WHEN 'failed' THEN 3 WHEN 'waiting' THEN 0 WHEN 'delayed' THEN 1 ELSE 1 END,
       CASE c.state WHEN 'delayed' THEN now() + interval '5 minutes' ELSE t.created END,
       CASE WHEN c.state IN ('active', 'completed', 'failed') THEN t.created + interval '2 seconds' END,
       CASE WHEN c.state IN ('completed', 'failed') THEN t.created + interval '3 seconds' + random() * interval '20 seconds' END,
       CASE WHEN c.state = 'failed' THEN 'OpenAI API error: 429 Too Many Requests' END,
       t.created
FROM (VALUES ('high-priority', 'waiting', 12), ('high-priority', 'active', 3), ('high-priority', 'completed', 1543),
             ('high-priority', 'failed', 2), ('medium-priority', 'waiting', 5), ('medium-priority', 'active', 2),
             ('medium-priority', 'completed', 432), ('medium-priority', 'failed', 1), ('medium-priority', 'delayed', 1),
             ('low-priority', 'waiting', 8), ('low-priority', 'active', 1), ('low-priority', 'completed', 156),
             ('low-priority', 'delayed', 2)) AS c(queue, state, jobs)
CROSS JOIN LATERAL generate_series(1, c.jobs) AS g
CROSS JOIN LATERAL (SELECT CASE WHEN c.state IN ('waiting', 'active') THEN now() - random() * interval '1 minute'
                                ELSE now() - random() * interval '1 hour' END AS created) AS t;
