package io.pgdeck.ui;

import io.pgdeck.sample.Sample;
import io.pgdeck.sample.Sampler;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The feeds one screen shows: they run at their cadence while its page is on screen. */
public final class Watch {

    private final List<Sampler.Subscription> subscriptions = new ArrayList<>();

    public <T> Watch on(Sampler.Feed<T> feed, Consumer<Sample<T>> sink) {
        subscriptions.add(feed.subscribe(sink));
        return this;
    }

    void visible(boolean visible) {
        subscriptions.forEach(s -> s.visible(visible));
    }
}
