package io.pgdeck.catalog;

import static org.awaitility.Awaitility.await;

import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;

/**
 * A table bloated on purpose under names that need quoting (quotes, spaces, capitals, unicode):
 * autovacuum off, most rows updated through an indexed column (no HOT) or deleted, then
 * ANALYZE, so the statistics are fresh and the dead rows are still there.
 */
public final class BloatFixture {

    public static final String SCHEMA = "Odd \"Schema\" ä";
    public static final String TABLE = "Bloated Tåble \"x\"";
    public static final String INDEX = "Bloated Tåble \"x\" by Kind";
    public static final RelationName RELATION = new RelationName(SCHEMA, TABLE);
    public static final int ROWS = 40_000;

    private BloatFixture() {}

    public static String[] schema() {
        String s = quote(SCHEMA);
        String t = s + "." + quote(TABLE);
        return new String[] {
            "CREATE SCHEMA " + s,
            "CREATE TABLE " + t + " (id bigint PRIMARY KEY, \"Kind\" int NOT NULL, note text, created timestamptz NOT NULL)"
                    + " WITH (autovacuum_enabled = false, autovacuum_vacuum_scale_factor = 0.05)",
            "CREATE INDEX " + quote(INDEX) + " ON " + t + " (\"Kind\", id)",
            "INSERT INTO " + t + " SELECT i, i % 100, repeat(md5(i::text), 2), now() FROM generate_series(1, " + ROWS + ") i",
            "UPDATE " + t + " SET \"Kind\" = \"Kind\" + 1 WHERE id % 10 < 6",
            "DELETE FROM " + t + " WHERE id % 10 >= 6 AND id % 10 < 9",
        };
    }

    /**
     * ANALYZE in a session of its own, after the planting one ended: counters a session reports
     * after its ANALYZE would be added on top and make fresh statistics look stale.
     */
    public static String analyze() {
        return "ANALYZE " + qualified();
    }

    public static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    public static String qualified() {
        return quote(SCHEMA) + "." + quote(TABLE);
    }

    public static void plant(TestPostgres pg, String database) {
        pg.execute(database, schema());
        // Before PG15 the statistics collector gets counters asynchronously and in no set order
        // between sessions: the planting session's must have arrived before the ANALYZE, or they
        // land on top of it and make fresh statistics look stale; and the ANALYZE's own report
        // must have arrived before a test reads the table.
        awaitStatistics(pg, database, "n_live_tup > 0 AND n_dead_tup > 0");
        pg.execute(database, analyze());
        awaitStatistics(pg, database, "n_live_tup > 0 AND n_dead_tup > 0 AND last_analyze IS NOT NULL"
                + " AND n_mod_since_analyze = 0");
    }

    private static void awaitStatistics(TestPostgres pg, String database, String condition) {
        await("the planted table's statistics: " + condition).atMost(Duration.ofSeconds(30)).until( () -> {
            try (Connection c = pg.connect(database); Statement st = c.createStatement();
                 ResultSet rs = st.executeQuery("SELECT " + condition + " FROM pg_stat_user_tables"
                         + " WHERE relid = '" + qualified().replace("'", "''") + "'::regclass")) {
                return rs.next() && rs.getBoolean(1);
            }
        }, Boolean::booleanValue);
    }
}
