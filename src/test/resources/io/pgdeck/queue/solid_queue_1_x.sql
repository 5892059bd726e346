-- Solid Queue 1.x, schema unchanged from v1.0.0 to v1.5.0: its processes table, which has a name
-- (v0.6.0 on). Follows rails/solid_queue tag v1.5.0
-- lib/generators/solid_queue/install/templates/db/queue_schema.rb (the table) and
-- app/models/solid_queue/process.rb (the row planted below), as Rails creates it on PostgreSQL.
-- Written for pgdeck from that source: the schema objects pgdeck and these tests touch, and the
-- functions re-implemented with the same behaviour (none: Solid Queue keeps its logic in Ruby).
-- Loaded after solid_queue_tables.sql, the tables every version shares.

-- Workers, dispatchers and supervisors; a claimed execution points at its worker. name from v0.6.
CREATE TABLE solid_queue_processes (
    id                bigserial PRIMARY KEY,
    kind              character varying NOT NULL,
    last_heartbeat_at timestamp(6) without time zone NOT NULL,
    supervisor_id     bigint,
    pid               integer NOT NULL,
    hostname          character varying,
    metadata          text,
    created_at        timestamp(6) without time zone NOT NULL,
    name              character varying NOT NULL
);
CREATE UNIQUE INDEX index_solid_queue_processes_on_name_and_supervisor_id ON solid_queue_processes (name, supervisor_id);

-- A worker registering as SolidQueue::Process.register does (app/models/solid_queue/process.rb):
-- kind, heartbeat, pid, hostname, its settings as JSON metadata, and its name.
INSERT INTO solid_queue_processes (kind, last_heartbeat_at, pid, hostname, metadata, created_at, name)
VALUES ('Worker', now() AT TIME ZONE 'UTC', 4242, 'web-1', '{"polling_interval":0.1,"queues":"*","thread_pool_size":3}',
        now() AT TIME ZONE 'UTC', 'worker-abc');
