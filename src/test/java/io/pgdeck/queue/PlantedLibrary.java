package io.pgdeck.queue;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import org.jooq.DSLContext;

/**
 * A fresh database with one or more library fixtures planted, a monitoring {@link Target} on it
 * and an {@link ActionRunner} that runs actions as the console would (own connection, audit log
 * in a temporary file). Each test that changes rows takes its own.
 */
final class PlantedLibrary implements AutoCloseable {

    private final TestPostgres pg;
    private final ConnectionProfile profile;
    private final Target target;
    private final ActionRunner runner;

    PlantedLibrary(TestPostgres pg, LibraryFixtures... fixtures) {
        this.pg = pg;
        this.profile = LibraryFixtures.freshDatabaseWith(pg, fixtures);
        this.target = pg.openTarget(profile);
        try {
            AuditLog audit = new AuditLog(Files.createTempFile("pgdeck-queue-audit", ".log"));
            this.runner = new ActionRunner(target, audit, () -> false,
                    new ActionSettings(Duration.ofSeconds(5), Duration.ofSeconds(60)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    DSLContext db() {
        return target.db();
    }

    Target target() {
        return target;
    }

    ActionResult run(Action action) {
        return runner.run(action, p -> {});
    }

    /** A plain superuser connection for planting; the caller closes it. */
    Connection connect() {
        return pg.connect(profile.database());
    }

    void execute(String... sql) {
        pg.execute(profile.database(), sql);
    }

    /** Every row of a query as its columns joined by '|', in the query's order. */
    List<String> rows(String sql) {
        try (Connection c = connect()) {
            return QueueFixture.rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        target.close();
    }
}
