-- Oban 0.2.0 (oban-bg/oban, tag v0.2.0), schema as its single migration leaves it: follows
-- lib/oban/migrations.ex (up/0) of that release, the table Oban 0.3.0 then named V1, and
-- lib/oban/query.ex for the jobs' columns in each state. Written for pgdeck from that source:
-- the schema objects pgdeck and these tests touch, and the functions re-implemented with the
-- same behaviour.
--
-- Facts taken: enum oban_job_state with six labels; oban_jobs with the twelve columns below
-- (Ecto :map is jsonb, {:array, :map} jsonb[], :utc_datetime_usec a timestamp without time zone
-- holding UTC, defaults timezone('UTC', now())); the three single-column indexes the fetch
-- filters on; the notify trigger, which fires on every insert and update. Nothing later:
-- attempted_by is V3, discarded_at/priority/tags V8, meta/cancelled_at/'cancelled' V9.
CREATE TYPE oban_job_state AS ENUM ('available', 'scheduled', 'executing', 'retryable', 'completed', 'discarded');

CREATE TABLE oban_jobs (
    id           bigserial PRIMARY KEY,
    queue        text NOT NULL DEFAULT 'default',
    worker       text NOT NULL,
    state        oban_job_state NOT NULL DEFAULT 'available',
    args         jsonb NOT NULL,
    attempt      integer NOT NULL DEFAULT 0,
    max_attempts integer NOT NULL DEFAULT 20,
    errors       jsonb[] NOT NULL DEFAULT '{}',
    inserted_at  timestamp NOT NULL DEFAULT timezone('UTC', now()),
    scheduled_at timestamp NOT NULL DEFAULT timezone('UTC', now()),
    attempted_at timestamp,
    completed_at timestamp
);
CREATE INDEX oban_jobs_queue_index ON oban_jobs (queue);
CREATE INDEX oban_jobs_state_index ON oban_jobs (state);
CREATE INDEX oban_jobs_scheduled_at_index ON oban_jobs (scheduled_at);

-- Oban 0.2.0's trigger: every inserted row is announced on oban_insert (queue, state), every
-- updated one on oban_update (queue, new_state, old_state).
CREATE FUNCTION oban_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM pg_notify('oban_update',
            json_build_object('queue', NEW.queue, 'new_state', NEW.state, 'old_state', OLD.state)::text);
    ELSE
        PERFORM pg_notify('oban_insert', json_build_object('queue', NEW.queue, 'state', NEW.state)::text);
    END IF;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER oban_notify AFTER INSERT OR UPDATE ON oban_jobs FOR EACH ROW EXECUTE PROCEDURE oban_jobs_notify();

-- Jobs in every state the enum has. Each is a row as an Oban.Job changeset inserts it
-- (lib/oban/job.ex), then with what query.ex leaves in its state: executing as
-- fetch_available_jobs (attempt + 1, attempted_at), retryable and exhausted-discarded as
-- retry_job (completed_at at the failure, an error pushed), completed as complete_job,
-- discarded as discard_job.
CREATE FUNCTION pg_temp.utc_ago(i interval) RETURNS timestamp LANGUAGE sql AS $$ SELECT timezone('UTC', now()) - i $$;
INSERT INTO oban_jobs (id, state, queue, worker, args, errors, attempt, max_attempts, inserted_at, scheduled_at, attempted_at, completed_at) VALUES
 (1, 'available', 'default', 'MyApp.Mailer', '{"to": "a@example.com"}', '{}', 0, 20, pg_temp.utc_ago('6 minutes'), pg_temp.utc_ago('6 minutes'), NULL, NULL),
 (2, 'available', 'default', 'MyApp.Mailer', '{"to": "b@example.com"}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), NULL, NULL),
 (3, 'available', 'events', 'MyApp.Track', '{"event": "signup"}', '{}', 0, 20, pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('3 minutes'), NULL, NULL),
 (4, 'scheduled', 'default', 'MyApp.Digest', '{}', '{}', 0, 20, pg_temp.utc_ago('1 minute'), timezone('UTC', now()) + interval '1 hour', NULL, NULL),
 (6, 'executing', 'default', 'MyApp.Export', '{"report": 1}', '{}', 1, 20, pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('61 minutes'), pg_temp.utc_ago('60 minutes'), NULL),
 (7, 'executing', 'events', 'MyApp.Track', '{}', '{}', 1, 20, pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('1 minute'), pg_temp.utc_ago('5 seconds'), NULL),
 (8, 'retryable', 'events', 'MyApp.Track', '{"event": "login"}', ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (RuntimeError) upstream 503"}']::jsonb[], 1, 20, pg_temp.utc_ago('2 minutes'), timezone('UTC', now()) + interval '15 seconds', pg_temp.utc_ago('31 seconds'), pg_temp.utc_ago('30 seconds')),
 (9, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('4 minutes'), pg_temp.utc_ago('3 minutes'), pg_temp.utc_ago('2 minutes')),
 (10, 'completed', 'default', 'MyApp.Mailer', '{}', '{}', 1, 20, pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours'), pg_temp.utc_ago('2 hours')),
 (11, 'discarded', 'default', 'MyApp.Export', '{"report": 2}', ARRAY['{"at": "2026-01-01T10:00:00.000000Z", "attempt": 1, "error": "** (ArgumentError) bad report"}', '{"at": "2026-01-01T10:01:00.000000Z", "attempt": 2, "error": "** (ArgumentError) bad report again"}']::jsonb[], 2, 2, pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('10 minutes'), pg_temp.utc_ago('2 minutes'), pg_temp.utc_ago('1 minute')),
 (12, 'discarded', 'events', 'MyApp.Track', '{}', ARRAY['{"at": "2026-01-01T09:00:00.000000Z", "attempt": 1, "error": "discarded: invalid event"}']::jsonb[], 1, 20, pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'), pg_temp.utc_ago('3 hours'));
SELECT setval('oban_jobs_id_seq', 100);
ANALYZE oban_jobs;
