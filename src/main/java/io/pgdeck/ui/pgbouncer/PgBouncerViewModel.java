package io.pgdeck.ui.pgbouncer;

import io.pgdeck.catalog.BouncerPool;
import io.pgdeck.catalog.BouncerSocket;
import io.pgdeck.catalog.BouncerStats;
import io.pgdeck.catalog.PgBouncerRead;
import io.pgdeck.catalog.PgBouncerReading;
import io.pgdeck.catalog.PgBouncerThresholds;
import io.pgdeck.catalog.PgBouncerWarning;
import io.pgdeck.sample.BouncerRates;
import io.pgdeck.sample.History;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * PgBouncer's pools: clients and servers per pool, each database's traffic between two refreshes,
 * the clients and servers themselves, the configuration, the warnings, and waiting over time for
 * the charts. Or, when there is no console to read, the one sentence that says why.
 */
public final class PgBouncerViewModel {

    /** A day of one-second samples. */
    static final int HISTORY = 86_400;
    private static final String ADMIN_DATABASE = "pgbouncer";

    private final UiExecutor ui;
    private final PgBouncerThresholds limits;
    private final Freshness freshness = new Freshness();
    private final ReadOnlyStringWrapper unavailable = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper console = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper poolMode = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper clientCount = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper maxClientConn = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper defaultPoolSize = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper waiting = new ReadOnlyIntegerWrapper();
    private final ReadOnlyObjectWrapper<Duration> longestWait = new ReadOnlyObjectWrapper<>(Duration.ZERO);
    private final ObservableList<PoolRow> pools = FXCollections.observableArrayList();
    private final ObservableList<BouncerSocket> clients = FXCollections.observableArrayList();
    private final ObservableList<BouncerSocket> servers = FXCollections.observableArrayList();
    private final ObservableList<SettingRow> config = FXCollections.observableArrayList();
    private final ObservableList<PgBouncerWarning> warnings = FXCollections.observableArrayList();
    // kept, not made per call: a listener on a fresh read-only view is lost when that view is collected
    private final ObservableList<PoolRow> poolsView = FXCollections.unmodifiableObservableList(pools);
    private final ObservableList<BouncerSocket> clientsView = FXCollections.unmodifiableObservableList(clients);
    private final ObservableList<BouncerSocket> serversView = FXCollections.unmodifiableObservableList(servers);
    private final ObservableList<SettingRow> configView = FXCollections.unmodifiableObservableList(config);
    private final ObservableList<PgBouncerWarning> warningsView = FXCollections.unmodifiableObservableList(warnings);
    private final History<WaitPoint> waitHistory = new History<>(HISTORY);
    private final ReadOnlyObjectWrapper<Instant> chartsUpdated = new ReadOnlyObjectWrapper<>();

    private PgBouncerRead previous;

    public PgBouncerViewModel(UiExecutor ui, PgBouncerThresholds limits) {
        this.ui = ui;
        this.limits = limits;
    }

    public void onReading(Sample<PgBouncerReading> sample) {
        ui.execute(() -> {
            freshness.update(sample);
            if (!sample.ok()) {
                return;
            }
            PgBouncerReading reading = sample.value();
            unavailable.set(reading.available() ? "" : reading.unavailable());
            console.set(reading.console() == null ? "" : reading.console());
            if (reading.available()) {
                show(reading.read());
            }
        });
    }

    private void show(PgBouncerRead read) {
        Map<String, BouncerRates> rates = previous == null ? Map.of()
                : BouncerRates.between(previous.stats(), previous.readAt(), read.stats(), read.readAt()).stream()
                        .collect(Collectors.toMap(BouncerRates::database, Function.identity(), (a, b) -> b));
        version.set(read.version());
        poolMode.set(read.setting("pool_mode").orElse(""));
        clientCount.set(read.totalClients());
        maxClientConn.set(read.maxClientConn());
        defaultPoolSize.set(read.defaultPoolSize());
        List<BouncerPool> applicationPools = read.pools().stream().filter(p -> !ADMIN_DATABASE.equals(p.database())).toList();
        int waitingNow = applicationPools.stream().mapToInt(BouncerPool::clientsWaiting).sum();
        Duration longest = applicationPools.stream().map(BouncerPool::maxWait).max(Comparator.naturalOrder()).orElse(Duration.ZERO);
        waiting.set(waitingNow);
        longestWait.set(longest);
        pools.setAll(read.pools().stream().map(p -> PoolRow.of(p, read.poolSize(p.database()), rates.get(p.database()))).toList());
        clients.setAll(read.clients());
        servers.setAll(read.servers());
        config.setAll(read.config().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> new SettingRow(e.getKey(), e.getValue())).toList());
        warnings.setAll(PgBouncerWarning.of(read, limits));
        waitHistory.add(read.readAt(), new WaitPoint(waitingNow, longest.toNanos() / 1e6,
                averageWaitMillis(previous, read)));
        previous = read;
        chartsUpdated.set(read.readAt());
    }

    /** Wait over assignments of every application database since the previous read, or NaN. */
    private static double averageWaitMillis(PgBouncerRead before, PgBouncerRead now) {
        if (before == null) {
            return Double.NaN;
        }
        BouncerStats then = total(before);
        BouncerStats current = total(now);
        return BouncerRates.of(then, before.readAt(), current, now.readAt()).avgWaitMicros() / 1000;
    }

    private static BouncerStats total(PgBouncerRead read) {
        List<BouncerStats> s = read.stats().stream().filter(x -> !ADMIN_DATABASE.equals(x.database())).toList();
        return new BouncerStats("all", s.stream().mapToLong(BouncerStats::assignments).sum(),
                s.stream().mapToLong(BouncerStats::transactions).sum(), s.stream().mapToLong(BouncerStats::queries).sum(),
                s.stream().mapToLong(BouncerStats::bytesReceived).sum(), s.stream().mapToLong(BouncerStats::bytesSent).sum(),
                s.stream().mapToLong(BouncerStats::transactionMicros).sum(), s.stream().mapToLong(BouncerStats::queryMicros).sum(),
                s.stream().mapToLong(BouncerStats::waitMicros).sum());
    }

    public Freshness freshness() {
        return freshness;
    }

    /** Why there is nothing to show (no bouncer configured or found, console refused), else empty. */
    public ReadOnlyStringProperty unavailableProperty() {
        return unavailable.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty consoleProperty() {
        return console.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty poolModeProperty() {
        return poolMode.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty clientCountProperty() {
        return clientCount.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty maxClientConnProperty() {
        return maxClientConn.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty defaultPoolSizeProperty() {
        return defaultPoolSize.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty waitingProperty() {
        return waiting.getReadOnlyProperty();
    }

    public ReadOnlyObjectProperty<Duration> longestWaitProperty() {
        return longestWait.getReadOnlyProperty();
    }

    public ObservableList<PoolRow> pools() {
        return poolsView;
    }

    public ObservableList<BouncerSocket> clients() {
        return clientsView;
    }

    public ObservableList<BouncerSocket> servers() {
        return serversView;
    }

    public ObservableList<SettingRow> config() {
        return configView;
    }

    public ObservableList<PgBouncerWarning> warnings() {
        return warningsView;
    }

    public History<WaitPoint> waitHistory() {
        return waitHistory;
    }

    /** Changes after every applied read: the view redraws its charts when it does. */
    public ReadOnlyObjectProperty<Instant> chartsUpdatedProperty() {
        return chartsUpdated.getReadOnlyProperty();
    }
}
