package io.pgdeck.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestDemo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/** The workload moves the queue, shows several applications, a lock chain and an idle transaction, and stops cleanly. */
class DemoWorkloadTest {

    private static final String WORKLOAD_APPS = "('streamvibe-api', 'streamvibe-worker', 'insightdesk-api', 'learning-web',"
            + " 'parel-app', 'reporting')";

    @Test
    void workloadMovesJobsShowsContentionAndStopsCleanly() throws Exception {
        ConnectionProfile profile = TestDemo.profile();
        try (Connection c = DriverManager.getConnection(profile.jdbcUrl(), profile.user(), null)) {
            DSLContext db = DSL.using(c, SQLDialect.POSTGRES);
            long completedBefore = count(db, "SELECT count(*) FROM streamvibe.job_queue WHERE status = 'completed'");
            long jobsBefore = count(db, "SELECT count(*) FROM streamvibe.job_queue");
            long logBefore = count(db, "SELECT count(*) FROM streamvibe.job_log");

            // another demo's workload may live in this JVM (the UI tests'): judge only this one's threads
            java.util.Set<Thread> before = liveDemoThreads();
            DemoWorkload workload = DemoWorkload.start(profile);
            try {
                await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                    assertThat(count(db, "SELECT count(*) FROM streamvibe.job_queue WHERE status = 'completed'"))
                            .isGreaterThan(completedBefore + 2);
                    assertThat(count(db, "SELECT count(*) FROM streamvibe.job_queue")).isGreaterThan(jobsBefore);
                    assertThat(count(db, "SELECT count(*) FROM streamvibe.job_log")).isGreaterThan(logBefore);
                });
                await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(strings(db,
                        "SELECT DISTINCT usename FROM pg_stat_activity WHERE application_name IN " + WORKLOAD_APPS))
                        .contains(DemoRoles.STREAMVIBE, DemoRoles.INSIGHTDESK, DemoRoles.LEARNING, "postgres"));
                await().atMost(DemoWorkload.FIRST_IDLE_TRANSACTION.plusSeconds(5)).untilAsserted(() -> assertThat(count(db,
                        "SELECT count(*) FROM pg_stat_activity WHERE state = 'idle in transaction'"
                                + " AND application_name = 'learning-web'")).isOne());
                await().atMost(DemoWorkload.FIRST_LOCK_CHAIN.plusSeconds(5)).untilAsserted(() -> assertThat(count(db,
                        "SELECT count(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0"
                                + " AND application_name = 'insightdesk-api'")).isGreaterThanOrEqualTo(2));
            } finally {
                workload.close();
            }

            // close() waits for the tasks; their threads end a moment later
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(liveDemoThreads()).as("threads left after close()")
                            .filteredOn(t -> !before.contains(t)).extracting(Thread::getName).isEmpty());
            await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(count(db,
                    "SELECT count(*) FROM pg_stat_activity WHERE application_name IN " + WORKLOAD_APPS)).isZero());
        }
    }

    private static java.util.Set<Thread> liveDemoThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
                .filter(t -> t.getName().startsWith("pgdeck-demo")).collect(java.util.stream.Collectors.toSet());
    }

    private static long count(DSLContext db, String sql) {
        return db.fetchOne(sql).get(0, Long.class);
    }

    private static List<String> strings(DSLContext db, String sql) {
        return db.fetch(sql).getValues(0, String.class);
    }
}
