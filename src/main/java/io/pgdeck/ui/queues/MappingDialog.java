package io.pgdeck.ui.queues;

import io.pgdeck.queue.CustomMapping;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.layout.GridPane;

/**
 * Defines a custom mapping for a home-grown queue table: the table, its state column and which
 * values mean what, the queue, priority and time columns. Saved only when it makes sense; the
 * problem is shown in one sentence and nothing typed is lost.
 */
final class MappingDialog extends Dialog<CustomMapping> {

    private static final String[][] FIELDS = {
            {"name", "Name", "Orders queue"}, {"schema", "Schema", "public"}, {"table", "Table", "jobs"},
            {"id", "Id column", "id"}, {"state", "State column", "status"},
            {"waiting", "Waiting values", "pending, queued"}, {"scheduled", "Scheduled values", "delayed"},
            {"running", "Running values", "processing"}, {"retryable", "Failed, retried by the app", "error"},
            {"dead", "Failed for good", "failed"}, {"done", "Done values", "completed"},
            {"cancelled", "Cancelled values", "cancelled"}, {"queue", "Queue column (optional)", "queue"},
            {"kind", "Kind column", "type"}, {"priority", "Priority column", "priority"},
            {"args", "Args column", "payload"}, {"error", "Error column", "last_error"},
            {"attempts", "Attempts column", "attempts"}, {"max", "Max attempts column", "max_attempts"},
            {"created", "Created-at column", "created_at"}, {"runAt", "Run-at column", "run_at"},
            {"started", "Started-at column", "started_at"}, {"finished", "Finished-at column", "finished_at"}};

    private final Map<String, TextField> fields = new LinkedHashMap<>();
    private final Label problem = new Label();

    MappingDialog(QueuesViewModel model) {
        setTitle("Define a queue mapping");
        setHeaderText("Describe a home-grown queue table; pgdeck saves the mapping in its config directory.");
        GridPane grid = new GridPane();
        grid.setHgap(8);
        grid.setVgap(4);
        int row = 0;
        for (String[] f : FIELDS) {
            TextField field = new TextField();
            field.setId("mapping-" + f[0]);
            field.setPromptText(f[2]);
            fields.put(f[0], field);
            grid.add(new Label(f[1]), (row % 2) * 2, row / 2);
            grid.add(field, (row % 2) * 2 + 1, row / 2);
            row++;
        }
        problem.setId("mapping-problem");
        problem.getStyleClass().add("hint");
        grid.add(problem, 0, row / 2 + 1, 4, 1);
        getDialogPane().setContent(grid);
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            Optional<String> wrong = model.saveMapping(mapping());
            wrong.ifPresent(p -> {
                problem.setText(p);
                e.consume(); // keep the dialog and what was typed
            });
        });
        setResultConverter(b -> b == ButtonType.OK ? mapping() : null);
    }

    CustomMapping mapping() {
        return new CustomMapping(text("name"), text("schema"), text("table"), text("id"), text("state"),
                values("waiting"), values("scheduled"), values("running"), values("retryable"), values("dead"),
                values("done"), values("cancelled"), text("queue"), text("kind"), text("priority"), text("args"),
                text("error"), text("attempts"), text("max"), text("created"), text("runAt"), text("started"),
                text("finished"));
    }

    private String text(String key) {
        return fields.get(key).getText();
    }

    private List<String> values(String key) {
        return Arrays.asList(text(key).split(","));
    }
}
