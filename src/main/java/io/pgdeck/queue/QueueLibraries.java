package io.pgdeck.queue;

import io.pgdeck.connect.RedisSource;
import io.pgdeck.queue.bullmq.BullMqAdapter;
import java.util.ArrayList;
import java.util.List;
import org.jooq.DSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue libraries pgdeck knows, one line each, and detection of every installation in a
 * database. Adding a library is adding its adapter class and a line here.
 */
public final class QueueLibraries {

    private static final Logger LOG = LoggerFactory.getLogger(QueueLibraries.class);

    /** Built-in libraries, in the order the screen lists them, read with the default settings. */
    public static final List<QueueLibrary> BUILT_IN = builtIn(DepthSettings.DEFAULTS);

    /** Built-in libraries; the settings' retry limit is the seed job_queue's where it has no max_retries. */
    public static List<QueueLibrary> builtIn(DepthSettings settings) {
        return List.of(
            QueueLibrary.of(SeedJobQueueAdapter.LIBRARY, db -> SeedJobQueueAdapter.detect(db, settings.retryLimit())),
            QueueLibrary.of(RiverAdapter.LIBRARY, RiverAdapter::detect),
            QueueLibrary.of(ObanAdapter.LIBRARY, ObanAdapter::detect),
            QueueLibrary.of(PgBossAdapter.LIBRARY, PgBossAdapter::detect),
            QueueLibrary.of(GraphileWorkerAdapter.LIBRARY, GraphileWorkerAdapter::detect),
            QueueLibrary.of(QueAdapter.LIBRARY, QueAdapter::detect),
            QueueLibrary.of(GoodJobAdapter.LIBRARY, GoodJobAdapter::detect),
            QueueLibrary.of(ProcrastinateAdapter.LIBRARY, ProcrastinateAdapter::detect),
            QueueLibrary.of(SolidQueueAdapter.LIBRARY, SolidQueueAdapter::detect),
            QueueLibrary.of(PgmqAdapter.LIBRARY, PgmqAdapter::detect));
    }

    /** BullMQ's queues in the profile's Redis servers: not in the catalog, so given rather than detected. */
    public static List<QueueAdapter> inRedis(List<RedisSource> sources) {
        return sources.stream().<QueueAdapter>map(BullMqAdapter::new).toList();
    }

    /** Mappings pgdeck ships for tables it knows without a library (the demo's PareL priority tiers). */
    public static final List<CustomMapping> SHIPPED_MAPPINGS = List.of(CustomMapping.PAREL);

    private QueueLibraries() {}

    /** The built-in libraries, then the shipped mappings and the user's own. */
    public static List<QueueLibrary> with(List<CustomMapping> userMappings) {
        return with(userMappings, DepthSettings.DEFAULTS);
    }

    /** The built-in libraries with these settings, then the shipped mappings and the user's own. */
    public static List<QueueLibrary> with(List<CustomMapping> userMappings, DepthSettings settings) {
        List<CustomMapping> mappings = new ArrayList<>(SHIPPED_MAPPINGS);
        userMappings.stream().filter(m -> mappings.stream().noneMatch(s -> s.name().equals(m.name()))).forEach(mappings::add);
        List<QueueLibrary> all = new ArrayList<>(builtIn(settings));
        all.add(QueueLibrary.of("custom mappings", db -> CustomQueueAdapter.detect(db, mappings)));
        return List.copyOf(all);
    }

    /**
     * Every installation of the given libraries. A library whose detection fails (a privilege
     * missing on its schema) is skipped and logged, so one cannot hide the others.
     */
    public static List<QueueAdapter> detect(DSLContext db, List<QueueLibrary> libraries) {
        List<QueueAdapter> found = new ArrayList<>();
        for (QueueLibrary library : libraries) {
            try {
                found.addAll(library.detect(db));
            } catch (RuntimeException e) {
                LOG.warn("could not look for {}: {}", library.name(), e.toString());
            }
        }
        return List.copyOf(found);
    }
}
