package io.pgdeck.ui.partitions;

import io.pgdeck.action.Action;
import io.pgdeck.action.AttachPartitionAction;
import io.pgdeck.action.CreatePartitionsAction;
import io.pgdeck.action.DetachPartitionAction;
import io.pgdeck.action.FinalizeDetachAction;
import io.pgdeck.action.MoveDefaultRowsAction;
import io.pgdeck.action.PartmanMaintenanceAction;
import io.pgdeck.action.RetentionAction;
import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.Partition;
import io.pgdeck.catalog.PartitionPlanner;
import io.pgdeck.catalog.PartitionSet;
import io.pgdeck.catalog.Relation;
import io.pgdeck.connect.Problems;
import io.pgdeck.connect.ServerVersion;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Partition sets as trees with their coverage, and the buttons that keep them healthy: create
 * the next N partitions, fill gaps, move DEFAULT rows out of the way, attach, detach, finalize,
 * retention and pg_partman's maintenance, each through the action door.
 */
public final class PartitionsViewModel {

    private final UiExecutor ui;
    private final ActionDoor actions;
    private final TaskExecutor tasks;
    private final DefaultRowCounter counter;
    private final ServerVersion version;
    private final String partmanSchema;
    private final Clock clock;
    private final Freshness freshness = new Freshness();
    private final ObservableList<PartitionSet> sets = FXCollections.observableArrayList();
    private final ObjectProperty<PartitionSet> selected = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final IntegerProperty nextCount = new SimpleIntegerProperty(3);
    private final ObjectProperty<LocalDate> cutoff = new SimpleObjectProperty<>();
    private final BooleanProperty dropOnRetention = new SimpleBooleanProperty(false);
    private final ObservableList<Partition> retentionPreview = FXCollections.observableArrayList();
    private final ObservableList<NewPartition> blocked = FXCollections.observableArrayList();
    // one read-only view each: unmodifiableObservableList listens weakly, a fresh one per call would lose listeners
    private final ObservableList<PartitionSet> setsView = FXCollections.unmodifiableObservableList(sets);
    private final ObservableList<Partition> retentionPreviewView = FXCollections.unmodifiableObservableList(retentionPreview);
    private final ObservableList<NewPartition> blockedView = FXCollections.unmodifiableObservableList(blocked);
    private long blockedRows;

    /**
     * @param version        the server's, for how its partitions detach
     * @param partmanSchema    where pg_partman is installed, or null without it
     */
    public PartitionsViewModel(UiExecutor ui, ActionDoor actions, TaskExecutor tasks,
                               DefaultRowCounter counter, ServerVersion version, String partmanSchema, Clock clock) {
        this.ui = ui;
        this.actions = actions;
        this.tasks = tasks;
        this.counter = counter;
        this.version = version;
        this.partmanSchema = partmanSchema;
        this.clock = clock;
        selected.addListener((o, a, set) -> {
            summary.set(set == null ? "" : String.join("\n", SetSummary.lines(set, now())));
            retentionPreview.clear();
            if (a == null || set == null || !a.qualifiedName().equals(set.qualifiedName())) {
                blocked.clear();
            }
        });
        cutoff.addListener((o, a, b) -> previewRetention());
    }

    public void onSets(Sample<List<PartitionSet>> sample) {
        ui.execute(() -> {
            freshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            String keep = selected.get() == null ? null : selected.get().qualifiedName();
            sets.setAll(sample.value());
            selected.set(sets.stream().filter(s -> s.qualifiedName().equals(keep)).findFirst()
                    .orElse(sets.isEmpty() ? null : sets.get(0)));
            previewRetention();
        });
    }

    public void select(String qualifiedName) {
        sets.stream().filter(s -> s.qualifiedName().equals(qualifiedName)).findFirst().ifPresent(selected::set);
    }

    /** The partitions "create next N" would create, for the button's tooltip and tests. */
    public List<NewPartition> plannedNext() {
        PartitionSet set = selected.get();
        return set == null ? List.of() : PartitionPlanner.next(set, Math.max(1, nextCount.get()), now());
    }

    public List<NewPartition> plannedGaps() {
        PartitionSet set = selected.get();
        return set == null ? List.of() : PartitionPlanner.gaps(set, now());
    }

    public void createNext() {
        create(plannedNext(), "no next partitions to plan: the set has no regular time interval");
    }

    public void fillGaps() {
        create(plannedGaps(), "no gap to fill");
    }

    /**
     * Counts, off the JavaFX thread, the DEFAULT partition's rows in each new range first: PostgreSQL
     * refuses CREATE ... PARTITION OF while such rows exist, so those partitions are set aside with
     * the reason and offered to {@link #moveDefaultRows()}, the others are created.
     */
    private void create(List<NewPartition> wanted, String nothing) {
        PartitionSet set = selected.get();
        if (set == null || wanted.isEmpty()) {
            notice.set(set == null ? "Choose a partition set." : set.qualifiedName() + ": " + nothing + ".");
            return;
        }
        Optional<Partition> def = set.defaultPartition();
        if (def.isEmpty() || !def.get().defaultHoldsRows() || set.keyColumn() == null) {
            submit(new CreatePartitionsAction(parent(set), wanted, def.isPresent()));
            return;
        }
        Relation defaultPartition = new Relation(def.get().schema(), def.get().name());
        notice.set("Checking " + defaultPartition + " for rows in the new ranges…");
        BackgroundTask.wrap(() -> wanted.stream().map(p -> counter.rowsIn(defaultPartition, set.keyColumn(), p)).toList())
                .onSuccess(counts -> split(set, defaultPartition, wanted, counts))
                .onFailure(e -> notice.set("Cannot check the DEFAULT partition: " + Problems.describe(e)))
                .executeWith(tasks);
    }

    private void split(PartitionSet set, Relation defaultPartition, List<NewPartition> wanted, List<Long> counts) {
        List<NewPartition> clear = new ArrayList<>();
        List<NewPartition> refused = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < wanted.size(); i++) {
            if (counts.get(i) > 0) {
                refused.add(wanted.get(i));
                rows += counts.get(i);
            } else {
                clear.add(wanted.get(i));
            }
        }
        blocked.setAll(refused);
        blockedRows = rows;
        notice.set(refused.isEmpty() ? "" : "The DEFAULT partition " + defaultPartition + " holds " + rows
                + " row(s) in the range of " + String.join(", ", refused.stream().map(NewPartition::name).toList())
                + ": PostgreSQL would refuse to create " + (refused.size() == 1 ? "it" : "them")
                + " (\"updated partition constraint for default partition would be violated\")."
                + " Move those rows into the new partition first: \"Move DEFAULT rows…\".");
        if (!clear.isEmpty()) {
            submit(new CreatePartitionsAction(parent(set), clear, true));
        }
    }

    /** The separate, confirmed step: create each blocked partition standalone, move its rows, attach it. */
    public boolean moveDefaultRows() {
        PartitionSet set = selected.get();
        if (set == null || blocked.isEmpty() || set.defaultPartition().isEmpty()) {
            return false;
        }
        Partition def = set.defaultPartition().get();
        return submit(new MoveDefaultRowsAction(parent(set), new Relation(def.schema(), def.name()), set.keyColumn(),
                List.copyOf(blocked), blockedRows), () -> {
                    blocked.clear();
                    notice.set("");
                });
    }

    public boolean detach(Partition p) {
        PartitionSet set = selected.get();
        return set != null && p != null && !p.isLevel() && submit(DetachPartitionAction.of(parent(set),
                new Relation(p.schema(), p.name()), version, set.defaultPartition().isPresent()));
    }

    public boolean finalizeDetach(Partition p) {
        PartitionSet set = selected.get();
        return set != null && p != null && p.detachPending()
                && submit(new FinalizeDetachAction(parent(set), new Relation(p.schema(), p.name())));
    }

    public boolean attach(String table, String from, String to) {
        PartitionSet set = selected.get();
        if (set == null || table == null || table.isBlank()) {
            notice.set("Name the table to attach.");
            return false;
        }
        try {
            return submit(new AttachPartitionAction(parent(set), new Relation(set.schema(), table.trim()), from, to));
        } catch (IllegalArgumentException e) {
            notice.set(e.getMessage());
            return false;
        }
    }

    /** Partitions wholly before the cutoff; never the newest one (the set keeps at least one). */
    private void previewRetention() {
        PartitionSet set = selected.get();
        LocalDate day = cutoff.get();
        if (set == null || day == null) {
            retentionPreview.clear();
            return;
        }
        LocalDateTime at = day.atStartOfDay();
        List<Partition> timed = set.timePartitions();
        List<Partition> older = timed.stream().filter(p -> !p.timeRange().orElseThrow().to().isAfter(at)).toList();
        retentionPreview.setAll(older.size() >= timed.size() ? older.subList(0, timed.size() - 1) : older);
    }

    public boolean applyRetention() {
        PartitionSet set = selected.get();
        if (set == null || retentionPreview.isEmpty()) {
            notice.set("No partition is older than the cutoff.");
            return false;
        }
        int count = (int) set.partitions().stream().filter(p -> !p.isDefault()).count();
        return submit(new RetentionAction(parent(set), retentionPreview.stream()
                .map(p -> new Relation(p.schema(), p.name())).toList(), count, dropOnRetention.get(),
                version, set.defaultPartition().isPresent()));
    }

    public boolean runPartmanMaintenance() {
        PartitionSet set = selected.get();
        return set != null && partmanSchema != null && set.partman().isPresent()
                && submit(new PartmanMaintenanceAction(partmanSchema, set.partman().get().parentTable()));
    }

    private boolean submit(Action action) {
        return submit(action, () -> { });
    }

    private boolean submit(Action action, Runnable onSuccess) {
        return actions.submit(action, r -> {
            if (r.succeeded()) {
                onSuccess.run();
            }
        });
    }

    private static Relation parent(PartitionSet set) {
        return new Relation(set.schema(), set.name());
    }

    LocalDateTime now() {
        return LocalDateTime.now(clock.withZone(ZoneOffset.UTC));
    }

    public boolean partmanAvailable() {
        return partmanSchema != null;
    }

    public Freshness freshness() {
        return freshness;
    }

    public ActionDoor actions() {
        return actions;
    }

    public ObservableList<PartitionSet> sets() {
        return setsView;
    }

    public ObjectProperty<PartitionSet> selectedProperty() {
        return selected;
    }

    public ReadOnlyStringProperty summaryProperty() {
        return summary.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    public IntegerProperty nextCountProperty() {
        return nextCount;
    }

    public ObjectProperty<LocalDate> cutoffProperty() {
        return cutoff;
    }

    public BooleanProperty dropOnRetentionProperty() {
        return dropOnRetention;
    }

    public ObservableList<Partition> retentionPreview() {
        return retentionPreviewView;
    }

    public ObservableList<NewPartition> blocked() {
        return blockedView;
    }
}
