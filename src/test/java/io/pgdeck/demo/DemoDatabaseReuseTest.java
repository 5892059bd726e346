package io.pgdeck.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A kept data directory, or a server that already has the demo, is reused instead of rebuilt. */
class DemoDatabaseReuseTest {

    @Test
    void keptDataDirectoryIsReusedOnTheNextStart(@TempDir Path dataDir) throws Exception {
        long jobs;
        try (DemoDatabase first = DemoDatabase.start(dataDir)) {
            assertThat(first.startup().installed()).isTrue();
            jobs = jobCount(first.profile());
        }
        try (DemoDatabase second = DemoDatabase.start(dataDir)) {
            assertThat(second.startup().installed()).isFalse();
            assertThat(jobCount(second.profile())).isEqualTo(jobs);
        }
    }

    @Test
    void installsIntoARunningServerOnce() throws Exception {
        ConnectionProfile server = TestPostgres.NEWEST.profile("postgres");
        ConnectionProfile demo = DemoDatabase.installInto(server);
        assertThat(demo.database()).isEqualTo(DemoDatabase.DATABASE);
        assertThat(demo.port()).isEqualTo(server.port());
        long jobs = jobCount(demo);
        assertThat(jobs).isPositive();
        assertThat(jobCount(DemoDatabase.installInto(server))).isEqualTo(jobs);
    }

    private static long jobCount(ConnectionProfile profile) throws Exception {
        try (Connection c = DriverManager.getConnection(profile.jdbcUrl(), profile.user(), null)) {
            return DSL.using(c).fetchOne("SELECT count(*) FROM streamvibe.job_queue").get(0, Long.class);
        }
    }
}
