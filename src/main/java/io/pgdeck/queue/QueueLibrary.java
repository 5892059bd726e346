package io.pgdeck.queue;

import java.util.List;
import org.jooq.DSLContext;

/**
 * A queue library pgdeck knows, and how to find its installations in a database from the
 * catalog alone (tables, enum types, schemas): several libraries at once, each possibly in a
 * non-public schema or installed twice. Each adapter class offers a static
 * {@code detect(DSLContext)} and {@link QueueLibraries} lists them.
 */
public interface QueueLibrary {

    String name();

    /** Every installation found; empty when none. Reads the catalog only, never job rows. */
    List<? extends QueueAdapter> detect(DSLContext db);

    static QueueLibrary of(String name, java.util.function.Function<DSLContext, List<? extends QueueAdapter>> detect) {
        return new QueueLibrary() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public List<? extends QueueAdapter> detect(DSLContext db) {
                return detect.apply(db);
            }
        };
    }
}
