package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The column sets of SHOW POOLS, STATS, DATABASES and CLIENTS as PgBouncer's own source declares
 * them (src/admin.c and src/stats.c at the tags pgbouncer_1_17_0, pgbouncer_1_18_0 and
 * pgbouncer_1_24_0), copied here by hand so a slip in {@link PgBouncerVersion} shows.
 */
class PgBouncerVersionTest {

    private static final PgBouncerVersion V1_17 = PgBouncerVersion.parse("PgBouncer 1.17.0");
    private static final PgBouncerVersion V1_18 = PgBouncerVersion.parse("PgBouncer 1.18.0");
    private static final PgBouncerVersion V1_24 = PgBouncerVersion.parse("PgBouncer 1.24.1");

    @Test
    void parsesWhatShowVersionSays() {
        assertThat(PgBouncerVersion.parse("PgBouncer 1.18.0")).isEqualTo(new PgBouncerVersion(1, 18, 0));
        assertThat(PgBouncerVersion.parse("PgBouncer 1.23.1 (Debian 1.23.1-1.pgdg120+1)"))
                .isEqualTo(new PgBouncerVersion(1, 23, 1));
        assertThat(V1_24).isGreaterThan(V1_18);
        assertThatThrownBy(() -> PgBouncerVersion.parse("PostgreSQL")).hasMessage("\"PostgreSQL\" is not a PgBouncer version.");
    }

    @Test
    void showPools() {
        assertThat(V1_17.poolColumns()).containsExactly("database", "user", "cl_active", "cl_waiting", "cl_cancel_req",
                "sv_active", "sv_idle", "sv_used", "sv_tested", "sv_login", "maxwait", "maxwait_us", "pool_mode");
        assertThat(V1_18.poolColumns()).containsExactly("database", "user", "cl_active", "cl_waiting",
                "cl_active_cancel_req", "cl_waiting_cancel_req", "sv_active", "sv_active_cancel", "sv_being_canceled",
                "sv_idle", "sv_used", "sv_tested", "sv_login", "maxwait", "maxwait_us", "pool_mode");
        assertThat(V1_24.poolColumns()).containsExactly("database", "user", "cl_active", "cl_waiting",
                "cl_active_cancel_req", "cl_waiting_cancel_req", "sv_active", "sv_active_cancel", "sv_being_canceled",
                "sv_idle", "sv_used", "sv_tested", "sv_login", "maxwait", "maxwait_us", "pool_mode",
                "load_balance_hosts");
    }

    @Test
    void showStats() {
        assertThat(V1_18.statsColumns()).containsExactly("database", "total_xact_count", "total_query_count",
                "total_received", "total_sent", "total_xact_time", "total_query_time", "total_wait_time",
                "avg_xact_count", "avg_query_count", "avg_recv", "avg_sent", "avg_xact_time", "avg_query_time",
                "avg_wait_time");
        assertThat(V1_24.statsColumns()).containsExactly("database", "total_server_assignment_count",
                "total_xact_count", "total_query_count", "total_received", "total_sent", "total_xact_time",
                "total_query_time", "total_wait_time", "total_client_parse_count", "total_server_parse_count",
                "total_bind_count", "avg_server_assignment_count", "avg_xact_count", "avg_query_count", "avg_recv",
                "avg_sent", "avg_xact_time", "avg_query_time", "avg_wait_time", "avg_client_parse_count",
                "avg_server_parse_count", "avg_bind_count");
        assertThat(V1_18.assignmentsColumn()).isEqualTo("total_xact_count");
        assertThat(V1_24.assignmentsColumn()).isEqualTo("total_server_assignment_count");
    }

    @Test
    void showDatabases() {
        assertThat(V1_18.databaseColumns()).containsExactly("name", "host", "port", "database", "force_user",
                "pool_size", "min_pool_size", "reserve_pool", "pool_mode", "max_connections", "current_connections",
                "paused", "disabled");
        assertThat(V1_24.databaseColumns()).containsExactly("name", "host", "port", "database", "force_user",
                "pool_size", "min_pool_size", "reserve_pool_size", "server_lifetime", "pool_mode",
                "load_balance_hosts", "max_connections", "current_connections", "max_client_connections",
                "current_client_connections", "paused", "disabled");
    }

    @Test
    void showClientsAndServers() {
        List<String> common = List.of("addr", "port", "local_addr", "local_port", "connect_time", "request_time",
                "wait", "wait_us", "close_needed", "ptr", "link", "remote_pid", "tls", "application_name");
        assertThat(V1_18.socketColumns()).containsExactlyElementsOf(concat(List.of("type", "user", "database", "state"),
                common, List.of()));
        assertThat(V1_24.socketColumns()).containsExactlyElementsOf(concat(
                List.of("type", "user", "database", "replication", "state"), common, List.of("prepared_statements", "id")));
        assertThat(V1_18.hasPreparedStatements()).isFalse();
        assertThat(PgBouncerVersion.parse("PgBouncer 1.21.0").hasPreparedStatements()).isTrue();
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c) {
        return java.util.stream.Stream.of(a, b, c).flatMap(List::stream).toList();
    }
}
