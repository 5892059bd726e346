package io.pgdeck.ui.explain;

import io.pgdeck.catalog.Formats;
import io.pgdeck.connect.Problems;
import io.pgdeck.explain.ExplainException;
import io.pgdeck.explain.QueryResult;
import io.pgdeck.explain.ReadOnlyQuery;
import io.pgdeck.ui.BackgroundTask;
import io.pgdeck.ui.TaskExecutor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.value.ObservableStringValue;

/**
 * The workbench's read-only Run: the editor's statement through {@link ReadOnlyQuery} off the
 * JavaFX thread, its first rows for the grid, what happened in one line, and the rows as CSV.
 */
public final class QueryViewModel {

    private final TaskExecutor tasks;
    private final ReadOnlyQuery query;
    private final ObservableStringValue sql;
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper failed = new ReadOnlyBooleanWrapper();
    private final ReadOnlyIntegerWrapper errorPosition = new ReadOnlyIntegerWrapper(-1);
    private final ReadOnlyObjectWrapper<QueryResult> result = new ReadOnlyObjectWrapper<>();

    /** @param sql the editor's text, shared with EXPLAIN */
    public QueryViewModel(TaskExecutor tasks, ReadOnlyQuery query, ObservableStringValue sql) {
        this.tasks = tasks;
        this.query = query;
        this.sql = sql;
    }

    /** Runs the editor's statement read-only; its rows replace the grid's, an error empties it. */
    public void run() {
        if (busy.get()) {
            return;
        }
        String text = sql.get();
        busy.set(true);
        errorPosition.set(-1);
        say("Running (read-only, rolled back)…", false);
        BackgroundTask.wrap(() -> query.run(text))
                .onSuccess(this::show)
                .onFailure(e -> fail(e instanceof ExplainException x ? x : new ExplainException(Problems.describe(e), -1, e),
                        text))
                .executeWith(tasks);
    }

    /** Stops the running statement (on a thread of its own: cancelling talks to the server). */
    public void cancel() {
        if (busy.get()) {
            BackgroundTask.run(query::cancel).executeWith(tasks);
        }
    }

    /** Writes every fetched row as CSV, off the JavaFX thread. */
    public void exportCsv(Path file) {
        QueryResult rows = result.get();
        if (rows == null) {
            return;
        }
        BackgroundTask.run(() -> Files.writeString(file, ResultText.csv(rows)))
                .onSuccess(done -> say(rows.rows().size() + " rows exported to " + file, false))
                .onFailure(e -> say("Could not write " + file + ": " + e.getMessage(), true))
                .executeWith(tasks);
    }

    private void show(QueryResult r) {
        busy.set(false);
        result.set(r);
        say(summary(r), false);
    }

    /** An error empties the grid, for the same reason it clears a plan: rows under it would pass for its. */
    private void fail(ExplainException e, String text) {
        busy.set(false);
        result.set(null);
        errorPosition.set(e.position());
        say(e.describe(text), true);
    }

    static String summary(QueryResult r) {
        String took = Formats.age(r.took());
        if (r.columns().isEmpty()) {
            return "Done in " + took + ", no rows returned; rolled back";
        }
        int n = r.rows().size();
        String rows = r.more() ? String.format(Locale.ROOT, "First %,d rows of more", n)
                : String.format(Locale.ROOT, "%,d row%s", n, n == 1 ? "" : "s");
        return rows + " in " + took + "; read-only, rolled back";
    }

    private void say(String text, boolean error) {
        message.set(text);
        failed.set(error);
    }

    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty messageProperty() {
        return message.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty failedProperty() {
        return failed.getReadOnlyProperty();
    }

    /** Where PostgreSQL says the error is, 0-based in the editor's text; -1 when it named no place. */
    public ReadOnlyIntegerProperty errorPositionProperty() {
        return errorPosition.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<QueryResult> resultProperty() {
        return result.getReadOnlyProperty();
    }
}
