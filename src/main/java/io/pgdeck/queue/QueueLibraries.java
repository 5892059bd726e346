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
            QueueLibrary.of(QueAdapter.LIBRARY, QueAdapter::detect),
            QueueLibrary.of(GoodJobAdapter.LIBRARY, GoodJobAdapter::detect),
            QueueLibrary.of(ProcrastinateAdapter.LIBRARY, ProcrastinateAdapter::detect),
            QueueLibrary.of(SolidQueueAdapter.LIBRARY, SolidQueueAdapter::detect),
            QueueLibrary.of(PgmqAdapter.LIBRARY, PgmqAdapter::detect));

    private QueueLibraries() {}

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
