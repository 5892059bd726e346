package io.pgdeck.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionPlannerTest {

    private static final LocalDateTime NOW = LocalDateTime.of(2026, 11, 22, 13, 0);

    private static Partition monthly(String name, int year, int month) {
        LocalDateTime from = LocalDateTime.of(year, month, 1, 0, 0);
        String bound = "FOR VALUES FROM ('" + from.toLocalDate() + " 00:00:00+00') TO ('"
                + from.plusMonths(1).toLocalDate() + " 00:00:00+00')";
        return new Partition("s", name, PartitionBounds.parse(bound), 0, 0, 0, false, null, List.of());
    }

    private static PartitionSet set(String name, Partition... partitions) {
        return new PartitionSet("s", name, "range", "RANGE (created_at)", "created_at", List.of(partitions), Optional.empty());
    }

    @Test
    void nextAndGapsFollowTheNamesAndLiterals() {
        PartitionSet set = set("audit_logs", monthly("audit_logs_2026_09", 2026, 9), monthly("audit_logs_2026_11", 2026, 11));
        assertThat(PartitionPlanner.next(set, 2, NOW)).extracting(NewPartition::name, NewPartition::from, NewPartition::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("audit_logs_2026_12", "2026-12-01 00:00:00+00", "2027-01-01 00:00:00+00"),
                        org.assertj.core.groups.Tuple.tuple("audit_logs_2027_01", "2027-01-01 00:00:00+00", "2027-02-01 00:00:00+00"));
        assertThat(PartitionPlanner.gaps(set, NOW)).extracting(NewPartition::name).containsExactly("audit_logs_2026_10");
    }

    @Test
    void partmanStyleNames() {
        PartitionSet set = set("events", monthly("events_p20261001", 2026, 10), monthly("events_p20261101", 2026, 11));
        assertThat(PartitionPlanner.next(set, 1, NOW)).extracting(NewPartition::name).containsExactly("events_p20261201");
    }

    @Test
    void unrecognisedNamesFallBackToTheParent() {
        PartitionSet set = set("events", monthly("first", 2026, 10), monthly("second", 2026, 11));
        assertThat(PartitionPlanner.next(set, 1, NOW)).extracting(NewPartition::name).containsExactly("events_2026_12");
    }

    @Test
    void namesNear63BytesKeepTheirDate() {
        String prefix = "ü".repeat(28) + "_"; // 57 bytes
        PartitionSet set = set("t", monthly(prefix + "2026_11", 2026, 11));
        String next = PartitionPlanner.next(set, 1, NOW).get(0).name();
        assertThat(next.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(63);
        assertThat(next).endsWith("2026_12");
    }
}
