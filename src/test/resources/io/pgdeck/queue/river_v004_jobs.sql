-- Jobs of river_v004.sql, alone or with river_v005.sql and river_v006.sql on top (River v0.5.0,
-- v0.12.0), in every state of river_job_state, and two queues in river_queue with mailers
-- paused as QueuePause leaves a queue (paused_at, updated_at). Each job as
-- riverdriver/riverpgxv5/internal/dbsqlc/river_job.sql of both releases writes it: inserted by
-- JobInsertFast, running as JobGetAvailable leaves it (attempt + 1, attempted_at, attempted_by
-- appended), the other states as JobSetStateIfRunning (finalized_at for completed, cancelled and
-- discarded, errors appended), pending as inserted in that state.
INSERT INTO river_queue (name, created_at, metadata, paused_at, updated_at) VALUES
    ('default', now() - interval '1 day', '{}', NULL, now() - interval '1 day'),
    ('mailers', now() - interval '1 day', '{}', now() - interval '1 hour', now() - interval '1 hour');
INSERT INTO river_job (id, state, attempt, max_attempts, attempted_at, created_at, finalized_at, scheduled_at,
        priority, args, attempted_by, errors, kind, queue) VALUES
 -- available: 2 in default (oldest ready 8 minutes), 1 in mailers (ready 20 minutes: paused)
 (1, 'available', 0, 25, NULL, now() - interval '8 minutes', NULL, now() - interval '8 minutes', 1, '{"user": 1}', NULL, NULL, 'sync_account', 'default'),
 (2, 'available', 0, 25, NULL, now() - interval '2 minutes', NULL, now() - interval '2 minutes', 2, '{"user": 2}', NULL, NULL, 'sync_account', 'default'),
 (3, 'available', 0, 25, NULL, now() - interval '20 minutes', NULL, now() - interval '20 minutes', 1, '{"to": "a@example.com"}', NULL, NULL, 'send_email', 'mailers'),
 -- scheduled 1, pending 1
 (4, 'scheduled', 0, 25, NULL, now() - interval '1 minute', NULL, now() + interval '1 hour', 1, '{"report": "daily"}', NULL, NULL, 'build_report', 'default'),
 (5, 'pending', 0, 25, NULL, now() - interval '1 minute', NULL, now(), 1, '{"step": 2}', NULL, NULL, 'workflow_step', 'default'),
 -- running: 2, one for 40 minutes
 (6, 'running', 1, 25, now() - interval '40 minutes', now() - interval '41 minutes', NULL, now() - interval '41 minutes', 1, '{"video": 9}', '{host-a}', NULL, 'transcode', 'default'),
 (7, 'running', 1, 25, now() - interval '10 seconds', now() - interval '1 minute', NULL, now() - interval '1 minute', 1, '{"to": "b@example.com"}', '{host-b}', NULL, 'send_email', 'mailers'),
 -- retryable: 2 (failed within the last minute, next try later)
 (8, 'retryable', 1, 25, now() - interval '50 seconds', now() - interval '5 minutes', NULL, now() + interval '30 seconds', 1, '{"user": 8}', '{host-a}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "connection refused", "trace": "main.go:42"}']::jsonb[], 'sync_account', 'default'),
 (9, 'retryable', 2, 25, now() - interval '40 seconds', now() - interval '6 minutes', NULL, now() + interval '2 minutes', 1, '{"user": 9}', '{host-a,host-b}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "timeout", "trace": null}',
          '{"at": "2026-01-01T10:05:00Z", "attempt": 2, "error": "rate limited by upstream", "trace": "client.go:7"}']::jsonb[], 'sync_account', 'default'),
 -- completed: 3, two within the last five minutes
 (10, 'completed', 1, 25, now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '2 minutes', now() - interval '4 minutes', 1, '{}', '{host-a}', NULL, 'sync_account', 'default'),
 (11, 'completed', 1, 25, now() - interval '3 minutes', now() - interval '4 minutes', now() - interval '1 minute', now() - interval '4 minutes', 1, '{}', '{host-a}', NULL, 'send_email', 'mailers'),
 (12, 'completed', 1, 25, now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', now() - interval '3 hours', 1, '{}', '{host-a}', NULL, 'sync_account', 'default'),
 -- discarded: 2, one exhausted (attempt = max_attempts), one discarded early by the worker
 (13, 'discarded', 3, 3, now() - interval '1 minute', now() - interval '9 minutes', now() - interval '30 seconds', now() - interval '2 minutes', 1, '{"user": 13}', '{host-a}',
    ARRAY['{"at": "2026-01-01T10:00:00Z", "attempt": 1, "error": "boom 1"}', '{"at": "2026-01-01T10:01:00Z", "attempt": 2, "error": "boom 2"}',
          '{"at": "2026-01-01T10:02:00Z", "attempt": 3, "error": "BOOM 3"}']::jsonb[], 'sync_account', 'default'),
 (14, 'discarded', 1, 25, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"user": 14}', '{host-a}',
    ARRAY['{"at": "2026-01-01T09:00:00Z", "attempt": 1, "error": "invalid argument: JobCancel"}']::jsonb[], 'sync_account', 'default'),
 -- cancelled: 1
 (15, 'cancelled', 0, 25, NULL, now() - interval '1 hour', now() - interval '50 minutes', now() - interval '1 hour', 1, '{"to": "c@example.com"}', NULL, NULL, 'send_email', 'mailers');
SELECT setval('river_job_id_seq', 100);
ANALYZE river_job;
