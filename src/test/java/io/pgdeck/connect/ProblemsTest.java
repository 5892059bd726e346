package io.pgdeck.connect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.jooq.exception.DataAccessException;
import org.junit.jupiter.api.Test;

class ProblemsTest {

    @Test
    void aRefusedConnectionInsideThePoolsTimeoutIsDescribedAsRefused() {
        // What HikariCP throws while the server is down: its own time-out carrying the driver's 08001.
        SQLException driver = new SQLException("Connection to localhost:5432 refused.", "08001",
                new ConnectException("Connection refused"));
        SQLTransientConnectionException pool = new SQLTransientConnectionException(
                "pgdeck-monitor - Connection is not available, request timed out after 2000ms", "08001", driver);
        RuntimeException jooq = new RuntimeException("SQL [select ...]; pgdeck-monitor - ...", pool);

        assertThat(Problems.describe(jooq))
                .isEqualTo("Connection refused: is PostgreSQL running and listening on that host and port?");
    }

    @Test
    void anUnknownHostIsNamed() {
        SQLException e = new SQLException("The connection attempt failed.", "08001", new UnknownHostException("db.example"));
        assertThat(Problems.describe(e)).isEqualTo("Unknown host \"db.example\": check the host name.");
    }

    @Test
    void knownSqlStatesBecomeOneSentence() {
        assertThat(Problems.describe(new SQLException("ERROR: canceling statement due to lock timeout", "55P03")))
                .isEqualTo("Could not get a lock in time (lock_timeout): the object is busy; try again later.");
        assertThat(Problems.describe(new SQLException("ERROR: canceling statement due to user request", "57014")))
                .isEqualTo("Cancelled: the statement ran past its time-out or was cancelled.");
        assertThat(Problems.describe(new SQLException("FATAL: terminating connection due to administrator command", "57P01")))
                .isEqualTo("The server is shutting down or restarting; pgdeck reconnects by itself.");
        assertThat(Problems.describe(new SQLException("FATAL: permission denied for table jobs", "42501")))
                .isEqualTo("Permission denied for jobs: reading its rows needs GRANT SELECT ON jobs to this role"
                        + " (pg_monitor does not give it), changing it the owner's rights.");
        assertThat(Problems.describe(new SQLException("ERROR: permission denied for schema streamvibe", "42501")))
                .isEqualTo("Permission denied for schema streamvibe: reading its tables needs GRANT USAGE ON SCHEMA"
                        + " streamvibe and SELECT on them to this role (pg_monitor does not give them).");
        assertThat(Problems.hiddenFrom(new SQLException("ERROR: permission denied for schema streamvibe", "42501"), "streamvibe"))
                .contains("hidden: needs USAGE on schema streamvibe and SELECT on its tables");
        assertThat(Problems.hiddenFrom(new SQLException("ERROR: permission denied for table job_queue", "42501"), "streamvibe"))
                .contains("hidden: needs SELECT on streamvibe.job_queue");
        assertThat(Problems.hiddenFrom(new SQLException("ERROR: canceling statement due to user request", "57014"), "s"))
                .isEmpty();
        assertThat(Problems.describe(new SQLException("ERROR: permission denied for function pg_ls_dir", "42501")))
                .isEqualTo("Permission denied: permission denied for function pg_ls_dir."
                        + " Grant pg_monitor (for statistics) or the owner's rights (for maintenance).");
        assertThat(Problems.describe(new SQLException("FATAL: database \"nope\" does not exist", "3D000")))
                .isEqualTo("Database \"nope\" does not exist: check the database name.");
        assertThat(Problems.describe(new SQLException("An I/O error occurred while sending to the backend.\nmore", "08006")))
                .isEqualTo("The connection failed or was lost (An I/O error occurred while sending to the backend);"
                        + " pgdeck retries on the next refresh.");
    }

    @Test
    void anActionCutByALostConnectionSaysToCheckWhetherItFinished() {
        String cut = "The server restarted (or the connection was lost) while the action ran:"
                + " check whether it finished before retrying.";
        assertThat(Problems.describeAction(new SQLException("FATAL: terminating connection due to administrator command",
                "57P01"))).isEqualTo(cut);
        assertThat(Problems.describeAction(new RuntimeException("jOOQ", new SQLException(
                "An I/O error occurred while sending to the backend.", "08006")))).isEqualTo(cut);
        assertThat(Problems.describeAction(new SQLException("This connection has been closed.", "08003"))).isEqualTo(cut);
        // never connected: the action did not start, so the refresh sentence stands
        SQLException refused = new SQLException("Connection to localhost:5432 refused.", "08001",
                new ConnectException("Connection refused"));
        assertThat(Problems.describeAction(refused)).isEqualTo(Problems.describe(refused));
        SQLException lock = new SQLException("ERROR: canceling statement due to lock timeout", "55P03");
        assertThat(Problems.describeAction(lock)).isEqualTo(Problems.describe(lock));
    }

    @Test
    void aWrappedFailureIsDescribedByWhatItWraps() {
        Throwable wrapped = new java.util.concurrent.CompletionException(new IllegalStateException(
                new IllegalArgumentException("The port is not a number between 1 and 65535.")));
        assertThat(Problems.describe(wrapped)).isEqualTo("The port is not a number between 1 and 65535.");
    }

    @Test
    void aLibraryMessageQuotingAPasswordIsMasked() {
        assertThat(Problems.describe(new IllegalStateException("cannot parse jdbc:postgresql://u:s3cr3t@h/db?password=s3cr3t")))
                .isEqualTo("Cannot parse jdbc:postgresql://u:***@h/db?password=***.");
    }

    @Test
    void anythingElseKeepsTheServersFirstLineAsASentence() {
        assertThat(Problems.describe(new SQLException("ERROR: syntax error at or near \"selec\"\n  Position: 1", "42601")))
                .isEqualTo("Syntax error at or near \"selec\".");
        assertThat(Problems.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    @Test
    void aStatementJooqPutsInFrontOfTheErrorIsNeverShown() {
        SQLException server = new SQLException("ERROR: prepared statement \"S_5\" requires 1", "08P01");
        DataAccessException jooq = new DataAccessException("SQL [select \"pid\", \"query\" from pg_catalog.pg_stat_activity"
                + " where pid <> ?]; ERROR: prepared statement \"S_5\" requires 1", server);
        assertThat(Problems.describe(jooq)).doesNotContain("select").doesNotContain("SQL [")
                .contains("prepared statement \"S_5\" requires 1");
        SQLException unknown = new SQLException("ERROR: relation \"nope\" does not exist", "42P01");
        assertThat(Problems.describe(new DataAccessException("SQL [select * from nope]; ERROR: relation", unknown)))
                .isEqualTo("Relation \"nope\" does not exist.");
        assertThat(Problems.describe(new IllegalStateException("SQL [select 1]; something odd")))
                .isEqualTo("Something odd.");
    }

    @Test
    void pgBouncerRefusingTheDriversStartupParameterNamesThePgbouncerIniLine() {
        assertThat(Problems.describe(new SQLException("FATAL: unsupported startup parameter: extra_float_digits", "08P01")))
                .isEqualTo("PgBouncer refuses the JDBC driver's start-up parameter extra_float_digits: add"
                        + " \"ignore_startup_parameters = extra_float_digits\" to the [pgbouncer] section of pgbouncer.ini.");
    }

    @Test
    void pgBouncerRefusingALoginSaysWhereItLooksUsersUp() {
        assertThat(Problems.describe(new SQLException("FATAL: \"trust\" authentication failed", "08P01")))
                .isEqualTo("PgBouncer refused this login (\"trust\" authentication failed): the user must be in its"
                        + " auth_file (or found by its auth_query) with the right password.");
    }
}
