package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LibraryFixturesTest {

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void everyFixtureLoadsBesideTheOthers(TestPostgres pg) throws Exception {
        ConnectionProfile db = LibraryFixtures.freshDatabaseWith(pg, LibraryFixtures.values());
        try (Connection c = pg.connect(db.database()); Statement st = c.createStatement()) {
            assertThat(count(st, "SELECT count(*) FROM pgmq.q_emails")).isEqualTo(7);
            assertThat(count(st, "SELECT count(*) FROM pgmq.q_webhooks")).isEqualTo(1);
            assertThat(count(st, "SELECT count(*) FROM solid_queue_jobs")).isEqualTo(11);
            assertThat(count(st, "SELECT count(*) FROM que_jobs")).isEqualTo(9);
            assertThat(count(st, "SELECT count(*) FROM good_jobs")).isEqualTo(9);
            assertThat(count(st, "SELECT count(*) FROM procrastinate_jobs")).isEqualTo(13);
        }
    }

    private static long count(Statement st, String sql) throws Exception {
        try (ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
