-- Oban 0.12.0 (oban-bg/oban, tag v0.12.0) at migration V7 in prefix public: follows the modules
-- V1 to V7 of lib/oban/migrations.ex of that release (Oban 1.0.0 has the same V1 to V7, so
-- oban_v08.sql builds on this file). Written for pgdeck from that source: the schema objects
-- pgdeck and these tests touch, and the functions re-implemented with the same behaviour.
--
-- Facts taken: the V1 enum and table (Ecto :map is jsonb, {:array, :map} jsonb[],
-- :utc_datetime_usec a timestamp without time zone holding UTC); attempted_by text[] from V3;
-- V5's (queue, state, scheduled_at, id) index, which replaced V1's single-column ones and serves
-- fetch_available_jobs; V1's notify trigger as 0.12.0 writes it (on insert, or on an update of
-- state). Not restated: oban_beats (V3, V6), the length checks (V2), V7's index on finished
-- jobs and the version Oban keeps in the table's comment, none of which pgdeck or the tests read.
-- No discarded_at, priority or tags (V8), no meta, cancelled_at or 'cancelled' (V9).
-- oban_v07_jobs.sql plants the jobs.
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
    attempted_by text[],
    inserted_at  timestamp NOT NULL DEFAULT timezone('UTC', now()),
    scheduled_at timestamp NOT NULL DEFAULT timezone('UTC', now()),
    attempted_at timestamp,
    completed_at timestamp
);
CREATE INDEX oban_jobs_queue_state_scheduled_at_id_index ON oban_jobs (queue, state, scheduled_at, id);

-- The trigger of 0.12.0's V1: an insert is announced on <prefix>.oban_insert (queue, state)
-- unless the job is scheduled for later; a change of state on <prefix>.oban_update (queue,
-- new_state, old_state).
CREATE FUNCTION oban_jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $fn$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        PERFORM pg_notify('public.oban_update',
            json_build_object('queue', NEW.queue, 'new_state', NEW.state, 'old_state', OLD.state)::text);
    ELSIF NEW.scheduled_at IS NULL OR NEW.scheduled_at <= timezone('UTC', now()) THEN
        PERFORM pg_notify('public.oban_insert', json_build_object('queue', NEW.queue, 'state', NEW.state)::text);
    END IF;
    RETURN NULL;
END
$fn$;
CREATE TRIGGER oban_notify AFTER INSERT OR UPDATE OF state ON oban_jobs FOR EACH ROW EXECUTE PROCEDURE oban_jobs_notify();
