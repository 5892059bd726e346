package io.pgdeck.app;

import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.connect.TargetOptions;
import io.pgdeck.sample.Sampler;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.Navigation;
import io.pgdeck.ui.Page;
import io.pgdeck.ui.Screen;
import io.pgdeck.ui.ScreenContext;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import io.pgdeck.ui.bloat.BloatScreen;
import io.pgdeck.ui.connections.ConnectionsScreen;
import io.pgdeck.ui.explain.ExplainScreen;
import io.pgdeck.ui.indexes.IndexesScreen;
import io.pgdeck.ui.matviews.MatviewsScreen;
import io.pgdeck.ui.overview.OverviewScreen;
import io.pgdeck.ui.overview.OverviewViewModel;
import io.pgdeck.ui.partitions.PartitionsScreen;
import io.pgdeck.ui.pgbouncer.PgBouncerScreen;
import io.pgdeck.ui.queues.QueuesScreen;
import io.pgdeck.ui.replication.ReplicationScreen;
import io.pgdeck.ui.replication.ReplicationViewModel;
import io.pgdeck.ui.statements.StatementsScreen;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Function;
import javafx.beans.property.BooleanProperty;

/**
 * Everything that lives while pgdeck is connected to one server: the target, its sampler, the
 * action door and the screens, in the order of the navigation.
 */
public final class Session implements AutoCloseable, Navigation {

    private static final AtomicInteger OPENED = new AtomicInteger();
    /** What a hidden session's monitoring pool keeps: twenty servers in a window cost twenty connections. */
    static final int HIDDEN_CONNECTIONS = 1;

    /** The screens: adding one is its class and a line here. */
    private static final List<Function<ScreenContext, Screen>> SCREENS = List.of(OverviewScreen::new,
            ConnectionsScreen::new, QueuesScreen::new, StatementsScreen::new, ExplainScreen::new,
            IndexesScreen::new, BloatScreen::new, PartitionsScreen::new, MatviewsScreen::new, PgBouncerScreen::new,
            ReplicationScreen::new);

    private final Target target;
    private final Sampler sampler;
    private final ActionDoor actions;
    private final TaskExecutor tasks = TaskExecutor.background(UiExecutor.fx());
    private final List<Screen> screens = new ArrayList<>();
    private volatile Consumer<String> navigate = title -> { };

    private Session(Target target, Sampler sampler, ActionDoor actions, DialogService dialogs, AuditLog auditLog) {
        this.target = target;
        this.sampler = sampler;
        this.actions = actions;
        ScreenContext context = new ScreenContext(target, sampler, actions, dialogs, UiExecutor.fx(), tasks, this, auditLog);
        SCREENS.forEach(make -> screens.add(make.apply(context)));
        actions.afterEachAction(sampler::refresh);
        // known before the first refresh, so no write is offered on a standby even for a second
        actions.onStandby(target.capabilities().inRecovery());
    }

    /** Connects (off the JavaFX thread: it talks to the server) and starts sampling. */
    public static Session open(ConnectionProfile profile, Duration interval, DialogService dialogs,
                               BooleanProperty readOnly, AuditLog auditLog) throws SQLException {
        return start(Target.open(profile, TargetOptions.defaults()), interval, staggered(interval), dialogs, readOnly,
                auditLog);
    }

    /**
     * Where in the refresh interval the next session's ticks fall: steps of the golden ratio
     * spread any number of servers' reads evenly, so twenty tabs never read all at once.
     */
    static Duration staggered(Duration interval) {
        double phase = (OPENED.getAndIncrement() * 0.6180339887) % 1.0;
        return Duration.ofMillis(Math.round(interval.toMillis() * phase));
    }

    /** Starts sampling a target already opened; the session closes it. */
    public static Session start(Target target, Duration interval, DialogService dialogs,
                                BooleanProperty readOnly, AuditLog auditLog) {
        return start(target, interval, Duration.ZERO, dialogs, readOnly, auditLog);
    }

    /** As {@link #start(Target, Duration, DialogService, BooleanProperty, AuditLog)}, its first tick {@code offset} late. */
    public static Session start(Target target, Duration interval, Duration offset, DialogService dialogs,
                                BooleanProperty readOnly, AuditLog auditLog) {
        Sampler sampler = new Sampler(interval);
        ActionRunner runner = new ActionRunner(target, auditLog, readOnly::get, ActionSettings.defaults());
        Session session = new Session(target, sampler, new ActionDoor(runner, dialogs, UiExecutor.fx(), readOnly), dialogs, auditLog);
        sampler.start(offset);
        return session;
    }

    /** How the window selects a screen by its title; set by the window showing this session. */
    public void onNavigate(Consumer<String> selectByTitle) {
        navigate = selectByTitle;
    }

    @Override
    public void show(String title) {
        navigate.accept(title);
    }

    /** The screen of this type, for another screen (and for tests, to reach its view model). */
    @Override
    public <S extends Screen> S screen(Class<S> type) {
        return screens.stream().filter(type::isInstance).map(type::cast).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no screen " + type.getSimpleName()));
    }

    /** The screens' pages: the overview built now, the others on their first visit, on the JavaFX thread. */
    public List<Page> pages() {
        return screens.stream().map(Screen::page).toList();
    }

    /**
     * Whether this session's window or tab is shown. Hidden, no screen is visible, so only the
     * feeds of the status bar run, slowly, on one pooled connection kept warm to show again at once.
     */
    public void setShown(boolean shown) {
        target.keepConnections(shown ? target.options().poolSize() : HIDDEN_CONNECTIONS);
        sampler.setShown(shown);
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

    /** The status bar's: whether the data is live. */
    public OverviewViewModel overview() {
        return screen(OverviewScreen.class).viewModel();
    }

    /** The status bar's: the server's role. */
    public ReplicationViewModel replication() {
        return screen(ReplicationScreen.class).viewModel();
    }

    @Override
    public void close() {
        tasks.close();
        sampler.close();
        screens.forEach(Screen::close);
        target.close();
    }
}
