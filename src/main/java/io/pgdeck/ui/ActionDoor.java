package io.pgdeck.ui;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.PlannedAction;
import io.pgdeck.action.Progress;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.Topic;
import io.pgdeck.connect.Problems;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The window's side of the action door, a JavaFX adapter over {@link ActionRunner}: the runner
 * says whether a plan may run here, the dialog shows that plan, the runner runs that same plan
 * off the JavaFX thread, and progress and the outcome come back through {@link UiExecutor}.
 */
public final class ActionDoor {

    private final ActionRunner runner;
    private final DialogService dialogs;
    private final UiExecutor ui;
    private final BooleanProperty readOnly;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Progress> progress = new ReadOnlyObjectWrapper<>();
    private volatile ActionRunner.Running running;
    private final ReadOnlyStringWrapper writesRefused = new ReadOnlyStringWrapper("");
    private final BooleanBinding writesAllowed;

    /**
     * @param runner   null only in view-model tests whose dialog declines: nothing gets past it
     * @param readOnly the mode the runner refuses in; here it only hides the buttons
     */
    private volatile Consumer<Set<Topic>> afterEachAction = topics -> { };

    /**
     * What reads again after every action, given the topics it touched (the session's sampler):
     * only those feeds, not the catalog-wide reads kept rare because they are expensive.
     */
    public void afterEachAction(Consumer<Set<Topic>> refresh) {
        afterEachAction = refresh;
    }

    public ActionDoor(ActionRunner runner, DialogService dialogs, UiExecutor ui, BooleanProperty readOnly) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.ui = ui;
        this.readOnly = readOnly;
        this.writesAllowed = readOnly.not().and(writesRefused.isEmpty());
    }

    /** A standby refuses every write: its buttons hide, and the status bar says why once. */
    public void onStandby(boolean standby) {
        writesRefused.set(standby ? ActionRunner.STANDBY : "");
    }

    /**
     * Asks, then runs the plan that was asked about; {@code onDone} gets the result, which names
     * the topics the action touched, on the JavaFX thread. False when not run.
     */
    public boolean submit(Action action, Consumer<ActionResult> onDone) {
        if (busy.get()) {
            return false;
        }
        PlannedAction planned = PlannedAction.of(action);
        // asked before the confirmation: there is no point confirming what cannot run here
        Optional<String> refusal = runner == null ? Optional.empty() : runner.refusal(planned);
        if (refusal.isPresent()) {
            message.set(refusal.get());
            if (writesAllowed.get()) {
                // the button was on screen: the user expected it to run and is told why not
                dialogs.showError(planned.title(), refusal.get());
            }
            return false;
        }
        if (!dialogs.confirm(planned.plan())) {
            message.set("Not run: " + planned.title());
            return false;
        }
        busy.set(true);
        progress.set(null);
        message.set("Running: " + planned.title());
        try {
            running = runner.start(planned, p -> ui.execute(() -> progress.set(p)));
        } catch (RuntimeException e) {
            busy.set(false);
            message.set(Problems.describe(e));
            return false;
        }
        running.result().whenComplete((result, error) -> ui.execute(() -> {
            ActionResult r = result != null ? result : new ActionResult(planned, ActionResult.Outcome.FAILED,
                    Problems.describe(error), List.of(), Duration.ZERO);
            // the outcome is said before busy clears: whoever waits for the end reads it, not "Running"
            message.set(planned.title() + ": " + r.message() + " (" + Formats.age(r.took()) + ")");
            running = null;
            busy.set(false);
            if (!r.succeeded()) {
                dialogs.showError(planned.title(), r.message());
            }
            onDone.accept(r);
            // after the view model's own follow-up, so that the read sees what it remembered
            afterEachAction.accept(r.touched());
        }));
        return true;
    }

    /**
     * Cancels the running action, if any. Safe on the JavaFX thread: the runner sends the
     * protocol's cancel request from its own thread.
     */
    public void cancelRunning() {
        ActionRunner.Running r = running;
        if (r != null) {
            r.cancel();
        }
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Progress> progressProperty() {
        return progress.getReadOnlyProperty();
    }

    public BooleanProperty readOnlyProperty() {
        return readOnly;
    }

    /** Buttons of actions that write: hidden in read-only mode and on a standby. */
    public BooleanBinding writesAllowedProperty() {
        return writesAllowed;
    }

    /** Why writes are refused (the server is a standby), or empty. */
    public ReadOnlyStringProperty writesRefusedProperty() {
        return writesRefused.getReadOnlyProperty();
    }
}
