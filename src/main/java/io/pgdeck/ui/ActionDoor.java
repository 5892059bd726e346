package io.pgdeck.ui;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.Progress;
import io.pgdeck.catalog.Formats;
import io.pgdeck.connect.Problems;
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
 * How a view model runs an action: show the plan and ask, run it off the JavaFX thread through
 * the {@link ActionRunner}, report progress and the outcome back on the JavaFX thread.
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

    public ActionDoor(ActionRunner runner, DialogService dialogs, UiExecutor ui, BooleanProperty readOnly) {
        this.runner = runner;
        this.dialogs = dialogs;
        this.ui = ui;
        this.readOnly = readOnly;
        this.writesAllowed = readOnly.not().and(writesRefused.isEmpty());
    }

    /** A standby refuses every write: the door then says so once instead of offering what would fail. */
    public void onStandby(boolean standby) {
        writesRefused.set(standby ? ActionRunner.STANDBY : "");
    }

    /** Asks, then runs; {@code onDone} gets the result on the JavaFX thread. False when not run. */
    public boolean submit(Action action, Consumer<ActionResult> onDone) {
        if (readOnly.get() || busy.get()) {
            return false;
        }
        if (action.writes() && !writesRefused.get().isEmpty()) {
            message.set(writesRefused.get());
            return false;
        }
        ActionPlan plan = action.plan();
        // asked before the confirmation: there is no point confirming what cannot run here
        var refusal = runner == null ? java.util.Optional.<String>empty() : runner.refusal(action);
        if (refusal.isPresent()) {
            message.set(refusal.get());
            dialogs.showError(plan.title(), refusal.get());
            return false;
        }
        if (!dialogs.confirm(plan)) {
            message.set("Not run: " + plan.title());
            return false;
        }
        busy.set(true);
        progress.set(null);
        message.set("Running: " + plan.title());
        try {
            running = runner.start(action, p -> ui.execute(() -> progress.set(p)));
        } catch (RuntimeException e) {
            busy.set(false);
            message.set(Problems.describe(e));
            return false;
        }
        running.result().whenComplete((result, error) -> ui.execute(() -> {
            busy.set(false);
            running = null;
            ActionResult r = result != null ? result
                    : new ActionResult(ActionResult.Outcome.FAILED, Problems.describe(error), java.util.List.of(),
                    java.time.Duration.ZERO);
            message.set(plan.title() + ": " + r.message() + " (" + Formats.age(r.took()) + ")");
            if (!r.succeeded()) {
                dialogs.showError(plan.title(), r.message());
            }
            onDone.accept(r);
        }));
        return true;
    }

    /**
     * Cancels the running action, if any (the protocol's cancel request for its running
     * statement), off the JavaFX thread.
     */
    public void cancelRunning() {
        ActionRunner.Running r = running;
        if (r != null) {
            Thread t = new Thread(r::cancel, "pgdeck-action-cancel");
            t.setDaemon(true);
            t.start();
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
