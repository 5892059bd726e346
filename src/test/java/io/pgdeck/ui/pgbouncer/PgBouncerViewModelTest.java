package io.pgdeck.ui.pgbouncer;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.PgBouncerReading;
import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.connect.Target;
import io.pgdeck.sample.Sample;
import io.pgdeck.testing.PgBouncerServer;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.UiExecutor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The view model fed by real reads: rates after the second read, the sentence when there is no bouncer. */
class PgBouncerViewModelTest {

    private static final TestPostgres PG = TestPostgres.NEWEST;

    private static Sample<PgBouncerReading> sample(PgBouncerSource source) throws Exception {
        return Sample.of(source.read(), Instant.now(), Duration.ofMillis(1));
    }

    @Test
    void secondReadGivesRatesPerPool() throws Exception {
        String database = PG.freshDatabase().database();
        PgBouncerViewModel model = new PgBouncerViewModel(UiExecutor.direct(), PgBouncerThresholds.defaults());
        Properties props = new Properties();
        props.setProperty("user", PgBouncerServer.ADMIN);
        try (PgBouncerServer bouncer = PgBouncerServer.builder(PG.port()).start();
             Connection app = DriverManager.getConnection("jdbc:postgresql://localhost:" + bouncer.port() + "/" + database, props);
             Statement st = app.createStatement();
             PgBouncerSource source = PgBouncerSource.configured(bouncer.adminProfile(PgBouncerServer.STATS))) {
            st.execute("SELECT 1");
            model.onReading(sample(source));
            PoolRow first = row(model, database);
            assertThat(first.queriesPerSecond()).isNaN();
            for (int i = 0; i < 20; i++) {
                st.execute("SELECT 1");
            }
            model.onReading(sample(source));
            PoolRow second = row(model, database);
            assertThat(second.queriesPerSecond()).isPositive();
            assertThat(second.avgQueryMillis()).isPositive();
            assertThat(model.unavailableProperty().get()).isEmpty();
            assertThat(model.versionProperty().get()).startsWith("PgBouncer");
            assertThat(model.poolModeProperty().get()).isEqualTo("transaction");
            assertThat(model.config()).contains(new SettingRow("max_client_conn", "100"));
            assertThat(model.clients()).anyMatch(c -> database.equals(c.database()));
            assertThat(model.waitHistory().size()).isEqualTo(2);
            assertThat(model.warnings()).isEmpty();
        }
    }

    @Test
    void withoutABouncerTheScreenSaysHowToPointAtOne() throws Exception {
        PgBouncerViewModel model = new PgBouncerViewModel(UiExecutor.direct(), PgBouncerThresholds.defaults());
        try (Target target = PG.openTarget(PG.freshDatabase()); PgBouncerSource source = PgBouncerSource.discover(target)) {
            model.onReading(sample(source));
        }
        assertThat(model.unavailableProperty().get()).isEqualTo(PgBouncerSource.HOW_TO_CONFIGURE);
        assertThat(model.pools()).isEmpty();
    }

    private static PoolRow row(PgBouncerViewModel model, String database) {
        return model.pools().stream().filter(r -> r.pool().database().equals(database)).findFirst().orElseThrow();
    }
}
