-- Jobs of river_v006.sql (River v0.12.0's 006) beside river_v004_jobs.sql's, loaded after it.
-- Unique jobs (JobInsertFastMany with unique_key and unique_states, the default states
-- available, completed, pending, retryable, running, scheduled as bits 11110101 per
-- internal/dbunique/db_unique.go's UniqueStatesToBitmask) in queue reports: 20 discarded while
-- job 40 (available) holds its key; 21 discarded with its key free; 22 and 23 cancelled, sharing
-- one key nobody holds.
INSERT INTO river_job (id, state, attempt, max_attempts, attempted_at, created_at, finalized_at, scheduled_at,
        priority, args, attempted_by, errors, kind, queue, unique_key, unique_states) VALUES
 (20, 'discarded', 1, 1, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"report": 1}', '{host-a}',
    ARRAY['{"at": "2026-01-01T09:00:00Z", "attempt": 1, "error": "report failed"}']::jsonb[], 'build_report', 'reports', '\x01', B'11110101'),
 (21, 'discarded', 1, 1, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"report": 2}', '{host-a}',
    ARRAY['{"at": "2026-01-01T09:00:00Z", "attempt": 1, "error": "report failed"}']::jsonb[], 'build_report', 'reports', '\x02', B'11110101'),
 (22, 'cancelled', 0, 25, NULL, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"report": 3}', NULL, NULL, 'build_report', 'reports', '\x03', B'11110101'),
 (23, 'cancelled', 0, 25, NULL, now() - interval '2 hours', now() - interval '2 hours', now() - interval '2 hours', 1, '{"report": 3}', NULL, NULL, 'build_report', 'reports', '\x03', B'11110101'),
 (40, 'available', 0, 25, NULL, now() - interval '1 minute', NULL, now() - interval '1 minute', 1, '{"report": 1}', NULL, NULL, 'build_report', 'reports', '\x01', B'11110101');
SELECT setval('river_job_id_seq', 100);
ANALYZE river_job;
