package io.pgdeck.ui.statements;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.catalog.ActiveQueryGroup;
import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.StatementKey;
import io.pgdeck.catalog.StatementStats;
import io.pgdeck.catalog.StatementsRead;
import io.pgdeck.sample.Sample;
import io.pgdeck.sample.StatementRates;
import io.pgdeck.sample.StatementWindow;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import javafx.beans.property.SimpleBooleanProperty;
import io.pgdeck.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;

class StatementsViewModelTest {

    private static final OffsetDateTime T0 = Instant.parse("2026-11-22T10:00:00Z").atOffset(ZoneOffset.UTC);
    private static final StatementKey REPORT = new StatementKey(10, 1, 1, true);
    private static final StatementKey LOOKUP = new StatementKey(11, 2, 2, true);

    private final List<ActionPlan> asked = new ArrayList<>();
    private final List<String> explained = new ArrayList<>();
    private final SimpleBooleanProperty readOnly = new SimpleBooleanProperty();
    private final DialogService declining = new RecordingDialogs(false, asked);
    private final ActionDoor door = new ActionDoor(null, declining, UiExecutor.direct(), readOnly);
    private final StatementsViewModel model = new StatementsViewModel(UiExecutor.direct(), door,
            explained::add, "");

    @Test
    void showsRatesOverTheWindowHeaviestFirstAndFilters() {
        feed(0, 0, 0);
        feed(10, 20, 1000);
        feed(20, 40, 2000);

        assertThat(model.statements()).extracting(r -> r.statement().key()).containsExactly(REPORT, LOOKUP);
        StatementRates report = model.statements().get(0);
        assertThat(report.callsPerSecond()).isEqualTo(2.0);
        assertThat(report.meanMillis()).isEqualTo(50.0);
        assertThat(model.summaryProperty().get()).isEqualTo(
                "2 statements, last 5 minutes: 102/s calls, 110.0 ms/s of execution");
        assertThat(model.databases()).containsExactly(StatementsViewModel.ALL_DATABASES, "reports", "shop");
        assertThat(model.users()).containsExactly(StatementsViewModel.ALL_USERS, "analyst", "web");

        model.textFilterProperty().set("ITEMS");
        assertThat(model.statements()).extracting(r -> r.statement().key()).containsExactly(LOOKUP);
        model.textFilterProperty().set("");
        model.databaseProperty().set("reports");
        assertThat(model.statements()).extracting(r -> r.statement().key()).containsExactly(REPORT);
        model.databaseProperty().set(StatementsViewModel.ALL_DATABASES);
        model.userProperty().set("web");
        assertThat(model.statements()).extracting(r -> r.statement().key()).containsExactly(LOOKUP);
    }

    /** The text is what StatementsReaderTest sees the server keep for pgdeck's own reads. */
    @Test
    void pgdecksOwnStatementsShowOnlyWhenAskedFor() {
        StatementKey own = new StatementKey(10, 1, 3, true);
        for (int second : new int[] {0, 10}) {
            StatementsRead read = new StatementsRead(List.of(
                    stats(REPORT, "analyst", "reports", "SELECT pg_sleep($1) FROM report", second, second * 50.0),
                    stats(own, "analyst", "reports", "select \"s\".\"userid\" from \"pg_stat_statements\"($1) /* pgdeck */",
                            second * 2L, second * 3.0)),
                    T0.plusSeconds(second), 0L, T0, false);
            model.onStatements(Sample.of(read, read.readAt().toInstant(), Duration.ofMillis(2)));
        }
        assertThat(model.statements()).extracting(r -> r.statement().key()).containsExactly(REPORT);

        model.showOwnProperty().set(true);
        assertThat(model.statements()).extracting(r -> r.statement().key()).containsExactly(REPORT, own);
    }

    @Test
    void theSelectedStatementHasItsTextAndSeriesAndFollowsTheWindow() {
        for (int s = 0; s <= 120; s += 5) {
            feed(s, s / 5 * 2, s * 100L);
        }
        model.selectedProperty().set(REPORT);
        StatementDetail detail = model.detailProperty().get();
        assertThat(detail.query()).isEqualTo("SELECT pg_sleep($1) FROM report");
        assertThat(detail.series()).isNotEmpty().allSatisfy(p -> assertThat(p.value().meanMillis()).isEqualTo(50.0));
        assertThat(detail.rates().calls()).isEqualTo(48.0);

        model.windowProperty().set(StatementWindow.LAST_MINUTE);
        assertThat(model.detailProperty().get().rates().calls()).isEqualTo(24.0);
        model.windowProperty().set(StatementWindow.SINCE_RESET);
        assertThat(model.detailProperty().get().rates().calls()).isEqualTo(48.0);

        feed(125, 50, 12_600);
        assertThat(model.detailProperty().get().rates().calls()).as("updated by the next read").isEqualTo(50.0);
    }

    @Test
    void explainHandsTheTextToTheWorkbench() {
        feed(0, 1, 10);
        model.explain(model.statements().get(0));
        assertThat(explained).containsExactly("SELECT pg_sleep($1) FROM report");
    }

    @Test
    void resetShowsItsSqlAndIsNotRunWhenDeclinedOrReadOnly() {
        assertThat(model.resetStatistics()).isFalse();
        assertThat(asked).singleElement().satisfies(plan -> {
            assertThat(plan.sql()).isEqualTo("select pg_stat_statements_reset();");
            assertThat(plan.risk()).contains("every database and role");
        });    }

    @Test
    void withoutTheExtensionItSaysWhatToChangeAndGroupsActiveQueries() {
        StatementsViewModel without = new StatementsViewModel(UiExecutor.direct(), door, explained::add,
                "pg_stat_statements is not preloaded: add it to shared_preload_libraries in postgresql.conf and restart the server.");
        assertThat(without.availableProperty().get()).isFalse();
        assertThat(without.hintProperty().get()).startsWith("pg_stat_statements is not preloaded");
        without.onBackends(Sample.of(List.of(active(1, "SELECT * FROM t WHERE id = 1", 30),
                active(2, "SELECT * FROM t WHERE id = 22", 4), active(3, "VACUUM t", 2)), T0.toInstant(), Duration.ZERO));
        assertThat(without.activeQueries()).extracting(ActiveQueryGroup::normalizedQuery, ActiveQueryGroup::running)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("SELECT * FROM t WHERE id = ?", 2),
                        org.assertj.core.groups.Tuple.tuple("VACUUM t", 1));
        assertThat(without.activeQueries().get(0).oldest()).isEqualTo(Duration.ofSeconds(30));
        assertThat(without.summaryProperty().get()).isEqualTo("3 active queries right now, 2 distinct texts");
    }

    @Test
    void aFailedReadMarksTheScreenStaleAndKeepsTheRows() {
        feed(0, 0, 0);
        feed(10, 10, 500);
        model.onStatements(Sample.failed(new java.sql.SQLException("connection refused", "08001"),
                T0.plusSeconds(11).toInstant(), Duration.ZERO));
        assertThat(model.freshness().staleProperty().get()).isTrue();
        assertThat(model.statements()).hasSize(2);
    }

    private void feed(int second, long reportCalls, long lookupCalls) {
        StatementsRead read = new StatementsRead(List.of(
                stats(REPORT, "analyst", "reports", "SELECT pg_sleep($1) FROM report", reportCalls, reportCalls * 50.0),
                stats(LOOKUP, "web", "shop", "SELECT v FROM items WHERE id = $1", lookupCalls, lookupCalls * 0.1)),
                T0.plusSeconds(second), 0L, T0, false);
        model.onStatements(Sample.of(read, read.readAt().toInstant(), Duration.ofMillis(2)));
    }

    private static StatementStats stats(StatementKey key, String user, String db, String query, long calls, double millis) {
        return new StatementStats(key, user, db, query, calls, millis, calls == 0 ? 0 : 60, 0, 0, calls, calls * 3,
                0, 0, 0, null);
    }

    private static Backend active(int pid, String query, int ageSeconds) {
        OffsetDateTime started = T0.minusSeconds(ageSeconds);
        return new Backend(pid, "shop", "web", "api", "10.0.0.1", "client backend", "active", null, null,
                started, started, started, started, null, null, query, List.of(), T0);
    }
}
