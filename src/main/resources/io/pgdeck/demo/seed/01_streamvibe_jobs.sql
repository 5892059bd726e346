-- StreamVibe seed rows: a week of jobs. Besides the healthy majority it holds what the queue
-- screen should flag: failed jobs (most out of retries), jobs stuck in 'processing' by a worker
-- that died over 30 minutes ago, and pending jobs whose expires_at has passed. Users sync the
-- same channel again and again, so (user_id, job_type, params) repeats, as in the seed's
-- deduplication story.
-- Each seed file runs in one transaction (so ON COMMIT DROP lasts until its end).
SELECT setseed(0.01);

CREATE TEMPORARY TABLE seed_job_types (n int PRIMARY KEY, job_type text, priority int) ON COMMIT DROP;
INSERT INTO seed_job_types VALUES
    (0, 'sync_youtube', 5), (1, 'sync_instagram', 5), (2, 'sync_tiktok', 5), (3, 'transcode_video', 10),
    (4, 'generate_thumbnails', 3), (5, 'send_digest_email', 1), (6, 'refresh_analytics', 0);

-- completed, cancelled and failed jobs of the last 7 days
INSERT INTO streamvibe.job_queue (user_id, job_type, job_priority, status, params, result, error_message,
                                  retry_count, worker_id, scheduled_for, expires_at, started_at, completed_at,
                                  created_at, updated_at)
SELECT md5('user-' || (g % 180))::uuid,
       t.job_type,
       t.priority,
       s.status,
       jsonb_build_object('social_account_id', 'acct_' || (g % 180) || '_' || t.n),
       CASE WHEN s.status = 'completed'
            THEN jsonb_build_object('videos_synced', (random() * 300)::int, 'duration_ms', (500 + random() * 90000)::int) END,
       CASE WHEN s.status = 'failed' THEN (ARRAY[
            'YouTube Data API quota exceeded (RATE_LIMIT)',
            'Instagram access token expired (AUTH_EXPIRED)',
            'ffmpeg exited with code 137: out of memory',
            'Timed out after 300 s waiting for TikTok API (TIMEOUT)'])[1 + g % 4] END,
       CASE WHEN s.status = 'failed' THEN CASE WHEN g % 5 = 0 THEN 1 + g % 2 ELSE 3 END ELSE 0 END,
       'worker-' || (1 + g % 4),
       c.created,
       c.created + interval '24 hours',
       c.created + random() * interval '20 seconds',
       c.created + interval '20 seconds' + random() * interval '3 minutes',
       c.created,
       c.created + interval '20 seconds' + random() * interval '3 minutes'
FROM generate_series(1, 4400) AS g
CROSS JOIN LATERAL (SELECT now() - interval '1 hour' - random() * interval '7 days' AS created) AS c
JOIN seed_job_types AS t ON t.n = g % 7
CROSS JOIN LATERAL (SELECT CASE WHEN g % 29 = 0 THEN 'failed'
                                WHEN g % 53 = 0 THEN 'cancelled'
                                ELSE 'completed' END AS status) AS s;

-- pending jobs: due now, and a few scheduled for later
INSERT INTO streamvibe.job_queue (user_id, job_type, job_priority, params, scheduled_for, expires_at, created_at, updated_at)
SELECT md5('user-' || (g % 180))::uuid, t.job_type, t.priority,
       jsonb_build_object('social_account_id', 'acct_' || (g % 180) || '_' || t.n),
       CASE WHEN g % 10 = 0 THEN now() + random() * interval '2 hours' ELSE c.created END,
       c.created + interval '24 hours', c.created, c.created
FROM generate_series(1, 220) AS g
CROSS JOIN LATERAL (SELECT now() - random() * interval '15 minutes' AS created) AS c
JOIN seed_job_types AS t ON t.n = g % 7;

-- expired: still pending a day or more after they were queued, nobody picked them up
INSERT INTO streamvibe.job_queue (user_id, job_type, job_priority, params, scheduled_for, expires_at, created_at, updated_at)
SELECT md5('user-' || (g % 180))::uuid, 'refresh_analytics', 0,
       jsonb_build_object('report', 'weekly', 'week_offset', g),
       c.created, c.created + interval '24 hours', c.created, c.created
FROM generate_series(1, 36) AS g
CROSS JOIN LATERAL (SELECT now() - interval '25 hours' - random() * interval '3 days' AS created) AS c;

-- stuck: 'processing' since long before the 30-minute mark, on a worker that is gone
INSERT INTO streamvibe.job_queue (user_id, job_type, job_priority, status, params, worker_id, scheduled_for,
                                  expires_at, started_at, created_at, updated_at)
SELECT md5('user-' || (g % 180))::uuid, 'transcode_video', 10, 'processing',
       jsonb_build_object('video_id', 'vid_' || g, 'preset', '1080p'),
       'worker-7', c.started - interval '5 seconds', c.started + interval '24 hours', c.started,
       c.started - interval '5 seconds', c.started
FROM generate_series(1, 7) AS g
CROSS JOIN LATERAL (SELECT now() - interval '35 minutes' - random() * interval '3 hours' AS started) AS c;

-- the log: a start line for every job that started, an end line for every finished one
INSERT INTO streamvibe.job_log (job_id, log_level, message, metadata, created_at)
SELECT id, 'info', 'Job started on ' || worker_id, NULL, started_at
FROM streamvibe.job_queue WHERE started_at IS NOT NULL;

INSERT INTO streamvibe.job_log (job_id, log_level, message, metadata, created_at)
SELECT id,
       CASE status WHEN 'completed' THEN 'info' WHEN 'cancelled' THEN 'warning' ELSE 'error' END,
       CASE status WHEN 'completed' THEN 'Job completed' WHEN 'cancelled' THEN 'Job cancelled by user'
                   ELSE 'Job failed: ' || error_message END,
       CASE WHEN status = 'failed'
            THEN jsonb_build_object('error_code', substring(error_message FROM '\(([A-Z_]+)\)'), 'attempt', retry_count) END,
       completed_at
FROM streamvibe.job_queue WHERE completed_at IS NOT NULL;
