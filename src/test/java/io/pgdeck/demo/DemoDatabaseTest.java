package io.pgdeck.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.testing.TestDemo;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Every situation the demo promises a DBA is there, as the catalog and the statistics show it. */
class DemoDatabaseTest {

    private static Connection connection;
    private static DSLContext db;

    @BeforeAll
    static void connect() throws SQLException {
        ConnectionProfile profile = TestDemo.profile();
        connection = DriverManager.getConnection(profile.jdbcUrl(), profile.user(), null);
        db = DSL.using(connection, SQLDialect.POSTGRES);
    }

    @AfterAll
    static void disconnect() throws SQLException {
        connection.close();
    }

    @Test
    void extensionsRolesAndSchemasAreThere() {
        assertThat(strings("SELECT extname FROM pg_extension"))
                .contains("pg_stat_statements", "pgstattuple");
        assertThat(value(Long.class, "SELECT count(*) FROM pg_stat_statements")).isNotNull();
        assertThat(value(String.class, "SELECT current_setting('track_io_timing')")).isEqualTo("on");
        assertThat(strings("SELECT rolname FROM pg_roles"))
                .contains(DemoRoles.STREAMVIBE, DemoRoles.INSIGHTDESK, DemoRoles.LEARNING);
        assertThat(strings("SELECT nspname FROM pg_namespace"))
                .contains("streamvibe", "insightdesk", "learning", "parel");
        assertThat(value(Long.class, "SELECT count(*) FROM pg_indexes WHERE tablename IN ('job_queue', 'job_log')"))
                .as("the seed's 11 + 4 indexes, 2 primary keys and the planted invalid one").isEqualTo(18);
    }

    @Test
    void unusedIndexHasNoScansWhileOthersHave() {
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            assertThat(indexScans(PlantedSituations.UNUSED_INDEX.last())).isZero();
            assertThat(indexScans("idx_job_queue_user_status_created")).isPositive();
        });
        assertThat(value(Long.class, "SELECT pg_relation_size(?::regclass)", "insightdesk.idx_tickets_search"))
                .isGreaterThan(8192L);
    }

    @Test
    void duplicateIndexHasTheSameDefinitionAsAnother() {
        String sql = "SELECT substring(pg_get_indexdef(?::regclass) FROM ' ON .*')";
        assertThat(value(String.class, sql, "insightdesk.tickets_created_at_idx"))
                .isEqualTo(value(String.class, sql, "insightdesk.idx_tickets_created_at"))
                .contains("(created_at DESC)");
    }

    @Test
    void invalidIndexIsLeftByAFailedConcurrentBuild() {
        assertThat(value(Boolean.class, "SELECT indisvalid FROM pg_index WHERE indexrelid = ?::regclass",
                "streamvibe.idx_job_queue_dedupe")).isFalse();
    }

    @Test
    void notificationsAreBloatedWithAutovacuumOff() {
        assertThat(value(String.class, "SELECT reloptions::text FROM pg_class WHERE oid = ?::regclass",
                "parel.notifications")).contains("autovacuum_enabled=false");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var row = db.fetchOne("SELECT n_live_tup, n_dead_tup FROM pg_stat_user_tables"
                    + " WHERE schemaname = 'parel' AND relname = 'notifications'");
            assertThat(row.get("n_live_tup", Long.class)).as("live rows").isGreaterThan(5000L);
            assertThat(row.get("n_dead_tup", Long.class)).isGreaterThan(2 * row.get("n_live_tup", Long.class));
        });
    }

    @Test
    void jobQueueHasFailedStuckAndExpiredJobs() {
        assertThat(count("SELECT count(*) FROM streamvibe.job_queue WHERE status = 'failed' AND retry_count >= max_retries"))
                .isGreaterThanOrEqualTo(50);
        assertThat(count("SELECT count(*) FROM streamvibe.job_queue"
                + " WHERE status = 'processing' AND started_at < now() - interval '30 minutes'")).isGreaterThanOrEqualTo(5);
        assertThat(count("SELECT count(*) FROM streamvibe.job_queue WHERE status = 'pending' AND expires_at < now()"))
                .isGreaterThanOrEqualTo(30);
        assertThat(count("SELECT count(*) FROM streamvibe.job_queue WHERE status = 'completed'")).isGreaterThan(3000);
        assertThat(count("SELECT count(*) FROM streamvibe.job_log WHERE log_level = 'error'")).isPositive();
        // any state: a workload that ran before this test may have drained a queue
        assertThat(strings("SELECT DISTINCT queue FROM parel.queue_jobs"))
                .containsExactlyInAnyOrder("high-priority", "medium-priority", "low-priority");
    }

    @Test
    void monthlyPartitionsEndBeforeNextMonthWithAGapAndAFilledDefault() {
        YearMonth now = DemoPartitions.currentMonth();
        List<String> audit = partitionsOf("insightdesk.audit_logs");
        assertThat(audit).contains("audit_logs_default")
                .containsAll(DemoPartitions.auditLogMonths(now).stream()
                        .map(m -> DemoPartitions.partitionName(DemoPartitions.AUDIT_LOGS, m).last()).toList())
                .doesNotContain(DemoPartitions.partitionName(DemoPartitions.AUDIT_LOGS, now.minusMonths(2)).last(),
                        DemoPartitions.partitionName(DemoPartitions.AUDIT_LOGS, now.plusMonths(1)).last());
        assertThat(count("SELECT count(*) FROM insightdesk.audit_logs_default")).isPositive();

        List<String> events = partitionsOf("learning.analytics_events");
        assertThat(events).hasSize(3)
                .doesNotContain(DemoPartitions.partitionName(DemoPartitions.ANALYTICS_EVENTS, now.plusMonths(1)).last());
        assertThat(count("SELECT count(*) FROM learning.analytics_events")).isPositive();
        assertThat(partitionsOf("learning.user_sessions")).hasSize(8);
    }

    @Test
    void dashboardViewIsPopulatedAndRefreshesConcurrently() {
        assertThat(count("SELECT count(*) FROM insightdesk.mv_dashboard_stats")).isPositive();
        db.execute("REFRESH MATERIALIZED VIEW CONCURRENTLY insightdesk.mv_dashboard_stats");
    }

    private long indexScans(String index) {
        return value(Long.class, "SELECT idx_scan FROM pg_stat_user_indexes WHERE indexrelname = ?", index);
    }

    private long count(String sql) {
        return value(Long.class, sql);
    }

    private static <T> T value(Class<T> type, String sql, Object... binds) {
        return db.fetchOne(sql, binds).get(0, type);
    }

    private static List<String> strings(String sql, Object... binds) {
        return db.fetch(sql, binds).getValues(0, String.class);
    }

    private List<String> partitionsOf(String parent) {
        return strings("SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid"
                + " WHERE i.inhparent = ?::regclass ORDER BY 1", parent);
    }
}
