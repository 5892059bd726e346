package io.pgdeck.ui.indexes;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.catalog.IndexCounters;
import io.pgdeck.catalog.IndexDefinition;
import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.catalog.IndexUsage;
import io.pgdeck.catalog.TableScans;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.beans.property.SimpleBooleanProperty;
import io.pgdeck.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;

class IndexesViewModelTest {

    private static final OffsetDateTime NOW = Instant.parse("2026-11-22T10:00:00Z").atOffset(ZoneOffset.UTC);
    private final List<ActionPlan> asked = new ArrayList<>();
    private final DialogService declining = new RecordingDialogs(false, asked);
    private final IndexesViewModel model = new IndexesViewModel(UiExecutor.direct(),
            new ActionDoor(null, declining, UiExecutor.direct(), new SimpleBooleanProperty()));

    static IndexDefinition index(long oid, String name, List<Integer> columns, boolean unique, String constraint,
                                 boolean valid, long size) {
        return new IndexDefinition(oid, 1, "app", "orders", name, "btree", false,
                "CREATE INDEX " + name + " ON app.orders USING btree (...)", columns, columns.size(),
                columns.stream().map(c -> 1978L).toList(), columns.stream().map(c -> 0).toList(),
                columns.stream().map(c -> 0L).toList(), null, null, constraint != null && constraint.endsWith("pkey"),
                unique, false, false, valid, true, constraint, size);
    }

    private static IndexUsage usage(Map<Long, IndexCounters> counters) {
        return new IndexUsage(NOW.minusDays(10), NOW, counters, Set.of());
    }

    @Test
    void showsFlaggedIndexesMostUrgentFirstAndSummarises() {
        model.onDefinitions(Sample.of(List.of(
                index(10, "orders_pkey", List.of(1), true, "orders_pkey", true, 8192),
                index(11, "orders_customer", List.of(2), false, null, true, 1 << 20),
                index(12, "orders_customer_again", List.of(2), false, null, true, 1 << 20),
                index(13, "orders_status", List.of(3), false, null, true, 4 << 20),
                index(14, "orders_dedupe", List.of(2, 3), true, null, false, 8192)), NOW.toInstant(), Duration.ZERO));
        model.onTableScans(Sample.of(List.of(new TableScans(1, "app", "orders", 500, 5_000_000, 10, 10_000)),
                NOW.toInstant(), Duration.ZERO));
        model.onUsage(Sample.of(usage(Map.of(11L, new IndexCounters(40, 40, 40, null))), NOW.toInstant(), Duration.ZERO));

        assertThat(model.indexes()).extracting(r -> r.index().name())
                .containsExactly("orders_dedupe", "orders_customer_again", "orders_status");
        assertThat(model.summaryProperty().get())
                .isEqualTo("5 indexes: 2 unused (5.0 MB), 1 duplicate, 0 redundant, 1 invalid; 1 tables may miss an index");
        assertThat(model.statsWindowProperty().get()).isEqualTo("Counters since 2026-11-12 10:00 (10 d 0 h)");
        assertThat(model.missingIndexes()).singleElement().satisfies(h -> assertThat(h.scans().table()).isEqualTo("orders"));

        model.filterProperty().set(IndexFilter.ALL);
        assertThat(model.indexes()).hasSize(5);
        IndexReport pkey = model.indexes().stream().filter(r -> r.index().name().equals("orders_pkey")).findFirst().orElseThrow();
        assertThat(IndexesViewModel.canDrop(pkey)).isFalse();
        assertThat(model.drop(pkey)).isFalse();
        assertThat(asked).isEmpty();
    }

    @Test
    void dropShowsTheDefinitionAndReindexIsAutocommitBeforeRunning() {
        IndexDefinition unused = index(13, "orders status \"x\"", List.of(3), false, null, true, 4096);
        model.onDefinitions(Sample.of(List.of(unused), NOW.toInstant(), Duration.ZERO));
        model.onUsage(Sample.of(usage(Map.of()), NOW.toInstant(), Duration.ZERO));
        IndexReport report = model.indexes().get(0);
        assertThat(report.flags()).containsExactly(IndexFlag.UNUSED);

        assertThat(model.drop(report)).isFalse(); // declined
        assertThat(model.reindex(report)).isFalse();
        assertThat(asked).hasSize(2);
        assertThat(asked.get(0).sql()).contains("DROP INDEX CONCURRENTLY \"app\".\"orders status \"\"x\"\"\"");
        assertThat(asked.get(0).risk()).contains("To recreate it: " + unused.definition());
        assertThat(asked.get(1).sql()).contains("REINDEX INDEX CONCURRENTLY \"app\".\"orders status \"\"x\"\"\"");
        assertThat(asked.get(1).needsSession()).isTrue();
        assertThat(model.actions().messageProperty().get()).startsWith("Not run: Reindex");
    }
}
