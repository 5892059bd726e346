package io.pgdeck.app;

import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.sample.Sampler;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.UiExecutor;
import io.pgdeck.ui.connections.ConnectionsView;
import io.pgdeck.ui.connections.ConnectionsViewModel;
import io.pgdeck.ui.overview.OverviewView;
import io.pgdeck.ui.overview.OverviewViewModel;
import io.pgdeck.ui.queues.QueuesView;
import io.pgdeck.ui.queues.QueuesViewModel;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import javafx.beans.property.BooleanProperty;

/**
 * Everything that lives while pgdeck is connected to one server, wired by plain constructors:
 * the target, its sampler, the action door and the screens' view models.
 */
public final class Session implements AutoCloseable {

    /** Sizes stat every file of a database: every 30 refreshes, not every one. */
    static final int SIZE_EVERY = 30;
    static final int INFO_EVERY = 10;
    /** Queue depths: a few EXPLAINs and index probes per queue, every 5 refreshes. */
    static final int QUEUES_EVERY = 5;

    private final Target target;
    private final Sampler sampler;
    private final ActionDoor actions;
    private final OverviewViewModel overview;
    private final ConnectionsViewModel connections;
    private final QueueMonitor queueMonitor;
    private final QueuesViewModel queues;
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pgdeck-browse");
        t.setDaemon(true);
        return t;
    });
    private List<Page> pages;

    private Session(Target target, Sampler sampler, ActionDoor actions) {
        this.target = target;
        this.sampler = sampler;
        this.actions = actions;
        UiExecutor ui = UiExecutor.fx();
        this.overview = new OverviewViewModel(ui);
        this.connections = new ConnectionsViewModel(ui, actions, sampler::refreshNow,
                target.capabilities().hint(Capabilities.Feature.ALL_ACTIVITY).orElse(""));
        CustomMappingStore mappings = CustomMappingStore.inUserConfigDir();
        this.queueMonitor = new QueueMonitor(target, mappings::list, DepthSettings.DEFAULTS, Duration.ofMinutes(5));
        this.queues = new QueuesViewModel(ui, actions, queueMonitor, background, sampler::refreshNow, m -> {
            mappings.save(m);
            queueMonitor.redetect();
        });
    }

    /** Connects (off the JavaFX thread: it talks to the server) and starts sampling. */
    public static Session open(ConnectionProfile profile, Duration interval, DialogService dialogs,
                               BooleanProperty readOnly, AuditLog auditLog) throws SQLException {
        Target target = Target.open(profile, TargetOptions.defaults());
        Sampler sampler = new Sampler(interval);
        ActionRunner runner = new ActionRunner(target, auditLog, readOnly::get, ActionSettings.defaults());
        Session session = new Session(target, sampler, new ActionDoor(runner, dialogs, UiExecutor.fx(), readOnly));
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
        sampler.every(QUEUES_EVERY, "job queues", queueMonitor::read, queues::onReading);
    }

    /** The screens, built once on the JavaFX thread. */
    public synchronized List<Page> pages() {
        if (pages == null) {
            pages = List.of(new OverviewView(overview), new ConnectionsView(connections), new QueuesView(queues));
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

    public QueuesViewModel queues() {
        return queues;
    }

    @Override
    public void close() {
        sampler.close();
        background.shutdownNow();
        target.close();
    }
}
