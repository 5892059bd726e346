-- Oban 1.0.0 (oban-bg/oban, tag v1.0.0) at migration V8 in prefix public, run after
-- oban_v07.sql (1.0.0's V1 to V7 are 0.12.0's): follows module V8 and Helper.v2_oban_notify in
-- lib/oban/migrations.ex of that release. Written for pgdeck from that source: the schema
-- objects pgdeck and these tests touch, and the functions re-implemented with the same
-- behaviour.
--
-- Facts taken: V8 adds discarded_at (timestamp without time zone), priority (integer, default
-- 0, nullable) and tags ({:array, :string}: varchar(255)[], default empty); it replaces V5's
-- index by (queue, state, priority, scheduled_at, id), which serves 1.0.0's
-- fetch_available_jobs, and replaces the trigger by one that fires on insert only. No query
-- here inserts jobs, so that trigger is not restated; V1's update trigger is gone at V8.
-- No meta, cancelled_at or 'cancelled' (V9).
ALTER TABLE oban_jobs
    ADD COLUMN discarded_at timestamp,
    ADD COLUMN priority integer DEFAULT 0,
    ADD COLUMN tags varchar(255)[] DEFAULT '{}';
DROP INDEX oban_jobs_queue_state_scheduled_at_id_index;
CREATE INDEX oban_jobs_queue_state_priority_scheduled_at_id_index ON oban_jobs (queue, state, priority, scheduled_at, id);
DROP TRIGGER oban_notify ON oban_jobs;
DROP FUNCTION oban_jobs_notify();

-- Jobs in every state the enum has. Each is a row as an Oban.Job changeset of 1.0.0 inserts it
-- (lib/oban/job.ex: priority 0, no tags), then with what lib/oban/query.ex of that release leaves
-- in its state: executing as fetch_available_jobs (attempt + 1, attempted_at, attempted_by
-- [node, queue, nonce]), retryable as retry_job, completed as complete_job, discarded as
-- discard_job (discarded_at) or, exhausted, retry_job.
CREATE FUNCTION pg_temp.utc_ago(i interval) RETURNS timestamp LANGUAGE sql AS $$ SELECT timezone('UTC', now()) - i $$;
INSERT INTO oban_jobs (id, state, queue, worker, args, errors, attempt, max_attempts, inserted_at, scheduled_at, attempted_at, completed_at, attempted_by, priority, tags, discarded_at) VALUES
 (1, 'available', 'default', 'MyApp.Mailer', '{"to": "a@example.com"}', '{}', 0, 20, pg_temp.utc_ago('6 minutes'), pg_temp.utc_ago('6 minutes'), NULL, NULL, NULL, 0, '{}', NULL),
 (2, 'available', 'default', 'MyApp.Mailer', '{"to": "b@example.com"}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL, NULL, 0, '{}', NULL),
 (3, 'available', 'events', 'MyApp.Track', '{"event": "signup"}', '{}', 0, 20, pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('3 minutes'), NULL, NULL, NULL, 0, '{}', NULL),
 (4, 'scheduled', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), timezone('UTC', now()) + interval '1 hour', NULL, NULL, NULL, 0, '{}', NULL),
 (6, 'executing', 'default', 'MyApp.Export', '{"report": 1}', '{}', 1, 20, pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('60 minutes'), NULL, '{node-a,default,n1}', 0, '{}', NULL),
 (7, 'executing', 'events', 'MyApp.Track', '{}', '{}', 1, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('5 seconds'), NULL, '{node-b,events,n2}', 0, '{}', NULL),
 (8, 'retryable', 'events', 'MyApp.Track', '{"event": "login"}', ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (RuntimeError) upstream 503"}']::jsonb[], 1, 20, pg_temp.utc_ago('2 minutes'), timezone('UTC', now()) + interval '15 seconds', pg_temp.utc_ago('31 seconds'), pg_temp.utc_ago('30 seconds'), '{node-a,events,n3}', 0, '{}', NULL),
 (9, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('2 minutes'), '{node-a,default,n1}', 0, '{}', NULL),
 (10, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), '{node-a,default,n1}', 0, '{}', NULL),
 (11, 'discarded', 'default', 'MyApp.Export', '{"report": 2}', ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (ArgumentError) bad report"}', '{"at": "2026-01-01T10:01:00.000000Z", "attempt": 2, "error": "** (ArgumentError) bad report again"}']::jsonb[], 2, 2, pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('2 minutes'), pg_temp.utc_ago('1 minute'), '{node-a,default,n1}', 0, '{}', NULL),
 (12, 'discarded', 'events', 'MyApp.Track', '{}', ARRAY['{"at": "2026-01-01T09:00:00.000000Z", "attempt": 1, "error": "discarded: invalid event"}']::jsonb[], 1, 20, pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), NULL, '{node-a,events,n3}', 0, '{}', pg_temp.utc_ago('3 hours'));
SELECT setval('oban_jobs_id_seq', 100);
ANALYZE oban_jobs;
