package io.pgdeck.ui.matviews;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.AuditLog;
import io.pgdeck.action.MatviewRefreshHistory;
import io.pgdeck.catalog.Matview;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import io.pgdeck.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;

class MatviewsViewModelTest {

    private final List<ActionPlan> asked = new ArrayList<>();
    private final DialogService declining = new RecordingDialogs(false, asked);
    private final List<AuditLog.Entry> audit = new ArrayList<>();
    private final MatviewsViewModel model = new MatviewsViewModel(UiExecutor.direct(),
            new ActionDoor(null, declining, UiExecutor.direct(), new SimpleBooleanProperty()), "demo",
            () -> new MatviewRefreshHistory(audit));

    private static Matview mv(String name, String index, String... dependsOn) {
        return new Matview("s", name, true, 10, 8192, index, List.of(dependsOn));
    }

    @Test
    void rowsCarryOrderAndLastRefresh() {
        audit.add(new AuditLog.Entry(Instant.parse("2026-11-22T10:00:00Z"), "demo", "me", "postgres",
                "Refresh materialized view s.b", "REFRESH MATERIALIZED VIEW CONCURRENTLY \"s\".\"b\";", "SUCCEEDED",
                "Done.", 1234));
        model.onMatviews(Sample.of(List.of(mv("c", null, "s.b"), mv("b", "b_key", "s.a"), mv("a", "a_key")),
                Instant.now(), Duration.ZERO));
        assertThat(model.rows()).extracting(r -> r.matview().name(), MatviewRow::order)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("a", 1), org.assertj.core.groups.Tuple.tuple("b", 2),
                        org.assertj.core.groups.Tuple.tuple("c", 3));
        assertThat(model.rows().get(1).lastRefresh()).hasValueSatisfying(l -> {
            assertThat(l.took()).isEqualTo(Duration.ofMillis(1234));
            assertThat(l.alone()).isTrue();
        });
        assertThat(model.rows().get(2).lastRefresh()).isEmpty();
        assertThat(model.summaryProperty().get()).contains("2 refresh concurrently, 1 only with an ACCESS EXCLUSIVE lock")
                .contains("a → b → c");
    }

    @Test
    void refreshAllAsksWithTheStatementsInDependencyOrder() {
        model.onMatviews(Sample.of(List.of(mv("c", null, "s.b"), mv("b", "b_key", "s.a"), mv("a", "a_key")),
                Instant.now(), Duration.ZERO));
        assertThat(model.refreshAll()).isFalse(); // declined
        assertThat(asked).singleElement().satisfies(plan -> assertThat(plan.statements()).containsExactly(
                "REFRESH MATERIALIZED VIEW CONCURRENTLY \"s\".\"a\"",
                "REFRESH MATERIALIZED VIEW CONCURRENTLY \"s\".\"b\"",
                "REFRESH MATERIALIZED VIEW \"s\".\"c\""));
        assertThat(model.runningSinceProperty().get()).isNull();
    }
}
