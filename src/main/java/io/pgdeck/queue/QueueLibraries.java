package io.pgdeck.queue;

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

    /** Built-in libraries, in the order the screen lists them. */
    public static final List<QueueLibrary> BUILT_IN = List.of(
            QueueLibrary.of(SeedJobQueueAdapter.LIBRARY, SeedJobQueueAdapter::detect),
            QueueLibrary.of(RiverAdapter.LIBRARY, RiverAdapter::detect),
            QueueLibrary.of(ObanAdapter.LIBRARY, ObanAdapter::detect),
            QueueLibrary.of(PgBossAdapter.LIBRARY, PgBossAdapter::detect),
            QueueLibrary.of(GraphileWorkerAdapter.LIBRARY, GraphileWorkerAdapter::detect),
            QueueLibrary.of(QueAdapter.LIBRARY, QueAdapter::detect),
            QueueLibrary.of(GoodJobAdapter.LIBRARY, GoodJobAdapter::detect),
            QueueLibrary.of(ProcrastinateAdapter.LIBRARY, ProcrastinateAdapter::detect),
            QueueLibrary.of(SolidQueueAdapter.LIBRARY, SolidQueueAdapter::detect),
            QueueLibrary.of(PgmqAdapter.LIBRARY, PgmqAdapter::detect));

    /** Mappings pgdeck ships for tables it knows without a library (the demo's PareL priority tiers). */
    public static final List<CustomMapping> SHIPPED_MAPPINGS = List.of(CustomMapping.PAREL);

    private QueueLibraries() {}

    /** The built-in libraries, then the shipped mappings and the user's own. */
    public static List<QueueLibrary> with(List<CustomMapping> userMappings) {
        List<CustomMapping> mappings = new ArrayList<>(SHIPPED_MAPPINGS);
        userMappings.stream().filter(m -> mappings.stream().noneMatch(s -> s.name().equals(m.name()))).forEach(mappings::add);
        List<QueueLibrary> all = new ArrayList<>(BUILT_IN);
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
