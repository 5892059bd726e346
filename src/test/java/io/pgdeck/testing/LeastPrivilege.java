package io.pgdeck.testing;

import io.pgdeck.connect.ConnectionProfile;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database whose tables belong to an application role, and the two roles a DBA points pgdeck
 * at in production: one with only {@code pg_monitor}, one plain login role with nothing granted.
 * Owned by neither: a partitioned table whose DEFAULT partition holds rows, a bloated table with
 * an index, the demo's {@code job_queue} and a matview. Role names carry the database's, as roles
 * are shared by every database of the server.
 *
 * @param owner   owns every table, runs the application's statements
 * @param monitor has pg_monitor and CONNECT, nothing else
 * @param plain   a login role with CONNECT only
 */
public record LeastPrivilege(TestPostgres pg, String database, String owner, String monitor, String plain) {

    public static final int DEFAULT_ROWS = 500;
    public static final int OWNER_STATEMENTS = 3;

    /** A fresh database with the roles and the owner's tables, analyzed. */
    public static LeastPrivilege plant(TestPostgres pg) {
        String db = pg.freshDatabase().database();
        LeastPrivilege p = new LeastPrivilege(pg, db, "app_" + db, "mon_" + db, "plain_" + db);
        pg.execute(db,
                "CREATE ROLE " + p.owner + " LOGIN",
                "CREATE ROLE " + p.monitor + " LOGIN",
                "GRANT pg_monitor TO " + p.monitor,
                "CREATE ROLE " + p.plain + " LOGIN",
                "REVOKE CONNECT ON DATABASE " + db + " FROM PUBLIC",
                "GRANT CONNECT ON DATABASE " + db + " TO " + p.owner + ", " + p.monitor + ", " + p.plain,
                "CREATE SCHEMA app AUTHORIZATION " + p.owner,
                "CREATE SCHEMA streamvibe AUTHORIZATION " + p.owner,
                // as the public schema is: everyone may look up its tables, none may read their rows
                "GRANT USAGE ON SCHEMA app, streamvibe TO PUBLIC",
                "SET ROLE " + p.owner,
                "CREATE TABLE app.events (id bigint NOT NULL, kind text NOT NULL, created_at timestamptz NOT NULL)"
                        + " PARTITION BY RANGE (created_at)",
                "CREATE TABLE app.events_2024 PARTITION OF app.events FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')",
                "CREATE TABLE app.events_default PARTITION OF app.events DEFAULT",
                "INSERT INTO app.events SELECT g, 'early', timestamptz '2024-02-01' + g * interval '1 minute'"
                        + " FROM generate_series(1, 200) g",
                "INSERT INTO app.events SELECT g, 'late', timestamptz '2031-01-01' + g * interval '1 minute'"
                        + " FROM generate_series(1, " + DEFAULT_ROWS + ") g",
                "CREATE TABLE app.bloated (id int PRIMARY KEY, payload text NOT NULL) WITH (autovacuum_enabled = off)",
                "INSERT INTO app.bloated SELECT g, repeat('x', 200) FROM generate_series(1, 40000) g",
                "DELETE FROM app.bloated WHERE id % 10 <> 0",
                "CREATE INDEX bloated_payload ON app.bloated (payload)",
                "CREATE TABLE streamvibe.job_queue (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), user_id uuid NOT NULL,"
                        + " job_type text NOT NULL, job_priority integer NOT NULL DEFAULT 0,"
                        + " status text NOT NULL DEFAULT 'pending', params jsonb NOT NULL DEFAULT '{}'::jsonb, result jsonb,"
                        + " error_message text, retry_count integer NOT NULL DEFAULT 0, max_retries integer NOT NULL DEFAULT 3,"
                        + " worker_id text, scheduled_for timestamptz NOT NULL DEFAULT now(),"
                        + " expires_at timestamptz NOT NULL DEFAULT now() + interval '24 hours', started_at timestamptz,"
                        + " completed_at timestamptz, created_at timestamptz NOT NULL DEFAULT now(),"
                        + " updated_at timestamptz NOT NULL DEFAULT now())",
                "INSERT INTO streamvibe.job_queue (user_id, job_type, status) SELECT gen_random_uuid(), 'encode',"
                        + " CASE WHEN g % 4 = 0 THEN 'completed' ELSE 'pending' END FROM generate_series(1, 40) g",
                "CREATE MATERIALIZED VIEW app.event_kinds AS SELECT kind, count(*) AS n FROM app.events GROUP BY kind",
                "CREATE UNIQUE INDEX event_kinds_kind ON app.event_kinds (kind)",
                "RESET ROLE",
                "ANALYZE");
        return p;
    }

    /** pgdeck's profile for a role of the fixture (trust authentication: no password). */
    public ConnectionProfile profile(String role) {
        return new ConnectionProfile(null, "localhost", pg.port(), database, role, null, "disable");
    }

    public String uri(String role) {
        return "postgresql://" + role + "@localhost:" + pg.port() + "/" + database + "?sslmode=disable";
    }

    /** The application's own statements, run as the owner so pg_stat_statements files them under it. */
    public void runOwnerStatements() {
        try (Connection c = connect(owner); Statement st = c.createStatement()) {
            st.execute("SELECT count(*) FROM app.events WHERE kind = 'late'");
            st.execute("SELECT count(*) FROM app.bloated WHERE id < 100");
            st.execute("SELECT count(*) FROM streamvibe.job_queue WHERE status = 'pending'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A plain JDBC session as one of the fixture's roles; the caller closes it. */
    public Connection connect(String role) {
        try {
            java.util.Properties props = new java.util.Properties();
            props.setProperty("user", role);
            props.setProperty("ApplicationName", "pgdeck-test-" + role);
            return java.sql.DriverManager.getConnection("jdbc:postgresql://localhost:" + pg.port() + "/" + database, props);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
