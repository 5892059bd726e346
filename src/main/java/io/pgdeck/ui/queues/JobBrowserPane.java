package io.pgdeck.ui.queues;

import io.pgdeck.catalog.Formats;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.SharedState;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.Tables;
import java.util.List;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.StringConverter;

/**
 * The job browser: filter bar, jobs table (several may be selected) with retry, cancel and delete
 * of the selected, and the detail of one job with its own Retry, Cancel and Delete.
 */
final class JobBrowserPane extends VBox {

    JobBrowserPane(JobBrowserViewModel model, ActionDoor actions) {
        super(8);
        setId("job-browser");
        ChoiceBox<SharedState> state = new ChoiceBox<>();
        state.getItems().add(null);
        state.getItems().addAll(SharedState.values());
        state.setConverter(new StringConverter<>() {
            @Override
            public String toString(SharedState s) {
                return s == null ? "any state" : s.name().toLowerCase();
            }

            @Override
            public SharedState fromString(String s) {
                return null;
            }
        });
        state.valueProperty().bindBidirectional(model.stateProperty());
        TextField kind = new TextField();
        kind.setPromptText("kind");
        kind.textProperty().bindBidirectional(model.kindProperty());
        TextField text = new TextField();
        text.setId("job-text");
        text.setPromptText("text in args or errors");
        text.textProperty().bindBidirectional(model.textProperty());
        Button search = new Button("Search");
        search.setId("search-jobs");
        search.setDefaultButton(false);
        search.setOnAction(e -> model.search());
        text.setOnAction(e -> model.search());
        kind.setOnAction(e -> model.search());
        Button more = new Button("Next page");
        more.setId("next-page");
        more.disableProperty().bind(model.hasNextProperty().not());
        more.setOnAction(e -> model.nextPage());
        Label message = new Label();
        message.textProperty().bind(model.messageProperty());
        HBox filters = new HBox(8, new Label("Jobs"), state, kind, text, search, more, message);
        filters.setAlignment(Pos.CENTER_LEFT);

        TableView<Job> jobs = Tables.table("No job matches");
        jobs.setId("jobs");
        jobs.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        jobs.getColumns().add(Tables.text("id", Job::id, 110));
        jobs.getColumns().add(Tables.text("kind", Job::kind, 150));
        jobs.getColumns().add(Tables.text("state", j -> j.libraryState(), 90));
        jobs.getColumns().add(Tables.text("attempt", j -> j.attempt() + (j.maxAttempts() == null ? "" : " / " + j.maxAttempts()), 70));
        jobs.getColumns().add(Tables.text("created", j -> j.createdAt() == null ? "" : Formats.clock(j.createdAt().toInstant()), 80));
        jobs.getColumns().add(Tables.text("last error", j -> j.lastError() == null ? "" : Formats.oneLine(j.lastError(), 200), 260));
        jobs.getColumns().add(Tables.text("args", j -> Formats.oneLine(j.args(), 200), 240));
        jobs.setItems(model.jobs());
        jobs.getSelectionModel().selectedItemProperty().addListener((o, a, job) -> model.select(job));

        TextArea detail = new TextArea();
        detail.setId("job-detail");
        detail.setEditable(false);
        detail.setWrapText(true);
        detail.textProperty().bind(model.detailProperty());
        Button retryJob = button("Retry…", "retry-job", model::retryShown);
        Button cancelJob = button("Cancel…", "cancel-job", model::cancelShown);
        Button deleteJob = button("Delete…", "delete-job", model::deleteShown);
        Button visibleNow = button("Make visible now…", "visible-now-job", model::makeVisibleShown);
        visibleNow.visibleProperty().bind(model.inFlightProperty());
        visibleNow.managedProperty().bind(visibleNow.visibleProperty());
        visibleNow.disableProperty().bind(actions.busyProperty());
        HBox jobButtons = new HBox(8, new Label("This job"), retryJob, cancelJob, deleteJob, visibleNow);
        jobButtons.setAlignment(Pos.CENTER_LEFT);
        jobButtons.visibleProperty().bind(actions.writesAllowedProperty().and(model.shownProperty().isNotNull()));
        jobButtons.managedProperty().bind(jobButtons.visibleProperty());
        retryJob.disableProperty().bind(actions.busyProperty().or(model.appliesProperty(JobOperation.RETRY).not()));
        cancelJob.disableProperty().bind(actions.busyProperty().or(model.appliesProperty(JobOperation.CANCEL).not()));
        deleteJob.disableProperty().bind(actions.busyProperty().or(model.appliesProperty(JobOperation.DELETE).not()));
        VBox detailPane = new VBox(6, detail, jobButtons);
        VBox.setVgrow(detail, Priority.ALWAYS);
        SplitPane body = new SplitPane(jobs, detailPane);
        body.setDividerPositions(0.6);
        VBox.setVgrow(body, Priority.ALWAYS);

        Button retry = button("Retry selected…", "retry-selected",
                () -> model.retry(List.copyOf(jobs.getSelectionModel().getSelectedItems())));
        Button retryAll = button("Retry all matching…", "retry-matching", model::retryMatching);
        Button cancel = button("Cancel selected…", "cancel-jobs",
                () -> model.cancel(List.copyOf(jobs.getSelectionModel().getSelectedItems())));
        Button delete = button("Delete selected…", "delete-jobs",
                () -> model.delete(List.copyOf(jobs.getSelectionModel().getSelectedItems())));
        Label actionMessage = new Label();
        actionMessage.textProperty().bind(actions.messageProperty());
        HBox buttons = new HBox(8, retry, retryAll, cancel, delete, actionMessage);
        buttons.setAlignment(Pos.CENTER_LEFT);
        buttons.visibleProperty().bind(actions.writesAllowedProperty());
        buttons.managedProperty().bind(buttons.visibleProperty());
        for (Button b : List.of(retry, retryAll, cancel, delete)) {
            b.disableProperty().bind(actions.busyProperty());
        }
        getChildren().addAll(filters, buttons, body);
    }

    /** A button of the queues screen: its text, the id tests find it by, what it does. */
    static Button button(String text, String id, Runnable onAction) {
        Button b = new Button(text);
        b.setId(id);
        b.setOnAction(e -> onAction.run());
        return b;
    }
}
