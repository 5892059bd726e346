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
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.SQLDialect;
import org.jooq.impl.DSL;

/**
 * A fresh database planted with one fixture SQL from {@code src/test/resources/io/pgdeck/queue/},
 * a monitoring {@link Target} on it and an {@link ActionRunner} for the adapter's actions.
 */
final class QueueFixture implements AutoCloseable {

    private final TestPostgres pg;
    private final ConnectionProfile profile;
    private final Target target;
    private final ActionRunner runner;

    private QueueFixture(TestPostgres pg, ConnectionProfile profile) {
        this.pg = pg;
        this.profile = profile;
        this.target = pg.openTarget(profile);
        try {
            Path audit = Files.createTempFile("pgdeck-queue-audit", ".log");
            audit.toFile().deleteOnExit();
            this.runner = new ActionRunner(target, new AuditLog(audit), () -> false,
                    new ActionSettings(Duration.ofSeconds(2), Duration.ofSeconds(60)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static QueueFixture load(TestPostgres pg, String... resources) {
        ConnectionProfile profile = pg.freshDatabase();
        for (String resource : resources) {
            pg.execute(profile.database(), sql(resource));
        }
        return new QueueFixture(pg, profile);
    }

    static String sql(String resource) {
        try (InputStream in = QueueFixture.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + resource);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The read-only monitoring context the adapters read through. */
    DSLContext db() {
        return target.db();
    }

    Target target() {
        return target;
    }

    /** A read-write superuser context for planting and for checking rows after an action. */
    DSLContext admin(Connection connection) {
        return DSL.using(connection, SQLDialect.POSTGRES);
    }

    Connection connect() {
        return pg.connect(profile.database());
    }

    ActionResult run(Action action) {
        ActionResult result = runner.run(action, p -> { });
        if (!result.succeeded()) {
            throw new AssertionError(action.plan().title() + " failed: " + result.message());
        }
        return result;
    }

    /** One value of a query run as superuser. */
    Object value(String sql) {
        try (Connection c = connect()) {
            return admin(c).fetchValue(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query run as superuser, its columns as text joined by '|', in the query's order. */
    List<String> rows(String sql) {
        try (Connection c = connect()) {
            return rows(c, sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every row of a query on the connection, its columns as text joined by '|'. */
    static List<String> rows(Connection c, String sql) throws SQLException {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            List<String> rows = new ArrayList<>();
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                rows.add(row.toString());
            }
            return rows;
        }
    }

    void execute(String sql) {
        pg.execute(profile.database(), sql);
    }

    @Override
    public void close() {
        target.close();
    }
}
