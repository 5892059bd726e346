package io.pgdeck.ui.indexes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.connect.Target;
import io.pgdeck.sample.Sample;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.UiExecutor;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The view model end to end on a real server: a reindex cancelled from the progress bar leaves
 * an invalid _ccnew copy, which the screen then offers to drop, and the drop removes it.
 */
class IndexesLeftoverTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final ClassDatabases DB = new ClassDatabases(
            "CREATE TABLE orders (id int PRIMARY KEY, customer int)",
            "INSERT INTO orders SELECT g, g % 100 FROM generate_series(1, 20000) g",
            "CREATE INDEX orders_customer ON orders (customer)");

    @TempDir
    Path tmp;

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    @ParameterizedTest
    @MethodSource("io.pgdeck.testing.TestPostgres#both")
    void aCancelledReindexOffersToDropWhatItLeft(TestPostgres pg) throws Exception {
        Target target = DB.target(pg);
        IndexReader reader = new IndexReader(target);
        DialogService confirming = new DialogService() {
            @Override
            public boolean confirm(ActionPlan plan) {
                return true;
            }

            @Override
            public void showError(String title, String message) {}
        };
        // a patient lock_timeout: the reindex must still be waiting for the old snapshot when cancelled
        ActionRunner runner = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false,
                new ActionSettings(Duration.ofSeconds(60), Duration.ofMinutes(5)));
        ActionDoor door = new ActionDoor(runner, confirming, UiExecutor.direct(), new SimpleBooleanProperty());
        IndexesViewModel[] model = new IndexesViewModel[1];
        Runnable refresh = () -> {
            model[0].onDefinitions(Sample.of(reader.definitions(), Instant.now(), Duration.ZERO));
            model[0].onUsage(Sample.of(reader.usage(), Instant.now(), Duration.ZERO));
        };
        model[0] = new IndexesViewModel(UiExecutor.direct(), door);
        // what the session's sampler does after every action
        door.afterEachAction(touched -> refresh.run());
        model[0].filterProperty().set(IndexFilter.ALL);
        refresh.run();
        IndexReport index = model[0].indexes().stream().filter(r -> r.index().name().equals("orders_customer"))
                .findFirst().orElseThrow();

        try (Connection oldSnapshot = DB.connect(pg); Statement st = oldSnapshot.createStatement()) {
            oldSnapshot.setAutoCommit(false);
            st.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ");
            st.execute("SELECT 1");
            assertThat(model[0].reindex(index)).isTrue();
            await("the progress bar has a phase").atMost(WAIT).until(() -> door.progressProperty().get() != null);
            door.cancelRunning();
            await("the reindex has ended").atMost(WAIT).until(() -> !door.busyProperty().get());
            oldSnapshot.rollback();
        }
        assertThat(door.messageProperty().get()).contains("Cancelled by the user.");
        // busy clears just before the door reads what the action touched: wait for that read
        IndexReport leftover = await("the leftover is offered").atMost(WAIT).until(() -> model[0].leftoverProperty().get(),
                r -> r != null);
        assertThat(leftover.index().name()).startsWith("orders_customer_ccnew");

        assertThat(model[0].dropLeftover()).isTrue();
        await("the drop has ended and the leftover is gone").atMost(WAIT).until(() -> !door.busyProperty().get() && model[0].leftoverProperty().get() == null);
        assertThat(reader.definitions()).noneMatch(d -> d.name().startsWith("orders_customer_cc"));
        assertThat(door.messageProperty().get()).contains("Dropped: ");
    }
}
