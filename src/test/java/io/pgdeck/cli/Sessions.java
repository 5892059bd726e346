package io.pgdeck.cli;

import io.pgdeck.testing.TestPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** Plain JDBC sessions that plant situations for the CLI to find. */
public final class Sessions {

    private Sessions() {}

    public static int pid(Connection c) {
        return queryInt(c, "SELECT pg_backend_pid()");
    }

    public static void execute(Connection c, String sql) {
        try (Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    public static int queryInt(Connection c, String sql) {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getInt(1);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A session left idle in an open transaction, as a forgetful application leaves it. */
    public static Connection idleInTransaction(TestPostgres pg, String database) throws SQLException {
        Connection c = pg.connect(database);
        c.setAutoCommit(false);
        execute(c, "SELECT 1");
        return c;
    }

    public static String uri(TestPostgres pg, String database) {
        return "postgresql://postgres@localhost:" + pg.port() + "/" + database + "?sslmode=disable";
    }
}
