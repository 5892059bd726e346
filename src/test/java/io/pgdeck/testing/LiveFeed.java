package io.pgdeck.testing;

import io.pgdeck.sample.Sample;
import io.pgdeck.sample.Sampler;
import java.util.Set;
import java.util.function.Consumer;

/** A feed of a test's own, wanted all the time, as the status bar's feeds are. */
public final class LiveFeed {

    private LiveFeed() {
    }

    public static <T> Sampler.Feed<T> every(Sampler sampler, int everyTicks, String name, Sampler.Reader<T> reader,
                                            Consumer<Sample<T>> sink) {
        Sampler.Feed<T> feed = sampler.feed(name, everyTicks, Set.of(), reader);
        feed.subscribeLive(sink);
        return feed;
    }
}
