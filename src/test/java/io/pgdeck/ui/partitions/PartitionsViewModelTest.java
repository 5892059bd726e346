package io.pgdeck.ui.partitions;

import static io.pgdeck.catalog.PartitionFixtures.suffix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionFixtures;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.sample.Sample;
import io.pgdeck.testing.TestPostgres;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The view model on a real database: plain JUnit, same-thread UI executor, a dialog that confirms. */
class PartitionsViewModelTest {

    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    Path tmp;
    private final List<ActionPlan> asked = new ArrayList<>();
    private final List<String> errors = new ArrayList<>();
    private Target target;
    private PartitionReader reader;
    private ActionDoor door;
    private PartitionsViewModel model;

    @BeforeEach
    void plant() {
        TestPostgres pg = TestPostgres.NEWEST;
        ConnectionProfile profile = pg.freshDatabase();
        pg.execute(profile.database(), PartitionFixtures.schema());
        target = pg.openTarget(profile);
        reader = new PartitionReader(target);
        DialogService confirming = new DialogService() {
            @Override
            public boolean confirm(ActionPlan plan) {
                asked.add(plan);
                return true;
            }

            @Override
            public void showError(String title, String message) {
                errors.add(message);
            }
        };
        ActionRunner runner = new ActionRunner(target, new AuditLog(tmp.resolve("audit.log")), () -> false,
                new ActionSettings(Duration.ofSeconds(1), Duration.ofSeconds(60)));
        door = new ActionDoor(runner, confirming, UiExecutor.direct(), new SimpleBooleanProperty(false));
        model = new PartitionsViewModel(UiExecutor.direct(), door, TaskExecutor.sameThread(),
                (d, key, p) -> reader.rowsInRange(d, key, p.from(), p.to()), target.version(), null,
                Clock.systemUTC());
        // what the session's sampler does after every action: read what it touched again
        door.afterEachAction(touched -> read());
        read();
        model.select("public.events");
    }

    @AfterEach
    void close() {
        target.close();
    }

    private void read() {
        model.onSets(Sample.of(reader.sets(), Instant.now(), Duration.ZERO));
    }

    private void awaitIdle() {
        await("the action finished").atMost(WAIT).until(() -> !door.busyProperty().get());
    }

    @Test
    void theSummaryFlagsTheGapTheDefaultRowsAndTheMissingFuture() {
        String summary = model.summaryProperty().get();
        assertThat(summary).contains("Interval: month").contains("less than one month ahead!")
                .contains("Gaps: " + PartitionFixtures.month(-1).atDay(1))
                .contains("DEFAULT partition events_default holds 12 rows");
    }

    @Test
    void fillingTheGapIsRefusedWithTheReasonThenTheMoveStepWorks() {
        model.fillGaps();
        assertThat(asked).isEmpty(); // nothing was tried: PostgreSQL would refuse
        assertThat(model.blocked()).extracting(NewPartition::name).containsExactly("events_" + suffix(-1));
        assertThat(model.noticeProperty().get()).contains("holds 12 row(s)").contains("would refuse")
                .contains("Move DEFAULT rows");

        assertThat(model.moveDefaultRows()).isTrue();
        awaitIdle();
        assertThat(errors).isEmpty();
        assertThat(asked).singleElement().satisfies(plan -> assertThat(plan.statements()).hasSize(3));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(model.blocked()).isEmpty();
            assertThat(model.selectedProperty().get().defaultPartition().orElseThrow().defaultRows()).isZero();
            assertThat(model.summaryProperty().get()).contains("No gaps.");
        });
    }

    @Test
    void createNextThreeEndToEnd() {
        model.nextCountProperty().set(3);
        assertThat(model.plannedNext()).extracting(NewPartition::name)
                .containsExactly("events_" + suffix(1), "events_" + suffix(2), "events_" + suffix(3));
        model.createNext();
        awaitIdle();
        assertThat(errors).isEmpty();
        assertThat(asked).singleElement().satisfies(plan -> assertThat(plan.lock()).contains("ACCESS EXCLUSIVE"));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(model.selectedProperty().get().partitions()).extracting(Partition::name)
                    .contains("events_" + suffix(3));
            assertThat(model.summaryProperty().get()).doesNotContain("less than one month ahead");
        });
    }

    @Test
    void retentionPreviewKeepsTheNewestPartition() {
        model.cutoffProperty().set(LocalDate.now().plusYears(5));
        assertThat(model.retentionPreview()).extracting(Partition::name)
                .containsExactly("events_" + suffix(-3), "events_" + suffix(-2));
        model.dropOnRetentionProperty().set(true);
        assertThat(model.applyRetention()).isTrue();
        awaitIdle();
        assertThat(errors).isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(model.selectedProperty().get().timePartitions())
                .extracting(Partition::name).containsExactly("events_" + suffix(0)));
    }
}
