package io.pgdeck.ui.matviews;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.action.MatviewRefreshHistory;
import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.sample.Sample;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.UiExecutor;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A long refresh shows since when it runs, and the cancel stops it; the audit log says CANCELLED. */
class MatviewRefreshCancelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;

    @Test
    void aLongRefreshIsCancelled() {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile profile = pg.freshDatabase();
        pg.execute(profile.database(), "CREATE MATERIALIZED VIEW slow AS SELECT 1 AS one FROM pg_sleep(60) WITH NO DATA");
        try (Target target = pg.openTarget(profile)) {
            AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
            DialogService confirming = new DialogService() {
                @Override
                public boolean confirm(ActionPlan plan) {
                    return true;
                }

                @Override
                public void showError(String title, String message) {}
            };
            ActionDoor door = new ActionDoor(new ActionRunner(target, audit, () -> false,
                    new ActionSettings(Duration.ofSeconds(1), Duration.ofMinutes(5))), confirming, UiExecutor.direct(),
                    new SimpleBooleanProperty());
            MatviewsViewModel model = new MatviewsViewModel(UiExecutor.direct(), door,
                    target.profile().describe(), () -> new MatviewRefreshHistory(audit.read()));
            List<Matview> matviews = new MatviewReader(target).matviews();
            model.onMatviews(Sample.of(matviews, Instant.now(), Duration.ZERO));
            assertThat(matviews.get(0).refreshableConcurrently()).isFalse(); // not populated yet

            assertThat(model.refresh(matviews.get(0))).isTrue();
            assertThat(model.runningSinceProperty().get()).isNotNull();
            await("the refresh is sleeping").atMost(WAIT).until(() -> target.db()
                    .fetchExists(org.jooq.impl.DSL.table("pg_stat_activity"),
                            org.jooq.impl.DSL.condition("wait_event = 'PgSleep'")));
            model.cancel();
            await("the refresh ended").atMost(WAIT).until(() -> model.runningSinceProperty().get() == null);
            assertThat(audit.read()).singleElement().satisfies(e ->
                    assertThat(e.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED.name()));
        }
    }
}
