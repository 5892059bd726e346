package io.pgdeck.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.Matview;
import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.Relation;
import io.pgdeck.catalog.RelationName;
import io.pgdeck.catalog.Topic;
import io.pgdeck.connect.ServerVersion;
import java.util.List;
import org.jooq.impl.DSL;
import org.junit.jupiter.api.Test;

/**
 * Each action names the topics it changes, so after it only those feeds read again; the plan the
 * result carries answers for it.
 */
class ActionTopicsTest {

    private static final RelationName TABLE = new RelationName("public", "orders");
    private static final Relation PARENT = new Relation("public", "events");
    private static final Relation PARTITION = new Relation("public", "events_2026_01");
    private static final Matview VIEW = new Matview("public", "totals", true, 0, 0, null, List.of());

    @Test
    void maintenanceOfTablesAndIndexesTouchesOnlyThose() {
        assertThat(new ReindexIndexAction(DSL.name("public", "orders_pkey")).touches()).containsExactly(Topic.INDEXES);
        assertThat(new ReindexTableAction(DSL.name("public", "orders")).touches()).containsExactly(Topic.INDEXES);
        assertThat(new VacuumAction(TABLE, true, false).touches()).containsExactly(Topic.TABLES);
        assertThat(new AnalyzeAction(TABLE).touches()).containsExactly(Topic.TABLES);
        assertThat(new RefreshMatviewAction(VIEW).touches()).containsExactly(Topic.TABLES, Topic.MATVIEWS);
        assertThat(new RefreshAllMatviewsAction(List.of(VIEW)).touches()).containsExactly(Topic.TABLES, Topic.MATVIEWS);
    }

    @Test
    void partitionActionsTouchPartitionsTablesAndIndexes() {
        NewPartition next = new NewPartition("public", "events_2026_02", "2026-02-01", "2026-03-01", null);
        List<Action> actions = List.of(
                new CreatePartitionsAction(PARENT, List.of(next), false),
                DetachPartitionAction.of(PARENT, PARTITION, new ServerVersion(170000), false),
                new FinalizeDetachAction(PARENT, PARTITION),
                new AttachPartitionAction(PARENT, PARTITION, "'2026-01-01'", "'2026-02-01'"),
                new RetentionAction(PARENT, List.of(PARTITION), 3, true, new ServerVersion(130000), false),
                new PartmanMaintenanceAction("partman", "public.events"));
        assertThat(actions).allSatisfy(a ->
                assertThat(a.touches()).containsExactly(Topic.TABLES, Topic.INDEXES, Topic.PARTITIONS));
    }

    @Test
    void signalsAndResetsTouchWhatTheyChange() {
        assertThat(SignalBackendAction.cancel(42, "of pid 42").touches()).containsExactly(Topic.BACKENDS);
        assertThat(SignalBackendAction.terminate(42, "of pid 42").touches()).containsExactly(Topic.BACKENDS);
        assertThat(new ResetStatementStatsAction().touches()).containsExactly(Topic.STATEMENTS);
    }

    @Test
    void theResultAnswersWithThePlansTopics() {
        PlannedAction planned = PlannedAction.of(new AnalyzeAction(TABLE));
        ActionResult result = new ActionResult(planned, ActionResult.Outcome.CANCELLED, "Cancelled by the user.",
                List.of(), java.time.Duration.ZERO);
        assertThat(result.touched()).containsExactly(Topic.TABLES);
    }
}
