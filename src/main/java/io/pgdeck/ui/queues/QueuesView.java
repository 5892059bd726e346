package io.pgdeck.ui.queues;

import io.pgdeck.queue.KindDepth;
import io.pgdeck.queue.SharedState;
import io.pgdeck.ui.ActionProgressBar;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Tables;
import io.pgdeck.ui.TimeChart;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.kordamp.ikonli.Ikon;
import org.kordamp.ikonli.materialdesign2.MaterialDesignT;

/**
 * Job queues: the queues table with the selected queue's kinds beside it, its buttons (pause and
 * resume where the library has them, purge), depth and throughput charts, and the job browser below.
 */
public final class QueuesView implements Page {

    public static final String TITLE = "Job queues";
    public static final Ikon ICON = MaterialDesignT.TRAY_FULL;

    private static final List<String> STATES = Arrays.stream(SharedState.values())
            .map(s -> s.name().toLowerCase(Locale.ROOT)).toList();

    private final QueuesViewModel model;
    private final VBox root;
    private final TimeChart depth = TimeChart.stacked("Depth by state: " + QueuesViewModel.ALL, "jobs");
    private final TimeChart throughput = TimeChart.lines("Done and failed per minute: " + QueuesViewModel.ALL, "jobs / min");

    public QueuesView(QueuesViewModel model) {
        this.model = model;
        Label freshness = new Label();
        freshness.getStyleClass().add("freshness");
        freshness.textProperty().bind(model.freshness().textProperty());
        Label summary = new Label();
        summary.textProperty().bind(model.summaryProperty());
        summary.getStyleClass().add("title-4");
        Label problems = new Label();
        problems.setId("queue-problems");
        problems.getStyleClass().add("hint");
        problems.textProperty().bind(model.problemsProperty());
        problems.visibleProperty().bind(model.problemsProperty().isNotEmpty());
        problems.managedProperty().bind(problems.visibleProperty());

        TableView<QueueRow> queues = Tables.table("No job queue found: define a mapping for a home-grown queue table");
        queues.setId("queues");
        queues.getColumns().add(Tables.text("installation", QueueRow::installation, 190));
        queues.getColumns().add(Tables.text("queue", QueueRow::queue, 150));
        for (SharedState s : List.of(SharedState.WAITING, SharedState.SCHEDULED, SharedState.RUNNING,
                SharedState.RETRYABLE, SharedState.DEAD, SharedState.DONE)) {
            queues.getColumns().add(Tables.sorted(s.name().toLowerCase(Locale.ROOT), r -> r.count(s).toString(),
                    r -> r.count(s).value(), s == SharedState.DONE ? 110 : 80));
        }
        queues.getColumns().add(Tables.sorted("oldest waiting", QueueRow::latency, QueueRow::oldestWaiting, 110));
        queues.getColumns().add(Tables.text("done/min", QueueRow::donePerMinute, 75));
        queues.getColumns().add(Tables.text("failure rate", QueueRow::failureRate, 90));
        queues.getColumns().add(Tables.sorted("stuck", r -> QueueRow.figure(r.stuck()), QueueRow::stuck, 60));
        queues.getColumns().add(Tables.sorted("expired", r -> QueueRow.figure(r.expired()), QueueRow::expired, 65));
        queues.setItems(model.rows());
        queues.setPrefHeight(215);
        queues.setMinHeight(180);
        queues.getSelectionModel().selectedItemProperty().addListener((o, a, row) -> {
            if (row != null) {
                model.selectedProperty().set(row);
            }
        });

        Button allQueues = new Button("Show all queues");
        allQueues.setOnAction(e -> {
            queues.getSelectionModel().clearSelection();
            model.selectedProperty().set(null);
        });
        Button pause = JobBrowserPane.button("Pause queue…", "pause-queue", model::pause);
        Button resume = JobBrowserPane.button("Resume queue…", "resume-queue", model::resume);
        Button purge = JobBrowserPane.button("Purge…", "purge-queue", () -> model.purge().ifPresent(p ->
                new PurgeDialog(p).showAndWait().filter(PurgeDialog.PURGE::equals).ifPresent(b -> p.purge())));
        Button mapping = JobBrowserPane.button("Define a queue mapping…", "define-mapping",
                () -> new MappingDialog(model).showAndWait());
        HBox queueButtons = new HBox(8, allQueues, pause, resume, purge, mapping, new ActionProgressBar(model.actions()));
        queueButtons.setAlignment(Pos.CENTER_LEFT);
        for (Button b : List.of(pause, resume, purge, mapping)) {
            b.managedProperty().bind(b.visibleProperty());
        }
        var writes = model.actions().writesAllowedProperty();
        var busy = model.actions().busyProperty();
        mapping.visibleProperty().bind(writes);
        mapping.disableProperty().bind(busy);
        // not shown at all for a library without a pause (pgmq, Que…): a disabled button would promise one
        pause.visibleProperty().bind(writes.and(model.pausableProperty()));
        resume.visibleProperty().bind(writes.and(model.pausableProperty()));
        pause.disableProperty().bind(busy.or(model.pausedProperty()));
        resume.disableProperty().bind(busy.or(model.pausedProperty().not()));
        purge.visibleProperty().bind(writes.and(model.selectedProperty().isNotNull()));
        purge.disableProperty().bind(busy);

        TableView<KindDepth> kinds = Tables.table("No waiting, running or dead job of this queue records a kind");
        kinds.setId("kinds");
        // shown for a chosen queue only: until then the queue list has the whole width, its counts readable at 1024 px
        kinds.visibleProperty().bind(model.selectedProperty().isNotNull());
        kinds.managedProperty().bind(kinds.visibleProperty());
        kinds.getColumns().add(Tables.text("kind", KindDepth::kind, 150));
        for (SharedState s : KindDepth.STATES) {
            kinds.getColumns().add(Tables.sorted(s.name().toLowerCase(Locale.ROOT), k -> k.count(s).toString(),
                    k -> k.count(s).value(), 72));
        }
        kinds.getColumns().add(Tables.sorted("failed", k -> k.failed() == null ? "n/a" : Long.toString(k.failed()),
                k -> k.failed() == null ? -1L : k.failed(), 60));
        kinds.setItems(model.kinds());
        kinds.setPrefWidth(420);
        kinds.setMinWidth(220);
        HBox lists = new HBox(12, queues, kinds);
        HBox.setHgrow(queues, Priority.ALWAYS);

        HBox charts = new HBox(12, depth.node(), throughput.node());
        HBox.setHgrow(depth.node(), Priority.ALWAYS);
        HBox.setHgrow(throughput.node(), Priority.ALWAYS);
        // the queue list grows with the window; the charts keep a readable height and no more
        charts.setPrefHeight(190);
        charts.setMinHeight(175);

        Label retryLimit = new Label(model.retryLimitNote());
        retryLimit.getStyleClass().add("hint");
        VBox top = new VBox(8, freshness, summary, problems, lists, retryLimit, queueButtons, charts);
        VBox.setVgrow(lists, Priority.ALWAYS);
        SplitPane split = new SplitPane(top, new JobBrowserPane(model.jobs(), model.actions()));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.68);
        VBox.setVgrow(split, Priority.ALWAYS);
        root = new VBox(split);
        root.setPadding(new Insets(16));
        root.setId("queues-screen");
        model.chartsUpdatedProperty().addListener((o, a, at) -> redraw(at));
    }

    private void redraw(Instant now) {
        if (now == null) {
            return;
        }
        Instant since = now.minus(Duration.ofMinutes(30));
        String subject = model.chartSubject();
        depth.chart().setTitle("Depth by state: " + subject);
        throughput.chart().setTitle("Done and failed per minute: " + subject);
        var points = model.chartHistory().since(since);
        depth.stack(STATES.subList(0, 5), points,
                (p, state) -> p.depth().getOrDefault(SharedState.valueOf(state.toUpperCase(Locale.ROOT)), 0L));
        throughput.line("done", points, QueuesViewModel.Point::donePerMinute);
        throughput.line("failed", points, QueuesViewModel.Point::failedPerMinute);
    }

    @Override
    public String title() {
        return TITLE;
    }

    @Override
    public Ikon icon() {
        return ICON;
    }

    @Override
    public Node view() {
        return root;
    }
}
