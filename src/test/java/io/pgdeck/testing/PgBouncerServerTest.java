package io.pgdeck.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The fixture itself: a client gets through the bouncer to the server, and the admin console answers. */
class PgBouncerServerTest {

    @Test
    void passesQueriesThroughAndAnswersOnItsConsole() throws Exception {
        try (PgBouncerServer bouncer = PgBouncerServer.inFrontOf(TestPostgres.NEWEST)) {
            Properties props = new Properties();
            props.setProperty("user", "postgres");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + bouncer.port() + "/postgres", props);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT current_setting('port')")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(TestPostgres.NEWEST.port());
            }
            props.setProperty("preferQueryMode", "simple");
            try (Connection c = DriverManager.getConnection("jdbc:postgresql://localhost:" + bouncer.port() + "/pgbouncer", props);
                 Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SHOW VERSION")) {
                rs.next();
                assertThat(rs.getString(1)).startsWith("PgBouncer");
            }
        }
    }
}
