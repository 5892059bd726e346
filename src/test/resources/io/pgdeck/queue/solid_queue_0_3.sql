-- Solid Queue 0.3.0, the oldest schema still in use (0.2.x lacks only recurring executions, which
-- pgdeck does not read): its processes table, with no name yet
-- (20240811173327_add_name_to_processes.rb adds it in v0.6.0). Follows rails/solid_queue tag v0.3.0
-- db/migrate/20231211200639_create_solid_queue_tables.rb (the table) and
-- app/models/solid_queue/process.rb (the row planted below), as Rails creates it on PostgreSQL.
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour (none: Solid Queue keeps its logic in Ruby).
-- Loaded after solid_queue_tables.sql, the tables every version shares.

-- Workers, dispatchers and supervisors; a claimed execution points at its worker.
CREATE TABLE solid_queue_processes (
    id                bigserial PRIMARY KEY,
    kind              character varying NOT NULL,
    last_heartbeat_at timestamp(6) without time zone NOT NULL,
    supervisor_id     bigint,
    pid               integer NOT NULL,
    hostname          character varying,
    metadata          text,
    created_at        timestamp(6) without time zone NOT NULL
);

-- A worker registering as SolidQueue::Process.register does (app/models/solid_queue/process.rb):
-- kind, heartbeat, pid, hostname and its settings as JSON metadata (no name in 0.3).
INSERT INTO solid_queue_processes (kind, last_heartbeat_at, pid, hostname, metadata, created_at)
VALUES ('Worker', now() AT TIME ZONE 'UTC', 4242, 'web-1', '{"polling_interval":0.1,"queues":"*","thread_pool_size":3}',
        now() AT TIME ZONE 'UTC');
