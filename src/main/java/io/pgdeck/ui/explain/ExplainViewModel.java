package io.pgdeck.ui.explain;

import io.pgdeck.action.ActionPlan;
import io.pgdeck.catalog.Formats;
import io.pgdeck.explain.ExplainException;
import io.pgdeck.explain.ExplainOptions;
import io.pgdeck.explain.ExplainRequest;
import io.pgdeck.explain.ExplainResult;
import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.explain.Insight;
import io.pgdeck.explain.PlanAnalysis;
import io.pgdeck.explain.PlanFormatException;
import io.pgdeck.explain.PlanNode;
import io.pgdeck.explain.SideEffects;
import io.pgdeck.explain.SqlText;
import io.pgdeck.explain.UnconfirmedSideEffects;
import io.pgdeck.connect.Problems;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.value.ObservableBooleanValue;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The EXPLAIN workbench: the statement being edited, the options, the plan of the last run with
 * its insights, a history of what was explained, and a "before" plan to compare with. Runs go
 * through the {@link ExplainRunner} off the JavaFX thread; a statement with side effects under
 * ANALYZE is run only after the user confirms them.
 */
public final class ExplainViewModel {

    static final int HISTORY = 50;

    private final UiExecutor ui;
    private final TaskExecutor tasks;
    private final ExplainRunner runner;
    private final DialogService dialogs;
    private final ObservableBooleanValue readOnly;
    private final StringProperty sql = new SimpleStringProperty("");
    private final BooleanProperty analyze = new SimpleBooleanProperty(true);
    private final BooleanProperty buffers = new SimpleBooleanProperty(true);
    private final BooleanProperty verbose = new SimpleBooleanProperty();
    private final BooleanProperty settings = new SimpleBooleanProperty();
    private final BooleanProperty wal = new SimpleBooleanProperty();
    private final BooleanProperty genericPlan = new SimpleBooleanProperty();
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper errorPosition = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<PlanAnalysis> analysis = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<PlanAnalysis> before = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper comparison = new ReadOnlyStringWrapper("");
    private final ObservableList<NodeMatch> matches = FXCollections.observableArrayList();
    private final ObjectProperty<PlanNode> selectedNode = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper nodeDetail = new ReadOnlyStringWrapper("");
    private final ObservableList<Insight> insights = FXCollections.observableArrayList();
    private final ObservableList<ExplainResult> history = FXCollections.observableArrayList();

    /** @param readOnly pgdeck's read-only mode: then nothing that writes runs, not even to be rolled back */
    public ExplainViewModel(UiExecutor ui, TaskExecutor tasks, ExplainRunner runner, DialogService dialogs,
                            ObservableBooleanValue readOnly) {
        this.ui = ui;
        this.tasks = tasks;
        this.runner = runner;
        this.dialogs = dialogs;
        this.readOnly = readOnly;
        // GENERIC_PLAN cannot run the statement: the two exclude each other
        genericPlan.addListener((o, was, on) -> {
            if (on) {
                analyze.set(false);
            }
        });
        analyze.addListener((o, was, on) -> {
            if (on) {
                genericPlan.set(false);
            }
        });
        analysis.addListener((o, was, now) -> {
            selectedNode.set(now == null ? null : now.plan().root());
            describeSelected(); // an equal root of a new plan fires no change
            compare();
        });
        before.addListener((o, was, now) -> compare());
        selectedNode.addListener((o, was, node) -> describeSelected());
    }

    /**
     * Puts a statement in the editor, as from the slow queries screen; one with {@code $1}
     * parameters gets GENERIC_PLAN where the server has it, since it cannot run without values.
     */
    public void open(String statement) {
        sql.set(statement == null ? "" : statement);
        errorPosition.set(-1);
        boolean parameters = SqlText.of(sql.get()).hasParameters();
        genericPlan.set(parameters && genericPlanAvailable());
        if (!parameters) {
            analyze.set(true);
        }
        say(parameters && !genericPlanAvailable()
                ? "This statement has $1 parameters: put values in their place to explain it (GENERIC_PLAN needs PostgreSQL 16+)."
                : "", false);
    }

    /**
     * Explains the editor's statement; when ANALYZE would have side effects (the runner asks the
     * server, off the JavaFX thread), asks the user first and runs it again once confirmed.
     */
    public void run() {
        if (busy.get()) {
            return;
        }
        ExplainRequest request;
        try {
            request = runner.prepare(sql.get(), options());
        } catch (ExplainException e) {
            fail(e);
            return;
        }
        busy.set(true);
        errorPosition.set(-1);
        say("Explaining…", false);
        explain(request, false);
    }

    private void explain(ExplainRequest request, boolean sideEffectsConfirmed) {
        BackgroundTask.wrap(() -> runner.run(request, sideEffectsConfirmed))
                .onSuccess(this::show)
                .onFailure(e -> {
                    if (e instanceof UnconfirmedSideEffects u) {
                        confirm(request, u.sideEffects());
                    } else {
                        fail(e instanceof ExplainException x ? x : new ExplainException(Problems.describe(e), -1, e));
                    }
                })
                .executeWith(tasks);
    }

    private void confirm(ExplainRequest request, SideEffects effects) {
        if (readOnly.get()) {
            busy.set(false);
            say("Read-only mode: ANALYZE would run this statement, and it has side effects (" + effects.describe()
                    + "). Untick ANALYZE to see its plan.", true);
        } else if (!dialogs.confirm(confirmation(request, effects))) {
            busy.set(false);
            say("Not run: its side effects were not confirmed.", false);
        } else {
            explain(request, true);
        }
    }

    /** Cancels the running EXPLAIN (on a thread of its own: cancelling talks to the server). */
    public void cancel() {
        if (busy.get()) {
            BackgroundTask.run(runner::cancel).executeWith(tasks);
        }
    }

    /** Analyses a plan pasted from elsewhere (psql, a log, a colleague). */
    public void analyseJson(String json) {
        try {
            PlanAnalysis pasted = PlanAnalysis.of(json);
            analysis.set(pasted);
            insights.setAll(pasted.insights());
            errorPosition.set(-1);
            say("Pasted plan: " + summary(pasted), false);
        } catch (PlanFormatException e) {
            analysis.set(null);
            insights.clear();
            say(e.getMessage(), true);
        }
    }

    /** Keeps the current plan as "before", to compare the next one with. */
    public void pinAsBefore() {
        if (analysis.get() != null) {
            before.set(analysis.get());
        }
    }

    /** Shows an earlier run again: its statement, options and plan. */
    public void restore(ExplainResult earlier) {
        sql.set(earlier.statement());
        ExplainOptions o = earlier.options();
        analyze.set(o.analyze());
        buffers.set(o.buffers());
        verbose.set(o.verbose());
        settings.set(o.settings());
        wal.set(o.wal());
        genericPlan.set(o.genericPlan());
        analysis.set(earlier.analysis());
        insights.setAll(earlier.analysis().insights());
        say("From the history: " + summary(earlier.analysis()), false);
    }

    /** Writes the current plan's JSON to a file, off the JavaFX thread. */
    public void exportJson(Path file) {
        String json = planJson();
        BackgroundTask.run(() -> Files.writeString(file, json))
                .onSuccess(done -> say("Plan exported to " + file, false))
                .onFailure(e -> say("Could not write " + file + ": " + e.getMessage(), true))
                .executeWith(tasks);
    }

    /** The current plan's JSON as PostgreSQL returned it, for export; empty when there is none. */
    public String planJson() {
        return analysis.get() == null ? "" : analysis.get().plan().json();
    }

    private void show(ExplainResult result) {
        busy.set(false);
        analysis.set(result.analysis());
        insights.setAll(result.analysis().insights());
        history.add(0, result);
        if (history.size() > HISTORY) {
            history.remove(HISTORY, history.size());
        }
        List<String> sequences = result.sideEffects().sequences();
        say(summary(result.analysis()) + " (round trip " + Formats.age(result.took()) + ")"
                + (result.options().analyze() ? "; rolled back" : "")
                + (sequences.isEmpty() ? "" : "; advanced " + String.join(", ", sequences)
                        + ", which no rollback takes back"), false);
    }

    /**
     * An error clears the plan: what stays on screen is the plan of the text that ran, and under a
     * new error the previous plan would pass for it. That plan is still in the history.
     */
    private void fail(ExplainException e) {
        busy.set(false);
        analysis.set(null);
        insights.clear();
        errorPosition.set(e.position());
        say(e.describe(sql.get()), true);
    }

    private void say(String text, boolean error) {
        message.set(text);
        failed.set(error);
    }

    private ExplainOptions options() {
        return new ExplainOptions(analyze.get(), buffers.get(), verbose.get(), settings.get(), wal.get(), genericPlan.get());
    }

    private static ActionPlan confirmation(ExplainRequest request, SideEffects effects) {
        return new ActionPlan("EXPLAIN ANALYZE runs this statement for real", List.of(request.sql()),
                "the statement's own locks, held until the rollback",
                "It has side effects (" + effects.describe() + "): rows change for real and triggers"
                        + " fire, then the transaction is rolled back. Sequences it advances stay advanced, and the pages it"
                        + " touched stay dirtied and lose their all-visible mark until the next VACUUM.",
                ActionPlan.Commit.ONE_TRANSACTION);
    }

    static String summary(PlanAnalysis a) {
        String insightCount = a.insights().isEmpty() ? "no insights" : a.insights().size() + " insight"
                + (a.insights().size() == 1 ? "" : "s");
        if (!a.plan().analyzed()) {
            return String.format(Locale.ROOT, "%d nodes, estimated cost %.2f, %s", a.nodes().size(),
                    a.plan().root().estimate().totalCost(), insightCount);
        }
        return String.format(Locale.ROOT, "%d nodes, %s%s, %s", a.nodes().size(), PlanFormats.ms(a.totalMs()),
                besideTheNodes(a), insightCount);
    }

    /**
     * The time a DBA would otherwise never see, since no node shows it: planning, JIT, each trigger
     * (an unindexed foreign key's can be the whole statement), and the rest of the execution.
     */
    private static String besideTheNodes(PlanAnalysis a) {
        List<String> parts = new ArrayList<>();
        if (a.plan().planningMs() != null) {
            parts.add("planning " + PlanFormats.ms(a.plan().planningMs()));
        }
        if (a.plan().jit() != null) {
            parts.add("JIT " + PlanFormats.ms(a.plan().jit().totalMs()));
        }
        a.triggers().forEach(t -> parts.add("trigger " + (t.constraint() != null ? t.constraint() : t.name())
                + (t.relation() != null ? " on " + t.relation() : "") + " " + PlanFormats.ms(t.ms()) + " ("
                + t.calls() + (t.calls() == 1 ? " call)" : " calls)")));
        if (a.outsideNodesMs() >= 0.01 * a.totalMs() && a.outsideNodesMs() >= 1) {
            parts.add(PlanFormats.ms(a.outsideNodesMs()) + " in no node");
        }
        return parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")";
    }

    private void describeSelected() {
        PlanNode node = selectedNode.get();
        nodeDetail.set(node == null || analysis.get() == null ? "" : NodeDetail.describe(analysis.get(), node));
    }

    private void compare() {
        PlanAnalysis b = before.get();
        PlanAnalysis a = analysis.get();
        List<NodeMatch> paired = b == null || a == null ? List.of() : PlanMatching.match(b, a);
        comparison.set(b == null || a == null ? "" : PlanComparison.describe(b, a, paired));
        matches.setAll(paired);
    }

    public boolean genericPlanAvailable() {
        return runner.genericPlanAvailable();
    }

    public StringProperty sqlProperty() {
        return sql;
    }

    public BooleanProperty analyzeProperty() {
        return analyze;
    }

    public BooleanProperty buffersProperty() {
        return buffers;
    }

    public BooleanProperty verboseProperty() {
        return verbose;
    }

    public BooleanProperty settingsProperty() {
        return settings;
    }

    public BooleanProperty walProperty() {
        return wal;
    }

    public BooleanProperty genericPlanProperty() {
        return genericPlan;
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    /** True when the message reports a failure (shown in red). */
    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Where PostgreSQL says the error is, 0-based in the editor's text; -1 when it named no place. */
    public ReadOnlyIntegerProperty errorPositionProperty() {
        return errorPosition.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanAnalysis> analysisProperty() {
        return analysis.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<PlanAnalysis> beforeProperty() {
        return before.getReadOnlyProperty();
    }

    /** "812 ms → 3.1 ms (262× faster)", per plan; empty until both sides exist. */
    public ReadOnlyStringProperty comparisonProperty() {
        return comparison.getReadOnlyProperty();
    }

    /** The node shown in the detail pane: the root of a new plan, then what the user selects. */
    public ObjectProperty<PlanNode> selectedNodeProperty() {
        return selectedNode;
    }

    /** Everything about the selected node, as text to read and copy; empty without a plan. */
    public ReadOnlyStringProperty nodeDetailProperty() {
        return nodeDetail.getReadOnlyProperty();
    }

    /** The before and after plans' nodes paired one to one; empty until both sides exist. */
    ObservableList<NodeMatch> matches() {
        return FXCollections.unmodifiableObservableList(matches);
    }

    public ObservableList<Insight> insights() {
        return FXCollections.unmodifiableObservableList(insights);
    }

    /** What was explained, newest first. */
    public ObservableList<ExplainResult> history() {
        return FXCollections.unmodifiableObservableList(history);
    }
}
