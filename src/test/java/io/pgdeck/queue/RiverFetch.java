package io.pgdeck.queue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * What a River client of a given release takes next from a queue, written for pgdeck from that
 * release's JobGetAvailable so a test can check what pgdeck's changes leave for River: available
 * jobs of the queue, lowest priority then scheduled_at then id first, row-locked skipping locked
 * rows, marked running with one more attempt, attempted_at now and the client's name appended to
 * attempted_by. Run with the installation's schema as search_path, as River's client runs it;
 * the demand is large enough for every job.
 */
enum RiverFetch {
    /** v0.0.1, internal/dbsqlc/river_job.sql JobGetAvailable: every available job, due or not. */
    V0_0_1(false),
    /**
     * v0.5.0 and v0.12.0, riverdriver/riverpgxv5/internal/dbsqlc/river_job.sql JobGetAvailable:
     * only jobs already due ({@code scheduled_at <= now()}).
     */
    V0_5(true);

    private static final int DEMAND = 1000;
    private static final String CLIENT = "worker-t";

    private final boolean dueOnly;

    RiverFetch(boolean dueOnly) {
        this.dueOnly = dueOnly;
    }

    /** The release's fetch as one statement returning the rows it marked running. */
    String statement(String queue) {
        String q = "'" + queue.replace("'", "''") + "'";
        return "WITH picked AS (SELECT id FROM river_job WHERE state = 'available' AND queue = " + q
                + (dueOnly ? " AND scheduled_at <= now()" : "")
                + " ORDER BY priority, scheduled_at, id LIMIT " + DEMAND + " FOR UPDATE SKIP LOCKED)"
                + " UPDATE river_job AS j SET state = 'running', attempt = j.attempt + 1, attempted_at = now(),"
                + " attempted_by = array_append(j.attempted_by, '" + CLIENT + "') FROM picked"
                + " WHERE j.id = picked.id RETURNING j.*";
    }

    /** The ids a client takes from the queue now, in id order. */
    List<Long> fetch(QueueFixture f, String schema, String queue) {
        List<Long> ids = new ArrayList<>();
        try (Connection c = f.connect(); Statement st = c.createStatement()) {
            st.execute("SET search_path TO \"" + schema + "\"");
            try (ResultSet rs = st.executeQuery(statement(queue))) {
                while (rs.next()) {
                    ids.add(rs.getLong("id"));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        ids.sort(null);
        return ids;
    }
}
