-- Jobs of oban_v07.sql (Oban 0.12.0, V7) in every state the enum has. Each is a row as an
-- Oban.Job changeset inserts it (lib/oban/job.ex), then with what lib/oban/query.ex of 0.12.0
-- leaves in its state: executing as fetch_available_jobs (attempt + 1, attempted_at,
-- attempted_by [node, queue, nonce]), retryable and exhausted-discarded as retry_job
-- (completed_at at the failure, an error pushed), completed as complete_job, discarded as
-- discard_job.
CREATE FUNCTION pg_temp.utc_ago(i interval) RETURNS timestamp LANGUAGE sql AS $$ SELECT timezone('UTC', now()) - i $$;
INSERT INTO oban_jobs (id, state, queue, worker, args, errors, attempt, max_attempts, inserted_at, scheduled_at, attempted_at, completed_at, attempted_by) VALUES
 (1, 'available', 'default', 'MyApp.Mailer', '{"to": "a@example.com"}', '{}', 0, 20, pg_temp.utc_ago('6 minutes'), pg_temp.utc_ago('6 minutes'), NULL, NULL, NULL),
 (2, 'available', 'default', 'MyApp.Mailer', '{"to": "b@example.com"}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL, NULL),
 (3, 'available', 'events', 'MyApp.Track', '{"event": "signup"}', '{}', 0, 20, pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('3 minutes'), NULL, NULL, NULL),
 (4, 'scheduled', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), timezone('UTC', now()) + interval '1 hour', NULL, NULL, NULL),
 (6, 'executing', 'default', 'MyApp.Export', '{"report": 1}', '{}', 1, 20, pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('60 minutes'), NULL, '{node-a,default,n1}'),
 (7, 'executing', 'events', 'MyApp.Track', '{}', '{}', 1, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('5 seconds'), NULL, '{node-b,events,n2}'),
 (8, 'retryable', 'events', 'MyApp.Track', '{"event": "login"}', ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (RuntimeError) upstream 503"}']::jsonb[], 1, 20, pg_temp.utc_ago('2 minutes'), timezone('UTC', now()) + interval '15 seconds', pg_temp.utc_ago('31 seconds'), pg_temp.utc_ago('30 seconds'), '{node-a,events,n3}'),
 (9, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('2 minutes'), '{node-a,default,n1}'),
 (10, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), '{node-a,default,n1}'),
 (11, 'discarded', 'default', 'MyApp.Export', '{"report": 2}', ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (ArgumentError) bad report"}', '{"at": "2026-01-01T10:01:00.000000Z", "attempt": 2, "error": "** (ArgumentError) bad report again"}']::jsonb[], 2, 2, pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('2 minutes'), pg_temp.utc_ago('1 minute'), '{node-a,default,n1}'),
 (12, 'discarded', 'events', 'MyApp.Track', '{}', ARRAY['{"at": "2026-01-01T09:00:00.000000Z", "attempt": 1, "error": "discarded: invalid event"}']::jsonb[], 1, 20, pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), '{node-a,events,n3}');
SELECT setval('oban_jobs_id_seq', 100);
ANALYZE oban_jobs;
