package io.pgdeck.ui.queues;

import io.pgdeck.action.Action;
import io.pgdeck.connect.Problems;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.QueueService;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.SharedState;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.TaskExecutor;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * The purge of one queue: which finished jobs (dead only, or dead, done and cancelled) older than
 * N days or hours; how many that is, counted off the JavaFX thread by {@code eligible()} whenever
 * the choice changes; and the library's batched delete through the action door, whose progress
 * bar shows the batches and the jobs deleted so far, and whose Cancel stops at the next batch.
 */
public final class PurgeViewModel {

    static final int DEFAULT_AGE = 30;

    private final ActionDoor actions;
    private final QueueService service;
    private final TaskExecutor background;
    private final QueueStatus queue;
    private final BooleanProperty deadOnly = new SimpleBooleanProperty(true);
    private final IntegerProperty age = new SimpleIntegerProperty(DEFAULT_AGE);
    private final ObjectProperty<ChronoUnit> unit = new SimpleObjectProperty<>(ChronoUnit.DAYS);
    private final ReadOnlyObjectWrapper<Count> eligible = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private long asked;

    PurgeViewModel(ActionDoor actions, QueueService service, TaskExecutor background, QueueStatus queue) {
        this.actions = actions;
        this.service = service;
        this.background = background;
        this.queue = queue;
        deadOnly.addListener((o, a, b) -> count());
        age.addListener((o, a, b) -> count());
        unit.addListener((o, a, b) -> count());
    }

    /** The jobs the purge deletes: this queue's dead (or all finished) jobs that ended longer ago than the age. */
    public JobFilter filter() {
        return JobFilter.all().withQueue(queue.queue().name()).withState(deadOnly.get() ? SharedState.DEAD : null)
                .withOlderThan(Duration.of(Math.max(0, age.get()), unit.get()));
    }

    /** Counts the jobs the purge would delete now, off the JavaFX thread. */
    public void count() {
        long ask = ++asked;
        JobFilter filter = filter();
        eligible.set(null);
        message.set("Counting…");
        BackgroundTask.wrap(() -> service.eligible(queue.adapterKey(), JobOperation.DELETE, filter)).onSuccess(n -> {
            if (ask == asked) {
                eligible.set(n);
                message.set(n.value() == 0 ? "No finished job of this queue is that old."
                        : n + (n.value() == 1 ? " job" : " jobs") + " will be deleted, in batches.");
            }
        }).onFailure(e -> message.set(Problems.describe(e))).executeWith(background);
    }

    /** Asks the door to run the purge of the jobs counted; false when there is nothing to purge or it was not run. */
    public boolean purge() {
        Count n = eligible.get();
        if (n == null || n.value() == 0) {
            return false;
        }
        Optional<Action> action = service.deleteMatching(queue.adapterKey(), filter(), n.value());
        if (action.isEmpty()) {
            message.set("This library has no delete pgdeck may run.");
            return false;
        }
        return actions.submit(action.get(), r -> count());
    }

    public String queueLabel() {
        return queue.queue().label();
    }

    public BooleanProperty deadOnlyProperty() {
        return deadOnly;
    }

    public IntegerProperty ageProperty() {
        return age;
    }

    public ObjectProperty<ChronoUnit> unitProperty() {
        return unit;
    }

    public ReadOnlyObjectProperty<Count> eligibleProperty() {
        return eligible.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }
}
