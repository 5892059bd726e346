package io.pgdeck.app;

import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.action.MatviewRefreshHistory;
import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.BloatReader;
import io.pgdeck.catalog.IndexReader;
import io.pgdeck.catalog.MatviewReader;
import io.pgdeck.catalog.PartitionReader;
import io.pgdeck.catalog.PgBouncerSource;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.catalog.ReplicationReader;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.catalog.StatementsReader;
import io.pgdeck.catalog.VacuumReader;
import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.ProfileResolver;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.explain.ExplainRunner;
import io.pgdeck.queue.CustomMappingStore;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.QueueMonitor;
import io.pgdeck.sample.Sampler;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.LazyPage;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.UiExecutor;
import io.pgdeck.ui.bloat.BloatView;
import io.pgdeck.ui.bloat.BloatViewModel;
import io.pgdeck.ui.connections.ConnectionsView;
import io.pgdeck.ui.connections.ConnectionsViewModel;
import io.pgdeck.ui.explain.ExplainView;
import io.pgdeck.ui.explain.ExplainViewModel;
import io.pgdeck.ui.indexes.IndexesView;
import io.pgdeck.ui.indexes.IndexesViewModel;
import io.pgdeck.ui.overview.OverviewView;
import io.pgdeck.ui.matviews.MatviewsView;
import io.pgdeck.ui.matviews.MatviewsViewModel;
import io.pgdeck.ui.overview.OverviewViewModel;
import io.pgdeck.ui.statements.StatementsView;
import io.pgdeck.ui.statements.StatementsViewModel;
import io.pgdeck.ui.partitions.PartitionsView;
import io.pgdeck.ui.partitions.PartitionsViewModel;
import io.pgdeck.ui.queues.QueuesView;
import io.pgdeck.ui.queues.QueuesViewModel;
import io.pgdeck.ui.pgbouncer.PgBouncerView;
import io.pgdeck.ui.pgbouncer.PgBouncerViewModel;
import io.pgdeck.ui.replication.ReplicationView;
import io.pgdeck.ui.replication.ReplicationViewModel;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
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
    /** An EXPLAIN ANALYZE runs the statement: long enough for a slow report, short enough not to hurt. */
    static final Duration EXPLAIN_TIMEOUT = Duration.ofSeconds(60);
    /** Dead tuples and last (auto)vacuum: counters, but of every table, so every few refreshes. */
    static final int VACUUM_EVERY = 5;
    /** Queue depths: a few EXPLAINs and index probes per queue, every 5 refreshes. */
    static final int QUEUES_EVERY = 5;
    /**
     * Every relation's definition, size and estimate: seconds of server time on a catalog of
     * 10,000 tables, so every 300 refreshes (five minutes at the default second); the Refresh
     * button and every action read them at once.
     */
    static final int CATALOG_EVERY = 300;
    /** Index scan counters of every index: every 5 refreshes, as the vacuum counters. */
    static final int INDEX_USAGE_EVERY = 5;

    private final Target target;
    private final Sampler sampler;
    private final ActionDoor actions;
    private final OverviewViewModel overview;
    private final ConnectionsViewModel connections;
    private final StatementsViewModel statements;
    private final ExecutorService explainThread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pgdeck-explain");
        t.setDaemon(true);
        return t;
    });
    private final ExplainViewModel explain;
    private volatile Consumer<String> navigate = title -> { };
    private final BloatReader bloatReader;
    private final BloatViewModel bloat;
    /** On-demand reads a user asks for (pgstattuple), one at a time, never on the JavaFX thread. */
    private final ExecutorService onDemand = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pgdeck-on-demand");
        t.setDaemon(true);
        return t;
    });
    private final IndexesViewModel indexes;

    private final PartitionsViewModel partitions;
    private final MatviewsViewModel matviews;
    private final QueueMonitor queueMonitor;
    private final QueuesViewModel queues;
    private final java.util.concurrent.ExecutorService background = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "pgdeck-browse");
        t.setDaemon(true);
        return t;
    });
    /** PgBouncer's admin console: the profile's, or the target itself when it is a bouncer. */
    private final PgBouncerSource pgbouncerSource;
    private final PgBouncerViewModel pgbouncer;
    private final ReplicationViewModel replication;
    private List<Page> pages;

    private Session(Target target, Sampler sampler, ActionDoor actions, DialogService dialogs, AuditLog auditLog) {
        this.target = target;
        this.sampler = sampler;
        this.actions = actions;
        UiExecutor ui = UiExecutor.fx();
        this.overview = new OverviewViewModel(ui);
        this.connections = new ConnectionsViewModel(ui, actions, sampler::refreshNow,
                target.capabilities().hint(Capabilities.Feature.ALL_ACTIVITY).orElse(""));
        this.explain = new ExplainViewModel(ui, explainThread, new ExplainRunner(target, EXPLAIN_TIMEOUT), dialogs,
                actions.readOnlyProperty());
        this.statements = new StatementsViewModel(ui, actions, sampler::refreshNow, this::openInWorkbench,
                target.capabilities().hint(Capabilities.Feature.STATEMENTS).orElse(""));
        this.bloatReader = new BloatReader(target);
        this.bloat = new BloatViewModel(ui, actions, sampler::refreshNow, bloatReader::exact, onDemand,
                target.profile().database(), target.capabilities().hint(Capabilities.Feature.PGSTATTUPLE).orElse(""));
        this.indexes = new IndexesViewModel(ui, actions, sampler::refreshNow);
        PartitionReader partitionReader = new PartitionReader(target);
        this.partitions = new PartitionsViewModel(ui, actions, sampler::refreshNow, ForkJoinPool.commonPool(),
                (def, key, p) -> partitionReader.rowsInRange(def, key, p.from(), p.to()), target.version().atLeast(14), partitionReader.partmanSchema().orElse(null),
                Clock.systemUTC());
        this.matviews = new MatviewsViewModel(ui, actions, sampler::refreshNow, target.profile().describe(),
                () -> new MatviewRefreshHistory(auditLog.read()));
        CustomMappingStore mappings = CustomMappingStore.inUserConfigDir();
        this.queueMonitor = new QueueMonitor(target, mappings::list, DepthSettings.DEFAULTS, Duration.ofMinutes(5));
        this.queues = new QueuesViewModel(ui, actions, queueMonitor, background, sampler::refreshNow, m -> {
            mappings.save(m);
            queueMonitor.redetect();
        });
        this.pgbouncerSource = PgBouncerSource.forTarget(target, null, ProfileResolver.system());
        this.pgbouncer = new PgBouncerViewModel(ui, PgBouncerThresholds.defaults());
        this.replication = new ReplicationViewModel(ui, actions);
        // known before the first refresh, so no write is offered on a standby even for a second
        actions.onStandby(target.capabilities().inRecovery());
    }

    /** Connects (off the JavaFX thread: it talks to the server) and starts sampling. */
    public static Session open(ConnectionProfile profile, Duration interval, DialogService dialogs,
                               BooleanProperty readOnly, AuditLog auditLog) throws SQLException {
        return start(Target.open(profile, TargetOptions.defaults()), interval, dialogs, readOnly, auditLog);
    }

    /** Starts sampling a target already opened; the session closes it. */
    public static Session start(Target target, Duration interval, DialogService dialogs,
                                BooleanProperty readOnly, AuditLog auditLog) {
        Sampler sampler = new Sampler(interval);
        ActionRunner runner = new ActionRunner(target, auditLog, readOnly::get, ActionSettings.defaults());
        Session session = new Session(target, sampler, new ActionDoor(runner, dialogs, UiExecutor.fx(), readOnly), dialogs, auditLog);
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
            statements.onBackends(s);
        });
        if (target.capabilities().statementsUsable()) {
            sampler.everyTick("statements", new StatementsReader(target)::top, statements::onStatements);
        }
        sampler.everyTick("pool", target::poolStats, connections::onPool);
        sampler.every(SIZE_EVERY, "database sizes", server::databaseSizes, s -> {
            overview.onSizes(s);
            bloat.onSizes(s);
        });
        sampler.every(CATALOG_EVERY, "bloat estimates", bloatReader::estimates, bloat::onEstimates);
        sampler.every(VACUUM_EVERY, "vacuum status", new VacuumReader(target)::status, bloat::onVacuum);
        IndexReader index = new IndexReader(target);
        sampler.every(CATALOG_EVERY, "index definitions", index::definitions, indexes::onDefinitions);
        sampler.every(CATALOG_EVERY, "table scans", index::tableScans, indexes::onTableScans);
        sampler.every(INDEX_USAGE_EVERY, "index usage", index::usage, indexes::onUsage);
        sampler.every(CATALOG_EVERY, "partitions", new PartitionReader(target)::sets, partitions::onSets);
        sampler.every(CATALOG_EVERY, "materialized views", new MatviewReader(target)::matviews, matviews::onMatviews);
        sampler.every(QUEUES_EVERY, "job queues", queueMonitor::read, queues::onReading);
        sampler.everyTick("pgbouncer", pgbouncerSource::read, pgbouncer::onReading);
        // every refresh: a promoted standby becomes writable, and the status bar says so at once
        sampler.everyTick("replication", new ReplicationReader(target)::status, s -> {
            // Capabilities were read at connect; a promotion (or a failover behind a name) changes them
            if (s.ok() && s.value().standby() != target.capabilities().inRecovery()) {
                target.refreshCapabilities();
            }
            replication.onStatus(s);
        });
    }

    /** "Explain…" on a slow query: the statement goes to the workbench, and the window shows it. */
    private void openInWorkbench(String sql) {
        explain.open(sql);
        navigate.accept(ExplainView.TITLE);
    }

    /** How the window selects a screen by its title; set by the window showing this session. */
    public void onNavigate(Consumer<String> selectByTitle) {
        navigate = selectByTitle;
    }

    /** The screens, the overview built now and the others on their first visit, on the JavaFX thread. */
    public synchronized List<Page> pages() {
        if (pages == null) {
            pages = List.of(new OverviewView(overview),
                    new LazyPage(ConnectionsView.TITLE, ConnectionsView.ICON, () -> new ConnectionsView(connections)),
                    new LazyPage(QueuesView.TITLE, QueuesView.ICON, () -> new QueuesView(queues)),
                    new LazyPage(StatementsView.TITLE, StatementsView.ICON, () -> new StatementsView(statements)),
                    new LazyPage(ExplainView.TITLE, ExplainView.ICON, () -> new ExplainView(explain)),
                    new LazyPage(IndexesView.TITLE, IndexesView.ICON, () -> new IndexesView(indexes)),
                    new LazyPage(BloatView.TITLE, BloatView.ICON, () -> new BloatView(bloat)),
                    new LazyPage(PartitionsView.TITLE, PartitionsView.ICON, () -> new PartitionsView(partitions)),
                    new LazyPage(MatviewsView.TITLE, MatviewsView.ICON, () -> new MatviewsView(matviews)),
                    new LazyPage(PgBouncerView.TITLE, PgBouncerView.ICON, () -> new PgBouncerView(pgbouncer)),
                    new LazyPage(ReplicationView.TITLE, ReplicationView.ICON, () -> new ReplicationView(replication)));
        }
        return pages;
    }

    public Target target() {
        return target;
    }

    /**
     * MINIMAL STAND-IN for the i10 screens branch's setShown (hidden: only live feeds, slowly):
     * here a hidden session's sampler simply pauses and resumes when shown. Join with that one.
     */
    public void setShown(boolean shown) {
        if (shown) {
            sampler.resume();
        } else {
            sampler.pause();
        }
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

    public StatementsViewModel statements() {
        return statements;
    }

    public ExplainViewModel explain() {
        return explain;
    }

    public BloatViewModel bloat() {
        return bloat;
    }

    public IndexesViewModel indexes() {
        return indexes;
    }

    public PartitionsViewModel partitions() {
        return partitions;
    }

    public MatviewsViewModel matviews() {
        return matviews;
    }

    public QueuesViewModel queues() {
        return queues;
    }

    public PgBouncerViewModel pgbouncer() {
        return pgbouncer;
    }

    public ReplicationViewModel replication() {
        return replication;
    }

    @Override
    public void close() {
        explainThread.shutdownNow();
        onDemand.shutdownNow();
        sampler.close();
        background.shutdownNow();
        pgbouncerSource.close();
        target.close();
    }
}
