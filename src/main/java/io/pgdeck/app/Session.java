package io.pgdeck.app;

import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.action.MatviewRefreshHistory;
import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.sample.Sampler;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.UiExecutor;
import io.pgdeck.ui.connections.ConnectionsView;
import io.pgdeck.ui.connections.ConnectionsViewModel;
import io.pgdeck.ui.overview.OverviewView;
import io.pgdeck.ui.matviews.MatviewsView;
import io.pgdeck.ui.matviews.MatviewsViewModel;
import io.pgdeck.ui.overview.OverviewViewModel;
import io.pgdeck.ui.partitions.PartitionsView;
import io.pgdeck.ui.partitions.PartitionsViewModel;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import javafx.beans.property.BooleanProperty;

/**
 * Everything that lives while pgdeck is connected to one server, wired by plain constructors:
 * the target, its sampler, the action door and the screens' view models.
 */
public final class Session implements AutoCloseable {

    /** Sizes stat every file of a database: every 30 refreshes, not every one. */
    static final int SIZE_EVERY = 30;
    static final int INFO_EVERY = 10;

    private final Target target;
    private final Sampler sampler;
    private final ActionDoor actions;
    private final OverviewViewModel overview;
    private final ConnectionsViewModel connections;
    private final PartitionsViewModel partitions;
    private final MatviewsViewModel matviews;
    private List<Page> pages;

    private Session(Target target, Sampler sampler, ActionDoor actions, AuditLog auditLog) {
        this.target = target;
        this.sampler = sampler;
        this.actions = actions;
        UiExecutor ui = UiExecutor.fx();
        this.overview = new OverviewViewModel(ui);
        this.connections = new ConnectionsViewModel(ui, actions, sampler::refreshNow,
                target.capabilities().hint(Capabilities.Feature.ALL_ACTIVITY).orElse(""));
        PartitionReader partitionReader = new PartitionReader(target);
        this.partitions = new PartitionsViewModel(ui, actions, sampler::refreshNow, ForkJoinPool.commonPool(),
                (def, key, p) -> partitionReader.rowsInRange(def, key, p.from(), p.to()), target.version().atLeast(14), partitionReader.partmanSchema().orElse(null),
                Clock.systemUTC());
        this.matviews = new MatviewsViewModel(ui, actions, sampler::refreshNow, target.profile().describe(),
                () -> new MatviewRefreshHistory(auditLog.read()));
    }

    /** Connects (off the JavaFX thread: it talks to the server) and starts sampling. */
    public static Session open(ConnectionProfile profile, Duration interval, DialogService dialogs,
                               BooleanProperty readOnly, AuditLog auditLog) throws SQLException {
        Target target = Target.open(profile, TargetOptions.defaults());
        Sampler sampler = new Sampler(interval);
        ActionRunner runner = new ActionRunner(target, auditLog, readOnly::get, ActionSettings.defaults());
        Session session = new Session(target, sampler, new ActionDoor(runner, dialogs, UiExecutor.fx(), readOnly), auditLog);
        session.schedule();
        sampler.start();
        return session;
    }

    private void schedule() {
        ServerReader server = new ServerReader(target);
        ActivityReader activity = new ActivityReader(target);
        sampler.every(INFO_EVERY, "server info", server::info, overview::onInfo);
        sampler.everyTick("database stats", server::databaseStats, overview::onStats);
        sampler.everyTick("activity", activity::backends, s -> {
            overview.onBackends(s);
            connections.onBackends(s);
        });
        sampler.everyTick("pool", target::poolStats, connections::onPool);
        sampler.every(SIZE_EVERY, "database sizes", server::databaseSizes, overview::onSizes);
        sampler.every(SIZE_EVERY, "partitions", new PartitionReader(target)::sets, partitions::onSets);
        sampler.every(SIZE_EVERY, "materialized views", new MatviewReader(target)::matviews, matviews::onMatviews);
    }

    /** The screens, built once on the JavaFX thread. */
    public synchronized List<Page> pages() {
        if (pages == null) {
            pages = List.of(new OverviewView(overview), new ConnectionsView(connections), new PartitionsView(partitions),
                    new MatviewsView(matviews));
        }
        return pages;
    }

    public Target target() {
        return target;
    }

    public Sampler sampler() {
        return sampler;
    }

    public ActionDoor actions() {
        return actions;
    }

    public OverviewViewModel overview() {
        return overview;
    }

    public ConnectionsViewModel connections() {
        return connections;
    }

    public PartitionsViewModel partitions() {
        return partitions;
    }

    public MatviewsViewModel matviews() {
        return matviews;
    }

    @Override
    public void close() {
        sampler.close();
        target.close();
    }
}
