-- River at migration 005, run after river_v004.sql: an installation of River v0.5.0 upgraded to
-- version 5 (added by v0.10.0). Follows riverdriver/riverpgxv5/migration/main/
-- 005_migration_unique_client.up.sql of riverqueue/river tag v0.12.0 (its river_job part is
-- v0.10.0's). Written for pgdeck from that source: the schema objects pgdeck and these tests
-- touch, and the functions re-implemented with the same behaviour.
--
-- Facts taken: river_job.unique_key bytea and the unique index river_job_kind_unique_key_idx on
-- (kind, unique_key) for every row with a key, whatever its state, so a cancel that keeps the
-- key would keep it held. Not restated: the rebuilt river_migration (line, version) and its
-- version row, river_client and river_client_queue, which pgdeck and the tests do not read.
-- No unique_states (006).
ALTER TABLE river_job ADD COLUMN unique_key bytea;
CREATE UNIQUE INDEX river_job_kind_unique_key_idx ON river_job (kind, unique_key) WHERE unique_key IS NOT NULL;
