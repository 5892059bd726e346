package io.pgdeck.ui;

import io.pgdeck.catalog.ActivityReader;
import io.pgdeck.catalog.Backend;
import io.pgdeck.catalog.ServerReader;
import io.pgdeck.catalog.Topic;
import io.pgdeck.sample.Sampler;
import java.util.Map;
import java.util.Set;

/** The feeds several screens show, declared once so that they share one read. */
public final class Feeds {

    /**
     * Every relation's definition, size and estimate: seconds of server time on a catalog of
     * 10,000 tables, so every 300 refreshes (five minutes at the default second) while a screen
     * shows them; the Refresh button and the actions that change them read them at once.
     */
    public static final int CATALOG_EVERY = 300;
    /** Sizes stat every file of a database: every 30 refreshes, not every one. */
    static final int SIZE_EVERY = 30;

    private Feeds() {
    }

    /** pg_stat_activity: cheap, and what the overview, connections and slow queries all show. */
    public static Sampler.Feed<java.util.List<Backend>> activity(ScreenContext context) {
        return context.sampler().feed("activity", 1, Set.of(Topic.BACKENDS), new ActivityReader(context.target())::backends);
    }

    public static Sampler.Feed<Map<String, Long>> databaseSizes(ScreenContext context) {
        return context.sampler().feed("database sizes", SIZE_EVERY, Set.of(Topic.TABLES),
                new ServerReader(context.target())::databaseSizes);
    }
}
