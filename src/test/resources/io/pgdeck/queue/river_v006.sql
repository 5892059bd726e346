-- River at migration 006, run after river_v004.sql and river_v005.sql: the installation
-- upgraded by v0.12.0 (riverqueue/river tag v0.12.0, the release that added 006). Follows
-- riverdriver/riverpgxv5/migration/main/006_bulk_unique.up.sql of that release. Written for
-- pgdeck from that source: the schema objects pgdeck and these tests touch, and the functions
-- re-implemented with the same behaviour. river_v004_jobs.sql and river_v006_jobs.sql plant the
-- jobs.
--
-- Facts taken: river_job.unique_states bit(8); river_job_state_in_bitmask(bitmask bit(8), state
-- river_job_state) returning boolean, immutable, which pgdeck calls; the unique index
-- river_job_unique_idx on unique_key over the rows whose own bitmask counts their state, which
-- replaces 005's river_job_kind_unique_key_idx.
ALTER TABLE river_job ADD COLUMN unique_states bit(8);

-- Whether a job in this state holds its key under the bitmask. The eight states, in the enum's
-- order, take the bits from the right: 'available' the last (index 7), 'scheduled' the first
-- (index 0). A null state holds nothing; a null bitmask gives null, as River's function does.
-- The states are compared as text, so the body names no type of the installation's schema.
CREATE FUNCTION river_job_state_in_bitmask(bitmask bit(8), state river_job_state) RETURNS boolean
LANGUAGE sql IMMUTABLE AS $fn$
    SELECT CASE WHEN i IS NULL THEN false ELSE get_bit(bitmask, 8 - i) = 1 END
    FROM array_position('{available,cancelled,completed,discarded,pending,retryable,running,scheduled}'::text[],
        state::text) AS i
$fn$;

CREATE UNIQUE INDEX river_job_unique_idx ON river_job (unique_key)
    WHERE unique_key IS NOT NULL AND unique_states IS NOT NULL AND river_job_state_in_bitmask(unique_states, state);
DROP INDEX river_job_kind_unique_key_idx;
