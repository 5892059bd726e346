package io.pgdeck.ui.overview;

import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.DatabaseStats;
import io.pgdeck.catalog.Formats;
import io.pgdeck.catalog.ServerInfo;
import io.pgdeck.sample.CounterRate;
import io.pgdeck.sample.History;
import io.pgdeck.sample.Sample;
import io.pgdeck.sample.ServerRates;
import io.pgdeck.ui.Freshness;
import io.pgdeck.ui.UiExecutor;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The server at a glance: version and uptime, connections against max_connections, transaction
 * and cache rates, deadlocks, temp files, database sizes, and their history for the charts.
 * Samples arrive on sampler threads and are applied on the JavaFX thread through {@link UiExecutor}.
 */
public final class OverviewViewModel {

    /** A day of one-second samples. */
    static final int HISTORY = 86_400;

    private final UiExecutor ui;
    private final Freshness freshness = new Freshness();
    private final ReadOnlyStringWrapper version = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper uptime = new ReadOnlyStringWrapper("");
    private final ReadOnlyIntegerWrapper connections = new ReadOnlyIntegerWrapper();
    private final ReadOnlyIntegerWrapper maxConnections = new ReadOnlyIntegerWrapper();
    private final ReadOnlyDoubleWrapper commitsPerSecond = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper rollbacksPerSecond = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper cacheHitRatio = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyDoubleWrapper cacheHitRatioSinceReset = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyLongWrapper deadlocks = new ReadOnlyLongWrapper();
    private final ReadOnlyLongWrapper tempBytes = new ReadOnlyLongWrapper();
    private final ReadOnlyDoubleWrapper tempBytesPerSecond = new ReadOnlyDoubleWrapper(Double.NaN);
    private final ReadOnlyLongWrapper totalSize = new ReadOnlyLongWrapper(-1);
    private final ObservableList<DatabaseRow> databases = FXCollections.observableArrayList();
    private final History<ServerRates> rateHistory = new History<>(HISTORY);
    private final History<Integer> connectionHistory = new History<>(HISTORY);
    private final History<Long> sizeHistory = new History<>(HISTORY / 30);
    private final ReadOnlyObjectWrapper<Instant> chartsUpdated = new ReadOnlyObjectWrapper<>();

    /** Touched only by the stats feed's deliveries, which never overlap. */
    private volatile Sample<List<DatabaseStats>> previousStats;
    private Map<String, Long> sizes = Map.of();

    public OverviewViewModel(UiExecutor ui) {
        this.ui = ui;
    }

    public void onInfo(Sample<ServerInfo> sample) {
        ui.execute(() -> {
            if (sample.ok()) {
                ServerInfo info = sample.value();
                version.set(shortVersion(info.version()));
                uptime.set(Formats.age(info.uptime()));
                maxConnections.set(info.maxConnections());
            }
        });
    }

    public void onStats(Sample<List<DatabaseStats>> sample) {
        if (!sample.ok()) {
            ui.execute(() -> freshness.update(sample));
            return;
        }
        // rates are worked out here, on the sampler's thread (one sample of a feed at a time), not on the JavaFX thread
        List<DatabaseStats> stats = sample.value();
        Sample<List<DatabaseStats>> previous = previousStats;
        previousStats = sample;
        ServerRates rates = previous == null ? null
                : ServerRates.between(previous.value(), previous.readAt(), stats, sample.readAt());
        Map<String, Double> commitRates = new HashMap<>();
        if (previous != null) {
            for (DatabaseStats now : stats) {
                previous.value().stream().filter(p -> p.database().equals(now.database())).findFirst()
                        .ifPresent(p -> commitRates.put(now.database(), CounterRate.perSecond(
                                p.commits(), previous.readAt(), now.commits(), sample.readAt())));
            }
        }
        long hit = stats.stream().mapToLong(DatabaseStats::blocksHit).sum();
        long read = stats.stream().mapToLong(DatabaseStats::blocksRead).sum();
        long deadlockCount = stats.stream().mapToLong(DatabaseStats::deadlocks).sum();
        long temp = stats.stream().mapToLong(DatabaseStats::tempBytes).sum();
        ui.execute(() -> {
            freshness.update(sample);
            if (rates != null) {
                rateHistory.add(sample.readAt(), rates);
                commitsPerSecond.set(rates.commits());
                rollbacksPerSecond.set(rates.rollbacks());
                cacheHitRatio.set(rates.cacheHitRatio());
                tempBytesPerSecond.set(rates.tempBytes());
            }
            cacheHitRatioSinceReset.set(hit + read == 0 ? Double.NaN : (double) hit / (hit + read));
            deadlocks.set(deadlockCount);
            tempBytes.set(temp);
            databases.setAll(stats.stream().map(s -> new DatabaseRow(s.database(), sizes.get(s.database()),
                    s.backends(), commitRates.getOrDefault(s.database(), Double.NaN), s.cacheHitRatio(),
                    s.deadlocks(), s.tempBytes())).toList());
            chartsUpdated.set(sample.readAt());
        });
    }

    public void onSizes(Sample<Map<String, Long>> sample) {
        ui.execute(() -> {
            if (sample.ok()) {
                sizes = Map.copyOf(sample.value());
                long total = sizes.values().stream().mapToLong(Long::longValue).sum();
                totalSize.set(total);
                sizeHistory.add(sample.readAt(), total);
                databases.replaceAll(r -> new DatabaseRow(r.name(), sizes.get(r.name()), r.backends(),
                        r.commitsPerSecond(), r.cacheHitRatio(), r.deadlocks(), r.tempBytes()));
            }
        });
    }

    /** Client connections counted from pg_stat_activity, shared with the connections screen. */
    public void onBackends(Sample<List<Backend>> sample) {
        ui.execute(() -> {
            if (sample.ok()) {
                int clients = (int) sample.value().stream().filter(Backend::isClient).count();
                connections.set(clients);
                connectionHistory.add(sample.readAt(), clients);
            }
        });
    }

    private static String shortVersion(String full) {
        int comma = full.indexOf(',');
        String head = comma > 0 ? full.substring(0, comma) : full;
        int on = head.indexOf(" on ");
        return on > 0 ? head.substring(0, on) : head;
    }

    public double connectionsRatio() {
        return maxConnections.get() == 0 ? 0 : (double) connections.get() / maxConnections.get();
    }

    public Freshness freshness() {
        return freshness;
    }

    public ReadOnlyStringProperty versionProperty() {
        return version.getReadOnlyProperty();
    }

    public ReadOnlyStringProperty uptimeProperty() {
        return uptime.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty connectionsProperty() {
        return connections.getReadOnlyProperty();
    }

    public ReadOnlyIntegerProperty maxConnectionsProperty() {
        return maxConnections.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty commitsPerSecondProperty() {
        return commitsPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty rollbacksPerSecondProperty() {
        return rollbacksPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty cacheHitRatioProperty() {
        return cacheHitRatio.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty cacheHitRatioSinceResetProperty() {
        return cacheHitRatioSinceReset.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty deadlocksProperty() {
        return deadlocks.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty tempBytesProperty() {
        return tempBytes.getReadOnlyProperty();
    }

    public ReadOnlyDoubleProperty tempBytesPerSecondProperty() {
        return tempBytesPerSecond.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty totalSizeProperty() {
        return totalSize.getReadOnlyProperty();
    }

    public ObservableList<DatabaseRow> databases() {
        return FXCollections.unmodifiableObservableList(databases);
    }

    public History<ServerRates> rateHistory() {
        return rateHistory;
    }

    public History<Integer> connectionHistory() {
        return connectionHistory;
    }

    public History<Long> sizeHistory() {
        return sizeHistory;
    }

    /** Changes after every applied sample: the view redraws its charts when it does. */
    public ReadOnlyObjectProperty<Instant> chartsUpdatedProperty() {
        return chartsUpdated.getReadOnlyProperty();
    }
}
