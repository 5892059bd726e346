package io.pgdeck.ui.bloat;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.catalog.AutovacuumSettings;
import io.pgdeck.catalog.BloatReport;
import io.pgdeck.catalog.DatabaseXidAge;
import io.pgdeck.catalog.ExactBloat;
import io.pgdeck.catalog.IndexBloat;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.RunningVacuum;
import io.pgdeck.catalog.StatisticsState;
import io.pgdeck.catalog.TableBloat;
import io.pgdeck.catalog.TableVacuum;
import io.pgdeck.catalog.VacuumStatus;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import io.pgdeck.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;

class BloatViewModelTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final RelationName ODD = new RelationName("My \"Schema\"", "Tåble x");
    private static final RelationName PLAIN = new RelationName("public", "plain");
    private static final AutovacuumSettings SERVER = AutovacuumSettings.of(Map.of());

    private final List<ActionPlan> asked = new ArrayList<>();
    private final SimpleBooleanProperty readOnly = new SimpleBooleanProperty();
    private final DialogService declining = new RecordingDialogs(false, asked);
    private final List<RelationName> measured = new ArrayList<>();

    private BloatViewModel model(String hint) {
        return new BloatViewModel(UiExecutor.direct(), new ActionDoor(null, declining, UiExecutor.direct(), readOnly),
                r -> {
                    measured.add(r);
                    return Optional.of(new ExactBloat(r, "pgstattuple", 1000 * 8192L, 600 * 8192L, 500 * 8192L,
                            100 * 8192L, false));
                }, TaskExecutor.sameThread(), "app", hint);
    }

    @Test
    void estimatesAndCountersMeetInOneRowPerTable() {
        BloatViewModel model = model("");
        model.onEstimates(Sample.of(report(), NOW, Duration.ofMillis(40)));
        model.onVacuum(Sample.of(status(10_000), NOW, Duration.ofMillis(3)));

        assertThat(model.tables()).extracting(TableRow::table).containsExactly(ODD, PLAIN);
        TableRow odd = model.tables().get(0);
        assertThat(odd.wastedBytes()).isEqualTo(700 * 8192L);
        assertThat(odd.deadTuples()).isEqualTo(10_000);
        assertThat(odd.autovacuum()).isEqualTo("off, vacuum due");
        assertThat(model.tables().get(1).autovacuum()).isEqualTo("on");
        assertThat(model.wastedProperty().get()).isEqualTo("5.7 MB");
        assertThat(model.vacuumDueProperty().get()).isEqualTo("1");
        assertThat(model.runningCountProperty().get()).isEqualTo("1");
        assertThat(model.oldestXidProperty().get()).isEqualTo("50.00 % of freeze max age (app)");
        assertThat(model.indexes()).extracting(i -> i.index().name()).containsExactly("Tåble x idx");
        assertThat(model.running()).singleElement().extracting(RunningVacuum::phase).isEqualTo("scanning heap");
    }

    @Test
    void deadTuplesOfTheChosenTableAreKeptForItsChart() {
        BloatViewModel model = model("");
        model.selectedProperty().set(PLAIN);
        model.onVacuum(Sample.of(status(5_000), NOW, Duration.ZERO));
        assertThat(model.deadTupleHistory(ODD).points()).extracting(p -> p.value()).containsExactly(5_000L);
        model.onVacuum(Sample.of(status(0), NOW.plusSeconds(5), Duration.ZERO));
        assertThat(model.deadTupleHistory(PLAIN).points()).extracting(p -> p.value()).containsExactly(0L, 0L);
        assertThat(model.deadTupleHistory(ODD).points()).as("no dead tuples, not chosen: forgotten").isEmpty();

        model.onSizes(Sample.of(Map.of("app", 42L, "other", 1L), NOW, Duration.ZERO));
        assertThat(model.sizeHistory().latest().value()).isEqualTo(42L);
    }

    @Test
    void vacuumAndAnalyzeShowTheExactSqlAndRunNothingWhenDeclinedOrReadOnly() {
        BloatViewModel model = model("");
        model.withFreezeProperty().set(true);
        assertThat(model.vacuum(ODD)).isFalse();
        assertThat(model.analyze(ODD)).isFalse();
        assertThat(asked).extracting(ActionPlan::sql).containsExactly(
                "select pg_catalog.pg_total_relation_size('\"My \"\"Schema\"\"\".\"Tåble x\"'::regclass);\n"
                        + "VACUUM (FREEZE, ANALYZE) \"My \"\"Schema\"\"\".\"Tåble x\";\n"
                        + "select pg_catalog.pg_total_relation_size('\"My \"\"Schema\"\"\".\"Tåble x\"'::regclass);",
                "select pg_catalog.pg_total_relation_size('\"My \"\"Schema\"\"\".\"Tåble x\"'::regclass);\n"
                        + "ANALYZE \"My \"\"Schema\"\"\".\"Tåble x\";\n"
                        + "select pg_catalog.pg_total_relation_size('\"My \"\"Schema\"\"\".\"Tåble x\"'::regclass);");
        assertThat(asked).extracting(ActionPlan::commit).containsExactly(
                ActionPlan.Commit.NO_TRANSACTION_BLOCK, ActionPlan.Commit.ONE_TRANSACTION);
        assertThat(model.actions().messageProperty().get()).startsWith("Not run");
    }

    @Test
    void exactFiguresLandInTheRowOrTheHintSaysWhatIsMissing() {
        BloatViewModel model = model("");
        model.onEstimates(Sample.of(report(), NOW, Duration.ZERO));
        model.measureExactly(ODD);
        assertThat(model.tables().get(0).exact().wastedBytes()).isEqualTo(600 * 8192L);
        assertThat(model.measureMessageProperty().get())
                .isEqualTo(ODD + " measured by pgstattuple: 4.7 MB of 7.8 MB wasted (60.00 %), estimated 70.00 %");

        BloatViewModel without = model("Exact bloat needs pgstattuple: run CREATE EXTENSION pgstattuple.");
        measured.clear();
        without.measureExactly(ODD);
        assertThat(measured).isEmpty();
        assertThat(without.measureMessageProperty().get()).contains("CREATE EXTENSION pgstattuple");
    }

    @Test
    void aFailedReadKeepsTheRowsAndSaysSo() {
        BloatViewModel model = model("");
        model.onEstimates(Sample.of(report(), NOW, Duration.ZERO));
        model.onEstimates(Sample.failed(new IllegalStateException("connection refused"), NOW.plusSeconds(30), Duration.ZERO));
        assertThat(model.tables()).hasSize(2);
        assertThat(model.estimatesFreshness().staleProperty().get()).isTrue();
    }

    private static BloatReport report() {
        OffsetDateTime analyzed = NOW.atOffset(ZoneOffset.UTC).minusMinutes(5);
        return new BloatReport(List.of(
                new TableBloat(ODD, 1000 * 8192L, 1000, 30_000, 100, 300, 700 * 8192L, StatisticsState.FRESH, analyzed, 0),
                new TableBloat(PLAIN, 10 * 8192L, 10, 500, 100, 10, 0, StatisticsState.FRESH, analyzed, 0)),
                List.of(new IndexBloat(new RelationName(ODD.schema(), "Tåble x idx"), ODD.name(), 100 * 8192L, 100,
                        30_000, 90, 70, 30 * 8192L, StatisticsState.FRESH)));
    }

    private static VacuumStatus status(long dead) {
        AutovacuumSettings off = SERVER.forTable(new String[] {"autovacuum_enabled=false"});
        return new VacuumStatus(List.of(
                vacuum(ODD, dead, off, true),
                vacuum(PLAIN, 0, SERVER, false)),
                List.of(new RunningVacuum(77, "app", PLAIN, true, "scanning heap", 10, 5, 0, 0, null)),
                List.of(new DatabaseXidAge("app", 100_000_000, 200_000_000), new DatabaseXidAge("template1", 10, 200_000_000)),
                SERVER);
    }

    private static TableVacuum vacuum(RelationName t, long dead, AutovacuumSettings settings, boolean tuned) {
        return new TableVacuum(t, 30_000, 30_000, dead, 0, 0, null, null, null, null, 0, 0, 0, 0, 1000L, settings, tuned);
    }
}
